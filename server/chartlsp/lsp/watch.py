"""Following the disk: file watchers, ``workspace/didChangeWatchedFiles`` and workspace folder changes.

Users change charts outside the editor (``helm dependency build``, ``git
checkout``, ``helm create``). The server asks the client to watch the files
a chart is made of, and on each batch of changes drops what it read from
disk for the charts concerned, finds the root charts again when a
Chart.yaml or folder came or went, and re-checks the charts concerned
(debounced like edits). Open buffers still win over disk.
"""

from __future__ import annotations

import os

from lsprotocol import types
from pygls.capabilities import get_capability

from ..analysis.settings import Settings
from ..analysis.workspace import is_chart_dir
from .server import ChartLanguageServer, _guard, _path, server

WATCHED = ("**/Chart.yaml", "**/Chart.lock", "**/values*.yaml", "**/values.schema.json", "**/templates/**",
           "**/charts/**", "**/.helmignore", "**/crds/**")
REGISTRATION_ID = "chartlsp.watchedFiles"


def watch_globs(settings: Settings, roots: tuple[str, ...]) -> tuple[str, ...]:
    """The glob patterns to watch: a chart's own files, then the configured values files.

    A values glob is relative to each chart directory, so it is watched at
    any depth; one that leaves the chart (``../``) is watched where it
    points from each root chart.
    """
    out = list(WATCHED)
    for pattern in settings.value_files:
        if os.path.isabs(pattern):
            globs = [pattern]
        elif ".." in pattern.replace("\\", "/").split("/"):
            globs = [os.path.normpath(os.path.join(root, pattern)) for root in roots]
        else:
            globs = ["**/" + pattern.removeprefix("./")]
        out.extend(g for g in globs if g not in out)
    return tuple(out)


async def register_watchers(ls: ChartLanguageServer) -> None:
    """Register (or renew, when the globs changed) the watchers, when the client can register them."""
    if not get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
        return
    globs = watch_globs(ls.settings, ls.snapshot().roots)
    if globs == ls.watched:
        return
    try:
        if ls.watched:
            await ls.client_unregister_capability_async(types.UnregistrationParams(unregisterations=[
                types.Unregistration(id=REGISTRATION_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES)]))
            ls.watched = ()
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
            id=REGISTRATION_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in globs]))]))
    except Exception as e:  # the client refused: edits in the editor still work, disk changes go unseen
        ls.log(f"chartlsp: could not register file watchers: {e}", types.MessageType.Warning)
        return
    ls.watched = globs


def _roots_may_change(path: str, kind: types.FileChangeType, roots: tuple[str, ...]) -> bool:
    """Whether a change can add or remove a root chart (so the workspace is scanned again)."""
    if kind == types.FileChangeType.Changed:
        return False
    if os.path.basename(path) == "Chart.yaml":
        return True
    if kind == types.FileChangeType.Deleted:  # a whole folder: clients report only the folder
        return any(r == path or r.startswith(path + os.sep) for r in roots)
    return os.path.isdir(path)  # a folder moved or copied in


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@_guard(None)
async def did_change_watched_files(ls: ChartLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
    changes = [(p, c.type) for c in params.changes if (p := _path(c.uri)) is not None]
    if not changes:
        return
    before = ls.snapshot()
    charts = {c for p, _ in changes if (c := before.chart_for(p)) is not None}
    ls.cache.forget([p for p, _ in changes])
    ls.changed()
    removed: set[str] = set()
    if any(_roots_may_change(p, kind, before.roots) for p, kind in changes):
        removed, added = ls.rescan()
        charts |= added
        await register_watchers(ls)
    for chart in removed:
        ls.drop_chart(chart)
    after = ls.snapshot()
    charts |= {c for p, _ in changes if (c := after.chart_for(p)) is not None}
    for chart in sorted(charts - removed):
        if is_chart_dir(chart):
            ls.schedule_chart(chart)
        else:  # no longer a chart (its Chart.yaml went, outside any root): clear what it showed
            ls.drop_chart(chart)


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
@_guard(None)
async def did_change_workspace_folders(ls: ChartLanguageServer,
                                       params: types.DidChangeWorkspaceFoldersParams) -> None:
    """pygls has updated the folders already: scan them, check new charts, clear those that left."""
    removed, added = ls.rescan()
    for chart in sorted(removed):
        ls.drop_chart(chart)
    for chart in sorted(added):
        ls.schedule_chart(chart)
    await register_watchers(ls)  # values globs outside the charts follow the roots


__all__ = ["WATCHED", "register_watchers", "watch_globs"]

"""``chartlsp serve``: the pygls server, thin handlers over :mod:`chartlsp.features`.

Every change makes a new immutable :class:`~chartlsp.analysis.workspace.Snapshot`
(open buffers over disk). Diagnostics are debounced per chart and computed
in a worker thread on a snapshot; a result is published only if no newer
change to that chart arrived meanwhile. Changes on disk arrive through
``workspace/didChangeWatchedFiles`` and workspace folder changes (see
:mod:`chartlsp.lsp.watch`). Requests are ``async`` so a
``$/cancelRequest`` cancels them while they wait for their worker. Any
exception in a handler is logged (stderr and ``window/logMessage``) and the
request gets an empty result: the server never dies of a bad input.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, TypeVar

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import PositionCodec

from .. import __version__
from ..analysis.diagnostics import Diagnostic
from ..analysis.settings import SECTION, Settings, parse_settings
from ..analysis.workspace import AnalysisCache, Snapshot, find_charts
from ..features.completion import Completion, complete
from ..features.definition import definition
from ..features.hover import hover
from ..features.links import document_links
from ..features.references import references
from ..features.rename import RenameError, prepare_rename, rename
from ..features.symbols import Symbol, document_symbols, workspace_symbols
from .positions import LineIndex

DEBOUNCE_SECONDS = 0.03
log = logging.getLogger("chartlsp")
T = TypeVar("T")

_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_KIND = {"field": types.CompletionItemKind.Field, "object": types.CompletionItemKind.Module,
         "function": types.CompletionItemKind.Function, "variable": types.CompletionItemKind.Variable,
         "define": types.CompletionItemKind.Reference, "keyword": types.CompletionItemKind.Keyword,
         "enum": types.CompletionItemKind.EnumMember}


class ChartLanguageServer(LanguageServer):
    """Server state: settings, the content cache, pending diagnostics and what was published."""

    def __init__(self) -> None:
        super().__init__("chartlsp", __version__)
        self.settings = Settings()
        self.cache = AnalysisCache()
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chartlsp-analysis")
        self._roots: tuple[str, ...] | None = None
        self._snapshot: Snapshot | None = None
        self.revisions: dict[str, int] = {}  # chart dir -> change counter
        self.pending: dict[str, asyncio.Task] = {}
        self.published: dict[str, dict[str, list]] = {}  # chart dir -> path -> diagnostics last published
        self.watched: tuple[str, ...] = ()  # globs the client watches for us (dynamic registration)

    # ------------------------------------------------------------ state
    def folders(self) -> tuple[str, ...]:
        paths = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not paths and self.workspace.root_path:
            paths = [self.workspace.root_path]
        return tuple(p for p in paths if p)

    def snapshot(self) -> Snapshot:
        """The current snapshot (made once per change)."""
        if self._snapshot is None:
            if self._roots is None:
                self._roots = find_charts(self.folders())
            overlay = {}
            for uri, doc in self.workspace.text_documents.items():
                path = to_fs_path(uri)
                if path:
                    overlay[os.path.abspath(path)] = doc.source
            self._snapshot = Snapshot(self.folders(), overlay, self.settings, self.cache, self._roots)
        return self._snapshot

    def changed(self) -> None:
        self._snapshot = None

    def rescan(self) -> tuple[set[str], set[str]]:
        """Find the root charts again (a Chart.yaml or a folder came or went): (removed, added) roots."""
        old = set(self.snapshot().roots)
        self._roots = find_charts(self.folders())
        self.changed()
        return old - set(self._roots), set(self._roots) - old

    def codec(self) -> PositionCodec:
        return self.workspace.position_codec

    def log(self, message: str, level: types.MessageType = types.MessageType.Log) -> None:
        print(message, file=sys.stderr, flush=True)
        try:
            self.window_log_message(types.LogMessageParams(type=level, message=message))
        except Exception:  # no client connection yet: stderr has it
            pass

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Errors outside requests go to the log, never to a popup."""
        self.log(f"chartlsp: {type(error).__name__}: {error}", types.MessageType.Error)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run CPU work on a worker thread; cancelling the awaiting task drops its result."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, functools.partial(fn, *args))

    # ------------------------------------------------------------ diagnostics
    def schedule(self, path: str) -> None:
        """Re-check the chart holding ``path`` after the debounce delay."""
        chart = self.snapshot().chart_for(path)
        if chart is not None:
            self.schedule_chart(chart)

    def schedule_chart(self, chart: str) -> None:
        self.revisions[chart] = self.revisions.get(chart, 0) + 1
        old = self.pending.get(chart)
        if old is not None:
            old.cancel()
        self.pending[chart] = asyncio.ensure_future(self._diagnose(chart, self.revisions[chart]))

    def drop_chart(self, chart: str) -> None:
        """A chart left the workspace: stop checking it and clear what was published for its files."""
        self.revisions[chart] = self.revisions.get(chart, 0) + 1  # a check in flight is stale now
        task = self.pending.pop(chart, None)
        if task is not None:
            task.cancel()
        self.cache.forget([chart])
        for path in sorted(self.published.pop(chart, {})):
            if (uri := from_fs_path(path)) is not None:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def schedule_all(self) -> None:
        charts = {self.snapshot().chart_for(to_fs_path(uri) or "") for uri in self.workspace.text_documents}
        for chart in charts - {None}:
            self.schedule(os.path.join(chart, "Chart.yaml"))  # type: ignore[arg-type]

    async def _diagnose(self, chart: str, revision: int) -> None:
        try:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            snap = self.snapshot()
            analysis = snap.analysis(chart)
            found = await self.run(analysis.diagnostics)
            if self.revisions.get(chart) != revision:
                return  # a newer change is being analysed
            payload = await self.run(self._convert_all, snap, found)
            if self.revisions.get(chart) != revision:
                return
            before = self.published.get(chart, {})
            open_paths = {p for p in snap.overlay if snap.chart_for(p) == chart}
            for path in sorted(set(payload) | set(before) | open_paths):
                diagnostics = payload.get(path, [])
                if path not in open_paths and diagnostics == before.get(path, []):
                    continue  # unchanged for a closed file: the client already shows exactly this
                uri = from_fs_path(path)
                if uri is None:
                    continue
                doc = self.workspace.text_documents.get(uri)
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics, version=doc.version if doc else None))
            self.published[chart] = {p: ds for p, ds in payload.items() if ds}
        except asyncio.CancelledError:
            raise
        except Exception:
            self.log(f"chartlsp: diagnostics of {chart} failed:\n{traceback.format_exc()}", types.MessageType.Error)

    def _convert_all(self, snap: Snapshot, found: dict[str, list[Diagnostic]]) -> dict[str, list[types.Diagnostic]]:
        related = bool(get_capability(self.client_capabilities,
                                      "text_document.publish_diagnostics.related_information", False))
        out: dict[str, list[types.Diagnostic]] = {}
        for path, diags in found.items():
            index = LineIndex(snap.read(path) or "", self.codec())
            out[path] = [self._diagnostic(d, index, snap, path, related) for d in diags]
        return out

    def _diagnostic(self, d: Diagnostic, index: LineIndex, snap: Snapshot, path: str,
                    related: bool) -> types.Diagnostic:
        info = None
        if related and d.related:
            info = []
            base = snap.chart_for(path) or os.path.dirname(path)
            for r in d.related:
                rpath = r.file if os.path.isabs(r.file) else os.path.join(base, *r.file.split("/"))
                uri = from_fs_path(rpath)
                if uri:
                    rindex = LineIndex(snap.read(rpath) or "", self.codec())
                    info.append(types.DiagnosticRelatedInformation(
                        location=types.Location(uri=uri, range=rindex.range(r.start, r.end)), message=r.message))
        return types.Diagnostic(range=index.range(d.start, d.end), message=d.message,
                                severity=_SEVERITY.get(d.severity, types.DiagnosticSeverity.Error),
                                code=d.code, source="chartlsp", related_information=info or None)

    # ------------------------------------------------------------ settings
    async def load_configuration(self) -> None:
        """Settings from ``workspace/configuration`` when the client advertises it."""
        if not get_capability(self.client_capabilities, "workspace.configuration", False):
            return
        try:
            result = await self.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section=SECTION)]))
        except Exception as e:
            self.log(f"chartlsp: workspace/configuration failed: {e}", types.MessageType.Warning)
            return
        if result and isinstance(result[0], dict):
            self.apply_settings(result[0])

    def apply_settings(self, raw: Any) -> None:
        self.settings = parse_settings(raw, self.settings)
        for p in self.settings.problems:
            self.log(f"chartlsp: {p}", types.MessageType.Warning)
        self.changed()


server = ChartLanguageServer()


def _guard(default: Any) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    """Log any exception of a handler and answer ``default`` instead."""
    def deco(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def wrapper(ls: ChartLanguageServer, params: Any) -> Any:
            try:
                return await fn(ls, params)
            except asyncio.CancelledError:
                raise
            except Exception:
                ls.log(f"chartlsp: {fn.__name__} failed:\n{traceback.format_exc()}", types.MessageType.Error)
                return default
        return wrapper
    return deco


def _path(uri: str) -> str | None:
    p = to_fs_path(uri)
    return os.path.abspath(p) if p else None


@server.feature(types.INITIALIZE)
@_guard(None)
async def initialize(ls: ChartLanguageServer, params: types.InitializeParams) -> None:
    if params.initialization_options is not None:
        ls.apply_settings(params.initialization_options)
    ls.snapshot()  # the root charts now, so any later disk or folder change is told apart from them


@server.feature(types.INITIALIZED)
@_guard(None)
async def initialized(ls: ChartLanguageServer, params: types.InitializedParams) -> None:
    await ls.load_configuration()
    ls.schedule_all()
    await watch.register_watchers(ls)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@_guard(None)
async def did_change_configuration(ls: ChartLanguageServer, params: types.DidChangeConfigurationParams) -> None:
    if isinstance(params.settings, dict) and params.settings:
        ls.apply_settings(params.settings)
    else:
        await ls.load_configuration()
    ls.schedule_all()
    await watch.register_watchers(ls)  # the valuesFiles globs may have changed


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@_guard(None)
async def did_open(ls: ChartLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.changed()
    if (path := _path(params.text_document.uri)) is not None:
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@_guard(None)
async def did_change(ls: ChartLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.changed()
    if (path := _path(params.text_document.uri)) is not None:
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@_guard(None)
async def did_save(ls: ChartLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    if (path := _path(params.text_document.uri)) is not None:
        ls.cache.forget([path])  # the disk changed (the buffer, which wins, did not)
    ls.changed()


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@_guard(None)
async def did_close(ls: ChartLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.changed()  # the disk content counts again
    if (path := _path(params.text_document.uri)) is not None:
        ls.schedule(path)


def _document(ls: ChartLanguageServer, uri: str):
    """(snapshot, analysis, path, text, line index) of an open document, or None."""
    path = _path(uri)
    if path is None:
        return None
    snap = ls.snapshot()
    analysis = snap.analysis_for(path)
    text = snap.read(path)
    if analysis is None or text is None:
        return None
    return snap, analysis, path, text, LineIndex(text, ls.codec())


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[".", "$", '"']))
@_guard(None)
async def completion(ls: ChartLanguageServer, params: types.CompletionParams) -> types.CompletionList | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    items: list[Completion] = await ls.run(complete, analysis, path, text, index.offset(params.position))
    snippets = get_capability(ls.client_capabilities, "text_document.completion.completion_item.snippet_support", False)
    return types.CompletionList(is_incomplete=False, items=[
        types.CompletionItem(label=c.label, kind=_KIND.get(c.kind), detail=c.detail or None,
                             documentation=c.doc or None, sort_text=f"{i:05d}",
                             insert_text_format=types.InsertTextFormat.Snippet if snippets and c.snippet else None,
                             insert_text_mode=types.InsertTextMode.AsIs if "\n" in c.insert else None,  # indent is absolute
                             text_edit=types.TextEdit(range=index.range(c.start, c.end),
                                                      new_text=(c.snippet if snippets and c.snippet else c.insert or c.label)))
        for i, c in enumerate(items)])


@server.feature(types.TEXT_DOCUMENT_HOVER)
@_guard(None)
async def on_hover(ls: ChartLanguageServer, params: types.HoverParams) -> types.Hover | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    h = await ls.run(hover, analysis, path, text, index.offset(params.position))
    if h is None:
        return None
    formats = get_capability(ls.client_capabilities, "text_document.hover.content_format", None) or []
    kind = types.MarkupKind.Markdown if types.MarkupKind.Markdown in formats else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=h.markdown), range=index.range(h.start, h.end))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@_guard(None)
async def on_definition(ls: ChartLanguageServer, params: types.DefinitionParams) -> list[types.Location] | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    snap, analysis, path, text, index = doc
    locations = await ls.run(definition, analysis, path, text, index.offset(params.position))
    out = []
    for loc in locations:
        uri = from_fs_path(loc.path)
        if uri:
            target = index if loc.path == path else LineIndex(snap.read(loc.path) or "", ls.codec())
            out.append(types.Location(uri=uri, range=target.range(loc.start, loc.end)))
    return out or None



# ------------------------------------------------------------ navigation
_SYMBOL_KIND = {"define": types.SymbolKind.Function, "map": types.SymbolKind.Object, "list": types.SymbolKind.Array,
                "string": types.SymbolKind.String, "float64": types.SymbolKind.Number,
                "bool": types.SymbolKind.Boolean, "null": types.SymbolKind.Null}


class _Indexes:
    """Line indexes of the files a result points into, one per file (the open one given)."""

    def __init__(self, ls: ChartLanguageServer, snap: Snapshot, path: str, index: LineIndex) -> None:
        self.ls, self.snap, self.known = ls, snap, {path: index}

    def __call__(self, path: str) -> LineIndex:
        if path not in self.known:
            self.known[path] = LineIndex(self.snap.read(path) or "", self.ls.codec())
        return self.known[path]


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@_guard(None)
async def on_references(ls: ChartLanguageServer, params: types.ReferenceParams) -> list[types.Location] | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    snap, analysis, path, text, index = doc
    locs = await ls.run(references, analysis, path, text, index.offset(params.position),
                        params.context.include_declaration)
    lines = _Indexes(ls, snap, path, index)
    return [types.Location(uri=uri, range=lines(loc.path).range(loc.start, loc.end))
            for loc in locs if (uri := from_fs_path(loc.path))] or None


def _refusal(fn: Callable[..., T], *args: Any) -> T | RenameError:
    """``fn(*args)``, with a refused rename returned rather than raised (so ``_guard`` lets it through)."""
    try:
        return fn(*args)
    except RenameError as e:
        return e


def _request_failed(result: Any) -> Any:
    if isinstance(result, RenameError):
        raise JsonRpcException(str(result), code=int(types.LSPErrorCodes.RequestFailed))
    return result


@_guard(None)
async def _prepare_rename(ls: ChartLanguageServer, params: types.PrepareRenameParams) -> Any:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    target = await ls.run(_refusal, prepare_rename, analysis, path, text, index.offset(params.position))
    if isinstance(target, RenameError):
        return target
    return types.PrepareRenamePlaceholder(range=index.range(target.start, target.end), placeholder=target.placeholder)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
async def on_prepare_rename(ls: ChartLanguageServer, params: types.PrepareRenameParams) -> Any:
    """The key's range and name, or a RequestFailed error saying why it cannot be renamed safely."""
    return _request_failed(await _prepare_rename(ls, params))


@_guard(None)
async def _rename(ls: ChartLanguageServer, params: types.RenameParams) -> Any:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    snap, analysis, path, text, index = doc
    edits = await ls.run(_refusal, rename, analysis, path, text, index.offset(params.position), params.new_name)
    if isinstance(edits, RenameError):
        return edits
    lines = _Indexes(ls, snap, path, index)
    by_uri = {uri: [types.TextEdit(range=lines(p).range(e.start, e.end), new_text=e.new_text) for e in es]
              for p, es in sorted(edits.items()) if (uri := from_fs_path(p))}
    if not get_capability(ls.client_capabilities, "workspace.workspace_edit.document_changes", False):
        return types.WorkspaceEdit(changes=by_uri)
    versions = {u: d.version for u, d in ls.workspace.text_documents.items()}
    return types.WorkspaceEdit(document_changes=[
        types.TextDocumentEdit(text_document=types.OptionalVersionedTextDocumentIdentifier(
            uri=u, version=versions.get(u)), edits=es) for u, es in by_uri.items()])


@server.feature(types.TEXT_DOCUMENT_RENAME)
async def on_rename(ls: ChartLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    """A WorkspaceEdit renaming a values key everywhere; the server never writes files itself."""
    return _request_failed(await _rename(ls, params))


def _document_symbol(s: Symbol, index: LineIndex) -> types.DocumentSymbol:
    return types.DocumentSymbol(name=s.name, kind=_SYMBOL_KIND.get(s.kind, types.SymbolKind.Key),
                                detail=s.detail or None, range=index.range(s.start, s.end),
                                selection_range=index.range(s.name_start, s.name_end),
                                children=[_document_symbol(c, index) for c in s.children] or None)


def _flat_symbols(syms: list[Symbol], index: LineIndex, uri: str, container: str | None,
                  out: list[types.SymbolInformation]) -> list[types.SymbolInformation]:
    for s in syms:
        out.append(types.SymbolInformation(name=s.name, kind=_SYMBOL_KIND.get(s.kind, types.SymbolKind.Key),
                                           location=types.Location(uri=uri, range=index.range(s.start, s.end)),
                                           container_name=container))
        _flat_symbols(s.children, index, uri, s.name, out)
    return out


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_guard(None)
async def on_document_symbol(ls: ChartLanguageServer, params: types.DocumentSymbolParams) -> list[Any] | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    syms = await ls.run(document_symbols, analysis, path, text)
    if get_capability(ls.client_capabilities,
                      "text_document.document_symbol.hierarchical_document_symbol_support", False):
        return [_document_symbol(s, index) for s in syms]
    return _flat_symbols(syms, index, params.text_document.uri, None, [])


@server.feature(types.WORKSPACE_SYMBOL)
@_guard(None)
async def on_workspace_symbol(ls: ChartLanguageServer,
                              params: types.WorkspaceSymbolParams) -> list[types.SymbolInformation] | None:
    snap = ls.snapshot()
    found = await ls.run(workspace_symbols, snap, params.query)
    lines = _Indexes(ls, snap, "", LineIndex("", ls.codec()))
    return [types.SymbolInformation(name=s.name, kind=_SYMBOL_KIND.get(s.kind, types.SymbolKind.Key),
                                    location=types.Location(uri=uri, range=lines(s.path).range(s.start, s.end)),
                                    container_name=s.container)
            for s in found if (uri := from_fs_path(s.path))]


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK, types.DocumentLinkOptions(resolve_provider=False))
@_guard(None)
async def on_document_link(ls: ChartLanguageServer, params: types.DocumentLinkParams) -> list[types.DocumentLink] | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    links = await ls.run(document_links, analysis, path, text)
    tips = get_capability(ls.client_capabilities, "text_document.document_link.tooltip_support", False)
    return [types.DocumentLink(range=index.range(lk.start, lk.end), target=uri, tooltip=lk.tooltip if tips else None)
            for lk in links if (uri := from_fs_path(lk.target))]

from . import more_features, watch  # noqa: E402,F401  (more handlers: tokens, hints, actions, preview; the disk)


def serve() -> int:
    """Run the server on stdin/stdout; nothing else may write to stdout."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    # A check running in a worker holds the GIL for up to the switch interval at a time; 1 ms
    # (not 5) keeps a completion or hover arriving meanwhile interactive.
    sys.setswitchinterval(0.001)
    server.start_io(sys.stdin.buffer, out)
    return 0


__all__ = ["ChartLanguageServer", "serve", "server"]

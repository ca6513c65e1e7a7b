"""The server follows the disk: file watchers, didChangeWatchedFiles, unsaved files, workspace folders."""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from .conftest import registrations
from .test_server import CHART, PRESETS, SERVER, codes, diagnostics_for, start_session, uri

pytestmark = pytest.mark.asyncio(loop_scope="function")

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "%s" . }}
spec:
  replicas: {{ .Values.replicas | quote }}
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: x
    spec:
      containers:
        - name: x
          image: nginx
"""
REPLICAS_ERROR = 'spec.replicas: expected integer, got string "2"'
WATCHED = ["**/Chart.yaml", "**/Chart.lock", "**/values*.yaml", "**/values.schema.json", "**/templates/**",
           "**/charts/**", "**/.helmignore", "**/crds/**"]


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def make_chart(path: str, name: str) -> str:
    """A chart whose one template has a schema error; returns the template's path."""
    write(os.path.join(path, "Chart.yaml"), f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n")
    write(os.path.join(path, "values.yaml"), "replicas: 2\n")
    write(os.path.join(path, "templates", "_helpers.tpl"), f'{{{{- define "{name}.name" -}}}}{name}{{{{- end }}}}\n')
    deploy = os.path.join(path, "templates", "deploy.yaml")
    write(deploy, DEPLOYMENT % f"{name}.name")
    return deploy


@pytest.fixture
def workspace(tmp_path) -> str:
    ws = tmp_path / "ws"
    shutil.copytree(CHART, ws / "web")
    return str(ws)


@pytest_lsp.fixture(params=PRESETS, config=SERVER)
async def client(request, lsp_client: LanguageClient, workspace: str):
    await start_session(lsp_client, request.param, workspace, "ws", {"valuesFiles": ["env/*.yaml"]})
    yield
    await lsp_client.shutdown_session()


def dynamic(client: LanguageClient) -> bool:
    return bool(client.capabilities.workspace.did_change_watched_files.dynamic_registration)


def changed(client: LanguageClient, *events: tuple[str, t.FileChangeType]) -> None:
    client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=uri(p), type=kind) for p, kind in events]))


async def until(check, timeout: float = 10) -> None:
    async def poll():
        while not check():
            await asyncio.sleep(0.02)
    await asyncio.wait_for(poll(), timeout)


def globs(client: LanguageClient) -> list[str]:
    r = registrations(client).get("chartlsp.watchedFiles")
    if r is None:
        return []
    assert r.method == t.WORKSPACE_DID_CHANGE_WATCHED_FILES
    return [w["globPattern"] for w in r.register_options["watchers"]]


async def test_watchers_registered_only_when_the_client_can(client: LanguageClient):
    if dynamic(client):
        await until(lambda: globs(client))
        assert globs(client) == WATCHED + ["**/env/*.yaml"]
        client.workspace_did_change_configuration(t.DidChangeConfigurationParams(
            settings={"chartlsp": {"valuesFiles": ["./values-prod.yaml"]}}))
        await until(lambda: "**/values-prod.yaml" in globs(client))
        assert globs(client) == WATCHED + ["**/values-prod.yaml"]
    else:
        await client.workspace_symbol_async(t.WorkspaceSymbolParams(query="web"))  # initialized has run
        await asyncio.sleep(0.3)
        assert registrations(client) == {}


async def test_new_template_on_disk_gets_its_diagnostics(client: LanguageClient, workspace: str):
    new = os.path.join(workspace, "web", "templates", "second.yaml")
    write(new, DEPLOYMENT % "web.name")
    changed(client, (new, t.FileChangeType.Created))
    ds = await diagnostics_for(client, uri(new), lambda ds: "schema-type" in codes(ds))
    assert [(d.range.start.line, d.message) for d in ds] == [(5, REPLICAS_ERROR)]


async def test_deleted_template_has_its_diagnostics_cleared(client: LanguageClient, workspace: str):
    deploy = os.path.join(workspace, "web", "templates", "deploy.yaml")
    changed(client, (deploy, t.FileChangeType.Changed))
    await diagnostics_for(client, uri(deploy), lambda ds: "schema-type" in codes(ds))
    os.remove(deploy)
    changed(client, (deploy, t.FileChangeType.Deleted))
    assert await diagnostics_for(client, uri(deploy), lambda ds: not ds) == ()


async def test_values_changed_on_disk_and_open_buffers_still_win(client: LanguageClient, workspace: str):
    chart = os.path.join(workspace, "web")
    deploy, values = os.path.join(chart, "templates", "deploy.yaml"), os.path.join(chart, "values.yaml")
    with open(deploy, encoding="utf-8") as fh:
        text = fh.read()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri(deploy), language_id="helm", version=1, text=text)))
    await diagnostics_for(client, uri(deploy), lambda ds: "schema-type" in codes(ds))
    write(values, "replicas: two\nimage:\n  repository: nginx\n  tag: '1'\n")
    write(deploy, "broken: {{ (\n")  # the buffer, not this, is what the editor shows
    changed(client, (values, t.FileChangeType.Changed), (deploy, t.FileChangeType.Changed))
    ds = await diagnostics_for(client, uri(deploy), lambda ds: any('"two"' in d.message for d in ds))
    assert codes(ds) == ["schema-type"] and ds[0].range.start.line == 6


async def test_chart_created_then_deleted(client: LanguageClient, workspace: str):
    api = os.path.join(workspace, "apps", "api")
    deploy = make_chart(api, "api")
    changed(client, *((os.path.join(api, f), t.FileChangeType.Created)
                      for f in ("Chart.yaml", "values.yaml", "templates/_helpers.tpl", "templates/deploy.yaml")))
    ds = await diagnostics_for(client, uri(deploy), lambda ds: "schema-type" in codes(ds))
    assert [d.message for d in ds] == [REPLICAS_ERROR]
    shutil.rmtree(os.path.join(workspace, "apps"))
    changed(client, (os.path.join(workspace, "apps"), t.FileChangeType.Deleted))  # the folder only, as VS Code does
    assert await diagnostics_for(client, uri(deploy), lambda ds: not ds) == ()


async def test_subchart_archive_added_by_dependency_build(client: LanguageClient, workspace: str, tmp_path):
    chart = os.path.join(workspace, "web")
    with open(os.path.join(chart, "Chart.yaml"), "a", encoding="utf-8") as fh:
        fh.write("dependencies:\n  - name: api\n    version: 0.1.0\n    repository: file://../api\n")
    yaml_path = os.path.join(chart, "Chart.yaml")
    changed(client, (yaml_path, t.FileChangeType.Changed))
    ds = await diagnostics_for(client, uri(yaml_path), lambda ds: "missing-dependency" in codes(ds))
    make_chart(str(tmp_path / "src" / "api"), "api")
    shutil.make_archive(str(tmp_path / "api-0.1.0"), "gztar", tmp_path / "src", "api")
    tgz = os.path.join(chart, "charts", "api-0.1.0.tgz")
    os.makedirs(os.path.dirname(tgz))
    shutil.copy(tmp_path / "api-0.1.0.tar.gz", tgz)
    changed(client, (tgz, t.FileChangeType.Created))
    ds = await diagnostics_for(client, uri(yaml_path), lambda ds: "missing-dependency" not in codes(ds))
    assert ds == ()


async def test_unsaved_new_template_is_part_of_its_chart(client: LanguageClient, workspace: str):
    new = os.path.join(workspace, "web", "templates", "unsaved.yaml")
    text = DEPLOYMENT % "web.name"
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri(new), language_id="helm", version=1, text=text)))
    ds = await diagnostics_for(client, uri(new), lambda ds: "schema-type" in codes(ds))
    assert [d.message for d in ds] == [REPLICAS_ERROR]  # rendered with the chart: include and values resolve
    res = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri(new)), position=t.Position(line=5, character=24)))
    assert {"replicas", "image"} <= {i.label for i in res.items}
    client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=uri(new))))
    assert await diagnostics_for(client, uri(new), lambda ds: not ds) == ()


async def test_workspace_folders_added_and_removed(client: LanguageClient, tmp_path):
    other = str(tmp_path / "other")
    deploy = make_chart(os.path.join(other, "api"), "api")
    folder = t.WorkspaceFolder(uri=uri(other), name="other")
    client.workspace_did_change_workspace_folders(t.DidChangeWorkspaceFoldersParams(
        event=t.WorkspaceFoldersChangeEvent(added=[folder], removed=[])))
    ds = await diagnostics_for(client, uri(deploy), lambda ds: "schema-type" in codes(ds))
    assert [d.message for d in ds] == [REPLICAS_ERROR]
    client.workspace_did_change_workspace_folders(t.DidChangeWorkspaceFoldersParams(
        event=t.WorkspaceFoldersChangeEvent(added=[], removed=[folder])))
    assert await diagnostics_for(client, uri(deploy), lambda ds: not ds) == ()

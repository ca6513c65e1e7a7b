"""``chartlsp serve`` over stdio, driven by pytest-lsp with real client capability presets."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HERE = os.path.dirname(os.path.abspath(__file__))
CHART = os.path.join(HERE, "fixtures", "web")
DEPLOY = os.path.join(CHART, "templates", "deploy.yaml")
VALUES = os.path.join(CHART, "values.yaml")
SERVER_ENV = {**os.environ, "PYTHONPATH": os.path.join(os.path.dirname(os.path.dirname(HERE)), "server")}

ENCODINGS: dict[int, str] = {}  # client -> negotiated position encoding
pytestmark = pytest.mark.asyncio(loop_scope="function")


def uri(path: str) -> str:
    return "file://" + path


def read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "chartlsp.cli.main", "serve"], server_env=SERVER_ENV)
PRESETS = ["visual-studio-code", "neovim"]


async def start_session(client: LanguageClient, preset: str, folder: str, name: str,
                        options: dict | None = None) -> t.InitializeResult:
    """Initialize with ``preset``'s capabilities and ``folder`` as the workspace; the encoding is remembered."""
    result = await client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities(preset),
        workspace_folders=[t.WorkspaceFolder(uri=uri(folder), name=name)],
        initialization_options={"diagnostics": {"unusedValues": False}, **(options or {})}))
    ENCODINGS[id(client)] = result.capabilities.position_encoding or "utf-16"
    return result


def units(client: LanguageClient, text: str) -> int:
    """The length of ``text`` in the client's negotiated position units."""
    return len(text.encode("utf-16-le")) // 2 if ENCODINGS[id(client)] == "utf-16" else len(text.encode())


@pytest_lsp.fixture(params=PRESETS, config=SERVER)
async def client(request, lsp_client: LanguageClient):
    await start_session(lsp_client, request.param, CHART, "web")
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, path: str, text: str | None = None, version: int = 1) -> str:
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri(path), language_id="helm", version=version, text=read(path) if text is None else text)))
    return uri(path)


def change(client: LanguageClient, path: str, version: int, start: tuple[int, int], end: tuple[int, int],
           text: str) -> None:
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[t.TextDocumentContentChangePartial(
            range=t.Range(start=t.Position(line=start[0], character=start[1]),
                          end=t.Position(line=end[0], character=end[1])), text=text)]))


async def diagnostics_for(client: LanguageClient, doc_uri: str, want=lambda ds: True, timeout: float = 20):
    """Wait until ``doc_uri`` has diagnostics satisfying ``want``."""
    async def wait():
        while not (doc_uri in client.diagnostics and want(client.diagnostics[doc_uri])):
            await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.wait_for(wait(), timeout)
    return client.diagnostics[doc_uri]


def codes(ds) -> list[str]:
    return [d.code for d in ds]


async def test_schema_error_on_its_template_line(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    ds = await diagnostics_for(client, doc, lambda ds: "schema-type" in codes(ds))
    d = next(d for d in ds if d.code == "schema-type")
    assert d.range.start.line == 6 and d.range.start.character == 12
    assert d.severity == t.DiagnosticSeverity.Error
    assert d.message == 'spec.replicas: expected integer, got string "2"'


async def test_parse_error_while_typing_then_fixed(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    await diagnostics_for(client, doc, lambda ds: "schema-type" in codes(ds))
    change(client, DEPLOY, 2, (6, 39), (6, 39), " (")  # "{{ .Values.replicas | quote ( }}"
    ds = await diagnostics_for(client, doc, lambda ds: "parse-error" in codes(ds))
    assert next(d for d in ds if d.code == "parse-error").range.start.line == 6
    change(client, DEPLOY, 3, (6, 31), (6, 41), "")  # drop " | quote (": the value is an integer again
    ds = await diagnostics_for(client, doc, lambda ds: not any(d.severity == 1 for d in ds))
    assert list(ds) == []


async def test_undefined_value_warning(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    await diagnostics_for(client, doc, lambda ds: "schema-type" in codes(ds))
    change(client, DEPLOY, 2, (3, 33), (3, 33), "{{ .Values.nameOverride }}")
    ds = await diagnostics_for(client, doc, lambda ds: "undefined-value" in codes(ds))
    d = next(d for d in ds if d.code == "undefined-value")
    assert d.severity == t.DiagnosticSeverity.Warning
    assert (d.range.start.line, d.range.start.character) == (3, 36)


async def test_values_edit_republishes_template_diagnostics(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    await diagnostics_for(client, doc, lambda ds: "schema-type" in codes(ds))
    vdoc = open_doc(client, VALUES)
    change(client, VALUES, 2, (0, 10), (0, 11), "two")  # replicas: two
    ds = await diagnostics_for(client, doc, lambda ds: any('"two"' in d.message for d in ds))
    assert ds[0].range.start.line == 6
    assert vdoc


async def test_completion_after_values(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    line = read(DEPLOY).split("\n")[6]
    col = line.index(".Values.") + len(".Values.")
    res = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=6, character=col)))
    labels = [i.label for i in res.items]
    assert labels[:2] == ["replicas", "image"]
    change(client, DEPLOY, 2, (6, col), (6, col + len("replicas")), "image.")
    res = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=6, character=col + 6)))
    items = {i.label: i for i in res.items}
    assert set(items) == {"repository", "tag"}
    assert items["tag"].text_edit.range.start == t.Position(line=6, character=col + 6)


async def test_hover_and_definition_on_a_non_ascii_line(client: LanguageClient):
    """Line 4 holds "😀" (two UTF-16 units, four UTF-8 bytes): positions must follow the encoding."""
    doc = open_doc(client, DEPLOY)
    line = read(DEPLOY).split("\n")[4]
    chars = line.index("tag")
    n = units(client, line[:chars])
    assert n > chars  # the emoji counts more than one unit in either encoding
    h = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=4, character=n + 1)))
    assert "**.Values.image.tag**" in h.contents.value and "The image tag" in h.contents.value
    assert h.range.start == t.Position(line=4, character=n)
    assert h.range.end == t.Position(line=4, character=n + 3)
    locs = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=4, character=n + 1)))
    assert [(loc.uri, loc.range.start.line, loc.range.start.character) for loc in locs] == [(uri(VALUES), 4, 2)]


async def test_definition_of_include(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    line = read(DEPLOY).split("\n")[3]
    col = line.index("web.name")
    locs = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=3, character=col)))
    helpers = os.path.join(CHART, "templates", "_helpers.tpl")
    assert [(loc.uri, loc.range.start.line, loc.range.start.character) for loc in locs] == [(uri(helpers), 0, 11)]


async def test_requests_on_junk_answer_empty(client: LanguageClient):
    doc = open_doc(client, DEPLOY, "{{ {{ .Values. ( }} \x00 {{ end")
    for line, col in ((0, 0), (0, 5), (0, 14), (5, 99)):
        pos = t.Position(line=line, character=col)
        ident = t.TextDocumentIdentifier(uri=doc)
        await client.text_document_completion_async(t.CompletionParams(text_document=ident, position=pos))
        await client.text_document_hover_async(t.HoverParams(text_document=ident, position=pos))
        await client.text_document_definition_async(t.DefinitionParams(text_document=ident, position=pos))
    res = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=0, character=14)))
    assert "image" in [i.label for i in res.items]

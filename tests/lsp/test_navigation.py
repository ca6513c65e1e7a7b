"""References, rename, symbols and links over stdio, with both client presets."""

from __future__ import annotations

import os

import pytest
import pytest_lsp
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from .test_server import PRESETS, SERVER, open_doc, read, start_session, units, uri

HERE = os.path.dirname(os.path.abspath(__file__))
CHART = os.path.join(HERE, "fixtures", "nav")
CM = os.path.join(CHART, "templates", "cm.yaml")
HELPERS = os.path.join(CHART, "templates", "_helpers.tpl")
VALUES = os.path.join(CHART, "values.yaml")
SUB_CM = os.path.join(CHART, "charts", "sub", "templates", "cm.yaml")
SUB_VALUES = os.path.join(CHART, "charts", "sub", "values.yaml")
pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest_lsp.fixture(params=PRESETS, config=SERVER)
async def client(request, lsp_client: LanguageClient):
    await start_session(lsp_client, request.param, CHART, "nav")
    yield
    await lsp_client.shutdown_session()


def pos(client: LanguageClient, path: str, line: int, needle: str, nth: int = 0, plus: int = 0) -> t.Position:
    """The position of the ``nth`` ``needle`` on ``line`` (plus ``plus`` characters), in the client's units."""
    text = read(path).split("\n")[line]
    col = -1
    for _ in range(nth + 1):
        col = text.index(needle, col + 1)
    return t.Position(line=line, character=units(client, text[:col + plus]))


def spots(locs) -> list[tuple[str, int, int, int]]:
    return [(os.path.relpath(loc.uri[len("file://"):], CHART), loc.range.start.line, loc.range.start.character,
             loc.range.end.character) for loc in locs]


async def test_references_of_a_value_on_a_non_ascii_line(client: LanguageClient):
    doc = open_doc(client, CM)
    at = pos(client, CM, 5, "tag", plus=1)
    locs = await client.text_document_references_async(t.ReferenceParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=at,
        context=t.ReferenceContext(include_declaration=True)))
    tag = pos(client, CM, 5, "tag")
    again = pos(client, CM, 7, "tag")
    assert spots(locs) == [("values.yaml", 2, 2, 5), ("templates/cm.yaml", 5, tag.character, tag.character + 3),
                           ("templates/cm.yaml", 7, again.character, again.character + 3)]
    assert tag.character > read(CM).split("\n")[5].index("tag")  # the emoji counts double in both encodings


async def test_references_of_a_define_and_of_a_subchart_value(client: LanguageClient):
    doc = open_doc(client, CM)
    locs = await client.text_document_references_async(t.ReferenceParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=pos(client, CM, 3, "nav.name"),
        context=t.ReferenceContext(include_declaration=True)))
    assert spots(locs) == [("templates/_helpers.tpl", 0, 11, 21), ("templates/cm.yaml", 3, 19, 29)]
    vdoc = open_doc(client, SUB_VALUES)
    locs = await client.text_document_references_async(t.ReferenceParams(
        text_document=t.TextDocumentIdentifier(uri=vdoc), position=t.Position(line=0, character=2),
        context=t.ReferenceContext(include_declaration=False)))
    assert spots(locs) == [("charts/sub/templates/cm.yaml", 5, 23, 31)]


async def test_prepare_rename_and_rename(client: LanguageClient):
    doc = open_doc(client, CM)
    at = pos(client, CM, 5, "tag", plus=1)
    ident = t.TextDocumentIdentifier(uri=doc)
    prep = await client.text_document_prepare_rename_async(t.PrepareRenameParams(text_document=ident, position=at))
    start = pos(client, CM, 5, "tag")
    assert prep.placeholder == "tag"
    assert (prep.range.start, prep.range.end) == (start, t.Position(line=5, character=start.character + 3))
    edit = await client.text_document_rename_async(t.RenameParams(text_document=ident, position=at,
                                                                  new_name="version"))
    if edit.document_changes is not None:
        assert [c.text_document.version for c in edit.document_changes] == [1, None]
        changes = {c.text_document.uri: c.edits for c in edit.document_changes}
    else:
        changes = edit.changes
    got = {os.path.relpath(u[len("file://"):], CHART): [(e.range.start.line, e.range.start.character, e.new_text)
                                                         for e in es] for u, es in changes.items()}
    again = pos(client, CM, 7, "tag")
    assert got == {"templates/cm.yaml": [(5, start.character, "version"), (7, again.character, "version")],
                   "values.yaml": [(2, 2, "version")]}
    assert read(VALUES).split("\n")[2] == '  tag: "1.0"'  # nothing written by the server


async def test_rename_refusals_explain_why(client: LanguageClient):
    doc = open_doc(client, CM)
    ident = t.TextDocumentIdentifier(uri=doc)
    with pytest.raises(JsonRpcException, match="Only .Values keys can be renamed"):
        await client.text_document_prepare_rename_async(t.PrepareRenameParams(
            text_document=ident, position=pos(client, CM, 3, "nav.name")))
    with pytest.raises(JsonRpcException, match="not a valid key"):
        await client.text_document_rename_async(t.RenameParams(
            text_document=ident, position=pos(client, CM, 5, "tag"), new_name="my-tag"))
    sub = open_doc(client, SUB_CM)
    with pytest.raises(JsonRpcException, match="values section of subchart `sub`"):
        await client.text_document_prepare_rename_async(t.PrepareRenameParams(
            text_document=t.TextDocumentIdentifier(uri=open_doc(client, VALUES)),
            position=t.Position(line=3, character=1)))
    assert sub


async def test_document_symbols(client: LanguageClient):
    syms = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(uri=open_doc(client, VALUES))))
    assert [(s.name, s.kind, s.selection_range.start.line, [(c.name, c.detail) for c in s.children or []])
            for s in syms] == [("image", t.SymbolKind.Object, 0, [("tag", "1.0")]),
                               ("sub", t.SymbolKind.Object, 3, [("greeting", "hello")])]
    syms = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(uri=open_doc(client, HELPERS))))
    assert [(s.name, s.kind, s.range.start.line, s.range.end.line) for s in syms] == [
        ("nav.name", t.SymbolKind.Function, 0, 2)]


async def test_workspace_symbols(client: LanguageClient):
    found = await client.workspace_symbol_async(t.WorkspaceSymbolParams(query="greet"))
    assert [(s.name, s.container_name, s.location.range.start.line) for s in found] == [
        ("greeting", "charts/sub/values.yaml", 0), ("sub.greeting", "values.yaml", 4)]
    found = await client.workspace_symbol_async(t.WorkspaceSymbolParams(query="nav.n"))
    assert [(s.name, s.kind, s.location.uri) for s in found] == [("nav.name", t.SymbolKind.Function, uri(HELPERS))]


async def test_document_links(client: LanguageClient):
    links = await client.text_document_document_link_async(t.DocumentLinkParams(
        text_document=t.TextDocumentIdentifier(uri=open_doc(client, CM))))
    start = pos(client, CM, 6, "files/app.conf")
    assert [(lk.range.start, lk.range.end.character, lk.target) for lk in links] == [
        (start, start.character + len("files/app.conf"), uri(os.path.join(CHART, "files", "app.conf")))]

"""Semantic tokens, inlay hints, code actions, the missing-dependency diagnostic and the render preview over stdio."""

from __future__ import annotations

import os

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from .test_server import PRESETS, SERVER, diagnostics_for, open_doc, read, start_session, units, uri

HERE = os.path.dirname(os.path.abspath(__file__))
CHART = os.path.join(HERE, "fixtures", "more")
DEPLOY = os.path.join(CHART, "templates", "deploy.yaml")
INGRESS = os.path.join(CHART, "templates", "ingress.yaml")
NOTES = os.path.join(CHART, "templates", "NOTES.txt")
VALUES = os.path.join(CHART, "values.yaml")
CHART_YAML = os.path.join(CHART, "Chart.yaml")
pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest_lsp.fixture(params=PRESETS, config=SERVER)
async def client(request, lsp_client: LanguageClient):
    result = await start_session(lsp_client, request.param, CHART, "more")
    caps = result.capabilities
    assert caps.semantic_tokens_provider.legend.token_types[0] == "macro"
    assert caps.semantic_tokens_provider.range and caps.semantic_tokens_provider.full
    assert list(caps.execute_command_provider.commands) == ["chartlsp.renderPreview"]
    yield
    await lsp_client.shutdown_session()


def col(client: LanguageClient, path: str, line: int, needle: str, nth: int = 0) -> int:
    """The column of the ``nth`` ``needle`` on ``line``, in the client's position units."""
    text = read(path).split("\n")[line]
    c = -1
    for _ in range(nth + 1):
        c = text.index(needle, c + 1)
    return units(client, text[:c])


def decode(data: list[int]) -> list[tuple[int, int, int, str, int]]:
    """(line, character, length, type name, modifier bits) of LSP's relative token encoding."""
    from chartlsp.features.semantic_tokens import TOKEN_TYPES
    out, line, char = [], 0, 0
    for i in range(0, len(data), 5):
        dl, dc, n, typ, mods = data[i:i + 5]
        line, char = line + dl, (char + dc if dl == 0 else dc)
        out.append((line, char, n, TOKEN_TYPES[typ], mods))
    return out


async def test_semantic_tokens_full_after_non_ascii_text(client: LanguageClient):
    doc = open_doc(client, NOTES)
    got = await client.text_document_semantic_tokens_full_async(t.SemanticTokensParams(
        text_document=t.TextDocumentIdentifier(uri=doc)))
    c = lambda needle, nth=0: col(client, NOTES, 0, needle, nth)  # noqa: E731
    assert decode(got.data) == [
        (0, c("{{"), 2, "macro", 0), (0, c(".Chart"), 6, "property", 2), (0, c(".Name"), 5, "property", 0),
        (0, c("}}"), 2, "macro", 0), (0, c("{{", 1), 2, "macro", 0), (0, c(".Values"), 7, "property", 2),
        (0, c(".replicaCount"), 13, "property", 0), (0, c("}}", 1), 2, "macro", 0)]
    assert c("{{") > len("🚀 Thanks for installing ") - 1  # the rocket is 2 UTF-16 units / 4 UTF-8 bytes


async def test_semantic_tokens_range(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    got = await client.text_document_semantic_tokens_range_async(t.SemanticTokensRangeParams(
        text_document=t.TextDocumentIdentifier(uri=doc),
        range=t.Range(start=t.Position(line=5, character=0), end=t.Position(line=6, character=0))))
    assert decode(got.data) == [(5, 12, 2, "macro", 0), (5, 15, 7, "property", 2), (5, 22, 13, "property", 0),
                                (5, 36, 1, "operator", 0), (5, 38, 5, "function", 2), (5, 44, 2, "macro", 0)]


async def test_inlay_hints_off_by_default_then_enabled(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    params = t.InlayHintParams(text_document=t.TextDocumentIdentifier(uri=doc),
                               range=t.Range(start=t.Position(line=5, character=0), end=t.Position(line=18, character=0)))
    assert not await client.text_document_inlay_hint_async(params)
    client.workspace_did_change_configuration(t.DidChangeConfigurationParams(
        settings={"chartlsp": {"inlayHints": {"values": True}, "diagnostics": {"unusedValues": False}}}))
    hints = await client.text_document_inlay_hint_async(params)
    got = [(h.position.line, h.position.character, h.label) for h in hints]
    assert got == [(5, 35, "= 2"), (16, col(client, DEPLOY, 16, ".image.repository") + 17, '= "nginx"')]


def _edits(action: t.CodeAction) -> dict[str, list[tuple[int, int, int, int, str]]]:
    edit = action.edit
    pairs = ([(c.text_document.uri, c.edits) for c in edit.document_changes] if edit.document_changes is not None
             else list(edit.changes.items()))
    return {os.path.relpath(u[len("file://"):], CHART): [(e.range.start.line, e.range.start.character,
                                                          e.range.end.line, e.range.end.character, e.new_text)
                                                         for e in es] for u, es in pairs}


async def _actions(client: LanguageClient, path: str, line: int) -> list[t.CodeAction]:
    doc = open_doc(client, path)
    return await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=doc),
        range=t.Range(start=t.Position(line=line, character=0), end=t.Position(line=line, character=80)),
        context=t.CodeActionContext(diagnostics=[])))


async def test_code_action_int_and_quote(client: LanguageClient):
    [action] = await _actions(client, DEPLOY, 5)
    assert action.title == "Convert the value to an integer (| int)"
    assert action.kind == t.CodeActionKind.QuickFix and action.diagnostics[0].code == "schema-type"
    assert _edits(action) == {"templates/deploy.yaml": [(5, 38, 5, 43, "int")]}
    [action] = await _actions(client, DEPLOY, 20)
    assert action.title == "Quote the value (| quote)"
    assert _edits(action) == {"templates/deploy.yaml": [(20, 36, 20, 36, " | quote")]}
    [action] = await _actions(client, DEPLOY, 24)
    assert _edits(action) == {"templates/deploy.yaml": [(24, 21, 24, 23, '"42"')]}


async def test_code_action_adds_missing_value_key(client: LanguageClient):
    [action] = await _actions(client, DEPLOY, 17)
    assert action.title == "Add image.pullPolicy to values.yaml"
    assert action.diagnostics[0].code == "undefined-value"
    assert _edits(action) == {"values.yaml": [(5, 0, 5, 0, "  pullPolicy: null\n")]}
    assert read(VALUES).count("pullPolicy") == 0  # nothing written by the server


async def test_code_action_replaces_removed_api_version(client: LanguageClient):
    [action] = await _actions(client, INGRESS, 0)
    assert action.title == "Replace extensions/v1beta1 with networking.k8s.io/v1"
    assert _edits(action) == {"templates/ingress.yaml": [(0, 12, 0, 30, "networking.k8s.io/v1")]}


async def test_missing_dependency_diagnostic_and_features_still_work(client: LanguageClient):
    doc = open_doc(client, DEPLOY)
    ds = await diagnostics_for(client, uri(CHART_YAML), lambda ds: any(d.code == "missing-dependency" for d in ds))
    [d] = [d for d in ds if d.code == "missing-dependency"]
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (4, 10, 15)
    assert d.message == ('dependency "redis" is declared in Chart.yaml but missing from charts/; '
                         'run "helm dependency build" in the chart directory to fetch it')
    ds = await diagnostics_for(client, doc, lambda ds: any(d.code == "schema-type" for d in ds))
    assert any(d.range.start.line == 5 for d in ds)  # the chart still renders and validates
    h = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=doc), position=t.Position(line=20, character=33)))
    assert "**.Values.port**" in h.contents.value


async def test_render_preview(client: LanguageClient):
    result = await client.workspace_execute_command_async(t.ExecuteCommandParams(
        command="chartlsp.renderPreview", arguments=[{"uri": uri(INGRESS)}]))
    assert result["error"] is None
    assert result["manifest"].startswith("---\n# Source: more/templates/deploy.yaml\napiVersion: apps/v1\n")
    assert "\n---\n# Source: more/templates/ingress.yaml\n" in result["manifest"]
    docs = result["documents"]
    assert [(d["source"], d["kind"]) for d in docs] == [
        ("more/templates/ingress.yaml", "template"), ("more/templates/deploy.yaml", "template"),
        ("more/templates/NOTES.txt", "notes"), ("COMPUTED VALUES", "values")]
    assert docs[2]["text"] == "🚀 Thanks for installing more (2 replicas).\n"
    deploy = docs[1]
    assert deploy["uri"] == uri(DEPLOY)
    assert deploy["text"].split("\n")[5] == '  replicas: "2"'
    line5 = next(m for m in deploy["sourceMap"] if m["outLine"] == 5)
    assert line5 == {"outLine": 5, "uri": uri(DEPLOY), "file": "templates/deploy.yaml", "line": 5, "character": 2}
    assert docs[3]["text"].startswith("debug: true\nimage:\n  repository: nginx\nport: 8080\nreplicaCount: 2\n")
    prod = await client.workspace_execute_command_async(t.ExecuteCommandParams(
        command="chartlsp.renderPreview", arguments=[{"uri": uri(DEPLOY), "valuesFiles": ["values-prod.yaml"]}]))
    assert prod["documents"][0]["source"] == "more/templates/deploy.yaml"
    assert "replicaCount: 5" in prod["documents"][-1]["text"]
    bad = await client.workspace_execute_command_async(t.ExecuteCommandParams(
        command="chartlsp.renderPreview", arguments=[{"uri": uri(DEPLOY), "valuesFiles": ["nope.yaml"]}]))
    assert bad["documents"] == [] and "nope.yaml" in bad["error"]

"""Random edits and requests at random positions over the protocol: the server never dies and
every answer is a well-formed protocol value whose ranges lie inside the edited document."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lsprotocol import types as t

from .rawclient import RawClient

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "web")
FILES = ("templates/deploy.yaml", "templates/_helpers.tpl", "values.yaml")
SNIPPETS = ("{{", "}}", "{{ ", " }}", "{{- ", " -}}", ".Values.", ".Values.image.", "$", "$x := ", "| quote",
            "include \"web.name\" .", "{{ define \"a\" }}", "{{ end }}", "{{ range .Values.image }}", "{{ with . }}",
            "(", ")", "\"", "'", "\n", "\n  ", "  - ", "- name: x\n", "key: value\n", "image:\n  tag: 1\n",
            ": ", "#", "# -- doc\n", "---\n", "\t", "é", "😀", "\x00", "{{/* c */}}", "{{ .Release.Name }}",
            "spec:\n  template:\n    spec:\n      containers:\n        - ", "apiVersion: v1\nkind: Service\n")
REQUESTS = ("textDocument/completion", "textDocument/hover", "textDocument/definition",
            "textDocument/references", "textDocument/documentSymbol")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chart = str(tmp_path_factory.mktemp("fuzz") / "web")
    shutil.copytree(FIXTURE, chart)
    client = RawClient(chart)
    docs = {}
    for rel in FILES:
        path = os.path.join(chart, rel)
        with open(path, encoding="utf-8") as fh:
            docs[rel] = [fh.read(), 1]
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": "file://" + path, "languageId": "helm", "version": 1, "text": docs[rel][0]}})
    yield client, chart, docs
    client.close()


def position(text: str, offset: int) -> dict:
    """UTF-16 line/character of a character offset (the client advertised no other encoding)."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def check_range(r: t.Range, text: str) -> None:
    lines = text.split("\n")
    for p in (r.start, r.end):
        assert 0 <= p.line < len(lines) and 0 <= p.character <= len(lines[p.line].encode("utf-16-le")) // 2
    assert (r.start.line, r.start.character) <= (r.end.line, r.end.character)


def ranges(result, uri: str):
    """(range, document uri) pairs of a typed result, for the ranges that point into a document."""
    items = result.items if isinstance(result, t.CompletionList) else result
    if isinstance(result, t.Hover):
        return [(result.range, uri)] if result.range else []
    out = []
    for x in items or ():
        if isinstance(x, t.CompletionItem) and isinstance(x.text_edit, t.TextEdit):
            out.append((x.text_edit.range, uri))
        elif isinstance(x, t.Location):
            out.append((x.range, x.uri))
        elif isinstance(x, t.DocumentSymbol):
            out += [(x.range, uri), (x.selection_range, uri)] + ranges(x.children, uri)
        elif isinstance(x, t.SymbolInformation):
            out.append((x.location.range, x.location.uri))
    return out


step = st.tuples(st.sampled_from(FILES), st.floats(0, 1), st.floats(0, 1), st.integers(0, 12),
                 st.sampled_from(SNIPPETS), st.sampled_from(REQUESTS))


@settings(derandomize=True, max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=6))
def test_random_edits_and_requests(server, steps):
    client, chart, docs = server
    for rel, where, at, cut, snippet, method in steps:
        path = os.path.join(chart, rel)
        uri = "file://" + path
        text, version = docs[rel]
        a = int(where * len(text))
        b = min(len(text), a + cut)
        new = text[:a] + snippet + text[b:]
        docs[rel] = [new, version + 1]
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version + 1},
            "contentChanges": [{"range": {"start": position(text, a), "end": position(text, b)}, "text": snippet}]})
        params = {"textDocument": {"uri": uri}, "position": position(new, int(at * len(new)))}
        if method == "textDocument/references":
            params["context"] = {"includeDeclaration": True}
        elif method == "textDocument/documentSymbol":
            del params["position"]
        result = client.typed_result(method, client.request(method, params))
        for r, target in ranges(result, uri):
            if target in {"file://" + os.path.join(chart, f): f for f in FILES}:
                check_range(r, docs[os.path.relpath(target[len("file://"):], chart)][0])
        assert client.proc.poll() is None, "the server died"

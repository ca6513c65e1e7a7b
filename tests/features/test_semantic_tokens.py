import pytest

from chartlsp.features.semantic_tokens import semantic_tokens, template_tokens

from .cursor import open_at

CASES = [
    ("{{- if .Values.on }}", [("{{-", "macro", ()), ("if", "keyword", ()), (".Values", "property", ("defaultLibrary",)),
                              (".on", "property", ()), ("}}", "macro", ())]),
    ('{{ $v := .Values.a | default "x" -}}', [
        ("{{", "macro", ()), ("$v", "variable", ("declaration",)), (":=", "operator", ()),
        (".Values", "property", ("defaultLibrary",)), (".a", "property", ()), ("|", "operator", ()),
        ("default", "function", ("defaultLibrary",)), ('"x"', "string", ()), ("-}}", "macro", ())]),
    ("{{ $v.name }}{{ myFunc 1.5 true nil . }}", [
        ("{{", "macro", ()), ("$v", "variable", ()), (".name", "property", ()), ("}}", "macro", ()),
        ("{{", "macro", ()), ("myFunc", "function", ()), ("1.5", "number", ()), ("true", "keyword", ()),
        ("nil", "keyword", ()), (".", "keyword", ()), ("}}", "macro", ())]),
    ("a\n{{/* two\nlines */}}b", [("{{/* two", "comment", ()), ("lines */}}", "comment", ())]),
    ("{{ (.Values.x).y }}", [("{{", "macro", ()), (".Values", "property", ("defaultLibrary",)),
                             (".x", "property", ()), (".y", "property", ()), ("}}", "macro", ())]),
    # a broken action: the lexer resumes at the next one
    ('{{ bad ( }}{{ include "n" . }}', [
        ("{{", "macro", ()), ("bad", "function", ()), ("{{", "macro", ()), ("include", "function", ("defaultLibrary",)),
        ('"n"', "string", ()), (".", "keyword", ()), ("}}", "macro", ())]),
    ("x {{/* open", [("{{/* open", "comment", ())]),
    ("plain: yaml", []),
]


@pytest.mark.parametrize("text,want", CASES)
def test_tokens(text, want):
    got = [(text[t.start:t.end], t.type, t.modifiers) for t in template_tokens(text)]
    assert got == want


def test_range_and_non_templates():
    analysis, path, text, _ = open_at("‸a: {{ .Values.a }}\nb: {{ .Values.b }}\n")
    got = [text[t.start:t.end] for t in semantic_tokens(analysis, path, text, text.index("b:"), len(text))]
    assert got == ["{{", ".Values", ".b", "}}"]
    analysis, path, text, _ = open_at("‸a: 1\n", "values.yaml")
    assert semantic_tokens(analysis, path, text) == []

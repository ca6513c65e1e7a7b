from chartlsp.features.symbols import document_symbols, workspace_symbols

from .cursor import open_at


def _outline(syms, text):
    return [(s.name, s.kind, s.detail, text[s.name_start:s.name_end], _outline(s.children, text)) for s in syms]


def test_template_symbols_are_its_defines():
    analysis, path, text, _ = open_at('{{ define "a.one" }}x{{ end }}\n{{ block "a.two" . }}y{{ end }}‸',
                                      "templates/_helpers.tpl")
    syms = document_symbols(analysis, path, text)
    assert [(s.name, s.detail, text[s.name_start:s.name_end]) for s in syms] == [
        ("a.one", "define", '"a.one"'), ("a.two", "block", '"a.two"')]
    assert text[syms[0].start:syms[0].end] == '{{ define "a.one" }}x{{ end }}'


def test_values_symbols_are_a_tree():
    analysis, path, text, _ = open_at("‸image:\n  tag: \"1\"\n  count: 3\nports:\n  - name: http\n"
                                      "    port: 80\nlabels: {}\n", "values.yaml")
    assert _outline(document_symbols(analysis, path, text), text) == [
        ("image", "map", "", "image", [("tag", "string", "1", "tag", []), ("count", "float64", "3", "count", [])]),
        ("ports", "list", "", "ports", [("name", "string", "http", "name", []), ("port", "float64", "80", "port", [])]),
        ("labels", "map", "", "labels", []),
    ]


def test_other_files_have_no_symbols():
    analysis, path, text, _ = open_at("name: demo‸\n", "Chart.yaml")
    assert document_symbols(analysis, path, text) == []


def test_workspace_symbols_find_defines_and_value_paths():
    analysis, _, _, _ = open_at("‸")
    got = [(s.name, s.kind, s.container) for s in workspace_symbols(analysis.snapshot, "imgtag")]
    assert got == [("image.tag", "string", "values.yaml")]
    got = [(s.name, s.container) for s in workspace_symbols(analysis.snapshot, "demo.")]
    assert got == [("demo.labels", "templates/_helpers.tpl"), ("demo.fullname", "templates/_helpers.tpl")]
    names = {s.name for s in workspace_symbols(analysis.snapshot, "")}
    assert {"ports[].containerPort", "sub.greeting", "greeting", "global.env"} <= names

import os

from chartlsp.features.definition import definition

from .cursor import DEMO, open_at


def _defs(marked, rel="templates/scratch.yaml"):
    analysis, path, text, offset = open_at(marked, rel)
    return [(os.path.relpath(loc.path, DEMO), _read(loc.path, text, path)[loc.start:loc.end])
            for loc in definition(analysis, path, text, offset)]


def _read(p, text, path):
    if p == path:
        return text
    with open(p, encoding="utf-8") as fh:
        return fh.read()


def test_value_goes_to_its_key():
    assert _defs("{{ .Values.image.t‸ag }}") == [("values.yaml", "tag")]
    assert _defs("{{ .Values.ima‸ge.tag }}") == [("values.yaml", "image")]


def test_subchart_value_goes_to_both_files():
    got = _defs("{{ .Values.greet‸ing }}", "charts/sub/templates/cm.yaml")
    assert sorted(got) == [("charts/sub/values.yaml", "greeting"), ("values.yaml", "greeting")]


def test_include_goes_to_define():
    assert _defs('{{ include "demo.lab‸els" . }}') == [("templates/_helpers.tpl", '"demo.labels"')]


def test_variable_goes_to_declaration():
    marked = "{{ $img := .Values.image }}\n{{ $im‸g.tag }}"
    assert _defs(marked) == [("templates/scratch.yaml", "$img")]


def test_range_variable():
    marked = "{{ range $i, $p := .Values.ports }}{{ $‸p.name }}{{ end }}"
    assert _defs(marked) == [("templates/scratch.yaml", "$p")]


def test_unknown_is_empty():
    assert _defs("{{ .Values.nope‸ }}") == []

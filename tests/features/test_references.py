import pytest

from chartlsp.features.references import references

from .cursor import open_at
from .nav import spot

IMAGE_TAG = [("values.yaml", 5, "tag"), ("templates/deployment.yaml", 18, "tag"), ("templates/scratch.yaml", 0, "tag")]


def _refs(marked, rel="templates/scratch.yaml", include_declaration=True):
    analysis, path, text, offset = open_at(marked, rel)
    return [spot(loc.path, loc.start, loc.end, path, text)
            for loc in references(analysis, path, text, offset, include_declaration)]


@pytest.mark.parametrize("marked, rel, want", [
    # a key: its values.yaml key, then every template read spelling it
    ("{{ .Values.image.t‸ag }}", "templates/scratch.yaml", IMAGE_TAG),
    # from the key in values.yaml
    ("image:\n  repository: nginx\n  t‸ag: x\n", "values.yaml",
     [("values.yaml", 2, "tag"), ("templates/deployment.yaml", 18, "tag")]),
    # a parent key: `with .Values.image` spells it, `.pullPolicy` inside does not
    ("{{ .Values.ima‸ge }}", "templates/scratch.yaml",
     [("values.yaml", 2, "image"), ("templates/deployment.yaml", 18, "image"),
      ("templates/deployment.yaml", 18, "image"), ("templates/deployment.yaml", 19, "image"),
      ("templates/scratch.yaml", 0, "image")]),
    # read under `with`: the key spelled as `.pullPolicy`
    ("{{ .Values.image.pullPol‸icy }}", "templates/scratch.yaml",
     [("values.yaml", 6, "pullPolicy"), ("templates/deployment.yaml", 20, "pullPolicy"),
      ("templates/scratch.yaml", 0, "pullPolicy")]),
    # list items: `range $p := .Values.ports` then `$p.name`
    ("{{ range .Values.ports }}{{ .na‸me }}{{ end }}", "templates/scratch.yaml",
     [("values.yaml", 8, "name"), ("templates/deployment.yaml", 24, "name"), ("templates/scratch.yaml", 0, "name")]),
    # `index .Values "key"` string literals
    ('{{ index .Values "lab‸els" }}', "templates/scratch.yaml",
     [("values.yaml", 10, "labels"), ("templates/scratch.yaml", 0, "labels")]),
    # a subchart value: its own values.yaml, the parent's section, its template
    ("{{ .Values.greet‸ing }}", "charts/sub/templates/cm.yaml",
     [("values.yaml", 12, "greeting"), ("charts/sub/values.yaml", 1, "greeting"),
      ("charts/sub/templates/cm.yaml", 0, "greeting")]),
    # ... found from the parent chart's templates too
    ("{{ .Values.sub.greet‸ing }}", "templates/scratch.yaml",
     [("values.yaml", 12, "greeting"), ("charts/sub/values.yaml", 1, "greeting"),
      ("charts/sub/templates/cm.yaml", 5, "greeting"), ("templates/scratch.yaml", 0, "greeting")]),
    # global is one key in every chart
    ("{{ .Values.global.e‸nv }}", "templates/scratch.yaml",
     [("values.yaml", 14, "env"), ("charts/sub/templates/cm.yaml", 6, "env"), ("templates/scratch.yaml", 0, "env")]),
    # define <-> includes
    ('{{ include "demo.full‸name" . }}', "templates/scratch.yaml",
     [("templates/_helpers.tpl", 0, '"demo.fullname"'), ("templates/_helpers.tpl", 5, '"demo.fullname"'),
      ("templates/deployment.yaml", 3, '"demo.fullname"'), ("templates/scratch.yaml", 0, '"demo.fullname"')]),
    ('{{- define "demo.lab‸els" -}}x{{ end }}', "templates/_helpers.tpl",
     [("templates/_helpers.tpl", 0, '"demo.labels"'), ("templates/deployment.yaml", 5, '"demo.labels"')]),
    ("plain te‸xt", "templates/scratch.yaml", []),
    ("{{ .Values.nope‸ }}", "templates/scratch.yaml", [("templates/scratch.yaml", 0, "nope")]),
])
def test_references(marked, rel, want):
    assert _refs(marked, rel) == want


def test_without_declarations():
    assert _refs("{{ .Values.image.t‸ag }}", include_declaration=False) == IMAGE_TAG[1:]
    assert _refs('{{ include "demo.full‸name" . }}', include_declaration=False)[0] == (
        "templates/_helpers.tpl", 5, '"demo.fullname"')


def test_extra_values_files_are_declarations():
    from chartlsp.analysis.settings import Settings
    analysis, path, text, offset = open_at("{{ .Values.image.t‸ag }}", settings=Settings(value_files=("values-prod.yaml",)))
    got = [spot(loc.path, loc.start, loc.end, path, text) for loc in references(analysis, path, text, offset)]
    assert got[:2] == [("values.yaml", 5, "tag"), ("values-prod.yaml", 2, '"tag"')]

import os

from chartlsp.features.preview import COMPUTED_VALUES, render_preview

from .cursor import DEMO, open_at

SCRATCH = ('‸apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n'
           '    {{- include "demo.labels" . | nindent 4 }}\ndata:\n  tag: {{ .Values.image.tag | quote }}\n')


def test_current_template_first_with_line_map():
    analysis, path, text, _ = open_at(SCRATCH)
    p = render_preview(analysis, path)
    assert p.error is None
    assert p.manifest.startswith("---\n# Source: demo/charts/sub/templates/cm.yaml\n")
    assert "---\n# Source: demo/templates/scratch.yaml\napiVersion: v1\n" in p.manifest
    assert [(d.source, d.kind) for d in p.documents] == [
        ("demo/templates/scratch.yaml", "template"), ("demo/charts/sub/templates/cm.yaml", "template"),
        ("demo/templates/deployment.yaml", "template"), (COMPUTED_VALUES, "values")]
    doc = p.documents[0]
    assert doc.text.split("\n")[5:8] == ["    app: release-name-demo", "data:", '  tag: "1.25"']
    helpers = os.path.join(DEMO, "templates", "_helpers.tpl")
    htext = open(helpers).read()
    by_line = {o.out_line: (os.path.relpath(o.path, DEMO), o.offset) for o in doc.source_map}
    assert by_line[3] == ("templates/scratch.yaml", text.index("name: x"))
    assert by_line[5][0] == "templates/_helpers.tpl" and htext[by_line[5][1]:].startswith("app: ")
    assert by_line[7] == ("templates/scratch.yaml", text.index("tag: {{"))


def test_values_files_and_computed_values():
    analysis, path, _, _ = open_at(SCRATCH)
    p = render_preview(analysis, path, ["values-prod.yaml"])
    values = p.documents[-1].text
    assert values.startswith("global:\n  env: prod\nimage:\n  pullPolicy: IfNotPresent\n  repository: nginx\n"
                             '  tag: "2.0"\n')
    assert "sub:\n  global:\n    env: prod\n  greeting: hey\n" in values
    assert '  tag: "2.0"' in p.documents[0].text


def test_errors_are_reported_not_raised():
    analysis, path, _, _ = open_at(SCRATCH)
    p = render_preview(analysis, path, ["missing.yaml"])
    assert p.documents == [] and "missing.yaml" in p.error
    analysis, path, _, _ = open_at("‸{{ fail \"boom\" }}")
    p = render_preview(analysis, path)
    assert p.error == "execution error at (demo/templates/scratch.yaml:1:3): boom"

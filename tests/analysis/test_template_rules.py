"""unknown-template: include/template names that no chart of the tree defines."""

from __future__ import annotations

import pathlib
import textwrap

from chartlsp.analysis.check import CheckOptions, check_chart
from chartlsp.kube.schemas import SchemaStore


def make_chart(root: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    chart = root / "demo"
    files = {"Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n", **files}
    for rel, text in files.items():
        p = chart / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return chart


def test_unknown_names_are_found_in_untaken_branches_and_helpers(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_helpers.tpl": '{{ define "demo.name" }}{{ include "demo.nmae" . }}{{ end }}',
        "templates/cm.yaml": (
            'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "demo.name" . | default "x" }}\n'
            '{{- if .Values.never }}\ndata: {{ template "nope" . }}\n{{- end }}\n'),
        "charts/lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n",
        "charts/lib/templates/_lib.tpl": '{{ define "lib.ok" }}{{ end }}{{ define "lib.x" }}{{ include "demo.name" . }}{{ end }}',
    })
    found = [d for d in check_chart(str(chart), CheckOptions(), SchemaStore()).diagnostics
             if d.code == "unknown-template"]
    got = sorted((d.file, d.line, d.column, d.message) for d in found)
    assert got == [
        ("templates/_helpers.tpl", 1, 36, 'include "demo.nmae": no template of this chart or its subcharts '
                                          'defines "demo.nmae"'),
        ("templates/cm.yaml", 6, 19, 'template "nope": no template of this chart or its subcharts defines "nope"'),
    ]


def test_file_names_and_computed_names_are_not_reported(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/cm.yaml": ('{{ include "demo/templates/other.yaml" . }}'
                              '{{ include (printf "%s.x" .Chart.Name) . }}'),
        "templates/other.yaml": "x: 1\n",
    })
    result = check_chart(str(chart), CheckOptions(), SchemaStore())
    assert not [d for d in result.diagnostics if d.code == "unknown-template"]


def test_disabled_subcharts_still_define_names_and_missing_ones_silence_the_rule(tmp_path):
    chart = make_chart(tmp_path, {
        "Chart.yaml": ("apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n"
                       "  - name: sub\n    version: 0.1.0\n    condition: sub.enabled\n"),
        "values.yaml": "sub:\n  enabled: false\n",
        "templates/NOTES.txt": '{{ if .Values.sub.enabled }}{{ include "sub.name" . }}{{ end }}',
        "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
        "charts/sub/templates/_h.tpl": '{{ define "sub.name" }}sub{{ end }}',
    })
    result = check_chart(str(chart), CheckOptions(), SchemaStore())
    assert not [d for d in result.diagnostics if d.code == "unknown-template"]

    (chart / "Chart.yaml").write_text((chart / "Chart.yaml").read_text() + "  - name: gone\n    version: 1.0.0\n")
    (chart / "templates/NOTES.txt").write_text('{{ include "gone.name" . }}')
    codes = [d.code for d in check_chart(str(chart), CheckOptions(), SchemaStore()).diagnostics]
    assert "missing-dependency" in codes and "unknown-template" not in codes

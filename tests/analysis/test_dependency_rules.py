import os

import pytest

from chartlsp.analysis.check import CheckOptions, check_chart
from chartlsp.analysis.settings import parse_settings
from chartlsp.kube.schemas import SchemaStore

CHART = """apiVersion: v2
name: app
version: 0.1.0
dependencies:
  - name: present
    version: 0.1.0
  - name: redis
    version: 17.0.0
    repository: https://charts.bitnami.com/bitnami
    alias: cache
"""


def write(root, rel, text):
    path = os.path.join(root, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)


def test_missing_dependency_on_its_chart_yaml_entry(tmp_path):
    root = str(tmp_path)
    write(root, "Chart.yaml", CHART)
    write(root, "values.yaml", "a: 1\n")
    write(root, "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ .Values.a }}\n")
    write(root, "charts/present/Chart.yaml", "apiVersion: v2\nname: present\nversion: 0.1.0\n"
                                              "dependencies:\n  - name: inner\n    version: 1.0.0\n")
    result = check_chart(root, CheckOptions(), SchemaStore())
    got = [(d.file, d.line, d.column, d.end_column, d.code, d.message) for d in result.diagnostics]
    assert got == [
        ("Chart.yaml", 7, 11, 16, "missing-dependency",
         'dependency "redis" is declared in Chart.yaml but missing from charts/; '
         'run "helm dependency build" in the chart directory to fetch it'),
        ("charts/present/Chart.yaml", 5, 11, 16, "missing-dependency",
         'dependency "inner" is declared in Chart.yaml but missing from charts/; '
         'run "helm dependency build" in charts/present to fetch it'),
    ]  # and the chart still renders: the ConfigMap is valid, so nothing else is reported
    assert result.resources == 1


@pytest.mark.parametrize("raw,want,problems", [
    ({"inlayHints": {"values": True}}, True, ()),
    ({"chartlsp": {"inlayHints": {"values": False}}}, False, ()),
    ({"inlayHints": {"values": "yes"}}, False, ("setting 'inlayHints.values' must be true or false; ignored",)),
    ({"inlayHints": 1}, False, ("setting 'inlayHints' must be an object; ignored",)),
])
def test_inlay_hints_setting(raw, want, problems):
    s = parse_settings(raw)
    assert (s.inlay_hints_values, s.problems) == (want, problems)

"""check_chart on planted defects: each finding at the exact template file, line and column."""

from __future__ import annotations

import pathlib
import sys
import textwrap

import pytest

from chartlsp.analysis.check import CheckOptions, check_chart
from chartlsp.kube.schemas import SchemaStore

ROOT = pathlib.Path(__file__).resolve().parents[2]

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas | quote }}
  selector:
    matchLabels: {app: demo}
  template:
    metadata:
      labels: {app: demo}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: {{ .Values.pullPolicy }}
          ports:
            {{- include "demo.ports" . | nindent 12 }}
      restartPolicy: Always
      terminationGracePeriodSecond: 30
"""

HELPERS = """\
{{- define "demo.ports" -}}
- name: http
  containerPort: {{ .Values.port | quote }}
{{- end }}
"""

INGRESS = """\
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: {{ .Release.Name }}
spec: {}
"""


@pytest.fixture(scope="module")
def store() -> SchemaStore:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    return SchemaStore("1.29")


def make_chart(tmp_path: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    chart = tmp_path / "demo"
    files = {"Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n", **files}
    for rel, text in files.items():
        p = chart / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return chart


def by_code(result, code: str):
    return [d for d in result.diagnostics if d.code == code]


@pytest.fixture(scope="module")
def planted(tmp_path_factory, store):
    chart = make_chart(tmp_path_factory.mktemp("planted"), {
        "values.yaml": "replicas: 2\npullPolicy: Sometimes\nport: 8080\n",
        "templates/deployment.yaml": DEPLOYMENT,
        "templates/_helpers.tpl": HELPERS,
        "templates/ingress.yaml": INGRESS,
        "templates/broken.yaml": "a: {{ .Values.replicas.x }}\n",
    })
    return check_chart(str(chart), CheckOptions(), store)


def test_type_error_from_an_action_is_on_its_line(planted):
    [d] = [d for d in by_code(planted, "schema-type") if d.file == "templates/deployment.yaml"
           and "replicas" in d.message]
    assert (d.line, d.column) == (6, 13)  # the {{ .Values.replicas | quote }} action
    assert d.severity == "error" and 'spec.replicas' in d.message


def test_unknown_field_from_literal_text_points_at_the_key(planted):
    [d] = by_code(planted, "schema-unknown-field")
    assert d.file == "templates/deployment.yaml"
    assert (d.line, d.column) == (20, 7) and "terminationGracePeriodSecond" in d.message


def test_missing_required_field(tmp_path, store):
    chart = make_chart(tmp_path, {"templates/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {}\n"})
    [d] = check_chart(str(chart), CheckOptions(), store).diagnostics
    assert (d.code, d.file, d.line) == ("missing-name", "templates/svc.yaml", 3)


def test_finding_inside_a_helper_is_reported_at_both_ends(planted):
    found = [d for d in by_code(planted, "schema-type") if "containerPort" in d.message]
    at_helper = [d for d in found if d.file == "templates/_helpers.tpl"]
    at_call = [d for d in found if d.file == "templates/deployment.yaml"]
    assert len(at_helper) == 1 and len(at_call) == 1
    assert (at_helper[0].line, at_helper[0].column) == (3, 18)
    assert [(r.file, r.line) for r in at_helper[0].related] == [("templates/deployment.yaml", 18)]
    assert at_call[0].line == 18
    assert [(r.file, r.line) for r in at_call[0].related] == [("templates/_helpers.tpl", 3)]


def test_removed_api_names_the_replacement(planted):
    [d] = by_code(planted, "api-removed")
    assert (d.file, d.line) == ("templates/ingress.yaml", 1)
    assert "networking.k8s.io/v1" in d.message


def test_render_error_does_not_hide_other_files(planted):
    [d] = by_code(planted, "render-error")
    assert (d.file, d.line) == ("templates/broken.yaml", 1)
    assert "can't evaluate field x" in d.message or "nil pointer" in d.message
    assert by_code(planted, "schema-type")  # the other files were still validated


def test_example_chart_is_clean(store):
    result = check_chart(str(ROOT / "examples" / "webapp"), CheckOptions(), store)
    assert result.diagnostics == []
    assert result.resources == 3


def test_check_cache_keeps_yaml_trees_within_its_size_bound():
    from chartlsp.analysis.check import CheckCache
    cache = CheckCache(yaml_chars=40)
    first = cache.compose("a: 1\nb: [x, y]\n")  # 16 characters
    assert first is not None and cache.compose("a: 1\nb: [x, y]\n") is first
    assert cache.compose("- [\n") is None  # not YAML
    cache.compose("c: " + "x" * 20 + "\n")  # 24 more: over the bound, the least recently used goes
    assert cache.compose("a: 1\nb: [x, y]\n") is not first

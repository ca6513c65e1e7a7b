"""chart-yaml and values-schema: each planted defect at its exact file, line and column."""

from __future__ import annotations

import json
import pathlib

import pytest

from chartlsp.analysis.chart_rules import chart_yaml_diagnostics, values_schema_diagnostics
from chartlsp.analysis.check import CheckOptions, check_chart
from chartlsp.analysis.diagnostics import locate
from chartlsp.chart import load_chart
from chartlsp.kube.schemas import SchemaStore

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _located(diags, file, text):
    return [(d.line, d.column, d.severity, d.message) for d in (locate(x, {file: text}) for x in diags)]


GOOD_CHART = """\
apiVersion: v2
name: web-app
version: 1.2.3-rc.1+build.5
kubeVersion: ">=1.19.0-0"
type: application
appVersion: 1.16
dependencies:
  - name: redis
    version: ~17.3.0
    repository: oci://registry-1.docker.io/bitnamicharts
    condition: redis.enabled
    tags: [cache]
    alias: cache
    import-values:
      - data
      - child: a.b
        parent: c
maintainers:
  - name: Jane
    email: jane@example.com
annotations:
  category: web
"""


def test_valid_chart_yaml_is_clean():
    assert chart_yaml_diagnostics(GOOD_CHART) == []


@pytest.mark.parametrize("text, expected", [
    ("apiVersion: v3\nname: x\nversion: 1.0.0\n",
     [(1, 13, "error", 'apiVersion: unsupported value "v3"; allowed: "v1", "v2"')]),
    ("apiVersion: v2\nname: my chart\nversion: 1.0.0\n",
     [(2, 7, "error", 'name: "my chart" is not a valid chart name (letters, digits, \'.\', \'_\' and \'-\' only; '
                      "lowercase and '-' recommended)")]),
    ("apiVersion: v2\nname: x\nversion: 1.0\n",
     [(3, 10, "error", "version: expected string, got number 1")]),
    ("apiVersion: v2\nname: x\nversion: \"1.0\"\n",
     [(3, 10, "error", 'version: "1.0" is not a SemVer 2 version (MAJOR.MINOR.PATCH, e.g. 1.2.3 or 1.2.3-rc.1)')]),
    ("apiVersion: v2\nversion: 1.0.0\n",
     [(1, 1, "error", 'missing required field "name"')]),
    ("apiVersion: v2\nname: x\nversion: 1.0.0\ntype: app\n",
     [(4, 7, "error", 'type: unsupported value "app"; allowed: "application", "library"')]),
    ("apiVersion: v2\nname: x\nversion: 1.0.0\nkubeVersion: foo\n",
     [(4, 14, "error", 'kubeVersion: "foo" is not a valid semver-constraint')]),
    ("apiVersion: v2\nname: x\nversion: 1.0.0\ndependecies: []\n",
     [(4, 1, "warning", 'unknown field "dependecies"; Helm ignores it')]),
    ("apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - version: 1.0.0\n    repo: x\n",
     [(5, 5, "error", 'missing required field "name" in dependencies[0]'),
      (6, 5, "error", 'unknown field "repo" in dependencies[0]')]),
    ("apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: a\n    alias: a.b\n"
     "    import-values:\n      - child: x\n",
     [(6, 12, "error", "dependencies[0].alias: \"a.b\" is not a valid alias (letters, digits, '_' and '-' only)"),
      (8, 9, "error", 'missing required field "parent" in dependencies[0].import-values[0]')]),
    ("apiVersion: v2\nname: x\nversion: 1.0.0\nmaintainers:\n  - email: a@b\n",
     [(5, 5, "error", 'missing required field "name" in maintainers[0]')]),
])
def test_chart_yaml_defects_at_their_position(text, expected):
    assert _located(chart_yaml_diagnostics(text), "Chart.yaml", text) == expected


def test_chart_yaml_not_yaml_is_left_to_the_loader():
    assert chart_yaml_diagnostics("a: [\n") == []


def _chart(tmp_path, values: str, schema: dict, sub: tuple[str, str, dict] | None = None) -> pathlib.Path:
    c = tmp_path / "c"
    (c / "templates").mkdir(parents=True)
    (c / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 0.1.0\n")
    (c / "values.yaml").write_text(values)
    (c / "values.schema.json").write_text(json.dumps(schema))
    if sub:
        name, sub_values, sub_schema = sub
        s = c / "charts" / name
        (s / "templates").mkdir(parents=True)
        (s / "Chart.yaml").write_text(f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n")
        (s / "values.yaml").write_text(sub_values)
        (s / "values.schema.json").write_text(json.dumps(sub_schema))
    return c


SCHEMA = {
    "type": "object",
    "required": ["image"],
    "properties": {
        "replicas": {"type": "integer", "minimum": 1},
        "image": {"type": "object", "required": ["repository"],
                  "properties": {"repository": {"type": "string"}, "pullPolicy": {"enum": ["Always", "IfNotPresent"]}}},
        "ports": {"type": "array", "items": {"type": "integer"}},
    },
}


def _values_diags(chart_dir, files=()):
    store = SchemaStore()
    result = check_chart(str(chart_dir), CheckOptions(value_files=list(files)), store)
    return [(d.file, d.line, d.column, d.message) for d in result.diagnostics if d.code == "values-schema"]


def test_values_schema_violations_at_the_offending_values(tmp_path):
    c = _chart(tmp_path, "replicas: \"2\"\nimage:\n  pullPolicy: Sometimes\nports:\n  - 80\n  - http\n", SCHEMA)
    assert _values_diags(c) == [
        ("values.yaml", 1, 11, 'replicas: expected integer, got string "2"'),
        ("values.yaml", 2, 1, 'missing required field "repository" in image'),
        ("values.yaml", 3, 15, 'image.pullPolicy: unsupported value "Sometimes"; allowed: "Always", "IfNotPresent"'),
        ("values.yaml", 6, 5, 'ports[1]: expected integer, got string "http"'),
    ]


def test_values_schema_reports_in_the_values_file_that_set_the_value(tmp_path):
    c = _chart(tmp_path, "replicas: 2\nimage:\n  repository: nginx\n", SCHEMA)
    override = tmp_path / "prod.yaml"
    override.write_text("# production\nreplicas: 0\n")
    assert _values_diags(c, [str(override)]) == [("../prod.yaml", 2, 11, "replicas: must be at least 1, got 0")]


def test_required_value_supplied_by_a_values_file_is_no_finding(tmp_path):
    c = _chart(tmp_path, "replicas: 2\n", SCHEMA)
    assert _values_diags(c) == [("values.yaml", 1, 1, 'missing required field "image"')]
    override = tmp_path / "prod.yaml"
    override.write_text("image:\n  repository: nginx\n")
    assert _values_diags(c, [str(override)]) == []


def test_values_schema_of_a_subchart(tmp_path):
    sub_schema = {"type": "object", "properties": {"port": {"type": "integer"}}}
    c = _chart(tmp_path, "image:\n  repository: x\nsub:\n  port: http\n", SCHEMA, ("sub", "port: 80\n", sub_schema))
    assert _values_diags(c) == [("values.yaml", 4, 9, 'port: expected integer, got string "http"')]
    c2 = _chart(tmp_path / "b", "image:\n  repository: x\n", SCHEMA, ("sub", "port: [80]\n", sub_schema))
    assert _values_diags(c2) == [("charts/sub/values.yaml", 1, 7, "port: expected integer, got array")]


def test_values_schema_that_is_not_json(tmp_path):
    c = _chart(tmp_path, "a: 1\n", SCHEMA)
    (c / "values.schema.json").write_text("{not json")
    diags = _values_diags(c)
    assert len(diags) == 1 and diags[0][:3] == ("values.schema.json", 1, 1)
    assert diags[0][3].startswith("values.schema.json is not valid JSON")


def test_helm_draft_rules_default_is_2020_12(tmp_path):
    # prefixItems exists only from draft 2020-12: applied when $schema is absent, ignored under draft-07
    schema = {"type": "object", "properties": {"pair": {"prefixItems": [{"type": "string"}]}}}
    c = _chart(tmp_path, "pair: [1]\n", schema)
    assert _values_diags(c) == [("values.yaml", 1, 8, "pair[0]: expected string, got number 1")]
    (c / "values.schema.json").write_text(json.dumps({**schema, "$schema": "http://json-schema.org/draft-07/schema#"}))
    assert _values_diags(c) == []


def test_draft4_schema_and_remote_ref_are_no_false_alarm(tmp_path):
    # draft-04 "integer" takes YAML's float64 counts; an http(s) $ref (Helm fetches it) accepts anything offline
    schema = {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
              "properties": {"replicas": {"type": "integer"}, "port": {"$ref": "#/definitions/port"},
                             "resources": {"$ref": "https://kubernetesjsonschema.dev/v1.18.0/resourcerequirements-v1.json"}},
              "definitions": {"port": {"type": "integer", "maximum": 65535}}}
    c = _chart(tmp_path, "replicas: 2\nport: 8080\nresources:\n  limits: {cpu: 1}\n", schema)
    assert _values_diags(c) == []
    (c / "values.yaml").write_text("replicas: 1.5\nport: 70000\n")
    assert _values_diags(c) == [("values.yaml", 1, 11, "replicas: expected integer, got number 1.5"),
                                ("values.yaml", 2, 7, "port: must be at most 65535, got 70000")]


def test_values_schema_with_an_unloadable_local_ref(tmp_path):
    c = _chart(tmp_path, "a: 1\n", {"properties": {"a": {"$ref": "defs.json"}}})
    assert _values_diags(c) == [("values.schema.json", 1, 1, "values.schema.json cannot be used: cannot resolve $ref 'defs.json'")]


def test_direct_api_returns_cited_texts(tmp_path):
    c = _chart(tmp_path, "replicas: x\n", SCHEMA)
    chart = load_chart(str(c))
    diags, texts = values_schema_diagnostics(chart, dict(chart.values), [], str(c))
    assert {d.file for d in diags} == {"values.yaml"} and texts == {"values.yaml": "replicas: x\n"}


def test_example_chart_is_clean():
    result = check_chart(str(ROOT / "examples" / "webapp"), CheckOptions(), SchemaStore())
    assert result.diagnostics == []

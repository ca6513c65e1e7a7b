"""Custom resources: CRD → JSON schema conversion, CRs validated against it, schema-location templates."""

from __future__ import annotations

import json

import pytest

from chartlsp.kube.crds import CustomSchemas, SchemaLocationError, convert_openapi, crd_schemas, expand_location
from chartlsp.kube.schemas import SchemaStore
from chartlsp.kube.validate import validate_file

CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1}
                mode: {type: string, enum: [fast, safe]}
                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                note: {type: string, nullable: true}
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                  properties:
                    known: {type: string}
                template:
                  type: object
                  x-kubernetes-embedded-resource: true
                  x-kubernetes-preserve-unknown-fields: true
    - name: v0
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object}
"""


@pytest.fixture(scope="module")
def store():
    return SchemaStore("1.29")


@pytest.fixture()
def custom():
    c = CustomSchemas()
    assert c.add_text(CRD) == [("example.com/v1", "Widget")]
    return c


def test_a_valid_custom_resource_is_clean(store, custom):
    text = ("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
            "spec:\n  size: 2\n  mode: safe\n  port: http\n  note: null\n  extra: {known: a, other: 1}\n"
            "  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, anything: 1}\n")
    assert validate_file(text, store, extra_schemas=custom) == []


def test_custom_resource_defects_with_positions(store, custom):
    text = ("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
            "spec:\n  size: 0\n  mode: turbo\n  port: 1.5\n  colour: red\n  template: {kind: X}\n")
    got = [(f.code, f.message, text[f.start:f.end]) for f in validate_file(text, store, extra_schemas=custom)]
    assert got == [
        ("schema-other", "spec.size: must be at least 1, got number 0", "0"),
        ("schema-enum", 'spec.mode: unsupported value "turbo"; allowed: "fast", "safe"', "turbo"),
        ("schema-type", "spec.port: expected integer or string, got number 1.5", "1.5"),
        ("schema-unknown-field", 'unknown field "colour" in spec', "colour"),
        ("schema-required", 'missing required field "apiVersion" in spec.template', "template"),
    ]


def test_required_field_missing_at_the_parent_key(store, custom):
    text = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  mode: fast\n"
    [f] = validate_file(text, store, extra_schemas=custom)
    assert (f.code, f.message, text[f.start:f.end]) == ("schema-required", 'missing required field "size" in spec',
                                                         "spec")


def test_unserved_version_and_unknown_kind_have_no_schema(store, custom):
    text = "apiVersion: example.com/v0\nkind: Widget\nmetadata: {name: w}\n"
    [f] = validate_file(text, store, extra_schemas=custom)
    assert (f.code, f.severity) == ("no-schema", "info")


def test_v1beta1_crd_with_shared_validation():
    crd = {"apiVersion": "apiextensions.k8s.io/v1beta1", "kind": "CustomResourceDefinition",
           "spec": {"group": "g.io", "version": "v1", "names": {"kind": "Thing"},
                    "versions": [{"name": "v1", "served": True}, {"name": "v2", "served": True}],
                    "validation": {"openAPIV3Schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}}
    schemas = crd_schemas(crd)
    assert sorted(schemas) == [("g.io/v1", "Thing"), ("g.io/v2", "Thing")]
    assert schemas[("g.io/v2", "Thing")]["properties"]["a"] == {"type": "string"}
    assert crd_schemas({"kind": "ConfigMap"}) == {}


def test_convert_openapi_semantics():
    schema = {"type": "object", "properties": {
        "n": {"type": "integer", "minimum": 0, "exclusiveMinimum": True, "format": "int32"},
        "s": {"type": "string", "nullable": True, "format": "duration"},
        "b": {"type": "string", "format": "byte"},
        "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
    }}
    strict = convert_openapi(schema)
    props = strict["properties"]
    assert props["n"] == {"type": "integer", "exclusiveMinimum": 0}
    assert props["s"] == {"type": ["string", "null"]}  # Go durations are not ISO-8601: format dropped
    assert props["b"] == {"type": "string", "format": "byte"}
    assert props["free"] == {"type": "object"}
    assert strict["additionalProperties"] is False
    assert props["metadata"] == {"type": "object"} and props["apiVersion"] == {"type": "string"}
    assert "additionalProperties" not in convert_openapi(schema, strict=False)


def test_expand_location_variables():
    loc = "/cat/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json"
    assert expand_location(loc, "monitoring.coreos.com/v1", "ServiceMonitor", None, True) == \
        "/cat/monitoring.coreos.com/servicemonitor_v1.json"
    assert expand_location(loc, "v1", "ConfigMap", None, True) == "/cat/v1/configmap_v1.json"
    assert expand_location("/k", "rbac.authorization.k8s.io/v1", "ClusterRole", "1.29", True) == \
        "/k/v1.29.0-standalone-strict/clusterrole-rbac-v1.json"
    assert expand_location("/k/", "apps/v1", "Deployment", None, False) == "/k/master-standalone/deployment-apps-v1.json"
    assert expand_location("/k/{{.KindSuffix}}.json", "v1", "Pod", "v1.30.2", False) == "/k/-v1.json"


def test_schema_location_directory_catalog(tmp_path, store):
    (tmp_path / "example.com").mkdir()
    (tmp_path / "example.com" / "gadget_v1.json").write_text(json.dumps({
        "type": "object", "properties": {"spec": {"type": "object", "properties": {
            "count": {"type": "integer", "maximum": 10, "exclusiveMaximum": True}}}}}))
    custom = CustomSchemas([str(tmp_path) + "/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json"])
    text = "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {count: 10}\n"
    [f] = validate_file(text, store, extra_schemas=custom)
    assert f.code == "schema-other" and text[f.start:f.end] == "10"  # draft 4: exclusiveMaximum is a flag
    assert validate_file(text.replace("10", "9"), store, extra_schemas=custom) == []


def test_schema_location_with_kubeconform_default_layout(tmp_path, store):
    folder = tmp_path / "v1.29.0-standalone-strict"
    folder.mkdir()
    (folder / "gadget-example-v1.json").write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", '
                                                    '"type": "object", "required": ["spec"]}')
    custom = CustomSchemas([str(tmp_path)], kube_version="1.29")
    text = "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n"
    [f] = validate_file(text, store, extra_schemas=custom)
    assert (f.code, f.message) == ("schema-required", 'missing required field "spec"')


def test_broken_schema_file_is_a_warning_not_a_silent_skip(tmp_path, store):
    (tmp_path / "gadget_v1.json").write_text("{not json")
    custom = CustomSchemas([str(tmp_path / "{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json")])
    [f] = validate_file("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n", store,
                        extra_schemas=custom)
    assert (f.code, f.severity) == ("no-schema", "warning")
    assert "is not valid JSON" in f.message


@pytest.mark.parametrize("location, words", [
    ("/no/such/dir", "does not exist"),
    ("/no/such/dir/{{ .Group }}/{{ .ResourceKind }}.json", "does not exist"),
    ("https://example.com/{{ .Group }}.json", "only local paths"),
    ("/tmp/{{ .Nope }}.json", "unknown template variable"),
])
def test_unusable_schema_locations_are_clear_errors(location, words):
    with pytest.raises(SchemaLocationError, match=words):
        CustomSchemas([location])

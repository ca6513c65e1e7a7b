"""Bundled Kubernetes schemas: version handling, index, strictness, validators, navigation."""

from __future__ import annotations

import copy
import json
import lzma

import pytest

from chartlsp.kube import schemas as S
from chartlsp.kube.schemas import (
    DEFAULT_KUBE_VERSION,
    SUPPORTED,
    KubeValidator,
    SchemaStore,
    api_versions_for,
    field_schema,
    normalize_version,
    strictify,
)

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web"}, "annotations": {"a": "b"}},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
        "template": {
            "metadata": {"labels": {"app": "web"}, "creationTimestamp": None},
            "spec": {
                "containers": [{
                    "name": "web",
                    "image": "nginx:1.27",
                    "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
                    "env": [{"name": "A", "value": "1"}],
                    "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": 0.1}},
                    "livenessProbe": {"httpGet": {"path": "/", "port": "http"}},
                    "readinessProbe": {"tcpSocket": {"port": 80}},
                }],
            },
        },
    },
}


def deployment(**spec_changes):
    doc = copy.deepcopy(DEPLOYMENT)
    doc["spec"].update(spec_changes)
    return doc


def container(doc):
    return doc["spec"]["template"]["spec"]["containers"][0]


def errors(store, doc, strict=True):
    v = store.validator(doc["apiVersion"], doc["kind"], strict)
    return list(v.iter_errors(doc))


@pytest.fixture(scope="module", params=["1.25", "1.29", "1.33", "1.37"])
def store(request):
    return SchemaStore(request.param)


# ---------------------------------------------------------------- versions


@pytest.mark.parametrize("given, minor", [
    ("1.29", "1.29"), ("v1.29", "1.29"), ("1.29.0", "1.29"), ("v1.29.3", "1.29"),
    (" 1.37.1 ", "1.37"), ("v1.25.16+k3s1", "1.25"), ("1.30.2-gke.1", "1.30"), ("1.031", "1.31"),
])
def test_normalize_version(given, minor):
    assert normalize_version(given) == minor


@pytest.mark.parametrize("given, fragment", [
    ("", "invalid Kubernetes version ''"),
    ("latest", "invalid Kubernetes version 'latest'"),
    ("1", "expected MAJOR.MINOR[.PATCH]"),
    ("1.x", "invalid"),
    ("1.24", "'1.24' is not supported: bundled schemas cover 1.25 to 1.37"),
    ("v1.38.0", "not supported"),
    ("2.0", "not supported"),
])
def test_normalize_version_errors(given, fragment):
    with pytest.raises(ValueError, match=fragment.replace(".", r"\.").replace("[", r"\[").replace("]", r"\]")):
        normalize_version(given)


def test_supported_and_default():
    assert SUPPORTED == tuple(f"1.{m}" for m in range(25, 38))
    assert DEFAULT_KUBE_VERSION == SUPPORTED[-1]
    assert SchemaStore().kube_version == "1.37"
    assert SchemaStore("v1.30.4").kube_version == "1.30"
    with pytest.raises(ValueError):
        SchemaStore("1.20")


# ---------------------------------------------------------------- index


def test_api_versions_differ_between_versions():
    old, new = SchemaStore("1.25").api_versions(), SchemaStore("1.37").api_versions()
    for gv in ("v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "policy/v1", "rbac.authorization.k8s.io/v1"):
        assert gv in old and gv in new
    assert "autoscaling/v2beta2" in old and "autoscaling/v2beta2" not in new
    assert "flowcontrol.apiserver.k8s.io/v1beta2" in old and "flowcontrol.apiserver.k8s.io/v1beta2" not in new
    assert "resource.k8s.io/v1" in new and "resource.k8s.io/v1" not in old
    # never served, only named by the meta types' GVK lists
    assert "extensions/v1beta1" not in old and "policy/v1beta1" not in old
    assert old == sorted(old)


def test_api_versions_for_matches_store():
    for minor in SUPPORTED:
        assert api_versions_for(minor) == SchemaStore(minor).api_versions()
    assert api_versions_for("v1.29.3") == api_versions_for("1.29")
    assert api_versions_for("1.24") is None
    assert api_versions_for("nonsense") is None


def test_kinds():
    store = SchemaStore("1.37")
    assert {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"} <= set(store.kinds("apps/v1"))
    assert {"Pod", "Service", "ConfigMap", "Secret", "Namespace"} <= set(store.kinds("v1"))
    assert "DeleteOptions" not in store.kinds("apps/v1")
    assert store.kinds("monitoring.coreos.com/v1") == []
    assert store.definition_name("apps/v1", "Deployment") == "io.k8s.api.apps.v1.Deployment"


def test_ingress_v1beta1_gone_at_1_29():
    store = SchemaStore("1.29")
    assert store.schema("networking.k8s.io/v1beta1", "Ingress") is None
    assert store.validator("networking.k8s.io/v1beta1", "Ingress") is None
    assert store.replacement("networking.k8s.io/v1beta1", "Ingress") == "networking.k8s.io/v1"
    assert store.schema("networking.k8s.io/v1", "Ingress") is not None


@pytest.mark.parametrize("minor, api_version, kind, expected", [
    ("1.29", "extensions/v1beta1", "Ingress", "networking.k8s.io/v1"),
    ("1.29", "extensions/v1beta1", "Deployment", "apps/v1"),
    ("1.25", "apps/v1beta2", "StatefulSet", "apps/v1"),
    ("1.25", "batch/v1beta1", "CronJob", "batch/v1"),
    ("1.26", "autoscaling/v2beta2", "HorizontalPodAutoscaler", "autoscaling/v2"),
    ("1.25", "policy/v1beta1", "PodDisruptionBudget", "policy/v1"),
    ("1.25", "policy/v1beta1", "PodSecurityPolicy", None),      # removed without successor
    ("1.29", "networking.k8s.io/v1", "Ingress", None),           # served: nothing to replace
    ("1.29", "monitoring.coreos.com/v1", "ServiceMonitor", None),  # not a built-in group
    ("1.29", "apps/v1", "NoSuchKind", None),
])
def test_replacement(minor, api_version, kind, expected):
    assert SchemaStore(minor).replacement(api_version, kind) == expected


def test_psp_absent_at_1_25():
    store = SchemaStore("1.25")
    assert store.schema("policy/v1beta1", "PodSecurityPolicy") is None
    assert "policy/v1beta1" not in store.api_versions()
    assert store.is_builtin_group("policy/v1beta1")


@pytest.mark.parametrize("api_version, builtin", [
    ("v1", True), ("apps/v1", True), ("extensions/v1beta1", True), ("networking.k8s.io/v1beta1", True),
    ("apiextensions.k8s.io/v1", True), ("monitoring.coreos.com/v1", False), ("cert-manager.io/v1", False),
    ("", False), ("a/b/c", False),
])
def test_is_builtin_group(api_version, builtin):
    assert SchemaStore("1.37").is_builtin_group(api_version) is builtin


# ---------------------------------------------------------------- validation


def test_valid_deployment_passes(store):
    assert errors(store, DEPLOYMENT) == []
    assert store.validator("apps/v1", "Deployment").is_valid(DEPLOYMENT)


def test_replicas_string_fails_with_path(store):
    (err,) = errors(store, deployment(replicas="3"))
    assert err.path == ["spec", "replicas"]
    assert err.keyword == "type"
    assert err.instance == "3"
    assert "3" in err.message


def test_unknown_field_strict_only(store):
    doc = copy.deepcopy(DEPLOYMENT)
    container(doc)["imagePullPolicyy"] = "Always"
    (err,) = errors(store, doc, strict=True)
    assert err.path == ["spec", "template", "spec", "containers", 0]
    assert err.keyword == "additionalProperties"
    assert err.unexpected == ("imagePullPolicyy",)
    assert errors(store, doc, strict=False) == []


def test_unknown_top_level_and_metadata_fields(store):
    doc = copy.deepcopy(DEPLOYMENT)
    doc["specc"] = {}
    doc["metadata"]["lables"] = {}
    found = {(tuple(e.path), e.unexpected) for e in errors(store, doc)}
    assert found == {((), ("specc",)), (("metadata",), ("lables",))}


@pytest.mark.parametrize("port", [80, "http", None])
def test_int_or_string(store, port):
    doc = copy.deepcopy(DEPLOYMENT)
    container(doc)["livenessProbe"]["httpGet"]["port"] = port
    doc["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = port
    assert errors(store, doc) == []


@pytest.mark.parametrize("port", [8.5, True, [80], {"n": 1}])
def test_int_or_string_rejects(store, port):
    doc = copy.deepcopy(DEPLOYMENT)
    doc["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = port
    (err,) = errors(store, doc)
    assert err.path == ["spec", "strategy", "rollingUpdate", "maxSurge"]
    assert err.keyword == "anyOf"


@pytest.mark.parametrize("cpu, ok", [("500m", True), (1, True), (0.5, True), (None, True), (True, False), ([1], False)])
def test_quantity(store, cpu, ok):
    doc = copy.deepcopy(DEPLOYMENT)
    container(doc)["resources"]["limits"]["cpu"] = cpu
    found = errors(store, doc)
    assert (found == []) is ok
    if not ok:
        assert found[0].path == ["spec", "template", "spec", "containers", 0, "resources", "limits", "cpu"]


def test_enum_on_api_version_and_kind():
    v = SchemaStore("1.37").validator("apps/v1", "Deployment")
    (err,) = list(v.iter_errors({**DEPLOYMENT, "kind": "Deploymnet"}))
    assert (err.path, err.keyword, err.instance) == (["kind"], "enum", "Deploymnet")
    (err,) = list(v.iter_errors({**DEPLOYMENT, "apiVersion": "apps/v2"}))
    assert (err.path, err.keyword) == (["apiVersion"], "enum")


def test_required(store):
    doc = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"image": "x"}]}}
    (err,) = errors(store, doc)
    assert err.path == ["spec", "containers", 0]
    assert err.keyword == "required"
    assert err.missing == "name"


def test_deployment_spec_required_only_at_1_37():
    doc = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"}}
    assert errors(SchemaStore("1.36"), doc) == []
    (err,) = errors(SchemaStore("1.37"), doc)
    assert (err.path, err.keyword, err.missing) == ([], "required", "spec")


@pytest.mark.parametrize("value, ok", [("aGVsbG8=", True), ("", True), ("aGVs\nbG8=", True), ("hello!", False), ("aGVsbG8", False)])
def test_secret_data_is_base64(value, ok):
    doc = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": value}}
    found = errors(SchemaStore("1.30"), doc)
    assert (found == []) is ok
    if not ok:
        assert (found[0].path, found[0].keyword) == (["data", "k"], "format")


def test_date_time_format():
    doc = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "creationTimestamp": "yesterday"}}
    (err,) = errors(SchemaStore("1.37"), doc)
    assert (err.path, err.keyword) == (["metadata", "creationTimestamp"], "format")
    doc["metadata"]["creationTimestamp"] = "2024-01-02T03:04:05Z"
    assert errors(SchemaStore("1.37"), doc) == []


def test_every_kind_compiles_and_accepts_a_minimal_object():
    store = SchemaStore("1.37")
    for gv in store.api_versions():
        for kind in store.kinds(gv):
            v = store.validator(gv, kind)
            assert v is not None, (gv, kind)
            schema = store.schema(gv, kind)
            required = set(schema.get("required", ()))
            if required <= {"apiVersion", "kind", "metadata"}:
                assert v.is_valid({"apiVersion": gv, "kind": kind, "metadata": {"name": "x"}}), (gv, kind)


def test_crd_kind_validates_recursive_props():
    store = SchemaStore("1.37")
    crd = {
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {
            "group": "example.com", "scope": "Namespaced",
            "names": {"plural": "widgets", "kind": "Widget"},
            "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {
                "type": "object", "additionalProperties": False,
                "properties": {"spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": True,
                                        "properties": {"size": {"type": "integer", "minimum": 1}}}},
            }}}],
        },
    }
    assert errors(store, crd) == []
    crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["propertiez"] = {}
    (err,) = errors(store, crd)
    assert err.unexpected == ("propertiez",)


def test_schema_is_standalone_and_cached():
    store = SchemaStore("1.31")
    schema = store.schema("apps/v1", "Deployment")
    assert schema is store.schema("apps/v1", "Deployment")
    assert store.validator("apps/v1", "Deployment") is store.validator("apps/v1", "Deployment")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(schema)
    refs = set()
    for part in text.split('"$ref": "')[1:]:
        refs.add(part.split('"', 1)[0])
    assert refs and all(r.startswith("#/$defs/") and r[8:] in schema["$defs"] for r in refs)
    assert "io.k8s.api.core.v1.Container" in schema["$defs"]
    assert "io.k8s.api.networking.v1.Ingress" not in schema["$defs"]
    assert schema["additionalProperties"] is False
    assert "additionalProperties" not in store.schema("apps/v1", "Deployment", strict=False)


def test_bundle_layout_and_oneof_patch():
    lines = lzma.decompress((S.data_dir() / "definitions.jsonl.xz").read_bytes()).splitlines()
    header = json.loads(lines[0])
    assert header["source"] == {"package": "kubernetes-validate", "version": "1.37.0", "license": "Apache-2.0"}
    assert tuple(sorted(header["versions"], key=lambda v: int(v.split(".")[1]))) == SUPPORTED
    assert len(lines) - 1 == len(header["names"]) == len(header["refs"])
    patched = [json.loads(lines[i + 1]) for i, name in enumerate(header["names"]) if name in (
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "io.k8s.apimachinery.pkg.api.resource.Quantity")]
    assert len(patched) >= 2
    assert all("oneOf" not in body and len(body["anyOf"]) == 2 for body in patched)


def test_remote_refs_are_never_fetched():
    with pytest.raises(Exception, match="example.invalid"):
        KubeValidator({"$schema": S.DRAFT, "$ref": "https://example.invalid/schema.json"})


@pytest.fixture
def pure_python(monkeypatch):
    """Run KubeValidator on python-jsonschema, as when jsonschema-rs is not installed."""
    monkeypatch.setattr(S, "_rs", None)
    return SchemaStore("1.33")


def test_pure_python_fallback(pure_python):
    store = pure_python
    assert store.validator("apps/v1", "Deployment")._rs is None
    assert errors(store, DEPLOYMENT) == []
    doc = deployment(replicas="3")
    container(doc)["imagePullPolicyy"] = "Always"
    container(doc)["livenessProbe"]["httpGet"]["port"] = None
    del container(doc)["name"]
    found = sorted((e.path, e.keyword, e.unexpected, e.missing) for e in errors(store, doc))
    c0 = ["spec", "template", "spec", "containers", 0]
    assert found == [
        (["spec", "replicas"], "type", (), None),
        (c0, "additionalProperties", ("imagePullPolicyy",), None),
        (c0, "required", (), "name"),
    ]
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "hello!"}}
    assert [(e.path, e.keyword) for e in errors(store, secret)] == [(["data", "k"], "format")]


# ---------------------------------------------------------------- strictify


@pytest.mark.parametrize("schema, expected", [
    ({"type": "object", "properties": {"a": {}}}, {"type": "object", "properties": {"a": {}}, "additionalProperties": False}),
    ({"properties": {"a": {}}, "additionalProperties": {"type": "string"}},
     {"properties": {"a": {}}, "additionalProperties": {"type": "string"}}),
    ({"properties": {"a": {}}, "x-kubernetes-preserve-unknown-fields": True},
     {"properties": {"a": {}}, "x-kubernetes-preserve-unknown-fields": True}),
    # a property named "properties" is not the keyword
    ({"properties": {"properties": {"type": "string"}}},
     {"properties": {"properties": {"type": "string"}}, "additionalProperties": False}),
    ({"type": "object"}, {"type": "object"}),
    ({"items": {"properties": {"x": {}}}, "anyOf": [{"properties": {"y": {}}}]},
     {"items": {"properties": {"x": {}}, "additionalProperties": False},
      "anyOf": [{"properties": {"y": {}}, "additionalProperties": False}]}),
    # nested properties under preserve-unknown-fields switch back to pruning
    ({"x-kubernetes-preserve-unknown-fields": True, "properties": {"s": {"properties": {"n": {}}}}},
     {"x-kubernetes-preserve-unknown-fields": True,
      "properties": {"s": {"properties": {"n": {}}, "additionalProperties": False}}}),
    # embedded resources: metadata left as Kubernetes checks it, the rest strict
    ({"x-kubernetes-embedded-resource": True,
      "properties": {"metadata": {"properties": {"name": {}}}, "spec": {"properties": {"a": {}}}}},
     {"x-kubernetes-embedded-resource": True, "additionalProperties": False,
      "properties": {"metadata": {"properties": {"name": {}}},
                     "spec": {"properties": {"a": {}}, "additionalProperties": False}}}),
])
def test_strictify(schema, expected):
    before = copy.deepcopy(schema)
    assert strictify(schema) == expected
    assert schema == before


# ---------------------------------------------------------------- field_schema


def test_field_schema():
    schema = SchemaStore("1.37").schema("apps/v1", "Deployment")
    port = field_schema(schema, ["spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"])
    assert port["type"] == "integer" and port["format"] == "int32" and "port" in port["description"]
    replicas = field_schema(schema, ["spec", "replicas"])
    assert replicas["type"] == ["integer", "null"]
    meta = field_schema(schema, ["metadata"])
    assert "name" in meta["properties"] and meta["description"].startswith("Standard object's metadata")
    assert field_schema(schema, ["metadata", "labels", "app.kubernetes.io/name"])["type"] == ["string", "null"]
    assert "anyOf" in field_schema(schema, ["spec", "template", "spec", "containers", 0, "resources", "limits", "cpu"])
    assert field_schema(schema, []) is not None and "spec" in field_schema(schema, [])["properties"]
    assert field_schema(schema, ["spec", "nope"]) is None
    assert field_schema(schema, ["spec", "replicas", "deeper"]) is None

"""validate_file: planted defects reported with exact offsets, clean manifests clean."""

from __future__ import annotations

import pytest

from chartlsp.kube.schemas import SchemaStore
from chartlsp.kube.validate import Finding, format_path, validate_file


@pytest.fixture(scope="module")
def store():
    return SchemaStore("1.29")


def _nth(text: str, needle: str, n: int = 0) -> int:
    i = -1
    for _ in range(n + 1):
        i = text.index(needle, i + 1)
    return i


def _spans(text: str, findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.code, f.message, text[f.start:f.end]) for f in findings]


CLEAN = """\
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: "nginx:1.27"
          ports:
            - containerPort: 80
          resources:
            limits: {cpu: 500m, memory: 128Mi}
            requests: {cpu: 0.1, memory: null}
          readinessProbe:
            httpGet: {path: /, port: http}
---
apiVersion: v1
kind: Service
metadata:
  generateName: web-
spec:
  ports:
    - port: 80
      targetPort: 8080
---
# only a comment
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
    data: {k: v}
"""


def test_clean_manifests_have_no_findings(store):
    assert validate_file(CLEAN, store) == []
    assert validate_file("", store) == []
    assert validate_file("---\n# nothing\n---\n", store) == []


DEFECTS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  replica: 2
  selector:
    matchLabels: {app: web}
  template:
    spec:
      containers:
        - image: nginx
          ports:
            - containerPort: "80"
          resources:
            limits:
              cpu: true
"""


def test_schema_defects_are_positioned_at_the_offending_text(store):
    got = validate_file(DEFECTS, store)
    assert _spans(DEFECTS, got) == [
        ("schema-type", 'spec.replicas: expected integer, got string "3"', '"3"'),
        ("schema-unknown-field", 'unknown field "replica" in spec', "replica"),
        ("schema-required", 'missing required field "name" in spec.template.spec.containers[0]', "image"),
        ("schema-type", 'spec.template.spec.containers[0].ports[0].containerPort: expected integer, '
                        'got string "80"', '"80"'),
        ("schema-type", "spec.template.spec.containers[0].resources.limits.cpu: expected string or number, "
                        "got boolean true", "true"),
    ]
    first = got[0]
    assert (first.start, first.path, first.doc_index) == (DEFECTS.index('"3"'), ["spec", "replicas"], 0)
    assert (first.severity, first.api_version, first.kind, first.name) == ("error", "apps/v1", "Deployment", "web")


def test_offsets_are_file_offsets_in_later_documents(store):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" \
           "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata:\n  enabled: yes\n  count: 3\n"
    got = validate_file(text, store)
    assert _spans(text, got) == [
        ("schema-type", "data.enabled: expected string, got boolean true", "yes"),
        ("schema-type", "data.count: expected string, got number 3", "3"),
    ]
    assert [f.doc_index for f in got] == [1, 1]
    assert got[0].name == "b"


def test_empty_value_points_at_its_key(store):
    text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - port:\n      name: web\n"
    got = validate_file(text, store)
    assert _spans(text, got) == [("schema-type", "spec.ports[0].port: expected integer, got null", "port")]


def test_yaml_11_booleans_are_booleans(store):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {tier: y}\n"
    got = validate_file(text, store)
    assert _spans(text, got) == [("schema-type", "metadata.labels.tier: expected string, got boolean true", "y")]


def test_duplicate_key_reports_both_positions(store):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app: x\n    app: z\n"
    [f] = validate_file(text, store)
    assert f.code == "duplicate-key" and f.severity == "error"
    assert f.message == 'duplicate key "app" in metadata.labels (first set on line 6); the API server rejects it'
    assert (f.start, f.end) == (_nth(text, "app", 1), _nth(text, "app", 1) + 3)
    assert f.related == [(_nth(text, "app"), _nth(text, "app") + 3)]
    assert (f.kind, f.name) == ("ConfigMap", "a")


def test_yaml_syntax_error_at_its_position(store):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkey: value\n  bad: indent\n"
    [f] = validate_file(text, store)
    assert f.code == "yaml-syntax" and f.doc_index == 1
    assert f.message == "YAML syntax error: mapping values are not allowed in this context"
    assert text[f.start:f.end] == ": indent"
    unterminated = "a: [1, 2\n"
    [g] = validate_file(unterminated, store)
    assert g.code == "yaml-syntax" and unterminated[g.start:g.end] == "2"


def test_a_document_that_is_not_a_mapping(store):
    text = "just text\n"
    [f] = validate_file(text, store)
    assert (f.code, f.message, text[f.start:f.end]) == (
        "yaml-syntax", "a Kubernetes object must be a mapping, not string", "just text")


@pytest.mark.parametrize("text, code, message, span", [
    ("kind: ConfigMap\nmetadata: {name: a}\n", "missing-apiversion",
     "missing apiVersion: every Kubernetes object needs one", "kind"),
    ("apiVersion: v1\nkind:\nmetadata: {name: a}\n", "missing-kind",
     "missing kind: every Kubernetes object needs one", "kind"),
    ("apiVersion: 1\nkind: ConfigMap\nmetadata: {name: a}\n", "missing-apiversion",
     "apiVersion: expected string, got number 1", "1"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n", "missing-name",
     "missing metadata.name (or metadata.generateName)", "metadata"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"\"\n", "missing-name", "metadata.name is empty", '""'),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\n", "missing-name", "metadata.name is empty", "name"),
    ("apiVersion: v1\nkind: ConfigMap\ndata: {}\n", "missing-name", "missing metadata.name (or metadata.generateName)",
     "apiVersion"),
])
def test_missing_signature_fields(store, text, code, message, span):
    got = [f for f in validate_file(text, store) if f.code == code]
    assert _spans(text, got) == [(code, message, span)]


def test_removed_api_names_the_replacement(store):
    text = "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\n"
    [f] = validate_file(text, store)
    assert (f.code, f.severity) == ("api-removed", "error")
    assert f.message == "networking.k8s.io/v1beta1 Ingress is not served by Kubernetes 1.29; use networking.k8s.io/v1"
    assert text[f.start:f.end] == "networking.k8s.io/v1beta1"


def test_api_removal_depends_on_the_kubernetes_version(store):
    text = ("apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n"
            "spec: {scaleTargetRef: {kind: Deployment, name: x}, maxReplicas: 3}\n")
    assert validate_file(text, SchemaStore("1.25")) == []
    [f] = validate_file(text, store)
    assert (f.code, f.message) == (
        "api-removed", "autoscaling/v2beta2 HorizontalPodAutoscaler is not served by Kubernetes 1.29; use autoscaling/v2")


def test_unknown_kind_in_a_served_group_suggests_a_close_match(store):
    text = "apiVersion: apps/v1\nkind: Deploymnt\nmetadata: {name: d}\n"
    [f] = validate_file(text, store)
    assert f.code == "unknown-kind"
    assert f.message == "apps/v1 has no kind Deploymnt in Kubernetes 1.29; did you mean Deployment?"
    assert text[f.start:f.end] == "Deploymnt"


def test_custom_resource_without_schema_is_info(store):
    text = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n"
    [f] = validate_file(text, store)
    assert (f.code, f.severity, text[f.start:f.end]) == ("no-schema", "info", "example.com/v1")


def test_list_items_are_validated_one_by_one(store):
    text = ("apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n"
            "    data: {k: 1}\n  - kind: Secret\n    metadata: {name: s}\n")
    got = validate_file(text, store)
    assert _spans(text, got) == [
        ("schema-type", "data.k: expected string, got number 1", "1"),
        ("missing-apiversion", "missing apiVersion: every Kubernetes object needs one", "kind"),
    ]
    assert got[0].path == ["items", 0, "data", "k"] and got[0].name == "a"


def test_non_strict_accepts_unknown_fields(store):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nextra: 1\n"
    assert [f.code for f in validate_file(text, store)] == ["schema-unknown-field"]
    assert validate_file(text, store, strict=False) == []


def test_format_path_quotes_odd_keys():
    assert format_path(["metadata", "annotations", "helm.sh/hook"]) == 'metadata.annotations["helm.sh/hook"]'
    assert format_path(["spec", "containers", 0, "ports", 1]) == "spec.containers[0].ports[1]"
    assert format_path([]) == ""

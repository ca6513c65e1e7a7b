"""Kubernetes field completion and hover in the YAML part of templates (cursor fixtures)."""

import pytest

from chartlsp.features.completion import complete
from chartlsp.features.hover import hover
from chartlsp.features.k8s_fields import enum_values, mask_actions

from .cursor import open_at

DEPLOY = "apiVersion: apps/v1\nkind: Deployment\n"
POD_SPEC = DEPLOY + "spec:\n  template:\n    spec:\n      containers:\n        - "


def _labels(marked):
    analysis, path, text, offset = open_at(marked)
    return [c.label for c in complete(analysis, path, text, offset)]


def _items(marked):
    analysis, path, text, offset = open_at(marked)
    return {c.label: c for c in complete(analysis, path, text, offset)}, text


@pytest.mark.parametrize("marked, present, absent", [
    # the brief's example: a new container item offers container fields, required first
    (POD_SPEC + "‸", ["name", "image", "imagePullPolicy", "resources"], ["replicas"]),
    (POD_SPEC + "name: web\n          ima‸", ["image", "imagePullPolicy"], ["name"]),  # siblings left out
    (DEPLOY + "spec:\n  rep‸", ["replicas", "selector", "template"], ["containers"]),
    (DEPLOY + "‸", ["metadata", "spec"], ["apiVersion", "kind"]),  # already written at the top
    (DEPLOY + "metadata:\n  name: x\n  ‸", ["labels", "annotations"], ["name"]),
    # actions are masked: lines holding only actions carry no structure; a templated apiVersion
    # falls back to the kind's preferred one
    ('apiVersion: {{ include "x" . }}\nkind: Deployment\nspec:\n  {{- with .Values.x }}\n'
     "  template:\n    {{- end }}\n    ‸", ["metadata", "spec"], ["replicas"]),
    (DEPLOY + "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ‸",
     ["image"], ["name"]),  # a compact sequence at its key's indentation
    (DEPLOY + "spec:\n  template:\n    metadata:\n      annotations: |\n        x: y\n    ‸",
     ["spec"], ["x"]),  # a block scalar is text
    ("apiVersion: v1\nkind: ConfigMap\n---\n" + DEPLOY + "spec:\n  ‸", ["replicas"], ["data"]),  # its document's kind
    ("apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n      ‸",
     ["targetPort", "protocol"], ["port"]),
])
def test_field_names(marked, present, absent):
    labels = _labels(marked)
    assert set(present) <= set(labels), labels
    assert not set(absent) & set(labels)


def test_required_fields_come_first_with_type_and_description():
    items, _ = _items(POD_SPEC + "‸")
    assert next(iter(items)) == "name"
    assert items["name"].detail == "string (required)"
    assert items["env"].detail == "[]EnvVar"
    assert items["resources"].detail == "ResourceRequirements"
    assert items["image"].doc.startswith("Container image name.")


@pytest.mark.parametrize("label, insert, snippet", [
    ("name", "name: ", "name: $1"),
    ("imagePullPolicy", "imagePullPolicy: ", "imagePullPolicy: ${1|Always,Never,IfNotPresent|}"),
    ("stdin", "stdin: ", "stdin: ${1|true,false|}"),
    ("resources", "resources:\n            ", "resources:\n            $0"),
    ("ports", "ports:\n            - ", "ports:\n            - $0"),
])
def test_insert_text_and_snippets(label, insert, snippet):
    items, text = _items(POD_SPEC + "‸")
    c = items[label]
    assert (c.insert, c.snippet) == (insert, snippet)
    assert c.start == c.end == len(text)


@pytest.mark.parametrize("marked, values", [
    (POD_SPEC + "name: a\n          imagePullPolicy: ‸", ["Always", "Never", "IfNotPresent"]),
    ("apiVersion: v1\nkind: Service\nspec:\n  type: Node‸", ["ExternalName", "ClusterIP", "NodePort", "LoadBalancer"]),
    ("apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - protocol: ‸", ["TCP", "UDP", "SCTP"]),
    (POD_SPEC + "stdin: ‸", ["true", "false"]),
    ("apiVersion: apps/v1\nkind: D‸", None),  # kinds of the apiVersion
])
def test_values(marked, values):
    items, text = _items(marked)
    if values is None:
        assert {"Deployment", "StatefulSet", "DaemonSet"} <= set(items) and "Pod" not in items
        return
    assert list(items) == values
    c = items[values[0]]
    assert c.kind == "enum" and c.snippet == values[0]
    assert text[c.start:c.end] == marked.split("‸")[0].rsplit(" ", 1)[1]


def test_api_versions_of_the_kind():
    assert set(_labels("kind: Ingress\napiVersion: ‸")) == {"networking.k8s.io/v1"}


@pytest.mark.parametrize("marked", [
    "plain text ‸",
    "kind: NotAKind\nspec:\n  ‸",
    DEPLOY + "spec:\n  {{ .Values.key }}:\n    ‸",  # under a templated key
    DEPLOY + "spec:\n  replicas: {{ .Values.‸",  # inside an action: values completion, not fields
])
def test_nothing_where_no_schema_applies(marked):
    labels = _labels(marked)
    assert "replicas" not in labels and "metadata" not in labels


def test_demo_deployment_container_fields():
    analysis, path, text, _ = open_at("‸", "templates/deployment.yaml")
    text = open(path).read()
    marked = text.replace("        - name: main\n", "        - name: main\n          ‸\n")
    labels = _labels(marked)
    assert "livenessProbe" in labels and not {"name", "image", "imagePullPolicy", "ports"} & set(labels)


@pytest.mark.parametrize("marked, word, first, contains", [
    (DEPLOY + "spec:\n  repl‸icas: 2", "replicas", "**replicas**: `integer`", "Number of desired pods."),
    (POD_SPEC + "na‸me: x", "name", "**name**: `string` (required)", "`Deployment` · `spec.template.spec.containers[].name`"),
    (POD_SPEC + "name: x\n          env‸:\n", "env", "**env**: `[]EnvVar`", "environment variables"),
    ('apiVersion: v1\nkind: Service\nspec:\n  "sel‸ector":\n', '"selector"', "**selector**: `map[string]string`",
     "Route service traffic"),
])
def test_field_hover(marked, word, first, contains):
    analysis, path, text, offset = open_at(marked)
    h = hover(analysis, path, text, offset)
    assert text[h.start:h.end] == word
    assert h.markdown.split("\n")[0] == first
    assert contains in h.markdown


@pytest.mark.parametrize("marked", [
    DEPLOY + "spec:\n  replicas: 2‸",  # on a value
    DEPLOY + "spec:\n  nope‸: 1",  # not a field
    "data:\n  ke‸y: 1",  # no kind
])
def test_no_field_hover(marked):
    analysis, path, text, offset = open_at(marked)
    assert hover(analysis, path, text, offset) is None


def test_value_hover_inside_actions_still_wins():
    analysis, path, text, offset = open_at(DEPLOY + "spec:\n  replicas: {{ .Values.replica‸Count }}")
    assert "**.Values.replicaCount**" in hover(analysis, path, text, offset).markdown


def test_mask_keeps_offsets_and_newlines():
    text = "a: {{ x\n y }} b\n{{ unterminated"
    masked = mask_actions(text)
    assert len(masked) == len(text) and masked.count("\n") == 2
    assert masked.startswith("a: \x00") and masked.split("\n")[1].endswith(" b")


@pytest.mark.parametrize("node, values", [
    ({"enum": ["a", "b", None]}, ["a", "b"]),
    ({"type": ["boolean", "null"]}, ["true", "false"]),
    ({"description": "Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'."},
     ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]),
    ({"description": "Valid values are integers greater than 0."}, []),
    ({"description": "One of Exactly or FirstAvailable must be set."}, []),
])
def test_enum_values(node, values):
    assert enum_values(node) == values

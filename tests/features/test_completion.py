import pytest

from chartlsp.features.completion import complete

from .cursor import open_at

CASES = [
    # (marked template, labels that must be offered, labels that must not)
    ("{{ .Values.‸ }}", {"replicaCount", "image", "ports", "sub", "global", "nodeSelector"}, {"Release"}),
    ("{{ .Values.image.‸ }}", {"repository", "tag", "pullPolicy"}, {"replicaCount"}),
    ("{{ .Values.image.ta‸ }}", {"tag"}, set()),
    ("{{ $.Values.image.‸ }}", {"tag"}, set()),
    ("{{ .Values.sub.‸ }}", {"greeting"}, set()),
    ("{{ .Values.global.‸ }}", {"env"}, set()),
    ("{{ with .Values.image }}{{ .‸ }}{{ end }}", {"tag", "repository"}, {"Values"}),
    ("{{ range .Values.ports }}{{ .‸ }}{{ end }}", {"name", "containerPort"}, set()),
    ("{{ range $i, $p := .Values.ports }}{{ $p.‸ }}{{ end }}", {"name", "containerPort"}, set()),
    ("{{ $img := .Values.image }}{{ $img.‸ }}", {"tag"}, set()),
    ("{{ $img := .Values.image | default dict }}{{ $img.‸ }}", {"tag"}, set()),
    ("{{ .‸ }}", {"Values", "Release", "Chart", "Capabilities", "Files", "Template"}, set()),
    ("{{ .Release.‸ }}", {"Name", "Namespace", "IsInstall", "Revision"}, set()),
    ("{{ .Capabilities.‸ }}", {"KubeVersion", "APIVersions"}, set()),
    ("{{ .Files.‸ }}", {"Get", "Glob"}, set()),
    ("{{ .Template.‸ }}", {"Name", "BasePath"}, set()),
    ('{{ include "‸" . }}', {"demo.fullname", "demo.labels"}, set()),
    ('{{ template "demo.‸" . }}', {"demo.fullname", "demo.labels"}, set()),
    ("{{ to‸ }}", {"toYaml", "quote", "include", "printf", "and"}, set()),
    ("{{ $x := 1 }}{{ $‸ }}", {"$x", "$"}, set()),
    ('{{ define "x" }}{{ .Values.image.‸ }}{{ end }}', {"tag"}, set()),
    ("plain text .Values.‸", set(), {"image"}),
]


@pytest.mark.parametrize("marked,want,unwanted", CASES)
def test_completion_labels(marked, want, unwanted):
    analysis, path, text, offset = open_at(marked)
    labels = {c.label for c in complete(analysis, path, text, offset)}
    assert want <= labels
    assert not (unwanted & labels)


def test_completion_replaces_the_partial_word_and_describes_values():
    analysis, path, text, offset = open_at("{{ .Values.image.ta‸g }}")
    items = {c.label: c for c in complete(analysis, path, text, offset)}
    tag = items["tag"]
    assert text[tag.start:tag.end] == "tag"
    assert tag.detail == "string: 1.25"
    assert tag.doc == "The image tag (defaults to the chart's appVersion)"


def test_completion_in_subchart_template_sees_own_values_and_global():
    analysis, path, text, offset = open_at("{{ .Values.‸ }}", "charts/sub/templates/cm.yaml")
    labels = {c.label for c in complete(analysis, path, text, offset)}
    assert {"greeting", "global"} <= labels
    assert "replicaCount" not in labels


def test_schema_only_keys_carry_their_description():
    analysis, path, text, offset = open_at("{{ .Values.‸ }}")
    items = {c.label: c for c in complete(analysis, path, text, offset)}
    assert items["nodeSelector"].detail == "object"
    assert items["nodeSelector"].doc == "Node labels for pod assignment."


def test_function_items_have_signature_and_doc():
    analysis, path, text, offset = open_at("{{ tru‸ }}")
    items = {c.label: c for c in complete(analysis, path, text, offset)}
    assert items["trunc"].detail == "trunc LENGTH STRING"
    assert items["trunc"].doc

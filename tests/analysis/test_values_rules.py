"""undefined-value / unused-value on small planted-defect charts, and what counts as defined."""

import json

import pytest

from chartlsp.analysis.values_rules import defined_paths, values_diagnostics
from chartlsp.chart import load_chart


def make_chart(tmp_path, templates, values="", schema=None, subcharts=None, deps=None, name="c"):
    root = tmp_path / name
    (root / "templates").mkdir(parents=True)
    chart_yaml = f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n"
    if deps:
        chart_yaml += "dependencies:\n" + "".join(f"  - name: {d}\n    version: 0.1.0\n" for d in deps)
    (root / "Chart.yaml").write_text(chart_yaml)
    (root / "values.yaml").write_text(values)
    if schema is not None:
        (root / "values.schema.json").write_text(json.dumps(schema))
    for path, text in templates.items():
        (root / "templates" / path).write_text(text)
    for sub, (tpls, vals) in (subcharts or {}).items():
        make_chart(root / "charts", tpls, vals, name=sub)
    return load_chart(str(root))


def found(chart, code, extra=()):
    """(file, text at the span, message) of each diagnostic with ``code``."""
    out = []
    texts = {}
    for d in values_diagnostics(chart, extra):
        if d.code != code:
            continue
        if d.file not in texts:
            texts[d.file] = _text(chart, d.file)
        out.append((d.file, texts[d.file][d.start:d.end], d.message))
    return out


def _text(chart, path):
    while path.startswith("charts/"):
        name, path = path[len("charts/"):].split("/", 1)
        chart = next(c for c in chart.dependencies if c.name == name)
    return chart.values_text if path == "values.yaml" else chart.templates[path]


VALUES = """\
image:
  repository: nginx
  tag: "1.0"
podAnnotations: {}
extra: null
port: 80
ingress:
  enabled: false
  # host: example.com
"""

UNDEFINED = [
    ("{{ .Values.image.tagg }}",
     [".Values.image.tagg is not defined in values.yaml (did you mean .Values.image.tag?)"]),
    ("{{ .Values.imagee.tag }}",
     [".Values.imagee.tag is not defined in values.yaml (did you mean .Values.image.tag?)"]),
    ("{{ .Values.missing }}", [".Values.missing is not defined in values.yaml"]),
    ("{{ $i := .Values.image }}{{ $i.pullPolicy }}", [".Values.image.pullPolicy is not defined in values.yaml"]),
    ('{{ index .Values.image "digest" }}', [".Values.image.digest is not defined in values.yaml"]),
    # guarded reads
    ("{{ .Values.image.pullPolicy | default \"Always\" }}", []),
    ("{{ if .Values.debug }}x{{ end }}", []),
    ("{{ with .Values.nodeSelector }}{{ toYaml . }}{{ end }}", []),
    ('{{ if hasKey .Values.image "digest" }}{{ .Values.image.digest }}{{ end }}', []),
    ('{{ required "set it" .Values.password }}', []),
    ('{{ get .Values "optional" }}{{ get .Values.image "digest" | quote }}', []),  # get yields "" when missing
    ('{{ dig "a" "b" "" .Values.image }}{{ .Values.global.anything }}', []),
    # chartutil.Values methods are no values keys
    ('{{ .Values.YAML }}{{ (.Values.Table "image").tag }}{{ dig "x" "" .Values.AsMap }}', []),
    # a key written with set is defined from then on (a helper may write it for every template)
    ('{{ $_ := set .Values "computed" (dict "a" 1) }}{{ .Values.computed.a }}{{ .Values.image.tagg }}',
     [".Values.image.tagg is not defined in values.yaml (did you mean .Values.image.tag?)"]),
    # defined, free-form or documented
    ("{{ .Values.image.tag }}{{ .Values.extra }}{{ .Values.podAnnotations.foo }}{{ .Values.extra.a }}", []),
    ("{{ .Values.port.number }}", []),  # below a scalar: a render error, not an undefined value
    ("{{ .Values.ingress.host }}", []),  # commented out in values.yaml: documented, left unset
    ("{{ .Values.global.registry }}", []),
    ("{{ range .Values.hosts }}{{ .name }}{{ end }}{{ index .Values.image $k }}", []),
    # reads in a define only count when something includes it
    ('{{ define "dead" }}{{ .Values.nope }}{{ end }}', []),
    ('{{ define "live" }}{{ .Values.nope }}{{ end }}{{ include "live" . }}',
     [".Values.nope is not defined in values.yaml [in define 'live']"]),
]


@pytest.mark.parametrize("template,messages", UNDEFINED, ids=[u[0] for u in UNDEFINED])
def test_undefined_value(tmp_path, template, messages):
    chart = make_chart(tmp_path, {"t.yaml": template}, VALUES)
    assert [m for _, _, m in found(chart, "undefined-value")] == messages


def test_undefined_value_position_and_severity(tmp_path):
    chart = make_chart(tmp_path, {"d.yaml": "a: {{ .Values.image.tagg }}\n"}, VALUES)
    [d] = [d for d in values_diagnostics(chart) if d.code == "undefined-value"]
    assert (d.file, d.start, d.end, d.severity) == ("templates/d.yaml", 6, 24, "warning")


def test_schema_and_extra_values_define_paths(tmp_path):
    schema = {"type": "object", "properties": {
        "fromSchema": {"type": "string"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "ref": {"$ref": "#/definitions/r"}},
        "definitions": {"r": {"properties": {"inner": {"type": "integer"}}}}}
    tpl = ("{{ .Values.fromSchema }}{{ .Values.labels.any }}{{ .Values.ref.inner }}"
           "{{ .Values.fromExtra.x }}{{ .Values.ref.other }}")
    chart = make_chart(tmp_path, {"t.yaml": tpl}, VALUES, schema=schema)
    msgs = [m for _, _, m in found(chart, "undefined-value", [("prod.yaml", "fromExtra:\n  x: 1\n")])]
    assert msgs == [".Values.ref.other is not defined in values.yaml, prod.yaml or values.schema.json"]


def test_subchart_files_sections_and_parent_values(tmp_path):
    sub_tpl = {"s.yaml": "{{ .Values.fromParent }}{{ .Values.own }}{{ .Values.typo }}"}
    chart = make_chart(tmp_path, {"t.yaml": "{{ .Values.sub.anything }}"},
                       "sub:\n  fromParent: 1\n", subcharts={"sub": (sub_tpl, "own: 2\nunread: 3\n")},
                       deps=["sub"])
    assert found(chart, "undefined-value") == [
        ("charts/sub/templates/s.yaml", ".Values.typo", ".Values.typo is not defined in values.yaml")]
    assert found(chart, "unused-value") == [
        ("charts/sub/values.yaml", "unread", ".Values.unread is set in values.yaml but no template reads it")]


UNUSED_VALUES = """\
image:
  repository: nginx
  tag: "1.0"
resources:
  limits:
    cpu: 1
unusedTop:
  a: 1
partly:
  read: 1
  notRead: 2
viaTpl: x
template: "{{ .Values.viaTpl }}"
"""

UNUSED = [
    ("{{ .Values.image.repository }}:{{ .Values.image.tag }}{{ toYaml .Values.resources }}"
     "{{ .Values.partly.read }}{{ tpl .Values.template . }}", ["unusedTop", "notRead"]),
    # a whole-subtree read covers everything below it
    ("{{ toYaml .Values.image }}{{ .Values.resources.limits }}{{ toYaml .Values.partly }}"
     "{{ tpl .Values.template . }}{{ .Values.unusedTop }}", []),
    # reads in an included define count
    ('{{ define "d" }}{{ .Values.image.tag }}{{ end }}{{ include "d" . }}{{ .Values.resources }}'
     "{{ .Values.template }}{{ range .Values.partly }}{{ end }}", ["repository", "unusedTop"]),
    # computed keys cover their level
    ("{{ index .Values $k }}", []),
    # the whole .Values (or $) escaping: nothing is reported
    ("{{ toYaml .Values }}", []),
    ("{{ toJson $ }}", []),
]


@pytest.mark.parametrize("template,keys", UNUSED, ids=[u[0][:40] for u in UNUSED])
def test_unused_value(tmp_path, template, keys):
    chart = make_chart(tmp_path, {"t.yaml": template}, UNUSED_VALUES)
    assert [text for _, text, _ in found(chart, "unused-value")] == keys


def test_unused_value_position(tmp_path):
    chart = make_chart(tmp_path, {"t.yaml": "{{ .Values.a }}"}, "a: 1\nb:\n  c: 2\n")
    [d] = values_diagnostics(chart)
    assert (d.file, d.start, d.end, d.severity, d.code) == ("values.yaml", 5, 6, "info", "unused-value")
    assert d.message == ".Values.b is set in values.yaml but no template reads it"


def test_unused_skips_subchart_sections_global_and_unparsable_charts(tmp_path):
    chart = make_chart(tmp_path, {"t.yaml": "x"}, "dep:\n  a: 1\nglobal:\n  b: 2\n",
                       subcharts={"dep": ({"s.yaml": "{{ .Values.a }}{{ .Values.global.b }}"}, "")}, deps=["dep"])
    assert found(chart, "unused-value") == []
    broken = make_chart(tmp_path / "b", {"t.yaml": "{{ .Values.a "}, "b: 1\n")
    assert found(broken, "unused-value") == []


def test_subchart_values_read_by_the_parent_are_used(tmp_path):
    # the parent reads .Values.sub.port (e.g. to build a URL): the subchart's port is used
    chart = make_chart(tmp_path, {"t.yaml": "{{ .Values.sub.port }}{{ toYaml .Values.sub.tls }}"}, "",
                       subcharts={"sub": ({"s.yaml": "x"}, "port: 1\ntls:\n  a: 1\nunread: 2\n")}, deps=["sub"])
    assert [text for _, text, _ in found(chart, "unused-value")] == ["unread"]
    whole = make_chart(tmp_path / "w", {"t.yaml": "{{ toYaml .Values }}"}, "",
                       subcharts={"sub": ({"s.yaml": "x"}, "unread: 2\n")}, deps=["sub"])
    assert found(whole, "unused-value") == []


def test_defined_paths():
    d = defined_paths({"a": {"b": None, "c": {}}, "s": 1, "m": {"k": 1}},
                      {"properties": {"p": {"type": "object"}, "q": {"patternProperties": {".*": {}}}}},
                      sections=["sub"])
    assert d.missing(("a", "b")) is None and d.missing(("a", "c", "x")) is None
    assert d.missing(("p", "anything", "deeper")) is None and d.missing(("q", "z")) is None
    assert d.missing(("sub", "x")) is None and d.missing(("global", "x")) is None
    assert d.missing(("s", "x")) is None  # below a scalar: not reported here
    assert d.missing(("m", "j")) == 1 and d.missing(("zz", "y")) == 0
    assert d.missing(("m", "*", "y")) is None

"""Values reads found in template snippets: path, spelled text, guard and whole-subtree flags."""

import pytest

from chartlsp.analysis.values_refs import analyze_template, value_references
from chartlsp.gotemplate.parser import parse


def refs(text: str) -> list[tuple]:
    """(path as dotted string, text of the span, guarded, whole) per ref, skipping bare ``.Values`` bases."""
    out = []
    for r in value_references(parse("t", text, None)):
        if r.path:
            out.append((".".join(r.path), text[r.start:r.end], r.guarded, r.whole))
    return out


CASES = [
    # plain reads; printing a value uses all of it
    ("{{ .Values.image.tag }}", [("image.tag", ".Values.image.tag", False, True)]),
    ("{{ $.Values.a }}", [("a", "$.Values.a", False, True)]),
    # variables bound to subtrees
    ("{{ $img := .Values.image }}{{ $img.tag }}",
     [("image", ".Values.image", False, False), ("image.tag", "$img.tag", False, True)]),
    ("{{ $v := .Values }}{{ $v.a.b }}", [("a.b", "$v.a.b", False, True)]),
    # with rebinds dot; reading the tested value or a child of it is guarded
    ("{{ with .Values.podAnnotations }}{{ toYaml . }}{{ end }}",
     [("podAnnotations", ".Values.podAnnotations", True, False), ("podAnnotations", ".", True, True)]),
    ("{{ with .Values.sc }}{{ .user }}{{ end }}",
     [("sc", ".Values.sc", True, False), ("sc.user", ".user", True, True)]),
    # range: elements are "*", the ranged value is used whole
    ("{{ range .Values.hosts }}{{ .host }}{{ end }}",
     [("hosts", ".Values.hosts", True, True), ("hosts.*.host", ".host", True, True)]),
    ("{{ range $k, $v := .Values.env }}{{ $v.value }}{{ end }}",
     [("env", ".Values.env", True, True), ("env.*.value", "$v.value", True, True)]),
    # if guards its condition and children of what it tested, not siblings
    ("{{ if .Values.ingress.enabled }}{{ .Values.ingress.host }}{{ end }}",
     [("ingress.enabled", ".Values.ingress.enabled", True, False),
      ("ingress.host", ".Values.ingress.host", False, True)]),
    ("{{ if .Values.secret }}{{ .Values.secret.name }}{{ else }}{{ .Values.secret }}{{ end }}",
     [("secret", ".Values.secret", True, False), ("secret.name", ".Values.secret.name", True, True),
      ("secret", ".Values.secret", True, True)]),
    # guard functions, as argument and piped
    ("{{ .Values.x | default 3 }}", [("x", ".Values.x", True, True)]),
    ("{{ default 3 .Values.x }}", [("x", ".Values.x", True, True)]),
    ('{{ required "x!" .Values.x }}', [("x", ".Values.x", True, True)]),
    ("{{ $a := or .Values.a .Values.b }}", [("a", ".Values.a", True, False), ("b", ".Values.b", True, True)]),
    ("{{ if not (empty .Values.z) }}z{{ end }}", [("z", ".Values.z", True, False)]),
    ("{{ ternary .Values.a .Values.b true | quote }}",
     [("a", ".Values.a", True, True), ("b", ".Values.b", True, True)]),
    # index / get / hasKey / dig / pluck with literal keys
    ('{{ index .Values "a-b" "c" }}', [("a-b.c", '"a-b" "c"', False, True)]),
    ('{{ get .Values.labels "app" }}', [("labels", ".Values.labels", False, False),
                                        ("labels.app", '"app"', True, True)]),
    ('{{ get .Values "opt" }}', [("opt", '"opt"', True, True)]),
    ('{{ if hasKey .Values.a "b" }}{{ end }}', [("a", ".Values.a", True, False), ("a.b", '"b"', True, False)]),
    ('{{ dig "p" "q" "" .Values.d }}', [("d", ".Values.d", True, False), ("d.p.q", '"p" "q"', True, True)]),
    ('{{ pluck "k" .Values.a }}', [("a", ".Values.a", True, False), ("a.k", '"k"', True, True)]),
    # computed keys: a dynamic ref ending in "*"
    ("{{ index .Values.m $k }}", [("m", ".Values.m", False, False), ("m.*", "$k", False, True)]),
    # passed whole to functions / includes
    ("{{ toYaml .Values.resources | nindent 2 }}", [("resources", ".Values.resources", False, True)]),
    ('{{ include "img" .Values.image }}', [("image", ".Values.image", False, True)]),
    ('{{ include "x" (dict "v" .Values.sub "ctx" $) }}', [("sub", ".Values.sub", False, True)]),
    # chained access on a parenthesised pipeline
    ("{{ (.Values.a | default dict).b }}",
     [("a", ".Values.a", True, False), ("a.b", "(.Values.a | default dict).b", False, True)]),
    # methods of the top-level .Values are no keys: AsMap is .Values itself, the others read it at run time
    ('{{ dig "a" "b" "" .Values.AsMap }}', [("a.b", '"a" "b"', True, True)]),
    ("{{ .Values.AsMap.x }}", [("x", ".Values.AsMap.x", False, True)]),
    ('{{ (.Values.Table "sub").port }}{{ .Values.YAML }}{{ .Values.PathValue "a.b" }}', []),
    # not values
    ("{{ .Release.Name }}{{ .Chart.Version }}{{ $x := 1 }}{{ $x }}", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_references(text, expected):
    assert refs(text) == expected


def test_set_on_values_records_the_written_path():
    text = ('{{ $_ := set .Values "a" 1 }}{{ $v := .Values.b }}{{ $_ := set $v "c" 2 }}'
            '{{ $_ := set . "mode" "x" }}{{ $_ := set .Values $k 3 }}{{ range .Values.l }}{{ $_ := set . "d" 1 }}{{ end }}')
    assert analyze_template(parse("t", text, None)).assigned == {("a",), ("b", "c")}


def test_segment_spans_name_each_key():
    text = "{{ $.Values.image.tag }}{{ $i := .Values.image }}{{ $i.repo }}"
    rs = [r for r in value_references(parse("t", text, None))]
    assert [text[a:b] for a, b in rs[0].segments] == ["image", "tag"]
    assert rs[2].segments[0] is None and text[slice(*rs[2].segments[1])] == "repo"
    assert rs[2].names_key and rs[1].names_key


def test_define_reads_carry_the_define_name_and_any_context():
    text = ('{{ define "x" }}{{ .Values.a }}{{ .ctx.Values.b }}{{ .Values.Values.c }}'
            '{{ include "y" . }}{{ end }}{{ include "x" . }}{{ template "z" .Values.t }}')
    tv = analyze_template(parse("t", text, None))
    assert [(r.path, r.define) for r in tv.refs] == [
        (("t",), None), (("a",), "x"), (("b",), "x"), (("c",), "x")]
    assert tv.includes == {None: {"x", "z"}, "x": {"y"}}
    assert not tv.root_whole and not tv.dynamic_include


@pytest.mark.parametrize("text,whole", [
    ("{{ toYaml .Values }}", True),
    ("{{ toJson $ }}", True),
    ('{{ include "x" . }}{{ tpl .Values.t . }}', False),
    ('{{ include (printf "%s.x" .Chart.Name) . }}', False),
])
def test_root_escaping(text, whole):
    assert analyze_template(parse("t", text, None)).root_whole is whole


def test_dynamic_include_is_recorded():
    tv = analyze_template(parse("t", '{{ include (print "a") . }}', None))
    assert tv.dynamic_include == {None}


def test_variables_are_scoped_to_their_block():
    text = "{{ if true }}{{ $v := .Values.a }}{{ end }}{{ $v.b }}"
    assert [r.path for r in value_references(parse("t", text, None))] == [("a",)]

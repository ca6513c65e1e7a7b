"""Helm's engine semantics on small charts of our own."""

from __future__ import annotations

import pathlib
import textwrap

import pytest

from chartlsp.chart import ValueOptions, load_chart, merge_user_values
from chartlsp.render.engine import sort_templates
from chartlsp.render.release import RenderOptions, render_chart


def make_chart(root: pathlib.Path, files: dict[str, str], name: str = "demo") -> pathlib.Path:
    chart = root / name
    files = {"Chart.yaml": f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n", **files}
    for rel, text in files.items():
        p = chart / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return chart


def render(chart: pathlib.Path, **opts):
    opts.setdefault("kube_version", "v1.20.0")
    user = merge_user_values(ValueOptions([], [], [], [], [], []))
    return render_chart(load_chart(str(chart)), user, RenderOptions(**opts))


def out(result, name: str) -> str:
    f = result.files[name]
    assert f.error is None, f.error.message
    return f.output


def test_sort_templates_matches_helm():
    names = ["hello/templates/_foo.tpl", "hello/templates/bar.tpl", "hello/templates/foo.tpl",
             "hello/charts/foo/templates/bar.tpl", "hello/charts/foo/templates/foo.tpl",
             "hello/charts/foo/charts/bar/templates/foo.tpl"]
    assert sort_templates(dict.fromkeys(names)) == [
        "hello/charts/foo/charts/bar/templates/foo.tpl", "hello/charts/foo/templates/foo.tpl",
        "hello/charts/foo/templates/bar.tpl", "hello/templates/foo.tpl", "hello/templates/bar.tpl",
        "hello/templates/_foo.tpl"]


def test_define_precedence_parent_and_smallest_file_win(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_a.tpl": '{{ define "x" }}from _a{{ end }}',
        "templates/_b.tpl": '{{ define "x" }}from _b{{ end }}',
        "templates/cm.yaml": 'v: {{ include "x" . }} / {{ include "y" . }}',
        "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
        "charts/sub/templates/_h.tpl": '{{ define "y" }}sub y{{ end }}{{ define "x" }}sub x{{ end }}',
    })
    r = render(chart)
    assert out(r, "demo/templates/cm.yaml") == "v: from _a / sub y"
    assert "demo/templates/_a.tpl" not in r.files  # partials are not output


def test_no_value_removed_and_template_name(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/a.yaml": "x: {{ .Values.missing }}|{{ .Template.Name }}|{{ .Template.BasePath }}",
    })
    assert out(render(chart), "demo/templates/a.yaml") == "x: |demo/templates/a.yaml|demo/templates"


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/bad.yaml": "a: {{ .Values.x.y }}",
        "templates/broken.yaml": "a: {{ .Values.x ",
        "templates/good.yaml": "ok: {{ 1 }}",
    })
    r = render(chart)
    assert out(r, "demo/templates/good.yaml") == "ok: 1"
    bad = r.files["demo/templates/bad.yaml"].error
    assert bad.message == ('template: demo/templates/bad.yaml:1:13: executing "demo/templates/bad.yaml" '
                           'at <.Values.x.y>: nil pointer evaluating interface {}.y')
    assert (bad.line, bad.column) == (1, 14)
    broken = r.files["demo/templates/broken.yaml"].error
    assert broken.kind == "parse" and broken.message.startswith("parse error at (demo/templates/broken.yaml:1)")
    assert r.first_error() == broken.message  # Helm reports parse errors first


def test_required_is_reported_at_the_outermost_frame(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_h.tpl": '{{ define "need" }}{{ required "x is required" .Values.x }}{{ end }}',
        "templates/a.yaml": 'line1\nv: {{ include "need" . }}',
    })
    err = render(chart).files["demo/templates/a.yaml"].error
    assert err.message == "execution error at (demo/templates/a.yaml:2:6): x is required"
    # editors also get the helper's own position and the include chain
    assert err.file == "demo/templates/_h.tpl"
    assert [f.file for f in err.chain] == ["demo/templates/a.yaml"]


def test_include_cycle_is_an_error_not_a_crash(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_h.tpl": '{{ define "loop" }}{{ include "loop" . }}{{ end }}',
        "templates/a.yaml": '{{ include "loop" . }}',
    })
    err = render(chart).files["demo/templates/a.yaml"].error
    assert "rendering template has a nested reference name: loop: unable to execute template" in err.message


def test_tpl_and_shared_values_state(tmp_path):
    chart = make_chart(tmp_path, {
        "values.yaml": "greeting: 'hi {{ .Release.Name }}'\n",
        "templates/a.yaml": '{{ $_ := set .Values "fromA" "yes" }}{{ tpl .Values.greeting . }}',
        "templates/b.yaml": "{{ .Values.fromA }}",
    })
    r = render(chart)
    # execution order is reverse lexicographic: b runs before a
    assert out(r, "demo/templates/a.yaml") == "hi release-name"
    assert out(r, "demo/templates/b.yaml") == ""


def test_source_map_reaches_into_includes(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_h.tpl": '{{ define "labels" }}app: {{ .Chart.Name }}{{ end }}',
        "templates/a.yaml": 'metadata:\n  {{ include "labels" . }}\n',
    })
    r = render(chart, source_map=True)
    f = r.files["demo/templates/a.yaml"]
    assert f.output == "metadata:\n  app: demo\n"
    helper = (chart / "templates/_h.tpl").read_text()
    by_text = {f.output[a:b]: (file, helper[p:e] if file.endswith("_h.tpl") else None, frames)
               for (a, b, file, p, e, frames) in f.source_map}
    file, src, frames = by_text["demo"]
    assert file == "demo/templates/_h.tpl" and src == "{{ .Chart.Name }}"
    assert frames[0].file == "demo/templates/a.yaml"


def test_strict_mode_missing_key(tmp_path):
    chart = make_chart(tmp_path, {"templates/a.yaml": "{{ .Values.nope }}"})
    err = render(chart, strict=True).files["demo/templates/a.yaml"].error
    assert 'map has no entry for key "nope"' in err.message


def test_library_chart_templates_only_define(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/a.yaml": '{{ include "lib.hello" . }}',
        "charts/lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n",
        "charts/lib/templates/_hello.tpl": '{{ define "lib.hello" }}hello from lib{{ end }}',
        "charts/lib/templates/notrendered.yaml": "this: is skipped",
    })
    r = render(chart)
    assert out(r, "demo/templates/a.yaml") == "hello from lib"
    assert not any(k.startswith("demo/charts/lib/") for k in r.files)


def test_source_map_survives_nindent(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_h.tpl": '{{ define "labels" }}a: {{ .Chart.Name }}\nb: {{ .Chart.Version }}{{ end }}',
        "templates/a.yaml": 'metadata:\n  labels:\n    {{- include "labels" . | nindent 4 }}\n',
    })
    r = render(chart, source_map=True)
    f = r.files["demo/templates/a.yaml"]
    assert f.output == "metadata:\n  labels:\n    a: demo\n    b: 0.1.0\n"
    helper = (chart / "templates/_h.tpl").read_text()
    mapped = {f.output[a:b]: helper[p:e] for (a, b, file, p, e, frames) in f.source_map if file.endswith("_h.tpl")}
    assert mapped["0.1.0"] == "{{ .Chart.Version }}"
    assert mapped["demo"] == "{{ .Chart.Name }}"


def test_tpl_of_empty_text_inside_tpl_renders_nothing(tmp_path):
    # Found by the differential test: an empty tpl body must not re-run the enclosing tpl text.
    chart = make_chart(tmp_path, {
        "values.yaml": "extra: ''\nmsg: '[{{ tpl .Values.extra . }}]'\nonly: '{{ define \"x\" }}x{{ end }}'\n",
        "templates/a.yaml": "{{ tpl .Values.msg . }}|{{ tpl .Values.only . }}",
    })
    assert out(render(chart), "demo/templates/a.yaml") == "[]|"


def test_source_map_keeps_each_literal_line_through_nindent(tmp_path):
    chart = make_chart(tmp_path, {
        "templates/_h.tpl": '{{ define "labels" }}a: 1\nb: {{ .Chart.Name }}\nc: 3{{ end }}',
        "templates/a.yaml": 'labels:\n  {{- include "labels" . | nindent 2 }}\n',
    })
    r = render(chart, source_map=True)
    f = r.files["demo/templates/a.yaml"]
    assert f.output == "labels:\n  a: 1\n  b: demo\n  c: 3\n"
    helper = (chart / "templates/_h.tpl").read_text()
    from chartlsp.analysis.sourcemap import SourceMap
    smap = SourceMap(f.source_map, {"demo/templates/_h.tpl": helper, "demo/templates/a.yaml": "x"})
    for text in ("b: ", "c: 3"):
        o = smap.origin(f.output.index(text), f.output.index(text) + len(text))
        assert helper[o.start:o.end] == text  # the helper's own line, not the previous line's end


def test_struct_objects_marshal_fields_in_declaration_order(tmp_path):
    """``toJson`` of Helm's structs keeps Go's field order (Go prints the KubeVersion line so)."""
    chart = make_chart(tmp_path, {
        "templates/a.yaml": "{{ .Capabilities.KubeVersion | toJson }}\n{{ .Chart | toJson }}\n"
                            "{{ .Capabilities.KubeVersion | toYaml }}",
        "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\nmaintainers: [{email: a@b, name: ann}]\n",
    })
    assert out(render(chart), "demo/templates/a.yaml") == (
        '{"Version":"v1.20.0","Major":"1","Minor":"20"}\n'
        '{"name":"demo","version":"0.1.0","maintainers":[{"name":"ann","email":"a@b"}],"apiVersion":"v2","IsRoot":true}\n'
        'Major: "1"\nMinor: "20"\nVersion: v1.20.0')

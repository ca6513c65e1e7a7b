"""Re-rendering only the edited template (``render_chart(previous=...)``) must equal a full render."""

from __future__ import annotations

import pathlib

import pytest

from chartlsp.chart import ValueOptions, load_chart, merge_user_values
from chartlsp.render.release import RenderOptions, RenderResult, render_chart

HELPERS = '{{- define "demo.name" -}}{{ .Values.name }}{{- end -}}\n'
A = "kind: ConfigMap\nname: {{ include \"demo.name\" . }}\ndata: {{ .Values.data | toJson }}\n"
B = "kind: Secret\nname: b-{{ .Values.name }}\n"
VALUES = "name: demo\ndata:\n  k: v\n"


def make_chart(root: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    chart = root / "demo"
    for rel, text in {"Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n", **files}.items():
        p = chart / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return chart


def _render(chart: pathlib.Path, previous: RenderResult | None = None, overlay: dict | None = None) -> RenderResult:
    user = merge_user_values(ValueOptions([], [], [], [], [], []))
    opts = RenderOptions(kube_version="v1.30.0", source_map=True)
    return render_chart(load_chart(str(chart), overlay or {}), user, opts, previous)


def _frames(frames) -> tuple:
    return tuple((fr.file, fr.pos, fr.end, fr.name) for fr in frames)


def _files(r: RenderResult) -> dict:
    """Each file's output, error and source map, comparable with ``==``."""
    out = {}
    for n, f in r.files.items():
        smap = [e[:5] + (_frames(e[5]),) for e in f.source_map or []]
        err = (f.error.message, f.error.file, f.error.pos, f.error.end, _frames(f.error.chain)) if f.error else None
        out[n] = (f.output, err, smap)
    return out


def _edit(chart: pathlib.Path, files: dict[str, str], rel: str, new: str) -> tuple[RenderResult, RenderResult]:
    """(incremental, full) renders after replacing ``rel``'s text with ``new``."""
    previous = _render(chart)
    overlay = {str(chart / rel): new}
    incremental = _render(chart, previous, overlay)
    full = _render(chart, None, overlay)
    assert _files(incremental) == _files(full)
    assert list(incremental.files) == list(full.files)  # same order as the engine's (CRDs are read in it)
    return previous, incremental


def _reused(previous: RenderResult, incremental: RenderResult, name: str) -> bool:
    return incremental.files[name] is previous.files[name]


def test_an_edit_to_one_template_renders_only_that_template(tmp_path):
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": A, "templates/b.yaml": B, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "templates/a.yaml", A + "extra: {{ .Values.name | upper }}\n")
    assert _reused(previous, incremental, "demo/templates/b.yaml")
    assert incremental.files["demo/templates/a.yaml"].output.endswith("extra: DEMO\n")


def test_edits_to_helpers_or_values_render_everything(tmp_path):
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": A, "templates/b.yaml": B, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "templates/_helpers.tpl", HELPERS.replace("}}{{-", "}}-x{{-"))
    assert not _reused(previous, incremental, "demo/templates/b.yaml")
    previous, incremental = _edit(chart, files, "values.yaml", VALUES.replace("demo", "other"))
    assert incremental.files["demo/templates/b.yaml"].output == "kind: Secret\nname: b-other\n"


@pytest.mark.parametrize("a, b", [
    # b reads what a writes into .Values: a's edit changes b's output
    ('{{- $_ := set .Values "name" "from-a" }}' + A, B),
    # b's own mutation of .Values must keep being seen by a (rendered after b)
    (A, '{{- $_ := set .Values "name" "from-b" }}' + B),
    # a merge into a shared map mutates it
    ('{{- $_ := mergeOverwrite .Values.data (dict "k" "w") }}' + A, B),
    # two sources with nested maps: the first one's nested map is merged into
    ('{{- $_ := merge (dict) (dict "n" .Values.data) (dict "n" (dict "z" 1)) }}' + A, B),
])
def test_templates_that_mutate_shared_values_render_everything(tmp_path, a, b):
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": a, "templates/b.yaml": b, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "templates/a.yaml", a + "# edited\n")
    assert not _reused(previous, incremental, "demo/templates/b.yaml")


def test_merging_flat_maps_into_a_fresh_dict_still_renders_only_the_edit(tmp_path):
    a = '{{- $m := mergeOverwrite (dict) (dict "x" 1) .Values.data }}' + A
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": a, "templates/b.yaml": B, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "templates/a.yaml", a + "# edited\n")
    assert _reused(previous, incremental, "demo/templates/b.yaml")


@pytest.mark.parametrize("b", [
    # the checksum idiom: b includes a by its file name
    'checksum: {{ include (print $.Template.BasePath "/a.yaml") . | sha256sum }}\n',
    '{{ template "demo/templates/a.yaml" . }}\n',
    # through tpl, whose text the engine cannot know before it runs
    '{{ tpl "{{ template \\"demo/templates/a.yaml\\" . }}" . }}\n',
])
def test_templates_that_use_the_edited_file_are_rendered_again(tmp_path, b):
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": A, "templates/b.yaml": b, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "templates/a.yaml", A + "# edited\n")
    assert not _reused(previous, incremental, "demo/templates/b.yaml")
    assert "edited" in incremental.files["demo/templates/b.yaml"].output or b.startswith("checksum")


@pytest.mark.parametrize("new", [
    A + '{{ define "demo.other" }}x{{ end }}\n',  # a new define other files may use
    A + "{{ if }}\n",  # a parse error
    A + "{{ fail \"boom\" }}\n",  # an execution error
])
def test_defines_and_errors_in_the_edited_file(tmp_path, new):
    b = B + '{{ if eq .Values.name "x" }}{{ include "demo.other" . }}{{ end }}\n'
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": A, "templates/b.yaml": b, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    _edit(chart, files, "templates/a.yaml", new)


def test_a_values_edit_that_changes_no_value_reuses_every_file(tmp_path):
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": A, "templates/b.yaml": B, "values.yaml": VALUES}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "values.yaml", "# a comment\n" + VALUES)
    assert all(_reused(previous, incremental, n) for n in previous.files)


@pytest.mark.parametrize("old, new", [
    ("flag: true\n", "flag: 1\n"),  # equal in Python, not in a template
    ("flag: 0.0\n", "flag: -0.0\n"),
    ("flag: {a: 1, b: 2}\n", "flag: {b: 2, a: 1}\n"),
])
def test_values_python_deems_equal_are_rendered_again(tmp_path, old, new):
    b = "kind: Secret\nflag: {{ .Values.flag }} {{ kindOf .Values.flag }}\n"
    files = {"templates/b.yaml": b, "values.yaml": old}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "values.yaml", new)
    assert not _reused(previous, incremental, "demo/templates/b.yaml")


def test_a_values_edit_renders_again_only_the_files_that_read_a_changed_value(tmp_path):
    c = "kind: Secret\nall: {{ toYaml .Values | sha256sum }}\n"  # the whole map: any change
    d = "kind: Secret\nhas: {{ hasKey .Values \"other\" }}\n"  # a key lookup, through a function
    files = {"templates/_helpers.tpl": HELPERS, "templates/a.yaml": A, "templates/b.yaml": B,
             "templates/c.yaml": c, "templates/d.yaml": d, "values.yaml": VALUES + "other: 1\n"}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "values.yaml", VALUES.replace("v", "w") + "other: 1\n")
    assert {n for n in previous.files if not _reused(previous, incremental, n)} == \
        {"demo/templates/a.yaml", "demo/templates/c.yaml"}  # a reads .Values.data, c all of .Values
    previous, incremental = _edit(chart, files, "values.yaml", VALUES)  # "other" removed
    assert not _reused(previous, incremental, "demo/templates/d.yaml")
    assert _reused(previous, incremental, "demo/templates/b.yaml")


def test_a_subchart_values_edit_renders_again_the_files_that_read_them(tmp_path):
    sub = "kind: ConfigMap\ngreeting: {{ .Values.greeting }} {{ .Values.global.env }}\n"
    parent = "kind: Secret\nsub: {{ .Subcharts.sub.Values.greeting }}\n"
    files = {"templates/a.yaml": B, "templates/p.yaml": parent, "values.yaml": VALUES + "global:\n  env: dev\n",
             "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
             "charts/sub/values.yaml": "greeting: hi\n", "charts/sub/templates/cm.yaml": sub}
    chart = make_chart(tmp_path, files)
    previous, incremental = _edit(chart, files, "charts/sub/values.yaml", "greeting: hey\n")
    assert {n for n in previous.files if not _reused(previous, incremental, n)} == \
        {"demo/charts/sub/templates/cm.yaml", "demo/templates/p.yaml"}
    previous, incremental = _edit(chart, files, "values.yaml", VALUES + "global:\n  env: prod\n")
    assert [n for n in previous.files if not _reused(previous, incremental, n)] == \
        ["demo/charts/sub/templates/cm.yaml"]  # globals are copied into the subchart's values

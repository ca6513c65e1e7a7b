import os
import shutil

from chartlsp.analysis.settings import Settings, parse_settings
from chartlsp.analysis.workspace import AnalysisCache, Snapshot, chart_dir_for, disk_stamp, find_charts
from chartlsp.chart import load_chart

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "features", "fixtures")
DEMO = os.path.join(FIXTURES, "demo")


def test_load_chart_overlay_replaces_file_content_and_default_is_unchanged():
    path = os.path.join(DEMO, "templates", "scratch.yaml")
    assert "replicaCount" in load_chart(DEMO).templates["templates/scratch.yaml"]
    chart = load_chart(DEMO, {path: "edited"})
    assert chart.templates["templates/scratch.yaml"] == "edited"
    sub = os.path.join(DEMO, "charts", "sub", "values.yaml")
    assert load_chart(DEMO, {sub: "greeting: yo\n"}).dependencies[0].values == {"greeting": "yo"}


def test_charts_are_found_and_subcharts_belong_to_their_parent():
    assert find_charts((FIXTURES,)) == (DEMO,)
    assert chart_dir_for(os.path.join(DEMO, "charts", "sub", "templates", "cm.yaml")) == DEMO


def test_buffer_edits_drive_diagnostics_and_reuse_parsed_trees():
    cache = AnalysisCache()
    values = os.path.join(DEMO, "values.yaml")
    first = Snapshot((DEMO,), {}, Settings(), cache).analysis(DEMO)
    assert [d.code for d in first.diagnostics()[values]] == ["unused-value"]
    text = open(values, encoding="utf-8").read() + "extra: 1\n"
    second = Snapshot((DEMO,), {values: text}, Settings(), cache).analysis(DEMO)
    assert [d.message for d in second.diagnostics()[values]][-1].startswith(".Values.extra is set")
    helpers = os.path.join(DEMO, "templates", "_helpers.tpl")
    assert first.trees()[helpers] is second.trees()[helpers]  # unchanged text: not parsed again


def test_rule_toggles_from_settings():
    s = parse_settings({"diagnostics": {"unusedValues": False}, "valuesFiles": "values-*.yaml", "bogus": 1})
    assert s.value_files == ("values-*.yaml",) and not s.unused_values and s.undefined_values
    assert s.problems == ("unknown setting 'bogus'; ignored",)
    analysis = Snapshot((DEMO,), {}, s, AnalysisCache()).analysis(DEMO)
    assert analysis.diagnostics() == {}


def _copy_demo(tmp_path) -> str:
    shutil.copytree(DEMO, tmp_path / "demo")
    return str(tmp_path / "demo")


def test_disk_chart_is_kept_until_the_disk_changes(tmp_path):
    chart = _copy_demo(tmp_path)
    cache = AnalysisCache()
    first = Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart
    assert Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart is first  # no walk, no reads
    new = os.path.join(chart, "templates", "added.yaml")
    with open(new, "w", encoding="utf-8") as fh:
        fh.write("kind: ConfigMap\n")
    after = Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart
    assert after is not first and after.templates["templates/added.yaml"] == "kind: ConfigMap\n"
    assert cache.forget([new]) == {chart}
    assert cache.forget([new]) == set()
    assert Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart is not after


def test_template_buffers_are_laid_over_the_cached_chart(tmp_path):
    chart = _copy_demo(tmp_path)
    cache = AnalysisCache()
    base = Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart
    scratch = os.path.join(chart, "templates", "scratch.yaml")
    sub_new = os.path.join(chart, "charts", "sub", "templates", "new.yaml")
    ignored = os.path.join(chart, "templates", ".hidden.yaml")  # Helm's default rule skips it
    overlay = {scratch: "edited", sub_new: "a: 1\n", os.path.join(chart, "templates", "0new.yaml"): "b: 2\n",
               ignored: "c: 3\n"}
    got = Snapshot((chart,), overlay, Settings(), cache).analysis(chart).chart
    assert got.values is base.values  # values.yaml was not read nor parsed again
    assert got.templates["templates/scratch.yaml"] == "edited"
    assert list(got.templates)[0] == "templates/0new.yaml"  # the loader's lexical order
    assert "templates/.hidden.yaml" not in got.templates
    sub = got.dependencies[0]
    assert sub.parent is got and sub.templates["templates/new.yaml"] == "a: 1\n"
    assert "templates/new.yaml" not in base.dependencies[0].templates  # the cached chart is untouched


def test_unsaved_template_is_rendered_with_its_chart(tmp_path):
    chart = _copy_demo(tmp_path)
    new = os.path.join(chart, "templates", "unsaved.yaml")
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.nope }}\n"
    analysis = Snapshot((chart,), {new: text}, Settings(), AnalysisCache()).analysis(chart)
    assert new in analysis.templates and analysis.tree(new) is not None
    assert [d.code for d in analysis.diagnostics()[new]] == ["undefined-value"]


def test_disk_stamp_sees_new_changed_and_removed_files(tmp_path):
    chart = _copy_demo(tmp_path)
    stamps = [disk_stamp(chart)]
    path = os.path.join(chart, "templates", "x.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("a")
    stamps.append(disk_stamp(chart))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("ab")
    stamps.append(disk_stamp(chart))
    os.remove(path)
    stamps.append(disk_stamp(chart))
    assert len(set(stamps[:3])) == 3 and stamps[3] != stamps[2]
    assert disk_stamp(os.path.join(chart, "gone")) == (os.path.join(chart, "gone"), "missing")


def _diags(analysis) -> dict:
    """Every diagnostic of an analysis, comparable with ``==``."""
    return {path: [(d.file, d.start, d.end, d.line, d.column, d.severity, d.code, d.message,
                    [(r.file, r.start, r.end, r.message) for r in d.related]) for d in ds]
            for path, ds in analysis.diagnostics().items()}


def _load_error(analysis) -> tuple | None:
    e = analysis.load_error
    return None if e is None else (str(e), e.message, e.file, e.line, e.column, e.prefix)


def _assert_as_fresh(chart: str, overlay: dict, cache: AnalysisCache):
    """The analysis with ``overlay`` from a warm cache equals one from a fresh cache (a full load)."""
    warm = Snapshot((chart,), overlay, Settings(), cache).analysis(chart)
    fresh = Snapshot((chart,), overlay, Settings(), AnalysisCache()).analysis(chart)
    assert _load_error(warm) == _load_error(fresh)
    if fresh.chart is not None:
        loaded = load_chart(chart, overlay)
        assert [(c.values, c.values_text) for c in warm.charts()] == \
               [(c.values, c.values_text) for c in fresh.charts()] == \
               [(loaded.values, loaded.values_text), *((d.values, d.values_text) for d in loaded.dependencies)]
    assert _diags(warm) == _diags(fresh)
    return warm


def test_values_buffers_are_laid_over_the_cached_chart(tmp_path):
    chart = _copy_demo(tmp_path)
    cache = AnalysisCache()
    base = Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart
    values = os.path.join(chart, "values.yaml")
    sub_values = os.path.join(chart, "charts", "sub", "values.yaml")
    text = open(values, encoding="utf-8").read()
    sub_text = open(sub_values, encoding="utf-8").read()
    edits = [
        {values: text + "extra: 1\n"},  # a new key: unused-value
        {values: text.replace("replicaCount: 1", "replicaCount: \"two\"")},  # against values.schema.json
        {values: text.replace("replicaCount: 1", "replicaCount: true")},  # == 1 in Python, not in Go
        {values: "\ufeff" + text + "# comment\n"},  # the loader drops a BOM
        {values: text, sub_values: sub_text.replace("hi", "hey") + "unused: 2\n"},
        {values: text.replace("sub:\n  greeting: hello", "sub:\n  greeting: [")},  # not YAML: the load error
        {sub_values: "greeting: [\n"},  # in a subchart: Helm's wrapped message
        {values: "- a list\n"},  # YAML, but not a map
        {values: text, sub_values: sub_text},  # opened, unchanged
        {},  # closed again
    ]
    for overlay in edits:
        got = _assert_as_fresh(chart, overlay, cache)
        if got.chart is not None:
            assert got.chart.files is base.files and got.chart.templates is base.templates  # not loaded again
    assert Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart is base


def test_values_buffers_the_loader_would_not_read_are_loaded_with_the_chart(tmp_path):
    chart = _copy_demo(tmp_path)
    cache = AnalysisCache()
    sub_values = os.path.join(chart, "charts", "sub", "values.yaml")
    os.remove(sub_values)
    Snapshot((chart,), {}, Settings(), cache).analysis(chart).diagnostics()
    # no values.yaml on disk: the loader ignores a buffer for it, as does the overlay
    got = _assert_as_fresh(chart, {sub_values: "greeting: yo\n"}, cache)
    assert got.chart.dependencies[0].values_text is None
    # a values.yaml that is only a chart file (not a chart's), next to a real values buffer
    ci = os.path.join(chart, "ci", "values.yaml")
    os.makedirs(os.path.dirname(ci))
    with open(ci, "w", encoding="utf-8") as fh:
        fh.write("a: 1\n")
    got = _assert_as_fresh(chart, {ci: "a: 2\n", os.path.join(chart, "values.yaml"): "replicaCount: 3\n"}, cache)
    assert got.chart.files["ci/values.yaml"] == b"a: 2\n" and got.chart.values == {"replicaCount": 3.0}


def test_a_values_buffer_fixes_a_broken_values_file_on_disk(tmp_path):
    chart = _copy_demo(tmp_path)
    values = os.path.join(chart, "values.yaml")
    text = open(values, encoding="utf-8").read()
    with open(values, "w", encoding="utf-8") as fh:
        fh.write("replicaCount: [\n")
    cache = AnalysisCache()
    assert Snapshot((chart,), {}, Settings(), cache).analysis(chart).chart is None
    assert _assert_as_fresh(chart, {values: text}, cache).chart.values["replicaCount"] == 1.0
    assert _assert_as_fresh(chart, {values: text + "# more\n"}, cache).load_error is None
    assert _assert_as_fresh(chart, {}, cache).chart is None


def test_a_broken_disk_chart_is_loaded_once_while_its_values_buffer_changes(tmp_path, monkeypatch):
    chart = _copy_demo(tmp_path)
    values = os.path.join(chart, "values.yaml")
    with open(values, "w", encoding="utf-8") as fh:
        fh.write("replicaCount: [\n")
    import chartlsp.analysis.workspace as workspace
    loads: list[tuple] = []
    real = workspace.load_chart
    monkeypatch.setattr(workspace, "load_chart", lambda d, b: loads.append(tuple(b)) or real(d, b))
    cache = AnalysisCache()
    for i in range(3):
        assert Snapshot((chart,), {values: f"replicaCount: {i}\n"}, Settings(), cache).analysis(chart).chart
    assert len(loads) == 4  # the disk chart once, then each buffer

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

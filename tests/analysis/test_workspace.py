import os

from chartlsp.analysis.settings import Settings, parse_settings
from chartlsp.analysis.workspace import AnalysisCache, Snapshot, chart_dir_for, find_charts
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

"""Conditions, tags, aliases, import-values and exports on real and fixture charts."""

from __future__ import annotations

import os

import pytest

from chartlsp.chart import ValueOptions, load_chart, merge_user_values, prepare_values
from chartlsp.chart.dependencies import constraint_matches, parse_semver

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
TESTCHART = "/work/shared/corpus/charts/helm-testchart-subchart"


def prepared(path: str, *sets: str):
    return prepare_values(load_chart(path), merge_user_values(ValueOptions(set=list(sets))))


def test_fixture_alias_condition_import():
    root, vals, warnings = prepared(os.path.join(FIXTURES, "parent"))
    assert [d.name for d in root.dependencies] == ["sub1", "second"]  # third disabled by its condition
    second = root.dependencies[1]
    assert second.full_path() == "parent/charts/second" and second.chart_obj.go_field("Name") == "second"
    assert vals["fromSecond"] == {"own": "parent", "extra": 1.0}  # parent beats imported child values
    assert vals["sharedKey"] == "fromChild"  # string import: exports.shared
    assert vals["sub1"]["global"] == {"region": "eu", "nested": {"a": 1.0}, "own": "sub1"}
    assert vals["keep"] is None and warnings == []
    deps = root.chart_obj.go_field("Dependencies")
    assert [d.go_field("Name") for d in deps] == ["sub1", "second"]
    assert deps[1].go_field("ImportValues") == [{"child": "data", "parent": "fromSecond"},
                                                {"child": "exports.shared", "parent": "."}]


def test_fixture_tags_and_conditions():
    root, _, _ = prepared(os.path.join(FIXTURES, "parent"), "tags.front=false")
    assert [d.name for d in root.dependencies] == ["sub1", "second"]  # sub1's own condition (true) wins
    root, vals, _ = prepared(os.path.join(FIXTURES, "parent"), "sub1.enabled=false", "third.enabled=true")
    assert [d.name for d in root.dependencies] == ["second", "third"]
    assert vals["sub1"] == {"enabled": False}  # disabled: no defaults merged


def test_loaded_chart_is_not_mutated():
    c = load_chart(os.path.join(FIXTURES, "parent"))
    before = (dict(c.values), [d.name for d in c.dependencies], c.metadata["dependencies"][1].get("name"))
    prepare_values(c, {"sub1": {"enabled": False}})
    assert (dict(c.values), [d.name for d in c.dependencies], c.metadata["dependencies"][1].get("name")) == before


@pytest.mark.skipif(not os.path.isdir(TESTCHART), reason="corpus not available")
def test_helm_testchart_defaults():
    root, vals, _ = prepared(TESTCHART)
    assert [d.full_path() for d in root.dependencies] == ["subchart/charts/subcharta", "subchart/charts/subchartb"]
    # Helm's import loop shares one child map between parents, so subchartb's SCBdata (imported into
    # imported-chartA-B) leaks into imported-chartA as well; reproduced on purpose.
    assert vals["imported-chartA"] == {"SC1extra2": 1.337, "SCAbool": False, "SCAfloat": 3.1, "SCAint": 55.0,
                                       "SCAstring": "jabba", "SCAnested1": {"SCAnested2": True},
                                       "SCBbool": True, "SCBfloat": 7.77, "SCBint": 33.0, "SCBstring": "boba"}
    assert vals["overridden-chartA"]["SCAstring"] == "jabbathehut"  # parent overrides imports
    assert vals["SCBexported1A"] == {"SC1extra7": True, "SCBexported1B": 1965.0}
    assert vals["configmap"] == {"enabled": False, "value": "foo"}
    assert vals["subchartb"]["global"]["kolla"]["nova"]["api"]["all"]["port"] == 8774.0


@pytest.mark.skipif(not os.path.isdir(TESTCHART), reason="corpus not available")
@pytest.mark.parametrize("sets, enabled", [
    (("subchartb.enabled=false",), ["subcharta"]),
    (("tags.front-end=false",), []),
    (("tags.front-end=false", "subcharta.enabled=true"), ["subcharta"]),
    (("tags.front-end=false", "tags.subchartb=true"), ["subchartb"]),
    (("subcharta.enabled=notbool",), ["subcharta", "subchartb"]),
])
def test_helm_testchart_switches(sets, enabled):
    root, _, warnings = prepared(TESTCHART, *sets)
    assert [d.name for d in root.dependencies] == enabled
    if "notbool" in sets[0]:
        assert "Warning: Condition path 'subcharta.enabled' for chart subcharta returned non-bool value" in warnings


@pytest.mark.parametrize("constraint, version, ok", [
    ("1.2.3", "1.2.3", True), ("1.2.3", "1.2.4", False), (">=1.2", "1.3.0", True), ("<1.2", "1.2.0", False),
    ("~1.2.0", "1.2.9", True), ("~1.2.0", "1.3.0", False), ("^1.2.0", "1.9.0", True), ("^1.2.0", "2.0.0", False),
    ("^0.2.3", "0.2.9", True), ("^0.2.3", "0.3.0", False), ("1.2.x", "1.2.7", True), ("1.x", "2.0.0", False),
    ("*", "3.4.5", True), (">=1.0.0, <2.0.0", "1.5.0", True), (">=1.0.0 <2.0.0", "2.0.0", False),
    ("<1.0.0 || >=3.0.0", "3.1.0", True), ("1.0.0 - 2.0.0", "2.0.0", True), ("!=1.2.3", "1.2.3", False),
    (">=1.0.0", "1.1.0-beta.1", False), (">=1.1.0-alpha", "1.1.0-beta.1", True), ("", "1.0.0", False),
    ("0.12.*", "0.12.3", True), ("8.4.0", "8.4.0", True),
])
def test_constraints(constraint, version, ok):
    assert constraint_matches(constraint, version) is ok


@pytest.mark.parametrize("text, parsed", [
    ("1.2.3", (1, 2, 3, "", "")), ("v1.16", (1, 16, 0, "", "")), ("1", (1, 0, 0, "", "")),
    ("1.2.3-rc.1+build", (1, 2, 3, "rc.1", "build")), ("1.2.3.4", None), ("x", None), ("1.2.3-01", None),
])
def test_parse_semver(text, parsed):
    assert parse_semver(text) == parsed

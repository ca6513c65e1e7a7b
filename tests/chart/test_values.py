"""CLI values merging, coalescing rules, chartutil.Values, schema checks."""

from __future__ import annotations


import pytest

from chartlsp.chart import ChartError, ValueOptions, Values, merge_user_values, values_object
from chartlsp.chart.model import Chart, ChartObject
from chartlsp.chart.values import coalesce_tables, coalesce_values, go_v, merge_tables, validate_values_schema
from chartlsp.gotemplate.gotypes import GoError, Int64, type_name


def chart(name: str, values: dict, deps: list[Chart] = (), schema: bytes | None = None) -> Chart:
    c = Chart(name=name, metadata={"name": name}, chart_obj=ChartObject({"name": name}, True), templates={},
              values=values, values_text=None, schema=schema, files={}, dependencies=list(deps))
    for d in c.dependencies:
        d.parent = c
    return c


def test_merge_user_values_order(tmp_path):
    f1 = tmp_path / "a.yaml"
    f1.write_text("a: 1\nm: {x: 1, w: 2}\nl: [1, 2]\n")
    f2 = tmp_path / "b.yaml"
    f2.write_text("m: {w: 3}\nl: [9]\n")  # (a bare y: key would be \"true\" in YAML 1.1)
    content = tmp_path / "c.txt"
    content.write_text("file-content")
    opts = ValueOptions(value_files=[str(f1), str(f2)], set=["s=1", "j=2"], set_string=["s=2"],
                        set_json=['j={"k":1}', '{"obj": {"x": true}}'], set_file=[f"f={content}"],
                        set_literal=["lit=a,b=c"])
    v = merge_user_values(opts)
    assert v["a"] == 1.0 and v["m"] == {"x": 1.0, "w": 3.0} and v["l"] == [9.0]
    assert v["s"] == "2" and v["j"] == Int64(2) and v["obj"] == {"x": True}
    assert v["f"] == "file-content" and v["lit"] == "a,b=c"


def test_merge_user_values_errors(tmp_path):
    with pytest.raises(ChartError, match=r"failed parsing --set data: key \"a\" has no value"):
        merge_user_values(ValueOptions(set=["a"]))
    with pytest.raises(ChartError, match="failed parsing --set-json data JSON: {bad"):
        merge_user_values(ValueOptions(set_json=["{bad"]))
    with pytest.raises(ChartError, match="no such file or directory"):
        merge_user_values(ValueOptions(value_files=[str(tmp_path / "missing.yaml")]))
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n")
    with pytest.raises(ChartError) as e:
        merge_user_values(ValueOptions(value_files=[str(bad)]))
    assert str(e.value).startswith(f"failed to parse {bad}: ") and e.value.file == str(bad) and e.value.line


# (user values, chart values, expected) — CoalesceValues on a one-chart tree.
COALESCE = [
    ({}, {"a": 1.0}, {"a": 1.0}),
    ({"a": 2.0}, {"a": 1.0}, {"a": 2.0}),
    ({"a": None}, {"a": 1.0, "b": 2.0}, {"b": 2.0}),  # user null deletes a default
    ({"z": None}, {"a": 1.0}, {"a": 1.0, "z": None}),  # null for an unknown key stays
    ({}, {"n": None}, {"n": None}),  # chart nulls are kept
    ({"m": {"x": None}}, {"m": {"x": 1.0, "y": 2.0}}, {"m": {"y": 2.0}}),
    ({"m": {"x": None}}, {"m": {"y": 2.0}}, {"m": {"x": None, "y": 2.0}}),
    ({"m": {"x": 1.0}}, {"m": {"y": {"z": 1.0}}}, {"m": {"x": 1.0, "y": {"z": 1.0}}}),
    ({"l": [1.0]}, {"l": [2.0, 3.0]}, {"l": [1.0]}),  # lists replace
    ({"m": "scalar"}, {"m": {"x": 1.0}}, {"m": "scalar"}),
    ({"m": {"x": 1.0}}, {"m": "scalar"}, {"m": {"x": 1.0}}),
]


@pytest.mark.parametrize("user, defaults, expect", COALESCE)
def test_coalesce(user, defaults, expect):
    warnings: list[str] = []
    c = chart("c", defaults)
    assert coalesce_values(c, user, warnings.append) == expect
    assert c.values == defaults  # chart defaults are never mutated


def test_coalesce_warnings():
    w: list[str] = []
    coalesce_values(chart("c", {"m": "s"}), {"m": {"x": 1.0}}, w.append)
    assert w == ["warning: skipped value for c.m: Not a table."]
    w.clear()
    coalesce_values(chart("c", {"m": {"x": {"y": 1.0}}}), {"m": {"x": 5.0}}, w.append)
    assert w == ["warning: cannot overwrite table with non table for c.m.x (map[y:1])"]
    w.clear()
    coalesce_values(chart("c", {"m": {"x": 1000000.0}}), {"m": {"x": {"y": 1.0}}}, w.append)
    assert w == ["warning: destination for c.m.x is a table. Ignoring non-table value (1e+06)"]


def test_subchart_sections_and_globals():
    sub = chart("sub", {"port": 80.0, "global": {"g": "sub", "own": 1.0}, "n": 1.0})
    parent = chart("parent", {"global": {"g": "parent", "t": {"a": 1.0}}, "sub": {"n": 2.0}}, [sub])
    out = coalesce_values(parent, {"sub": {"port": 81.0}}, lambda m: None)
    assert out["sub"]["port"] == 81.0 and out["sub"]["n"] == 2.0
    assert out["sub"]["global"] == {"g": "parent", "own": 1.0, "t": {"a": 1.0}}
    assert out["global"] == {"g": "parent", "t": {"a": 1.0}}  # globals never propagate up
    assert out["sub"]["global"]["t"] is not out["global"]["t"]


def test_subchart_type_mismatch():
    with pytest.raises(ChartError, match=r"type mismatch on sub: %!t\(string=x\)"):
        coalesce_values(chart("p", {}, [chart("sub", {})]), {"sub": "x"}, lambda m: None)


def test_tables():
    assert coalesce_tables({"a": None, "b": 1.0}, {"a": 2.0, "c": 3.0}, print) == {"b": 1.0, "c": 3.0}
    assert merge_tables({"a": None}, {"a": 2.0}, print) == {"a": None}


def test_values_object_shares_storage():
    root = {"sub": {"x": 1.0}}
    sub = values_object(root["sub"])
    assert type_name(sub) == "chartutil.Values" and isinstance(sub, dict)
    sub["y"] = 2.0
    assert root["sub"] == {"x": 1.0, "y": 2.0}
    root["sub"]["z"] = 3.0
    assert sub["z"] == 3.0 and len(sub) == 3 and sorted(sub) == ["x", "y", "z"] and sub == root["sub"]
    assert dict(sub) == root["sub"] and {**sub} == root["sub"] and "x" in sub
    assert values_object(sub) is sub


def test_values_methods():
    v = Values({"a": {"b": {"c": 1.0}}, "s": "x", "n": None})
    assert v.go_method("Table").fn("a.b").data is v.data["a"]["b"]
    with pytest.raises(GoError, match='"s" is not a table'):
        v.go_method("Table").fn("s")
    with pytest.raises(GoError, match='"zz" is not a table'):
        v.table("a.zz")
    assert v.path_value("a.b.c") == 1.0 and v.path_value("s") == "x" and v.path_value("n") is None
    with pytest.raises(GoError, match='"b" is not a value'):
        v.path_value("a.b")
    with pytest.raises(GoError, match="YAML path cannot be empty"):
        v.path_value("")
    assert v.go_method("AsMap").fn() is v.data
    assert v.go_method("YAML").fn() == "a:\n  b:\n    c: 1\n" + "\"n\": null\ns: x\n"  # "n" is a YAML 1.1 bool
    assert v.go_method("Nope") is None


@pytest.mark.parametrize("value, text", [
    (1000000.0, "1e+06"), (123456.0, "123456"), (0.1, "0.1"), (1e-05, "1e-05"), (-0.0, "-0"),
    (Int64(3), "3"), (None, "<nil>"), ([1.0, "a"], "[1 a]"), ({"b": 1.0, "a": True}, "map[a:true b:1]"),
])
def test_go_v(value, text):
    assert go_v(value) == text


SCHEMA = b"""{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
 "required": ["employmentInfo"],
 "properties": {"age": {"type": "integer", "minimum": 0}, "name": {"type": "string"}}}"""


def test_schema_validation():
    c = chart("empty", {}, schema=SCHEMA)
    assert validate_values_schema(c, {"employmentInfo": {}, "age": 5.0}) is None
    msg = validate_values_schema(c, {"age": -5.0, "name": 3.0})
    assert msg == ("values don't meet the specifications of the schema(s) in the following chart(s):\n"
                   "empty:\n- at '': missing property 'employmentInfo'\n"
                   "- at '/age': minimum: got -5, want 0\n- at '/name': got integer, want string\n")


DRAFT4 = b"""{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
 "properties": {"replicas": {"type": "integer", "minimum": 0, "exclusiveMinimum": false},
                "resources": {"$ref": "https://kubernetesjsonschema.dev/v1.18.0/resourcerequirements-v1.json"}}}"""


def test_draft4_integer_accepts_yaml_numbers_without_fraction():
    # YAML numbers are float64; after Helm's JSON round trip 2.0 is the integer 2 under every draft
    c = chart("d4", {}, schema=DRAFT4)
    assert validate_values_schema(c, {"replicas": 2.0}) is None
    assert validate_values_schema(c, {"replicas": 2.5}).endswith("d4:\n- at '/replicas': got number, want integer\n")


def test_remote_ref_is_not_fetched_and_accepts_anything():
    c = chart("remote", {}, schema=DRAFT4)
    assert validate_values_schema(c, {"resources": {"limits": {"cpu": 1.0}}, "replicas": 1.0}) is None
    assert "- at '/replicas': got string, want integer\n" in validate_values_schema(
        c, {"resources": 5.0, "replicas": "x"})


def test_unloadable_local_ref_is_an_error_not_a_crash():
    c = chart("local", {}, schema=b'{"properties": {"a": {"$ref": "defs.json"}}}')
    assert validate_values_schema(c, {"a": 1.0}).endswith(
        "local:\ninvalid values.schema.json: cannot resolve $ref 'defs.json'\n")


def test_subchart_schema_and_non_map_section():
    sub = chart("sub", {}, schema=b'{"type": "object", "properties": {"p": {"type": "string"}}}')
    parent = chart("parent", {}, [sub])
    assert validate_values_schema(parent, {"sub": {"p": "x"}}) is None
    assert "sub:\n- at '/p': got boolean, want string\n" in validate_values_schema(parent, {"sub": {"p": True}})
    assert "invalid type for values: expected object (map), got string" in validate_values_schema(
        parent, {"sub": "x"})

"""Helm/Sprig serialisation functions: registry entries, error conventions, snippets.json cases."""

from __future__ import annotations

import importlib.util

import pytest

import chartlsp.functions.serialization  # noqa: F401  (registers the functions)
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError

HAS_GOYAML = importlib.util.find_spec("chartlsp.encoding.goyaml") is not None
needs_goyaml = pytest.mark.skipif(not HAS_GOYAML, reason="encoding/goyaml.py (the YAML loader) has not landed yet")


def call(name, *args):
    return REGISTRY[name].fn(*args)


NAMES = ["toYaml", "mustToYaml", "toYamlPretty", "fromYaml", "fromYamlArray", "toJson", "mustToJson",
         "fromJson", "fromJsonArray", "mustFromJson", "toPrettyJson", "mustToPrettyJson", "toRawJson",
         "mustToRawJson", "toToml", "fromToml"]


@pytest.mark.parametrize("name", NAMES)
def test_registered_with_signature_and_doc(name):
    f = REGISTRY[name]
    assert f.signature.startswith(name) and f.doc and f.params in (("interface {}",), ("string",))


@pytest.mark.parametrize("name,has_error", [("mustFromJson", True), ("mustToPrettyJson", True),
                                            ("mustToRawJson", True), ("toJson", False), ("toRawJson", False)])
def test_go_error_results(name, has_error):
    assert REGISTRY[name].has_error is has_error


@pytest.mark.parametrize("name,args,expected", [
    ("toYaml", ({"b": 1.0, "a": "x", "c": [1.0, 2.0], "d": {"e": "f"}},), "a: x\nb: 1\nc:\n- 1\n- 2\nd:\n  e: f"),
    ("toYaml", ({"s": "line1\nline2\n", "u": "two\n\n"},), "s: |\n  line1\n  line2\nu: |+\n  two\n"),
    ("toYaml", ("hello",), "hello"),
    ("toYaml", ({"a": float("nan")},), ""),
    ("toYamlPretty", ({"baz": [1, 2], "foo": {"bar": 1e6}},), "baz:\n  - 1\n  - 2\nfoo:\n  bar: 1e+06"),
    ("toJson", ({"z": 1.0, "a": {"b": [True, None, 2.5]}, "s": "x"},), '{"a":{"b":[true,null,2.5]},"s":"x","z":1}'),
    ("toJson", ({"h": '<a href="x">&</a>'},), '{"h":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"}'),
    ("toJson", (float("inf"),), ""),
    ("toRawJson", ({"h": '<a href="x">&</a>'},), '{"h":"<a href=\\"x\\">&</a>"}'),
    ("toPrettyJson", ({"a": [1, 2], "b": {}},), '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}'),
    ("mustToPrettyJson", ([1],), "[\n  1\n]"),
    ("toPrettyJson", (float("nan"),), ""),
    ("mustToJson", ({"a": "<b>"},), '{"a":"\\u003cb\\u003e"}'),
    ("mustToRawJson", ({"a": "<b>"},), '{"a":"<b>"}'),
    ("mustFromJson", ('{"k": [1]}',), {"k": [1.0]}),
    ("fromJson", ('{"a": 1, "b": [true, null]}',), {"a": 1.0, "b": [True, None]}),
    ("fromJson", ("[1,2]",), {"Error": "json: cannot unmarshal array into Go value of type map[string]interface {}"}),
    ("fromJson", ("{bad",), {"Error": "invalid character 'b' looking for beginning of object key string"}),
    # Go keeps decoding past an out-of-range number (nil there) and Helm keeps the partial map.
    ("fromJson", ('{"a": 12345678901234567890, "c": [1e400], "d": {"e": -2e999}}',),
     {"a": 1.2345678901234567e19, "c": [None], "d": {"e": None},
      "Error": "json: cannot unmarshal number 1e400 into Go value of type float64"}),
    ("fromJson", ("[1e400]",), {"Error": "json: cannot unmarshal array into Go value of type map[string]interface {}"}),
    ("fromJson", ('{"a": 1e400, "b": }',), {"Error": "invalid character '}' looking for beginning of value"}),
    ("fromJsonArray", ("[1, 1e400]",), ["json: cannot unmarshal number 1e400 into Go value of type float64"]),
    ("fromJsonArray", ('[1, "a", {"b": 2}]',), [1.0, "a", {"b": 2.0}]),
    ("fromJsonArray", ("{}",), ["json: cannot unmarshal object into Go value of type []interface {}"]),
    ("toToml", ({"title": "x", "num": 3.0, "f": 1.5, "b": True, "l": [1.0, 2.0], "sub": {"k": "v"}},),
     'b = true\nf = 1.5\nl = [1.0, 2.0]\nnum = 3.0\ntitle = "x"\n\n[sub]\n  k = "v"\n'),
    ("toToml", ("x",), "toml: top-level values must be Go maps or structs"),
    ("fromToml", ('a = 1\n[s]\nb = "x"',), {"a": 1, "s": {"b": "x"}}),
    ("fromToml", ("a",), {"Error": "toml: line 1: unexpected EOF; expected key separator '='"}),
])
def test_functions(name, args, expected):
    assert call(name, *args) == expected


@pytest.mark.parametrize("name,arg,msg", [
    ("mustToYaml", {"a": float("nan")}, "error marshaling into JSON: json: unsupported value: NaN"),
    ("mustToJson", float("nan"), "json: unsupported value: NaN"),
    ("toRawJson", float("nan"), "json: unsupported value: NaN"),
    ("mustToRawJson", float("inf"), "json: unsupported value: +Inf"),
    ("mustToPrettyJson", float("nan"), "json: unsupported value: NaN"),
    ("mustFromJson", "{bad", "invalid character 'b' looking for beginning of object key string"),
])
def test_must_variants_fail(name, arg, msg):
    with pytest.raises(GoError) as e:
        call(name, arg)
    assert str(e.value) == msg


def test_from_toml_types():
    t = call("fromToml", 'a = 1\n[s]\nb = "x"')
    assert type(t["a"]).__name__ == "Int64"


@needs_goyaml
def test_from_yaml():
    m = call("fromYaml", "a: 1\nb: [x, y]\nc: yes")
    # YAML 1.1 as go-yaml v2 reads it: a bare y and yes are booleans
    assert m == {"a": 1.0, "b": ["x", True], "c": True} and type(m["a"]) is float
    assert call("fromYaml", "") == {}
    assert call("fromYaml", "- a") == {"Error": "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                                                "array into Go value of type map[string]interface {}"}


@needs_goyaml
def test_from_yaml_errors():
    assert call("fromYaml", "a: [1") == {
        "Error": "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"}


@needs_goyaml
def test_from_yaml_array():
    assert call("fromYamlArray", "- a\n- 1\n- {b: c}") == ["a", 1.0, {"b": "c"}]
    assert call("fromYamlArray", "a: 1") == ["error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                                             "object into Go value of type []interface {}"]

"""encoding/json Marshal/MarshalIndent/Unmarshal: outputs and error texts recorded from Go."""

from __future__ import annotations

import json
import pathlib

import pytest

from chartlsp.encoding import gojson
from chartlsp.gotemplate.gotypes import GoError, GoObject, Int64, TypedList, TypedMap

CASES = json.loads((pathlib.Path(__file__).parent / "data" / "go_encoder_cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["toJson"], ids=lambda c: json.dumps(c["value"])[:40])
def test_marshal_matches_go(case):
    assert gojson.marshal(case["value"]) == case["output"]


@pytest.mark.parametrize("case", CASES["toPrettyJson"][:200], ids=lambda c: json.dumps(c["value"])[:40])
def test_marshal_indent_matches_go(case):
    assert gojson.marshal_indent(case["value"], "", "  ") == case["output"]


@pytest.mark.parametrize("value,expected", [
    ([1.0, 1e21, 1e20, 0.000001, 0.0000001, 1.5], "[1,1e+21,100000000000000000000,0.000001,1e-7,1.5]"),
    ([-0.0, 5e-324, 1.7976931348623157e308, 123456789.0], "[-0,5e-324,1.7976931348623157e+308,123456789]"),
    ("line\n\ttab \"q\" \\ é \u2028", '"line\\n\\ttab \\"q\\" \\\\ é \\u2028"'),
    ("<a href=\"x\">&</a>", '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'),
    ("\x00\x1f\x7f\b\f", '"\\u0000\\u001f\x7f\\b\\f"'),  # Go >= 1.22 writes \b and \f
    ("bad \udcff byte", '"bad \\ufffd byte"'),  # invalid UTF-8: Go writes the escape, not the rune
    (b"hi", '"aGk="'), (Int64(5), "5"), (None, "null"), (True, "true"),
    (TypedList(["a"], "[]string"), '["a"]'), (TypedMap({"k": 1}), '{"k":1}'),
    ({"b": {}, "a": []}, '{"a":[],"b":{}}'),
])
def test_marshal(value, expected):
    assert gojson.marshal(value) == expected


def test_raw_and_struct():
    class Obj(GoObject):
        def go_json(self):
            return {"X": "<b>"}

    assert gojson.marshal(Obj(), escape_html=False) == '{"X":"<b>"}'
    assert gojson.marshal_indent({"a": [1, 2], "b": {}}) == '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}'


def test_struct_fields_keep_declaration_order():
    """encoding/json writes a struct's fields in declaration order; only maps are sorted."""
    class KubeVersion(GoObject):
        def go_json(self):
            return {"Version": "v1.20.0", "Major": "1", "Minor": "20", "Labels": {"b": 1, "a": 2}}

    assert gojson.marshal(KubeVersion()) == '{"Version":"v1.20.0","Major":"1","Minor":"20","Labels":{"a":2,"b":1}}'
    assert gojson.marshal([{"z": KubeVersion()}]).startswith('[{"z":{"Version":"v1.20.0","Major"')
    assert gojson.marshal_indent(KubeVersion()).startswith('{\n  "Version": "v1.20.0",\n  "Major": "1",')


@pytest.mark.parametrize("value,msg", [
    (float("nan"), "json: unsupported value: NaN"),
    ([float("-inf")], "json: unsupported value: -Inf"),
])
def test_marshal_errors(value, msg):
    with pytest.raises(GoError, match=f"^{msg}$"):
        gojson.marshal(value)


@pytest.mark.parametrize("text,msg", [
    ("{bad", "invalid character 'b' looking for beginning of object key string"),
    ("[1,2", "unexpected end of JSON input"),
    ("", "unexpected end of JSON input"),
    ('{"a":1,}', "invalid character '}' looking for beginning of object key string"),
    ('{"a" 1}', "invalid character '1' after object key"),
    ("[1 2]", "invalid character '2' after array element"),
    ("1x", "invalid character 'x' after top-level value"),
    ('"a\\qb"', "invalid character 'q' in string escape code"),
    ('"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"),
    ("tru", "invalid character ' ' in literal true (expecting 'e')"),
    ("trx", "invalid character 'x' in literal true (expecting 'u')"),
    ("-", "invalid character ' ' in numeric literal"),
    ("1.e", "invalid character 'e' after decimal point in numeric literal"),
    ("1e+", "invalid character ' ' in exponent of numeric literal"),
    ("01", "invalid character '1' after top-level value"),
    ('"\x01"', "invalid character '\\x01' in string literal"),
    ("é", "invalid character 'Ã' looking for beginning of value"),
    ("NaN", "invalid character 'N' looking for beginning of value"),
    ("'a'", "invalid character '\\'' looking for beginning of value"),
    ("[1e400]", "json: cannot unmarshal number 1e400 into Go value of type float64"),
])
def test_unmarshal_errors(text, msg):
    with pytest.raises(GoError) as e:
        gojson.unmarshal(text)
    assert str(e.value) == msg


def test_unmarshal_values():
    assert gojson.unmarshal(' {"k": [1, 2.5, -0, 1E3, true, null, "x"]} ') == {"k": [1.0, 2.5, -0.0, 1000.0, True, None, "x"]}
    assert type(gojson.unmarshal("3")) is float
    assert gojson.unmarshal('"\\ud800x \\ud83d\\ude00"') == "\ufffdx \U0001F600"


def test_unmarshal_object_and_array():
    assert gojson.unmarshal_object("null") == {}
    with pytest.raises(GoError, match=r"^json: cannot unmarshal array into Go value of type map\[string\]interface \{\}$"):
        gojson.unmarshal_object("[1,2]")
    with pytest.raises(GoError, match=r"^json: cannot unmarshal object into Go value of type \[\]interface \{\}$"):
        gojson.unmarshal_array("{}")
    assert gojson.unmarshal_array("[1]") == [1.0]


@pytest.mark.parametrize("f,g", [
    (1e6, "1e+06"), (100000.0, "100000"), (1234567.0, "1.234567e+06"), (3.0, "3"), (0.0001, "0.0001"),
    (0.00001, "1e-05"), (float("inf"), "+Inf"), (0.0, "0"),
])
def test_fmt_g(f, g):
    assert gojson.fmt_g(f) == g


def _cycles():
    d: dict = {}
    d["a"] = d
    e: dict = {}
    l2 = [1, e]
    e["a"] = l2
    return d, l2, e


def test_cycle_error_names_the_container_1000_levels_down():
    d, l2, e = _cycles()
    with pytest.raises(GoError, match=r"^json: unsupported value: encountered a cycle via map\[string\]interface \{\}$"):
        gojson.marshal(d)
    # list → map → list …: depth 1000 (even) is the list
    assert gojson.cycle_error(l2) == "json: unsupported value: encountered a cycle via []interface {}"
    assert gojson.cycle_error(e) == "json: unsupported value: encountered a cycle via map[string]interface {}"
    assert gojson.cycle_error({"a": [d, d]}) is not None
    assert gojson.cycle_error({"a": [1, {"b": []}]}) is None

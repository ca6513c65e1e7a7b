"""go-yaml emitter: toYaml (sigs.k8s.io/yaml → go-yaml v2) and toYamlPretty (go-yaml v3, indent 2).

``data/go_encoder_cases.json`` holds outputs recorded from the Go libraries
(gopkg.in/yaml.v2 2.4.0, yaml.v3 3.0.1) for generated values: ambiguous and
indicator strings, long strings that fold, multi-line strings, odd keys.
"""

from __future__ import annotations

import json
import pathlib

import pytest

from chartlsp.encoding.yamlemit import sorted_keys, to_yaml, to_yaml_pretty
from chartlsp.gotemplate.gotypes import GoError, GoObject, Int64

CASES = json.loads((pathlib.Path(__file__).parent / "data" / "go_encoder_cases.json").read_text("utf-8"))


def _run(fn, v):
    try:
        return fn(v), ""
    except GoError as e:
        return "", str(e)


@pytest.mark.parametrize("case", CASES["toYaml"], ids=lambda c: json.dumps(c["value"])[:40])
def test_to_yaml_matches_go(case):
    out, err = _run(to_yaml, case["value"])
    assert (out, bool(err)) == (case["output"], bool(case["error"]))


@pytest.mark.parametrize("case", CASES["toYamlPretty"], ids=lambda c: json.dumps(c["value"])[:40])
def test_to_yaml_pretty_matches_go(case):
    out, err = _run(to_yaml_pretty, case["value"])
    assert (out, bool(err)) == (case["output"], bool(case["error"]))


SNIPPETS = [  # from conformance/snippets.json (area serialization), before Helm's newline trim
    ({"b": 1.0, "a": "x", "c": [1.0, 2.0], "d": {"e": "f"}}, "a: x\nb: 1\nc:\n- 1\n- 2\nd:\n  e: f\n"),
    ({"a10": 1, "a2": 2, "a1": 3, "B": 4, "_x": 5, "b": 6}, "_x: 5\nB: 4\na1: 3\na2: 2\na10: 1\nb: 6\n"),
    (["yes", "no", "on", "1.0", "null", "", "~", "true", "1e3", "0x1F", "1:20", "y"],
     '- "yes"\n- "no"\n- "on"\n- "1.0"\n- "null"\n- ""\n- "~"\n- "true"\n- "1e3"\n- "0x1F"\n- "1:20"\n- "y"\n'),
    (["a: b", "- x", "#c", "@at", "`tick", "{x}", "[y]", "*star", "&amp", "!bang", "%pct", "a #b", " lead", "trail "],
     "- 'a: b'\n- '- x'\n- '#c'\n- '@at'\n- '`tick'\n- '{x}'\n- '[y]'\n- '*star'\n- '&amp'\n- '!bang'\n"
     "- '%pct'\n- 'a #b'\n- ' lead'\n- 'trail '\n"),
    ({"s": "line1\nline2\n", "t": "no trailing\nnl", "u": "two\n\n"},
     "s: |\n  line1\n  line2\nt: |-\n  no trailing\n  nl\nu: |+\n  two\n\n"),
    ({"s": "  indented\nnext\n"}, "s: |2\n    indented\n  next\n"),
    ({"k": "this is a long string with many words that will exceed the eighty column limit of the go yaml "
           "emitter for sure"},
     "k: this is a long string with many words that will exceed the eighty column limit\n"
     "  of the go yaml emitter for sure\n"),
    ({"a": 1000000.0, "b": 1.5, "c": 1e-7, "d": 12345678901234567890.0, "e": 0.1},
     "a: 1000000\nb: 1.5\nc: 1e-07\nd: 12345678901234567000\ne: 0.1\n"),
    ({"n": None, "m": {}, "l": [], "s": ""}, 'l: []\nm: {}\n"n": null\ns: ""\n'),
    ({"s": "h\u00e9llo \u2603", "e": "emoji \U0001F600"}, 'e: "emoji \\U0001F600"\ns: héllo ☃\n'),
    ({"false": 0.0, "true": 1.0, "z": 2.0}, '"false": 0\n"true": 1\nz: 2\n'),
    ([".inf", "-.Inf", ".nan", "0o17", "0b1", "+1", "1_000"],
     '- ".inf"\n- "-.Inf"\n- ".nan"\n- "0o17"\n- "0b1"\n- "+1"\n- "1_000"\n'),
    ({"s": "ends with space "}, "s: 'ends with space '\n"),
    ("hello", "hello\n"), (5, "5\n"), (True, "true\n"), (None, "null\n"),
    ({"z": -0.0, "a": [-0.0, 0.0]}, "a:\n- 0\n- 0\nz: 0\n"),  # JSON "-0" is read back as the int 0
]


@pytest.mark.parametrize("value,expected", SNIPPETS)
def test_helm_snippets(value, expected):
    assert to_yaml(value) == expected


def test_json_round_trip_types():
    class Obj(GoObject):
        def go_json(self):
            return {"Name": "x", "Count": 3}

    assert to_yaml({"b": b"hi", "o": Obj(), "i": Int64(7), "f": 3.0, "big": 1e21}) == (
        "b: aGk=\nbig: 1e+21\nf: 3\ni: 7\no:\n  Count: 3\n  Name: x\n")


def test_tabs_and_trailing_space_in_multiline_force_double_quotes():
    assert to_yaml({"s": "a\n\tb"}) == 's: "a\\n\\tb"\n'
    assert to_yaml({"s": "a \nb"}) == 's: "a \\nb"\n'
    assert to_yaml_pretty({"s": "a\n\tb"}) == "s: |-\n  a\n  \tb\n"


def test_nested_sequences_and_maps():
    v = {"l": [[1.0, 2.0], {"a": 1.0, "b": [3.0]}], "m": {"k": [{"x": "y"}]}}
    assert to_yaml(v) == "l:\n- - 1\n  - 2\n- a: 1\n  b:\n  - 3\nm:\n  k:\n  - x: \"y\"\n"
    assert to_yaml_pretty(v) == "l:\n  - - 1\n    - 2\n  - a: 1\n    b:\n      - 3\nm:\n  k:\n    - x: \"y\"\n"


def test_long_keys_and_multiline_keys_use_complex_form():
    assert to_yaml({"k" * 129: 1.0}) == "? " + "k" * 129 + "\n: 1\n"
    assert to_yaml({"a\nb": 1.0}) == "? |-\n  a\n  b\n: 1\n"


def test_folding_keeps_indentation_in_nested_context():
    s = " ".join(["word"] * 30)
    assert to_yaml({"a": {"b": [s]}}) == (
        "a:\n  b:\n  - word word word word word word word word word word word word word word word word\n"
        "    word word word word word word word word word word word word word word\n")


def test_errors():
    with pytest.raises(GoError, match="error marshaling into JSON: json: unsupported value: NaN"):
        to_yaml({"a": float("nan")})
    with pytest.raises(GoError, match="control characters are not allowed"):
        to_yaml("a\x7fb")
    assert to_yaml_pretty({"f": float("inf"), "g": 1e6}) == "f: .inf\ng: 1e+06\n"


@pytest.mark.parametrize("keys,expected", [
    (["a10", "a2", "a1", "B", "_x", "b"], ["_x", "B", "a1", "a2", "a10", "b"]),
    (["x01", "x1", "x001"], ["x1", "x01", "x001"]),
    (["b", "a", "c"], ["a", "b", "c"]),
    (["é", "-x", "z"], ["-x", "z", "é"]),
])
def test_natural_key_order(keys, expected):
    assert sorted_keys(keys) == expected

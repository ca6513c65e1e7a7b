"""BurntSushi/toml encoding (outputs recorded from Go) and decoding with Go-style errors."""

from __future__ import annotations

import json
import pathlib

import pytest

from chartlsp.encoding import gotoml
from chartlsp.gotemplate.gotypes import GoError, Int64

CASES = json.loads((pathlib.Path(__file__).parent / "data" / "go_encoder_cases.json").read_text("utf-8"))


def _run(v):
    try:
        return gotoml.dumps(v), ""
    except GoError as e:
        return "", str(e)


@pytest.mark.parametrize("case", CASES["toToml"], ids=lambda c: json.dumps(c["value"])[:40])
def test_dumps_matches_go(case):
    assert _run(case["value"]) == (case["output"], case["error"])


@pytest.mark.parametrize("value,expected", [
    ({"title": "x", "num": 3.0, "f": 1.5, "b": True, "l": [1.0, 2.0], "sub": {"k": "v"}},
     'b = true\nf = 1.5\nl = [1.0, 2.0]\nnum = 3.0\ntitle = "x"\n\n[sub]\n  k = "v"\n'),
    ({"a": {"b": {"c": 1}}, "top": "t"}, 'top = "t"\n\n[a]\n  [a.b]\n    c = 1\n'),
    ({"arr": [{"n": "a"}, {"n": "b"}]}, '[[arr]]\n  n = "a"\n\n[[arr]]\n  n = "b"\n'),
    ({"m": [1, {"a": 1}]}, "m = [1, {a = 1}]\n"),
    ({"weird key": 1, "": 2}, '"" = 2\n"weird key" = 1\n'),
    ({"n": None, "f": [1e21, 1e-7]}, "f = [1000000000000000000000.0, 0.0000001]\n"),
])
def test_dumps(value, expected):
    assert gotoml.dumps(value) == expected


@pytest.mark.parametrize("value,msg", [
    ({"l": [1, None]}, "toml: cannot encode array with nil element"),
    ("str", "toml: top-level values must be Go maps or structs"),
])
def test_dumps_errors(value, msg):
    assert _run(value) == ("", msg)


def test_loads():
    v = gotoml.loads('a = 1\n[s]\nb = "x"\nf = [1, 2.5]')
    assert v == {"a": 1, "s": {"b": "x", "f": [1, 2.5]}}
    assert type(v["a"]) is Int64


def test_loads_error_matches_helm_test():
    with pytest.raises(GoError) as e:
        gotoml.loads("a")
    assert str(e.value) == "toml: line 1: unexpected EOF; expected key separator '='"
    with pytest.raises(GoError, match=r"^toml: line 2: "):
        gotoml.loads("a = 1\na = 2")

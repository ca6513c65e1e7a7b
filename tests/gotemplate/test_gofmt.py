"""Go fmt/strconv conformance: expected outputs were produced by Go's own fmt and strconv.

``data/gofmt_cases.json`` holds a value table (Go values tagged with their
type) and cases ``[kind, format, [value indexes], want]``; kinds are
``printf``/``print``/``println`` (fmt.Sprintf/Sprint/Sprintln), ``quote``
(strconv.Quote) and ``ffloat`` (strconv.FormatFloat, the format field holding
``{"F", "Prec", "Bits"}``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chartlsp.gotemplate.gofmt import (
    format_float, print_value, quote, quote_ascii, quote_rune, sprint, sprintf, sprintln,
)
from chartlsp.gotemplate.gotypes import GoFunc, GoInt, GoObject, Int64, TypedList, TypedMap, Uint8

DATA = json.loads((Path(__file__).parent / "data" / "gofmt_cases.json").read_text())


def _str(hexed: str) -> str:
    return bytes.fromhex(hexed).decode("utf-8", "surrogateescape")


def decode(v: dict) -> Any:
    t, x = v["t"], v["v"]
    if t == "nil":
        return None
    if t == "bool":
        return x
    if t == "int":
        return x
    if t == "int64":
        return Int64(x)
    if t == "uint8":
        return Uint8(x)
    if t == "uint64":
        return GoInt(x, "uint64")
    if t == "float64":
        return float(x)
    if t == "string":
        return _str(x)
    if t == "bytes":
        return bytes.fromhex(x)
    if t == "list":
        return [decode(e) for e in x]
    if t == "strlist":
        return TypedList(x, "[]string")
    if t == "intlist":
        return TypedList(x, "[]int")
    if t == "map":
        return {_str(k): decode(e) for k, e in x.items()}
    if t == "intmap":
        return TypedMap({int(k): e for k, e in x.items()}, "map[int]string")
    raise ValueError(t)


VALUES = [decode(v) for v in DATA["values"]]


def _run(kind: str, fmt: str, args: list) -> str:
    if kind == "printf":
        return sprintf(fmt, *args)
    if kind == "print":
        return sprint(*args)
    if kind == "println":
        return sprintln(*args)
    if kind == "quote":
        return quote(args[0])
    spec = json.loads(fmt)
    return format_float(args[0], spec["F"], spec["Prec"], spec["Bits"])


CASES = DATA["cases"]


@pytest.mark.parametrize("kind", sorted({c[0] for c in CASES}))
def test_go_generated_cases(kind: str) -> None:
    failures = []
    for k, fmt, refs, want in CASES:
        if k != kind:
            continue
        args = [VALUES[i] for i in refs]
        got = _run(k, fmt, args)
        if got != want:
            failures.append(f"{k} {fmt!r} {args!r}: got {got!r}, want {want!r}")
    assert not failures, f"{len(failures)} mismatches:\n" + "\n".join(failures[:40])


@pytest.mark.parametrize("value, want", [
    (None, "<nil>"), (True, "true"), (False, "false"), (3, "3"), (Int64(-4), "-4"), (Uint8(98), "98"),
    (3.0, "3"), (100000.0, "100000"), (1000000.0, "1e+06"), (1234567.0, "1.234567e+06"), (0.0001, "0.0001"),
    (0.00001, "1e-05"), (-0.0, "-0"), (1.5, "1.5"), (float("nan"), "NaN"), (float("inf"), "+Inf"),
    ("x", "x"), (b"hi", "[104 105]"), ([1, "a", [2, 3], None, {"k": "v"}], "[1 a [2 3] <nil> map[k:v]]"),
    ({"b": 2, "a": {"c": [1, "x"]}}, "map[a:map[c:[1 x]] b:2]"),
    (TypedList(["a", "b"], "[]string"), "[a b]"), (TypedMap({2: "b", 1: "a"}, "map[int]string"), "map[1:a 2:b]"),
])
def test_print_value(value: Any, want: str) -> None:
    assert print_value(value) == want


class _Point(GoObject):
    go_type = "chart.Point"

    def go_fields(self) -> list[tuple[str, Any]]:
        return [("X", 1), ("Name", "p"), ("Tags", None)]


class _PointPtr(_Point):
    go_type = "*chart.Point"


class _Version(GoObject):
    go_type = "*semver.Version"

    def go_string(self) -> str:
        return "1.2.3"


@pytest.mark.parametrize("fmt, args, want", [
    ("%v", [_Point()], "{1 p <nil>}"),
    ("%+v", [_Point()], "{X:1 Name:p Tags:<nil>}"),
    ("%#v", [_Point()], 'chart.Point{X:1, Name:"p", Tags:interface {}(nil)}'),
    ("%v", [_PointPtr()], "&{1 p <nil>}"),
    ("%v", [[_PointPtr()]], "[0x0]"),
    ("%T", [_PointPtr()], "*chart.Point"),
    ("%v|%s|%q|%x", [_Version()] * 4, '1.2.3|1.2.3|"1.2.3"|312e322e33'),
    ("%v", [{"v": _Version()}], "map[v:1.2.3]"),
    ("%d", [_Point()], "{1 %!d(string=p) <nil>}"),
    ("%v", [GoFunc("f", len)], "0x0"),
    ("%s", [GoFunc("f", len)], "%!s(func=0x0)"),
])
def test_objects(fmt: str, args: list, want: str) -> None:
    assert sprintf(fmt, *args) == want


@pytest.mark.parametrize("s, want", [
    ("a\u263ab", '"a\\u263ab"'), ("\U0001F600", '"\\U0001f600"'), ("\x07", '"\\a"'),
])
def test_quote_ascii(s: str, want: str) -> None:
    assert quote_ascii(s) == want


@pytest.mark.parametrize("r, want", [
    (97, "'a'"), (39, "'\\''"), (34, "'\"'"), (0x263a, "'\u263a'"), (0xD800, "'\ufffd'"), (-1, "'\ufffd'"), (10, "'\\n'"),
])
def test_quote_rune(r: int, want: str) -> None:
    assert quote_rune(r) == want

"""The evaluator against Go's text/template semantics (builtins only; missingkey=zero as Helm sets it unless a case says otherwise)."""

from __future__ import annotations

import json
import pathlib

import pytest

from chartlsp.gotemplate.exec import ExecError, Executor, TemplateSet
from chartlsp.gotemplate.parser import parse

CASES = json.loads((pathlib.Path(__file__).parent / "data" / "exec_cases.json").read_text())


def _ints(v):
    """JSON numbers are floats in the value model; some cases want Go ints."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, list):
        return [_ints(x) for x in v]
    if isinstance(v, dict):
        return {k: _ints(x) for k, x in v.items()}
    return v


def _floats(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, list):
        return [_floats(x) for x in v]
    if isinstance(v, dict):
        return {k: _floats(x) for k, x in v.items()}
    return v


def run(tpl: str, data, missingkey: str = "zero") -> str:
    tset = TemplateSet(missingkey=missingkey)
    tree = parse("t", tpl, tset.funcs)
    assert not tree.errors, tree.errors[0].go_string("t")
    tset.add_tree(tree)
    return Executor(tset).execute("t", data)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_exec(case):
    data = _ints(case["data"]) if case.get("int_data") else _floats(case["data"])
    if "err" in case:
        with pytest.raises(ExecError) as info:
            run(case["tpl"], data, case.get("missingkey", "zero"))
        assert case["err"] in str(info.value)
    else:
        assert run(case["tpl"], data, case.get("missingkey", "zero")) == case["out"]


def test_error_carries_span_and_chain():
    tset = TemplateSet(missingkey="zero")
    tset.add_tree(parse("t", '{{define "inner"}}{{.x.y}}{{end}}{{template "inner" .}}', tset.funcs))
    with pytest.raises(ExecError) as info:
        Executor(tset).execute("t", {})
    e = info.value
    assert e.template == "inner" and e.file == "t"
    assert (e.line, e.col) == (1, 22)  # Go reports a chain at its second field
    assert '{{define "inner"}}{{.x.y}}'[e.pos:e.end] == ".x.y"


def test_source_map_points_at_nodes():
    tset = TemplateSet()
    text = "a: {{ .v }}\nb: lit\n"
    tset.add_tree(parse("t", text, tset.funcs))
    ex = Executor(tset, source_map=True)
    out = ex.execute("t", {"v": "X"})
    assert out == "a: X\nb: lit\n"
    spans = {out[a:b]: text[p:e] for (a, b, f, p, e, fr) in ex.smap}
    assert spans["X"] == "{{ .v }}"
    assert spans["a: "] == "a: "


# Go names the static type of the receiver: a range over []interface {} or
# map[string]interface {} yields interface {} elements (dot and the element variable),
# while with/template/pipelines hand on the concrete value (checked against Go 1.19).
@pytest.mark.parametrize("tpl, typ", [
    ("{{ range .l }}{{ .foo }}{{ end }}", "interface {}"),
    ("{{ range .m }}{{ .foo }}{{ end }}", "interface {}"),
    ("{{ range $e := .l }}{{ $e.foo }}{{ end }}", "interface {}"),
    ("{{ range $i, $e := .l }}{{ $i.foo }}{{ end }}", "int"),
    ("{{ range $e := .l }}{{ $e := 3 }}{{ $e.foo }}{{ end }}", "int"),
    ("{{ with .l }}{{ .foo }}{{ end }}", "[]interface {}"),
    ("{{ range .l }}{{ with . }}{{ .foo }}{{ end }}{{ end }}", "float64"),
    ('{{ range .l }}{{ template "x" . }}{{ end }}{{ define "x" }}{{ .foo }}{{ end }}', "float64"),
    ("{{ range .l }}{{ end }}{{ .l.foo }}", "interface {}"),
    ("{{ range .s }}{{ .foo }}{{ end }}", "string"),
])
def test_field_error_names_static_type(tpl, typ):
    from chartlsp.gotemplate.gotypes import TypedList
    data = {"l": [1.0], "m": {"a": "x"}, "s": TypedList(["a"], "[]string")}
    with pytest.raises(ExecError) as info:
        run(tpl, data)
    assert str(info.value).endswith(f"can't evaluate field foo in type {typ}")


# Go's eq formats the values of non-comparable operands with %s (checked against Go 1.19).
@pytest.mark.parametrize("tpl, msg", [
    ("{{ eq .m .m }}", "non-comparable type map[a:%!s(float64=0.1) b:x c:[%!s(float64=1) %!s(bool=true) <nil>]]: "
                       "map[string]interface {}"),
    ("{{ eq .l .m }}", "non-comparable types [%!s(float64=1) s]: []interface {}, map[string]interface {}: "
                       "map[a:0.1 b:x c:[1 true <nil>]]"),
])
def test_eq_non_comparable_message(tpl, msg):
    data = {"m": {"a": 0.1, "b": "x", "c": [1.0, True, None]}, "l": [1.0, "s"]}
    with pytest.raises(ExecError) as info:
        run(tpl, data)
    assert str(info.value).endswith(f"error calling eq: {msg}")


# A {{break}} in a range's else (legal inside an outer range) ends only that inner range:
# Go recovers walkBreak around the whole walkRange; {{continue}} does reach the outer loop.
@pytest.mark.parametrize("tpl, out", [
    ("{{ range .m }}[{{ . }}]{{ range $.e }}{{ else }}{{ break }}{{ end }}{{ end }}", "[1][2]"),
    ("{{ range .m }}[{{ . }}]{{ range $.e }}{{ else }}{{ continue }}{{ end }}!{{ end }}", "[1][2]"),
])
def test_loop_control_in_range_else(tpl, out):
    assert run(tpl, {"m": [1.0, 2.0], "e": []}) == out


# A missing key of a typed map yields its element type's zero value (missingkey=zero).
@pytest.mark.parametrize("tpl, out", [
    ('{{ index .s "x" | printf "%q" }}', '""'),
    ('{{ .s.x | printf "%q" }}', '""'),
    ('{{ index .m "x" | printf "%v" }}', "<nil>"),
])
def test_missing_key_of_typed_map_is_zero(tpl, out):
    from chartlsp.gotemplate.gotypes import TypedMap
    assert run(tpl, {"s": TypedMap({"_0": "a"}, "map[string]string"), "m": {}}) == out

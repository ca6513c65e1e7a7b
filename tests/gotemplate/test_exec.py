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

"""Real charts of ../shared/corpus render byte for byte as the reference renderer rendered them."""

from __future__ import annotations

import pytest

from chartlsp.chart import load_chart
from chartlsp.encoding.goyaml import YAMLError, loads

from .shared import CORPUS, corpus_cases, golden, needs_shared, oracle_args, render


def _ids() -> list[str]:
    return [c["case"] for c in corpus_cases()] or ["none"]


@needs_shared
@pytest.mark.parametrize("case_id", _ids())
def test_corpus_case(case_id: str) -> None:
    case = next(c for c in corpus_cases() if c["case"] == case_id)
    want = golden(case_id)
    chart_dir = CORPUS / case["chart"]
    missing = _missing_dependencies(chart_dir, want.get("files") or {})
    if missing:
        pytest.skip(f"the corpus copy lacks the dependencies the golden was rendered with: {missing}")
    values = [str(chart_dir / case["values"])] if case["values"] else []
    result = render(chart_dir, values, **oracle_args(case["args"]))
    error = result.first_error()
    if not case["ok"]:
        assert error is not None, "the reference failed to render this case; chartlsp must fail too"
        return
    assert error is None, error
    got = {k: f.output for k, f in result.files.items()}
    assert sorted(got) == sorted(want["files"])
    unstable = set(want.get("unstable") or [])
    for name, text in want["files"].items():
        if name in unstable:
            assert _shape(got[name]) == _shape(text), name
        else:
            assert got[name] == text, name


def _missing_dependencies(chart_dir, golden_files) -> list[str]:
    """Subcharts the golden rendered that the corpus copy of the chart does not contain."""
    chart = load_chart(str(chart_dir))
    have = {d.name for d in chart.dependencies}
    have |= {d.get("alias") for d in chart.metadata.get("dependencies") or [] if d.get("name") in have}
    root = chart.name
    rendered = {k.split("/")[2] for k in golden_files if k.startswith(f"{root}/charts/")}
    return sorted(rendered - have)


def _shape(text: str):
    """The key structure of every YAML document: what random/time functions do not change."""
    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return type(v).__name__
    shapes = []
    for doc in text.split("\n---"):
        try:
            shapes.append(walk(loads(doc)))
        except YAMLError:
            shapes.append("unparsable")
    return shapes

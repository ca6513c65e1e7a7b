"""Every template snippet of ../shared/conformance/snippets.json renders as Go renders it."""

from __future__ import annotations

import pytest

from chartlsp.chart import ChartError

from .shared import needs_shared, render, snippets

CHART_YAML = "apiVersion: v2\nname: snippet\nversion: 0.1.0\n"


def _ids() -> list[str]:
    return [c["id"] for c in snippets()] or ["none"]


@needs_shared
@pytest.mark.parametrize("case_id", _ids())
def test_snippet(case_id: str, tmp_path) -> None:
    case = next(c for c in snippets() if c["id"] == case_id)
    chart = tmp_path / "snippet"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text(CHART_YAML)
    (chart / "templates" / "snippet.yaml").write_text(case["template"], encoding="utf-8")
    values = tmp_path / "values.yaml"
    values.write_text(case["values"], encoding="utf-8")
    try:
        result = render(chart, [str(values)], kube_version="v1.20.0")
    except ChartError as e:
        assert case["error"] is not None, f"unexpected values error: {e}"
        return
    error = result.first_error()
    if case["error"] is not None:
        assert error is not None, f"expected an error like {case['error']!r}, got output {_out(result)!r}"
        return
    assert error is None, f"unexpected error: {error}"
    assert _out(result) == case["output"]


def _out(result) -> str | None:
    f = result.files.get("snippet/templates/snippet.yaml")
    return f.output if f else None

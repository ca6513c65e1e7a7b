"""No false alarms: `check` on the corpus's real charts reports errors only where a chart is really wrong."""

from __future__ import annotations

import pytest

from chartlsp.analysis.check import CheckOptions, check_chart
from chartlsp.kube.schemas import SchemaStore

from .shared import CORPUS, corpus_cases, golden, needs_shared
from .test_corpus import _missing_dependencies

# Real defects in the charts themselves (each checked by hand).
KNOWN = {
    # ci/03-non-defaults-values.yaml sets logFormat/logLevel that the templates also write:
    # the rendered Alertmanager and Prometheus specs hold each key twice.
    ("kube-prometheus-stack__03-non-defaults-values", "duplicate-key"),
}


@pytest.fixture(scope="module")
def store() -> SchemaStore:
    return SchemaStore()


def _ids() -> list[str]:
    return [c["case"] for c in corpus_cases()] or ["none"]


@needs_shared
@pytest.mark.parametrize("case_id", _ids())
def test_no_false_alarms(case_id: str, store: SchemaStore) -> None:
    case = next(c for c in corpus_cases() if c["case"] == case_id)
    chart_dir = CORPUS / case["chart"]
    missing = _missing_dependencies(chart_dir, golden(case_id).get("files") or {})
    if missing:
        pytest.skip(f"the corpus copy lacks dependencies {missing}")
    values = [str(chart_dir / case["values"])] if case["values"] else []
    result = check_chart(str(chart_dir), CheckOptions(value_files=values), store)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if not case["ok"]:  # the chart refuses these values (required/fail): a render error is right
        assert errors and all(d.code == "render-error" for d in errors)
        return
    # The corpus copy of kube-prometheus-stack lacks subcharts its Chart.yaml declares: `helm template`
    # refuses such a chart too ("found in Chart.yaml, but missing in charts/ directory").
    unexpected = [f"{d.file}:{d.line}: {d.code}: {d.message}" for d in errors
                  if (case_id, d.code) not in KNOWN and d.code != "missing-dependency"]
    assert not unexpected

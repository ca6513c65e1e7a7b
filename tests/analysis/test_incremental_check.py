"""Diagnostics from a warm analysis cache (incremental render, cached findings) equal a cold full check."""

from __future__ import annotations

import os

import pytest

from chartlsp.analysis.settings import Settings
from chartlsp.analysis.workspace import AnalysisCache, Snapshot

CORPUS = "/work/shared/corpus/charts"

# (chart, file, edit): edits in plain templates (incremental render), in helpers (full render) and values
# (the files that read a changed value)
EDITS = [
    ("kube-prometheus-stack", "templates/prometheus/service.yaml", lambda t: t + "# edit\n"),
    ("kube-prometheus-stack", "templates/prometheus/service.yaml", lambda t: t.replace("port:", "port: x", 1)),
    ("kube-prometheus-stack", "templates/alertmanager/alertmanager.yaml", lambda t: t + "  bogusField: 1\n"),
    ("kube-prometheus-stack", "values.yaml", lambda t: t + "extraKey: 1\n"),
    ("kube-prometheus-stack", "values.yaml", lambda t: t + "# a comment: no value changes\n"),
    ("kube-prometheus-stack", "values.yaml", lambda t: t.replace("replicas: 1", "replicas: 3", 1)),
    ("kube-prometheus-stack", "values.yaml", lambda t: t.replace("enabled: true", "enabled: false", 3)),
    ("kube-prometheus-stack", "charts/crds/values.yaml", lambda t: t + "extra: 1\n"),
    ("prometheus", "templates/cm.yaml", lambda t: t + "# edit\n"),  # cm.yaml sets .Values
    ("prometheus", "templates/deploy.yaml", lambda t: t + "{{ .Values.nope.deeper }}\n"),
    ("prometheus-rabbitmq-exporter", "templates/configmap.yaml", lambda t: t + "# checksummed\n"),
    ("prometheus-rabbitmq-exporter", "templates/_helpers.tpl", lambda t: t + '{{ define "x" }}{{ end }}\n'),
]


def _diags(snapshot: Snapshot, chart: str) -> dict:
    return {path: [(d.file, d.start, d.end, d.line, d.column, d.severity, d.code, d.message,
                    [(r.file, r.start, r.end, r.message) for r in d.related]) for d in ds]
            for path, ds in snapshot.analysis(chart).diagnostics().items()}


@pytest.mark.parametrize("name", sorted({e[0] for e in EDITS}))
def test_edits_give_the_same_diagnostics_as_a_full_check(name):
    chart = os.path.join(CORPUS, name)
    if not os.path.isdir(chart):
        pytest.skip("corpus not available")
    warm = AnalysisCache()
    _diags(Snapshot((chart,), {}, Settings(), warm), chart)
    overlay: dict[str, str] = {}
    for chart_name, rel, edit in EDITS:
        if chart_name != name:
            continue
        path = os.path.join(chart, *rel.split("/"))
        if not os.path.isfile(path):
            continue
        overlay[path] = edit(overlay.get(path) or open(path, encoding="utf-8").read())
        incremental = _diags(Snapshot((chart,), dict(overlay), Settings(), warm), chart)
        full = _diags(Snapshot((chart,), dict(overlay), Settings(), AnalysisCache()), chart)
        assert incremental == full, rel

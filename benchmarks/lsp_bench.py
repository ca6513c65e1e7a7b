"""Latency of the language server's core on a large chart: diagnostics after a one-line template edit,
completion and hover (in-process, the work the server does off the event loop).

    PYTHONPATH=server python benchmarks/lsp_bench.py [CHART] [TEMPLATE]
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from chartlsp.analysis.settings import Settings
from chartlsp.analysis.workspace import AnalysisCache, Snapshot
from chartlsp.features.completion import complete
from chartlsp.features.hover import hover

CHART = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/charts/kube-prometheus-stack"
TEMPLATE = sys.argv[2] if len(sys.argv) > 2 else "templates/prometheus/service.yaml"


def ms(xs: list[float], q: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(q * len(xs)))] * 1000


def main() -> None:
    chart = os.path.abspath(CHART)
    path = os.path.join(chart, *TEMPLATE.split("/"))
    base = open(path, encoding="utf-8").read()
    cache = AnalysisCache()
    Snapshot((chart,), {}, Settings(), cache).analysis(chart).diagnostics()  # warm caches
    diag: list[float] = []
    for i in range(5):
        text = base + f"# edit {i}\n"
        t = time.perf_counter()
        Snapshot((chart,), {path: text}, Settings(), cache).analysis(chart).diagnostics()
        diag.append(time.perf_counter() - t)
    snap = Snapshot((chart,), {}, Settings(), cache)
    analysis = snap.analysis(chart)
    probe = "{{ .Values.prometheus. }}"
    text = base + probe
    offset = len(base) + probe.index("prometheus.") + len("prometheus.")
    comp: list[float] = []
    for _ in range(30):
        t = time.perf_counter()
        complete(analysis, path, text, offset)
        comp.append(time.perf_counter() - t)
    hov: list[float] = []
    for _ in range(30):
        t = time.perf_counter()
        hover(analysis, path, text, offset - 3)
        hov.append(time.perf_counter() - t)
    print(f"diagnostics after a one-line template edit: p50 {statistics.median(diag) * 1000:.0f} ms")
    print(f"completion: p50 {ms(comp, 0.5):.1f} ms, p95 {ms(comp, 0.95):.1f} ms")
    print(f"hover: p50 {ms(hov, 0.5):.1f} ms")


if __name__ == "__main__":
    main()

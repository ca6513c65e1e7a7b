"""Render time of chartlsp against the reference renderer (Go text/template + Sprig), in one run.

Both sides report in-process wall time for load + coalesce + render (the
reference prints its own ``render_seconds``; chartlsp is timed around
``load_chart`` + ``merge_user_values`` + ``render_chart``). Each side runs
``--repeat`` times; the best time counts (least disturbed by the machine).

    python benchmarks/render_bench.py [--repeat 7] [CHART_DIR ...]

Defaults to the corpus's largest charts: kube-prometheus-stack,
opentelemetry-collector, prometheus. The corpus copy of kube-prometheus-stack
lacks its grafana, kube-state-metrics and node-exporter subcharts, so they are
switched off (for both renderers) with a values file; opentelemetry-collector
gets the mode and image it requires. Needs ../shared and
``helm-oracle`` (``../shared/oracle/build.sh``); prints chartlsp's times alone
without it.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))

from chartlsp.chart import ValueOptions, load_chart, merge_user_values  # noqa: E402
from chartlsp.render.release import RenderOptions, render_chart  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "charts"
DEFAULT = ["kube-prometheus-stack", "opentelemetry-collector", "prometheus"]
VALUES = {"kube-prometheus-stack": "grafana: {enabled: false}\nkubeStateMetrics: {enabled: false}\n"
                                   "nodeExporter: {enabled: false}\nwindowsMonitoring: {enabled: false}\n",
          # the chart requires a mode and an image
          "opentelemetry-collector": "mode: deployment\nimage: {repository: otel/opentelemetry-collector-k8s}\n"}


def chartlsp_seconds(chart: pathlib.Path, values: list[str], repeat: int) -> tuple[float, int]:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        c = load_chart(str(chart))
        user = merge_user_values(ValueOptions(values, [], [], [], [], []))
        r = render_chart(c, user, RenderOptions(kube_version="v1.20.0"))
        best = min(best, time.perf_counter() - t0)
        n = len(r.files)
        if r.first_error():
            print(f"  chartlsp error: {r.first_error()[:200]}", file=sys.stderr)
    return best, n


def oracle_seconds(oracle: str, chart: pathlib.Path, values: list[str], repeat: int) -> float | None:
    best = float("inf")
    flags = [a for v in values for a in ("-f", v)]
    for _ in range(repeat):
        out = subprocess.run([oracle, "-kube-version", "v1.20.0", *flags, str(chart)], capture_output=True, text=True)
        doc = json.loads(out.stdout)
        if doc.get("error"):
            print(f"  reference error: {doc['error'][:200]}", file=sys.stderr)
            return None
        best = min(best, doc["render_seconds"])
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("charts", nargs="*")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    charts = [pathlib.Path(c) for c in args.charts] or [CORPUS / c for c in DEFAULT]
    oracle = shutil.which("helm-oracle")
    print(f"{'chart':32} {'files':>5} {'chartlsp ms':>12} {'reference ms':>13} {'ratio':>6}")
    tmp = tempfile.TemporaryDirectory()
    for chart in charts:
        values = []
        if chart.name in VALUES:
            values = [str(pathlib.Path(tmp.name) / f"{chart.name}.yaml")]
            pathlib.Path(values[0]).write_text(VALUES[chart.name])
        ours, n = chartlsp_seconds(chart, values, args.repeat)
        ref = oracle_seconds(oracle, chart, values, args.repeat) if oracle else None
        ratio = f"{ours / ref:6.2f}" if ref else "   n/a"
        ref_ms = f"{ref * 1000:13.1f}" if ref else "          n/a"
        print(f"{chart.name:32} {n:5d} {ours * 1000:12.1f} {ref_ms} {ratio}")


if __name__ == "__main__":
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)
    t = threading.Thread(target=main)
    t.start()
    t.join()

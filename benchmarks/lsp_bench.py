"""Latency of the language server's core on a large chart: diagnostics after a one-line template edit
and after a values.yaml edit, completion and hover (in-process, the work the server does off the event
loop), then completion and diagnostics over the protocol (``chartlsp serve`` on stdio) and the RSS of both.

    PYTHONPATH=server python benchmarks/lsp_bench.py [CHART] [TEMPLATE]
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from chartlsp.analysis.settings import Settings
from chartlsp.analysis.workspace import AnalysisCache, Snapshot
from chartlsp.features.completion import complete
from chartlsp.features.hover import hover
from chartlsp.lsp.server import DEBOUNCE_SECONDS

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
    values_path = os.path.join(chart, "values.yaml")
    values = open(values_path, encoding="utf-8").read()
    vdiag: list[float] = []
    for i in range(5):
        t = time.perf_counter()
        Snapshot((chart,), {values_path: values + f"# edit {i}\n"}, Settings(), cache).analysis(chart).diagnostics()
        vdiag.append(time.perf_counter() - t)
    # an edit that changes what templates see: the first number in values.yaml takes new values
    first_number = re.search(r"^(\s*[\w-]+: )(\d+)$", values, re.M)
    vchange: list[float] = []
    for i in range(5):
        text = values if first_number is None else (values[:first_number.start(2)] + str(100 + i)
                                                    + values[first_number.end(2):])
        t = time.perf_counter()
        Snapshot((chart,), {values_path: text}, Settings(), cache).analysis(chart).diagnostics()
        vchange.append(time.perf_counter() - t)
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
    print(f"diagnostics after a values.yaml edit: p50 {statistics.median(vdiag) * 1000:.0f} ms")
    print(f"diagnostics after a values.yaml edit changing a value: p50 {statistics.median(vchange) * 1000:.0f} ms, "
          f"max {max(vchange) * 1000:.0f} ms")
    print(f"completion: p50 {ms(comp, 0.5):.1f} ms, p95 {ms(comp, 0.95):.1f} ms")
    print(f"hover: p50 {ms(hov, 0.5):.1f} ms")
    print(f"in-process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    over_protocol(chart, path, base, offset - len(base))


class Client:
    """A minimal LSP client over a child's stdio (Content-Length framed JSON-RPC)."""

    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.notifications: list[tuple[float, dict]] = []

    def send(self, msg: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **msg}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        assert self.proc.stdout is not None
        length = 0
        while (line := self.proc.stdout.readline().strip()):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.next_id and "method" not in msg:
                return msg.get("result")
            if "method" in msg and "id" in msg:  # a server request (configuration, registration): answer empty
                self.send({"id": msg["id"], "result": [None] * len(msg["params"].get("items", []))
                           if msg["method"] == "workspace/configuration" else None})
            elif "method" in msg:
                self.notifications.append((time.perf_counter(), msg))

    def wait_diagnostics(self, uri: str) -> float:
        """The time the next publishDiagnostics for ``uri`` arrives."""
        while True:
            msg = self.read()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                return time.perf_counter()
            if "method" in msg and "id" in msg:
                self.send({"id": msg["id"], "result": None})

    def rss_mb(self) -> tuple[float, float]:
        """(current, peak) resident set size of the server, from /proc."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def over_protocol(chart: str, path: str, base: str, col_from_end: int) -> None:
    """Completion and diagnostics latency as a client sees them (diagnostics include the debounce)."""
    client = Client([sys.executable, "-m", "chartlsp.cli.main", "serve"])
    uri = Path(path).as_uri()
    client.request("initialize", {"processId": os.getpid(), "rootUri": Path(chart).as_uri(),
                                  "workspaceFolders": [{"uri": Path(chart).as_uri(), "name": "chart"}],
                                  "capabilities": {}})
    client.send({"method": "initialized", "params": {}})
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "helm", "version": 1, "text": base}}})
    client.wait_diagnostics(uri)
    lines = base.split("\n")
    diag: list[float] = []
    for i in range(5):
        text = base + f"# edit {i}\n"
        t = time.perf_counter()
        client.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2 + i},
            "contentChanges": [{"text": text}]}})
        diag.append(client.wait_diagnostics(uri) - t)
    values_uri = Path(chart, "values.yaml").as_uri()
    values = Path(chart, "values.yaml").read_text(encoding="utf-8")
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": values_uri, "languageId": "yaml", "version": 1, "text": values}}})
    client.wait_diagnostics(values_uri)
    vdiag: list[float] = []
    for i in range(5):
        t = time.perf_counter()
        client.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": values_uri, "version": 2 + i},
            "contentChanges": [{"text": values + f"# edit {i}\n"}]}})
        vdiag.append(client.wait_diagnostics(values_uri) - t)
    probe = "{{ .Values.prometheus. }}"
    client.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 100}, "contentChanges": [{"text": base + probe}]}})
    pos = {"line": len(lines) - 1, "character": len(lines[-1]) + len(probe) - 3}
    comp: list[float] = []
    for _ in range(30):
        t = time.perf_counter()
        client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos})
        comp.append(time.perf_counter() - t)
    rss, peak = client.rss_mb()
    client.request("shutdown", None)
    client.send({"method": "exit"})
    client.proc.wait(timeout=10)
    print(f"over the protocol: diagnostics after a one-line template edit (incl. "
          f"{DEBOUNCE_SECONDS * 1000:.0f} ms debounce): p50 {statistics.median(diag) * 1000:.0f} ms")
    print(f"over the protocol: diagnostics after a values.yaml edit: p50 {statistics.median(vdiag) * 1000:.0f} ms")
    print(f"over the protocol: completion p50 {ms(comp, 0.5):.1f} ms, p95 {ms(comp, 0.95):.1f} ms")
    print(f"server RSS: {rss:.0f} MB (peak {peak:.0f} MB)")


if __name__ == "__main__":
    main()

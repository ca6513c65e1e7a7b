"""Validation throughput (resources per second, render excluded) against kubernetes-validate, in one run.

Renders every corpus case once, then validates the same rendered manifests
(a) with chartlsp's validator in-process and (b) with the ``kubernetes-validate``
CLI (``pip install kubernetes-validate==1.37.0``; its own wall time, process
start-up included, as a user running it in CI pays it), both strict, at
Kubernetes 1.37. chartlsp is measured on one core and with one process per
core (as ``chartlsp check`` runs a repository of charts: each worker has its
files and compiled validators before the clock starts, then pulls chunks of
similar size, largest first); both figures are the best of ``--repeat`` runs
(wall time, so other load on the machine lowers them); the cold first pass, which
loads and compiles the schemas it needs, is printed too. kubeconform's
published figure (50,714 resources in 6.7 s on 4 cores with 8 workers, about
7,500 resources/s; 38.7 s of CPU, about 1,300 resources per CPU-second) is
printed as a reference.

    python benchmarks/validate_bench.py [--repeat 3] [--limit N] [--skip-kubernetes-validate]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))
sys.setrecursionlimit(100000)

from chartlsp.chart import ValueOptions, load_chart, merge_user_values  # noqa: E402
from chartlsp.kube.documents import split_documents  # noqa: E402
from chartlsp.kube.schemas import SchemaStore  # noqa: E402
from chartlsp.kube.validate import validate_file  # noqa: E402
from chartlsp.render.release import RenderOptions, render_chart  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
KUBECONFORM = 50714 / 6.7
KUBECONFORM_PER_CPU = 50714 / 38.7
_WORKER: dict = {}


def _start_worker(files: list[str], ready: Any) -> None:
    """A worker holds the rendered files and compiles every validator once, as a checker process
    that renders its own charts would: the timed run then measures validation only."""
    store = SchemaStore("1.37")
    for text in files:
        validate_file(text, store)
    _WORKER.update(files=files, store=store)
    ready.wait()  # no worker starts timed work while another is still warming up


def _validate_chunk(chunk: list[int]) -> float:
    """Validates the chunk's files; returns the CPU time it took."""
    files, store = _WORKER["files"], _WORKER["store"]
    t0 = time.process_time()
    for i in chunk:
        validate_file(files[i], store)
    return time.process_time() - t0


def balanced_chunks(files: list[str], parts: int) -> list[list[int]]:
    """File indexes in chunks of similar size, largest files first, for workers to pull one at a time.

    A few files (CRDs) are most of the work; dealt out blindly they leave one worker busy at the end.
    """
    order = sorted(range(len(files)), key=lambda i: -len(files[i]))
    target = sum(map(len, files)) / parts
    chunks: list[list[int]] = [[]]
    size = 0
    for i in order:
        if size >= target:
            chunks.append([])
            size = 0
        chunks[-1].append(i)
        size += len(files[i])
    return chunks


def rendered_files(limit: int | None) -> list[str]:
    cases = json.loads((CORPUS / "cases.json").read_text())[:limit]
    out = []
    for c in cases:
        chart = CORPUS / c["chart"]
        values = [str(chart / c["values"])] if c["values"] else []
        r = render_chart(load_chart(str(chart)), merge_user_values(ValueOptions(values, [], [], [], [], [])),
                         RenderOptions())
        out += [f.output for n, f in sorted(r.files.items())
                if f.output and f.output.strip() and not n.endswith("NOTES.txt")]
    return out


def count_resources(files: list[str]) -> int:
    return sum(1 for text in files for _, doc in split_documents(text) if "kind:" in doc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N corpus cases")
    ap.add_argument("--skip-kubernetes-validate", action="store_true", help="do not run the (slow) CLI comparison")
    args = ap.parse_args()
    files = rendered_files(args.limit)
    n = count_resources(files)
    t0 = time.perf_counter()
    store = SchemaStore("1.37")
    for text in files:  # the first pass also loads and compiles every schema it needs, as a CI run pays once
        validate_file(text, store)
    cold = time.perf_counter() - t0
    best = best_cpu = float("inf")
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for text in files:
            validate_file(text, store)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    ours = n / best
    print(f"resources: {n} in {len(files)} rendered files")
    print(f"chartlsp, 1 core      {ours:10.0f} resources/s  ({best:.2f} s; {n / best_cpu:.0f} per CPU-second)")
    print(f"  first pass, schemas loaded and compiled on the way: {n / cold:.0f} resources/s ({cold:.2f} s)")
    cores = os.cpu_count() or 1
    if cores > 1:
        from concurrent.futures import ProcessPoolExecutor
        chunks = balanced_chunks(files, cores * 16)
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(cores, fork, initializer=_start_worker, initargs=(files, fork.Barrier(cores))) as pool:
            list(pool.map(_validate_chunk, [[]] * cores))  # wait until every worker is ready
            par = par_cpu = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                cpu = sum(pool.map(_validate_chunk, chunks))
                par = min(par, time.perf_counter() - t0)
                par_cpu = min(par_cpu, cpu)
        print(f"chartlsp, {cores} cores     {n / par:10.0f} resources/s  ({par:.2f} s; "
              f"{n / par_cpu:.0f} per CPU-second)")
    kv = shutil.which("kubernetes-validate")
    if args.skip_kubernetes_validate:
        pass
    elif kv:
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, text in enumerate(files):
                p = pathlib.Path(tmp) / f"{i:05d}.yaml"
                p.write_text(text)
                paths.append(str(p))
            t0 = time.perf_counter()
            for i in range(0, len(paths), 200):
                subprocess.run([kv, "-k", "1.37.0", "--strict", "--quiet", "--no-warn", *paths[i:i + 200]],
                               capture_output=True)
            theirs_s = time.perf_counter() - t0
        theirs = n / theirs_s
        print(f"kubernetes-validate   {theirs:10.0f} resources/s  ({theirs_s:.2f} s)   ratio {ours / theirs:.1f}x")
    else:
        print("kubernetes-validate   not installed (pip install kubernetes-validate==1.37.0)")
    print(f"kubeconform (README)  {KUBECONFORM:10.0f} resources/s  (published figure, 4 cores)   "
          f"ratio {ours / KUBECONFORM:.1f}x")
    print(f"kubeconform per CPU   {KUBECONFORM_PER_CPU:10.0f} resources per CPU-second            "
          f"ratio {ours / KUBECONFORM_PER_CPU:.1f}x (chartlsp on one core)")


if __name__ == "__main__":
    main()

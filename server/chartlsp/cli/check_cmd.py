"""``chartlsp check``: render charts, validate the output, report findings at their template lines.

Usage problems (bad flag values, a chart path that does not exist, a values
file that is not YAML, a bad ``--schema-location``) are one clear line on
stderr and exit 2; findings exit 1 when any is at or above ``--fail-on``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TextIO

from ..analysis.check import CheckOptions, CheckResult, check_chart
from ..analysis.diagnostics import Diagnostic
from ..chart import ChartError, ValueOptions, merge_user_values
from ..kube.crds import CustomSchemas, SchemaLocationError
from ..kube.schemas import DEFAULT_KUBE_VERSION, SchemaStore, normalize_version
from .formats import FORMAT_NAMES, Report, render

_RANK = {"error": 0, "warning": 1, "info": 2}
_SKIP_DIRS = frozenset((".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"))

DESCRIPTION = """\
Render each CHART (a chart directory or .tgz) in-process, validate the rendered
manifests against the Kubernetes schemas of --kube-version, and report every
finding at the template line that produced it. A CHART directory without a
Chart.yaml is searched for charts (every directory holding a Chart.yaml, not
looking inside a found chart's charts/), so a repository of charts is checked
in one call.

Unknown fields are always rejected for every kind that has a schema (built-in
kinds, CRDs in the chart, --schema-location). --strict additionally makes a
custom resource that has no schema at all (rule no-schema) an error instead
of an info.

Exit status: 0 no finding at or above --fail-on, 1 findings at or above
--fail-on, 2 usage error (bad flag, unreadable chart path, values file that is
not YAML, schema location that does not exist)."""


class UsageError(Exception):
    """A problem with the command line or its inputs: exit 2."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("check", help="validate charts' rendered manifests; findings at their template lines",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("charts", nargs="+", metavar="CHART", help="chart directory, .tgz, or a directory of charts")
    c.add_argument("-f", "--values", action="append", default=[], metavar="VALUES",
                   help="values file (repeatable; later files win), applied to every chart")
    c.add_argument("--set", action="append", default=[], metavar="K=V", help="set values (Helm's syntax)")
    c.add_argument("--kube-version", default=None, metavar="V",
                   help=f"Kubernetes version to render for and validate against "
                        f"(default: newest bundled, {DEFAULT_KUBE_VERSION})")
    c.add_argument("--strict", action="store_true",
                   help="a custom resource without any schema (no-schema) is an error instead of an info")
    c.add_argument("--schema-location", action="append", default=[], metavar="TPL",
                   help="local directory or kubeconform-style path template for CRD schemas, e.g. "
                        "'catalog/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json' (repeatable)")
    c.add_argument("--format", choices=FORMAT_NAMES, default="text",
                   help="text (compiler-style, default), json, sarif (2.1.0, GitHub code scanning), "
                        "github (workflow annotations), html (self-contained report)")
    c.add_argument("--fail-on", choices=("error", "warning"), default="error",
                   help="lowest severity that makes the exit status 1 (default: error)")
    c.add_argument("-o", "--output", default=None, metavar="FILE", help="write the report to FILE instead of stdout")


def run_check(args: argparse.Namespace) -> int:
    try:
        options, store = _options(args)
        charts = discover_charts(args.charts)
    except UsageError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    results = _check_all(charts, options, store, args.strict, sys.stderr)
    report = Report(results)
    text = render(report, args.format)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as e:
            print(f"Error: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
            return 2
        if args.format != "text":
            print(report.summary_line(), file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    limit = _RANK[args.fail_on]
    return 1 if any(_RANK.get(d.severity, 2) <= limit for r in results for d in r.diagnostics) else 0


def _options(args: argparse.Namespace) -> tuple[CheckOptions, SchemaStore]:
    """Every input that is the same for all charts, checked once, up front."""
    try:
        version = normalize_version(args.kube_version or DEFAULT_KUBE_VERSION)
    except ValueError as e:
        raise UsageError(f"--kube-version: {e}") from None
    store = SchemaStore(version)
    try:
        CustomSchemas(args.schema_location, version)
    except SchemaLocationError as e:
        raise UsageError(str(e)) from None
    for f in args.values:
        if f != "-" and not os.path.isfile(f):
            raise UsageError(f"values file {f!r}: no such file")
    try:
        merge_user_values(ValueOptions(args.values, args.set, [], [], [], []))
    except ChartError as e:
        raise UsageError(str(e)) from None
    return CheckOptions(value_files=list(args.values), set_values=list(args.set), kube_version=version,
                        strict=True, schema_locations=list(args.schema_location)), store


def discover_charts(paths: list[str]) -> list[str]:
    """The charts named by the CHART arguments, in order, each once (directories are searched)."""
    out: list[str] = []
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"chart path {path!r} does not exist")
        if os.path.isfile(path) or os.path.isfile(os.path.join(path, "Chart.yaml")):
            found = [path]
        elif os.path.isdir(path):
            if not os.access(path, os.R_OK | os.X_OK):
                raise UsageError(f"chart path {path!r} is not readable")
            found = _find_charts(path)
            if not found:
                raise UsageError(f"no chart (a directory with a Chart.yaml) found under {path!r}")
        else:
            raise UsageError(f"chart path {path!r} is neither a directory nor a file")
        out += [c for c in found if c not in out]
    return out


def _find_charts(root: str) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        if "Chart.yaml" in filenames:
            found.append(dirpath)
            if "charts" in dirnames:  # subcharts are checked as part of their parent
                dirnames.remove("charts")
    return found


def _check_all(charts: list[str], options: CheckOptions, store: SchemaStore, strict: bool,
               progress: TextIO) -> list[CheckResult]:
    """Check every chart, several at once on a machine with several cores (results keep chart order)."""
    tty = _isatty(progress)
    width = 0
    done = 0

    def report(chart: str) -> None:
        nonlocal width, done
        done += 1
        if tty:
            line = f"checking {done}/{len(charts)} {os.path.basename(os.path.normpath(chart))}…"
            progress.write("\r" + line.ljust(width))
            progress.flush()
            width = len(line)

    workers = min(len(charts), os.cpu_count() or 1)
    if workers > 1:
        by_chart: dict[str, CheckResult] = {}
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_check_in_worker, c, options, store.kube_version): c for c in charts}
            for fut in as_completed(futures):
                chart = futures[fut]
                report(chart)
                try:
                    by_chart[chart] = fut.result()
                except Exception as e:  # noqa: BLE001 - a dead worker is a finding, not a traceback
                    by_chart[chart] = _internal_error(chart, f"chartlsp failed on this chart: {type(e).__name__}: {e}")
        results = [by_chart[c] for c in charts]
    else:
        results = []
        for chart in charts:
            report(chart)
            results.append(_check_one(chart, options, store))
    if strict:
        for result in results:
            for d in result.diagnostics:
                if d.code == "no-schema":
                    d.severity = "error"
    if tty and width:
        progress.write("\r" + " " * width + "\r")
        progress.flush()
    return results


_WORKER_STORE: list[SchemaStore] = []


def _check_in_worker(chart: str, options: CheckOptions, kube_version: str) -> CheckResult:
    """Runs in a worker process: one schema store per process, a deep stack for nested includes."""
    if not _WORKER_STORE:
        _WORKER_STORE.append(SchemaStore(kube_version))
    out: list[CheckResult] = []
    t = threading.Thread(target=lambda: out.append(_check_one(chart, options, _WORKER_STORE[0])))
    t.start()
    t.join()
    return out[0] if out else _internal_error(chart, "chartlsp failed on this chart")


def _check_one(chart: str, options: CheckOptions, store: SchemaStore) -> CheckResult:
    """One chart's result; a failure of chartlsp itself becomes a finding so other charts still run."""
    try:
        return check_chart(chart, options, store)
    except RecursionError:
        message = "chartlsp ran out of stack on this chart (templates nested too deeply)"
    except Exception as e:  # noqa: BLE001 - reported as a finding, never a traceback
        message = f"chartlsp failed on this chart: {type(e).__name__}: {e}"
    return _internal_error(chart, message)


def _internal_error(chart: str, message: str) -> CheckResult:
    return CheckResult(chart, [Diagnostic("Chart.yaml", 0, 0, "error", "internal-error", message,
                                          line=1, column=1, end_line=1, end_column=1)], {})


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

"""``chartlsp render``: the chart rendered like ``helm template``, or as raw per-file JSON."""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import time

from ..chart import ChartError, ValueOptions, load_chart, merge_user_values
from ..render.manifest import ManifestError, template_output
from ..render.release import RenderOptions, render_chart


def run_render(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    try:
        chart = load_chart(args.chart)
        user = merge_user_values(ValueOptions(
            value_files=args.values, set=args.set, set_string=args.set_string, set_json=args.set_json,
            set_file=args.set_file, set_literal=args.set_literal))
    except ChartError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    if chart.is_library:
        print("Error: library charts are not installable", file=sys.stderr)
        return 2
    opts = RenderOptions(
        release_name=args.release_name, namespace=args.namespace, kube_version=args.kube_version,
        api_versions=args.api_versions, is_upgrade=args.is_upgrade, strict=args.strict,
        skip_schema_validation=args.skip_schema_validation)
    result = render_chart(chart, user, opts)
    seconds = time.perf_counter() - start
    for w in result.warnings:
        print(w, file=sys.stderr)
    error = result.first_error()
    outputs = {name: f.output for name, f in result.files.items() if f.output is not None}
    if args.format == "json":
        json.dump({"files": outputs, "notes": result.notes, "error": error, "render_seconds": seconds},
                  sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
        return 1 if error else 0
    if error:
        print(f"Error: {error}", file=sys.stderr)
        for e in result.errors:
            if e.message != error:
                print(f"Error: {e.message}", file=sys.stderr)
        return 1
    manifests = {k: v for k, v in outputs.items() if not k.endswith("NOTES.txt")}
    crds = []
    if args.include_crds:
        crds = [(posixpath.join(c.full_path(), name), data.decode("utf-8", "surrogateescape"))
                for c in _charts(result.chart) for name, data in sorted(c.files.items())
                if name.startswith("crds/") and name.endswith((".yaml", ".yml", ".json"))]
    try:
        text = template_output(manifests, args.show_only, args.skip_tests, crds)
    except ManifestError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


def _charts(c):
    yield c
    for d in c.dependencies:
        yield from _charts(d)

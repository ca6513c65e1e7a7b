"""Access to ../shared conformance data and a one-call renderer for tests."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
from functools import lru_cache

import pytest

SHARED = pathlib.Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
SNIPPETS = SHARED / "conformance" / "snippets.json"

needs_shared = pytest.mark.skipif(not SNIPPETS.exists(), reason="../shared conformance data not present")


def oracle_path() -> str | None:
    """The reference renderer (built by ../shared/oracle/build.sh), if installed."""
    return shutil.which("helm-oracle") or (
        str(p) if (p := pathlib.Path(os.environ.get("VIRTUAL_ENV", "/nonexistent")) / "bin" / "helm-oracle").exists()
        else None)


@lru_cache(maxsize=1)
def snippets() -> list[dict]:
    return json.loads(SNIPPETS.read_text()) if SNIPPETS.exists() else []


@lru_cache(maxsize=1)
def corpus_cases() -> list[dict]:
    p = CORPUS / "cases.json"
    return json.loads(p.read_text()) if p.exists() else []


def golden(case: str) -> dict:
    return json.loads((CORPUS / "golden" / f"{case}.json").read_text())


def oracle_args(args: list[str]) -> dict:
    """Release name, namespace and kube version from a corpus case's ``args`` (oracle flags)."""
    opts = {"release_name": "release-name", "namespace": "default", "kube_version": "v1.20.0"}
    it = iter(args)
    for flag in it:
        val = next(it)
        key = {"-name": "release_name", "-namespace": "namespace", "-kube-version": "kube_version"}[flag]
        opts[key] = val
    return opts


def render(chart_dir: str | os.PathLike, values_files: list[str] = (), **opts):
    """Load, coalesce and render a chart; returns the RenderResult."""
    from chartlsp.chart import ValueOptions, load_chart, merge_user_values
    from chartlsp.render.release import RenderOptions, render_chart

    chart = load_chart(str(chart_dir))
    user = merge_user_values(ValueOptions(list(values_files), [], [], [], [], []))
    return render_chart(chart, user, RenderOptions(**opts))

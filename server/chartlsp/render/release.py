"""Render a loaded chart as ``helm template`` does: values, render objects, engine.

Follows Helm's ``ToRenderValues`` (the top-level object) and
``recAllTpls`` (one render object per chart, a subchart's ``.Values`` being
the same map as its parent's ``.Values.<name>``).
"""

from __future__ import annotations

import posixpath
import time
from dataclasses import dataclass, field
from typing import Any

from ..chart import (Chart, ChartError, capabilities, files_object, prepare_values, release_object,
                     validate_values_schema, values_object)
from ..chart.model import ChartObject
from .engine import Engine, FileResult, Renderable, RenderError


@dataclass
class RenderOptions:
    release_name: str = "release-name"
    namespace: str = "default"
    revision: int = 1
    is_upgrade: bool = False
    kube_version: str | None = None  # None: the newest version chartlsp ships schemas for
    api_versions: list[str] = field(default_factory=list)
    strict: bool = False  # missingkey=error
    source_map: bool = False
    skip_schema_validation: bool = False
    only: set[str] | None = None  # render just these template paths (others still parsed)


@dataclass
class RenderResult:
    """Everything one render produced; ``error`` is a problem before templates ran (values, schema)."""

    chart: Chart
    values: dict
    files: dict[str, FileResult]
    warnings: list[str]
    seconds: float
    error: str | None = None

    @property
    def errors(self) -> list[RenderError]:
        return [f.error for f in self.files.values() if f.error is not None]

    @property
    def notes(self) -> str | None:
        r = self.files.get(f"{self.chart.name}/templates/NOTES.txt")
        return r.output if r is not None else None

    def first_error(self) -> str | None:
        """The error Helm would print: the first in Helm's order (parse errors first)."""
        if self.error:
            return self.error
        errs = self.errors
        if not errs:
            return None
        parse = [e for e in errs if e.kind == "parse"]
        return (parse or errs)[0].message


def render_chart(chart: Chart, user_values: dict, options: RenderOptions | None = None) -> RenderResult:
    """Coalesce values, build render objects and render every template of ``chart``."""
    options = options or RenderOptions()
    start = time.perf_counter()
    try:
        caps = capabilities(options.kube_version, list(options.api_versions))
        enabled, vals, warnings = prepare_values(chart, user_values)
    except ChartError as e:
        return RenderResult(chart, {}, {}, [], time.perf_counter() - start, str(e))
    if not options.skip_schema_validation:
        msg = validate_values_schema(enabled, vals)
        if msg:
            return RenderResult(enabled, vals, {}, warnings, time.perf_counter() - start, msg)
    top = {
        "Capabilities": caps,
        "Release": release_object(options.release_name, options.namespace, options.revision,
                                  options.is_upgrade),
        "Values": values_object(vals),
    }
    tpls: dict[str, Renderable] = {}
    _rec_all_tpls(enabled, tpls, top, top)
    engine = Engine(strict=options.strict, source_map=options.source_map)
    files = engine.render(tpls, only=options.only)
    return RenderResult(enabled, vals, files, warnings, time.perf_counter() - start)


def _rec_all_tpls(c: Chart, templates: dict[str, Renderable], parent: dict, top: dict) -> dict:
    subcharts: dict[str, Any] = {}
    nxt: dict[str, Any] = {
        "Chart": ChartObject(c.metadata, c.parent is None),
        "Files": files_object(c),
        "Release": top["Release"],
        "Capabilities": top["Capabilities"],
        "Values": values_object({}),
        "Subcharts": subcharts,
    }
    if c.parent is None:
        nxt["Values"] = top["Values"]
    else:
        section = parent["Values"].get(c.name) if isinstance(parent["Values"], dict) else None
        if isinstance(section, dict):
            nxt["Values"] = values_object(section)
    for child in c.dependencies:
        subcharts[child.name] = _rec_all_tpls(child, templates, nxt, top)
    prefix = c.full_path()
    base = posixpath.join(prefix, "templates")
    for name, text in c.templates.items():
        if c.is_library and not posixpath.basename(name).startswith("_"):
            continue
        templates[posixpath.join(prefix, name)] = Renderable(text, nxt, base)
    return nxt

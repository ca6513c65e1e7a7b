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
                     validate_values_schema)
from ..chart.model import ChartObject
from .engine import Engine, FileResult, ParseFn, Renderable, RenderError, sort_templates
from .gcpause import gc_paused
from .values_reads import Read, ReadLog, changed_reads, same_to_templates


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
    parse: ParseFn | None = None  # the engine's parser, e.g. a cache keyed by (name, text)


@dataclass
class RenderResult:
    """Everything one render produced; ``error`` is a problem before templates ran (values, schema)."""

    chart: Chart
    values: dict
    files: dict[str, FileResult]
    warnings: list[str]
    seconds: float
    error: str | None = None
    reuse: "_ReuseInfo | None" = field(default=None, repr=False)

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


@dataclass
class _ReuseInfo:
    """What a later render needs to decide whether this one's files are still valid."""

    context: tuple  # everything templates see except their own text
    texts: dict[str, str]  # template name -> text
    uses: dict[str, set[str]]  # rendered file -> template names it looked up
    tpl_texts: dict[str, list[str]]  # rendered file -> texts it passed to tpl
    mutated: bool
    defines: dict[str, bool]  # template name -> whether its tree defines anything
    reads: dict[str, set[Read]] | None  # rendered file -> values it read (None: not known for every chart)


def render_chart(chart: Chart, user_values: dict, options: RenderOptions | None = None,
                 previous: RenderResult | None = None) -> RenderResult:
    """Coalesce values, build render objects and render every template of ``chart`` (see :func:`_render_chart`)."""
    with gc_paused():
        return _render_chart(chart, user_values, options, previous)


def _render_chart(chart: Chart, user_values: dict, options: RenderOptions | None = None,
                  previous: RenderResult | None = None) -> RenderResult:
    """Coalesce values, build render objects and render every template of ``chart``.

    With ``previous`` (a render of an earlier version of the same chart with
    the same options), its files are reused as they are when no template
    and nothing templates see changed (say a values.yaml comment was
    edited), and only a changed template is executed again when that
    provably yields what a full render would: exactly one non-partial
    template changed, neither version defines templates, no other file
    looked it up or could through ``tpl``, and no file (the changed one
    included) mutated shared maps, so every file saw the same state.
    When only values changed, the files that read a changed value (see
    :mod:`.values_reads`) are executed again, again if no file mutated
    shared maps.
    """
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
    }
    log = ReadLog()
    top["Values"] = log.values(vals, enabled.full_path())
    tpls: dict[str, Renderable] = {}
    _rec_all_tpls(enabled, tpls, top, top, log)

    def new_engine() -> Engine:
        return Engine(strict=options.strict, source_map=options.source_map, parse=options.parse, read_log=log)
    engine = new_engine()
    context = _context(enabled, vals, options) if options.only is None else ()
    texts = {n: r.text for n, r in tpls.items()}
    if _unchanged(previous, context, texts):
        assert previous is not None
        return RenderResult(enabled, vals, previous.files, warnings, time.perf_counter() - start,
                            reuse=previous.reuse)
    changed = _single_change(previous, context, texts)
    rerun = {changed} if changed is not None else _values_change(previous, context, texts, enabled, log)
    if rerun is not None:
        assert previous is not None and previous.reuse is not None
        files = engine.render(tpls, only=rerun)
        if not engine.mutated and not (changed is not None and engine.defines[changed]):
            old = previous.reuse
            merged = {**previous.files, **files}
            if changed is not None and changed not in files:
                merged.pop(changed, None)
            merged = _engine_order(merged)
            reads = {**old.reads, **engine.reads} if old.reads is not None and log.complete else None
            info = _ReuseInfo(context, texts, {**old.uses, **engine.uses}, {**old.tpl_texts, **engine.tpl_texts},
                              False, old.defines, reads)
            return RenderResult(enabled, vals, merged, warnings, time.perf_counter() - start, reuse=info)
        engine = new_engine()
    files = engine.render(tpls, only=options.only)
    info = None
    if options.only is None:
        info = _ReuseInfo(context, texts, engine.uses, engine.tpl_texts, engine.mutated,
                          engine.defines, engine.reads if log.complete else None)
    return RenderResult(enabled, vals, files, warnings, time.perf_counter() - start, reuse=info)


def _engine_order(files: dict[str, FileResult]) -> dict[str, FileResult]:
    """``files`` in the order :meth:`Engine.render` returns them: parse errors first, then rendered files."""
    order = sort_templates(files)
    first = [n for n in order if files[n].error is not None and files[n].error.kind == "parse"]
    seen = set(first)
    return {n: files[n] for n in first + [n for n in order if n not in seen]}


def _context(enabled: Chart, vals: dict, options: RenderOptions) -> tuple:
    """Everything but template texts that a render depends on, comparable with ``==``."""
    charts: list[tuple] = []

    def walk(c: Chart) -> None:
        charts.append((c.full_path(), c.name, c.metadata, c.files, c.is_library))
        for d in c.dependencies:
            walk(d)
    walk(enabled)
    opts = (options.release_name, options.namespace, options.revision, options.is_upgrade, options.kube_version,
            tuple(options.api_versions), options.strict, options.source_map, options.skip_schema_validation)
    return opts, tuple(charts), vals


def _unchanged(previous: RenderResult | None, context: tuple, texts: dict[str, str]) -> bool:
    """Whether ``previous`` rendered exactly these texts in this context (e.g. a values.yaml comment edit)."""
    old = previous.reuse if previous is not None else None
    return (old is not None and not old.mutated and bool(context) and old.texts == texts
            and same_to_templates(old.context, context))


def _single_change(previous: RenderResult | None, context: tuple, texts: dict[str, str]) -> str | None:
    """The one template whose re-render alone is safe, given what ``previous`` recorded; else None."""
    old = previous.reuse if previous is not None else None
    if old is None or old.mutated or not context or texts.keys() != old.texts.keys():
        return None
    changed = [n for n, t in texts.items() if old.texts[n] != t]
    if len(changed) != 1:
        return None
    name = changed[0]
    if posixpath.basename(name).startswith("_") or old.defines.get(name, True):
        return None
    if any(name in used for f, used in old.uses.items() if f != name):
        return None
    if any(name in t for f, ts in old.tpl_texts.items() if f != name for t in ts):
        return None
    if not same_to_templates(old.context, context):
        return None
    return name


def _values_change(previous: RenderResult | None, context: tuple, texts: dict[str, str], enabled: Chart,
                   log: ReadLog) -> set[str] | None:
    """The files to execute again when only values changed since ``previous``: those that read a changed one."""
    old = previous.reuse if previous is not None else None
    if old is None or old.mutated or old.reads is None or not log.complete or not context or old.texts != texts:
        return None
    if not same_to_templates(old.context[:2], context[:2]):
        return None
    changed = changed_reads(enabled, old.context[2], context[2])
    return {f for f, reads in old.reads.items() if not reads.isdisjoint(changed)}


def _rec_all_tpls(c: Chart, templates: dict[str, Renderable], parent: dict, top: dict, log: ReadLog) -> dict:
    subcharts: dict[str, Any] = {}
    nxt: dict[str, Any] = {
        "Chart": ChartObject(c.metadata, c.parent is None),
        "Files": files_object(c),
        "Release": top["Release"],
        "Capabilities": top["Capabilities"],
        "Values": top["Values"] if c.parent is None else log.values(parent["Values"].get(c.name), c.full_path()),
        "Subcharts": subcharts,
    }
    for child in c.dependencies:
        subcharts[child.name] = _rec_all_tpls(child, templates, nxt, top, log)
    prefix = c.full_path()
    base = posixpath.join(prefix, "templates")
    for name, text in c.templates.items():
        if c.is_library and not posixpath.basename(name).startswith("_"):
            continue
        templates[posixpath.join(prefix, name)] = Renderable(text, nxt, base)
    return nxt

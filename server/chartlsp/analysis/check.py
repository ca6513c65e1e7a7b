"""``chartlsp check`` for one chart: render, validate, and map every finding to its template line.

A finding in rendered output is reported at the template span whose output
holds the offending node. When that span is inside an ``include``d helper,
the finding is reported twice so both authors see it: at the helper's line
(with the ``include`` call site in ``related``) and at the call site in the
rendered file (with the helper in ``related``).
"""

from __future__ import annotations

import copy
import os
import posixpath
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from ..chart import Chart, ChartError, ValueOptions, load_chart, merge_user_values
from ..encoding import goyaml
from ..gotemplate import ast
from ..gotemplate.parser import parse
from ..kube.crds import CustomSchemas
from ..kube.schemas import SchemaStore
from ..kube.validate import Finding, validate_file
from ..render.engine import RenderError
from ..render.manifest import split_manifests
from ..render.release import RenderOptions, RenderResult, render_chart
from .chart_rules import chart_yaml_diagnostics, values_schema_diagnostics
from .dependency_rules import missing_dependency_diagnostics
from .diagnostics import Diagnostic, Related, locate
from .sourcemap import SourceMap
from .template_rules import unknown_template_diagnostics
from .values_rules import values_diagnostics


@dataclass
class CheckOptions:
    value_files: list[str] = field(default_factory=list)
    set_values: list[str] = field(default_factory=list)
    kube_version: str | None = None
    strict: bool = True
    schema_locations: list[str] = field(default_factory=list)
    release_name: str = "release-name"
    namespace: str = "default"


@dataclass
class CheckResult:
    chart_dir: str
    diagnostics: list[Diagnostic]
    texts: dict[str, str]  # chart-relative file -> text, for reports that show source lines
    resources: int = 0


class CheckCache:
    """Work :func:`check_loaded` can carry from one check of a chart to the next (thread-safe, bounded).

    Everything is keyed by the content it was computed from, so a hit is
    exactly what recomputing would give: render trees by (name, text), CRD
    schemas by the CRD texts, a rendered file's findings by its text and the
    validation settings, the values-schema findings by their inputs, and the
    last render of each chart (``render_chart`` decides what of it is reusable),
    and YAML node trees by text.
    """

    def __init__(self, limit: int = 4096, yaml_chars: int = 1 << 20) -> None:
        self._lock = threading.Lock()
        self._limit = limit
        # least recently used first; bounded by source size: each edit of a big values.yaml makes a new
        # tree (~60 objects per line), and old versions kept would slow every full collection of the heap
        self._yaml: OrderedDict[str, goyaml.YNode | None] = OrderedDict()
        self._yaml_chars = 0
        self._yaml_limit = yaml_chars
        self._trees: dict[tuple[str, str], ast.Tree] = {}
        self._crds: dict[tuple, CustomSchemas] = {}
        self._findings: dict[tuple, tuple[list[Finding], int]] = {}
        self._schema_diags: dict[str, tuple[tuple, list[Diagnostic], dict[str, str]]] = {}
        self._renders: dict[tuple, RenderResult] = {}

    def _put(self, table: dict, key: Any, value: Any, limit: int) -> None:
        with self._lock:
            if len(table) >= limit:
                table.clear()
            table[key] = value

    def parse(self, name: str, text: str, funcs: Any) -> ast.Tree:
        """The renderer's parse, cached (its function names are always the same set)."""
        tree = self._trees.get((name, text))
        if tree is None:
            tree = parse(name, text, funcs)
            self._put(self._trees, (name, text), tree, self._limit)
        return tree

    def compose(self, text: str) -> goyaml.YNode | None:
        """The YAML node tree of ``text``; None when it is empty or not YAML."""
        with self._lock:
            if text in self._yaml:
                self._yaml.move_to_end(text)
                return self._yaml[text]
        try:
            root = goyaml.compose(text)
        except goyaml.YAMLError:
            root = None
        with self._lock:
            if text not in self._yaml:
                self._yaml[text] = root
                self._yaml_chars += len(text)
                while len(self._yaml) > 1 and (self._yaml_chars > self._yaml_limit or len(self._yaml) > self._limit):
                    self._yaml_chars -= len(self._yaml.popitem(last=False)[0])
        return root


def check_chart(chart_dir: str, options: CheckOptions, store: SchemaStore) -> CheckResult:
    """Render ``chart_dir`` with ``options`` and report every problem at its source position."""
    try:
        chart = load_chart(chart_dir)
    except ChartError as e:
        return load_error_result(chart_dir, e)
    return check_loaded(chart, chart_dir, options, store)


def load_error_result(chart_dir: str, e: ChartError, read: Callable[[str], str | None] | None = None) -> CheckResult:
    """The result for a chart the loader refused: the load error and the chart-yaml rule."""
    texts, diags = _chart_yaml(chart_dir, read or _read_file)
    diags = [_load_error(e, chart_dir)] + [locate(d, texts) for d in diags]
    return CheckResult(chart_dir, diags, texts)


def check_loaded(chart: Chart, chart_dir: str, options: CheckOptions, store: SchemaStore,
                 read: Callable[[str], str | None] | None = None,
                 trees: dict[str, ast.Tree] | None = None, cache: CheckCache | None = None) -> CheckResult:
    """:func:`check_chart` on an already loaded chart (the language server loads with open buffers).

    ``read`` returns a file's current text (None if absent) for files the
    chart model does not hold (Chart.yaml, ``-f`` values files); ``trees``
    may hold parsed templates keyed by root-relative path, to skip re-parsing;
    ``cache`` carries work over from earlier checks (same result, less time).
    """
    read = read or _read_file
    try:
        user = merge_user_values(ValueOptions(options.value_files, options.set_values, [], [], [], []))
    except ChartError as e:
        return load_error_result(chart_dir, e, read)
    # values.schema.json is checked by the values-schema rule, with positions, and rendering goes on
    render_options = RenderOptions(
        release_name=options.release_name, namespace=options.namespace,
        kube_version=options.kube_version or store.kube_version, source_map=True, skip_schema_validation=True,
        parse=cache.parse if cache is not None else None)
    render_key = (chart_dir, tuple(options.value_files), tuple(options.set_values))
    previous = cache._renders.get(render_key) if cache is not None else None
    result = render_chart(chart, user, render_options, previous)
    if cache is not None and result.reuse is not None:
        cache._put(cache._renders, render_key, result, 16)
    paths = _chart_paths(result.chart)
    name_texts = _template_texts(result.chart)
    texts = {paths.rel(n): t for n, t in name_texts.items()}
    chart_texts, diags = _chart_yaml(chart_dir, read)
    texts.update(chart_texts)
    dep_texts, dep_diags = missing_dependency_diagnostics(chart, chart_dir, read)
    texts.update(dep_texts)
    diags += dep_diags
    if not dep_diags:  # a missing subchart's defines are unknowable
        diags += unknown_template_diagnostics(result.chart, paths.rel,
                                              cache.parse if cache is not None else None, chart)
    if result.values is not None and not result.error:
        schema_diags, value_texts = _values_schema(result, options.value_files, chart_dir, cache)
        diags += schema_diags
        texts.update(value_texts)
    if result.error:
        diags.append(Diagnostic("values.yaml", 0, 0, "error", "values-error", result.error))
    for name, f in sorted(result.files.items()):
        if f.error is not None:
            diags.extend(_render_error(f.error, paths))
    extra = [(f, read(f) or "") for f in options.value_files]
    texts.update(extra)
    texts.update(_values_texts(result.chart, paths))
    diags.extend(values_diagnostics(chart, extra, trees, cache.compose if cache is not None else None))
    crds = _custom_schemas(result.chart, result.files, options, store, cache)
    resources = 0
    for name, f in sorted(result.files.items()):
        if f.output is None or name.endswith("NOTES.txt"):
            continue
        findings, count = _validate(f.output, store, options.strict, crds, cache)
        resources += count
        if findings:
            smap = SourceMap(f.source_map or [], name_texts)
            for finding in findings:
                diags.extend(_map_finding(finding, name, smap, paths))
    unique = _dedupe(diags)
    for d in unique:
        locate(d, texts)
    return CheckResult(chart_dir, unique, texts, resources)


def _values_texts(root: Chart, paths: _Paths) -> dict[str, str]:
    """values.yaml of every chart, by path relative to the root chart."""
    out: dict[str, str] = {}

    def walk(c: Chart) -> None:
        if c.values_text is not None:
            out[paths.rel(posixpath.join(c.full_path(), "values.yaml"))] = c.values_text
        for d in c.dependencies:
            walk(d)
    walk(root)
    return out


def _read_file(path: str) -> str | None:
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()


def _chart_yaml(chart_dir: str, read: Callable[[str], str | None]) -> tuple[dict[str, str], list[Diagnostic]]:
    """The chart-yaml rule on a chart directory's Chart.yaml (archives: the loader validates them)."""
    text = read(os.path.join(chart_dir, "Chart.yaml"))
    if text is None:
        return {}, []
    return {"Chart.yaml": text}, chart_yaml_diagnostics(text)


def _validate(text: str, store: SchemaStore, strict: bool, crds: CustomSchemas,
              cache: CheckCache | None) -> tuple[list[Finding], int]:
    """A rendered file's findings and resource count (cached by text and validation settings)."""
    key = (text, store.kube_version, strict, crds)
    hit = cache._findings.get(key) if cache is not None else None
    if hit is not None:
        return hit
    found = (validate_file(text, store, strict, crds),
             sum(1 for doc in split_manifests(text) if "kind:" in doc))
    if cache is not None:
        cache._put(cache._findings, key, found, cache._limit)
    return found


def _values_schema(result: RenderResult, value_files: list[str], chart_dir: str,
                   cache: CheckCache | None) -> tuple[list[Diagnostic], dict[str, str]]:
    """The values-schema rule; reused while the values, schemas and values files are unchanged.

    A chart tree without a values.schema.json has no findings: its values
    files are not even parsed (the rule parses them only to place findings).
    """
    parts: list[tuple] = []

    def walk(c: Chart) -> None:
        parts.append((c.full_path(), c.values_text, c.schema, c.source))
        for d in c.dependencies:
            walk(d)
    walk(result.chart)
    if all(p[2] is None for p in parts):
        return [], {}
    if cache is None:
        return values_schema_diagnostics(result.chart, result.values, value_files, chart_dir)
    key = (tuple(parts), tuple((f, _read_file(f)) for f in value_files), result.values)
    hit = cache._schema_diags.get(chart_dir)
    if hit is not None and hit[0] == key:
        return [copy.deepcopy(d) for d in hit[1]], dict(hit[2])
    diags, texts = values_schema_diagnostics(result.chart, result.values, value_files, chart_dir)
    cache._put(cache._schema_diags, chart_dir, (key, [copy.deepcopy(d) for d in diags], dict(texts)), 64)
    return diags, texts


def _custom_schemas(root: Chart, files: dict, options: CheckOptions, store: SchemaStore,
                    cache: CheckCache | None = None) -> CustomSchemas:
    """Schemas for custom resources: the chart's crds/ (subcharts too), rendered CRDs, --schema-location."""
    texts: list[Any] = []

    def walk(c: Chart) -> None:
        for name, data in c.files.items():
            if name.startswith("crds/"):
                texts.append(data)
        for d in c.dependencies:
            walk(d)
    walk(root)
    for f in files.values():
        if f.output and "CustomResourceDefinition" in f.output:
            texts.append(f.output)
    key = (tuple(options.schema_locations), store.kube_version, tuple(texts))
    crds = cache._crds.get(key) if cache is not None else None
    if crds is not None:
        return crds
    crds = CustomSchemas(options.schema_locations, store.kube_version)
    for t in texts:
        crds.add_text(t.decode("utf-8", "replace") if isinstance(t, bytes) else t)
    if cache is not None:
        cache._put(cache._crds, key, crds, 16)
    return crds


def _load_error(e: ChartError, chart_dir: str) -> Diagnostic:
    """A chart that cannot be loaded: one error at the position the loader reported."""
    file = e.file or os.path.join(chart_dir, "Chart.yaml")
    rel = os.path.relpath(file, chart_dir) if os.path.isabs(file) or os.path.exists(file) else file
    text = ""
    if os.path.isfile(file):
        with open(file, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    lines = text.split("\n")
    line = min(e.line or 0, max(len(lines) - 1, 0))
    start = sum(len(x) + 1 for x in lines[:line]) + (e.column or 0)
    d = Diagnostic(rel.replace(os.sep, "/"), start, start, "error", "chart-load", e.message)
    return locate(d, {d.file: text})


class _Paths:
    """Helm template names (``<chart>/charts/<sub>/templates/x``) to paths relative to the root chart."""

    def __init__(self, prefixes: list[tuple[str, str]]) -> None:
        self.prefixes = sorted(prefixes, key=lambda p: -len(p[0]))

    def rel(self, name: str) -> str:
        for logical, actual in self.prefixes:
            if name == logical or name.startswith(logical + "/"):
                rest = name[len(logical):].lstrip("/")
                return posixpath.join(actual, rest) if actual else rest
        return name


def _chart_paths(root: Chart) -> _Paths:
    out: list[tuple[str, str]] = []

    def walk(c: Chart) -> None:
        if c.parent is None:
            actual = ""
        elif os.path.isdir(c.source) and os.path.isdir(root.source):
            actual = os.path.relpath(c.source, root.source).replace(os.sep, "/")
        else:
            actual = posixpath.join("charts", os.path.basename(c.source))
        out.append((c.full_path(), actual))
        for d in c.dependencies:
            walk(d)
    walk(root)
    return _Paths(out)


def _template_texts(root: Chart) -> dict[str, str]:
    """Template text by Helm template name, for every chart of the tree."""
    texts: dict[str, str] = {}

    def walk(c: Chart) -> None:
        for name, text in c.templates.items():
            texts[posixpath.join(c.full_path(), name)] = text
        for d in c.dependencies:
            walk(d)
    walk(root)
    return texts


def _render_error(err: RenderError, paths: _Paths) -> list[Diagnostic]:
    code = "parse-error" if err.kind == "parse" else "render-error"
    file = paths.rel(err.file)
    chain = [Related(paths.rel(fr.file), fr.pos, fr.end, f'included from here ("{fr.name}")') for fr in err.chain]
    primary = Diagnostic(file, err.pos, err.end, "error", code, err.message, chain)
    if not chain:
        return [primary]
    call = chain[0]
    at_call = Diagnostic(call.file, call.start, call.end, "error", code, err.message,
                         [Related(file, err.pos, err.end, "the error is here")])
    return [primary, at_call]


def _map_finding(f: Finding, rendered: str, smap: SourceMap, paths: _Paths) -> list[Diagnostic]:
    origin = smap.origin(f.start, f.end)
    if origin is None:  # output not covered by the map: report on the rendered file's first line
        return [Diagnostic(paths.rel(rendered), 0, 0, f.severity, f.code, f.message, data=f.data)]
    file = paths.rel(origin.file)
    if not origin.frames:
        return [Diagnostic(file, origin.start, origin.end, f.severity, f.code, f.message, data=f.data)]
    chain = [Related(paths.rel(fr.file), fr.pos, fr.end, f'included from here ("{fr.name}")')
             for fr in origin.frames]
    call = chain[0]
    return [
        Diagnostic(file, origin.start, origin.end, f.severity, f.code, f.message, chain, data=f.data),
        Diagnostic(call.file, call.start, call.end, f.severity, f.code, f.message,
                   [Related(file, origin.start, origin.end, "produced here")], data=f.data),
    ]


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen: set = set()
    out: list[Diagnostic] = []
    for d in diags:
        key = (d.file, d.start, d.end, d.code, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


__all__ = ["CheckCache", "CheckOptions", "CheckResult", "check_chart", "check_loaded", "load_error_result"]

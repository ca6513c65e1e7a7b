"""An immutable snapshot of a workspace: its charts, with open buffers winning over disk.

The language server makes a new :class:`Snapshot` on every change and hands
it to worker threads; everything a snapshot computes is a pure function of
its inputs (folders, buffer texts, settings, the files on disk) and is
memoised on the snapshot. Work that survives edits lives in the shared
:class:`AnalysisCache`, keyed by content: a one-line template edit re-parses
that one file, and values.yaml is composed again only when its text changes.
A chart's files are read from disk once and kept while the disk stays the
same (checked by a cheap stat of the tree, and dropped at once when the
language server hears of a change); template buffers are laid over that
copy, so typing in a template never walks the chart directory again.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import posixpath
import stat
import threading
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..chart import Chart, ChartError, load_chart
from ..chart.loader import ignore_rules, parse_values, subchart_error
from ..chart.helmignore import Rules
from ..encoding import goyaml
from ..gotemplate import ast
from ..gotemplate.parser import parse
from ..kube.schemas import SchemaStore
from ..render.gcpause import gc_paused
from .check import CheckCache, CheckOptions, CheckResult, check_loaded, load_error_result
from .diagnostics import Diagnostic
from .settings import Settings

_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox"})
_CACHE_LIMIT = 4096


LoadResult = tuple["Chart | None", "ChartError | None"]


class AnalysisCache:
    """Content-keyed results shared by all snapshots (thread-safe; bounded)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # dir -> the last two loads used, most recent first: (buffers, disk stamp, load); two, so a load with
        # a values buffer (when it cannot be laid over the disk chart) does not evict the disk chart's
        self._charts: dict[str, list[tuple[tuple, tuple, LoadResult]]] = {}
        self._trees: dict[tuple[str, str], ast.Tree] = {}
        self._stores: dict[str | None, SchemaStore] = {}
        self.checks = CheckCache()  # renders, CRD schemas and findings carried from check to check

    def parse(self, name: str, text: str) -> ast.Tree:
        """The template tree of ``text`` (parsed without a function check, as analysis wants)."""
        key = (name, text)
        tree = self._trees.get(key)
        if tree is None:
            tree = parse(name, text, None)
            with self._lock:
                if len(self._trees) >= _CACHE_LIMIT:
                    self._trees.clear()
                self._trees[key] = tree
        return tree

    def load(self, chart_dir: str, buffers: Mapping[str, str]) -> LoadResult:
        """The chart at ``chart_dir`` loaded with ``buffers`` (non-template files), or the loader's error.

        Kept while the buffers and the tree's stat stamp stay the same: the
        stamp costs a directory walk without reads or parsing.
        """
        key = tuple(sorted(buffers.items()))
        stamp = disk_stamp(chart_dir)
        entries = self._charts.get(chart_dir, [])
        for i, entry in enumerate(entries):
            if entry[0] == key and entry[1] == stamp:
                if i:  # most recently used first: the other one is what a new load replaces
                    with self._lock:
                        self._charts[chart_dir] = [entry] + [e for e in entries if e is not entry]
                return entry[2]
        try:
            result: LoadResult = (load_chart(chart_dir, buffers), None)
        except ChartError as e:
            result = (None, e)
        with self._lock:
            kept = [e for e in self._charts.get(chart_dir, ()) if e[1] == stamp and e[0] != key]
            self._charts[chart_dir] = [(key, stamp, result)] + kept[:1]
        return result

    def forget(self, paths: Iterable[str]) -> set[str]:
        """Drop what was read from disk for ``paths`` (changed, created or deleted files or folders).

        The loaded charts holding them go, and the parsed trees of changed
        templates; everything else stays. Returns the chart dirs dropped.
        """
        paths = [os.path.abspath(p) for p in paths]
        dropped: set[str] = set()
        with self._lock:
            for chart_dir, entries in list(self._charts.items()):
                if not any(_within(p, chart_dir) or _within(chart_dir, p) for p in paths):
                    continue
                dropped.add(chart_dir)
                del self._charts[chart_dir]
                names = {name for _, _, (chart, _) in entries if chart
                         for path, name in _template_names(chart) if any(_within(path, p) for p in paths)}
                for key in [k for k in self._trees if k[0] in names]:
                    del self._trees[key]
        return dropped

    def compose(self, text: str) -> goyaml.YNode | None:
        """The YAML node tree of ``text``; None when it is empty or not YAML (shared with the values rules)."""
        return self.checks.compose(text)

    def schema_store(self, kube_version: str | None) -> SchemaStore:
        with self._lock:
            store = self._stores.get(kube_version)
            if store is None:
                store = self._stores[kube_version] = SchemaStore(kube_version) if kube_version else SchemaStore()
            return store


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


def disk_stamp(top: str) -> tuple:
    """(path, kind, size, mtime) of every entry under ``top``, links followed as the loader does.

    Directory mtimes change when entries come or go, file mtimes and sizes
    when contents change: equal stamps mean the loader would read the same.
    """
    out: list[tuple] = []
    seen: set[str] = set()

    def walk(d: str) -> None:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            out.append((d, "missing"))
            return
        for e in entries:
            try:
                st = os.stat(e.path)
            except OSError:
                out.append((e.path, "broken"))
                continue
            out.append((e.path, st.st_mode, st.st_size, st.st_mtime_ns))
            if stat.S_ISDIR(st.st_mode):
                real = os.path.realpath(e.path) if e.is_symlink() else e.path
                if real not in seen:  # a link cycle: the loader reports it; the stamp must just end
                    seen.add(real)
                    walk(e.path)
    try:
        out.append((top, os.stat(top).st_mtime_ns))
    except OSError:
        return (top, "missing")
    seen.add(os.path.realpath(top))
    walk(top)
    return tuple(out)


def _template_names(chart: Chart) -> Iterator[tuple[str, str]]:
    """(absolute path, Helm template name) of every template of a chart tree loaded from directories."""
    if os.path.isdir(chart.source):
        src = os.path.abspath(chart.source)
        for rel in chart.templates:
            yield os.path.join(src, *rel.split("/")), posixpath.join(chart.full_path(), rel)
    for d in chart.dependencies:
        yield from _template_names(d)


def _chart_part(rel: str) -> list[str]:
    """A root-relative ``/`` path inside its innermost chart dir (``charts/<sub>/`` pairs dropped)."""
    parts = rel.split("/")
    i = 0
    while parts[i:i + 1] == ["charts"] and len(parts) > i + 2:
        i += 2
    return parts[i:]


def _template_rel(rel: str) -> bool:
    """Whether a root-relative ``/`` path names a template file of the root chart or a subchart dir."""
    parts = _chart_part(rel)
    return parts[0] == "templates" and len(parts) > 1


def _values_paths(chart: Chart) -> set[str]:
    """Absolute paths of the values.yaml files the loader read for the directory charts of a tree."""
    out: set[str] = set()
    if chart.values_text is not None and os.path.isdir(chart.source):
        out.add(os.path.join(os.path.abspath(chart.source), "values.yaml"))
    for d in chart.dependencies:
        out |= _values_paths(d)
    return out


def _with_buffers(chart: Chart, root: str, templates: Mapping[str, str], values: Mapping[str, str],
                  rules: Rules) -> Chart:
    """A copy of the chart tree with template and values.yaml buffers (absolute path -> text) laid over it.

    A template buffer replaces the template's text, or adds a template that
    is not on disk yet (unless .helmignore would skip it, as the loader
    would). A values buffer (of a values.yaml the loader read, see
    :func:`_values_paths`) replaces that chart's values as loading again
    would, raising the loader's error (the first in its walk order) if the
    text is not a values map.
    """
    def ignored(rel_root: str) -> bool:
        parts = rel_root.split("/")
        return any(rules.ignore("/".join(parts[:i]), i < len(parts)) for i in range(1, len(parts) + 1))

    def copy(c: Chart, parent: Chart | None) -> Chart:
        templates_ = c.templates
        changes: dict[str, Any] = {}
        if os.path.isdir(c.source):
            src = os.path.abspath(c.source)
            mine = {}
            for path, text in templates.items():
                if not path.startswith(src + os.sep):
                    continue
                rel = os.path.relpath(path, src).replace(os.sep, "/")
                if rel.startswith("templates/") and (rel in templates_ or not ignored(
                        os.path.relpath(path, root).replace(os.sep, "/"))):
                    mine[rel] = text
            if mine:
                templates_ = {**templates_, **mine}
                if not mine.keys() <= c.templates.keys():  # a new file: the loader's lexical walk order
                    templates_ = {k: templates_[k] for k in sorted(templates_, key=lambda k: k.split("/"))}
                changes["templates"] = templates_
            text = values.get(os.path.join(src, "values.yaml"))
            if text is not None and c.values_text is not None:
                text = text[1:] if text.startswith("\ufeff") else text  # the loader drops a BOM
                if text != c.values_text:
                    try:
                        changes["values"] = parse_values(text, os.path.join(c.source, "values.yaml"))
                    except ChartError as e:
                        raise e if parent is None else subchart_error(
                            e, os.path.basename(c.source), parent.name) from None
                    changes["values_text"] = text
        new = dataclasses.replace(c, parent=parent, dependencies=[], **changes)
        new.dependencies = [copy(d, new) for d in c.dependencies]
        return new
    return copy(chart, None)


def is_chart_dir(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "Chart.yaml"))


def find_charts(folders: tuple[str, ...]) -> tuple[str, ...]:
    """Root charts under ``folders``: directories with a Chart.yaml that are not another chart's subchart."""
    found: list[str] = []
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            if "Chart.yaml" in files:
                found.append(os.path.abspath(top))
                dirs[:] = [d for d in dirs if d != "charts"]  # subcharts belong to this chart
    return tuple(sorted(set(found)))


def chart_dir_for(path: str) -> str | None:
    """The root chart holding ``path``: the innermost chart dir, then up through ``charts/`` links."""
    d = os.path.abspath(path)
    while not is_chart_dir(d):
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
    while os.path.basename(os.path.dirname(d)) == "charts" and is_chart_dir(os.path.dirname(os.path.dirname(d))):
        d = os.path.dirname(os.path.dirname(d))
    return d


@dataclass(frozen=True)
class ValuesDoc:
    """One values file as the editor sees it: absolute path, text and node tree."""

    path: str
    text: str
    root: goyaml.YNode | None


@dataclass(frozen=True)
class TemplateFile:
    """A template of the chart tree: where it is and which chart renders it."""

    path: str  # absolute
    name: str  # Helm's template name: <chart>/templates/x.yaml (subcharts: <root>/charts/<sub>/templates/x)
    rel: str  # the name inside its chart: templates/x.yaml
    chart: Chart


class ChartAnalysis:
    """Everything known about one root chart (and its subcharts) in a snapshot; computed lazily."""

    def __init__(self, snapshot: "Snapshot", chart_dir: str) -> None:
        self.snapshot = snapshot
        self.dir = chart_dir
        self._memo: dict[str, Any] = {}
        self._lock = threading.RLock()

    def _once(self, key: str, fn: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._memo:
                self._memo[key] = fn()
            return self._memo[key]

    # ------------------------------------------------------------ chart model
    @property
    def chart(self) -> Chart | None:
        """The loaded chart with open buffers applied; None when the loader refuses it."""
        return self._once("chart", self._load)[0]

    @property
    def load_error(self) -> ChartError | None:
        return self._once("chart", self._load)[1]

    def _load(self) -> LoadResult:
        """The disk chart (cached) with template and values.yaml buffers laid over it, other buffers loaded.

        Typing in a template or a values.yaml thus never walks the chart
        directory again; a values buffer the loaded tree has no values.yaml
        for (or over a chart that does not load) is loaded with the chart.
        """
        files: dict[str, str] = {}
        templates: dict[str, str] = {}
        values: dict[str, str] = {}
        for p, t in self.snapshot.overlay.items():
            if p.startswith(self.dir + os.sep):
                rel = os.path.relpath(p, self.dir).replace(os.sep, "/")
                (templates if _template_rel(rel) else values if _chart_part(rel) == ["values.yaml"]
                 else files)[p] = t
        chart, error = self.snapshot.cache.load(self.dir, files)
        if values and (chart is None or not values.keys() <= _values_paths(chart)):
            chart, error = self.snapshot.cache.load(self.dir, {**files, **values})
            values = {}
        if chart is None or not (templates or values):
            return chart, error
        rules = Rules()
        if templates:
            try:  # the loader read these rules already, and refused the chart if they were bad
                rules = ignore_rules(self.dir)
            except (OSError, ChartError):  # changed on disk since: the next load reports it
                rules.add_defaults()
        try:
            return _with_buffers(chart, self.dir, templates, values, rules), None
        except ChartError as e:
            return None, e

    def charts(self) -> list[Chart]:
        """The root chart and every subchart, parents first."""
        out: list[Chart] = []

        def walk(c: Chart) -> None:
            out.append(c)
            for d in c.dependencies:
                walk(d)
        if self.chart is not None:
            walk(self.chart)
        return out

    @property
    def templates(self) -> dict[str, TemplateFile]:
        """Template files of the chart tree by absolute path (charts from archives have no path)."""
        def build() -> dict[str, TemplateFile]:
            out: dict[str, TemplateFile] = {}
            for c in self.charts():
                if not os.path.isdir(c.source):
                    continue
                for name, _ in c.templates.items():
                    path = os.path.join(os.path.abspath(c.source), *name.split("/"))
                    out[path] = TemplateFile(path, posixpath.join(c.full_path(), name), name, c)
            return out
        return self._once("templates", build)

    def chart_of(self, path: str) -> Chart | None:
        """The chart (root or subchart) a file of this tree belongs to: the deepest holding it."""
        path = os.path.abspath(path)
        best: Chart | None = None
        for c in self.charts():
            src = os.path.abspath(c.source)
            if (path.startswith(src + os.sep) or path == src) and (best is None or len(src) > len(best.source)):
                best = c
        return best

    def text(self, path: str) -> str | None:
        """A file's text as this analysis sees it (templates: as loaded, with buffers applied)."""
        tf = self.templates.get(path)
        return tf.chart.templates.get(tf.rel) if tf is not None else self.snapshot.read(path)

    def tree(self, path: str) -> ast.Tree | None:
        """The parsed template at ``path`` (cached by name and text across snapshots)."""
        tf = self.templates.get(path)
        if tf is None:
            return None
        text = self.text(path) or ""
        return self.snapshot.cache.parse(tf.name, text)

    def trees(self) -> dict[str, ast.Tree]:
        """Every template's tree, keyed by absolute path."""
        return self._once("trees", lambda: {p: t for p in self.templates if (t := self.tree(p)) is not None})

    def defines(self) -> dict[str, list[tuple[str, ast.DefineNode]]]:
        """Each ``define`` name with its definitions (file, node), in the whole chart tree."""
        def build() -> dict[str, list[tuple[str, ast.DefineNode]]]:
            out: dict[str, list[tuple[str, ast.DefineNode]]] = {}
            for path, tree in self.trees().items():
                for name, node in tree.defines.items():
                    out.setdefault(name, []).append((path, node))
            return out
        return self._once("defines", build)

    # ------------------------------------------------------------ values
    def value_files(self) -> list[str]:
        """The settings' extra values files for the root chart (absolute, glob order), after values.yaml."""
        def build() -> list[str]:
            own = os.path.join(self.dir, "values.yaml")
            out: list[str] = []
            for pattern in self.snapshot.settings.value_files:
                full = pattern if os.path.isabs(pattern) else os.path.join(self.dir, pattern)
                for p in sorted(glob.glob(full)):
                    p = os.path.abspath(p)
                    if p != own and p not in out:
                        out.append(p)
            return out
        return self._once("value_files", build)

    def values_docs(self, chart: Chart) -> list[ValuesDoc]:
        """The values files that feed ``chart``'s own ``.Values``: values.yaml, then (root) the extra files."""
        def build() -> list[ValuesDoc]:
            out: list[ValuesDoc] = []
            if chart.values_text is not None:
                out.append(ValuesDoc(os.path.join(os.path.abspath(chart.source), "values.yaml"),
                                     chart.values_text, self.snapshot.cache.compose(chart.values_text)))
            if chart.parent is None:
                for p in self.value_files():
                    text = self.snapshot.read(p)
                    if text is not None:
                        out.append(ValuesDoc(p, text, self.snapshot.cache.compose(text)))
            return out
        return self._once(f"values:{chart.full_path()}", build)

    def schema(self, chart: Chart) -> dict | None:
        """``values.schema.json`` of ``chart`` as JSON, or None."""
        def build() -> dict | None:
            if not chart.schema:
                return None
            try:
                doc = json.loads(chart.schema.decode("utf-8", "surrogateescape"))
            except ValueError:
                return None
            return doc if isinstance(doc, dict) else None
        return self._once(f"schema:{chart.full_path()}", build)

    # ------------------------------------------------------------ diagnostics
    def check(self) -> CheckResult:
        """``chartlsp check`` on this chart as the editor has it (rule toggles from the settings).

        The cyclic collector is paused meanwhile, as for a render: a check
        allocates many objects that live until it ends (YAML trees, values,
        outputs), which would otherwise set off collections of the server's
        whole heap (~0.2 s on a large chart) every few edits.
        """
        with gc_paused():
            return self._once("check", self._check)

    def _check(self) -> CheckResult:
        settings = self.snapshot.settings
        chart = self.chart
        if chart is None:
            assert self.load_error is not None
            return load_error_result(self.dir, self.load_error, self.snapshot.read)
        store = self.snapshot.cache.schema_store(settings.kube_version)
        options = CheckOptions(value_files=self.value_files(), kube_version=settings.kube_version,
                               strict=settings.strict, schema_locations=list(settings.schema_locations))
        rel_trees = {os.path.relpath(p, self.dir).replace(os.sep, "/"): t for p, t in self.trees().items()}
        result = check_loaded(chart, self.dir, options, store, self.snapshot.read, rel_trees, self.snapshot.cache.checks)
        off = {code for code, on in (("undefined-value", settings.undefined_values),
                                     ("unused-value", settings.unused_values)) if not on}
        if off:
            result.diagnostics = [d for d in result.diagnostics if d.code not in off]
        return result

    def diagnostics(self) -> dict[str, list[Diagnostic]]:
        """Diagnostics by absolute file path."""
        def build() -> dict[str, list[Diagnostic]]:
            out: dict[str, list[Diagnostic]] = {}
            for d in self.check().diagnostics:
                path = d.file if os.path.isabs(d.file) else os.path.join(self.dir, *d.file.split("/"))
                out.setdefault(os.path.normpath(path), []).append(d)
            return out
        return self._once("diagnostics", build)

    def files(self) -> Iterator[str]:
        """Files whose diagnostics this chart owns: templates, values files, Chart.yaml."""
        yield from self.templates
        for c in self.charts():
            if os.path.isdir(c.source):
                yield os.path.join(os.path.abspath(c.source), "Chart.yaml")
                if c.values_text is not None:
                    yield os.path.join(os.path.abspath(c.source), "values.yaml")
        yield from self.value_files()


class Snapshot:
    """Workspace state at one moment: immutable inputs, lazily computed and memoised analyses."""

    def __init__(self, folders: tuple[str, ...], overlay: Mapping[str, str], settings: Settings,
                 cache: AnalysisCache, roots: tuple[str, ...] | None = None) -> None:
        self.folders = tuple(os.path.abspath(f) for f in folders)
        self.overlay: Mapping[str, str] = MappingProxyType({os.path.abspath(p): t for p, t in overlay.items()})
        self.settings = settings
        self.cache = cache
        self._roots = roots
        self._analyses: dict[str, ChartAnalysis] = {}
        self._lock = threading.Lock()

    @property
    def roots(self) -> tuple[str, ...]:
        """Root charts of the workspace folders."""
        if self._roots is None:
            self._roots = find_charts(self.folders)
        return self._roots

    def read(self, path: str) -> str | None:
        """A file's current text: the open buffer, else the disk (None if unreadable)."""
        path = os.path.abspath(path)
        text = self.overlay.get(path)
        if text is not None:
            return text
        try:
            with open(path, "rb") as fh:
                return fh.read().decode("utf-8", "surrogateescape")
        except OSError:
            return None

    def chart_for(self, path: str) -> str | None:
        """The root chart directory holding ``path`` (also outside the workspace folders)."""
        path = os.path.abspath(path)
        best = None
        for root in self.roots:
            if path.startswith(root + os.sep) and (best is None or len(root) > len(best)):
                best = root
        return best or chart_dir_for(path)

    def analysis(self, chart_dir: str) -> ChartAnalysis:
        with self._lock:
            a = self._analyses.get(chart_dir)
            if a is None:
                a = self._analyses[chart_dir] = ChartAnalysis(self, chart_dir)
            return a

    def analysis_for(self, path: str) -> ChartAnalysis | None:
        d = self.chart_for(path)
        return self.analysis(d) if d else None


__all__ = ["AnalysisCache", "ChartAnalysis", "Snapshot", "TemplateFile", "ValuesDoc", "chart_dir_for",
           "disk_stamp", "find_charts"]

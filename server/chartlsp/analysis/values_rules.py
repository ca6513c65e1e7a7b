"""The values rules: ``undefined-value`` (warning) and ``unused-value`` (info).

What counts as *defined* (:func:`defined_paths`): every path present in a
values file (keys with null values and empty maps/lists included), every
path ``values.schema.json`` declares (``properties``, through local
``$ref``/``allOf``/``anyOf``/``oneOf``/``then``/``else``; an object schema
with ``additionalProperties``/``patternProperties`` or no ``properties`` at
all leaves everything below it defined), ``global`` and, for a parent
chart, each subchart's section.

A read is reported as undefined only when it names the missing key itself,
is not guarded (see :mod:`.values_refs`), does not go through a list element
or computed key, and the missing key's parent is a *non-empty map* in every
source that defines it: ``podAnnotations: {}``, ``x: null`` or a scalar
parent means "free-form, fill in yourself" (or a type error, which the
renderer reports), so reads below it stay quiet.

A values key is reported as unused when no read of the chart reaches it:
no read of the key or below, no whole-subtree read (``toYaml``, ``range``,
computed key...) of it or above, no ``.Values.…`` path in a values file
string (``tpl``), no dependency ``condition``. Keys of subchart sections
(and ``global`` when the chart has subcharts) are left alone; a chart whose
root context or whole ``.Values`` escapes, or whose templates do not all
parse, gets no unused-value report at all: false alarms are worse than misses.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Callable, Iterable

from ..chart.model import Chart
from ..encoding import goyaml
from ..gotemplate import ast
from ..gotemplate.parser import parse
from .diagnostics import Diagnostic
from .values_refs import STAR, TemplateValues, ValueRef, analyze_template

_TPL_VALUES_RE = re.compile(r"\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)")


class Defined:
    """A trie of defined values paths.

    ``open``: every path below is defined. ``free``: defined somewhere as a
    non-map or an empty map, so keys below it are not reported missing.
    """

    __slots__ = ("children", "open", "free")

    def __init__(self) -> None:
        self.children: dict[str, Defined] = {}
        self.open = False
        self.free = False

    def child(self, key: str) -> "Defined":
        c = self.children.get(key)
        if c is None:
            c = self.children[key] = Defined()
        return c

    def add_values(self, value: Any) -> None:
        """Merge the paths of a values tree (a decoded values file or section)."""
        if isinstance(value, dict) and value:
            for k, v in value.items():
                self.child(str(k)).add_values(v)
        else:
            self.free = True

    def add_schema(self, schema: Any, root: Any, depth: int = 0) -> None:
        """Merge the paths a JSON schema declares (``root`` resolves local ``$ref``)."""
        if not isinstance(schema, dict) or depth > 32:
            return
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            target = _json_pointer(root, ref[1:])
            if target is not None:
                self.add_schema(target, root, depth + 1)
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(key) or ():
                self.add_schema(sub, root, depth + 1)
        for key in ("then", "else"):
            self.add_schema(schema.get(key), root, depth + 1)
        props = schema.get("properties")
        if isinstance(props, dict):
            for k, sub in props.items():
                self.child(k).add_schema(sub, root, depth + 1)
        extra = schema.get("additionalProperties")
        if schema.get("patternProperties") or (extra is not None and extra is not False):
            self.open = True
        types = schema.get("type")
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        if "object" in types and not isinstance(props, dict):
            self.open = True
        elif types and "object" not in types:
            self.free = True

    def add_assigned(self, path: tuple[str, ...]) -> None:
        """A path a template writes with ``set``: defined, with anything below it."""
        node = self
        for key in path:
            node = node.child(key)
        node.free = True

    def missing(self, path: tuple[str, ...]) -> int | None:
        """Index of the first reportably missing key of ``path`` (None: defined or not reportable)."""
        node = self
        for i, key in enumerate(path):
            if key == STAR or node.open:
                return None
            nxt = node.children.get(key)
            if nxt is None:
                return None if node.free and node is not self else i
            node = nxt
        return None

    def siblings(self, path: tuple[str, ...]) -> list[str]:
        node = self
        for key in path:
            node = node.children.get(key)
            if node is None:
                return []
        return list(node.children)


class CommentedKeys:
    """Keys a values file shows commented out (``# key: value``) under a given parent key."""

    def __init__(self, text: str, root: goyaml.YNode | None) -> None:
        self.lines = text.splitlines()
        self.root = root
        self.cache: dict[tuple[str, ...], set[str]] = {}

    def __call__(self, parent: tuple[str, ...], key: str) -> bool:
        keys = self.cache.get(parent)
        if keys is None:
            keys = self.cache[parent] = self._scan(parent)
        return key in keys

    def _scan(self, parent: tuple[str, ...]) -> set[str]:
        lines = self.lines
        first, last, indent = 0, len(lines), -1
        if parent:
            found = goyaml.lookup(self.root, list(parent)) if self.root is not None else None
            if found is None:
                return set()
            k = found[0]
            first, indent = k.line + 1, k.col
            for j in range(first, len(lines)):
                stripped = lines[j].lstrip()
                if stripped and not stripped.startswith("#") and len(lines[j]) - len(stripped) <= indent:
                    last = j
                    break
        out: set[str] = set()
        for j in range(first, last):
            m = _COMMENTED_KEY_RE.match(lines[j])
            if m:
                out.add(m.group(1))
        return out


_COMMENTED_KEY_RE = re.compile(r"\s*#+\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s|$)")


def _json_pointer(doc: Any, pointer: str) -> Any:
    node = doc
    for part in pointer.split("/")[1:] if pointer else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def defined_paths(values: dict, schema: dict | None = None, sections: Iterable[str] = ()) -> Defined:
    """What counts as defined for a chart: its values, its schema, ``global`` and subchart ``sections``."""
    d = Defined()
    d.add_values(values)
    d.free = False  # the root is always strict: an empty values.yaml still defines nothing
    if schema is not None:
        d.add_schema(schema, schema)
        d.open = False
    for name in ("global", *sections):
        d.child(name).open = True
    return d


def _dotted(path: Iterable[str]) -> str:
    return ".Values" + "".join("." + p for p in path)


def undefined_values(file: str, refs: Iterable[ValueRef], defined: Defined, where: str,
                     documented: Callable[[tuple[str, ...], str], bool] | None = None) -> list[Diagnostic]:
    """``undefined-value`` warnings for the unguarded reads in ``refs`` that ``defined`` lacks.

    ``documented(parent_path, key)`` says whether the values file shows the
    key commented out under its parent (an optional setting left unset on purpose).
    """
    out: list[Diagnostic] = []
    seen: set[tuple[int, int]] = set()
    for r in refs:
        if r.guarded or not r.path:
            continue
        path = r.path
        if STAR in path:
            path = path[:path.index(STAR)]
            if not path or r.segments[len(path) - 1] is None:
                continue
        elif not r.names_key:
            continue
        i = defined.missing(path)
        if i is None or r.segments[i] is None:
            continue
        if (r.start, r.end) in seen or documented is not None and documented(path[:i], path[i]):
            continue
        seen.add((r.start, r.end))
        msg = f"{_dotted(r.path)} is not defined in {where}"
        close = difflib.get_close_matches(path[i], defined.siblings(path[:i]), n=1, cutoff=0.75)
        if close:
            msg += f" (did you mean {_dotted(path[:i] + (close[0],) + path[i + 1:])}?)"
        if r.define:
            msg += f" [in define {r.define!r}]"
        out.append(Diagnostic(file, r.start, r.end, "warning", "undefined-value", msg))
    return out


class _Coverage:
    """A trie of read paths; ``whole`` marks subtrees read entirely."""

    __slots__ = ("children", "whole")

    def __init__(self) -> None:
        self.children: dict[str, _Coverage] = {}
        self.whole = False

    def add(self, path: Iterable[str], whole: bool) -> None:
        node = self
        for key in path:
            if node.whole:
                return
            nxt = node.children.get(key)
            if nxt is None:
                nxt = node.children[key] = _Coverage()
            node = nxt
        if whole:
            node.whole = True


def unused_values(file: str, root: goyaml.YNode, coverage: _Coverage, skip: set[str]) -> list[Diagnostic]:
    """``unused-value`` infos at the topmost values keys no read reaches."""
    out: list[Diagnostic] = []

    def walk(node: goyaml.YNode, matches: list[_Coverage], path: tuple[str, ...]) -> None:
        for k, v in node.entries:
            key = k.value
            if key == "<<" or not isinstance(key, str) or (not path and key in skip):
                continue
            sub: list[_Coverage] = []
            for m in matches:
                for c in (m.children.get(key), m.children.get(STAR)):
                    if c is not None:
                        sub.append(c)
            if any(c.whole for c in sub):
                continue
            if not sub:
                out.append(Diagnostic(file, k.pos, k.end, "info", "unused-value",
                                      f"{_dotted(path + (key,))} is set in values.yaml but no template reads it"))
            elif v.entries:
                walk(v, sub, path + (key,))

    if root.kind == "map" or root.entries:
        walk(root, [coverage], ())
    return out


# ---------------------------------------------------------------- the chart

Compose = Callable[[str], "goyaml.YNode | None"]
_INCLUDE_RE = re.compile(r'\b(?:include|template)\s+"([^"]+)"')


class _ChartInfo:
    """One chart of the tree with its analysed templates."""

    def __init__(self, chart: Chart, prefix: str, parent: "_ChartInfo | None", compose: Compose) -> None:
        self.chart = chart
        self.prefix = prefix
        self.parent = parent
        self.files: dict[str, TemplateValues] = {}
        self.parse_failed = False
        self.values_sources: list[dict] = []
        deps = chart.metadata.get("dependencies") or []
        names = {d.name for d in chart.dependencies}
        for d in deps:
            if isinstance(d, dict):
                names.update(str(d[k]) for k in ("name", "alias") if d.get(k))
        self.sections = names
        self.conditions = [c.strip() for d in deps if isinstance(d, dict)
                           for c in str(d.get("condition") or "").split(",") if c.strip()]
        self.yroot: goyaml.YNode | None = None
        if chart.values_text:
            self.yroot = compose(chart.values_text)


# An editor re-checks a chart on every keystroke: unchanged templates and values files are
# analysed once (trees are shared by the parse cache, so identity is the key).
_ANALYSED: "OrderedDict[int, tuple[ast.Tree, TemplateValues]]" = OrderedDict()
_CACHE_SIZE = 4096


def _analyze(tree: ast.Tree) -> TemplateValues:
    hit = _ANALYSED.get(id(tree))
    if hit is not None and hit[0] is tree:
        _ANALYSED.move_to_end(id(tree))
        return hit[1]
    tv = analyze_template(tree)
    _ANALYSED[id(tree)] = (tree, tv)
    if len(_ANALYSED) > _CACHE_SIZE:
        _ANALYSED.popitem(last=False)
    return tv


@lru_cache(maxsize=_CACHE_SIZE)
def _parse(path: str, text: str) -> ast.Tree:
    return parse(path, text, None)


@lru_cache(maxsize=64)
def _compose(text: str) -> goyaml.YNode | None:
    try:
        return goyaml.compose(text)
    except goyaml.YAMLError:
        return None


def _collect(chart: Chart, prefix: str, parent: _ChartInfo | None, out: list[_ChartInfo], compose: Compose) -> None:
    info = _ChartInfo(chart, prefix, parent, compose)
    out.append(info)
    for dep in chart.dependencies:
        _collect(dep, f"{prefix}charts/{dep.name}/", info, out, compose)


def _parent_sections(info: _ChartInfo, values: dict) -> list[dict]:
    """The sections of ``values`` (a parent's) that Helm hands to this subchart."""
    name = info.chart.name
    keys = [name]
    if info.parent is not None:
        for d in info.parent.chart.metadata.get("dependencies") or []:
            if isinstance(d, dict) and d.get("alias") and d.get("name") == name:
                keys.append(str(d["alias"]))
    return [values[k] for k in keys if isinstance(values.get(k), dict)]


class _Tree:
    """The whole chart tree analysed once: templates, defines and which defines ever run."""

    def __init__(self, chart: Chart, extra_values: list[tuple[str, str]],
                 trees: dict[str, ast.Tree] | None, compose: Compose) -> None:
        self.infos: list[_ChartInfo] = []
        _collect(chart, "", None, self.infos, compose)
        self.defines: dict[str, list[tuple[_ChartInfo, TemplateValues]]] = {}
        by_text: dict[str, ast.Tree] = {}
        trees = trees or {}
        scan_texts = [t for _, t in extra_values]
        for info in self.infos:
            if info.chart.values_text:
                scan_texts.append(info.chart.values_text)
            for name, text in info.chart.templates.items():
                path = info.prefix + name
                tree = trees.get(path)
                if tree is None:
                    tree = by_text.get(text)
                    if tree is None:
                        tree = by_text[text] = _parse(path, text)
                if tree.errors:
                    info.parse_failed = True
                tv = _analyze(tree)
                info.files[path] = tv
                for dname in tree.defines:
                    self.defines.setdefault(dname, []).append((info, tv))
        self.tpl_paths = [tuple(m.group(1)[1:].split(".")) for t in scan_texts
                          for m in _TPL_VALUES_RE.finditer(t)]
        roots = [m.group(1) for t in scan_texts for m in _INCLUDE_RE.finditer(t)]
        roots.extend(n for info in self.infos for tv in info.files.values() for n in tv.includes[None])
        dynamic = any(None in tv.dynamic_include for info in self.infos for tv in info.files.values())
        self.reachable = self.closure(roots, dynamic)

    def closure(self, names: Iterable[str], dynamic: bool = False) -> set[str]:
        """Every define reachable from ``names``; all of them once a reached name is computed."""
        pending = list(names)
        seen: set[str] = set()
        while pending and not dynamic:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            for _, tv in self.defines.get(name, ()):
                dynamic = dynamic or name in tv.dynamic_include
                pending.extend(tv.includes.get(name, ()))
        return set(self.defines) if dynamic else seen


def values_diagnostics(chart: Chart, extra_values: Iterable[tuple[str, str]] = (),
                       trees: dict[str, ast.Tree] | None = None, compose: Compose | None = None) -> list[Diagnostic]:
    """``undefined-value`` and ``unused-value`` for a loaded chart and its subcharts.

    ``extra_values`` are the ``-f`` files as (path, text); ``trees`` may hold
    already parsed templates keyed by root-relative path; ``compose`` may
    share a cache of values.yaml node trees (None if not YAML). Files are named
    relative to the root chart (``charts/sub/templates/x.yaml``). Reads in a
    define no template ever includes are not reported: that code never runs.
    """
    extra_values = list(extra_values)
    extras: list[dict] = []
    for _, text in extra_values:
        try:
            v = goyaml.loads(text)
        except goyaml.YAMLError:
            continue
        if isinstance(v, dict):
            extras.append(v)
    tree = _Tree(chart, extra_values, trees, compose or _compose)
    out: list[Diagnostic] = []
    for info in tree.infos:
        c = info.chart
        if info.parent is None:
            info.values_sources = [c.values, *extras]
        else:
            info.values_sources = [c.values]
            for pv in info.parent.values_sources:
                info.values_sources.extend(_parent_sections(info, pv))
        if not c.is_library:
            out.extend(_undefined_for(info, tree, [p for p, _ in extra_values] if info.parent is None else []))
        out.extend(_unused_for(info, tree))
    return out


def _undefined_for(info: _ChartInfo, tree: _Tree, extra_names: list[str]) -> list[Diagnostic]:
    c = info.chart
    schema = None
    if c.schema:
        try:
            schema = json.loads(c.schema)
        except ValueError:
            schema = None
        if not isinstance(schema, dict):
            schema = None
    sources = info.values_sources
    defined = defined_paths(sources[0], schema, info.sections)
    for extra in sources[1:]:
        defined.add_values(extra)
        defined.free = False
    for tv in info.files.values():
        for path in tv.assigned:
            defined.add_assigned(path)
    where = ", ".join(["values.yaml", *extra_names])
    if schema is not None:
        where += " or values.schema.json"
    documented = CommentedKeys(c.values_text, info.yroot) if c.values_text else None
    out: list[Diagnostic] = []
    for path, tv in info.files.items():
        refs = [r for r in tv.refs if r.define is None or r.define in tree.reachable]
        out.extend(undefined_values(path, refs, defined, where, documented))
    return out


def _unused_for(info: _ChartInfo, tree: _Tree) -> list[Diagnostic]:
    if info.parse_failed or info.yroot is None:
        return []
    own = list(info.files.values())
    if any(tv.root_whole for tv in own):
        return []
    cov = _Coverage()
    for tv in own:
        for r in tv.refs:
            cov.add(r.path, r.whole or r.dynamic)
    used = tree.closure((n for tv in own for names in tv.includes.values() for n in names),
                        any(tv.dynamic_include for tv in own))
    for name in used:
        for owner, tv in tree.defines.get(name, ()):
            if owner is info:
                continue
            if tv.root_whole:
                return []
            for r in tv.refs:
                if r.define == name:
                    cov.add(r.path, r.whole or r.dynamic)
    if not _cover_ancestor_reads(info, cov):
        return []
    for p in tree.tpl_paths:
        cov.add(p, True)
    for cond in info.conditions:
        cov.add(tuple(cond.split(".")), True)
    for path in _imported_paths(info):
        cov.add(path, True)
    skip = set(info.sections) | {"tags", "exports"}  # Helm reads these itself
    if info.sections or info.parent is not None:
        skip.add("global")
    return unused_values(info.prefix + "values.yaml", info.yroot, cov, skip)


def _section_keys(parent: _ChartInfo, child: _ChartInfo) -> list[str]:
    """The keys of ``child``'s section in ``parent``'s values: its aliases, else its name."""
    name = child.chart.name
    aliases = [str(d["alias"]) for d in parent.chart.metadata.get("dependencies") or []
               if isinstance(d, dict) and d.get("name") == name and d.get("alias")]
    return aliases or [name]


def _cover_ancestor_reads(info: _ChartInfo, cov: _Coverage) -> bool:
    """Add the reads parent charts make of this subchart's section (``.Values.sub.port``).

    False when an ancestor hands its whole values away: then every subchart value counts as used.
    """
    prefixes: list[tuple[str, ...]] = [()]
    child, anc = info, info.parent
    while anc is not None:
        keys = _section_keys(anc, child)
        prefixes = [(k,) + p for k in keys for p in prefixes]
        for tv in anc.files.values():
            if tv.root_whole:
                return False
            for r in tv.refs:
                for pre in prefixes:
                    if r.path[:len(pre)] == pre:
                        cov.add(r.path[len(pre):], r.whole or r.dynamic)
        child, anc = anc, anc.parent
    return True


def _imported_paths(info: _ChartInfo) -> list[tuple[str, ...]]:
    """Parent values paths that dependencies' ``import-values`` fill in (Helm sets them)."""
    out: list[tuple[str, ...]] = []
    subs = {d.name: d for d in info.chart.dependencies}
    for dep in info.chart.metadata.get("dependencies") or []:
        if not isinstance(dep, dict):
            continue
        for iv in dep.get("import-values") or ():
            if isinstance(iv, dict) and isinstance(iv.get("parent"), str):
                out.append(tuple(k for k in iv["parent"].split(".") if k))
            elif isinstance(iv, str):
                sub = subs.get(str(dep.get("name")))
                exported = ((sub.values.get("exports") or {}) if sub is not None else {}).get(iv)
                if isinstance(exported, dict):
                    out.extend((k,) for k in exported)
    return out

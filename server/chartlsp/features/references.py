"""Find references: a values key ↔ every template read of it, a define ↔ every include of it.

A values key is identified by its path in the *root* chart's values: a
subchart ``sub`` reading ``.Values.greeting`` reads the root's
``sub.greeting`` (set in the subchart's values.yaml and in the parent's
``sub:`` section), and ``global.x`` is the same key in every chart of the
tree. Template reads come from :mod:`chartlsp.analysis.values_refs`; a read
is a reference of a key only where its text spells that key (``$img.tag``
names ``tag`` but not ``image``).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Iterator

from ..analysis.values_refs import STAR, ValueRef, value_references
from ..analysis.workspace import ChartAnalysis, ValuesDoc
from ..chart import Chart
from ..encoding import goyaml
from ..gotemplate import ast
from .definition import Location
from .hover import define_name_at, value_path_at

_REFS_LOCK = threading.Lock()
_REFS: dict[int, tuple[ast.Tree, list[ValueRef]]] = {}  # id(tree) -> refs; trees are shared by content


@dataclass(frozen=True)
class KeyEntry:
    """One key node of a values file, at ``path`` inside that file (``*`` for list items)."""

    path: tuple[str, ...]
    key: goyaml.YNode
    value: goyaml.YNode
    parents: tuple[goyaml.YNode, ...]  # the value nodes on the way down, root first


def refs_of(tree: ast.Tree) -> list[ValueRef]:
    """The values reads of a parsed template (memoised per tree object, which the cache shares)."""
    hit = _REFS.get(id(tree))
    if hit is not None and hit[0] is tree:
        return hit[1]
    refs = value_references(tree)
    with _REFS_LOCK:
        if len(_REFS) >= 4096:
            _REFS.clear()
        _REFS[id(tree)] = (tree, refs)
    return refs


def chart_prefix(chart: Chart) -> tuple[str, ...]:
    """Where ``chart``'s own values sit in the root chart's values."""
    out: tuple[str, ...] = ()
    while chart.parent is not None:
        out = (chart.name,) + out
        chart = chart.parent
    return out


def canonical(chart: Chart, path: tuple[str, ...]) -> tuple[str, ...]:
    """A path of ``chart``'s ``.Values`` as a path of the root chart's values (``global`` is shared)."""
    if path and path[0] == "global":
        return path
    return chart_prefix(chart) + path


def key_entries(root: goyaml.YNode | None) -> Iterator[KeyEntry]:
    """Every key of a values tree in file order (depth first); aliases and ``<<`` merges are not entered."""
    if root is None:
        return
    yield from _entries(root, (), ())


def _entries(node: goyaml.YNode, path: tuple[str, ...], parents: tuple[goyaml.YNode, ...]) -> Iterator[KeyEntry]:
    below = parents + (node,)
    if node.kind == "map":
        for k, v in node.entries:
            if isinstance(k.value, str) and k.value != "<<":
                entry = KeyEntry(path + (k.value,), k, v, below)
                yield entry
                yield from _entries(v, entry.path, below)
    elif node.kind == "seq":
        for item in node.items:
            yield from _entries(item, path + (STAR,), below)


def values_files(analysis: ChartAnalysis) -> Iterator[tuple[Chart, ValuesDoc]]:
    """Every editable values file of the chart tree with the chart whose ``.Values`` it feeds."""
    for c in analysis.charts():
        if os.path.isdir(c.source):
            for doc in analysis.values_docs(c):
                yield c, doc


def key_at(root: goyaml.YNode | None, offset: int) -> KeyEntry | None:
    """The innermost key whose key text holds ``offset``."""
    best = None
    for e in key_entries(root):
        if e.key.pos <= offset <= e.key.end:
            best = e
        if e.key.pos > offset:
            break
    return best


def value_key_at(analysis: ChartAnalysis, path: str, text: str,
                 offset: int) -> tuple[tuple[str, ...], int, int] | None:
    """The canonical values path named at ``offset`` of a template or values file, with its span."""
    tf = analysis.templates.get(path)
    if tf is not None:
        found = value_path_at(analysis.snapshot.cache.parse(tf.name, text), offset)
        if found is None:
            return None
        return canonical(tf.chart, found[0]), found[1], found[2]
    for chart, doc in values_files(analysis):
        if doc.path == path:
            entry = key_at(analysis.snapshot.cache.compose(text), offset)
            if entry is None:
                return None
            return canonical(chart, entry.path), entry.key.pos, entry.key.end
    return None


def key_settings(analysis: ChartAnalysis, key: tuple[str, ...]) -> Iterator[tuple[ValuesDoc, KeyEntry]]:
    """Every key node in the chart tree's values files that sets the canonical ``key``."""
    for chart, doc in values_files(analysis):
        prefix = () if key[:1] == ("global",) else chart_prefix(chart)
        if key[:len(prefix)] != prefix:
            continue
        want = key[len(prefix):]
        for e in key_entries(doc.root):
            if e.path == want:
                yield doc, e


def key_reads(analysis: ChartAnalysis, key: tuple[str, ...]) -> Iterator[tuple[str, ValueRef, int]]:
    """(template path, read, segment index) for every template read that spells the canonical ``key``."""
    n = len(key)
    for path, tf in analysis.templates.items():
        tree = analysis.tree(path)
        if tree is None:
            continue
        for ref in refs_of(tree):
            full = canonical(tf.chart, ref.path)
            i = n - 1 - (len(full) - len(ref.path))
            if 0 <= i < len(ref.segments) and ref.segments[i] is not None and full[:n] == key:
                yield path, ref, i


def _includes(tree: ast.Tree) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of each ``include``/``template`` naming a define with a string literal.

    Defines are walked from ``tree.defines`` too (a ``block``'s body is only there), so a use may repeat.
    """
    stack: list[ast.Node] = [tree.root, *tree.defines.values()]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.TemplateNode):
            yield n.name, n.name_pos, n.name_end
        elif isinstance(n, ast.CommandNode) and len(n.args) >= 2:
            head, arg = n.args[0], n.args[1]
            if (isinstance(head, ast.IdentifierNode) and head.ident in ("include", "template")
                    and isinstance(arg, ast.StringNode)):
                yield arg.text, arg.pos, arg.end
        stack.extend(n.children())


def define_uses(analysis: ChartAnalysis, name: str) -> list[Location]:
    """Every ``include``/``template`` of ``name`` in the chart tree, by file then position."""
    out: list[Location] = []
    for path in sorted(analysis.templates):
        tree = analysis.tree(path)
        if tree is not None:
            out.extend(Location(path, a, b) for n, a, b in sorted(set(_includes(tree)), key=lambda u: u[1])
                       if n == name)
    return out


def references(analysis: ChartAnalysis, path: str, text: str, offset: int,
               include_declaration: bool = True) -> list[Location]:
    """Every place naming what is at ``offset``: values files' keys and template reads, or defines and includes."""
    tf = analysis.templates.get(path)
    if tf is not None:
        named = define_name_at(analysis.snapshot.cache.parse(tf.name, text), offset)
        if named is not None:
            decls = [Location(f, node.name_pos, node.name_end) for f, node in analysis.defines().get(named[0], ())]
            decls.sort(key=lambda loc: (loc.path, loc.start))
            return (decls if include_declaration else []) + define_uses(analysis, named[0])
    found = value_key_at(analysis, path, text, offset)
    if found is None:
        return []
    key = found[0]
    out: list[Location] = []
    if include_declaration:
        out.extend(Location(doc.path, e.key.pos, e.key.end) for doc, e in key_settings(analysis, key))
    seen: set[tuple[str, int, int]] = set()
    reads = []
    for p, ref, i in key_reads(analysis, key):
        a, b = ref.segments[i]  # type: ignore[misc]
        if (p, a, b) not in seen:
            seen.add((p, a, b))
            reads.append(Location(p, a, b))
    return out + sorted(reads, key=lambda loc: (loc.path, loc.start))


__all__ = ["KeyEntry", "canonical", "chart_prefix", "define_uses", "key_at", "key_entries", "key_reads",
           "key_settings", "references", "refs_of", "value_key_at", "values_files"]

"""Rename a values key in every values file of the chart tree and every template read that spells it.

Safety first: a rename is refused (with the reason, for ``prepareRename``)
whenever some use of the key could be missed: a template that does not parse,
a read with a computed key (``index .Values.image $k``), a ``tpl`` string in
a values file mentioning the key, a key inside an anchored or merged YAML
map, a key described by values.schema.json, ``global`` itself and subchart
sections (renaming those is renaming the dependency). Reads through a
variable or ``with``/``range`` that do not spell the key need no edit.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..analysis.workspace import ChartAnalysis
from .references import (STAR, canonical, chart_prefix, key_entries, key_reads, key_settings, refs_of,
                         value_key_at, values_files)
from .values_tree import children

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class RenameError(Exception):
    """Why the key at the cursor cannot be renamed (shown to the user)."""


@dataclass(frozen=True)
class RenameTarget:
    start: int  # the key's text in the current file
    end: int
    placeholder: str


@dataclass(frozen=True)
class TextEdit:
    start: int  # character offsets in the file
    end: int
    new_text: str


def _where(analysis: ChartAnalysis, path: str, offset: int) -> str:
    text = analysis.text(path) or ""
    return f"{os.path.relpath(path, analysis.dir)}:{text.count(chr(10), 0, offset) + 1}"


def _plan(analysis: ChartAnalysis, path: str, text: str, offset: int) -> tuple[RenameTarget, tuple[str, ...],
                                                                                dict[str, list[tuple[int, int]]]]:
    """The target at ``offset``, its canonical key and every span to rewrite; raises :class:`RenameError`."""
    found = value_key_at(analysis, path, text, offset)
    if found is None:
        raise RenameError("Only .Values keys can be renamed: put the cursor on a key in a template or values file.")
    key, start, end = found
    name = key[-1]
    if name == STAR:
        raise RenameError("A list element has no key to rename.")
    if key == ("global",):
        raise RenameError("`global` is Helm's shared section; it cannot be renamed.")
    dotted = ".".join(key)
    for c in analysis.charts():
        if c.parent is not None and chart_prefix(c) == key:
            raise RenameError(f"`{dotted}` is the values section of subchart `{c.name}`; rename the dependency "
                              "(or give it an alias in Chart.yaml) instead.")
    if analysis.chart is not None and analysis.chart.parent is None:
        info = children(analysis, analysis.chart, key[:-1]).get(name)
        if info is not None and info.schemas:
            raise RenameError(f"`{dotted}` is described in values.schema.json; rename it there first.")
    for p in analysis.templates:
        tree = analysis.tree(p)
        if tree is not None and tree.errors:
            raise RenameError(f"{os.path.relpath(p, analysis.dir)} does not parse; fix it before renaming.")
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc, e in key_settings(analysis, key):
        for parent in e.parents[1:]:
            if doc.text.startswith("&", parent.pos):
                raise RenameError(f"`{dotted}` is inside an anchored YAML map ({_where(analysis, doc.path, parent.pos)}) "
                                  "that aliases may share; rename it by hand.")
        a, b = e.key.pos, e.key.end
        if e.key.style in ("'", '"'):
            a, b = a + 1, b - 1
        spans.setdefault(doc.path, []).append((a, b))
    for chart, doc in values_files(analysis):
        prefix = () if key[:1] == ("global",) else chart_prefix(chart)
        want = key[len(prefix):] if key[:len(prefix)] == prefix else None
        _check_values_doc(analysis, doc.path, doc.root, key[-1], want)
    for p, ref, i in key_reads(analysis, key):
        spans.setdefault(p, []).append(ref.segments[i])  # type: ignore[arg-type]
    _check_computed(analysis, key)
    for p, lst in spans.items():
        body = text if p == path else analysis.text(p) or ""
        for a, b in lst:
            if body[a:b] != name:
                raise RenameError(f"`{name}` is spelled differently at {_where(analysis, p, a)} "
                                  "(quoted or escaped); rename it by hand.")
    if start < end and text[start] in "'\"`":
        start, end = start + 1, end - 1
    return RenameTarget(start, end, name), key, spans


def _check_values_doc(analysis: ChartAnalysis, path: str, root, name: str, want: tuple[str, ...] | None) -> None:
    """Refuse when a values file reaches the key through an alias or ``<<`` merge, or has a ``tpl`` string naming it.

    ``want`` is the key's path inside this file (None when the file cannot set it).
    """
    word = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    if want and root is not None and any(k.value == "<<" for k, _ in root.entries) and len(want) == 1:
        raise RenameError(f"A `<<` merge at the top of {os.path.relpath(path, analysis.dir)} may carry the key; "
                          "rename it by hand.")
    for e in key_entries(root):
        v = e.value
        if want and len(e.path) < len(want) and e.path == want[:len(e.path)]:
            if v.kind == "alias" or (len(e.path) == len(want) - 1 and any(k.value == "<<" for k, _ in v.entries)):
                raise RenameError(f"`{'.'.join(e.path)}` at {_where(analysis, path, e.key.pos)} is an alias or "
                                  "`<<` merge that may carry the key; rename it by hand.")
        if v.kind == "scalar" and isinstance(v.value, str) and "{{" in v.value and word.search(v.value):
            raise RenameError(f"The template string at {_where(analysis, path, v.pos)} may read the key "
                              "through tpl; rename it by hand.")


def _check_computed(analysis: ChartAnalysis, key: tuple[str, ...]) -> None:
    """Refuse when a template reads a map on the key's path with a key computed at run time."""
    for p, tf in analysis.templates.items():
        tree = analysis.tree(p)
        if tree is None:
            continue
        for ref in refs_of(tree):
            if not ref.dynamic:
                continue
            full = canonical(tf.chart, ref.path)
            for i, seg in enumerate(full[:len(key)]):
                if seg == STAR and key[i] != STAR:
                    if all(a == b or a == STAR for a, b in zip(full[:i], key[:i])):
                        raise RenameError(f"`{'.'.join(key)}` may be read with a computed key at "
                                          f"{_where(analysis, p, ref.start)}; rename it by hand.")
                    break
                if seg != key[i]:
                    break


def prepare_rename(analysis: ChartAnalysis, path: str, text: str, offset: int) -> RenameTarget:
    """The key under the cursor if it can be renamed safely; raises :class:`RenameError` saying why not."""
    return _plan(analysis, path, text, offset)[0]


def rename(analysis: ChartAnalysis, path: str, text: str, offset: int, new_name: str) -> dict[str, list[TextEdit]]:
    """The edits (by absolute file path) renaming the key at ``offset`` to ``new_name``; nothing is written."""
    target, key, spans = _plan(analysis, path, text, offset)
    if not _NAME.match(new_name):
        raise RenameError(f"`{new_name}` is not a valid key: use letters, digits and `_`, not starting with a "
                          "digit, so templates can read it as .Values.<key>.")
    if new_name == target.placeholder:
        return {}
    if len(key) == 1 and new_name == "global":
        raise RenameError("`global` is Helm's shared section.")
    if analysis.chart is not None and new_name in children(analysis, analysis.chart, key[:-1]):
        raise RenameError(f"`{'.'.join(key[:-1] + (new_name,))}` already exists.")
    return {p: [TextEdit(a, b, new_name) for a, b in sorted(set(lst))] for p, lst in spans.items()}


__all__ = ["RenameError", "RenameTarget", "TextEdit", "prepare_rename", "rename"]

"""Document symbols (a template's defines; a values file's keys as a tree) and workspace symbols."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..analysis.workspace import ChartAnalysis, Snapshot
from ..encoding import goyaml
from .references import key_entries, values_files
from .values_tree import STAR, describe_value


@dataclass
class Symbol:
    name: str
    kind: str  # "define" | "map" | "list" | "string" | "float64" | "bool" | "null"
    detail: str
    start: int  # the whole symbol (a define's {{define}}…{{end}}; a key and its value)
    end: int
    name_start: int  # the text naming it
    name_end: int
    children: list["Symbol"] = field(default_factory=list)


@dataclass(frozen=True)
class WorkspaceSymbol:
    name: str  # a define name, or a values key path like image.tag
    kind: str
    container: str  # the file, relative to its root chart
    path: str
    start: int
    end: int


def _is_values_file(analysis: ChartAnalysis, path: str) -> bool:
    name = os.path.basename(path)
    if name.startswith("values") and name.endswith((".yaml", ".yml")):
        return True
    return any(doc.path == path for _, doc in values_files(analysis))


def document_symbols(analysis: ChartAnalysis, path: str, text: str) -> list[Symbol]:
    """The outline of a template (its defines) or of a values file (its keys, nested)."""
    tf = analysis.templates.get(path)
    if tf is not None:
        tree = analysis.snapshot.cache.parse(tf.name, text)
        nodes = sorted(tree.defines.values(), key=lambda n: n.pos)
        return [Symbol(n.name, "define", "block" if n.is_block else "define", n.pos, n.end, n.name_pos, n.name_end)
                for n in nodes]
    if _is_values_file(analysis, path):
        return _values_outline(analysis.snapshot.cache.compose(text))
    return []


def _values_outline(root: goyaml.YNode | None) -> list[Symbol]:
    """Keys nested under their parent key; keys of list items go under the list's key."""
    top: list[Symbol] = []
    by_node: dict[int, list[Symbol]] = {}  # id(a key's value node) -> that key's children
    for e in key_entries(root):
        kind, shown = describe_value(e.value)
        sym = Symbol(e.key.value, kind, shown if kind not in ("map", "list") else "", e.key.pos,
                     max(e.value.end, e.key.end), e.key.pos, e.key.end)
        by_node[id(e.value)] = sym.children
        holder = next((by_node[id(n)] for n in reversed(e.parents) if id(n) in by_node), top)
        holder.append(sym)
    return top


def _matches(query: str, name: str) -> bool:
    """Case-insensitive subsequence match, as editors filter symbol lists."""
    it = iter(name.lower())
    return all(ch in it for ch in query.lower())


def workspace_symbols(snapshot: Snapshot, query: str, limit: int = 500) -> list[WorkspaceSymbol]:
    """Defines and values keys of every chart in the workspace whose name matches ``query``."""
    out: list[WorkspaceSymbol] = []
    for root in snapshot.roots:
        analysis = snapshot.analysis(root)
        for name, places in analysis.defines().items():
            if _matches(query, name):
                for path, node in places:
                    out.append(WorkspaceSymbol(name, "define", os.path.relpath(path, root), path,
                                               node.name_pos, node.name_end))
        for _, doc in values_files(analysis):
            rel = os.path.relpath(doc.path, root)
            for e in key_entries(doc.root):
                dotted = ".".join(p if p != STAR else "[]" for p in e.path).replace(".[]", "[]")
                if _matches(query, dotted):
                    out.append(WorkspaceSymbol(dotted, describe_value(e.value)[0], rel, doc.path,
                                               e.key.pos, e.key.end))
    q = query.lower()
    out.sort(key=lambda s: (not s.name.lower().startswith(q), q not in s.name.lower(), len(s.name), s.name))
    return out[:limit]


__all__ = ["Symbol", "WorkspaceSymbol", "document_symbols", "workspace_symbols"]

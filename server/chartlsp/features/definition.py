"""Go to definition from a template: a value to its key in values files, an include to its define,
a variable to its declaration."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.workspace import ChartAnalysis
from ..gotemplate import ast
from .hover import define_name_at, value_path_at
from .scope import node_at, scope_at, segment_spans
from .values_tree import key_info


@dataclass
class Location:
    path: str  # absolute file path
    start: int  # character offsets in that file
    end: int


def definition(analysis: ChartAnalysis, path: str, text: str, offset: int) -> list[Location]:
    """Where the name at ``offset`` of template ``path`` is defined (empty when unknown)."""
    tf = analysis.templates.get(path)
    if tf is None:
        return []
    tree = analysis.snapshot.cache.parse(tf.name, text)
    variable = _variable(tree, offset, path)
    if variable is not None:
        return [variable]
    named = define_name_at(tree, offset)
    if named is not None:
        return [Location(file, node.name_pos, node.name_end) for file, node in analysis.defines().get(named[0], ())]
    found = value_path_at(tree, offset)
    if found is not None:
        info = key_info(analysis, tf.chart, found[0])
        if info is not None:
            return [Location(s.file, s.key.pos, s.key.end) for s in info.settings]
    return []


def _variable(tree: ast.Tree, offset: int, path: str) -> Location | None:
    for n in reversed(node_at(tree, offset)):
        if isinstance(n, ast.VariableNode):
            name, a, b = segment_spans(n)[0]
            if not (a <= offset <= b) or name == "$":
                return None
            binding = scope_at(tree, n.pos).vars.get(name)
            if binding is None or binding.decl is n:
                return None
            return Location(path, binding.decl.pos, binding.decl.pos + len(name))
    return None


__all__ = ["Location", "definition"]

"""Document links: the path string of ``.Files.Get``/``GetBytes``/``Lines``/``Glob`` → the chart file it names.

Paths are resolved as Helm does, against the chart's non-template files
(relative to the chart of the template, so a subchart's ``.Files`` are its
own); a name with no such file gets no link. A ``Glob`` pattern links when it
matches exactly one file (a link has one target).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..analysis.workspace import ChartAnalysis
from ..chart.files import compile_glob
from ..gotemplate import ast

_FILE_METHODS = frozenset({"Get", "GetBytes", "Lines", "Glob"})


@dataclass(frozen=True)
class Link:
    start: int  # the path text inside the quotes
    end: int
    target: str  # absolute path of the file
    tooltip: str


def _files_calls(tree: ast.Tree) -> list[tuple[str, ast.StringNode]]:
    """(method, path literal) of every ``<x>.Files.<method> "literal"`` command, in text order."""
    out: list[tuple[str, ast.StringNode]] = []
    seen: set[int] = set()
    stack: list[ast.Node] = [tree.root, *tree.defines.values()]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.CommandNode) and len(n.args) >= 2 and id(n) not in seen:
            seen.add(id(n))
            head, arg = n.args[0], n.args[1]
            ident = head.ident if isinstance(head, (ast.FieldNode, ast.VariableNode)) else None
            if (ident and len(ident) >= 2 and ident[-2] == "Files" and ident[-1] in _FILE_METHODS
                    and isinstance(arg, ast.StringNode)):
                out.append((ident[-1], arg))
        stack.extend(n.children())
    out.sort(key=lambda m: m[1].pos)
    return out


def document_links(analysis: ChartAnalysis, path: str, text: str) -> list[Link]:
    """Links from the ``.Files`` path literals of template ``path`` to the files they name."""
    tf = analysis.templates.get(path)
    if tf is None or not os.path.isdir(tf.chart.source):
        return []
    base = os.path.abspath(tf.chart.source)
    files = tf.chart.files
    out: list[Link] = []
    for method, lit in _files_calls(analysis.snapshot.cache.parse(tf.name, text)):
        if method == "Glob":
            rx = compile_glob(lit.text)
            names = [n for n in files if rx.fullmatch(n)]
            if len(names) != 1:
                continue
            name, tip = names[0], f"{names[0]} (the one file matching {lit.text})"
        elif lit.text in files:
            name, tip = lit.text, lit.text
        else:
            continue
        out.append(Link(lit.pos + 1, lit.end - 1, os.path.join(base, *name.split("/")), tip))
    return out


__all__ = ["Link", "document_links"]

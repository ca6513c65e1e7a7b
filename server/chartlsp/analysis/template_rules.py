"""``unknown-template``: ``include``/``template`` of a name no template of the chart defines.

Helm only fails when the call runs; a call in a branch the current values do
not take (or in a helper nobody includes yet) goes unnoticed until another
user's values reach it. Every template of every chart in the tree shares one
namespace, as in Helm, so a parent may include a subchart's or a library's
defines and vice versa. Names computed at render time are not checked.
A subchart its condition disables still defines names (a parent's guarded
``include`` of it is fine); a chart with dependencies missing from
``charts/`` is not checked at all, since their names are unknowable.
"""

from __future__ import annotations

import posixpath
from typing import Callable

from ..chart import Chart
from ..gotemplate import ast
from ..gotemplate.parser import parse
from ..render.engine import ParseFn, function_names
from .diagnostics import Diagnostic


def unknown_template_diagnostics(root: Chart, rel: Callable[[str], str],
                                 parse_fn: ParseFn | None = None,
                                 loaded: Chart | None = None) -> list[Diagnostic]:
    """Findings for every literal ``include``/``template`` name that nothing defines.

    ``root`` is the chart as rendered (disabled subcharts dropped) and holds
    the files checked; ``loaded``, the chart as loaded with every subchart,
    adds the names they define. ``rel`` turns a Helm template name (``<chart>/templates/x``) into the
    path reported to users; ``parse_fn`` may be the renderer's parse cache
    (trees are parsed with the renderer's function names, so they agree).
    """
    trees: dict[str, ast.Tree] = {}
    parse_fn = parse_fn or parse
    funcs = function_names()

    parsed: dict[tuple[str, str], ast.Tree] = {}  # both trees hold most templates: parse each once

    def walk(c: Chart, into: dict[str, ast.Tree]) -> None:
        for name, text in c.templates.items():
            full = posixpath.join(c.full_path(), name)
            tree = parsed.get((full, text))
            if tree is None:
                tree = parsed[full, text] = parse_fn(full, text, funcs)
            into[full] = tree
        for d in c.dependencies:
            walk(d, into)
    walk(root, trees)
    everything = dict(trees)
    if loaded is not None:
        walk(loaded, everything)
    known = set(everything)  # every file is a template named by its path
    for tree in everything.values():
        known.update(tree.defines)
    out: list[Diagnostic] = []
    for full, tree in sorted(trees.items()):
        if tree.errors:
            continue  # the parse error is reported already
        for node in _bodies(tree):
            for n in ast.walk(node):
                target = _called_name(n)
                if target is not None and target[0] not in known:
                    name, pos, end, how = target
                    out.append(Diagnostic(rel(full), pos, end, "error", "unknown-template",
                                          f'{how} "{name}": no template of this chart or its subcharts '
                                          f'defines "{name}"'))
    return out


def _bodies(tree: ast.Tree):
    """The file's body (its defines included) and the bodies of its blocks (kept only in ``defines``)."""
    yield tree.root
    for d in tree.defines.values():
        if d.is_block and d.list is not None:
            yield d.list


def _called_name(n: ast.Node) -> tuple[str, int, int, str] | None:
    if isinstance(n, ast.TemplateNode):
        return n.name, n.name_pos, n.name_end, "template"
    if isinstance(n, ast.CommandNode) and len(n.args) >= 2:
        fn, arg = n.args[0], n.args[1]
        if isinstance(fn, ast.IdentifierNode) and fn.ident == "include" and isinstance(arg, ast.StringNode):
            return arg.text, arg.pos, arg.end, "include"
    return None

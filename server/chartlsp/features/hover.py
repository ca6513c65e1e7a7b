"""Hover in templates: a value's defaults, type, doc comment and schema; a function; a define's body."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..analysis.values_refs import value_references
from ..analysis.workspace import ChartAnalysis
from ..functions import all_functions
from ..gotemplate import ast
from ..gotemplate.builtins import BUILTINS
from .builtin_objects import OBJECTS
from .completion import ENGINE_FUNCS, action_start
from .k8s_fields import hover_field
from .scope import node_at, scope_at, segment_spans, term_value
from .values_tree import STAR, KeyInfo, Setting, describe_value, key_info


@dataclass
class HoverResult:
    markdown: str
    start: int
    end: int


def value_path_at(tree: ast.Tree, offset: int) -> tuple[tuple[str, ...], int, int] | None:
    """The ``.Values`` path named at ``offset`` (up to the key under the cursor) and that key's span."""
    for ref in value_references(tree):
        if not (ref.start <= offset <= ref.end):
            continue
        for i, span in enumerate(ref.segments):
            if span is not None and span[0] <= offset <= span[1]:
                return ref.path[:i + 1], span[0], span[1]
    for n in reversed(node_at(tree, offset)):  # a chain the reference model does not follow
        spans = segment_spans(n)
        for i, (_, a, b) in enumerate(spans):
            if a <= offset <= b:
                scope = scope_at(tree, n.pos)
                head = type(n)(n.pos, n.end, n.ident[:i + 1])  # type: ignore[call-arg]
                v = term_value(head, scope.dot, scope.vars)
                if v.kind == "values" and v.path:
                    return v.path, a, b
                return None
    return None


def define_name_at(tree: ast.Tree, offset: int) -> tuple[str, int, int] | None:
    """The define named at ``offset`` by ``include``/``template``/``define``: (name, start, end)."""
    for n in reversed(node_at(tree, offset)):
        if isinstance(n, (ast.TemplateNode, ast.DefineNode)) and n.name_pos <= offset <= n.name_end:
            return n.name, n.name_pos, n.name_end
        if isinstance(n, ast.CommandNode) and len(n.args) >= 2:
            head, arg = n.args[0], n.args[1]
            if (isinstance(head, ast.IdentifierNode) and head.ident in ("include", "template")
                    and isinstance(arg, ast.StringNode) and arg.pos <= offset <= arg.end):
                return arg.text, arg.pos, arg.end
    return None


def hover(analysis: ChartAnalysis, path: str, text: str, offset: int) -> HoverResult | None:
    """What to show for the template text at ``offset``."""
    tf = analysis.templates.get(path)
    if tf is None:
        return None
    if action_start(text, offset) is None:
        f = hover_field(analysis, text, offset)
        return HoverResult(f.markdown, f.start, f.end) if f else None
    tree = analysis.snapshot.cache.parse(tf.name, text)
    found = value_path_at(tree, offset)
    if found is not None:
        vpath, a, b = found
        info = key_info(analysis, tf.chart, vpath)
        if info is not None:
            return HoverResult(value_markdown(vpath, info, analysis.dir), a, b)
        return None
    named = define_name_at(tree, offset)
    if named is not None:
        places = analysis.defines().get(named[0])
        if not places:
            return HoverResult(f'`{named[0]}`: no define of this name in the chart', named[1], named[2])
        file, node = places[-1]
        body = analysis.snapshot.read(file) or ""
        src = body[node.pos:node.end] if node.end <= len(body) else str(node)
        rel = os.path.relpath(file, analysis.dir)
        return HoverResult(f"```helm\n{src}\n```\n\nDefined in `{rel}`", named[1], named[2])
    for n in reversed(node_at(tree, offset)):
        if isinstance(n, ast.IdentifierNode):
            return _function(n)
        if isinstance(n, ast.FieldNode) and n.ident:
            name, a, b = segment_spans(n)[0]
            if a <= offset <= b and name in OBJECTS and scope_at(tree, n.pos).dot.kind in ("root", "unknown"):
                return HoverResult(f"**.{name}**: {OBJECTS[name][0]}", a, b)
            if len(n.ident) > 1 and n.ident[0] in OBJECTS:
                field, a, b = segment_spans(n)[1]
                doc = OBJECTS[n.ident[0]][1].get(field)
                if doc and a <= offset <= b:
                    return HoverResult(f"**.{n.ident[0]}.{field}**: {doc}", a, b)
    return None


def _function(n: ast.IdentifierNode) -> HoverResult | None:
    f = BUILTINS.get(n.ident) or all_functions().get(n.ident)
    if f is not None:
        sig, doc = f.signature, f.doc
    elif n.ident in ENGINE_FUNCS:
        sig, doc = ENGINE_FUNCS[n.ident]
    else:
        return None
    return HoverResult(f"```\n{sig}\n```\n{doc}", n.pos, n.end)


def value_markdown(vpath: tuple[str, ...], info: KeyInfo, chart_dir: str) -> str:
    """Hover text for a values key: the default from each file, type, doc comment, schema."""
    name = ".Values" + "".join(f".{p}" if p != STAR else "[*]" for p in vpath)
    lines = [f"**{name}**"]
    for s in info.settings:
        kind, _ = describe_value(s.value)
        rel = os.path.relpath(s.file, chart_dir)
        lines.append(f"\n`{rel}`: {kind}")
        lines.append("```yaml\n" + _yaml_text(s) + "\n```")
    if info.subchart:
        lines.append(f"\nValues of subchart `{info.subchart}`")
    for sch in info.schemas:
        t = sch.get("type")
        if t:
            lines.append(f"\nSchema type: `{t if isinstance(t, str) else ' | '.join(map(str, t))}`")
            break
    if info.doc:
        lines.append("\n" + info.doc)
    if info.description and info.description != info.doc:
        lines.append("\n" + info.description)
    return "\n".join(lines)


def _yaml_text(s: Setting) -> str:
    """The key and its value as written in the file (long blocks cut)."""
    lines = (s.source or f"{s.key.value}: {describe_value(s.value)[1]}").split("\n")
    if len(lines) > 12:
        lines = lines[:12] + ["# …"]
    return "\n".join(lines)


__all__ = ["HoverResult", "define_name_at", "hover", "value_markdown", "value_path_at"]

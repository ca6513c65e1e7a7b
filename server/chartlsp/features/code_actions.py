"""Quick fixes for the commonest findings, as plain edits (the server turns them into a WorkspaceEdit).

- ``schema-type`` where a string is expected: pipe the action through ``quote``
  (literal text: put it in quotes);
- ``schema-type`` where an integer is expected: ``| int`` (replacing a trailing
  ``| quote``, which would make ``int`` see the quotes);
- ``undefined-value``: add the key to the chart's values.yaml with a ``null``
  default, nested under the keys that already exist, at the end of its parent;
- ``api-removed``: the replacement apiVersion the finding carries in ``data``.

Fixes use the facts the checker put in :attr:`Diagnostic.data`, never the
message text.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from ..analysis.diagnostics import Diagnostic
from ..analysis.values_refs import STAR, value_references
from ..analysis.workspace import ChartAnalysis
from ..encoding import goyaml
from ..gotemplate import ast
from .rename import TextEdit

_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_QUOTERS = frozenset({"quote", "squote"})


@dataclass
class CodeAction:
    title: str
    diagnostic: Diagnostic
    edits: dict[str, list[TextEdit]]  # absolute path -> edits
    preferred: bool = True
    kind: str = "quickfix"


def code_actions(analysis: ChartAnalysis, path: str, text: str, start: int, end: int) -> list[CodeAction]:
    """Fixes for the findings of ``path`` that touch ``[start, end]``."""
    out: list[CodeAction] = []
    for d in analysis.diagnostics().get(os.path.normpath(path), []):
        if d.end < start or d.start > end:
            continue
        if d.code == "schema-type" and d.data:
            out.extend(_type_fixes(analysis, path, text, d))
        elif d.code == "undefined-value":
            fix = _add_value(analysis, path, text, d)
            if fix is not None:
                out.append(fix)
        elif d.code == "api-removed" and d.data and d.data.get("replacement"):
            fix = _replace_api(path, text, d)
            if fix is not None:
                out.append(fix)
    return out


# ---------------------------------------------------------------- schema-type
def _type_fixes(analysis: ChartAnalysis, path: str, text: str, d: Diagnostic) -> list[CodeAction]:
    assert d.data is not None
    expected, got = set(d.data.get("expected") or ()) - {"null"}, d.data.get("got")
    want_string = expected == {"string"} and got in ("number", "boolean")
    want_int = "integer" in expected and got in ("string", "number")
    if not (want_string or want_int):
        return []
    tf = analysis.templates.get(path)
    action = _action_at(analysis.snapshot.cache.parse(tf.name, text), d.start, d.end) if tf else None
    if action is not None:
        edit = _pipe_edit(text, action, "quote" if want_string else "int")
        if edit is None:
            return []
        title = "Quote the value (| quote)" if want_string else "Convert the value to an integer (| int)"
        return [CodeAction(title, d, {path: [edit]})]
    literal = text[d.start:d.end]
    if want_string and literal and "\n" not in literal and not literal.startswith(("'", '"', "{{")):
        quoted = f'"{literal}"' if '"' not in literal and "\\" not in literal else f"'{literal}'"
        return [CodeAction(f"Quote {literal}", d, {path: [TextEdit(d.start, d.end, quoted)]})]
    if want_int and len(literal) > 2 and literal[0] == literal[-1] and literal[0] in "'\"" \
            and literal[1:-1].lstrip("-").isdigit():
        return [CodeAction(f"Remove the quotes from {literal}", d, {path: [TextEdit(d.start, d.end, literal[1:-1])]})]
    return []


def _action_at(tree: ast.Tree, start: int, end: int) -> ast.ActionNode | None:
    """The one action whose text overlaps ``[start, end)`` (None if none or several)."""
    found: list[ast.ActionNode] = []
    stack: list[ast.Node] = [tree.root, *tree.defines.values()]
    while stack:
        n = stack.pop()
        if n.end < start or n.pos > max(end, start + 1):
            continue
        if isinstance(n, ast.ActionNode):
            if n.pos < max(end, start + 1) and start < n.end:
                found.append(n)
            continue
        stack.extend(n.children())
    return found[0] if len(found) == 1 else None


def _pipe_edit(text: str, action: ast.ActionNode, fn: str) -> TextEdit | None:
    pipe = action.pipe
    if pipe is None or not pipe.cmds or pipe.decl:
        return None
    last = pipe.cmds[-1]
    head = last.args[0] if last.args else None
    name = head.ident if isinstance(head, ast.IdentifierNode) and len(last.args) == 1 else None
    if name == fn:
        return None
    if fn == "int" and name in _QUOTERS:
        return TextEdit(last.pos, last.end, "int")
    return TextEdit(last.end, last.end, f" | {fn}")


# ---------------------------------------------------------------- undefined-value
def _add_value(analysis: ChartAnalysis, path: str, text: str, d: Diagnostic) -> CodeAction | None:
    tf = analysis.templates.get(path)
    if tf is None:
        return None
    ref = next((r for r in value_references(analysis.snapshot.cache.parse(tf.name, text))
                if r.start == d.start and r.end == d.end and r.path and STAR not in r.path), None)
    if ref is None:
        return None
    values_path = os.path.join(os.path.abspath(tf.chart.source), "values.yaml")
    values_text = analysis.snapshot.read(values_path)
    if values_text is None:
        return None
    edit = add_key_edit(values_text, ref.path)
    if edit is None:
        return None
    rel = os.path.relpath(values_path, analysis.dir).replace(os.sep, "/")
    return CodeAction(f"Add {'.'.join(ref.path)} to {rel}", d, {values_path: [edit]})


def _key(k: str) -> str:
    return k if _SIMPLE_KEY.match(k) and k not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n") \
        else json.dumps(k)


def _indent_unit(root: goyaml.YNode) -> int:
    """The file's indentation step: the first nested block map's, else 2."""
    stack = [root]
    while stack:
        n = stack.pop()
        for k, v in n.entries:
            if v.kind == "map" and v.entries and v.entries[0][0].col > k.col:
                return v.entries[0][0].col - k.col
            stack.append(v)
    return 2


def add_key_edit(values_text: str, path: tuple[str, ...]) -> TextEdit | None:
    """An edit adding ``path`` (``null`` leaf) to a values.yaml text; None if a non-map value is in the way."""
    try:
        root = goyaml.compose(values_text)
    except goyaml.YAMLError:
        return None
    if root is None:
        return _insert(values_text, len(values_text), 0, 2, path)
    if root.kind != "map" or values_text[root.pos:root.pos + 1] == "{":
        return None
    unit = _indent_unit(root)
    node, depth = root, 0
    while depth < len(path):
        hit = next((v for k, v in node.entries if k.value == path[depth]), None)
        if hit is None:
            break
        if hit.kind != "map" or values_text[hit.pos:hit.pos + 1] == "{" or not hit.entries:
            return None  # a value (or an empty/flow map) is already there: nothing safe to insert into
        node, depth = hit, depth + 1
    if depth == len(path):
        return None
    col = node.entries[0][0].col
    return _insert(values_text, _after(values_text, node.entries[-1][1].end), col, unit, path[depth:])


def _after(text: str, end: int) -> int:
    """The start of the line after the one holding offset ``end - 1`` (the end of the text if none)."""
    if end > 0 and text[end - 1] == "\n":
        return end
    nl = text.find("\n", end)
    return len(text) if nl < 0 else nl + 1


def _insert(text: str, at: int, col: int, unit: int, keys: tuple[str, ...]) -> TextEdit:
    lines = [" " * (col + unit * i) + _key(k) + ":" for i, k in enumerate(keys)]
    lines[-1] += " null"
    block = "\n".join(lines) + "\n"
    if at > 0 and text[at - 1] != "\n":
        block = "\n" + block
    return TextEdit(at, at, block)


# ---------------------------------------------------------------- api-removed
def _replace_api(path: str, text: str, d: Diagnostic) -> CodeAction | None:
    assert d.data is not None
    old, new = d.data.get("apiVersion"), d.data["replacement"]
    span = text[d.start:d.end]
    start, end = d.start, d.end
    if len(span) > 1 and span[0] == span[-1] and span[0] in "'\"":
        start, end, span = start + 1, end - 1, span[1:-1]
    if span != old:
        return None  # the apiVersion is computed by the template: no safe text edit
    return CodeAction(f"Replace {old} with {new}", d, {path: [TextEdit(start, end, new)]})


__all__ = ["CodeAction", "add_key_edit", "code_actions"]

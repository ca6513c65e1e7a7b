"""What ``.`` and each ``$variable`` hold at a position of a template.

A small static view of execution for editor features: the file starts with
``.`` as the root context; ``with X`` rebinds ``.`` to X, ``range X`` to an
element of X; ``$x := X`` binds until the end of the enclosing block. Inside
a ``define`` the context is whatever the caller passed, in practice the root
context, so a field ``Values`` of an unknown value is read as the chart's
values (as :mod:`chartlsp.analysis.values_refs` does).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gotemplate import ast
from .values_tree import STAR

# Functions that hand back their (last) argument: ``.Values.x | default dict`` is still ``.Values.x``.
_PASS = frozenset({"default", "required", "deepCopy", "mustDeepCopy"})


@dataclass(frozen=True)
class Val:
    """A static value: the root context, a values path, a built-in object (with field path), or unknown."""

    kind: str  # "root" | "values" | "object" | "unknown"
    path: tuple[str, ...] = ()

    def field(self, name: str) -> "Val":
        if self.kind == "values":
            return Val("values", self.path + (name,))
        if self.kind in ("root", "unknown"):
            if name == "Values":
                return Val("values")
            return Val("object", (name,)) if self.kind == "root" else UNKNOWN
        if self.kind == "object":
            return Val("object", self.path + (name,))
        return UNKNOWN

    def element(self) -> "Val":
        return Val("values", self.path + (STAR,)) if self.kind == "values" else UNKNOWN


ROOT = Val("root")
UNKNOWN = Val("unknown")


@dataclass(frozen=True)
class Binding:
    name: str
    value: Val
    decl: ast.VariableNode


@dataclass
class Scope:
    dot: Val
    vars: dict[str, Binding]
    define: str | None = None


def _cmd_value(cmd: ast.CommandNode, dot: Val, env: dict[str, Binding]) -> Val | None:
    if len(cmd.args) != 1:
        return None
    return term_value(cmd.args[0], dot, env)


def term_value(n: ast.Node, dot: Val, env: dict[str, Binding]) -> Val:
    """The static value of one operand."""
    if isinstance(n, ast.DotNode):
        return dot
    if isinstance(n, ast.FieldNode):
        v = dot
        for f in n.ident:
            v = v.field(f)
        return v
    if isinstance(n, ast.VariableNode):
        b = env.get(n.ident[0])
        v = b.value if b is not None else UNKNOWN
        for f in n.ident[1:]:
            v = v.field(f)
        return v
    if isinstance(n, ast.ChainNode) and isinstance(n.node, ast.PipeNode):
        v = pipe_value(n.node, dot, env)
        for f in n.field:
            v = v.field(f)
        return v
    if isinstance(n, ast.PipeNode):
        return pipe_value(n, dot, env)
    return UNKNOWN


def pipe_value(pipe: ast.PipeNode | None, dot: Val, env: dict[str, Binding]) -> Val:
    """The static value of a pipeline: its operand when every later command passes it through."""
    if pipe is None or not pipe.cmds:
        return UNKNOWN
    first = _cmd_value(pipe.cmds[0], dot, env)
    if first is None:
        return UNKNOWN
    for cmd in pipe.cmds[1:]:
        head = cmd.args[0] if cmd.args else None
        if not (isinstance(head, ast.IdentifierNode) and head.ident in _PASS):
            return UNKNOWN
    return first


def _bind(pipe: ast.PipeNode | None, value: Val, env: dict[str, Binding], ranging: bool) -> None:
    if pipe is None or not pipe.decl:
        return
    if ranging and len(pipe.decl) == 2:
        env[pipe.decl[0].ident[0]] = Binding(pipe.decl[0].ident[0], UNKNOWN, pipe.decl[0])
        env[pipe.decl[1].ident[0]] = Binding(pipe.decl[1].ident[0], value, pipe.decl[1])
        return
    for d in pipe.decl:
        env[d.ident[0]] = Binding(d.ident[0], value, d)


def scope_at(tree: ast.Tree, offset: int) -> Scope:
    """``.`` and the variables in scope at ``offset`` (declarations ending before it)."""
    root_env = {"$": Binding("$", ROOT, ast.VariableNode(0, 0, ["$"]))}
    return _walk(tree.root, offset, Scope(ROOT, root_env))


def _walk(lst: ast.ListNode | None, offset: int, scope: Scope) -> Scope:
    if lst is None:
        return scope
    env = dict(scope.vars)
    for n in lst.nodes:
        if n.pos >= offset:
            break
        if isinstance(n, ast.ActionNode):
            if n.pipe is not None and n.pipe.decl and n.end <= offset:
                _bind(n.pipe, pipe_value(n.pipe, scope.dot, env), env, False)
        elif isinstance(n, ast.BranchNode):
            ranging = isinstance(n, ast.RangeNode)
            value = pipe_value(n.pipe, scope.dot, env)
            if ranging:
                value = value.element()
            inner = dict(env)
            _bind(n.pipe, value, inner, ranging)
            if n.list is not None and n.list.pos <= offset <= n.list.end:
                dot = scope.dot if isinstance(n, ast.IfNode) else value
                return _walk(n.list, offset, Scope(dot, inner, scope.define))
            if n.else_list is not None and n.else_list.pos <= offset <= n.else_list.end:
                return _walk(n.else_list, offset, Scope(scope.dot, inner, scope.define))
        elif isinstance(n, ast.DefineNode):
            if n.list is not None and n.list.pos <= offset <= n.list.end:
                top = {"$": Binding("$", UNKNOWN, ast.VariableNode(0, 0, ["$"]))}
                return _walk(n.list, offset, Scope(UNKNOWN, top, n.name))
    return Scope(scope.dot, env, scope.define)


def node_at(tree: ast.Tree, offset: int) -> list[ast.Node]:
    """The nodes containing ``offset`` (``pos <= offset <= end``), outermost first."""
    path: list[ast.Node] = []
    level: list[ast.Node] = [tree.root]
    while level:
        nxt: list[ast.Node] = []
        for n in level:
            if n.pos <= offset <= n.end:
                path.append(n)
                nxt = n.children()
                break
        level = nxt
    return path


def segment_spans(n: ast.Node) -> list[tuple[str, int, int]]:
    """Each name of a field/variable chain with its span: ``$x.a`` → [("$x",..), ("a",..)]."""
    if isinstance(n, ast.FieldNode):
        out, p = [], n.pos
        for f in n.ident:
            out.append((f, p + 1, p + 1 + len(f)))
            p += 1 + len(f)
        return out
    if isinstance(n, ast.VariableNode):
        out, p = [], n.pos
        for i, f in enumerate(n.ident):
            if i:
                p += 1
            out.append((f, p, p + len(f)))
            p += len(f)
        return out
    return []


__all__ = ["Binding", "ROOT", "Scope", "UNKNOWN", "Val", "node_at", "pipe_value", "scope_at", "segment_spans",
           "term_value"]

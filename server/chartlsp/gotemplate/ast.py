"""Syntax tree of a Go template, as Go's ``text/template/parse`` builds it.

Every node carries ``pos`` and ``end``: character offsets into the template
text (``end`` exclusive). Go reports byte positions; :mod:`.errors` converts
at the edge. ``str(node)`` is Go's canonical ``Node.String()`` form, which
execution errors quote (``at <.Values.x>``).

Unlike Go's tree, :class:`DefineNode` stays in the file's top-level list (an
editor wants to see it); execution skips it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False, slots=True)
class Node:
    pos: int
    end: int

    def children(self) -> list["Node"]:
        return []


@dataclass(eq=False, slots=True)
class ListNode(Node):
    nodes: list[Node] = field(default_factory=list)

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)

    def children(self) -> list[Node]:
        return list(self.nodes)


@dataclass(eq=False, slots=True)
class TextNode(Node):
    text: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass(eq=False, slots=True)
class CommentNode(Node):
    text: str = ""  # including the /* */

    def __str__(self) -> str:
        return "{{" + self.text + "}}"


@dataclass(eq=False, slots=True)
class VariableNode(Node):
    """``$x`` or ``$x.a.b``: ``ident`` is ``["$x", "a", "b"]``."""

    ident: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return ".".join(self.ident)


@dataclass(eq=False, slots=True)
class DotNode(Node):
    def __str__(self) -> str:
        return "."


@dataclass(eq=False, slots=True)
class NilNode(Node):
    def __str__(self) -> str:
        return "nil"


@dataclass(eq=False, slots=True)
class FieldNode(Node):
    """``.a.b``: ``ident`` is ``["a", "b"]``."""

    ident: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "".join("." + i for i in self.ident)


@dataclass(eq=False, slots=True)
class IdentifierNode(Node):
    """A function name."""

    ident: str = ""

    def __str__(self) -> str:
        return self.ident


@dataclass(eq=False, slots=True)
class ChainNode(Node):
    """``(pipeline).a.b`` or ``$x.a`` on a non-variable operand."""

    node: Node | None = None
    field: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        s = str(self.node)
        if isinstance(self.node, PipeNode):
            s = "(" + s + ")"
        return s + "".join("." + f for f in self.field)

    def children(self) -> list[Node]:
        return [self.node] if self.node else []


@dataclass(eq=False, slots=True)
class BoolNode(Node):
    value: bool = False

    def __str__(self) -> str:
        return "true" if self.value else "false"


@dataclass(eq=False, slots=True)
class NumberNode(Node):
    """A number literal; which of the ``is_*`` flags are set follows Go's ``newNumber``."""

    text: str = ""
    is_int: bool = False
    is_uint: bool = False
    is_float: bool = False
    is_complex: bool = False
    int64: int = 0
    uint64: int = 0
    float64: float = 0.0
    complex128: complex = 0j

    def __str__(self) -> str:
        return self.text


@dataclass(eq=False, slots=True)
class StringNode(Node):
    quoted: str = ""  # original text with quotes
    text: str = ""  # unquoted value

    def __str__(self) -> str:
        return self.quoted


@dataclass(eq=False, slots=True)
class CommandNode(Node):
    args: list[Node] = field(default_factory=list)

    def __str__(self) -> str:
        parts = []
        for a in self.args:
            if isinstance(a, PipeNode):
                parts.append("(" + str(a) + ")")
            else:
                parts.append(str(a))
        return " ".join(parts)

    def children(self) -> list[Node]:
        return list(self.args)


@dataclass(eq=False, slots=True)
class PipeNode(Node):
    is_assign: bool = False  # ``=`` rather than ``:=``
    decl: list[VariableNode] = field(default_factory=list)
    cmds: list[CommandNode] = field(default_factory=list)

    def __str__(self) -> str:
        s = ""
        if self.decl:
            s = ", ".join(str(v) for v in self.decl) + " := "  # Go prints ":=" for "=" too
        return s + " | ".join(str(c) for c in self.cmds)

    def children(self) -> list[Node]:
        return [*self.decl, *self.cmds]


@dataclass(eq=False, slots=True)
class ActionNode(Node):
    pipe: PipeNode | None = None
    trim_left: bool = False
    trim_right: bool = False

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"

    def children(self) -> list[Node]:
        return [self.pipe] if self.pipe else []


@dataclass(eq=False, slots=True)
class BreakNode(Node):
    def __str__(self) -> str:
        return "{{break}}"


@dataclass(eq=False, slots=True)
class ContinueNode(Node):
    def __str__(self) -> str:
        return "{{continue}}"


@dataclass(eq=False, slots=True)
class BranchNode(Node):
    """Common shape of if/range/with. ``else_list`` holds an ``else if``/``else with`` as one nested node."""

    pipe: PipeNode | None = None
    list: ListNode | None = None
    else_list: ListNode | None = None
    keyword = ""

    def __str__(self) -> str:
        s = "{{" + self.keyword + " " + str(self.pipe) + "}}" + str(self.list)
        if self.else_list is not None:
            s += "{{else}}" + str(self.else_list)
        return s + "{{end}}"

    def children(self) -> list[Node]:
        out: list[Node] = []
        for n in (self.pipe, self.list, self.else_list):
            if n is not None:
                out.append(n)
        return out


@dataclass(eq=False, slots=True)
class IfNode(BranchNode):
    keyword = "if"


@dataclass(eq=False, slots=True)
class RangeNode(BranchNode):
    keyword = "range"


@dataclass(eq=False, slots=True)
class WithNode(BranchNode):
    keyword = "with"


@dataclass(eq=False, slots=True)
class TemplateNode(Node):
    """``{{template "name" pipeline}}`` (also the call half of ``block``)."""

    name: str = ""
    name_pos: int = 0
    name_end: int = 0
    pipe: PipeNode | None = None

    def __str__(self) -> str:
        if self.pipe is None:
            return "{{template " + _go_quote(self.name) + "}}"
        return "{{template " + _go_quote(self.name) + " " + str(self.pipe) + "}}"

    def children(self) -> list[Node]:
        return [self.pipe] if self.pipe else []


@dataclass(eq=False, slots=True)
class DefineNode(Node):
    """``{{define "name"}}…{{end}}`` or the definition half of ``block``."""

    name: str = ""
    name_pos: int = 0
    name_end: int = 0
    list: ListNode | None = None
    is_block: bool = False

    def __str__(self) -> str:
        return "{{define " + _go_quote(self.name) + "}}" + str(self.list) + "{{end}}"

    def children(self) -> list[Node]:
        return [self.list] if self.list else []


@dataclass(eq=False, slots=True)
class Tree:
    """A parsed file: its top-level list, the defines it holds, and errors.

    ``root`` is the body of the file's own template; ``defines`` maps each
    ``define``/``block`` name to its body (a later one wins, as in Go's
    ``AddParseTree`` of a non-empty body). ``errors`` is empty for a valid file.
    """

    name: str
    text: str
    root: ListNode
    defines: dict[str, DefineNode] = field(default_factory=dict)
    errors: list[Any] = field(default_factory=list)


def walk(node: Node):
    """Every node below ``node`` (inclusive), depth first, in source order."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children()))


def _go_quote(s: str) -> str:
    """``strconv.Quote``-style quoting used by ``Node.String``."""
    from .gofmt import quote

    return quote(s)

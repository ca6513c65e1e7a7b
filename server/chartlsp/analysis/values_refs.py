"""Where templates read chart values: a static model of ``.Values`` reads.

A small abstract interpreter walks a parsed template and follows the values
objects it can see: ``.Values`` from the root context (``.`` at the top of a
file, ``$`` anywhere in it), variables bound to values subtrees, ``.``
rebound by ``with``/``range``, and values passed through ``index``/``get``/
``dig``/``pluck``/``hasKey``/``default``/``required``/``coalesce``/
``ternary``/``first``/``last``. Each read becomes a :class:`ValueRef`: the
path below ``.Values`` (list elements and keys computed at run time are the
segment ``"*"``), the span of the text naming it and the span of each key.

Inside a ``define`` the context is unknown: ``.`` and ``$`` are whatever
``include``/``template`` passed, in practice the root context or a ``dict``
holding it (``.context``, ``.root``...). There, any field chain that goes
through a field named ``Values`` (``.Values.x``, ``.ctx.Values.x``) is read
as the chart's values. Refs in a define carry its name and are reported in
the file holding the define.

``whole`` marks reads whose entire subtree is used: the value is printed,
handed to a function the model does not follow (``toYaml``, ``include``,
``dict``...), ranged over, or read with a computed key. ``.Values`` or the
root context (``$``) handed to such a function makes every value used.

``guarded`` marks reads where a missing value is expected and handled:

* the argument or piped input of ``default``, ``required``, ``empty``,
  ``coalesce``, ``ternary``, ``hasKey``, ``dig``, ``pluck``, ``and``,
  ``or``, ``not`` and the type tests (``kindIs``, ``typeOf``...);
* the key read by ``get`` (it yields "" for a missing key);
* anything in the condition of ``if``/``with``/``range`` (a missing value
  is false there, or ranges zero times);
* inside such a block (and its ``else``), a read of a path the condition
  tested or of a child of it (``{{ if .Values.x }}{{ .Values.x.y }}``,
  ``{{ with .Values.a }}{{ toYaml . }}``): the author checked the value is
  there. A sibling is not guarded: ``ingress.enabled`` being set says
  nothing about ``ingress.host``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gotemplate import ast

STAR = "*"  # a list element, or a map key only known at run time

# Methods of the top-level ``.Values`` (chartutil.Values): Go resolves them before map keys.
_VALUES_METHODS = frozenset({"AsMap", "YAML", "Table", "PathValue", "Encode"})
# Functions whose arguments may legitimately be missing.
_GUARD_FUNCS = frozenset({
    "default", "required", "empty", "coalesce", "ternary", "hasKey", "dig", "pluck",
    "and", "or", "not", "kindIs", "kindOf", "typeIs", "typeIsLike", "typeOf",
})
# Functions that return one of their (values) arguments unchanged.
_PASS_LAST = frozenset({"default", "required", "deepCopy", "mustDeepCopy"})
_PASS_ANY = frozenset({"coalesce", "ternary", "and", "or"})
# Functions that may receive the root context without reading all values.
_ROOT_SAFE = frozenset({"include", "tpl", "dict", "list", "set", "hasKey", "get", "index", "default",
                        "ternary", "coalesce", "required", "empty", "and", "or", "not", "eq", "ne",
                        "kindIs", "kindOf", "typeOf", "typeIs", "deepCopy", "mustDeepCopy", "fail",
                        "printf", "print", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite"})


@dataclass(eq=False)
class ValueRef:
    """One read of chart values in a template file.

    ``start``/``end`` span the text naming the value (the whole field chain,
    variable, ``.`` or string literal); ``segments`` holds, per path element,
    the span of that key's text when this ref writes it (else ``None``: the
    key came from a variable, ``with``/``range`` or a computed index).
    """

    path: tuple[str, ...]
    start: int
    end: int
    segments: tuple[tuple[int, int] | None, ...]
    guarded: bool = False
    whole: bool = False
    dynamic: bool = False
    define: str | None = None

    @property
    def names_key(self) -> bool:
        """Whether this ref spells its last key here (so a diagnostic belongs here)."""
        return bool(self.segments) and self.segments[-1] is not None


@dataclass
class TemplateValues:
    """Values reads of one file plus the include graph needed to attribute define reads."""

    refs: list[ValueRef]
    includes: dict[str | None, set[str]]  # define name (None: the file body) -> names it includes
    dynamic_include: set[str | None]  # scopes (as in ``includes``) where an include name is computed
    root_whole: bool  # the root context or .Values escapes whole somewhere
    assigned: frozenset[tuple[str, ...]] = frozenset()  # paths a template writes (``set .Values "k" v``)


class _Root:
    """The top-level context object (``.`` of a file, ``$``)."""


class _Any:
    """A define's context: anything, most often the root context or a dict holding it."""


ROOT = _Root()
ANY = _Any()


@dataclass(eq=False)
class _Vals:
    path: tuple[str, ...]
    refs: tuple[ValueRef, ...]
    dynamic: bool = False


_Value = _Root | _Any | _Vals | None


@dataclass
class _Ctx:
    dot: _Value
    define: str | None
    guard: bool = False
    tested: frozenset = frozenset()


class _Analyzer:
    def __init__(self, tree: ast.Tree) -> None:
        self.text = tree.text
        self.refs: list[ValueRef] = []
        self.vars: list[tuple[str, _Value]] = []
        self.includes: dict[str | None, set[str]] = {}
        self.dynamic_include: set[str | None] = set()
        self.root_whole = False
        self.assigned: set[tuple[str, ...]] = set()

    # --------------------------------------------------------------- walking
    def run(self, tree: ast.Tree) -> TemplateValues:
        self.includes[None] = set()
        for node in tree.root.nodes:
            if isinstance(node, ast.DefineNode):
                continue
            self.node(node, _Ctx(ROOT, None))
        for name, d in tree.defines.items():
            self.includes.setdefault(name, set())
            if d.list is not None:
                self.vars = []
                self.list(d.list, _Ctx(ANY, name))
        return TemplateValues(self.refs, self.includes, self.dynamic_include, self.root_whole,
                              frozenset(self.assigned))

    def list(self, lst: ast.ListNode | None, ctx: _Ctx) -> None:
        if lst is None:
            return
        mark = len(self.vars)
        for n in lst.nodes:
            self.node(n, ctx)
        del self.vars[mark:]

    def node(self, n: ast.Node, ctx: _Ctx) -> None:
        cls = n.__class__
        if cls is ast.ActionNode:
            pipe = n.pipe
            v = self.pipe(pipe, ctx)
            if pipe is not None and not pipe.decl:
                self.consume(v)
        elif cls is ast.IfNode or cls is ast.WithNode or cls is ast.RangeNode:
            self.branch(n, ctx)
        elif cls is ast.TemplateNode:
            self.includes[ctx.define].add(n.name)
            if n.pipe is not None:
                self.consume(self.pipe(n.pipe, ctx), include=True)
        elif cls is ast.ListNode:
            self.list(n, ctx)
        elif cls is ast.DefineNode:
            pass  # analysed once, as a define

    def branch(self, n: ast.BranchNode, ctx: _Ctx) -> None:
        mark = len(self.vars)
        first = len(self.refs)
        cond = _Ctx(ctx.dot, ctx.define, True, ctx.tested)
        v = self.pipe(n.pipe, cond, ranging=n.__class__ is ast.RangeNode)
        tested = ctx.tested | {r.path for r in self.refs[first:] if r.path}
        inner = _Ctx(ctx.dot, ctx.define, ctx.guard, tested)
        if n.__class__ is ast.WithNode:
            inner.dot = v
        elif n.__class__ is ast.RangeNode:
            self.consume(v)
            inner.dot = self.element(v)
        self.list(n.list, inner)
        if n.else_list is not None:
            self.list(n.else_list, _Ctx(ctx.dot, ctx.define, ctx.guard, tested))
        del self.vars[mark:]

    # ------------------------------------------------------------ pipelines
    def pipe(self, pipe: ast.PipeNode | None, ctx: _Ctx, ranging: bool = False) -> _Value:
        if pipe is None:
            return None
        v: _Value = None
        for i, cmd in enumerate(pipe.cmds):
            v = self.command(cmd, ctx, v if i else None, i > 0)
        if pipe.decl:
            if ranging:
                elem = self.element(v)
                vals = [None, elem] if len(pipe.decl) == 2 else [elem]
            else:
                vals = [v] * len(pipe.decl)
            for var, val in zip(pipe.decl, vals):
                name = var.ident[0]
                if pipe.is_assign:
                    for j in range(len(self.vars) - 1, -1, -1):
                        if self.vars[j][0] == name:
                            self.vars[j] = (name, val)
                            break
                else:
                    self.vars.append((name, val))
        return v

    def command(self, cmd: ast.CommandNode, ctx: _Ctx, piped: _Value, has_pipe: bool) -> _Value:
        args = cmd.args
        if not args:
            return None
        head = args[0]
        if head.__class__ is ast.IdentifierNode:
            return self.call(head.ident, args[1:], ctx, piped, has_pipe)
        v = self.term(head, ctx)
        for a in args[1:]:  # a method call with arguments: arguments escape
            self.consume(self.term(a, ctx))
        if has_pipe:
            self.consume(piped)
        return v

    def call(self, name: str, arg_nodes: list[ast.Node], ctx: _Ctx, piped: _Value, has_pipe: bool) -> _Value:
        guard = name in _GUARD_FUNCS
        actx = _Ctx(ctx.dot, ctx.define, True, ctx.tested) if guard and not ctx.guard else ctx
        if name in ("include", "template") and arg_nodes:
            first = arg_nodes[0]
            if first.__class__ is ast.StringNode:
                self.includes[ctx.define].add(first.text)
            else:
                self.dynamic_include.add(ctx.define)
        args: list[_Value] = [self.term(a, actx) for a in arg_nodes]
        if has_pipe:
            if guard:
                _guard(piped)
            args.append(piped)
        special = _SPECIAL.get(name)
        if special is not None:
            return special(self, args, arg_nodes, actx)
        passes = name in _PASS_LAST or name in _PASS_ANY
        result: _Value = None
        if passes:
            if name in _PASS_LAST:
                result = args[-1] if args else None
            else:
                result = next((a for a in args if isinstance(a, _Vals)), None)
        for a in args:
            if a is ROOT:
                if name not in _ROOT_SAFE:
                    self.root_whole = True
            elif a is not result and (passes or not guard):
                self.consume(a, include=name in ("include", "tpl", "template"))
        return result

    def consume(self, v: _Value, include: bool = False) -> None:
        """The value escapes where the model cannot follow it: its whole subtree counts as read."""
        if isinstance(v, _Vals):
            for r in v.refs:
                r.whole = True
            if not v.path:
                self.root_whole = True
        elif v is ROOT and not include:
            self.root_whole = True

    # ---------------------------------------------------------------- terms
    def term(self, n: ast.Node, ctx: _Ctx) -> _Value:
        cls = n.__class__
        if cls is ast.FieldNode:
            return self.access(ctx.dot, n.ident, n, n.pos, ctx)
        if cls is ast.VariableNode:
            base = self.lookup(n.ident[0], ctx)
            if len(n.ident) == 1:
                return self.alias(base, n, ctx)
            return self.access(base, n.ident[1:], n, n.pos + len(n.ident[0]), ctx)
        if cls is ast.DotNode:
            return self.alias(ctx.dot, n, ctx)
        if cls is ast.PipeNode:
            return self.pipe(n, ctx)
        if cls is ast.ChainNode:
            base = self.term(n.node, ctx) if n.node is not None else None
            if not n.field:
                return base
            start = n.end - sum(len(f) + 1 for f in n.field)
            return self.access(base, n.field, n, start, ctx)
        return None

    def lookup(self, name: str, ctx: _Ctx) -> _Value:
        if name == "$":
            return ROOT if ctx.define is None else ANY
        for j in range(len(self.vars) - 1, -1, -1):
            if self.vars[j][0] == name:
                return self.vars[j][1]
        return None

    def alias(self, v: _Value, n: ast.Node, ctx: _Ctx) -> _Value:
        """A values object used as a whole through ``$var`` or ``.``: a ref at that spot."""
        if not isinstance(v, _Vals):
            return v
        ref = self.ref(v.path, n.pos, n.end, (None,) * len(v.path), ctx, v.dynamic)
        return _Vals(v.path, (ref,), v.dynamic)

    def access(self, base: _Value, fields: list[str], n: ast.Node, start: int, ctx: _Ctx) -> _Value:
        """``base.f1.f2...``; ``start`` is where the first ``.f1`` begins in the text."""
        if base is ROOT or base is ANY:
            if "Values" not in fields:
                return ANY if base is ANY else None
            i = len(fields) - 1 - fields[::-1].index("Values")  # the last: ``.Values.Values`` is a dict of a root
            if base is ROOT and i:
                return None
            return self.values_access(tuple(fields[i + 1:]), _spans(fields, start)[i + 1:], n, ctx)
        if base.__class__ is _Vals:
            if not base.path:
                return self.values_access(tuple(fields), _spans(fields, start), n, ctx)
            path = base.path + tuple(fields)
            ref = self.ref(path, n.pos, n.end, (None,) * len(base.path) + _spans(fields, start), ctx,
                           base.dynamic)
            return _Vals(path, (ref,), base.dynamic)
        return None

    def values_access(self, path: tuple[str, ...], segs: tuple, n: ast.Node, ctx: _Ctx) -> _Value:
        """``.Values.f1.f2...``: a method of Helm's ``chartutil.Values`` is no key (Go calls methods first)."""
        if path and path[0] in _VALUES_METHODS:
            if path[0] != "AsMap":  # YAML, Table, PathValue, Encode: (a section of) the values, chosen at run time
                self.root_whole = True
                return None
            path, segs = path[1:], segs[1:]
        ref = self.ref(path, n.pos, n.end, segs, ctx, False)
        return _Vals(path, (ref,))

    def ref(self, path: tuple[str, ...], start: int, end: int, segs: tuple, ctx: _Ctx,
            dynamic: bool) -> ValueRef:
        r = ValueRef(path, start, end, segs, ctx.guard or _tested(path, ctx.tested), False, dynamic, ctx.define)
        self.refs.append(r)
        return r

    def element(self, v: _Value) -> _Value:
        if isinstance(v, _Vals):
            return _Vals(v.path + (STAR,), (), v.dynamic)
        return ANY if v is ANY else None

    def keyed(self, base: _Value, keys: list[tuple[ast.Node | None, _Value]], ctx: _Ctx,
              guard: bool) -> _Value:
        """``base`` indexed by argument nodes: string literals are keys, anything else is ``*``."""
        if base is ROOT or base is ANY:
            if keys and isinstance(keys[0][0], ast.StringNode) and keys[0][0].text == "Values":
                base = _Vals((), ())
                keys = keys[1:]
            else:
                return ANY if base is ANY else None
        if not isinstance(base, _Vals):
            return None
        path = list(base.path)
        segs: list = [None] * len(path)
        dynamic = base.dynamic
        for node, _ in keys:
            if isinstance(node, ast.StringNode):
                path.append(node.text)
                segs.append((node.pos + 1, node.end - 1))
            else:
                path.append(STAR)
                segs.append(None)
                dynamic = True
        if not keys:
            return base
        written = [k for k, _ in keys if k is not None]
        start = written[0].pos if written else 0
        end = written[-1].end if written else 0
        r = ValueRef(tuple(path), start, end, tuple(segs), guard or ctx.guard or _tested(tuple(path), ctx.tested),
                     dynamic, dynamic, ctx.define)
        self.refs.append(r)
        return _Vals(tuple(path), (r,), dynamic)


def _spans(fields: list[str], start: int) -> tuple[tuple[int, int], ...]:
    """The span of each ``.field`` name of a chain whose first dot is at ``start``."""
    out = []
    p = start
    for f in fields:
        out.append((p + 1, p + 1 + len(f)))
        p += 1 + len(f)
    return tuple(out)


def _tested(path: tuple[str, ...], tested: frozenset) -> bool:
    """Whether ``path`` or one of its ancestors was tested by an enclosing condition."""
    if not tested:
        return False
    return any(path[:i] in tested for i in range(1, len(path) + 1))


def _guard(v: _Value) -> None:
    if isinstance(v, _Vals):
        for r in v.refs:
            r.guarded = True


def _arg_nodes(nodes: list[ast.Node], args: list[_Value]) -> list[ast.Node | None]:
    """Argument nodes aligned with ``args`` (a piped value has no node)."""
    return list(nodes) + [None] * (len(args) - len(nodes))


def _index(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    if not args:
        return None
    ns = _arg_nodes(nodes, args)
    return a.keyed(args[0], list(zip(ns[1:], args[1:])), ctx, False)


def _get(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    """``get MAP KEY`` yields "" for a missing key: authors reach for it exactly when the key may be absent."""
    if len(args) != 2:
        return None
    ns = _arg_nodes(nodes, args)
    return a.keyed(args[0], [(ns[1], args[1])], ctx, True)


def _has_key(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    if len(args) != 2:
        return None
    ns = _arg_nodes(nodes, args)
    if ns[1].__class__ is ast.StringNode:
        a.keyed(args[0], [(ns[1], args[1])], ctx, True)
    return None


def _dig(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    if len(args) < 3:
        return None
    ns = _arg_nodes(nodes, args)
    keys = list(zip(ns[:-2], args[:-2]))
    a.consume(args[-2])
    v = a.keyed(args[-1], keys, ctx, True)
    return v


def _pluck(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    if len(args) < 2:
        return None
    ns = _arg_nodes(nodes, args)
    for d in args[1:]:
        a.consume(a.keyed(d, [(ns[0], args[0])], ctx, True))
    return None


def _pick(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    if not args:
        return None
    ns = _arg_nodes(nodes, args)
    if all(n.__class__ is ast.StringNode for n in ns[1:]):
        for n, v in zip(ns[1:], args[1:]):
            a.consume(a.keyed(args[0], [(n, v)], ctx, False))
    else:
        a.consume(args[0])
    return None


def _set(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    """``set DICT KEY VALUE``: on values with a literal key, the key is written (so defined from then on)."""
    ns = _arg_nodes(nodes, args)
    if len(args) == 3 and isinstance(args[0], _Vals) and not args[0].dynamic \
            and STAR not in args[0].path and ns[1].__class__ is ast.StringNode:
        a.assigned.add(args[0].path + (ns[1].text,))
    for v in args:
        if v is not ROOT:
            a.consume(v)
    return args[0] if args else None


def _first_last(a: _Analyzer, args: list[_Value], nodes: list[ast.Node], ctx: _Ctx) -> _Value:
    if len(args) != 1:
        return None
    return a.element(args[0])


_SPECIAL = {
    "index": _index, "get": _get, "hasKey": _has_key, "dig": _dig, "pluck": _pluck, "pick": _pick, "set": _set,
    "first": _first_last, "last": _first_last, "mustFirst": _first_last, "mustLast": _first_last,
}


def analyze_template(tree: ast.Tree) -> TemplateValues:
    """Values reads and include edges of one parsed template file."""
    return _Analyzer(tree).run(tree)


def value_references(tree: ast.Tree) -> list[ValueRef]:
    """Every read of chart values in a parsed template file, in walk order."""
    return analyze_template(tree).refs

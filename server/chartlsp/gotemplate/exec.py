"""Executes parsed templates with the semantics of Go's ``text/template/exec.go``.

Go distinguishes an *invalid* ``reflect.Value`` (no value at all: what a
pipeline yields for a missing key, printed ``<no value>``) from a valid
``interface{}`` holding nil (what a map lookup yields, passed to functions
as nil). Here the first is :data:`INVALID` and the second is ``None``; the
difference decides Go's error messages and is kept exactly.

Every write to the output is recorded in a source map (when asked for):
output span → template file span, with the chain of ``include``/``tpl``
call sites that led there, so that later stages can point a problem in the
rendered YAML back at the template line that produced it.
"""

from __future__ import annotations

from typing import Any, Callable

from . import ast
from .errors import location
from .gofmt import _elem_type, print_value
from .gotypes import (GoError, GoFunc, GoInt, GoObject, Int64, TypedList, TypedMap, Uint8,
                      is_true, type_name)

__all__ = [
    "INVALID", "ExecError", "Template", "TemplateSet", "Executor", "MappedStr",
    "TemplateFrame",
]

MAX_EXEC_DEPTH = 100000


class _Invalid:
    """Go's invalid ``reflect.Value``: the absence of a value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()
_MISSING: Any = object()  # Go's missingVal: no final (piped) argument


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class TemplateFrame:
    """Where an ``include``/``tpl``/``template`` call happened: file and character span."""

    __slots__ = ("file", "pos", "end", "name")

    def __init__(self, file: str, pos: int, end: int, name: str) -> None:
        self.file = file
        self.pos = pos
        self.end = end
        self.name = name

    def __repr__(self) -> str:
        return f"TemplateFrame({self.file!r}, {self.pos}, {self.end}, {self.name!r})"


class ExecError(Exception):
    """A template execution error, worded as Go words it.

    ``str(err)`` is ``template: <file>:<line>:<col>: executing "<name>" at <<node>>: <msg>``.
    ``file``/``pos``/``end`` locate the node in its file's text (character
    offsets); ``cause`` is the error a function returned (another
    :class:`ExecError` for a failing ``include``), so the whole chain can be
    shown in an editor.
    """

    def __init__(self, message: str, *, file: str, line: int, col: int, pos: int, end: int,
                 template: str, node: str, msg: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.pos = pos
        self.end = end
        self.template = template
        self.node = node
        self.msg = msg
        self.cause = cause

    def __str__(self) -> str:
        return self.message


class MappedStr(str):
    """A string produced by template execution that remembers where each part came from.

    ``spans`` are source-map entries relative to the string's own start.
    ``include`` returns one, so that printing it maps the included
    template's lines, not only the call site.
    """

    def __new__(cls, value: str, spans: list) -> "MappedStr":
        obj = super().__new__(cls, value)
        obj.spans = spans
        return obj


class Template:
    """A named template: a file body or a ``define``. ``file`` is Go's ParseName."""

    __slots__ = ("name", "file", "root", "text", "empty")

    def __init__(self, name: str, file: str, root: ast.ListNode, text: str) -> None:
        self.name = name
        self.file = file
        self.root = root
        self.text = text
        self.empty = _is_empty_tree(root)


def _is_empty_tree(n: ast.Node) -> bool:
    if isinstance(n, ast.ListNode):
        return all(_is_empty_tree(c) for c in n.nodes)
    if isinstance(n, ast.TextNode):
        return n.text.strip() == ""
    return isinstance(n, (ast.CommentNode, ast.DefineNode))


class TemplateSet:
    """Templates sharing one namespace (Go's common ``*Template`` set).

    ``funcs`` are looked up before Go's builtins, as a ``FuncMap`` is.
    ``missingkey`` is Go's option: ``"default"``/``"invalid"``, ``"zero"``
    (Helm) or ``"error"``.
    """

    def __init__(self, funcs: dict[str, GoFunc] | None = None, missingkey: str = "default",
                 name: str = "gotpl") -> None:
        from .builtins import BUILTINS

        self.name = name  # the root template's name, quoted by "no template ... associated with" errors
        self.templates: dict[str, Template] = {}
        self.funcs: dict[str, GoFunc] = dict(BUILTINS)
        if funcs:
            self.funcs.update(funcs)
        self.missingkey = missingkey
        self.texts: dict[str, str] = {}

    def clone(self) -> "TemplateSet":
        new = TemplateSet.__new__(TemplateSet)
        new.name = self.name
        new.templates = dict(self.templates)
        new.funcs = dict(self.funcs)
        new.missingkey = self.missingkey
        new.texts = dict(self.texts)
        return new

    def add_tree(self, tree: ast.Tree) -> None:
        """Add a parsed file: its body under its name and each define (Go's AddParseTree rules)."""
        self.texts[tree.name] = tree.text
        self._associate(Template(tree.name, tree.name, tree.root, tree.text))
        for name, d in tree.defines.items():
            self._associate(Template(name, tree.name, d.list or ast.ListNode(d.pos, d.pos), tree.text))

    def _associate(self, t: Template) -> None:
        old = self.templates.get(t.name)
        if old is not None and t.empty:
            return
        self.templates[t.name] = t

    def lookup(self, name: str) -> Template | None:
        return self.templates.get(name)


def go_pos(node: ast.Node) -> int:
    """The position Go records for a node (it differs from the span start for chains)."""
    if isinstance(node, ast.FieldNode) and len(node.ident) > 1:
        return node.pos + 1 + len(node.ident[0])
    if isinstance(node, ast.VariableNode) and len(node.ident) > 1:
        return node.pos + len(node.ident[0])
    if isinstance(node, ast.ChainNode) and node.field:
        return node.end - sum(1 + len(f) for f in node.field)
    if isinstance(node, ast.TemplateNode):
        return node.name_pos
    if isinstance(node, ast.PipeNode):
        if node.decl:
            return node.decl[0].pos
        if node.cmds:
            return node.cmds[0].pos
    return node.pos


class Executor:
    """One execution of one template (Go's ``state``). Not reusable across threads."""

    __slots__ = ("tset", "tmpl", "out", "out_len", "vars", "depth", "node", "smap", "frames",
                 "_dispatch", "call_node", "dot_iface")

    def __init__(self, tset: TemplateSet, source_map: bool = False, frames: tuple = ()) -> None:
        self.tset = tset
        self.tmpl: Template | None = None
        self.out: list[str] = []
        self.out_len = 0
        self.vars: list[list] = []
        self.depth = 0
        self.node: ast.Node | None = None
        self.smap: list | None = [] if source_map else None
        self.frames = frames
        self.call_node: ast.Node | None = None  # the command whose function is running (include's call site)
        # Whether dot's static Go type is interface {}: true for the elements a range over
        # []interface {} or map[string]interface {} yields (Go's errors name that type).
        self.dot_iface = False
        self._dispatch = {
            ast.ActionNode: self._walk_action,
            ast.TextNode: self._walk_text,
            ast.ListNode: self._walk_list,
            ast.IfNode: self._walk_if,
            ast.WithNode: self._walk_with,
            ast.RangeNode: self._walk_range,
            ast.TemplateNode: self._walk_template,
            ast.CommentNode: _noop,
            ast.DefineNode: _noop,
            ast.BreakNode: _raise_break,
            ast.ContinueNode: _raise_continue,
        }

    # ------------------------------------------------------------------ API
    def execute(self, name: str, data: Any) -> str:
        """Run template ``name`` on ``data``; returns the output (raises :class:`ExecError`)."""
        t = self.tset.lookup(name)
        if t is None:
            raise GoError(f'template: no template "{name}" associated with template "{self.tset.name}"')
        return self.run(t, data)

    def run(self, t: Template, data: Any) -> str:
        """Run ``t`` itself, even where the set holds another template of its name
        (Go's ``t.Execute`` of a freshly parsed template whose empty body did not
        replace the existing one)."""
        self.tmpl = t
        self.vars = [["$", data]]
        self._walk(data, t.root)
        return "".join(self.out)

    # --------------------------------------------------------------- errors
    def errorf(self, msg: str, cause: BaseException | None = None) -> None:
        node = self.node
        t = self.tmpl
        if node is None or t is None:
            raise ExecError(f"template: {t.name if t else '?'}: {msg}", file=t.file if t else "",
                            line=0, col=0, pos=0, end=0, template=t.name if t else "",
                            node="", msg=msg, cause=cause)
        text = self.tset.texts.get(t.file, t.text)
        p = go_pos(node)
        line, col = location(text, p)
        ctx = str(node)
        raise ExecError(
            f'template: {t.file}:{line}:{col}: executing "{t.name}" at <{ctx}>: {msg}',
            file=t.file, line=line, col=col, pos=node.pos, end=node.end, template=t.name,
            node=ctx, msg=msg, cause=cause)

    # --------------------------------------------------------------- output
    def write(self, s: str, node: ast.Node) -> None:
        if not s:
            return
        smap = self.smap
        if smap is not None:
            start = self.out_len
            spans = getattr(s, "spans", None)
            if spans:
                for (a, b, f, p, e, fr) in spans:
                    smap.append((start + a, start + b, f, p, e, fr))
            else:
                smap.append((start, start + len(s), self.tmpl.file, node.pos, node.end, self.frames))
        self.out.append(s)
        self.out_len += len(s)

    def mapped_output(self) -> MappedStr:
        return MappedStr("".join(self.out), self.smap or [])

    # ----------------------------------------------------------------- walk
    def _walk(self, dot: Any, node: ast.Node) -> None:
        self.node = node
        fn = self._dispatch.get(type(node))
        if fn is None:
            self.errorf(f"unknown node: {node}")
        fn(dot, node)

    def _walk_list(self, dot: Any, node: ast.ListNode) -> None:
        walk = self._walk
        for n in node.nodes:
            walk(dot, n)

    def _walk_text(self, dot: Any, node: ast.TextNode) -> None:
        s = node.text
        if s:
            if self.smap is not None:
                self.write(s, node)
            else:
                self.out.append(s)
                self.out_len += len(s)

    def _walk_action(self, dot: Any, node: ast.ActionNode) -> None:
        pipe = node.pipe
        val = self.eval_pipeline(dot, pipe)
        if not pipe.decl:
            self.node = node
            self.write(self.printable(node, val), node)

    def printable(self, node: ast.Node, v: Any) -> str:
        if v is INVALID:
            return "<no value>"
        if type(v) is str or isinstance(v, str):
            return v
        if isinstance(v, GoFunc) or callable(v) and not isinstance(v, GoObject):
            self.errorf(f"can't print {node} of type {type_name(v)}")
        return print_value(v)

    def _walk_if(self, dot: Any, node: ast.IfNode) -> None:
        self._walk_if_or_with(dot, node, False)

    def _walk_with(self, dot: Any, node: ast.WithNode) -> None:
        self._walk_if_or_with(dot, node, True)

    def _walk_if_or_with(self, dot: Any, node: ast.BranchNode, is_with: bool) -> None:
        mark = len(self.vars)
        try:
            val = self.eval_pipeline(dot, node.pipe)
            truth = False if val is INVALID else is_true(val)[0]
            if truth:
                if is_with:
                    saved, self.dot_iface = self.dot_iface, False
                    try:
                        self._walk(val, node.list)
                    finally:
                        self.dot_iface = saved
                else:
                    self._walk(dot, node.list)
            elif node.else_list is not None:
                self._walk(dot, node.else_list)
        finally:
            del self.vars[mark:]

    def _walk_range(self, dot: Any, r: ast.RangeNode) -> None:
        self.node = r
        mark = len(self.vars)
        try:
            val = self.eval_pipeline(dot, r.pipe)
            inner = len(self.vars)
            decl = r.pipe.decl
            is_assign = r.pipe.is_assign
            outer_iface = self.dot_iface
            self.dot_iface = _elems_are_interfaces(val)
            if decl and not is_assign and self.dot_iface:
                self.vars[-1].append(True)  # the element variable is an interface {} too

            def one(index: Any, elem: Any) -> None:
                if decl:
                    if is_assign:
                        self.set_var(decl[0].ident[0], index if len(decl) > 1 else elem)
                    else:
                        self.vars[-1][1] = elem
                if len(decl) > 1:
                    if is_assign:
                        self.set_var(decl[1].ident[0], elem)
                    else:
                        self.vars[-2][1] = index
                try:
                    self._walk(elem, r.list)
                except _Continue:
                    pass
                finally:
                    del self.vars[inner:]

            try:
                if isinstance(val, (list, tuple)):
                    if val:
                        for i, e in enumerate(val):
                            one(i, e)
                        return
                elif isinstance(val, dict):
                    if val:
                        for k in sorted(val):  # Go ranges over map keys in sorted order
                            one(k, val[k])
                        return
                elif isinstance(val, (bytes, bytearray)):
                    if val:
                        for i, b in enumerate(val):
                            one(i, Uint8(b))
                        return
                elif isinstance(val, int) and not isinstance(val, bool):
                    if len(decl) > 1:
                        self.errorf(f"can't use {print_value(val)} to iterate over more than one variable")
                    if val > 0:
                        go_type = getattr(val, "go_type", "int")
                        for i in range(int(val)):
                            v = _make_int(i, go_type)
                            one(v, v)
                        return
                elif val is INVALID or val is None:
                    pass
                else:
                    self.errorf(f"range can't iterate over {print_value(val)}")
            except _Break:
                return
            finally:
                self.dot_iface = outer_iface
            if r.else_list is not None:
                try:
                    self._walk(dot, r.else_list)
                except _Break:  # Go recovers walkBreak for the whole range, else included
                    pass
        finally:
            del self.vars[mark:]

    def _walk_template(self, dot: Any, t: ast.TemplateNode) -> None:
        self.node = t
        tmpl = self.tset.lookup(t.name)
        if tmpl is None:
            self.errorf(f'template "{t.name}" not defined')
        if self.depth >= MAX_EXEC_DEPTH:
            self.errorf(f"exceeded maximum template depth ({MAX_EXEC_DEPTH})")
        new_dot = self.eval_pipeline(dot, t.pipe)  # no pipeline: an invalid dot, as in Go
        saved = (self.tmpl, self.vars, self.frames, self.dot_iface)
        self.depth += 1
        self.tmpl = tmpl
        self.vars = [["$", new_dot]]
        self.dot_iface = False
        if self.smap is not None:
            self.frames = self.frames + (TemplateFrame(saved[0].file, t.pos, t.end, t.name),)
        try:
            self._walk(new_dot, tmpl.root)
        finally:
            self.depth -= 1
            self.tmpl, self.vars, self.frames, self.dot_iface = saved

    # ------------------------------------------------------------ variables
    def set_var(self, name: str, value: Any) -> None:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i][1] = value
                return
        self.errorf(f"undefined variable: {name}")

    def var_value(self, name: str) -> Any:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                return self.vars[i][1]
        self.errorf(f"undefined variable: {name}")

    def var_entry(self, name: str) -> list:
        """[name, value] or, for a range's element variable of static type interface {}, [name, value, True]."""
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                return self.vars[i]
        self.errorf(f"undefined variable: {name}")
        raise AssertionError  # errorf raises

    # ------------------------------------------------------------ pipelines
    def eval_pipeline(self, dot: Any, pipe: ast.PipeNode | None) -> Any:
        if pipe is None:
            return INVALID
        self.node = pipe
        value = _MISSING
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
            if value is None:  # a nil interface{} becomes an invalid Value
                value = INVALID
        for v in pipe.decl:
            if pipe.is_assign:
                self.set_var(v.ident[0], value)
            else:
                self.vars.append([v.ident[0], value])
        return value

    def _not_a_function(self, args: list, final: Any) -> None:
        if len(args) > 1 or final is not _MISSING:
            self.errorf(f"can't give argument to non-function {args[0]}")

    def eval_command(self, dot: Any, cmd: ast.CommandNode, final: Any) -> Any:
        first = cmd.args[0]
        t = type(first)
        if t is ast.FieldNode:
            self.node = first
            return self.eval_field_chain(dot, dot, first, first.ident, cmd.args, final, self.dot_iface)
        if t is ast.IdentifierNode:
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if t is ast.VariableNode:
            return self.eval_variable(dot, first, cmd.args, final)
        if t is ast.ChainNode:
            return self.eval_chain(dot, first, cmd.args, final)
        if t is ast.PipeNode:
            self._not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        self.node = first
        self._not_a_function(cmd.args, final)
        if t is ast.StringNode:
            return first.text
        if t is ast.NumberNode:
            return self.ideal_constant(first)
        if t is ast.BoolNode:
            return first.value
        if t is ast.DotNode:
            return dot
        if t is ast.NilNode:
            self.errorf("nil is not a command")
        self.errorf(f'can\'t evaluate command "{first}"')

    def ideal_constant(self, n: ast.NumberNode) -> Any:
        self.node = n
        text = n.text
        if n.is_complex:
            return n.complex128
        if n.is_float and not _is_hex_int(text) and not _is_rune_int(text) and any(c in text for c in ".eEpP"):
            return n.float64
        if n.is_int:
            v = n.int64
            if not (-(1 << 63) <= v < (1 << 63)):
                self.errorf(f"{text} overflows int")
            return v
        if n.is_uint:
            self.errorf(f"{text} overflows int")
        return INVALID

    def eval_variable(self, dot: Any, v: ast.VariableNode, args: list | None, final: Any) -> Any:
        self.node = v
        if len(v.ident) == 1:
            self._not_a_function(args or [v], final)
            return self.var_value(v.ident[0])
        entry = self.var_entry(v.ident[0])
        return self.eval_field_chain(dot, entry[1], v, v.ident[1:], args, final, len(entry) > 2)

    def eval_chain(self, dot: Any, chain: ast.ChainNode, args: list | None, final: Any) -> Any:
        self.node = chain
        if isinstance(chain.node, ast.NilNode):
            self.errorf(f"indirection through explicit nil in {chain}")
        pipe = self.eval_arg(dot, None, chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.field, args, final)

    def eval_field_chain(self, dot: Any, receiver: Any, node: ast.Node, ident: list[str],
                         args: list | None, final: Any, iface: bool = False) -> Any:
        n = len(ident)
        for i in range(n - 1):
            receiver, iface = self.eval_field(dot, ident[i], node, None, _MISSING, receiver, iface)
        return self.eval_field(dot, ident[n - 1], node, args, final, receiver, iface)[0]

    def eval_field(self, dot: Any, name: str, node: ast.Node, args: list | None, final: Any,
                   receiver: Any, iface: bool) -> tuple[Any, bool]:
        """One ``.name`` step. Returns (value, static type is interface{})."""
        if receiver is INVALID:
            if self.tset.missingkey == "error":
                self.errorf(f'nil data; no entry for key "{name}"')
            return INVALID, False
        if receiver is None:
            self.errorf(f"nil pointer evaluating interface {{}}.{name}")
        if type(receiver) is not dict:  # named types (structs, maps, slices) may have methods
            go_method = getattr(receiver, "go_method", None)
            method = go_method(name) if go_method is not None else None
            if method is not None:
                return self.eval_call(dot, method, False, node, name, args, final), False
        if isinstance(receiver, dict):
            if (args is not None and len(args) > 1) or final is not _MISSING:
                self.errorf(f"{name} is not a method but has arguments")
            try:
                return receiver[name], True
            except KeyError:
                mk = self.tset.missingkey
                if mk == "zero":
                    return map_zero(receiver), True
                if mk == "error":
                    self.errorf(f'map has no entry for key "{name}"')
                return INVALID, False
            except TypeError:
                pass
        elif isinstance(receiver, GoObject):
            try:
                value = receiver.go_field(name)
            except KeyError:
                pass
            else:
                if (args is not None and len(args) > 1) or final is not _MISSING:
                    self.errorf(f"{name} has arguments but cannot be invoked as function")
                return value, False
            self.errorf(f"can't evaluate field {name} in type {receiver.go_type}")
        typ = "interface {}" if iface else type_name(receiver)
        self.errorf(f"can't evaluate field {name} in type {typ}")
        raise AssertionError  # errorf raises

    # ------------------------------------------------------------ functions
    def eval_function(self, dot: Any, node: ast.IdentifierNode, cmd: ast.Node, args: list | None,
                      final: Any) -> Any:
        self.node = node
        name = node.ident
        fn = self.tset.funcs.get(name)
        if fn is None:
            self.errorf(f'"{name}" is not a defined function')
        return self.eval_call(dot, fn, fn.name in _SHORT_CIRCUIT and fn.fn is _SHORT_CIRCUIT[fn.name],
                              cmd, name, args, final)

    def eval_call(self, dot: Any, fn: GoFunc, short_circuit: bool, node: ast.Node, name: str,
                  args: list | None, final: Any) -> Any:
        args = args[1:] if args is not None else []
        params = fn.params
        variadic = fn.variadic
        num_in = len(args) + (final is not _MISSING)
        nparams = len(params) + (1 if variadic is not None else 0)
        if variadic is not None:
            num_fixed = len(params)
            if num_in < num_fixed:
                self.errorf(f"wrong number of args for {name}: want at least {num_fixed} got {len(args)}")
        else:
            num_fixed = len(args)
            if num_in != len(params):
                self.errorf(f"wrong number of args for {name}: want {len(params)} got {num_in}")

        if short_circuit:
            is_or = name == "or"
            v: Any = INVALID
            for a in args:
                v = self.eval_arg(dot, "reflect.Value", a)
                if _truth(v) == is_or:
                    return v
            if final is not _MISSING:
                v = self.validate_type(final, "reflect.Value")
            return v

        argv = []
        i = 0
        n_args = len(args)
        while i < num_fixed and i < n_args:
            argv.append(self.eval_arg(dot, params[i], args[i]))
            i += 1
        if variadic is not None:
            while i < n_args:
                argv.append(self.eval_arg(dot, variadic, args[i]))
                i += 1
        if final is not _MISSING:
            if variadic is not None:
                t = params[num_in - 1] if num_in - 1 < num_fixed else variadic
            else:
                t = params[nparams - 1]
            argv.append(self.validate_type(final, t))
        if fn.fn is _call_builtin:
            callee = str(args[0]) if args else print_value(final)
            argv.insert(0, callee)
        if self.smap is not None and not fn.mapped:
            argv = [str(a) if type(a) is MappedStr else a for a in argv]  # plain strings for C code
        self.call_node = node
        try:
            result = fn.fn(*argv)
        except (_Break, _Continue):
            raise
        except ExecError as e:
            self.node = node
            self.errorf(f"error calling {name}: {e}", cause=e)
        except GoError as e:
            self.node = node
            self.errorf(f"error calling {name}: {e}", cause=e)
        except RecursionError:
            self.node = node
            self.errorf(f"error calling {name}: runtime: goroutine stack exceeds limit")
        except Exception as e:  # a bug in a function must not kill the render
            self.node = node
            self.errorf(f"error calling {name}: {type(e).__name__}: {e}", cause=e)
        return result

    # ------------------------------------------------------------ arguments
    def eval_arg(self, dot: Any, typ: str | None, n: ast.Node) -> Any:
        self.node = n
        t = type(n)
        if t is ast.FieldNode:
            return self.validate_type(self.eval_field_chain(dot, dot, n, n.ident, [n], _MISSING, self.dot_iface),
                                      typ)
        if t is ast.VariableNode:
            return self.validate_type(self.eval_variable(dot, n, None, _MISSING), typ)
        if t is ast.PipeNode:
            return self.validate_type(self.eval_pipeline(dot, n), typ)
        if t is ast.DotNode:
            return self.validate_type(dot, typ)
        if t is ast.IdentifierNode:
            return self.validate_type(self.eval_function(dot, n, n, None, _MISSING), typ)
        if t is ast.ChainNode:
            return self.validate_type(self.eval_chain(dot, n, None, _MISSING), typ)
        if t is ast.NilNode:
            if typ is None or _can_be_nil(typ):
                return None
            self.errorf(f"cannot assign nil to {typ}")
        if typ is None or typ == "interface {}" or typ == "reflect.Value":
            if t is ast.StringNode:
                return n.text
            if t is ast.NumberNode:
                return self.ideal_constant(n)
            if t is ast.BoolNode:
                return n.value
            self.errorf(f"can't handle {n} for arg of type {typ}")
        if typ == "string":
            if t is ast.StringNode:
                return n.text
            self.errorf(f"expected string; found {n}")
        if typ in _INT_TYPES:
            if t is ast.NumberNode and n.is_int:
                v = n.int64
                lo, hi, cls = _INT_TYPES[typ]
                if not (lo <= v <= hi):
                    self.errorf(f"{n.text} overflows {typ}")
                return cls(v) if cls is not int else v
            self.errorf(f"expected integer; found {n}")
        if typ in _UINT_TYPES:
            if t is ast.NumberNode and n.is_uint:
                return _make_int(n.uint64, typ)
            self.errorf(f"expected unsigned integer; found {n}")
        if typ == "float64" or typ == "float32":
            if t is ast.NumberNode and n.is_float:
                return n.float64
            self.errorf(f"expected float; found {n}")
        if typ == "bool":
            if t is ast.BoolNode:
                return n.value
            self.errorf(f"expected bool; found {n}")
        self.errorf(f"can't handle {n} for arg of type {typ}")

    def validate_type(self, value: Any, typ: str | None) -> Any:
        """Go's ``validateType``: check ``value`` can be passed as ``typ``, without conversions."""
        if value is INVALID:
            if typ is None or typ == "reflect.Value":
                return INVALID  # Go's reflect.ValueOf(nil) is itself invalid
            if _can_be_nil(typ):
                return _zero(typ)
            self.errorf(f"invalid value; expected {typ}")
        if typ is None or typ == "interface {}" or typ == "reflect.Value":
            return value
        if value is None:
            self.errorf(f"wrong type for value; expected {typ}; got interface {{}}")
        if _assignable(value, typ):
            return value
        self.errorf(f"wrong type for value; expected {typ}; got {type_name(value)}")


# ---------------------------------------------------------------- helpers

def _elems_are_interfaces(val: Any) -> bool:
    """Whether ranging over ``val`` yields values of static type interface {} ([]interface {}, map[K]interface {})."""
    if isinstance(val, TypedMap):
        return val.underlying.endswith("]interface {}")
    if isinstance(val, TypedList):
        return val.go_type.endswith("]interface {}")
    return isinstance(val, (list, dict))


def _noop(dot: Any, node: ast.Node) -> None:
    return None


def _raise_break(dot: Any, node: ast.Node) -> None:
    raise _Break()


def _raise_continue(dot: Any, node: ast.Node) -> None:
    raise _Continue()


def _truth(v: Any) -> bool:
    if v is INVALID:
        return False
    return is_true(v)[0]


def _is_hex_int(s: str) -> bool:
    return len(s) > 2 and s[0] == "0" and s[1] in "xX" and not any(c in s for c in "pP")


def _is_rune_int(s: str) -> bool:
    return len(s) > 0 and s[0] == "'"


def _can_be_nil(typ: str) -> bool:
    return (typ == "interface {}" or typ == "reflect.Value" or typ.startswith(("[]", "map[", "*", "func"))
            or typ == "error")


def _zero(typ: str) -> Any:
    if typ.startswith("[]"):
        return [] if typ == "[]interface {}" else TypedList((), typ)
    if typ.startswith("map["):
        return {} if typ == "map[string]interface {}" else TypedMap((), typ)
    return None


_BASIC_ZEROS: dict[str, Any] = {"string": "", "int": 0, "int64": Int64(0), "float64": 0.0, "bool": False}


def map_zero(m: dict) -> Any:
    """What a missing key of map ``m`` yields with missingkey=zero: the zero of its element type."""
    if type(m) is dict:
        return None
    elem = _elem_type(getattr(m, "underlying", "map[string]interface {}"))
    zero = _BASIC_ZEROS.get(elem)
    return zero if zero is not None else _zero(elem)


def _make_int(v: int, typ: str) -> Any:
    if typ == "int":
        return v
    if typ == "int64":
        return Int64(v)
    if typ == "uint8":
        return Uint8(v)
    return GoInt(v, typ)


_INT_TYPES: dict[str, tuple[int, int, Any]] = {}


def _init_int_types() -> None:
    _INT_TYPES["int"] = (-(1 << 63), (1 << 63) - 1, int)
    _INT_TYPES["int64"] = (-(1 << 63), (1 << 63) - 1, Int64)
    for bits in (8, 16, 32):
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        _INT_TYPES[f"int{bits}"] = (lo, hi, lambda v, t=f"int{bits}": _make_int(v, t))


_init_int_types()
_UINT_TYPES = {"uint", "uint8", "uint16", "uint32", "uint64", "uintptr"}


def _assignable(value: Any, typ: str) -> bool:
    if typ == "string":
        return type(value) is str or (isinstance(value, str) and not hasattr(value, "go_type"))
    tn = type_name(value)
    if tn == typ:
        return True
    # A named type is assignable to the unnamed type underlying it (chartutil.Values → map[string]interface {}).
    underlying = getattr(value, "underlying", None)
    if underlying == typ and typ.startswith(("map[", "[]", "*", "func(", "chan ")):
        return True
    return False


# The builtins module registers these so the evaluator can recognise them.
_SHORT_CIRCUIT: dict[str, Callable] = {}


def _call_builtin(*args: Any) -> Any:  # replaced in builtins
    raise NotImplementedError


def register_special(and_fn: Callable, or_fn: Callable, call_fn: Callable) -> None:
    """Let :mod:`.builtins` mark ``and``/``or`` (short-circuit) and ``call`` (gets the callee's name)."""
    global _call_builtin
    _SHORT_CIRCUIT["and"] = and_fn
    _SHORT_CIRCUIT["or"] = or_fn
    _call_builtin = call_fn  # noqa: F811


__all__ += ["go_pos", "register_special"]

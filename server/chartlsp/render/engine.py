"""Helm's template engine (``pkg/engine/engine.go``), file by file.

Helm parses every template of every enabled chart into one namespace
(deepest path first, then reverse lexicographic, so parent defines beat
subchart ones), then executes each non-partial file with its chart's
render object. Unlike Helm, an error in one file does not stop the others:
each file gets its own result so an editor can show every problem at once.
"""

from __future__ import annotations

import copy
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..gotemplate import ast
from ..gotemplate.exec import INVALID, ExecError, Executor, MappedStr, Template, TemplateFrame, TemplateSet
from ..gotemplate.gofmt import quote
from ..gotemplate.gotypes import GoError, GoFunc, TypedMap
from ..gotemplate.parser import parse
from ..functions import all_functions
from .values_reads import Read, ReadLog

RECURSION_MAX = 1000
_WARN_START = "HELM_ERR_START"
_WARN_END = "HELM_ERR_END"
_WARN_RE = re.compile(_WARN_START + r"(.*)" + _WARN_END, re.S)
_MUTATORS = ("set", "unset", "merge", "mustMerge", "mergeOverwrite", "mustMergeOverwrite")

# parse(name, text, funcs) -> tree; a cache must key on (name, text): the function names never change
ParseFn = Callable[[str, str, Any], ast.Tree]


@dataclass
class RenderError:
    """One render problem, worded as Helm words it, and located for editors.

    ``file`` is the chart-relative template path Helm names (``chart/templates/x.yaml``)
    where the error happened; ``pos``/``end`` are character offsets in that
    file. ``chain`` lists the include/tpl frames from the rendered file down
    to the failing node, outermost first.
    """

    message: str
    file: str
    line: int = 0
    column: int = 0
    pos: int = 0
    end: int = 0
    kind: str = "exec"  # "parse" | "exec"
    rendered_file: str = ""
    chain: list[TemplateFrame] = field(default_factory=list)


@dataclass
class FileResult:
    name: str
    output: str | None = None
    error: RenderError | None = None
    source_map: list | None = None  # (out_start, out_end, file, pos, end, frames) tuples


@dataclass
class Renderable:
    """A template file with the render object of its chart (``engine.go``'s ``renderable``)."""

    text: str
    vals: dict
    base_path: str


class _LookupLog(dict):
    """A template namespace that notes which names the running file looks up (``template``, ``include``)."""

    current: set[str] | None = None

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        if self.current is not None:
            self.current.add(name)
        return super().get(name, default)


class Engine:
    """Renders a set of :class:`Renderable` files the way Helm's engine does.

    Besides the output it records what an incremental re-render needs to know
    is safe: the template names each file looked up (``uses``), the ``tpl``
    texts it rendered (``tpl_texts``), which files define templates
    (``defines``), and whether any file mutated state the
    files share (``mutated``: ``set``/``unset``/``merge*`` on a map reachable
    from a render object), since Helm's files see each other's mutations.
    ``parse`` replaces the parser, so callers can cache trees across renders;
    with ``read_log`` (the log the render objects' values note reads in, see
    :mod:`.values_reads`) each file's values reads are kept in ``reads``.
    """

    def __init__(self, strict: bool = False, source_map: bool = False, parse: ParseFn | None = None,
                 read_log: ReadLog | None = None) -> None:
        self.strict = strict
        self.source_map = source_map
        self.parse: ParseFn = parse or _parse
        self.read_log = read_log
        self.reads: dict[str, set[Read]] = {}
        self.included: dict[str, int] = {}
        self.stack: list[Executor] = []
        self.uses: dict[str, set[str]] = {}
        self.tpl_texts: dict[str, list[str]] = {}
        self.mutated = False
        self.defines: dict[str, bool] = {}  # template name -> whether its tree defines templates
        self._shared: set[int] = set()
        self._file = ""

    # ------------------------------------------------------------ functions
    def _bind_functions(self, tset: TemplateSet) -> None:
        tset.funcs["include"] = GoFunc(
            "include", self._make_include(tset), ("string", "interface {}"), None, "string",
            "Renders the named template with DATA and returns it as a string (pipe it to nindent, etc.).",
            "include NAME DATA")
        tset.funcs["tpl"] = GoFunc(
            "tpl", self._make_tpl(tset), ("string", "interface {}"), None, "string",
            "Renders the string TEMPLATE as a template with DATA (usually the root context $).",
            "tpl TEMPLATE DATA")

    def _make_include(self, tset: TemplateSet):
        def include(name: str, data: Any) -> str:
            n = self.included.get(name, 0)
            if n > RECURSION_MAX:
                raise GoError(f"rendering template has a nested reference name: {name}: unable to execute template")
            self.included[name] = n + 1
            try:
                return self._run(tset, name, data)
            finally:
                self.included[name] -= 1
        return include

    def _make_tpl(self, parent: TemplateSet):
        def tpl(text: str, vals: Any) -> str:
            self.tpl_texts.setdefault(self._file, []).append(text)
            t = parent.clone()
            t.missingkey = "error" if self.strict else "zero"
            self._bind_functions(t)
            tree = _parse("gotpl", text, t.funcs)
            if tree.errors:
                raise GoError(f"cannot parse template {quote(text)}: {tree.errors[0].go_string('gotpl')}")
            t.add_tree(tree)
            body = Template("gotpl", "gotpl", tree.root, text)  # run this text even if it is empty
            try:
                out = self._run(t, "gotpl", vals, mapped=False, template=body)
            except ExecError as e:
                raise GoError(f"error during tpl function execution for {quote(text)}: {e}") from e
            return out.replace("<no value>", "")
        return tpl

    def _run(self, tset: TemplateSet, name: str, data: Any, mapped: bool = True,
             template: Template | None = None) -> str:
        """Execute ``name`` (or ``template``) from inside a running template (include/tpl)."""
        caller = self.stack[-1] if self.stack else None
        frames: tuple = ()
        smap = False
        if caller is not None and caller.smap is not None and mapped:
            node = caller.call_node or caller.node
            frames = caller.frames + (TemplateFrame(caller.tmpl.file, node.pos, node.end, name),)
            smap = True
        ex = Executor(tset, source_map=smap, frames=frames)
        self.stack.append(ex)
        try:
            data = INVALID if data is None else data
            out = ex.run(template, data) if template is not None else ex.execute(name, data)
        finally:
            self.stack.pop()
        return ex.mapped_output() if smap else out

    # --------------------------------------------------------------- render
    def render(self, tpls: dict[str, Renderable], funcs: dict[str, GoFunc] | None = None,
               only: set[str] | None = None) -> dict[str, FileResult]:
        """Parse all ``tpls`` and render each non-partial one (or those in ``only``)."""
        tset = TemplateSet(funcs if funcs is not None else all_functions(), "error" if self.strict else "zero")
        self._bind_functions(tset)
        self._watch_mutations(tset, tpls)
        log = tset.templates = _LookupLog()
        results: dict[str, FileResult] = {}
        order = sort_templates(tpls)
        for name in order:
            tree = self.parse(name, tpls[name].text, tset.funcs)
            self.defines[name] = bool(tree.defines)
            if tree.errors:
                err = tree.errors[0]
                results[name] = FileResult(name, error=RenderError(
                    _parse_error_message(name, err.go_string(name)), name, err.line,
                    0, err.pos, err.end, "parse", name))
            tset.add_tree(tree)
        for name in order:
            if posixpath.basename(name).startswith("_") or name in results:
                continue
            if only is not None and name not in only:
                continue
            r = tpls[name]
            vals = r.vals
            vals["Template"] = TemplateValues({"Name": name, "BasePath": r.base_path})
            self._file = name
            log.current = self.uses[name] = set()
            if self.read_log is not None:
                self.read_log.current = self.reads[name] = set()
            try:
                results[name] = self._exec_file(tset, name, vals)
            finally:
                log.current = None
                if self.read_log is not None:
                    self.read_log.current = None
        return results

    def _watch_mutations(self, tset: TemplateSet, tpls: dict[str, Renderable]) -> None:
        """Wrap the map-mutating functions so a call that may touch shared state sets ``mutated``."""
        self._shared = set()
        for r in tpls.values():
            _collect_maps(r.vals, self._shared)
        for name in _MUTATORS:
            f = tset.funcs.get(name)
            if f is not None:
                wrapped = copy.copy(f)
                wrapped.fn = self._watched(name, f.fn)
                tset.funcs[name] = wrapped

    def _watched(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        merge = name not in ("set", "unset")

        def call(*args: Any) -> Any:
            if not self.mutated:
                self.mutated = _may_mutate_shared(args, merge, self._shared)
            return fn(*args)
        return call

    def _exec_file(self, tset: TemplateSet, name: str, vals: dict) -> FileResult:
        self.included.clear()
        ex = Executor(tset, source_map=self.source_map)
        self.stack.append(ex)
        try:
            out = ex.execute(name, vals)
        except ExecError as e:
            return FileResult(name, error=_exec_render_error(name, e))
        except RecursionError:
            return FileResult(name, error=RenderError(
                "rendering template failed: runtime: goroutine stack exceeds limit", name, rendered_file=name))
        finally:
            self.stack.pop()
        smap = ex.smap
        if "<no value>" in out:
            out, smap = _scrub_no_value(out, smap)
        return FileResult(name, output=out, source_map=smap)


def _parse(name: str, text: str, funcs: Any) -> ast.Tree:
    return parse(name, text, funcs)


def _collect_maps(v: Any, seen: set[int]) -> None:
    """The ids of every map reachable from ``v`` through maps and lists."""
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if id(x) in seen:
                continue
            seen.add(id(x))
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)


def _may_mutate_shared(args: tuple, merge: bool, shared: set[int]) -> bool:
    """Whether a set/unset/merge* call could change a map some other file can reach.

    ``set``/``unset`` change their first argument only. A merge changes its
    destination and, recursively, maps it holds, which may be shared maps an
    earlier source put there: so the destination must hold no shared map and
    at most one source may bring nested maps.
    """
    if not args:
        return False
    if not merge:
        return id(args[0]) in shared
    inner: set[int] = set()
    _collect_maps(args[0], inner)
    if inner & shared:
        return True
    nested = sum(1 for src in args[1:] if isinstance(src, dict) and any(isinstance(v, dict) for v in src.values()))
    return nested > 1


def function_names() -> frozenset[str]:
    """What a chart's templates may call (Go's builtins, Sprig and Helm's functions, include, tpl):
    the name set the engine parses with, for analyses that share its parse cache."""
    from ..gotemplate.builtins import BUILTINS

    return frozenset(BUILTINS) | frozenset(all_functions()) | {"include", "tpl"}


class TemplateValues(TypedMap):
    """``.Template``: a ``chartutil.Values`` map with Name and BasePath."""

    def __init__(self, items: dict) -> None:
        super().__init__(items, "chartutil.Values", "map[string]interface {}")


def sort_templates(tpls: dict[str, Any]) -> list[str]:
    """Helm's parse/execute order: deepest path first, then reverse lexicographic."""
    return sorted(tpls, key=lambda k: (-k.count("/"), _Rev(k)))


class _Rev(str):
    """A string ordered in reverse, for sort keys."""

    __slots__ = ()

    def __lt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__gt__(self, other)


def _parse_error_message(filename: str, go_msg: str) -> str:
    """Helm's ``cleanupParseError``: ``parse error at (<file>:<line>): <last message>``."""
    tokens = go_msg.split(": ")
    if len(tokens) == 1:
        return f"parse error in ({filename}): {go_msg}"
    return f"parse error at ({tokens[1]}): {tokens[-1]}"


def _exec_render_error(filename: str, e: ExecError) -> RenderError:
    """Helm's ``cleanupExecError`` plus the innermost location for editors."""
    msg = str(e)
    tokens = msg.split(": ", 2)
    if len(tokens) != 3:
        text = f"execution error in ({filename}): {msg}"
    else:
        m = _WARN_RE.search(tokens[2])
        text = f"execution error at ({tokens[1]}): {m.group(1)}" if m else msg
    chain: list[TemplateFrame] = []
    inner = e
    while True:
        chain.append(TemplateFrame(inner.file, inner.pos, inner.end, inner.template))
        nxt = inner.cause
        while nxt is not None and not isinstance(nxt, ExecError):
            nxt = nxt.__cause__
        if nxt is None:
            break
        inner = nxt
    return RenderError(text, inner.file, inner.line, inner.col + 1, inner.pos, inner.end, "exec",
                       filename, chain[:-1])


def _scrub_no_value(out: str, smap: list | None) -> tuple[str, list | None]:
    """Helm deletes every ``<no value>``; shift the source map to match."""
    if smap is None:
        return out.replace("<no value>", ""), None
    cuts = [m.start() for m in re.finditer("<no value>", out)]
    width = len("<no value>")

    def shift(off: int, is_end: bool) -> int:
        removed = 0
        for c in cuts:
            if c + width <= off:
                removed += width
            elif c < off:
                removed += off - c
            else:
                break
        return off - removed

    new_map = []
    for (a, b, f, p, e, fr) in smap:
        na, nb = shift(a, False), shift(b, True)
        if nb > na:
            new_map.append((na, nb, f, p, e, fr))
    return out.replace("<no value>", ""), new_map


__all__ = ["Engine", "Renderable", "FileResult", "RenderError", "sort_templates", "MappedStr", "Template"]

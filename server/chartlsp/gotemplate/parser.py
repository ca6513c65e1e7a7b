"""Go's ``text/template/parse`` parser, made tolerant for an editor.

The parser follows ``parse.go`` step by step (same three-token lookahead,
same token reads), so the first error it records is exactly the error Go
reports, with Go's line. Where Go stops, this parser records the error and
recovers: a broken action is skipped to its ``}}`` (keeping what was parsed),
a control structure whose header fails still parses its body, and a missing
``{{end}}`` at EOF keeps the partial body. Errors after the first are extras.

Errors that leave the tree well-formed (undefined function or variable,
``{{break}}`` outside ``{{range}}``, …) are recorded without abandoning the
action; the others unwind to the nearest recovery point via :class:`_Stop`.
"""

from __future__ import annotations

import re
import sys
import threading
from contextlib import contextmanager
from typing import Container, Iterator

from . import ast
from .errors import ParseError, line_of
from .gofmt import quote
from .lexer import (
    ASSIGN, BLOCK, BOOL, BREAK, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, CONTINUE, DECLARE, DEFINE,
    DOT, ELSE, END, EOF, ERROR, FIELD, IDENTIFIER, IF, KEYWORD, LEFT_DELIM, LEFT_PAREN, NIL, NUMBER,
    KEYWORDS, PIPE, RANGE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEMPLATE, TEXT,
    VARIABLE, WITH, Lexer, parse_float, parse_int, parse_uint, unquote, unquote_char,
)

_OPERAND_START = frozenset((BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL,
                            RAW_STRING, STRING, VARIABLE, LEFT_PAREN))
_NON_EXECUTABLE = (ast.BoolNode, ast.DotNode, ast.NilNode, ast.NumberNode, ast.StringNode)
_CONTROL = {IF: ast.IfNode, RANGE: ast.RangeNode, WITH: ast.WithNode}
_CONTEXT = {IF: "if", RANGE: "range", WITH: "with"}
_NO_TOKEN = (EOF, 0, 0, "", 0)  # Go's zero item: what a fresh tree's token[0] holds
_MAX_ERRORS = 100
# unicode.IsSpace, which bytes.TrimSpace trims (Python's strip() also trims \x1c-\x1f).
_GO_SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_MAX_PAREN_DEPTH = 10000  # Go's maxStackDepth


# -- fast path: common actions read straight from the source ------------------
#
# Most actions in real charts are short pipelines (``.Values.x | quote``,
# ``include "n" . | nindent 4``, ``$x := default (dict) .y``) or ``end``.
# Pulling them through the lexer token by token dominates parse time, so an
# action is first matched whole by _FAST_ACTION and its commands split by
# _FAST_TOKEN. Only shapes that are certainly valid are accepted -- ASCII
# names, simple literals, operands separated by spaces, no errors of any kind
# -- and everything else takes the token-by-token path, which stays the
# reference (see ``fast_commands``). Comments, ``{{define "name"}}`` headers
# and ``{{else if``/``{{else with`` (up to the keyword, leaving the tokens and
# lexer as the token path would) are read the same way. Possessive
# quantifiers keep failures linear.

_WS = r"[ \t\r\n]"
_QUOTED = r'"(?:[^"\\\n]|\\[^\n])*+"|`[^`]*+`'
_DECLARATIONS = (rf"(?:(?P<v1>\$\w*+)(?:{_WS}*+,{_WS}*+(?P<v2>\$\w*+))?"
                 rf"(?:{_WS}*+(?P<declare>:)=|{_WS}++=){_WS}*+)?")
# Up to the first ``}}`` outside a string; the trim marker and spaces before it
# are split off in code.
_COMMANDS = rf"(?P<cmds>(?:[^\"`}}]++|{_QUOTED}|\}}(?!\}}))*+)\}}\}}"
# A pipeline from its first token.
_FAST_PIPELINE = re.compile(_DECLARATIONS + _COMMANDS, re.ASCII)
# A whole action from its ``{{``: ``end``, ``else``, or a pipeline, maybe after
# ``if``/``with``/``range`` or ``template "name"``.
_FAST_ACTION = re.compile(
    rf"\{{\{{(?P<ltrim>-{_WS})?{_WS}*+(?:(?P<kw>end|else)|(?P<ctl>if|with|range){_WS}++"
    rf"|template{_WS}++(?P<name>{_QUOTED})(?={_WS}|\}}\}}){_WS}*+)?" + _DECLARATIONS + _COMMANDS,
    re.ASCII)
# One token of the commands, after its spaces; which kind it is shows in its first character.
_FAST_TOKEN = re.compile(
    r'([ \t\r\n]*+)((?:\.[A-Za-z_]\w*+)++|\$\w*+(?:\.[A-Za-z_]\w*+)*+|[A-Za-z_]\w*+'
    r'|"(?:[^"\\\n]|\\[^\n])*+"|`[^`]*+`|-?(?:0|[1-9]\d{0,17})(?:\.\d+)?|[.|()])', re.ASCII)
_FIELD_OR_DOT, _VAR, _WORD, _STRING, _NUMBER = range(5)
_TOKEN_KIND = {".": _FIELD_OR_DOT, "$": _VAR, '"': _STRING, "`": _STRING, "-": _NUMBER,
               **{c: _NUMBER for c in "0123456789"},
               **{c: _WORD for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"}}
_FAST_START = frozenset((FIELD, VARIABLE, DOT, IDENTIFIER, STRING, RAW_STRING, NUMBER, BOOL, NIL,
                         LEFT_PAREN))
_FAST_MAX_PARENS = 100  # deeper nesting takes the slow path, which knows Go's limit
_NO_MATCH = (None,) * 8
_CONTROL_WORDS = {"if": IF, "with": WITH, "range": RANGE}
# ``{{else if`` / ``{{else with`` up to the chained keyword (its pipeline is read on its own).
_FAST_ELSE_CHAIN = re.compile(r"\{\{(?:-[ \t\r\n])?[ \t\r\n]*+else[ \t\r\n]++(if|with)(?=[ \t\r\n])")
# A ``{{define "name"}}`` header; a `` -`` before ``}}`` is a right trim.
_FAST_DEFINE = re.compile(
    rf"\{{\{{(?:-{_WS})?{_WS}*+(?P<kw>define){_WS}++(?P<name>{_QUOTED})(?:{_WS}++-\}}\}}|{_WS}*+\}}\}})",
    re.ASCII)
_SPACE_CHARS = " \t\r\n"
_SPACE_RUN = re.compile(r"[ \t\r\n]*")

class _Stop(Exception):
    """Unwinds to the nearest recovery point after an error (Go panics)."""


class _End:
    """An ``{{end}}`` action; never part of the tree."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end

    def __str__(self) -> str:
        return "{{end}}"


class _Else(_End):
    """An ``{{else}}`` action; ``chained`` when an ``if``/``with`` keyword follows it."""

    __slots__ = ("chained",)

    def __init__(self, start: int, end: int, chained: bool = False):
        super().__init__(start, end)
        self.chained = chained

    def __str__(self) -> str:
        return "{{else}}"


def item_string(item: tuple) -> str:
    """Go's ``item.String()``, used in ``unexpected …`` messages."""
    typ, val = item[0], item[3]
    if typ == EOF:
        return "EOF"
    if typ == ERROR:
        return val
    if typ > KEYWORD:
        return f"<{val}>"
    if len(val) > 10 or (not val.isascii() and len(val.encode("utf-8", "surrogateescape")) > 10):
        return quote(val[:10]) + "..."  # Go's %.10q: ten runes
    return quote(val)


def parse(name: str, text: str, funcs: Container[str] | None = None) -> ast.Tree:
    """Parse one template file; never raises on user text.

    ``funcs`` holds the names of the known functions (Go's builtins and the
    function map); ``None`` skips the check, like Go's ``SkipFuncCheck``.
    """
    levels = text.count("{{") + min(text.count("("), _MAX_PAREN_DEPTH + 1)
    with _stack_room(_FRAMES_PER_LEVEL * levels):
        try:
            return _Parser(name, text, funcs).parse()
        except RecursionError:  # only if the caller left too little room to grow into
            n = len(text)
            error = ParseError("max expression depth exceeded", n, n, line_of(text, n))
            return ast.Tree(name, text, ast.ListNode(0, n), {}, [error])


# Python frames one level of nesting costs at most: a parenthesised pipeline
# recurses through term/pipeline/command/operand, a control structure through
# item_list/text_or_action/action/control/control_body.
_FRAMES_PER_LEVEL = 5
_room_lock = threading.Lock()
_room_users = 0
_room_saved_limit = 0


@contextmanager
def _stack_room(frames: int) -> Iterator[None]:
    """Let the recursive descent run ``frames`` deeper than the caller, whatever the recursion limit.

    How deep templates nest is up to their authors (Go allows 10,000 nested
    parentheses and any depth of blocks), while Python's default limit is
    1,000 frames. Python-to-Python calls don't use the C stack (3.11+), so a
    higher limit is safe; it is restored when the last concurrent parse ends.
    """
    global _room_users, _room_saved_limit
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    with _room_lock:
        if _room_users == 0:
            _room_saved_limit = sys.getrecursionlimit()
        _room_users += 1
        if depth + frames + 100 > sys.getrecursionlimit():
            sys.setrecursionlimit(depth + frames + 100)
    try:
        yield
    finally:
        with _room_lock:
            _room_users -= 1
            if _room_users == 0:
                sys.setrecursionlimit(_room_saved_limit)


class _Parser:
    def __init__(self, name: str, text: str, funcs: Container[str] | None):
        self.name = name
        self.text = text
        self.funcs = funcs
        has = funcs is not None
        self.lex = Lexer(text, break_ok=not (has and "break" in funcs),
                         continue_ok=not (has and "continue" in funcs))
        self.tok: list[tuple] = [_NO_TOKEN, _NO_TOKEN, _NO_TOKEN]
        self.peek_count = 0
        self.vars = ["$"]
        self.range_depth = 0
        self.paren_depth = 0
        self.action_line = 0
        self.last_close: tuple = _NO_TOKEN  # the token that ended the latest pipeline
        self.partial: ast.PipeNode | None = None  # pipe of the action being parsed
        self.defines: dict[str, ast.DefineNode] = {}
        self.errors: list[ParseError] = []
        self.eof_reported = False
        self.fast_failed = -1  # where the fast path last gave up on an action

    # -- tokens (Go's next/backup/peek) ----------------------------------------

    def next(self) -> tuple:
        if self.peek_count > 0:
            self.peek_count -= 1
        else:
            self.tok[0] = self.lex.next_item()
        return self.tok[self.peek_count]

    def backup(self) -> None:
        self.peek_count += 1

    def backup2(self, t1: tuple) -> None:
        self.tok[1] = t1
        self.peek_count = 2

    def backup3(self, t2: tuple, t1: tuple) -> None:
        self.tok[1] = t1
        self.tok[2] = t2
        self.peek_count = 3

    def peek(self) -> tuple:
        if self.peek_count > 0:
            return self.tok[self.peek_count - 1]
        self.peek_count = 1
        self.tok[0] = self.lex.next_item()
        return self.tok[0]

    def next_non_space(self) -> tuple:
        while True:
            token = self.next()
            if token[0] != SPACE:
                return token

    def peek_non_space(self) -> tuple:
        token = self.next_non_space()
        self.peek_count += 1
        return token

    # -- errors ----------------------------------------------------------------

    def error(self, msg: str, pos: int | None = None, end: int | None = None, *,
              hard: bool = True, line: int | None = None) -> None:
        """Record an error at Go's line (that of the last token read); unwind if ``hard``."""
        last = self.tok[0]
        if pos is None:
            pos, end = last[1], last[2]
        if len(self.errors) < _MAX_ERRORS:
            self.errors.append(ParseError(msg, pos, max(end if end is not None else pos, pos),
                                          last[4] if line is None else line))
        if hard:
            raise _Stop

    def unexpected(self, token: tuple, context: str) -> None:
        if token[0] == ERROR:
            extra = ""
            if self.action_line != 0 and self.action_line != token[4]:
                extra = f" in action started at {self.name}:{self.action_line}"
                if token[3].endswith(" action"):
                    extra = extra[len(" in action"):]
            self.error(token[3] + extra, token[1], token[2])
        self.error(f"unexpected {item_string(token)} in {context}", token[1], token[2])

    def expect(self, typ: int, context: str) -> tuple:
        token = self.next_non_space()
        if token[0] != typ:
            self.unexpected(token, context)
        return token

    # -- recovery --------------------------------------------------------------

    def sync(self) -> int:
        """Skip the rest of the action an error left; return where it ends."""
        pending = [self.tok[i] for i in range(self.peek_count - 1, -1, -1)]
        self.peek_count = 0
        for item in pending:
            end = self._sync_item(item)
            if end is not None:
                return end
        lx = self.lex
        if lx.dead:
            return self._resync_lexer()
        if not lx.inside:
            return self.tok[0][2] if self.tok[0][0] == RIGHT_DELIM else lx.pos
        while True:
            end = self._sync_item(lx.next_item())
            if end is not None:
                return end

    def _sync_item(self, item: tuple) -> int | None:
        typ = item[0]
        if typ == RIGHT_DELIM:
            self.tok[0] = item
            return item[2]
        if typ == EOF:
            return self._resync_lexer() if self.lex.dead else len(self.text)
        if typ == ERROR:
            return self._resync_lexer()
        if typ == CHAR and item[3] == "{" and self.text.startswith("{{", item[1]):
            # A new action opens inside the broken one: it was never closed.
            self.lex.resync(item[1], item[4])
            return item[1]
        return None

    def _resync_lexer(self) -> int:
        err = self.lex.last_error
        self.lex.resync(err[1], err[4], inside_from=err[1])
        self.tok[0] = (TEXT, err[1], err[2], "", err[4])
        return self.lex.pos

    # -- top level ---------------------------------------------------------------

    def parse(self) -> ast.Tree:
        text = self.text
        root = ast.ListNode(0, len(text))
        lx = self.lex
        while True:
            if self.peek_count == 0 and not lx.inside and not lx.dead:
                self.add_top_level(root, self.fast_items(root.nodes))
                if self.peek_count == 0 and not lx.inside and not lx.dead:
                    node = self.fast_define()
                    if node is not None:
                        root.nodes.append(node)
                        continue
            if self.peek()[0] == EOF:
                break
            if self.peek()[0] == LEFT_DELIM:
                delim = self.next()
                if self.next_non_space()[0] == DEFINE:
                    root.nodes.append(self.parse_definition(delim[1]))
                    continue
                self.backup2(delim)
            self.add_top_level(root, self.text_or_action())
        own = self.defines.get(self.name)
        if own is not None and not _is_empty(own.list) and not _is_empty(root):
            self.error(f"template: multiple definition of template {quote(self.name)}",
                       own.name_pos, own.name_end, hard=False)
        return ast.Tree(self.name, text, root, self.defines, self.errors)

    def add_top_level(self, root: ast.ListNode, node) -> None:
        """Append a top-level node; a stray ``{{end}}``/``{{else}}`` is an error instead."""
        if node is None:
            return
        if isinstance(node, _End):
            self.error(f"unexpected {node}", node.start, node.end, hard=False)
            if isinstance(node, _Else) and node.chained:
                self.sync()
            return
        root.nodes.append(node)

    def fast_define(self) -> ast.DefineNode | None:
        """A ``{{define "name"}}`` at the lexer's position whose header is certainly valid, body and all.

        Leaves the tokens as reading the header token by token would (the
        ``define`` keyword last, whose line later top-level errors take).
        """
        lx, text = self.lex, self.text
        m = _FAST_DEFINE.match(text, lx.pos)
        if m is None:
            return None
        try:
            name = unquote(m.group("name"))
        except ValueError:
            return None
        kw = m.start("kw")
        line = lx.line + text.count("\n", lx.pos, kw)
        self.tok[0] = (DEFINE, kw, kw + 6, "define", line)
        return self.parse_definition(m.start(), (m, name, line))

    def parse_definition(self, start: int, header: tuple | None = None) -> ast.DefineNode:
        """``{{define "name"}} itemList {{end}}``; the keyword is past. A fresh tree in Go.

        ``header`` is what :meth:`fast_define` read: (match, name, line of ``define``).
        """
        saved = (self.tok, self.peek_count, self.vars, self.range_depth, self.action_line)
        self.tok = [_NO_TOKEN, _NO_TOKEN, _NO_TOKEN]
        self.peek_count = 0
        self.vars = ["$"]
        self.range_depth = 0
        self.action_line = 0
        node = ast.DefineNode(start, start)
        context = "define clause"
        try:
            if header is not None:
                m, node.name, line = header
                node.name_pos, node.name_end = m.span("name")
                body_start = m.end()
                self.close_action(body_start, self.text[body_start - 3] == "-", m.start("kw"), line)
            else:
                body_start = self.define_header(node, context)
            node.list, last = self.item_list(body_start)
            while isinstance(last, _Else):
                self.error(f"unexpected {last} in {context}", last.start, last.end, hard=False)
                if last.chained:
                    self.sync()
                more, last = self.item_list(last.end)
                node.list.nodes += more.nodes
                node.list.end = more.end
            node.end = last.end if last is not None else len(self.text)
            if node.name_end:
                self.add_define(node)
        finally:
            self.tok, self.peek_count, self.vars, self.range_depth, self.action_line = saved
        return node

    def define_header(self, node: ast.DefineNode, context: str) -> int:
        """Read ``"name"}}`` into ``node`` token by token; return where the body starts."""
        try:
            token = self.next_non_space()
            if token[0] != STRING and token[0] != RAW_STRING:
                self.unexpected(token, context)
            node.name = self.unquote(token)
            node.name_pos, node.name_end = token[1], token[2]
            return self.expect(RIGHT_DELIM, context)[2]
        except _Stop:
            return self.sync()

    def add_define(self, node: ast.DefineNode) -> None:
        """Go's ``Tree.add``: an empty body never replaces a non-empty one; two non-empty ones clash."""
        old = self.defines.get(node.name)
        if old is None or _is_empty(old.list):
            self.defines[node.name] = node
        elif not _is_empty(node.list):
            self.error(f"template: multiple definition of template {quote(node.name)}",
                       node.name_pos, node.name_end, hard=False)

    def item_list(self, start: int) -> tuple[ast.ListNode, _End | None]:
        """Nodes up to an ``{{end}}`` or ``{{else}}`` (returned), or EOF (None)."""
        lst = ast.ListNode(start, start)
        nodes = lst.nodes
        lx = self.lex
        while True:
            if self.peek_count == 0 and not lx.inside and not lx.dead:
                last = self.fast_items(nodes)
                if last is not None:
                    lst.end = last.start
                    return lst, last
            if self.peek_non_space()[0] == EOF:
                if not self.eof_reported:
                    self.eof_reported = True
                    n = len(self.text)
                    self.error("unexpected EOF", n, n, hard=False)
                lst.end = len(self.text)
                return lst, None
            node = self.text_or_action()
            if node is None:
                continue
            if isinstance(node, _End):
                lst.end = node.start
                return lst, node
            nodes.append(node)

    def text_or_action(self):
        token = self.next_non_space()
        typ = token[0]
        if typ == TEXT:
            return ast.TextNode(token[1], token[2], text=token[3])
        if typ == LEFT_DELIM:
            self.action_line = token[4]
            try:
                return self.action(token[1])
            except _Stop:
                end = self.sync()
                pipe, self.partial = self.partial, None
                if pipe is None:
                    return None
                return ast.ActionNode(token[1], max(end, pipe.end), pipe=pipe)
            finally:
                self.action_line = 0
        if typ == COMMENT:
            return self.comment(token)
        try:
            self.unexpected(token, "input")
        except _Stop:
            self.sync()
        return None

    def comment(self, token: tuple) -> ast.CommentNode:
        text, pos, end = self.text, token[1], token[2]
        start = text.rfind("{{", 0, pos)
        close = text.find("}}", end)
        return ast.CommentNode(start, close + 2, text=token[3])

    # -- actions -----------------------------------------------------------------

    def action(self, start: int):
        token = self.next_non_space()
        typ = token[0]
        if typ in _CONTROL:
            return self.control(typ, start)
        if typ == END:
            try:
                return _End(start, self.expect(RIGHT_DELIM, "end")[2])
            except _Stop:
                return _End(start, self.sync())
        if typ == ELSE:
            return self.else_control(start)
        if typ == TEMPLATE:
            return self.template_control(start)
        if typ == BLOCK:
            return self.block_control(start)
        if typ == BREAK or typ == CONTINUE:
            return self.break_control(token, start)
        self.backup()
        pipe = self.new_pipe()
        self.partial = pipe
        if not self.fast_pipeline(pipe, "command"):
            self.pipeline("command", RIGHT_DELIM, pipe)
        self.partial = None
        return self.action_node(start, self.last_close[2], pipe)

    def action_node(self, start: int, end: int, pipe: ast.PipeNode) -> ast.ActionNode:
        t = self.text
        return ast.ActionNode(start, end, pipe=pipe,
                              trim_left=t.startswith("{{-", start) and t[start + 3:start + 4].isspace(),
                              trim_right=t.startswith("-}}", end - 3) and t[end - 4:end - 3].isspace())

    def break_control(self, keyword: tuple, start: int):
        word = keyword[3]
        token = self.next_non_space()
        if token[0] != RIGHT_DELIM:
            self.unexpected(token, "{{" + word + "}}")
        if self.range_depth == 0:
            self.error("{{" + word + "}} outside {{range}}", keyword[1], keyword[2], hard=False)
        cls = ast.BreakNode if keyword[0] == BREAK else ast.ContinueNode
        return cls(start, token[2])

    def else_control(self, start: int) -> _Else:
        peek = self.peek_non_space()
        if peek[0] == IF or peek[0] == WITH:
            return _Else(start, peek[1], chained=True)
        try:
            return _Else(start, self.expect(RIGHT_DELIM, "else")[2])
        except _Stop:
            return _Else(start, self.sync())

    def control(self, typ: int, start: int) -> ast.BranchNode:
        """``{{if|range|with pipeline}} itemList [{{else}} itemList] {{end}}``; keyword past."""
        context = _CONTEXT[typ]
        nvars = len(self.vars)
        pipe = self.new_pipe()
        try:
            if not self.fast_pipeline(pipe, context):
                self.pipeline(context, RIGHT_DELIM, pipe)
            body_start = self.last_close[2]
        except _Stop:
            body_start = self.sync()
        return self.control_body(typ, start, pipe, body_start, nvars)

    def control_body(self, typ: int, start: int, pipe: ast.PipeNode, body_start: int,
                     nvars: int) -> ast.BranchNode:
        """The rest of a control structure once its header is read; drops its variables after."""
        try:
            if typ == RANGE:
                self.range_depth += 1
            try:
                lst, last = self.item_list(body_start)
            finally:
                if typ == RANGE:
                    self.range_depth -= 1
            else_list = None
            if isinstance(last, _Else):
                if last.chained and ((typ == IF and self.peek()[0] == IF)
                                     or (typ == WITH and self.peek()[0] == WITH)):
                    inner_typ = self.next()[0]
                    inner = self.control(inner_typ, last.start)
                    else_list = ast.ListNode(inner.pos, inner.end, [inner])
                    end = inner.end
                else:
                    else_list, last = self.item_list(last.end)
                    while isinstance(last, _Else):
                        self.error(f"expected end; found {last}", last.start, last.end, hard=False)
                        if last.chained:
                            self.sync()
                        more, last = self.item_list(last.end)
                        else_list.nodes += more.nodes
                        else_list.end = more.end
                    end = last.end if last is not None else len(self.text)
            else:
                end = last.end if last is not None else len(self.text)
        finally:
            del self.vars[nvars:]
        return _CONTROL[typ](start, end, pipe=pipe, list=lst, else_list=else_list)

    def template_name(self, token: tuple, context: str) -> str:
        if token[0] == STRING or token[0] == RAW_STRING:
            return self.unquote(token)
        self.unexpected(token, context)
        return ""

    def template_control(self, start: int) -> ast.TemplateNode:
        """``{{template "name" [pipeline]}}``; keyword past."""
        context = "template clause"
        token = self.next_non_space()
        name = self.template_name(token, context)
        node = ast.TemplateNode(start, start, name=name, name_pos=token[1], name_end=token[2])
        close = self.next_non_space()
        if close[0] != RIGHT_DELIM:
            self.backup()
            node.pipe = self.new_pipe()
            if not self.fast_pipeline(node.pipe, context):
                self.pipeline(context, RIGHT_DELIM, node.pipe)
            close = self.last_close
        node.end = close[2]
        return node

    def block_control(self, start: int) -> ast.TemplateNode:
        """``{{block "name" pipeline}} itemList {{end}}``: a define plus a template call."""
        context = "block clause"
        token = self.next_non_space()
        name = self.template_name(token, context)
        pipe = self.new_pipe()
        try:
            if not self.fast_pipeline(pipe, context):
                self.pipeline(context, RIGHT_DELIM, pipe)
            body_start = self.last_close[2]
        except _Stop:
            body_start = self.sync()
        outer_line = self.tok[0][4]
        saved = (self.tok, self.peek_count, self.vars, self.range_depth, self.action_line)
        self.tok = [_NO_TOKEN, _NO_TOKEN, _NO_TOKEN]
        self.peek_count = 0
        self.vars = ["$"]
        self.range_depth = 0
        self.action_line = 0
        define = ast.DefineNode(start, start, name=name, name_pos=token[1], name_end=token[2],
                                is_block=True)
        try:
            define.list, last = self.item_list(body_start)
            while isinstance(last, _Else):
                self.error(f"unexpected {last} in {context}", last.start, last.end, hard=False,
                           line=outer_line)
                if last.chained:
                    self.sync()
                more, last = self.item_list(last.end)
                define.list.nodes += more.nodes
                define.list.end = more.end
            define.end = last.end if last is not None else len(self.text)
            self.add_define(define)
        finally:
            self.tok, self.peek_count, self.vars, self.range_depth, self.action_line = saved
        return ast.TemplateNode(start, define.end, name=name, name_pos=token[1],
                                name_end=token[2], pipe=pipe)

    # -- pipelines ---------------------------------------------------------------

    def new_pipe(self) -> ast.PipeNode:
        pos = self.peek_non_space()[1]
        return ast.PipeNode(pos, pos)

    def pipeline(self, context: str, end: int, pipe: ast.PipeNode) -> ast.PipeNode:
        """``declarations? command ('|' command)*`` up to ``end`` (``}}`` or ``)``)."""
        while True:  # declarations; loops only for a range's second variable
            v = self.peek_non_space()
            if v[0] != VARIABLE:
                break
            self.next()
            after = self.peek()
            nxt = self.peek_non_space()
            if nxt[0] == ASSIGN or nxt[0] == DECLARE:
                pipe.is_assign = nxt[0] == ASSIGN
                self.next_non_space()
                pipe.decl.append(ast.VariableNode(v[1], v[2], ident=v[3].split(".")))
                self.vars.append(v[3])
            elif nxt[0] == CHAR and nxt[3] == ",":
                self.next_non_space()
                pipe.decl.append(ast.VariableNode(v[1], v[2], ident=v[3].split(".")))
                self.vars.append(v[3])
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space()[0] in (VARIABLE, RIGHT_DELIM, RIGHT_PAREN):
                        continue
                    self.error("range can only initialize variables")
                self.error(f"too many declarations in {context}")
            elif after[0] == SPACE:
                self.backup3(v, after)
            else:
                self.backup2(v)
            break
        cmds = pipe.cmds
        while True:
            token = self.next_non_space()
            typ = token[0]
            if typ == end:
                self.last_close = token
                self.check_pipeline(pipe, context)
                return pipe
            if typ in _OPERAND_START:
                self.backup()
                cmd = ast.CommandNode(token[1], token[1])
                cmds.append(cmd)
                self.command(cmd)
                pipe.end = cmd.end
            else:
                self.unexpected(token, context)

    def fast_items(self, nodes: list) -> _End | None:
        """Append text and common actions to ``nodes`` straight from the source.

        Applies between actions with nothing peeked. Returns the ``{{end}}``
        or ``{{else}}`` that ends the list, or None where the token path must
        take over (an action that misfits -- remembered, so it is tried only
        once -- the last text, or what a nested structure left peeked). Lines
        are counted only where tokens or the lexer need them: from ``mark``,
        known to be on ``line``.
        """
        lx, text = self.lex, self.text
        pos = mark = lx.pos
        line = lx.line
        n = len(text)
        while True:
            x = text.find("{{", pos)
            if x < 0 or x == self.fast_failed:
                break
            body = x + 4 if text.startswith("-", x + 2) and x + 3 < n and text[x + 3] in _SPACE_CHARS else x + 2
            if x > pos:
                end = x
                if body != x + 2:
                    end = pos + len(text[pos:x].rstrip(_SPACE_CHARS))
                if end > pos:
                    nodes.append(ast.TextNode(pos, end, text[pos:end]))
                pos = x
            if text.startswith("/*", body):  # a comment, as the lexer reads it
                end = text.find("*/", body + 2) + 2
                if end == 1:
                    self.fast_failed = x
                    break
                if text.startswith("}}", end):
                    close = end + 2
                elif text.startswith("-}}", end + 1) and text[end] in _SPACE_CHARS:
                    close = end + 4
                else:
                    self.fast_failed = x
                    break
                nodes.append(ast.CommentNode(x, close, text[body:end]))
                pos = _SPACE_RUN.match(text, close).end() if close == end + 4 else close
                continue
            m = _FAST_ACTION.match(text, x)
            ltrim, kw, ctl, name, v1, v2, declare, cmds = m.groups() if m is not None else _NO_MATCH
            if cmds is None:
                self.fast_failed = x
                break
            end = m.end()
            cmds_start = end - 2 - len(cmds)
            cmds_end, trim = _commands_end(cmds, cmds_start)
            if kw is not None:
                if cmds_end > cmds_start:
                    chain = _FAST_ELSE_CHAIN.match(text, x) if kw == "else" else None
                    if chain is None:
                        self.fast_failed = x
                        break
                    # Stop just past the ``if``/``with``, peeked, as else_control does.
                    kw_pos, kw_end = chain.span(1)
                    line += text.count("\n", mark, kw_pos)
                    self.tok[0] = (_CONTROL_WORDS[chain[1]], kw_pos, kw_end, chain[1], line)
                    self.peek_count = 1
                    lx.enter_action(kw_end, line)
                    self.action_line = 0
                    return _Else(x, kw_pos, chained=True)
                self.close_action(end, trim, mark, line)
                self.action_line = 0
                return _End(x, end) if kw == "end" else _Else(x, end)
            pipe_pos = m.start("v1") if v1 is not None else cmds_start
            pipe = ast.PipeNode(pipe_pos, pipe_pos, False, [], [])
            if ctl is not None:
                typ = _CONTROL_WORDS[ctl]
                nvars = len(self.vars)
                if not self.fill_pipe(pipe, m, cmds_start, cmds_end, _CONTEXT[typ]):
                    self.fast_failed = x
                    break
                # As in text_or_action: Go's actionLine stays set through the
                # body until an action in it ends (it shows in lexer errors).
                self.action_line = line + text.count("\n", mark, x)
                self.close_action(end, trim, mark, line)
                try:
                    nodes.append(self.control_body(typ, x, pipe, end, nvars))
                finally:
                    self.action_line = 0
                if self.peek_count or lx.inside or lx.dead:
                    return None
                pos = mark = lx.pos
                line = lx.line
                continue
            if v1 is None:  # the common case of fill_pipe, inline
                pipe.cmds = self.fast_commands(cmds_start, cmds_end, _NO_NAMES)
                if pipe.cmds is None:
                    self.fast_failed = x
                    break
                pipe.end = pipe.cmds[-1].end
            elif not self.fill_pipe(pipe, m, cmds_start, cmds_end,
                                    "command" if name is None else "template clause"):
                self.fast_failed = x
                break
            if name is None:
                nodes.append(ast.ActionNode(x, end, pipe, ltrim is not None, trim))
            else:
                try:
                    nodes.append(ast.TemplateNode(x, end, name=unquote(name), name_pos=m.start("name"),
                                                  name_end=m.end("name"), pipe=pipe))
                except ValueError:
                    self.fast_failed = x
                    break
            self.action_line = 0
            pos = _SPACE_RUN.match(text, end).end() if trim else end
        lx.resync(pos, line + text.count("\n", mark, pos))
        return None

    def fast_pipeline(self, pipe: ast.PipeNode, context: str) -> bool:
        """Parse the pipeline ahead in one go if it has a common, error-free shape.

        For pipelines the slow path reached (``else if`` headers and the
        like): applies with just the first token peeked, and on success the
        state is as if :meth:`pipeline` had read up to the ``}}``. Returns
        False, having changed nothing, when the slow path must decide.
        """
        first = self.tok[0]
        if self.peek_count != 1 or first[0] not in _FAST_START:
            return False
        m = _FAST_PIPELINE.match(self.text, first[1])
        if m is None:
            return False
        cmds = m.group("cmds")
        cmds_start = m.end() - 2 - len(cmds)
        cmds_end, trim = _commands_end(cmds, cmds_start)
        if not self.fill_pipe(pipe, m, cmds_start, cmds_end, context):
            return False
        self.close_action(m.end(), trim, first[1], first[4])
        return True

    def fill_pipe(self, pipe: ast.PipeNode, m: re.Match, cmds_start: int, cmds_end: int, context: str) -> bool:
        """Declarations and commands of a fast-path match into ``pipe``; False (nothing changed) on a misfit."""
        v1, v2 = m.group("v1", "v2")
        if v2 is not None and context != "range":
            return False  # too many declarations: an error
        names = [] if v1 is None else [v1] if v2 is None else [v1, v2]
        cmds = self.fast_commands(cmds_start, cmds_end, names)
        if cmds is None:
            return False
        if names:
            for name, pos in zip(names, (m.start("v1"), m.start("v2"))):
                pipe.decl.append(ast.VariableNode(pos, pos + len(name), ident=[name]))
                self.vars.append(name)
            pipe.is_assign = m.group("declare") is None
        pipe.cmds += cmds
        pipe.end = cmds[-1].end
        return True

    def close_action(self, end: int, trim: bool, pos: int, line: int) -> None:
        """Leave tokens and lexer just past the ``}}`` ending at ``end`` (the action read from ``pos`` on ``line``)."""
        line += self.text.count("\n", pos, end)
        self.tok[0] = self.last_close = (RIGHT_DELIM, end - 2, end, "}}", line)
        self.peek_count = 0
        self.lex.skip_action(end, trim, line)

    def fast_commands(self, pos: int, end: int, declared: list[str]) -> list[ast.CommandNode] | None:
        """The commands in ``text[pos:end]``, or None where they misfit or Go would complain.

        _FAST_TOKEN's ``findall`` skips what it can't match, so the tokens must
        cover the span exactly; operands must be separated by spaces (Go
        would lex ``.a"b"`` differently or fail), except fields right after a
        ``)``, which chain onto the parenthesised pipeline. Parentheses nest on a stack.
        """
        text, known = self.text, self.vars
        funcs_or_all = _AnyWord if self.funcs is None else self.funcs
        outer: list[ast.CommandNode] = []
        cmds, cmd = outer, None
        stack: list[tuple] = []  # (parenthesised pipe, its "(", enclosing commands, enclosing command)
        after_operand = False
        closed_at = -1  # end of the latest ")"
        for ws, tok in _FAST_TOKEN.findall(text, pos, end):
            start = pos + len(ws)
            pos = start + len(tok)
            kind = _TOKEN_KIND.get(tok[0])
            if kind is None:  # punctuation
                if tok == "|":
                    if cmd is None:
                        return None
                    cmd, after_operand = None, False
                elif tok == "(":
                    if (after_operand and not ws) or len(stack) >= _FAST_MAX_PARENS:
                        return None
                    paren = ast.PipeNode(start, start, False, [], [])
                    if cmd is None:
                        cmd = ast.CommandNode(start, start, [paren])
                        cmds.append(cmd)
                    else:
                        cmd.args.append(paren)
                    stack.append((paren, start, cmds, cmd))
                    cmds, cmd, after_operand = [], None, False
                else:  # ")"
                    if not stack or cmd is None or (len(cmds) > 1 and not _fast_stages_ok(cmds)):
                        return None
                    paren, opened, outer_cmds, outer_cmd = stack.pop()
                    paren.pos, paren.end, paren.cmds = cmds[0].pos, cmds[-1].end, cmds
                    cmds, cmd, after_operand = outer_cmds, outer_cmd, True
                    cmd.end = closed_at = pos
                continue
            if after_operand and not ws:
                if start != closed_at or kind != _FIELD_OR_DOT or len(tok) == 1:
                    return None
                # ``(pipeline).a.b``: the lexer's fields after ")" make a chain, as operand() does.
                cmd.args[-1] = ast.ChainNode(opened, pos, cmd.args[-1], tok[1:].split("."))
                cmd.end = pos
                continue
            if kind == _FIELD_OR_DOT:
                node = ast.FieldNode(start, pos, tok[1:].split(".")) if len(tok) > 1 else ast.DotNode(start, pos)
            elif kind == _WORD:
                if tok in funcs_or_all and tok not in _RESERVED_WORDS:
                    node = ast.IdentifierNode(start, pos, tok)
                else:
                    node = _fast_literal_word(start, pos, tok)
                    if node is None:
                        return None
            elif kind == _VAR:
                ident = tok.split(".")
                if ident[0] not in known and ident[0] not in declared:
                    return None
                node = ast.VariableNode(start, pos, ident)
            elif kind == _STRING:
                try:
                    node = ast.StringNode(start, pos, tok, unquote(tok))
                except ValueError:
                    return None
            elif tok.isdigit() and (tok[0] != "0" or len(tok) == 1):
                node = _int_node(start, pos, tok)
            else:
                node = self.number((NUMBER, start, pos, tok, 0))
            if cmd is None:
                cmd = ast.CommandNode(start, pos, [node])
                cmds.append(cmd)
            else:
                cmd.args.append(node)
                cmd.end = pos
            after_operand = True
        if pos != end or stack or cmd is None or (len(outer) > 1 and not _fast_stages_ok(outer)):
            return None
        return outer

    def check_pipeline(self, pipe: ast.PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.error(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], _NON_EXECUTABLE):
                self.error(f"non executable command in pipeline stage {i + 2}", c.pos, c.end,
                           hard=False)
                return

    def command(self, cmd: ast.CommandNode) -> None:
        """``operand (space operand)*`` up to ``|`` (consumed), ``}}`` or ``)``."""
        args = cmd.args
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                args.append(operand)
                cmd.end = self.operand_end
            token = self.next()
            typ = token[0]
            if typ == SPACE:
                continue
            if typ == RIGHT_DELIM or typ == RIGHT_PAREN:
                self.backup()
            elif typ != PIPE:
                self.unexpected(token, "operand")
            break
        if not args:
            self.error("empty command")

    def operand(self):
        """``term .Field*``; sets ``operand_end`` (a parenthesised term's ``)`` included)."""
        node = self.term()
        if node is None:
            return None
        if self.peek()[0] == FIELD:
            first = self.peek()
            fields = []
            while self.peek()[0] == FIELD:
                token = self.next()
                fields.append(token[3][1:])
                self.operand_end = token[2]
            if isinstance(node, ast.FieldNode):
                return ast.FieldNode(node.pos, self.operand_end, ident=node.ident + fields)
            if isinstance(node, ast.VariableNode):
                return ast.VariableNode(node.pos, self.operand_end, ident=node.ident + fields)
            if isinstance(node, (ast.BoolNode, ast.StringNode, ast.NumberNode, ast.NilNode,
                                 ast.DotNode)):
                self.error(f"unexpected . after term {quote(str(node))}", first[1], first[2])
            return ast.ChainNode(self.term_start, self.operand_end, node=node, field=fields)
        return node

    def term(self):
        """A literal, function name, ``.``, field, variable or ``( pipeline )``; None if none."""
        token = self.next_non_space()
        typ, pos, end, val = token[0], token[1], token[2], token[3]
        self.term_start = pos
        self.operand_end = end
        if typ == FIELD:
            return ast.FieldNode(pos, end, ident=[val[1:]])
        if typ == IDENTIFIER:
            if self.funcs is not None and val not in self.funcs:
                self.error(f"function {quote(val)} not defined", pos, end, hard=False)
            return ast.IdentifierNode(pos, end, ident=val)
        if typ == VARIABLE:
            node = ast.VariableNode(pos, end, ident=val.split("."))
            if node.ident[0] not in self.vars:
                self.error(f"undefined variable {quote(node.ident[0])}", pos, end, hard=False)
            return node
        if typ == STRING or typ == RAW_STRING:
            return ast.StringNode(pos, end, quoted=val, text=self.unquote(token))
        if typ == DOT:
            return ast.DotNode(pos, end)
        if typ == NIL:
            return ast.NilNode(pos, end)
        if typ == BOOL:
            return ast.BoolNode(pos, end, value=val == "true")
        if typ == NUMBER or typ == CHAR_CONSTANT or typ == COMPLEX:
            return self.number(token)
        if typ == LEFT_PAREN:
            if self.paren_depth >= _MAX_PAREN_DEPTH:
                self.error("max expression depth exceeded")
            self.paren_depth += 1
            try:
                pipe = self.pipeline("parenthesized pipeline", RIGHT_PAREN, self.new_pipe())
            finally:
                self.paren_depth -= 1
            self.term_start = pos
            self.operand_end = self.last_close[2]
            return pipe
        self.backup()
        return None

    # -- literals ------------------------------------------------------------------

    def unquote(self, token: tuple) -> str:
        try:
            return unquote(token[3])
        except ValueError as e:
            message = str(e)
        self.error(message, token[1], token[2])
        return ""

    def number(self, token: tuple) -> ast.NumberNode:
        """Go's ``newNumber``: the value under every Go type that represents it exactly."""
        typ, text = token[0], token[3]
        n = ast.NumberNode(token[1], token[2], text=text)
        if typ == CHAR_CONSTANT:
            try:
                v, _, i = unquote_char(text, 1, "'")
            except ValueError:
                self.error("invalid syntax", token[1], token[2])
            if text[i:] != "'":
                self.error(f"malformed character constant: {text}", token[1], token[2])
            n.is_int = n.is_uint = n.is_float = True
            n.int64 = n.uint64 = v
            n.float64 = float(v)
            return n
        if typ == COMPLEX:
            split = next((k for k in range(len(text) - 2, 0, -1)
                          if text[k] in "+-" and text[k - 1] not in "eEpP"), 0)
            re_, im = parse_float(text[:split]), parse_float(text[split:-1])
            if re_ is None or im is None:
                self.error(f"illegal number syntax: {quote(text)}", token[1], token[2])
            n.is_complex = True
            n.complex128 = complex(re_, im)
            _simplify_complex(n)
            return n
        if text.endswith("i"):
            f = parse_float(text[:-1])
            if f is not None:
                n.is_complex = True
                n.complex128 = complex(0, f)
                _simplify_complex(n)
                return n
        u = parse_uint(text)
        if u is not None:
            n.is_uint, n.uint64 = True, u
        i = parse_int(text)
        if i is not None:
            n.is_int, n.int64 = True, i
            if i == 0:
                n.is_uint, n.uint64 = True, u or 0
        if n.is_int:
            n.is_float, n.float64 = True, float(n.int64)
        elif n.is_uint:
            n.is_float, n.float64 = True, float(n.uint64)
        else:
            f = parse_float(text)
            if f is not None:
                if not any(c in text for c in ".eEpP"):
                    self.error(f"integer overflow: {quote(text)}", token[1], token[2])
                n.is_float, n.float64 = True, f
                if f.is_integer():
                    if -(1 << 63) <= f < (1 << 63):
                        n.is_int, n.int64 = True, int(f)
                    if 0 <= f < (1 << 64):
                        n.is_uint, n.uint64 = True, int(f)
        if not (n.is_int or n.is_uint or n.is_float):
            self.error(f"illegal number syntax: {quote(text)}", token[1], token[2])
        return n


class _AnyWordType:
    """Contains every name: the function check when it is skipped."""

    def __contains__(self, word: str) -> bool:
        return word not in KEYWORDS


_AnyWord = _AnyWordType()
_LITERAL_WORDS = frozenset(("true", "false", "nil"))
# Words the lexer never makes identifiers (``break``/``continue`` are when they are functions).
_RESERVED_WORDS = (frozenset(KEYWORDS) - {"break", "continue"}) | _LITERAL_WORDS


_NO_NAMES: list[str] = []


def _commands_end(cmds: str, start: int) -> tuple[int, bool]:
    """End of the commands ``cmds`` (at ``start``, up to the ``}}``) without their trailing
    spaces, and whether a `` -`` trim marker ends them.

    A `` -`` that reaches back before the commands (``{{- -}}``) is not seen
    as one; it leaves no commands, which the fast path rejects either way.
    """
    if len(cmds) > 1 and cmds[-1] == "-" and cmds[-2] in _SPACE_CHARS:
        return start + len(cmds[:-2].rstrip(_SPACE_CHARS)), True
    return start + len(cmds.rstrip(_SPACE_CHARS)), False


def _fast_literal_word(start: int, stop: int, word: str):
    """``true``/``false``/``nil``; None for a keyword or an unknown function (the slow path decides)."""
    if word == "true" or word == "false":
        return ast.BoolNode(start, stop, word == "true")
    if word == "nil":
        return ast.NilNode(start, stop)
    return None


def _int_node(start: int, stop: int, text: str) -> ast.NumberNode:
    """A plain decimal integer literal (at most 18 digits): what ``number`` makes of it, sooner."""
    v = int(text)
    return ast.NumberNode(start, stop, text, True, True, True, False, v, v, float(v))  # all but complex


def _fast_stages_ok(cmds: list[ast.CommandNode]) -> bool:
    """No pipeline stage after the first starts with a literal (Go's "non executable command")."""
    return not any(isinstance(c.args[0], _NON_EXECUTABLE) for c in cmds[1:])


def _simplify_complex(n: ast.NumberNode) -> None:
    """The real types a complex value also has (only when its imaginary part is 0)."""
    n.is_float = n.complex128.imag == 0
    if n.is_float:
        f = n.float64 = n.complex128.real
        if f.is_integer() and -(1 << 63) <= f < (1 << 63):
            n.is_int, n.int64 = True, int(f)
        if f.is_integer() and 0 <= f < (1 << 64):
            n.is_uint, n.uint64 = True, int(f)


def _is_empty(node) -> bool:
    """Go's ``IsEmptyTree``: only space and comments (defines, kept in our root, don't count)."""
    if node is None:
        return True
    if isinstance(node, ast.ListNode):
        return all(_is_empty(n) for n in node.nodes)
    if isinstance(node, (ast.CommentNode, ast.DefineNode)):
        return True
    if isinstance(node, ast.TextNode):
        return not node.text.strip(_GO_SPACES)
    return False

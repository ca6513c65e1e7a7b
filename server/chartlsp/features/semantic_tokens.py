"""Semantic tokens of template actions: delimiters, keywords, functions, variables, fields, literals, comments.

Tokens come from the template lexer (Go's token rules), so an editor colours
exactly what Go would parse; after a lex error the lexer resumes at the next
action, so a half-typed action does not blank out the rest of the file. The
YAML text between actions gets no tokens (the editor's grammar colours it).
Tokens never span a line break: multi-line comments and raw strings are cut
per line, since not every client supports multi-line tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.workspace import ChartAnalysis
from ..functions import all_functions
from ..gotemplate import lexer as lx
from ..gotemplate.builtins import BUILTINS
from .builtin_objects import OBJECTS
from .completion import ENGINE_FUNCS

# Token types and modifiers in legend order (names as in LSP's predefined sets).
TOKEN_TYPES = ("macro", "keyword", "function", "variable", "property", "string", "number", "comment", "operator")
TOKEN_MODIFIERS = ("declaration", "defaultLibrary")

_KEYWORD_ITEMS = frozenset({lx.BLOCK, lx.BREAK, lx.CONTINUE, lx.DEFINE, lx.ELSE, lx.END, lx.IF, lx.NIL,
                            lx.RANGE, lx.TEMPLATE, lx.WITH, lx.BOOL, lx.DOT})
_LITERALS = {lx.STRING: "string", lx.RAW_STRING: "string", lx.CHAR_CONSTANT: "string",
             lx.NUMBER: "number", lx.COMPLEX: "number"}
_OPERATORS = frozenset({lx.PIPE, lx.DECLARE, lx.ASSIGN})


@dataclass(frozen=True)
class Token:
    start: int  # character offsets; never across a line break
    end: int
    type: str  # one of TOKEN_TYPES
    modifiers: tuple[str, ...] = ()


def _known_function(name: str) -> bool:
    return name in BUILTINS or name in ENGINE_FUNCS or name in all_functions()


def template_tokens(text: str) -> list[Token]:
    """Every token of the actions in ``text``, in order."""
    out: list[Token] = []
    lex = lx.Lexer(text)
    prev: tuple | None = None
    action_start = 0
    while True:
        item = lex.next_item()
        typ, pos, end = item[0], item[1], item[2]
        if typ == lx.EOF:
            return out
        if typ == lx.ERROR:
            if text.startswith("/*", pos) and text.find("*/", pos + 2) < 0:  # unclosed comment: to the end
                _add(out, text, _delim_start(text, pos), len(text), "comment")
                return out
            before = lex.pos
            lex.resync(pos, text.count("\n", 0, pos) + 1, inside_from=pos)
            if lex.pos <= pos and lex.pos <= before and lex.pos <= action_start:
                return out  # no progress possible
            prev = None
            continue
        if typ == lx.LEFT_DELIM:
            action_start = pos
            trim = text.startswith("- ", end) or text.startswith("-\t", end) or text.startswith("-\n", end)
            _add(out, text, pos, end + (1 if trim else 0), "macro")
        elif typ == lx.RIGHT_DELIM:
            start = pos - 1 if pos > 0 and text[pos - 1] == "-" else pos
            _add(out, text, start, end, "macro")
        elif typ == lx.COMMENT:
            close = text.find("}}", end)
            _add(out, text, _delim_start(text, pos), close + 2 if close >= 0 else end, "comment")
        elif typ in _KEYWORD_ITEMS:
            _add(out, text, pos, end, "keyword")
        elif typ in _LITERALS:
            _add(out, text, pos, end, _LITERALS[typ])
        elif typ in _OPERATORS:
            _add(out, text, pos, end, "operator")
        elif typ == lx.IDENTIFIER:
            _add(out, text, pos, end, "function", ("defaultLibrary",) if _known_function(item[3]) else ())
        elif typ == lx.VARIABLE:
            declares = _declares(text, end)
            _add(out, text, pos, end, "variable", ("declaration",) if declares else ())
        elif typ == lx.FIELD:
            chained = prev is not None and prev[2] == pos and prev[0] in (lx.FIELD, lx.VARIABLE, lx.RIGHT_PAREN)
            builtin = not chained and item[3][1:] in OBJECTS
            _add(out, text, pos, end, "property", ("defaultLibrary",) if builtin else ())
        if typ != lx.SPACE:
            prev = item


def _delim_start(text: str, comment_pos: int) -> int:
    """Where the ``{{`` (or ``{{-``) before a comment starts."""
    start = text.rfind("{{", 0, comment_pos)
    return start if start >= 0 else comment_pos


def _declares(text: str, end: int) -> bool:
    """Whether the variable ending at ``end`` is followed by ``:=`` (its declaration)."""
    i = end
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return text.startswith(":=", i)


def _add(out: list[Token], text: str, start: int, end: int, typ: str, mods: tuple[str, ...] = ()) -> None:
    """Add ``[start, end)`` as one token per line it covers."""
    while start < end:
        nl = text.find("\n", start, end)
        stop = end if nl < 0 else nl
        if stop > start:
            out.append(Token(start, stop, typ, mods))
        if nl < 0:
            return
        start = nl + 1


def semantic_tokens(analysis: ChartAnalysis, path: str, text: str,
                    start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of template ``path`` (whole file, or those overlapping ``[start, end)``); none for other files."""
    if path not in analysis.templates:
        return []
    tokens = template_tokens(text)
    if end is None and start == 0:
        return tokens
    stop = len(text) if end is None else end
    return [t for t in tokens if t.end > start and t.start < stop]


__all__ = ["TOKEN_MODIFIERS", "TOKEN_TYPES", "Token", "semantic_tokens", "template_tokens"]

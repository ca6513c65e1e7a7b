"""text/template's escaping builtins ``html``, ``js`` and ``urlquery``.

Byte-exact ports of Go's ``template.HTMLEscapeString``,
``template.JSEscapeString`` and ``url.QueryEscape``, plus ``evalArgs``, which
turns the builtins' arguments into the one string they escape. Strings are
Go strings carried as ``str`` (invalid UTF-8 bytes as ``surrogateescape``
code points), so escaping works per byte where Go's does.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

from .gofmt import is_print, print_dereferenced
from .gotypes import GoObject

__all__ = ["html_escape_string", "js_escape_string", "url_query_escape", "eval_args_string"]

_HTML = str.maketrans({
    "\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;",
})
_HTML_SPECIAL = frozenset("\0\"'&<>")


def html_escape_string(s: str) -> str:
    """``template.HTMLEscapeString``: ``<>&'"`` as entities, NUL as U+FFFD."""
    if _HTML_SPECIAL.isdisjoint(s):
        return s
    return s.translate(_HTML)


_JS_ASCII = {
    "\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D",
}
for _c in range(0x20):
    _JS_ASCII[chr(_c)] = "\\u00%02X" % _c
_JS_ASCII_SPECIAL = frozenset(_JS_ASCII)


def js_escape_string(s: str) -> str:
    """``template.JSEscapeString``: quotes, ``\\``, ``<>&=`` and control characters as JS escapes.

    Non-ASCII runes are kept when printable and written ``\\uXXXX``
    otherwise; invalid UTF-8 bytes pass through unchanged, as in Go.
    """
    if s.isascii():
        if _JS_ASCII_SPECIAL.isdisjoint(s):
            return s
        return "".join(_JS_ASCII.get(c, c) for c in s)
    out = []
    for c in s:
        if c < "\x80":
            out.append(_JS_ASCII.get(c, c))
            continue
        r = ord(c)
        if 0xDC80 <= r <= 0xDCFF or is_print(r):  # invalid bytes decode as the printable U+FFFD
            out.append(c)
        else:
            out.append("\\u%04X" % r)
    return "".join(out)


def url_query_escape(s: str) -> str:
    """``url.QueryEscape``: every byte except ``A-Za-z0-9-_.~`` as ``%XX``, space as ``+``."""
    return quote_plus(s.encode("utf-8", "surrogateescape"), safe="")


def eval_args_string(args: list[Any] | tuple[Any, ...]) -> str:
    """text/template's ``evalArgs``: one string argument as-is, otherwise ``fmt.Sprint`` of all.

    As Go's ``printableValue`` does, a nil argument becomes ``<no value>`` and
    a pointer is printed through the value it points to.
    """
    if len(args) == 1 and type(args[0]) is str:
        return args[0]
    parts = []
    prev_string = False
    for n, a in enumerate(args):
        if a is None:
            a = "<no value>"
        is_string = isinstance(a, str) or (isinstance(a, GoObject) and a.go_kind == "string")
        if n > 0 and not is_string and not prev_string:
            parts.append(" ")
        parts.append(print_dereferenced(a))
        prev_string = is_string
    return "".join(parts)

"""Sprig's regex functions (``regex.go``) with Go ``regexp`` semantics.

RE2 (google-re2) provides Go's syntax, leftmost-first matching and linear
time; everything around the engine follows Go's ``regexp`` package and runs
on UTF-8 bytes like Go: the iteration of ``FindAll`` (no empty match right
after a match), ``ReplaceAll``, ``Split`` (no leading empty piece for an
empty first match), ``Expand`` (``$1``, ``${1}``, ``$name``; ``$1x`` names
group "1x"), ``QuoteMeta``, and Go's error texts. The plain functions panic
on a bad pattern (``regexp: Compile(`(`): …``), the ``must`` forms return the
bare error, ``regexMatch`` answers false.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Union

import re2

from ..gotemplate.gofmt import can_backquote, quote as go_quote
from ..gotemplate.gotypes import GoError, TypedList
from .registry import gofunc
from .strings import from_bytes, is_digit, is_letter, to_bytes

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False

# RE2's parse-error codes in Go's wording (regexp/syntax ErrorCode strings).
_GO_CODES = {
    "missing ]": "missing closing ]",
    "missing )": "missing closing )",
    "no argument for repetition operator": "missing argument to repetition operator",
    "bad repetition operator": "invalid nested repetition operator",
    "invalid repetition size": "invalid repeat count",
    "invalid perl operator": "invalid or unsupported Perl syntax",
    "invalid named capture group": "invalid named capture",
    "pattern too large - compile failed": "expression too large",
    "pattern too large - reverse compile failed": "expression too large",
}


class _Pattern:
    """A compiled pattern with Go's group-name table."""

    __slots__ = ("rx", "groups", "names")

    def __init__(self, rx: Any) -> None:
        self.rx = rx
        self.groups: int = rx.groups
        self.names: dict[str, list[int]] = {}
        for name, index in rx.groupindex.items():
            key = name.decode("utf-8", "surrogateescape") if isinstance(name, bytes) else name
            self.names.setdefault(key, []).append(index)


def _go_error(pattern: str, message: str) -> str:
    """Go's ``*syntax.Error`` text for an RE2 parse error."""
    code, _, arg = message.partition(": ")
    if code == "trailing \\":
        return "error parsing regexp: trailing backslash at end of expression: ``"
    code = _GO_CODES.get(code, code)
    return f"error parsing regexp: {code}: `{arg or pattern}`"


def _has_any_byte_escape(pattern: str) -> bool:
    """True if the pattern uses ``\\C``, which RE2 accepts and Go rejects."""
    i, n = 0, len(pattern)
    while i < n - 1:
        if pattern[i] == "\\":
            c = pattern[i + 1]
            if c == "C":
                return True
            if c == "Q":
                e = pattern.find("\\E", i + 2)
                if e < 0:
                    return False
                i = e
            i += 2
        else:
            i += 1
    return False


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> Union[_Pattern, str]:
    """The compiled pattern, or Go's error text (cached either way)."""
    if "\\C" in pattern and _has_any_byte_escape(pattern):
        return "error parsing regexp: invalid escape sequence: `\\C`"
    try:
        return _Pattern(re2.compile(to_bytes(pattern), _OPTIONS))
    except re2.error as e:
        msg = e.args[0] if e.args else str(e)
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8", "replace")
        return _go_error(pattern, msg)


def _must(pattern: str) -> _Pattern:
    """regexp.MustCompile: panics with Go's message on a bad pattern."""
    p = _compile(pattern)
    if isinstance(p, str):
        q = f"`{pattern}`" if can_backquote(pattern) else go_quote(pattern)
        raise GoError(f"regexp: Compile({q}): {p}")
    return p


def _checked(pattern: str) -> _Pattern:
    """regexp.Compile: the error is returned (here raised) as is."""
    p = _compile(pattern)
    if isinstance(p, str):
        raise GoError(p)
    return p


def _rune_width(b: bytes, i: int) -> int:
    """Width of the UTF-8 sequence at b[i] (1 for an invalid byte), like utf8.DecodeRune."""
    c = b[i]
    if c < 0x80:
        return 1
    if 0xC2 <= c <= 0xDF:
        n = 2
    elif 0xE0 <= c <= 0xEF:
        n = 3
    elif 0xF0 <= c <= 0xF4:
        n = 4
    else:
        return 1
    try:
        b[i:i + n].decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return n


def _all_matches(p: _Pattern, b: bytes, n: int) -> list[Any]:
    """Go's allMatches: up to n matches (n < 0: all), no empty match adjacent to the previous one."""
    end = len(b)
    if n < 0:
        n = end + 1
    out = []
    pos, prev_end = 0, -1
    search = p.rx.search
    while len(out) < n and pos <= end:
        m = search(b, pos)
        if m is None:
            break
        s0, e0 = m.span()
        accept = True
        if e0 == pos:
            if s0 == prev_end:
                accept = False
            pos += _rune_width(b, pos) if pos < end else 1
        else:
            pos = e0
        prev_end = e0
        if accept:
            out.append(m)
    return out


def _extract(t: str) -> tuple[str, int, str] | None:
    """Go's regexp ``extract``: the group reference after a ``$`` (name, number or -1, rest)."""
    if not t:
        return None
    brace = t[0] == "{"
    if brace:
        t = t[1:]
    i = 0
    while i < len(t) and (t[i] == "_" or is_letter(t[i]) or is_digit(t[i])):
        i += 1
    if i == 0:
        return None
    name = t[:i]
    if brace:
        if i >= len(t) or t[i] != "}":
            return None
        i += 1
    num = 0
    for c in name:
        if not ("0" <= c <= "9") or num >= 100_000_000:
            num = -1
            break
        num = num * 10 + ord(c) - 48
    if name[0] == "0" and len(name) > 1:
        num = -1
    return name, num, t[i:]


def _parse_template(template: str) -> list[Union[bytes, int, str]]:
    """Split a replacement template into literal bytes and group references."""
    parts: list[Union[bytes, int, str]] = []
    lit: list[str] = []
    t = template
    while True:
        i = t.find("$")
        if i < 0:
            break
        lit.append(t[:i])
        t = t[i + 1:]
        if t.startswith("$"):
            lit.append("$")
            t = t[1:]
            continue
        ref = _extract(t)
        if ref is None:
            lit.append("$")
            continue
        name, num, t = ref
        if lit:
            parts.append(to_bytes("".join(lit)))
            lit = []
        parts.append(num if num >= 0 else name)
    lit.append(t)
    parts.append(to_bytes("".join(lit)))
    return parts


def _expand(parts: list[Union[bytes, int, str]], p: _Pattern, b: bytes, m: Any, out: bytearray) -> None:
    """Go's Regexp.expand of a parsed template for match ``m``."""
    for part in parts:
        if isinstance(part, bytes):
            out += part
        elif isinstance(part, int):
            if part <= p.groups:
                s, e = m.span(part)
                if s >= 0:
                    out += b[s:e]
        else:
            for index in p.names.get(part, ()):
                s, e = m.span(index)
                if s >= 0:
                    out += b[s:e]
                    break


def _replace_all(p: _Pattern, s: str, repl: str, literal: bool) -> str:
    """Go's Regexp.replaceAll with ReplaceAllString / ReplaceAllLiteralString replacement."""
    b = to_bytes(s)
    if literal:
        parts: list[Union[bytes, int, str]] = [to_bytes(repl)]
    else:
        parts = _parse_template(repl) if "$" in repl else [to_bytes(repl)]
    out = bytearray()
    last_end = 0
    pos = 0
    end = len(b)
    search = p.rx.search
    while pos <= end:
        m = search(b, pos)
        if m is None:
            break
        s0, e0 = m.span()
        out += b[last_end:s0]
        if e0 > last_end or s0 == 0:
            _expand(parts, p, b, m, out)
        last_end = e0
        width = _rune_width(b, pos) if pos < end else 0
        if pos + width > e0:
            pos += width
        elif pos + 1 > e0:
            pos += 1
        else:
            pos = e0
    out += b[last_end:]
    return from_bytes(bytes(out))


def _find_all(p: _Pattern, s: str, n: int) -> TypedList:
    b = to_bytes(s)
    return TypedList([from_bytes(b[m.start():m.end()]) for m in _all_matches(p, b, n)], "[]string")


def _find(p: _Pattern, s: str) -> str:
    b = to_bytes(s)
    m = p.rx.search(b)
    return "" if m is None else from_bytes(b[m.start():m.end()])


def _split(p: _Pattern, pattern: str, s: str, n: int) -> TypedList:
    """Go's Regexp.Split."""
    if n == 0:
        return TypedList([], "[]string")
    if pattern and not s:
        return TypedList([""], "[]string")
    b = to_bytes(s)
    pieces: list[str] = []
    beg = end = 0
    for m in _all_matches(p, b, n):
        if n > 0 and len(pieces) == n - 1:
            break
        end = m.start()
        if m.end() != 0:
            pieces.append(from_bytes(b[beg:end]))
        beg = m.end()
    if end != len(b):
        pieces.append(from_bytes(b[beg:]))
    return TypedList(pieces, "[]string")


# ---------------------------------------------------------------- registered functions

@gofunc("regexMatch", params=("string", "string"), returns="bool", has_error=False,
        signature="regexMatch REGEX STRING",
        doc="Reports whether STRING contains a match of REGEX (false for an invalid REGEX).")
def regex_match(regex: str, s: str) -> bool:
    p = _compile(regex)
    return not isinstance(p, str) and p.rx.search(to_bytes(s)) is not None


@gofunc("mustRegexMatch", params=("string", "string"), returns="bool",
        signature="mustRegexMatch REGEX STRING",
        doc="Reports whether STRING contains a match of REGEX; an invalid REGEX is an error.")
def must_regex_match(regex: str, s: str) -> bool:
    return _checked(regex).rx.search(to_bytes(s)) is not None


@gofunc("regexFindAll", params=("string", "string", "int"), returns="[]string", has_error=False,
        signature="regexFindAll REGEX STRING N", doc="The first N matches of REGEX in STRING (N < 0: all).")
def regex_find_all(regex: str, s: str, n: int) -> TypedList:
    return _find_all(_must(regex), s, n)


@gofunc("mustRegexFindAll", params=("string", "string", "int"), returns="[]string",
        signature="mustRegexFindAll REGEX STRING N",
        doc="The first N matches of REGEX in STRING (N < 0: all); an invalid REGEX is an error.")
def must_regex_find_all(regex: str, s: str, n: int) -> TypedList:
    return _find_all(_checked(regex), s, n)


@gofunc("regexFind", params=("string", "string"), returns="string", has_error=False,
        signature="regexFind REGEX STRING", doc='The first match of REGEX in STRING, or "".')
def regex_find(regex: str, s: str) -> str:
    return _find(_must(regex), s)


@gofunc("mustRegexFind", params=("string", "string"), returns="string",
        signature="mustRegexFind REGEX STRING",
        doc='The first match of REGEX in STRING, or ""; an invalid REGEX is an error.')
def must_regex_find(regex: str, s: str) -> str:
    return _find(_checked(regex), s)


@gofunc("regexReplaceAll", params=("string", "string", "string"), returns="string", has_error=False,
        signature="regexReplaceAll REGEX STRING REPLACEMENT",
        doc="Replaces every match of REGEX in STRING; REPLACEMENT may use $1, ${1}, $name.")
def regex_replace_all(regex: str, s: str, repl: str) -> str:
    return _replace_all(_must(regex), s, repl, False)


@gofunc("mustRegexReplaceAll", params=("string", "string", "string"), returns="string",
        signature="mustRegexReplaceAll REGEX STRING REPLACEMENT",
        doc="Replaces every match of REGEX (with $1/${name} expansion); an invalid REGEX is an error.")
def must_regex_replace_all(regex: str, s: str, repl: str) -> str:
    return _replace_all(_checked(regex), s, repl, False)


@gofunc("regexReplaceAllLiteral", params=("string", "string", "string"), returns="string", has_error=False,
        signature="regexReplaceAllLiteral REGEX STRING REPLACEMENT",
        doc="Replaces every match of REGEX in STRING with REPLACEMENT taken literally.")
def regex_replace_all_literal(regex: str, s: str, repl: str) -> str:
    return _replace_all(_must(regex), s, repl, True)


@gofunc("mustRegexReplaceAllLiteral", params=("string", "string", "string"), returns="string",
        signature="mustRegexReplaceAllLiteral REGEX STRING REPLACEMENT",
        doc="Replaces every match of REGEX with REPLACEMENT taken literally; an invalid REGEX is an error.")
def must_regex_replace_all_literal(regex: str, s: str, repl: str) -> str:
    return _replace_all(_checked(regex), s, repl, True)


@gofunc("regexSplit", params=("string", "string", "int"), returns="[]string", has_error=False,
        signature="regexSplit REGEX STRING N",
        doc="Splits STRING around matches of REGEX into at most N pieces (N < 0: all).")
def regex_split(regex: str, s: str, n: int) -> TypedList:
    return _split(_must(regex), regex, s, n)


@gofunc("mustRegexSplit", params=("string", "string", "int"), returns="[]string",
        signature="mustRegexSplit REGEX STRING N",
        doc="Splits STRING around matches of REGEX (N < 0: all pieces); an invalid REGEX is an error.")
def must_regex_split(regex: str, s: str, n: int) -> TypedList:
    return _split(_checked(regex), regex, s, n)


_META = frozenset("\\.+*?()|[]{}^$")


@gofunc("regexQuoteMeta", params=("string",), returns="string", has_error=False,
        signature="regexQuoteMeta STRING", doc="Escapes every regex metacharacter in STRING.")
def regex_quote_meta(s: str) -> str:
    return "".join("\\" + c if c in _META else c for c in s)

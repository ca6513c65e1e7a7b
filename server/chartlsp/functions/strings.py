"""Sprig's string functions (``strings.go`` and the string entries of ``functions.go``).

Go strings are byte strings, so lengths, slicing and the goutils helpers
(``abbrev``, ``initials``, ``nospace``, ``wrap``) work on UTF-8 bytes; the
goutils helpers even re-encode each non-ASCII byte as a Latin-1 rune, which
is reproduced. Case mapping follows Go's ``unicode`` package: simple
one-rune mappings only (``upper "ß"`` stays ``ß``), ``IsUpper`` = ``Lu``,
``IsSpace`` = Go's White_Space set.
"""

from __future__ import annotations

import random
import secrets
import string
import unicodedata
from bisect import bisect_left
from typing import Any

from ..gotemplate.exec import MappedStr
from ..gotemplate.gofmt import print_value, quote as go_quote
from ..gotemplate.gotypes import GoError, GoObject, TypedList, TypedMap
from .registry import gofunc

_NEG_REPEAT = "strings: negative Repeat count"

# Go's unicode.IsSpace (Latin-1 part plus the White_Space property).
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
            "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_GO_SPACE_SET = frozenset(_GO_SPACE)
_ASCII_SPACE_DELETE = str.maketrans("", "", "\t\n\v\f\r ")


# ---------------------------------------------------------------- Go runes

def to_bytes(s: str) -> bytes:
    """A Go string's bytes (invalid UTF-8 travels as surrogate escapes)."""
    return s.encode("utf-8", "surrogateescape")


def from_bytes(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _invalid(c: str) -> bool:
    """True for what Go decodes as utf8.RuneError (an invalid byte or U+FFFD itself)."""
    return c == "\ufffd" or "\udc80" <= c <= "\udcff"


def is_space(c: str) -> bool:
    return c in _GO_SPACE_SET


def is_upper(c: str) -> bool:
    if c < "\x80":
        return "A" <= c <= "Z"
    return unicodedata.category(c) == "Lu"


def is_lower(c: str) -> bool:
    if c < "\x80":
        return "a" <= c <= "z"
    return unicodedata.category(c) == "Ll"


def is_letter(c: str) -> bool:
    if c < "\x80":
        return c.isalpha()
    return unicodedata.category(c)[0] == "L"


def is_digit(c: str) -> bool:
    if c < "\x80":
        return "0" <= c <= "9"
    return unicodedata.category(c) == "Nd"


def _is_number(c: str) -> bool:
    if c < "\x80":
        return "0" <= c <= "9"
    return unicodedata.category(c)[0] == "N"


def _is_punct(c: str) -> bool:
    return unicodedata.category(c)[0] == "P"


def rune_upper(c: str) -> str:
    """unicode.ToUpper: the simple mapping (Python's full mapping may expand)."""
    u = c.upper()
    if len(u) == 1:
        return u
    t = c.title()
    return t if len(t) == 1 else c


def rune_lower(c: str) -> str:
    """unicode.ToLower: the simple mapping."""
    lo = c.lower()
    if len(lo) == 1:
        return lo
    return "i" if c == "\u0130" else c


def rune_title(c: str) -> str:
    """unicode.ToTitle: the simple mapping."""
    t = c.title()
    if len(t) == 1:
        return t
    u = c.upper()
    return u if len(u) == 1 else c


def go_upper(s: str) -> str:
    """strings.ToUpper."""
    r = s.upper()
    if s.isascii() or len(r) == len(s):
        return r
    return "".join(map(rune_upper, s))


def go_lower(s: str) -> str:
    """strings.ToLower (no Greek final-sigma rule, unlike Python)."""
    r = s.lower()
    if s.isascii() or (len(r) == len(s) and "\u03a3" not in s):
        return r
    return "".join(map(rune_lower, s))


# ---------------------------------------------------------------- strval

def strval(v: Any) -> str:
    """Sprig's ``strval``: strings as-is, ``[]byte`` as text, Stringers via String(), else ``%v``."""
    if isinstance(v, str):
        return v
    if isinstance(v, (bytes, bytearray)):
        return from_bytes(bytes(v))
    if isinstance(v, GoObject):
        s = v.go_string()
        if s is not None:
            return s
    return print_value(v)


def strslice(v: Any) -> TypedList:
    """Sprig's ``strslice``: a ``[]string`` from any slice (nils dropped) or one value."""
    if isinstance(v, TypedList) and v.go_type == "[]string":
        return v
    if isinstance(v, list):
        return TypedList([strval(x) for x in v if x is not None], "[]string")
    if isinstance(v, (bytes, bytearray)):
        return TypedList([str(b) for b in v], "[]string")
    if v is None:
        return TypedList([], "[]string")
    return TypedList([strval(v)], "[]string")


# ---------------------------------------------------------------- basics

@gofunc("hello", returns="string", has_error=False, signature="hello",
        doc='Returns "Hello!".')
def hello() -> str:
    return "Hello!"


@gofunc("trim", params=("string",), returns="string", has_error=False,
        signature="trim STRING", doc="Removes leading and trailing Unicode white space.")
def trim(s: str) -> str:
    return s.strip(_GO_SPACE)


@gofunc("upper", params=("string",), returns="string", has_error=False,
        signature="upper STRING", doc="Converts every rune to upper case (Go's simple case mapping).")
def upper(s: str) -> str:
    return go_upper(s)


@gofunc("lower", params=("string",), returns="string", has_error=False,
        signature="lower STRING", doc="Converts every rune to lower case (Go's simple case mapping).")
def lower(s: str) -> str:
    return go_lower(s)


def _title_separator(r: str) -> bool:
    """strings.Title's word-boundary test for the previous rune."""
    if r < "\x80":
        return not (r.isalnum() or r == "_")
    if is_letter(r) or is_digit(r):
        return False
    return is_space(r)


@gofunc("title", params=("string",), returns="string", has_error=False,
        signature="title STRING",
        doc="Go's strings.Title: upper-cases the first letter of each word (rest unchanged).")
def title(s: str) -> str:
    out = []
    prev = " "
    for c in s:
        out.append(rune_title(c) if _title_separator(prev) else c)
        prev = c
    return "".join(out)


@gofunc("untitle", params=("string",), returns="string", has_error=False,
        signature="untitle STRING", doc="Lower-cases the first letter of each white-space separated word.")
def untitle(s: str) -> str:
    out = []
    nxt = True
    for c in s:
        if is_space(c):
            nxt = True
        elif nxt:
            c = rune_lower(c)
            nxt = False
        out.append(c)
    return "".join(out)


@gofunc("repeat", params=("int", "string"), returns="string", has_error=False,
        signature="repeat COUNT STRING", doc="Repeats STRING COUNT times.")
def repeat(count: int, s: str) -> str:
    if count < 0:
        raise GoError(_NEG_REPEAT)
    return s * count


@gofunc("trimAll", params=("string", "string"), returns="string", has_error=False,
        aliases=("trimall",), signature="trimAll CUTSET STRING",
        doc="Removes every leading and trailing rune found in CUTSET from STRING.")
def trim_all(cutset: str, s: str) -> str:
    return s.strip(cutset) if cutset else s


@gofunc("trimSuffix", params=("string", "string"), returns="string", has_error=False,
        signature="trimSuffix SUFFIX STRING", doc="Removes SUFFIX from the end of STRING once, if present.")
def trim_suffix(suffix: str, s: str) -> str:
    return s[: len(s) - len(suffix)] if suffix and s.endswith(suffix) else s


@gofunc("trimPrefix", params=("string", "string"), returns="string", has_error=False,
        signature="trimPrefix PREFIX STRING", doc="Removes PREFIX from the start of STRING once, if present.")
def trim_prefix(prefix: str, s: str) -> str:
    return s[len(prefix):] if s.startswith(prefix) else s


@gofunc("contains", params=("string", "string"), returns="bool", has_error=False,
        signature="contains SUBSTR STRING", doc="Reports whether STRING contains SUBSTR.")
def contains(sub: str, s: str) -> bool:
    return sub in s


@gofunc("hasPrefix", params=("string", "string"), returns="bool", has_error=False,
        signature="hasPrefix PREFIX STRING", doc="Reports whether STRING starts with PREFIX.")
def has_prefix(prefix: str, s: str) -> bool:
    return s.startswith(prefix)


@gofunc("hasSuffix", params=("string", "string"), returns="bool", has_error=False,
        signature="hasSuffix SUFFIX STRING", doc="Reports whether STRING ends with SUFFIX.")
def has_suffix(suffix: str, s: str) -> bool:
    return s.endswith(suffix)


@gofunc("replace", params=("string", "string", "string"), returns="string", has_error=False,
        signature="replace OLD NEW STRING", doc="Replaces every OLD in STRING with NEW.")
def replace(old: str, new: str, src: str) -> str:
    return src.replace(old, new)


@gofunc("plural", params=("string", "string", "int"), returns="string", has_error=False,
        signature="plural ONE MANY COUNT", doc="Returns ONE if COUNT is 1, else MANY.")
def plural(one: str, many: str, count: int) -> str:
    return one if count == 1 else many


# ---------------------------------------------------------------- byte-based

@gofunc("trunc", params=("int", "string"), returns="string", has_error=False,
        signature="trunc LENGTH STRING",
        doc="Truncates STRING to LENGTH bytes (negative LENGTH: keep the last -LENGTH bytes).")
def trunc(c: int, s: str) -> str:
    b = s if s.isascii() else to_bytes(s)
    n = len(b)
    if c < 0 and n + c > 0:
        r = b[n + c:]
    elif c >= 0 and n > c:
        r = b[:c]
    else:
        return s
    return r if isinstance(r, str) else from_bytes(r)


def _slice_error(lo: int | None, hi: int | None, n: int) -> GoError:
    """Go's runtime message for an out-of-range string slice s[lo:hi]."""
    if hi is not None and hi < 0:
        return GoError(f"runtime error: slice bounds out of range [:{hi}]")
    if hi is not None and hi > n:
        return GoError(f"runtime error: slice bounds out of range [:{hi}] with length {n}")
    return GoError(f"runtime error: slice bounds out of range [{lo}:{n if hi is None else hi}]")


@gofunc("substr", params=("int", "int", "string"), returns="string", has_error=False,
        signature="substr START END STRING",
        doc="Byte substring [START:END]; START<0 means from 0, END<0 or past the end means to the end.")
def substr(start: int, end: int, s: str) -> str:
    b = s if s.isascii() else to_bytes(s)
    n = len(b)
    if start < 0:
        if end < 0 or end > n:
            raise _slice_error(None, end, n)
        r = b[:end]
    elif end < 0 or end > n:
        if start > n:
            raise _slice_error(start, None, n)
        r = b[start:]
    else:
        if start > end:
            raise _slice_error(start, end, n)
        r = b[start:end]
    return r if isinstance(r, str) else from_bytes(r)


def _latin1_runes(b: bytes, keep) -> str:
    """goutils' byte loop: each kept byte is written back as the rune of the same value."""
    return "".join(chr(x) for x in b if keep(chr(x)))


@gofunc("nospace", params=("string",), returns="string", has_error=False,
        signature="nospace STRING", doc="Removes all white space from STRING.")
def nospace(s: str) -> str:
    if s.isascii():
        return s.translate(_ASCII_SPACE_DELETE)
    b = to_bytes(s)
    r = _latin1_runes(b, lambda c: c not in _GO_SPACE_SET)
    return s if len(r) == len(b) else r


@gofunc("initials", params=("string",), returns="string", has_error=False,
        signature="initials STRING", doc="Returns the first letter of each white-space separated word.")
def initials(s: str) -> str:
    out = []
    gap = True
    for x in (s.encode() if s.isascii() else to_bytes(s)):
        c = chr(x)
        if c in _GO_SPACE_SET:
            gap = True
        elif gap:
            out.append(c)
            gap = False
    return "".join(out)


def _abbreviate_full(b: bytes, offset: int, width: int) -> bytes:
    """goutils.AbbreviateFull on bytes; errors give b"" (Sprig discards them)."""
    if not b:
        return b
    if width < 4:
        return b""
    n = len(b)
    if n <= width:
        return b
    if offset > n:
        offset = n
    if n - offset < width - 3:
        offset = n - (width - 3)
    if offset <= 4:
        return b[: width - 3] + b"..."
    if width < 7:
        return b""
    if offset + width - 3 < n:
        return b"..." + _abbreviate_full(b[offset:], 0, width - 3)
    return b"..." + b[n - (width - 3):]


@gofunc("abbrev", params=("int", "string"), returns="string", has_error=False,
        signature="abbrev WIDTH STRING",
        doc='Truncates STRING to WIDTH bytes with a trailing "..." (WIDTH < 4: unchanged).')
def abbrev(width: int, s: str) -> str:
    if width < 4:
        return s
    return from_bytes(_abbreviate_full(to_bytes(s), 0, width))


@gofunc("abbrevboth", params=("int", "int", "string"), returns="string", has_error=False,
        signature="abbrevboth LEFT WIDTH STRING",
        doc='Abbreviates STRING on both sides with "..." around a window starting near byte LEFT, WIDTH bytes long.')
def abbrevboth(left: int, right: int, s: str) -> str:
    if right < 4 or (left > 0 and right < 7):
        return s
    return from_bytes(_abbreviate_full(to_bytes(s), left, right))


def _wrap(s: str, width: int, newline: str, long_words: bool) -> str:
    """goutils.WrapCustom: byte-based greedy wrapping at spaces."""
    if s == "":
        return ""
    nl = to_bytes(newline or "\n")
    width = max(width, 1)
    b = to_bytes(s)
    n = len(b)
    offset = 0
    out = bytearray()
    while n - offset > width:
        if b[offset] == 0x20:
            offset += 1
            continue
        at = b.rfind(b" ", offset, width + offset + 1)
        if at >= offset:
            out += b[offset:at] + nl
            offset = at + 1
        elif long_words:
            out += b[offset:offset + width] + nl
            offset += width
        else:
            at = b.find(b" ", width + offset)
            if at >= 0:
                out += b[offset:at] + nl
                offset = at + 1
            else:
                out += b[offset:]
                offset = n
    out += b[offset:]
    return from_bytes(bytes(out))


@gofunc("wrap", params=("int", "string"), returns="string", has_error=False,
        signature="wrap WIDTH STRING", doc="Wraps STRING at WIDTH bytes on spaces (long words are not split).")
def wrap(width: int, s: str) -> str:
    return _wrap(s, width, "", False)


@gofunc("wrapWith", params=("int", "string", "string"), returns="string", has_error=False,
        signature="wrapWith WIDTH SEP STRING",
        doc="Wraps STRING at WIDTH bytes, joining lines with SEP; long words are split.")
def wrap_with(width: int, sep: str, s: str) -> str:
    return _wrap(s, width, sep, True)


@gofunc("indent", params=("int", "string"), returns="string", has_error=False, mapped=True,
        signature="indent COUNT STRING", doc="Prefixes every line of STRING with COUNT spaces.")
def indent(spaces: int, v: str) -> str:
    if spaces < 0:
        raise GoError(_NEG_REPEAT)
    pad = " " * spaces
    out = pad + v.replace("\n", "\n" + pad)
    spans = getattr(v, "spans", None)
    if spans:  # keep the source map of an include'd template through `| indent N`
        newlines = [i for i, c in enumerate(v) if c == "\n"]

        def moved(i: int) -> int:
            return i + spaces * (1 + bisect_left(newlines, i))

        return MappedStr(out, [(moved(a), moved(b - 1) + 1, f, p, e, fr)
                               for (a0, b0, f, p0, e0, fr) in spans
                               for (a, b, p, e) in _line_pieces(v, newlines, a0, b0, p0, e0)])
    return out


def _line_pieces(v: str, newlines: list[int], a: int, b: int, p: int, e: int):
    """A literal span cut after each newline, so every line keeps its own exact source position
    once indent inserts padding; a span of an action's output (lengths differ) stays whole."""
    if b - a != e - p:
        yield a, b, p, e
        return
    start = a
    for nl in newlines[bisect_left(newlines, a):]:
        if nl >= b - 1:
            break
        yield start, nl + 1, p + (start - a), p + (nl + 1 - a)
        start = nl + 1
    yield start, b, p + (start - a), e


@gofunc("nindent", params=("int", "string"), returns="string", has_error=False, mapped=True,
        signature="nindent COUNT STRING", doc="Like indent, with a newline prepended.")
def nindent(spaces: int, v: str) -> str:
    out = indent(spaces, v)
    spans = getattr(out, "spans", None)
    if spans:
        return MappedStr("\n" + out, [(a + 1, b + 1, *rest) for (a, b, *rest) in spans])
    return "\n" + out


# ---------------------------------------------------------------- case conversion (goutils, xstrings)

@gofunc("swapcase", params=("string",), returns="string", has_error=False,
        signature="swapcase STRING",
        doc="Swaps case: upper to lower, lower to upper (title case at the start of a word).")
def swapcase(s: str) -> str:
    out = []
    ws = True
    for c in s:
        if is_upper(c) or (c >= "\x80" and unicodedata.category(c) == "Lt"):
            c = rune_lower(c)
            ws = False
        elif is_lower(c):
            if ws:
                c = rune_title(c)
                ws = False
            else:
                c = rune_upper(c)
        else:
            ws = is_space(c)
        out.append(c)
    return "".join(out)


def _is_connector(c: str) -> bool:
    return c == "-" or c == "_" or c in _GO_SPACE_SET


def _is_alphabet(c: str) -> bool:
    """xstrings' isAlphabet: a letter that is not a CJK ideograph."""
    if not is_letter(c):
        return False
    if c < "\u3400":
        return True
    return not ("\u4e00" <= c <= "\u9fcc" or "\u3400" <= c <= "\u4d85"
                or "\U00020000" <= c <= "\U0002b81d")


_INVALID, _NUMBER, _UPPER, _ALPHA, _CONNECTOR, _PUNCT, _OTHER = range(7)


def _next_valid(s: str, prev: str) -> tuple[str, int]:
    """The next valid rune of ``s`` and how many runes were consumed to reach it."""
    size = 0
    for c in s:
        size += 1
        if not _invalid(c):
            return c, size
    return prev, size


def _next_word(s: str) -> tuple[int, str, str]:
    """xstrings' nextWord: split off the leading word and classify it."""
    if not s:
        return _INVALID, "", ""
    r, size = _next_valid(s, "\ufffd")
    offset = size
    if r == "\ufffd":
        return _INVALID, s[:offset], s[offset:]
    rem = s[size:]
    if _is_connector(r) or _is_punct(r):
        wt = _CONNECTOR if _is_connector(r) else _PUNCT
        same = _is_connector if wt == _CONNECTOR else _is_punct
        while rem:
            r, size = _next_valid(rem, r)
            if not same(r):
                break
            offset += size
            rem = rem[size:]
    elif is_upper(r):
        wt = _UPPER
        if rem:
            r, size = _next_valid(rem, r)
            if is_upper(r):
                prev_size = size
                offset += size
                rem = rem[size:]
                while rem:
                    r, size = _next_valid(rem, r)
                    if not is_upper(r):
                        break
                    prev_size = size
                    offset += size
                    rem = rem[size:]
                if rem and _is_alphabet(r):
                    offset -= prev_size
                    rem = s[offset:]
            elif _is_alphabet(r):
                offset += size
                rem = rem[size:]
                while rem:
                    r, size = _next_valid(rem, r)
                    if not _is_alphabet(r) or is_upper(r):
                        break
                    offset += size
                    rem = rem[size:]
    elif _is_alphabet(r) or _is_number(r):
        wt = _ALPHA if _is_alphabet(r) else _NUMBER
        while rem:
            r, size = _next_valid(rem, r)
            if (wt == _ALPHA and (not _is_alphabet(r) or is_upper(r))) or (wt == _NUMBER and not _is_number(r)):
                break
            offset += size
            rem = rem[size:]
    else:
        wt = _OTHER
        while rem:
            r, size = _next_valid(rem, r)
            if _is_connector(r) or _is_alphabet(r) or _is_number(r) or _is_punct(r):
                break
            offset += size
            rem = rem[size:]
    return wt, s[:offset], rem


def _put_lower(out: list[str], wt: int, word: str, connector: str) -> None:
    """xstrings' toLower: only upper-case and connector words are rewritten."""
    if wt != _UPPER and wt != _CONNECTOR:
        out.append(word)
        return
    for c in word:
        if _invalid(c):
            out.append("\ufffd")
        elif _is_connector(c):
            out.append(connector)
        elif is_upper(c):
            out.append(rune_lower(c))
        else:
            out.append(c)


def _delimited(s: str, connector: str) -> str:
    """xstrings' camelCaseToLowerCase (ToSnakeCase / ToKebabCase)."""
    if not s:
        return ""
    out: list[str] = []
    wt, word, rem = _next_word(s)
    while rem:
        if wt != _CONNECTOR:
            _put_lower(out, wt, word, connector)
        prev, last = wt, word
        wt, word, rem = _next_word(rem)
        if prev == _NUMBER:
            while wt == _ALPHA or wt == _NUMBER:
                _put_lower(out, wt, word, connector)
                wt, word, rem = _next_word(rem)
            if wt not in (_INVALID, _PUNCT, _CONNECTOR):
                out.append(connector)
        elif prev == _CONNECTOR:
            _put_lower(out, prev, last, connector)
        elif prev == _PUNCT:
            pass
        elif wt != _NUMBER:
            if wt != _CONNECTOR and wt != _PUNCT:
                out.append(connector)
        elif rem:
            last = word
            wt, word, rem = _next_word(rem)
            if wt != _ALPHA:
                _put_lower(out, _NUMBER, last, connector)
                if wt != _CONNECTOR and wt != _PUNCT:
                    out.append(connector)
            else:
                out.append(connector)
                _put_lower(out, _NUMBER, last, connector)
                while wt == _ALPHA or wt == _NUMBER:
                    _put_lower(out, wt, word, connector)
                    wt, word, rem = _next_word(rem)
                if wt not in (_INVALID, _CONNECTOR, _PUNCT):
                    out.append(connector)
    _put_lower(out, wt, word, connector)
    return "".join(out)


@gofunc("snakecase", params=("string",), returns="string", has_error=False,
        signature="snakecase STRING", doc="Converts camelCase/PascalCase words to snake_case.")
def snakecase(s: str) -> str:
    return _delimited(s, "_")


@gofunc("kebabcase", params=("string",), returns="string", has_error=False,
        signature="kebabcase STRING", doc="Converts camelCase/PascalCase words to kebab-case.")
def kebabcase(s: str) -> str:
    return _delimited(s, "-")


@gofunc("camelcase", params=("string",), returns="string", has_error=False,
        signature="camelcase STRING",
        doc="Converts words separated by space, _ or - to PascalCase (xstrings.ToPascalCase).")
def camelcase(s: str) -> str:
    if not s:
        return ""
    out: list[str] = []
    first_upper = False
    i, n = 0, len(s)
    r0 = ""
    while i < n:
        r0 = s[i]
        i += 1
        if _invalid(r0):
            r0 = "\ufffd"
        if not _is_connector(r0):
            first_upper = is_upper(r0)
            r0 = rune_upper(r0)
            break
        out.append(r0)
    if i == n:
        out.append(r0)
        return "".join(out)
    while i < n:
        r1 = r0
        r0 = s[i]
        i += 1
        if _invalid(r0):
            r0 = "\ufffd"
        if _is_connector(r0) and _is_connector(r1):
            out.append(r1)
            continue
        if _is_connector(r1):
            first_upper = is_upper(r0)
            r0 = rune_upper(r0)
        else:
            if first_upper:
                if is_upper(r0):
                    r0 = rune_lower(r0)
                else:
                    first_upper = False
            out.append(r1)
    out.append(r0)
    return "".join(out)


# ---------------------------------------------------------------- random

_ALPHA_CHARS = string.ascii_letters
_ALNUM_CHARS = string.ascii_letters + string.digits
_ASCII_CHARS = "".join(chr(c) for c in range(32, 127))


def _random(alphabet: str, count: int) -> str:
    if count <= 0:
        return ""
    return "".join(secrets.choice(alphabet) for _ in range(count))


@gofunc("randAlphaNum", params=("int",), returns="string", has_error=False,
        signature="randAlphaNum COUNT", doc="A random string of COUNT letters and digits (crypto-random).")
def rand_alpha_num(count: int) -> str:
    return _random(_ALNUM_CHARS, count)


@gofunc("randAlpha", params=("int",), returns="string", has_error=False,
        signature="randAlpha COUNT", doc="A random string of COUNT ASCII letters (crypto-random).")
def rand_alpha(count: int) -> str:
    return _random(_ALPHA_CHARS, count)


@gofunc("randAscii", params=("int",), returns="string", has_error=False,
        signature="randAscii COUNT", doc="A random string of COUNT printable ASCII characters (crypto-random).")
def rand_ascii(count: int) -> str:
    return _random(_ASCII_CHARS, count)


@gofunc("randNumeric", params=("int",), returns="string", has_error=False,
        signature="randNumeric COUNT", doc="A random string of COUNT digits (crypto-random).")
def rand_numeric(count: int) -> str:
    return _random(string.digits, count)


@gofunc("shuffle", params=("string",), returns="string", has_error=False,
        signature="shuffle STRING", doc="Returns the runes of STRING in random order.")
def shuffle(s: str) -> str:
    runes = ["\ufffd" if "\udc80" <= c <= "\udcff" else c for c in s]
    random.shuffle(runes)
    return "".join(runes)


# ---------------------------------------------------------------- quoting and joining

@gofunc("quote", variadic="interface {}", returns="string", has_error=False,
        signature="quote VALUE...", doc="Double-quotes each non-nil value (Go %q syntax), space-separated.")
def quote(*vals: Any) -> str:
    return " ".join(go_quote(strval(v)) for v in vals if v is not None)


@gofunc("squote", variadic="interface {}", returns="string", has_error=False,
        signature="squote VALUE...", doc="Single-quotes each non-nil value (no escaping), space-separated.")
def squote(*vals: Any) -> str:
    return " ".join(f"'{v if isinstance(v, str) else print_value(v)}'" for v in vals if v is not None)


@gofunc("cat", variadic="interface {}", returns="string", has_error=False,
        signature="cat VALUE...", doc="Joins the non-nil values with spaces (%v formatting).")
def cat(*vals: Any) -> str:
    return " ".join(v if isinstance(v, str) else print_value(v) for v in vals if v is not None)


@gofunc("toString", params=("interface {}",), returns="string", has_error=False,
        signature="toString VALUE", doc="Converts VALUE to a string (%v formatting; []byte as text).")
def to_string(v: Any) -> str:
    return strval(v)


@gofunc("toStrings", params=("interface {}",), returns="[]string", has_error=False,
        signature="toStrings LIST", doc="Converts each non-nil element of LIST to a string ([]string).")
def to_strings(v: Any) -> TypedList:
    return strslice(v)


@gofunc("join", params=("string", "interface {}"), returns="string", has_error=False,
        signature="join SEP LIST", doc="Joins the non-nil elements of LIST, converted to strings, with SEP.")
def join(sep: str, v: Any) -> str:
    return sep.join(strslice(v))


@gofunc("sortAlpha", params=("interface {}",), returns="[]string", has_error=False,
        signature="sortAlpha LIST", doc="Converts LIST to strings and sorts them in byte order.")
def sort_alpha(v: Any) -> TypedList:
    if not isinstance(v, (list, bytes, bytearray)):
        return TypedList([strval(v)], "[]string")
    a = strslice(v)
    if all(s.isascii() for s in a):
        a.sort()
    else:
        a.sort(key=to_bytes)
    return a


def _split_all(s: str, sep: str, n: int = -1) -> list[str]:
    """strings.SplitN: sep "" splits into runes; n < 0 means all parts."""
    if n == 0:
        return []
    if sep:
        return s.split(sep, n - 1) if n > 0 else s.split(sep)
    if n < 0 or n > len(s):
        return list(s)
    return list(s[: n - 1]) + [s[n - 1:]]


def _indexed(parts: list[str]) -> TypedMap:
    return TypedMap({f"_{i}": p for i, p in enumerate(parts)}, "map[string]string")


@gofunc("split", params=("string", "string"), returns="map[string]string", has_error=False,
        signature="split SEP STRING", doc='Splits STRING on SEP into a map {"_0": …, "_1": …}.')
def split(sep: str, orig: str) -> TypedMap:
    return _indexed(_split_all(orig, sep))


@gofunc("splitn", params=("string", "int", "string"), returns="map[string]string", has_error=False,
        signature="splitn SEP N STRING",
        doc='Splits STRING on SEP into at most N parts, as a map {"_0": …, "_1": …}.')
def splitn(sep: str, n: int, orig: str) -> TypedMap:
    return _indexed(_split_all(orig, sep, n))


@gofunc("splitList", params=("string", "string"), returns="[]string", has_error=False,
        signature="splitList SEP STRING", doc="Splits STRING on SEP into a list of strings.")
def split_list(sep: str, orig: str) -> TypedList:
    return TypedList(_split_all(orig, sep), "[]string")

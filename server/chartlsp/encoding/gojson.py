"""Go's ``encoding/json`` Marshal, MarshalIndent and Unmarshal, byte for byte.

Helm's ``toJson`` output is hashed into checksum annotations, so the text
must match Go's exactly: sorted keys, no spaces, HTML-safe escapes
(``<`` → ``\\u003c``), U+2028/U+2029 escaped, invalid UTF-8 (carried in
``str`` via ``surrogateescape``) replaced by U+FFFD, float64 in ``'f'`` form
between 1e-6 and 1e21 and ``'e'`` form outside, ``[]byte`` as base64.
Decoding yields float64 for every number and reports Go's error texts.
Go's shortest float layouts (:func:`fmt_e`, :func:`fmt_f`, :func:`fmt_g`)
live here too: the YAML and TOML encoders share them.
"""

from __future__ import annotations

import base64
import json
import math
import re
from typing import Any

from ..gotemplate.gotypes import GoError, GoObject, type_name

# --- Go float formatting (strconv.FormatFloat with precision -1) ------------


def shortest_digits(f: float) -> tuple[str, int]:
    """Shortest round-trip digits ``d`` and point ``dp``: ``|f| = 0.d × 10**dp`` (``("", 0)`` for 0)."""
    mant, _, exp = repr(abs(f)).partition("e")
    whole, _, frac = mant.partition(".")
    allds = whole + frac
    digits = allds.lstrip("0")
    dp = len(whole) + (int(exp) if exp else 0) - (len(allds) - len(digits))
    digits = digits.rstrip("0")
    return (digits, dp) if digits else ("", 0)


def _sign(f: float) -> str:
    return "-" if math.copysign(1.0, f) < 0 else ""


def fmt_e(f: float) -> str:
    """Go ``'e'`` shortest: ``1.5e+20``, ``1e-07``."""
    d, dp = shortest_digits(f)
    if not d:
        return _sign(f) + "0e+00"
    exp = dp - 1
    mant = d[0] + ("." + d[1:] if len(d) > 1 else "")
    return f"{_sign(f)}{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def fmt_f(f: float) -> str:
    """Go ``'f'`` shortest: every digit, no exponent."""
    d, dp = shortest_digits(f)
    sign = _sign(f)
    if not d:
        return sign + "0"
    if dp <= 0:
        return sign + "0." + "0" * -dp + d
    if dp >= len(d):
        return sign + d + "0" * (dp - len(d))
    return sign + d[:dp] + "." + d[dp:]


def fmt_g(f: float) -> str:
    """Go ``'g'`` shortest (``%v``): exponent form when exp < -4 or exp >= 6; ``+Inf``/``NaN`` spelled as Go."""
    if f != f:
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    d, dp = shortest_digits(f)
    exp = dp - 1 if d else -1
    if exp < -4 or exp >= 6:
        return fmt_e(f)
    return fmt_f(f)


def json_float(f: float) -> str:
    """``encoding/json`` float64 text; NaN/Inf raise Go's error."""
    if f != f or math.isinf(f):
        raise GoError(f"json: unsupported value: {fmt_g(f)}")
    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        s = fmt_e(f)
        if s[-4:-1] == "e-0":
            s = s[:-2] + s[-1]
        return s
    return fmt_f(f)


# --- Marshal ---------------------------------------------------------------

_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\<>&\u2028\u2029\udc80-\udcff]')
_NEEDS_ESCAPE_RAW = re.compile('[\x00-\x1f"\\\\\u2028\u2029\udc80-\udcff]')
_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
}


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    e = _ESCAPES.get(c)
    if e is not None:
        return e
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # an invalid UTF-8 byte carried by surrogateescape: Go writes the escape
        return "\\ufffd"
    return f"\\u{o:04x}"


def quote_string(s: str, escape_html: bool = True) -> str:
    """A Go string as a JSON string literal."""
    pat = _NEEDS_ESCAPE if escape_html else _NEEDS_ESCAPE_RAW
    if pat.search(s) is None:
        return '"' + s + '"'
    return '"' + pat.sub(_escape_char, s) + '"'


def _map_key(k: Any) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, bool) or not isinstance(k, int):
        raise GoError(f"json: unsupported type: map[{type_name(k)}]interface {{}}")
    return str(int(k))


def _encode(v: Any, out: list[str], esc: bool) -> None:
    if v is None:
        out.append("null")
    elif isinstance(v, str):
        out.append(quote_string(v, esc))
    elif isinstance(v, bool):
        out.append("true" if v else "false")
    elif isinstance(v, int):
        out.append(str(int(v)))
    elif isinstance(v, float):
        out.append(json_float(v))
    elif isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        items = sorted((_map_key(k), x) for k, x in v.items()) if not all(
            type(k) is str for k in v) else sorted(v.items())
        sep = "{"
        for k, x in items:
            out.append(sep)
            out.append(quote_string(k, esc))
            out.append(":")
            _encode(x, out, esc)
            sep = ","
        out.append("}")
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("[]")
            return
        sep = "["
        for x in v:
            out.append(sep)
            _encode(x, out, esc)
            sep = ","
        out.append("]")
    elif isinstance(v, (bytes, bytearray)):
        out.append('"' + base64.b64encode(bytes(v)).decode("ascii") + '"')
    elif isinstance(v, GoObject):
        j = v.go_json()
        if isinstance(j, dict) and j:
            # A struct: encoding/json writes its fields in declaration order, not sorted.
            sep = "{"
            for k, x in j.items():
                out.append(sep)
                out.append(quote_string(k, esc))
                out.append(":")
                _encode(x, out, esc)
                sep = ","
            out.append("}")
        else:
            _encode(j, out, esc)
    else:
        raise GoError(f"json: unsupported type: {type_name(v)}")


def marshal(v: Any, escape_html: bool = True) -> str:
    """``json.Marshal(v)`` (``escape_html=False``: an Encoder with ``SetEscapeHTML(false)``, minus its newline)."""
    out: list[str] = []
    try:
        _encode(v, out, escape_html)
    except RecursionError:
        msg = cycle_error(v)
        if msg is None:
            raise
        raise GoError(msg) from None
    return "".join(out)


def _children(v: Any) -> list:
    """The values json.Marshal visits below ``v``, in its order (map keys sorted)."""
    if isinstance(v, dict):
        return [x for _, x in sorted((_map_key(k), x) for k, x in v.items())]
    return list(v)


def cycle_error(v: Any) -> str | None:
    """Go's error when maps/slices in ``v`` form a cycle, else None.

    encoding/json only tracks containers more than 1000 levels deep, so the
    error names the type of the container at depth 1000 of the first
    infinite path (children visited in encoding order).
    """
    state: dict[int, bool | None] = {}  # id -> None while on the DFS path, else "reaches a cycle"

    def infinite(x: Any) -> bool:
        if not isinstance(x, (dict, list, tuple)):
            return False
        key = id(x)
        if key in state:
            return state[key] is not False  # on the path (None) or known infinite
        state[key] = None
        state[key] = any(infinite(c) for c in _children(x))
        return state[key]

    if not infinite(v):
        return None
    for _ in range(1000):
        v = next(c for c in _children(v) if infinite(c))
    return f"json: unsupported value: encountered a cycle via {type_name(v)}"


def marshal_indent(v: Any, prefix: str = "", indent: str = "  ") -> str:
    """``json.MarshalIndent``: Go re-indents compact output, so empty ``{}``/``[]`` stay on one line."""
    return indent_json(marshal(v), prefix, indent)


def indent_json(src: str, prefix: str, indent: str) -> str:
    """``json.Indent`` over valid compact JSON."""
    out: list[str] = []
    depth = 0
    need_indent = False
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            if need_indent:
                out.append("\n" + prefix + indent * depth)
                need_indent = False
            out.append(src[i:j + 1])
            i = j + 1
            continue
        if need_indent and c not in "]}":
            out.append("\n" + prefix + indent * depth)
            need_indent = False
        if c in "[{":
            depth += 1
            out.append(c)
            need_indent = True
        elif c == ",":
            out.append(c)
            out.append("\n" + prefix + indent * depth)
        elif c == ":":
            out.append(": ")
        elif c in "]}":
            depth -= 1
            if need_indent:
                need_indent = False  # empty collection stays "[]" / "{}"
            else:
                out.append("\n" + prefix + indent * depth)
            out.append(c)
        else:
            out.append(c)
        i += 1
    return "".join(out)


# --- Unmarshal -------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _go_float(text: str) -> float:
    f = float(text)
    if math.isinf(f):
        raise _RangeError(text)
    return f


class _RangeError(ValueError):
    pass


class _OutOfRange:
    """Placeholder for a number float64 can't hold, left nil once decoding finishes."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class PartialDecodeError(GoError):
    """Go's ``json.Unmarshal`` keeps decoding past an out-of-range number (nil in its
    place) and reports the first one; ``value`` is that partial result."""

    def __init__(self, message: str, value: Any) -> None:
        super().__init__(message)
        self.value = value


_SURROGATE = re.compile("[\ud800-\udfff]")
_decoder = json.JSONDecoder(parse_float=_go_float, parse_int=_go_float, parse_constant=_no_constant)


def _lenient_float(text: str) -> float | _OutOfRange:
    f = float(text)
    return _OutOfRange(text) if math.isinf(f) else f


_lenient_decoder = json.JSONDecoder(parse_float=_lenient_float, parse_int=_lenient_float,
                                    parse_constant=_no_constant)


def _nil_out_of_range(v: Any, first: list[str]) -> Any:
    """Replace placeholders by nil, collecting their texts in document order."""
    if isinstance(v, _OutOfRange):
        first.append(v.text)
        return None
    if isinstance(v, dict):
        return {k: _nil_out_of_range(x, first) for k, x in v.items()}
    if isinstance(v, list):
        return [_nil_out_of_range(x, first) for x in v]
    return v


def _fix_surrogates(v: Any) -> Any:
    """Lone surrogates (escaped or invalid bytes) decode to U+FFFD in Go."""
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v)
    if isinstance(v, dict):
        return {_fix_surrogates(k): _fix_surrogates(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_fix_surrogates(x) for x in v]
    return v


def unmarshal(text: str) -> Any:
    """``json.Unmarshal`` into ``interface {}``: numbers float64, Go's error texts as :class:`GoError`."""
    try:
        try:
            v = _decoder.decode(text)
        except _RangeError:
            # Go checks the syntax of the whole input before decoding anything.
            bad: list[str] = []
            v = _nil_out_of_range(_lenient_decoder.decode(text), bad)
            raise PartialDecodeError(f"json: cannot unmarshal number {bad[0]} into Go value of type float64",
                                     _surrogates_fixed(text, v)) from None
    except (ValueError, RecursionError):
        raise GoError(syntax_error(text.encode("utf-8", "surrogateescape"))) from None
    return _surrogates_fixed(text, v)


def _surrogates_fixed(text: str, v: Any) -> Any:
    if "\\u" in text or _SURROGATE.search(text):
        return _fix_surrogates(v)
    return v


def _kind(v: Any) -> str:
    if isinstance(v, dict):
        return "object"
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "string"
    if isinstance(v, bool):
        return "bool"
    return "number"


def unmarshal_object(text: str) -> dict[str, Any]:
    """``json.Unmarshal`` into ``map[string]interface {}`` (``null`` leaves it empty).

    An out-of-range number inside an object raises :class:`PartialDecodeError`
    carrying the partly filled map, which Helm's ``fromJson`` keeps."""
    try:
        v = unmarshal(text)
    except PartialDecodeError as e:
        if not isinstance(e.value, dict):
            raise GoError(f"json: cannot unmarshal {_kind(e.value)} into Go value of type map[string]interface {{}}") from None
        raise
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise GoError(f"json: cannot unmarshal {_kind(v)} into Go value of type map[string]interface {{}}")
    return v


def unmarshal_array(text: str) -> list[Any]:
    """``json.Unmarshal`` into ``[]interface {}`` (``null`` leaves it empty)."""
    v = unmarshal(text)
    if v is None:
        return []
    if not isinstance(v, list):
        raise GoError(f"json: cannot unmarshal {_kind(v)} into Go value of type []interface {{}}")
    return v


# --- Go's scanner error messages ---------------------------------------------

_WS = b" \t\r\n"
_GO_QUOTE = {7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 0x5C: "\\\\"}


def _quote_char(c: int) -> str:
    """``encoding/json.quoteChar``: the byte as Go's ``strconv.Quote`` shows the rune U+00XX."""
    if c == 0x27:
        return "'\\''"
    if c == 0x22:
        return "'\"'"
    if c in _GO_QUOTE:
        return "'" + _GO_QUOTE[c] + "'"
    ch = chr(c)
    if c < 0x20 or c == 0x7F:
        return f"'\\x{c:02x}'"
    if ch.isprintable():
        return "'" + ch + "'"
    return f"'\\u{c:04x}'"


class _Syntax(Exception):
    pass


class _Scanner:
    """A recursive-descent mirror of Go's JSON scanner states, only to name the first error."""

    def __init__(self, data: bytes) -> None:
        self.d = data
        self.i = 0

    def fail(self, context: str, eof_as_space: bool = False) -> None:
        """Go's scanner feeds a space at EOF: states that reject one report it instead of EOF."""
        if self.i < len(self.d):
            raise _Syntax(f"invalid character {_quote_char(self.d[self.i])} {context}")
        if eof_as_space:
            raise _Syntax(f"invalid character ' ' {context}")
        raise _Syntax("unexpected end of JSON input")

    def peek_ws(self) -> int:
        d, i = self.d, self.i
        while i < len(d) and d[i] in _WS:
            i += 1
        self.i = i
        return d[i] if i < len(d) else -1

    def value(self) -> None:
        c = self.peek_ws()
        if c == 0x7B:
            self.i += 1
            self.obj()
        elif c == 0x5B:
            self.i += 1
            self.arr()
        elif c == 0x22:
            self.string()
        elif c == 0x2D or 0x30 <= c <= 0x39:
            self.number()
        elif c in (0x74, 0x66, 0x6E):
            word = {0x74: b"true", 0x66: b"false", 0x6E: b"null"}[c]
            self.i += 1
            for exp in word[1:]:
                if self.i >= len(self.d) or self.d[self.i] != exp:
                    self.fail(f"in literal {word.decode()} (expecting '{chr(exp)}')", True)
                self.i += 1
        else:
            self.fail("looking for beginning of value")

    def obj(self) -> None:
        c = self.peek_ws()
        if c == 0x7D:
            self.i += 1
            return
        while True:
            if c != 0x22:
                self.fail("looking for beginning of object key string")
            self.string()
            if self.peek_ws() != 0x3A:
                self.fail("after object key")
            self.i += 1
            self.value()
            c = self.peek_ws()
            if c == 0x2C:
                self.i += 1
                c = self.peek_ws()
                continue
            if c == 0x7D:
                self.i += 1
                return
            self.fail("after object key:value pair")

    def arr(self) -> None:
        c = self.peek_ws()
        if c == 0x5D:
            self.i += 1
            return
        while True:
            self.value()
            c = self.peek_ws()
            if c == 0x2C:
                self.i += 1
                continue
            if c == 0x5D:
                self.i += 1
                return
            self.fail("after array element")

    def string(self) -> None:
        d = self.d
        self.i += 1
        while self.i < len(d):
            c = d[self.i]
            if c == 0x22:
                self.i += 1
                return
            if c == 0x5C:
                self.i += 1
                if self.i >= len(d):
                    self.fail("in string escape code", True)
                e = d[self.i]
                if e == 0x75:
                    for _ in range(4):
                        self.i += 1
                        if self.i >= len(d) or d[self.i] not in b"0123456789abcdefABCDEF":
                            self.fail("in \\u hexadecimal character escape", True)
                elif e not in b'bfnrt\\/"':
                    self.fail("in string escape code", True)
            elif c < 0x20:
                self.fail("in string literal")
            self.i += 1
        self.fail("")

    def digits(self) -> None:
        d = self.d
        while self.i < len(d) and 0x30 <= d[self.i] <= 0x39:
            self.i += 1

    def number(self) -> None:
        d = self.d
        if d[self.i] == 0x2D:
            self.i += 1
            if self.i >= len(d) or not 0x30 <= d[self.i] <= 0x39:
                self.fail("in numeric literal", True)
        if d[self.i] == 0x30:
            self.i += 1
        else:
            self.digits()
        if self.i < len(d) and d[self.i] == 0x2E:
            self.i += 1
            if self.i >= len(d) or not 0x30 <= d[self.i] <= 0x39:
                self.fail("after decimal point in numeric literal", True)
            self.digits()
        if self.i < len(d) and d[self.i] in b"eE":
            self.i += 1
            if self.i < len(d) and d[self.i] in b"+-":
                self.i += 1
            if self.i >= len(d) or not 0x30 <= d[self.i] <= 0x39:
                self.fail("in exponent of numeric literal", True)
            self.digits()


def syntax_error(data: bytes) -> str:
    """Go's message for the first syntax error in ``data`` (``""`` when it is valid)."""
    s = _Scanner(data)
    try:
        s.value()
        if s.peek_ws() != -1:
            s.fail("after top-level value")
    except _Syntax as e:
        return str(e)
    except RecursionError:
        return "exceeded max depth"
    return ""

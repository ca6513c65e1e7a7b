"""Go's ``fmt`` printing and ``strconv`` number/quote formatting, byte-exact.

Templates print every value through ``fmt`` (``{{ .x }}``, ``print``,
``printf``, Sprig's ``toString``/``quote``), so the exact text Go produces
(float shortest forms, sorted map keys, ``%!d(string=x)`` error forms) is
reproduced here from Go's ``fmt/print.go``, ``fmt/format.go``,
``strconv/ftoa.go``, ``strconv/quote.go`` and ``internal/fmtsort``.

Go values are the Python values of :mod:`chartlsp.gotemplate.gotypes`; Go
strings are ``str`` whose invalid UTF-8 bytes are carried as
``surrogateescape`` code points (one code point per byte, so rune counts and
truncation match Go). Go prints pointers, funcs and maps under ``%p`` as
memory addresses; those cannot be reproduced, so the stable address ``0x0``
is printed instead (``(func)(0x0)`` under ``%#v``).
"""

from __future__ import annotations

import math
import struct
from typing import Any

from .gotypes import GoFunc, GoInt, GoObject, Uint8, is_unsigned, type_name

__all__ = [
    "format_float", "print_value", "print_dereferenced", "sprint", "sprintln", "sprintf",
    "quote", "quote_ascii", "quote_rune", "quote_rune_ascii", "can_backquote", "is_print",
]

_MASK64 = (1 << 64) - 1
_MAX_RUNE = 0x10FFFF
_NOT_SET = object()  # "no current value" marker for bad-verb reports


# ---------------------------------------------------------------- strconv: floats

def _digits_from_text(text: str) -> tuple[str, int]:
    """Decimal digits and decimal-point position of a non-negative number's text.

    Mirrors strconv's ``decimalSlice``: ``0.d1d2… × 10^dp`` with no leading or
    trailing zeros; zero is ``("", 0)``.
    """
    mant, _, exp = text.partition("e")
    ip, _, fp = mant.partition(".")
    digits = ip + fp
    dp = len(ip) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    if not stripped:
        return "", 0
    dp -= len(digits) - len(stripped)
    return stripped.rstrip("0"), dp


def _to_float32(f: float) -> float:
    try:
        return struct.unpack("f", struct.pack("f", f))[0]
    except OverflowError:
        return math.copysign(math.inf, f)


def _shortest_digits(x: float, bitsize: int) -> tuple[str, int]:
    """Shortest digits that read back as ``x`` (Go's Ryu; Python's repr agrees for float64)."""
    if bitsize == 64:
        return _digits_from_text(repr(x))
    if x == 0:
        return "", 0
    for n in range(1, 10):
        text = "%.*e" % (n - 1, x)
        if _to_float32(float(text)) == x:
            return _digits_from_text(text)
    return _digits_from_text("%.8e" % x)


def _fmt_e(neg: bool, d: str, dp: int, prec: int, ch: str) -> str:
    out = ["-" if neg else "", d[0] if d else "0"]
    if prec > 0:
        frac = d[1:prec + 1]
        out.append("." + frac + "0" * (prec - len(frac)))
    exp = dp - 1 if d else 0
    sign = "-" if exp < 0 else "+"
    exp = abs(exp)
    out.append(ch + sign + (("0%d" % exp) if exp < 10 else str(exp)))
    return "".join(out)


def _fmt_f(neg: bool, d: str, dp: int, prec: int) -> str:
    if dp > 0:
        ip = d[:dp] + "0" * (dp - len(d)) if len(d) < dp else d[:dp]
    else:
        ip = "0"
    out = ("-" if neg else "") + ip
    if prec > 0:
        frac = "".join(d[dp + i] if 0 <= dp + i < len(d) else "0" for i in range(prec))
        out += "." + frac
    return out


def _fmt_b(neg: bool, x: float, bitsize: int) -> str:
    if bitsize == 32:
        bits = struct.unpack("<I", struct.pack("<f", x))[0]
        mantbits, expbits, bias = 23, 8, -127
    else:
        bits = struct.unpack("<Q", struct.pack("<d", x))[0]
        mantbits, expbits, bias = 52, 11, -1023
    exp = (bits >> mantbits) & ((1 << expbits) - 1)
    mant = bits & ((1 << mantbits) - 1)
    if exp == 0:
        exp += 1
    else:
        mant |= 1 << mantbits
    exp += bias - mantbits
    return "%s%dp%s%d" % ("-" if neg else "", mant, "-" if exp < 0 else "+", abs(exp))


def _fmt_x(neg: bool, x: float, prec: int, ch: str, bitsize: int) -> str:
    """strconv's hexadecimal float form ``0x1.8p+01`` (Go's fmtX)."""
    if bitsize == 32:
        bits = struct.unpack("<I", struct.pack("<f", x))[0]
        mantbits, expbits, bias = 23, 8, -127
    else:
        bits = struct.unpack("<Q", struct.pack("<d", x))[0]
        mantbits, expbits, bias = 52, 11, -1023
    exp = (bits >> mantbits) & ((1 << expbits) - 1)
    mant = bits & ((1 << mantbits) - 1)
    if exp == 0:
        exp += 1
    else:
        mant |= 1 << mantbits
    exp += bias
    if mant == 0:
        exp = 0
    mant <<= 60 - mantbits
    while mant != 0 and mant & (1 << 60) == 0:
        mant <<= 1
        exp -= 1
    if 0 <= prec < 15:
        shift = prec * 4
        extra = (mant << shift) & ((1 << 60) - 1)
        mant >>= 60 - shift
        if extra | (mant & 1) > 1 << 59:
            mant += 1
        mant <<= 60 - shift
        if mant & (1 << 61):
            mant >>= 1
            exp += 1
    hexd = "0123456789ABCDEF" if ch == "X" else "0123456789abcdef"
    out = ["-" if neg else "", "0", ch, "1" if (mant >> 60) & 1 else "0"]
    mant = (mant << 4) & ((1 << 64) - 1)
    if prec < 0 and mant != 0:
        out.append(".")
        while mant != 0:
            out.append(hexd[(mant >> 60) & 15])
            mant = (mant << 4) & ((1 << 64) - 1)
    elif prec > 0:
        out.append(".")
        for _ in range(prec):
            out.append(hexd[(mant >> 60) & 15])
            mant = (mant << 4) & ((1 << 64) - 1)
    out.append("P" if ch == "X" else "p")
    out.append("-" if exp < 0 else "+")
    exp = abs(exp)
    out.append("%02d" % exp)
    return "".join(out)


def format_float(f: float, fmt: str = "g", prec: int = -1, bitsize: int = 64) -> str:
    """``strconv.FormatFloat``: formats ``b e E f g G x X``; ``prec < 0`` is shortest."""
    if bitsize == 32:
        f = _to_float32(f)
    if f != f:
        return "NaN"
    if f in (math.inf, -math.inf):
        return "+Inf" if f > 0 else "-Inf"
    neg = math.copysign(1.0, f) < 0
    x = -f if neg else f
    if fmt == "b":
        return _fmt_b(neg, x, bitsize)
    if fmt in ("x", "X"):
        return _fmt_x(neg, x, prec, fmt, bitsize)
    shortest = prec < 0
    if shortest:
        d, dp = _shortest_digits(x, bitsize)
        if fmt in ("e", "E"):
            prec = max(len(d) - 1, 0)
        elif fmt == "f":
            prec = max(len(d) - dp, 0)
        elif fmt in ("g", "G"):
            prec = len(d)
    elif fmt in ("e", "E"):
        return ("-" if neg else "") + ("%.*" + fmt) % (prec, x)
    elif fmt == "f":
        return ("-" if neg else "") + "%.*f" % (prec, x)
    elif fmt in ("g", "G"):
        if prec == 0:
            prec = 1
        d, dp = _digits_from_text("%.*e" % (prec - 1, x))
    else:
        return "%" + fmt
    if fmt in ("e", "E"):
        return _fmt_e(neg, d, dp, prec, fmt)
    if fmt == "f":
        return _fmt_f(neg, d, dp, prec)
    nd = len(d)
    eprec = prec
    if eprec > nd and nd >= dp:
        eprec = nd
    if shortest:
        eprec = 6
    exp = dp - 1
    if exp < -4 or exp >= eprec:
        if prec > nd:
            prec = nd
        return _fmt_e(neg, d, dp, prec - 1, "e" if fmt == "g" else "E")
    if prec > dp:
        prec = nd
    return _fmt_f(neg, d, dp, max(prec - dp, 0))


def _float_v(f: float) -> str:
    """``%v`` of a float64, with a fast path for the positional range."""
    if f.is_integer() and -9007199254740992.0 < f < 9007199254740992.0 and f != 0:
        # Integers below 2**53 are exact: their shortest digits are the integer's digits.
        if -1e6 < f < 1e6:
            return "%d" % f
        text = "%d" % f
        sign = "-" if text[0] == "-" else ""
        digits = text[1:] if sign else text
        d = digits.rstrip("0")
        return "%s%s%s%se+%02d" % (sign, d[0], "." if len(d) > 1 else "", d[1:], len(digits) - 1)
    a = -f if f < 0 else f
    if 1e-4 <= a < 1e6:
        r = repr(f)
        return r[:-2] if r.endswith(".0") else r
    return format_float(f, "g", -1, 64)


# ---------------------------------------------------------------- strconv: quoting

def is_print(r: int) -> bool:
    """``unicode.IsPrint``: letters, marks, numbers, punctuation, symbols and ASCII space."""
    return r == 0x20 or (0 <= r <= _MAX_RUNE and chr(r).isprintable())


_SIMPLE_ESC = {7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}


def _escape_rune(out: list[str], c: str, q: str, ascii_only: bool) -> None:
    r = ord(c)
    if c == q or c == "\\":
        out.append("\\" + c)
        return
    if r < 0x80:
        if 0x20 <= r < 0x7F:
            out.append(c)
            return
    elif 0xDC80 <= r <= 0xDCFF:  # an invalid UTF-8 byte carried by surrogateescape
        out.append("\\x%02x" % (r - 0xDC00))
        return
    elif not ascii_only and c.isprintable():
        out.append(c)
        return
    esc = _SIMPLE_ESC.get(r)
    if esc:
        out.append(esc)
    elif r < 0x20 or r == 0x7F:
        out.append("\\x%02x" % r)
    elif r < 0x10000:
        out.append("\\u%04x" % r)
    else:
        out.append("\\U%08x" % r)


def _quote_with(s: str, q: str, ascii_only: bool) -> str:
    if s.isprintable() and q not in s and "\\" not in s and (not ascii_only or s.isascii()):
        return q + s + q
    out = [q]
    for c in s:
        _escape_rune(out, c, q, ascii_only)
    out.append(q)
    return "".join(out)


def quote(s: str) -> str:
    """``strconv.Quote``: a double-quoted Go literal; printable runes are kept."""
    return _quote_with(s, '"', False)


def quote_ascii(s: str) -> str:
    """``strconv.QuoteToASCII`` (``%+q``): non-ASCII runes escaped as ``\\u``/``\\U``."""
    return _quote_with(s, '"', True)


def _valid_rune(r: int) -> int:
    return r if 0 <= r <= _MAX_RUNE and not 0xD800 <= r <= 0xDFFF else 0xFFFD


def quote_rune(r: int) -> str:
    """``strconv.QuoteRune``: a single-quoted character literal (invalid runes become U+FFFD)."""
    out = ["'"]
    _escape_rune(out, chr(_valid_rune(r)), "'", False)
    out.append("'")
    return "".join(out)


def quote_rune_ascii(r: int) -> str:
    """``strconv.QuoteRuneToASCII`` (``%+q`` of an integer)."""
    out = ["'"]
    _escape_rune(out, chr(_valid_rune(r)), "'", True)
    out.append("'")
    return "".join(out)


def can_backquote(s: str) -> bool:
    """``strconv.CanBackquote``: representable as a raw string literal (``%#q``)."""
    for c in s:
        r = ord(c)
        if r < 0x20:
            if c != "\t":
                return False
        elif c == "`" or r == 0x7F or r == 0xFEFF or 0xDC80 <= r <= 0xDCFF:
            return False
    return True


# ---------------------------------------------------------------- internal/fmtsort

def _utf8(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _float_key(f: float) -> tuple[int, float]:
    return (0, 0.0) if f != f else (1, f)


def _sorted_keys(m: dict) -> list:
    """Map keys in ``internal/fmtsort`` order: strings byte-wise, numbers numerically."""
    keys = list(m)
    if len(keys) < 2:
        return keys
    if all(type(k) is str for k in keys):
        if all(k.isascii() for k in keys):
            keys.sort()
        else:
            keys.sort(key=_utf8)
        return keys
    if all(isinstance(k, (int, float)) for k in keys):
        keys.sort(key=lambda k: _float_key(float(k)) if isinstance(k, float) else (1, k))
        return keys
    # Keys of mixed dynamic types (map[interface {}]…): Go orders by type, then value.
    keys.sort(key=lambda k: (type_name(k), _utf8(k) if isinstance(k, str) else repr(k)))
    return keys


def _elem_type(container_type: str) -> str:
    """Element type of ``[]T`` / ``map[K]T`` (for ``%#v`` of nil elements)."""
    if container_type.startswith("[]"):
        return container_type[2:]
    if container_type.startswith("map["):
        depth = 0
        for i in range(3, len(container_type)):
            c = container_type[i]
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    return container_type[i + 1:]
    return "interface {}"


# ---------------------------------------------------------------- the printer

def _too_large(x: int) -> bool:
    return x > 1_000_000 or x < -1_000_000


def _parsenum(s: str, start: int, end: int) -> tuple[int, bool, int]:
    num, isnum, i = 0, False, start
    while i < end and "0" <= s[i] <= "9":
        if _too_large(num):
            return 0, False, end
        num = num * 10 + ord(s[i]) - 48
        isnum = True
        i += 1
    return num, isnum, i


def _int_from_arg(args: tuple, argnum: int) -> tuple[int, bool, int]:
    if argnum >= len(args):
        return 0, False, argnum
    a = args[argnum]
    num, is_int = 0, False
    if isinstance(a, int) and not isinstance(a, bool) and -(1 << 63) <= a < (1 << 63):
        num, is_int = int(a), True
    if _too_large(num):
        num, is_int = 0, False
    return num, is_int, argnum + 1


def _is_string_kind(a: Any) -> bool:
    return type(a) is str or isinstance(a, str) or (isinstance(a, GoObject) and a.go_kind == "string")


class _Printer:
    """Go's ``pp`` plus ``fmt``: printer state for one Sprint/Sprintf call."""

    __slots__ = ("buf", "wid", "prec", "wid_present", "prec_present", "minus", "plus", "sharp",
                 "space", "zero", "plus_v", "sharp_v", "erroring", "cur", "reordered", "good_arg_num")

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.erroring = False
        self.cur: Any = _NOT_SET
        self.clearflags()

    def clearflags(self) -> None:
        self.wid = self.prec = 0
        self.wid_present = self.prec_present = self.minus = self.plus = self.sharp = False
        self.space = self.zero = self.plus_v = self.sharp_v = False

    # -- padding

    def write_padding(self, n: int) -> None:
        if n > 0:
            self.buf.append(("0" if self.zero and not self.minus else " ") * n)

    def pad(self, s: str) -> None:
        if not self.wid_present or self.wid == 0:
            self.buf.append(s)
            return
        n = self.wid - len(s)
        if self.minus:
            self.buf.append(s)
            self.write_padding(n)
        else:
            self.write_padding(n)
            self.buf.append(s)

    # -- fmt.go's formatters

    def fmt_boolean(self, v: bool) -> None:
        self.pad("true" if v else "false")

    def fmt_integer(self, u: int, base: int, signed: bool, verb: str, upper: bool = False) -> None:
        u = int(u)
        negative = signed and u < 0
        if negative:
            u = -u
        prec = 0
        if self.prec_present:
            prec = self.prec
            if prec == 0 and u == 0:
                old = self.zero
                self.zero = False
                self.write_padding(self.wid)
                self.zero = old
                return
        elif self.zero and not self.minus and self.wid_present:
            prec = self.wid
            if negative or self.plus or self.space:
                prec -= 1
        if base == 10:
            s = str(u)
        elif base == 16:
            s = format(u, "X" if upper else "x")
        elif base == 8:
            s = format(u, "o")
        else:
            s = format(u, "b")
        if len(s) < prec:
            s = "0" * (prec - len(s)) + s
        if self.sharp:
            if base == 2:
                s = "0b" + s
            elif base == 8:
                if s[0] != "0":
                    s = "0" + s
            elif base == 16:
                s = ("0X" if upper else "0x") + s
        if verb == "O":
            s = "0o" + s
        if negative:
            s = "-" + s
        elif self.plus:
            s = "+" + s
        elif self.space:
            s = " " + s
        old = self.zero
        self.zero = False
        self.pad(s)
        self.zero = old

    def fmt_0x64(self, u: int, leading0x: bool) -> None:
        sharp = self.sharp
        self.sharp = leading0x
        self.fmt_integer(u, 16, False, "v")
        self.sharp = sharp

    def fmt_unicode(self, u: int) -> None:
        u &= _MASK64
        prec = self.prec if self.prec_present and self.prec > 4 else 4
        s = "U+" + format(u, "X").rjust(prec, "0")
        if self.sharp and u <= _MAX_RUNE and is_print(u):
            s += " '" + chr(u) + "'"
        old = self.zero
        self.zero = False
        self.pad(s)
        self.zero = old

    def fmt_c(self, u: int) -> None:
        u &= _MASK64
        self.pad(chr(_valid_rune(u) if u <= _MAX_RUNE else 0xFFFD))

    def fmt_qc(self, u: int) -> None:
        u &= _MASK64
        r = u if u <= _MAX_RUNE else 0xFFFD
        self.pad(quote_rune_ascii(r) if self.plus else quote_rune(r))

    def truncate(self, s: str) -> str:
        if self.prec_present and self.prec < len(s):
            return s[:self.prec]
        return s

    def fmt_s(self, s: str) -> None:
        self.pad(self.truncate(s))

    def fmt_sbx(self, b: bytes, upper: bool) -> None:
        length = len(b)
        if self.prec_present and self.prec < length:
            length = self.prec
        width = 2 * length
        if width > 0:
            if self.space:
                if self.sharp:
                    width *= 2
                width += length - 1
            elif self.sharp:
                width += 2
        else:
            if self.wid_present:
                self.write_padding(self.wid)
            return
        if self.wid_present and self.wid > width and not self.minus:
            self.write_padding(self.wid - width)
        prefix = ("0X" if upper else "0x") if self.sharp else ""
        h = b[:length].hex()
        if upper:
            h = h.upper()
        if self.space:
            self.buf.append(" ".join(prefix + h[i:i + 2] for i in range(0, len(h), 2)))
        else:
            self.buf.append(prefix + h)
        if self.wid_present and self.wid > width and self.minus:
            self.write_padding(self.wid - width)

    def fmt_q(self, s: str) -> None:
        s = self.truncate(s)
        if self.sharp and can_backquote(s):
            self.pad("`" + s + "`")
        else:
            self.pad(quote_ascii(s) if self.plus else quote(s))

    def fmt_float(self, v: float, size: int, verb: str, prec: int) -> None:
        if self.prec_present:
            prec = self.prec
        num = format_float(v, verb, prec, size)
        if num[0] not in "+-":
            num = "+" + num
        if self.space and num[0] == "+" and not self.plus:
            num = " " + num[1:]
        if num[1] in "IN":
            old = self.zero
            self.zero = False
            if num[1] == "N" and not self.space and not self.plus:
                num = num[1:]
            self.pad(num)
            self.zero = old
            return
        if self.sharp and verb != "b":
            num = self._sharp_float(num, verb, prec)
        if self.plus or num[0] != "+":
            if self.zero and not self.minus and self.wid_present and self.wid > len(num):
                self.buf.append(num[0])
                self.write_padding(self.wid - len(num))
                self.buf.append(num[1:])
                return
            self.pad(num)
            return
        self.pad(num[1:])

    @staticmethod
    def _sharp_float(num: str, verb: str, prec: int) -> str:
        """``#`` flag: force a decimal point and keep trailing zeros (format.go's fmtFloat)."""
        digits = 0
        if verb in "vgGx":
            digits = 6 if prec == -1 else prec
        tail = ""
        has_point = False
        saw_nonzero = False
        body = num
        for i in range(1, len(num)):
            c = num[i]
            if c == ".":
                has_point = True
            elif c in "pP" or (c in "eE" and verb not in "xX"):
                tail = num[i:]
                body = num[:i]
                break
            else:
                if c != "0":
                    saw_nonzero = True
                if saw_nonzero:
                    digits -= 1
        if not has_point:
            if len(body) == 2 and body[1] == "0":
                digits -= 1
            body += "."
        if digits > 0:
            body += "0" * digits
        return body + tail

    # -- print.go

    def bad_verb(self, verb: str) -> None:
        self.erroring = True
        cur = self.cur
        self.buf.append("%!" + verb + "(")
        if cur is None or cur is _NOT_SET:
            self.buf.append("<nil>")
        else:
            self.buf.append(type_name(cur) + "=")
            self.print_arg(cur, "v")
        self.buf.append(")")
        self.erroring = False

    def fmt_bool(self, v: bool, verb: str) -> None:
        if verb == "t" or verb == "v":
            self.fmt_boolean(v)
        else:
            self.bad_verb(verb)

    def fmt_int(self, v: int, verb: str) -> None:
        signed = not is_unsigned(v)
        if verb == "v":
            if self.sharp_v and not signed:
                self.fmt_0x64(v, True)
            else:
                self.fmt_integer(v, 10, signed, verb)
        elif verb == "d":
            self.fmt_integer(v, 10, signed, verb)
        elif verb == "x":
            self.fmt_integer(v, 16, signed, verb)
        elif verb == "X":
            self.fmt_integer(v, 16, signed, verb, True)
        elif verb == "o" or verb == "O":
            self.fmt_integer(v, 8, signed, verb)
        elif verb == "b":
            self.fmt_integer(v, 2, signed, verb)
        elif verb == "c":
            self.fmt_c(v)
        elif verb == "q":
            self.fmt_qc(v)
        elif verb == "U":
            self.fmt_unicode(v)
        else:
            self.bad_verb(verb)

    def fmt_float_verb(self, v: float, size: int, verb: str) -> None:
        if verb == "v":
            self.fmt_float(v, size, "g", -1)
        elif verb in "bgGxX":
            self.fmt_float(v, size, verb, -1)
        elif verb in "feE":
            self.fmt_float(v, size, verb, 6)
        elif verb == "F":
            self.fmt_float(v, size, "f", 6)
        else:
            self.bad_verb(verb)

    def fmt_string(self, s: str, verb: str) -> None:
        if verb == "v":
            if self.sharp_v:
                self.fmt_q(s)
            else:
                self.fmt_s(s)
        elif verb == "s":
            self.fmt_s(s)
        elif verb == "x" or verb == "X":
            self.fmt_sbx(_utf8(s), verb == "X")
        elif verb == "q":
            self.fmt_q(s)
        else:
            self.bad_verb(verb)

    def fmt_bytes(self, b: bytes, verb: str, type_string: str) -> None:
        if verb == "v" or verb == "d":
            if self.sharp_v:
                self.buf.append(type_string + "{")
                for i, c in enumerate(b):
                    if i:
                        self.buf.append(", ")
                    self.fmt_0x64(c, True)
                self.buf.append("}")
            else:
                self.buf.append("[")
                for i, c in enumerate(b):
                    if i:
                        self.buf.append(" ")
                    self.fmt_integer(c, 10, False, verb)
                self.buf.append("]")
        elif verb == "s":
            self.fmt_s(b.decode("utf-8", "surrogateescape"))
        elif verb == "x" or verb == "X":
            self.fmt_sbx(b, verb == "X")
        elif verb == "q":
            self.fmt_q(b.decode("utf-8", "surrogateescape"))
        else:
            self.print_slice([Uint8(c) for c in b], type_string.replace("[]byte", "[]uint8"), verb, 0)

    def fmt_pointer(self, v: Any, verb: str) -> None:
        """Pointers, funcs and maps under ``%p``: the address is printed as a stable ``0x0``."""
        if verb == "v":
            if self.sharp_v:
                self.buf.append("(" + type_name(v) + ")(")
                self.fmt_0x64(0, True)
                self.buf.append(")")
            else:
                self.fmt_0x64(0, not self.sharp)
        elif verb == "p":
            self.fmt_0x64(0, not self.sharp)
        elif verb in "bodxX":
            self.fmt_int(GoInt(0, "uintptr"), verb)
        else:
            self.bad_verb(verb)

    def handle_methods(self, arg: Any, verb: str) -> bool:
        """Stringer/error values print through their ``String()`` for string-like verbs."""
        if self.erroring or self.sharp_v:
            return False
        go_string = getattr(arg, "go_string", None)
        if go_string is None:
            return False
        if verb in "vsxXq":
            s = go_string()
            if s is not None:
                self.cur = arg
                self.fmt_string(s, verb)
                return True
        return False

    def print_arg(self, arg: Any, verb: str) -> None:
        self.cur = arg
        if arg is None:
            if verb == "T" or verb == "v":
                self.pad("<nil>")
            else:
                self.bad_verb(verb)
            return
        if verb == "T":
            self.fmt_s(type_name(arg))
            return
        if verb == "p":
            if isinstance(arg, (dict, list, bytes, GoFunc)) or callable(arg) or (
                    isinstance(arg, GoObject) and arg.go_type.startswith("*")):
                self.fmt_pointer(arg, "p")
            else:
                self.bad_verb("p")
            return
        if verb == "w":  # %w is only valid in Errorf
            self.bad_verb(verb)
            return
        t = type(arg)
        if t is str:
            self.fmt_string(arg, verb)
        elif t is bool:
            self.fmt_bool(arg, verb)
        elif t is float:
            self.fmt_float_verb(arg, 64, verb)
        elif isinstance(arg, int) and not hasattr(arg, "go_string"):
            self.fmt_int(arg, verb)
        elif isinstance(arg, (bytes, bytearray)):
            self.fmt_bytes(bytes(arg), verb, "[]byte")
        elif not self.handle_methods(arg, verb):
            self.print_value(arg, verb, 0)

    def print_elem(self, v: Any, verb: str, depth: int, nil_type: str) -> None:
        """An element held in an interface slot: nil prints ``<nil>`` whatever the verb."""
        if v is None:
            self.buf.append(nil_type + "(nil)" if self.sharp_v else "<nil>")
        else:
            self.print_value(v, verb, depth)

    def print_value(self, v: Any, verb: str, depth: int) -> None:
        if depth > 0 and self.handle_methods(v, verb):
            return
        self.cur = v
        t = type(v)
        if t is str or isinstance(v, str):
            self.fmt_string(v, verb)
        elif t is bool:
            self.fmt_bool(v, verb)
        elif t is float:
            self.fmt_float_verb(v, 64, verb)
        elif isinstance(v, int):
            self.fmt_int(v, verb)
        elif isinstance(v, dict):
            self.print_map(v, verb, depth)
        elif isinstance(v, list):
            go_type = type_name(v)
            if go_type == "[]uint8" and verb in "sqxX":
                self.fmt_bytes(bytes(v), verb, go_type)
            else:
                self.print_slice(v, go_type, verb, depth)
        elif isinstance(v, (bytes, bytearray)):
            if verb in "sqxX":
                self.fmt_bytes(bytes(v), verb, "[]uint8")
            else:
                self.print_slice([Uint8(c) for c in v], "[]uint8", verb, depth)
        elif isinstance(v, GoObject):
            self.print_object(v, verb, depth)
        elif isinstance(v, GoFunc) or callable(v):
            self.fmt_pointer(v, verb)
        elif isinstance(v, float):
            self.fmt_float_verb(float(v), 64, verb)
        else:
            self.buf.append("?" + type_name(v) + "?")

    def print_map(self, m: dict, verb: str, depth: int) -> None:
        go_type = type_name(m)
        nil_type = _elem_type(go_type)
        sharp_v = self.sharp_v
        self.buf.append(go_type + "{" if sharp_v else "map[")
        for i, k in enumerate(_sorted_keys(m)):
            if i:
                self.buf.append(", " if sharp_v else " ")
            self.print_value(k, verb, depth + 1)
            self.buf.append(":")
            self.print_elem(m[k], verb, depth + 1, nil_type)
        self.buf.append("}" if sharp_v else "]")

    def print_slice(self, items: list, go_type: str, verb: str, depth: int) -> None:
        nil_type = _elem_type(go_type)
        if self.sharp_v:
            self.buf.append(go_type + "{")
            sep = ", "
        else:
            self.buf.append("[")
            sep = " "
        for i, x in enumerate(items):
            if i:
                self.buf.append(sep)
            self.print_elem(x, verb, depth + 1, nil_type)
        self.buf.append("}" if self.sharp_v else "]")

    def print_object(self, v: GoObject, verb: str, depth: int, deref: bool = False) -> None:
        """Structs print ``{f1 f2}``; a pointer is ``&{…}`` at top level, an address below."""
        go_type = v.go_type
        if go_type.startswith("*") and not deref:
            if depth > 0:
                self.fmt_pointer(v, verb)
                return
            self.buf.append("&")
            go_type = go_type[1:]
        elif deref:
            go_type = go_type.lstrip("*")
        if self.sharp_v:
            self.buf.append(go_type)
        self.buf.append("{")
        names = self.plus_v or self.sharp_v
        for i, (name, value) in enumerate(v.go_fields()):
            if i:
                self.buf.append(", " if self.sharp_v else " ")
            if names and name:
                self.buf.append(name + ":")
            self.print_elem(value, verb, depth + 1, "interface {}")
        self.buf.append("}")

    # -- entry points

    def arg_number(self, argnum: int, fmt: str, i: int, numargs: int) -> tuple[int, int, bool]:
        if i >= len(fmt) or fmt[i] != "[":
            return argnum, i, False
        self.reordered = True
        index, wid, ok = 0, 1, False
        if len(fmt) - i >= 3:
            close = fmt.find("]", i + 1)
            if close >= 0:
                width, isnum, newi = _parsenum(fmt, i + 1, close)
                wid = close - i + 1
                if isnum and newi == close:
                    index, ok = width - 1, True
        if ok and 0 <= index < numargs:
            return index, i + wid, True
        self.good_arg_num = False
        return argnum, i + wid, ok

    def do_printf(self, fmt: str, args: tuple) -> None:
        buf = self.buf
        end = len(fmt)
        nargs = len(args)
        argnum = 0
        after_index = False
        self.reordered = False
        i = 0
        while i < end:
            self.good_arg_num = True
            j = fmt.find("%", i)
            if j < 0:
                buf.append(fmt[i:])
                break
            if j > i:
                buf.append(fmt[i:j])
            i = j + 1
            self.clearflags()
            simple = False
            while i < end:
                c = fmt[i]
                if c == "#":
                    self.sharp = True
                elif c == "0":
                    self.zero = True
                elif c == "+":
                    self.plus = True
                elif c == "-":
                    self.minus = True
                elif c == " ":
                    self.space = True
                else:
                    if "a" <= c <= "z" and argnum < nargs:
                        if c == "v" or c == "w":
                            self.sharp_v, self.sharp = self.sharp, False
                            self.plus_v, self.plus = self.plus, False
                        self.print_arg(args[argnum], c)
                        argnum += 1
                        i += 1
                        simple = True
                    break
                i += 1
            if simple:
                continue

            argnum, i, after_index = self.arg_number(argnum, fmt, i, nargs)

            if i < end and fmt[i] == "*":
                i += 1
                self.wid, self.wid_present, argnum = _int_from_arg(args, argnum)
                if not self.wid_present:
                    buf.append("%!(BADWIDTH)")
                if self.wid < 0:
                    self.wid = -self.wid
                    self.minus = True
                    self.zero = False
                after_index = False
            else:
                self.wid, self.wid_present, i = _parsenum(fmt, i, end)
                if after_index and self.wid_present:
                    self.good_arg_num = False

            if i + 1 < end and fmt[i] == ".":
                i += 1
                if after_index:
                    self.good_arg_num = False
                argnum, i, after_index = self.arg_number(argnum, fmt, i, nargs)
                if i < end and fmt[i] == "*":
                    i += 1
                    self.prec, self.prec_present, argnum = _int_from_arg(args, argnum)
                    if self.prec < 0:
                        self.prec = 0
                        self.prec_present = False
                    if not self.prec_present:
                        buf.append("%!(BADPREC)")
                    after_index = False
                else:
                    self.prec, self.prec_present, i = _parsenum(fmt, i, end)
                    if not self.prec_present:
                        self.prec = 0
                        self.prec_present = True

            if not after_index:
                argnum, i, after_index = self.arg_number(argnum, fmt, i, nargs)

            if i >= end:
                buf.append("%!(NOVERB)")
                break

            verb = fmt[i]
            i += 1
            if 0xDC80 <= ord(verb) <= 0xDCFF:  # an invalid byte decodes as U+FFFD
                verb = "\ufffd"
            if verb == "%":
                buf.append("%")
            elif not self.good_arg_num:
                buf.append("%!" + verb + "(BADINDEX)")
            elif argnum >= nargs:
                buf.append("%!" + verb + "(MISSING)")
            else:
                if verb == "v" or verb == "w":
                    self.sharp_v, self.sharp = self.sharp, False
                    self.plus_v, self.plus = self.plus, False
                self.print_arg(args[argnum], verb)
                argnum += 1

        if not self.reordered and argnum < nargs:
            self.clearflags()
            buf.append("%!(EXTRA ")
            for k, a in enumerate(args[argnum:]):
                if k:
                    buf.append(", ")
                if a is None:
                    buf.append("<nil>")
                else:
                    buf.append(type_name(a) + "=")
                    self.print_arg(a, "v")
            buf.append(")")


class _NeedsPrinter(Exception):
    """A value the plain ``%v`` fast path does not handle."""


def _plain_v(v: Any, out: list[str]) -> None:
    """``%v`` of plain values and containers, appended to ``out`` without the full printer."""
    t = type(v)
    if t is str:
        out.append(v)
    elif t is int:
        out.append(str(v))
    elif t is float:
        out.append(_float_v(v))
    elif t is bool:
        out.append("true" if v else "false")
    elif v is None:
        out.append("<nil>")
    elif isinstance(v, dict):
        out.append("map[")
        for i, k in enumerate(_sorted_keys(v)):
            if i:
                out.append(" ")
            _plain_v(k, out)
            out.append(":")
            _plain_v(v[k], out)
        out.append("]")
    elif isinstance(v, list):
        out.append("[")
        for i, x in enumerate(v):
            if i:
                out.append(" ")
            _plain_v(x, out)
        out.append("]")
    elif isinstance(v, int) and not isinstance(v, bool):
        out.append(str(int(v)))
    else:
        raise _NeedsPrinter


def print_value(v: Any) -> str:
    """``fmt.Sprint(v)`` of one value: what ``{{ v }}`` and ``print v`` output."""
    t = type(v)
    if t is str:
        return v
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        return _float_v(v)
    if v is None:
        return "<nil>"
    if isinstance(v, int) and not isinstance(v, bool) and not hasattr(v, "go_string"):
        return str(int(v))
    if isinstance(v, (list, dict)):
        out: list[str] = []
        try:
            _plain_v(v, out)
            return "".join(out)
        except _NeedsPrinter:
            pass
    p = _Printer()
    p.print_arg(v, "v")
    return "".join(p.buf)


def print_dereferenced(v: Any) -> str:
    """``fmt.Sprint`` of a pointer's target, as text/template's ``printableValue`` passes it."""
    if isinstance(v, GoObject) and v.go_type.startswith("*") and v.go_string() is None:
        p = _Printer()
        p.print_object(v, "v", 0, deref=True)
        return "".join(p.buf)
    return print_value(v)


def sprint(*args: Any) -> str:
    """``fmt.Sprint``: spaces between operands when neither is a string."""
    if len(args) == 1:
        return print_value(args[0])
    out = []
    prev_string = False
    for n, a in enumerate(args):
        is_string = a is not None and _is_string_kind(a)
        if n > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(print_value(a))
        prev_string = is_string
    return "".join(out)


def sprintln(*args: Any) -> str:
    """``fmt.Sprintln``: operands always space-separated, then a newline."""
    return " ".join(print_value(a) for a in args) + "\n"


_PLAN_CACHE: dict[str, tuple[list[str], str] | None] = {}


def _simple_plan(format: str) -> tuple[list[str], str] | None:
    """Split a format made only of flagless ``%s``/``%d``/``%v`` and ``%%`` into literals and verbs."""
    literals, verbs = [], []
    pieces = format.split("%")
    lit = pieces[0]
    i = 1
    while i < len(pieces):
        piece = pieces[i]
        if piece == "" and i + 1 < len(pieces):  # "%%"
            lit += "%" + pieces[i + 1]
            i += 2
            continue
        if not piece or piece[0] not in "sdv":
            return None
        literals.append(lit)
        verbs.append(piece[0])
        lit = piece[1:]
        i += 1
    literals.append(lit)
    return literals, "".join(verbs)


def _simple_sprintf(plan: tuple[list[str], str], args: tuple) -> str | None:
    literals, verbs = plan
    if len(args) != len(verbs):
        return None
    out = [literals[0]]
    for n, verb in enumerate(verbs):
        a = args[n]
        t = type(a)
        if verb == "v":
            out.append(a if t is str else print_value(a))
        elif t is str and verb == "s":
            out.append(a)
        elif verb == "d" and isinstance(a, int) and t is not bool:
            out.append(str(int(a)))
        else:
            return None
        out.append(literals[n + 1])
    return "".join(out)


def sprintf(format: str, *args: Any) -> str:
    """``fmt.Sprintf`` with Go's verbs, flags, ``*``/``[n]`` operands and ``%!`` error forms."""
    if "%" not in format and not args:
        return format
    try:
        plan = _PLAN_CACHE[format]
    except KeyError:
        if len(_PLAN_CACHE) > 4096:
            _PLAN_CACHE.clear()
        plan = _PLAN_CACHE[format] = _simple_plan(format)
    if plan is not None:
        result = _simple_sprintf(plan, args)
        if result is not None:
            return result
    p = _Printer()
    p.do_printf(format, args)
    return "".join(p.buf)

"""Numeric conversions: ``atoi``, ``int``, ``int64``, ``float64``, ``toDecimal``.

Sprig delegates to spf13/cast v1.7.0, which swallows every error into 0:
strings go through ``strconv.ParseInt(trimZeroDecimal(s), 0, 0)`` (so
``"08"`` is 0 but ``"010"`` is 8 and ``"3.0"`` is 3) or ``strconv.ParseFloat``;
floats truncate; bools are 0/1; nil and other kinds are 0. The Go parsers are
reimplemented here because Python's ``int``/``float`` accept other syntax
(spaces, Unicode digits, ``"010"`` as an error, no hex floats).
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..gotemplate.gofmt import print_value
from ..gotemplate.gotypes import GoObject, Int64
from .registry import gofunc

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
_U64 = 1 << 64

_DEC_FLOAT = re.compile(r"[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?")
_HEX_FLOAT = re.compile(r"[+-]?0[xX](?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+")
_SPECIAL = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "infinity": math.inf,
            "+infinity": math.inf, "-infinity": -math.inf, "nan": math.nan}


def wrap64(v: int) -> int:
    """Two's-complement wrap to int64, as Go integer arithmetic does."""
    v &= _U64 - 1
    return v - _U64 if v > INT64_MAX else v


def underscore_ok(s: str) -> bool:
    """strconv's underscoreOK: underscores only between digits (or after a base prefix)."""
    saw = "^"
    i = 0
    if s[:1] in ("+", "-"):
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1] in "bBoOxX":
        i = 2
        saw = "0"
        hexa = s[1] in "xX"
    for c in s[i:]:
        if "0" <= c <= "9" or (hexa and c in "abcdefABCDEF"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def parse_int(s: str, base: int = 0) -> int | None:
    """strconv.ParseInt(s, base, 64); None for a syntax or range error."""
    if not s or not s.isascii():
        return None
    s0 = s
    neg = s[0] == "-"
    if s[0] in "+-":
        s = s[1:]
        if not s:
            return None
    base0 = base == 0
    if base0:
        base = 10
        if s[0] == "0":
            if len(s) >= 3 and s[1] in "bBoOxX":
                base = {"b": 2, "o": 8, "x": 16}[s[1].lower()]
                s = s[2:]
            else:
                base = 8
                s = s[1:]
    n = 0
    underscores = False
    for c in s:
        if c == "_" and base0:
            underscores = True
            continue
        d = int(c, 36) if c.isalnum() else 99
        if d >= base:
            return None
        n = n * base + d
    if underscores and not underscore_ok(s0):
        return None
    if neg:
        n = -n
    if n < INT64_MIN or n > INT64_MAX:
        return None
    return n


def parse_float(s: str) -> float | None:
    """strconv.ParseFloat(s, 64); None for a syntax or range (overflow) error."""
    if not s.isascii():
        return None
    special = _SPECIAL.get(s.lower())
    if special is not None:
        return special
    if "_" in s and not underscore_ok(s):
        return None
    if _DEC_FLOAT.fullmatch(s):
        if not any(c.isdigit() for c in s.split("e")[0].split("E")[0]):
            return None
        try:
            f = float(s.replace("_", ""))
        except ValueError:
            return None
    elif _HEX_FLOAT.fullmatch(s):
        try:
            f = float.fromhex(s.replace("_", ""))
        except (ValueError, OverflowError):
            return None
    else:
        return None
    return None if math.isinf(f) else f


def _trim_zero_decimal(s: str) -> str:
    """cast's trimZeroDecimal: "3.00" -> "3", anything else unchanged."""
    found_zero = False
    for i in range(len(s) - 1, -1, -1):
        c = s[i]
        if c == ".":
            if found_zero:
                return s[:i]
        elif c == "0":
            found_zero = True
        else:
            return s
    return s


def float_to_int64(f: float) -> int:
    """Go's float64 -> int64 conversion on amd64 (NaN and overflow give MinInt64)."""
    if f != f or f >= 9.223372036854775807e18 or f < -9.223372036854775808e18:
        return INT64_MIN
    return int(f)


def to_int64(v: Any) -> int:
    """cast.ToInt64 (also cast.ToInt: Go's int is 64-bit)."""
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, int):
        return wrap64(v)
    if isinstance(v, float):
        return float_to_int64(v)
    if isinstance(v, str):
        n = parse_int(_trim_zero_decimal(v))
        return 0 if n is None else n
    return 0


def to_float64(v: Any) -> float:
    """cast.ToFloat64."""
    if isinstance(v, float):
        return v
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int):
        return float(v)
    if isinstance(v, str):
        f = parse_float(v)
        return 0.0 if f is None else f
    return 0.0


@gofunc("atoi", params=("string",), returns="int", has_error=False,
        signature="atoi STRING", doc="Parses a decimal integer (strconv.Atoi); 0 if invalid.")
def atoi(s: str) -> int:
    n = parse_int(s, 10)
    if n is not None:
        return n
    # Atoi keeps ParseInt's clamped value on a range error; syntax errors give 0.
    digits = s[1:] if s[:1] in ("+", "-") else s
    if digits and digits.isascii() and digits.isdigit():
        return INT64_MIN if s[0] == "-" else INT64_MAX
    return 0


@gofunc("int", params=("interface {}",), returns="int", has_error=False,
        signature="int VALUE", doc="Converts VALUE to int (cast.ToInt: strings in Go syntax, floats truncate, else 0).")
def to_int(v: Any) -> int:
    return to_int64(v)


@gofunc("int64", params=("interface {}",), returns="int64", has_error=False,
        signature="int64 VALUE", doc="Converts VALUE to int64 (cast.ToInt64: floats truncate, invalid gives 0).")
def to_int64_fn(v: Any) -> Int64:
    return Int64(to_int64(v))


@gofunc("float64", params=("interface {}",), returns="float64", has_error=False,
        signature="float64 VALUE", doc="Converts VALUE to float64 (cast.ToFloat64; invalid gives 0).")
def to_float64_fn(v: Any) -> float:
    return to_float64(v)


@gofunc("toDecimal", params=("interface {}",), returns="int64", has_error=False,
        signature="toDecimal VALUE", doc='Parses VALUE as an octal number ("0777" -> 511); 0 if invalid.')
def to_decimal(v: Any) -> Int64:
    if isinstance(v, str):
        s = v
    elif isinstance(v, GoObject) and v.go_string() is not None:
        s = v.go_string()
    else:
        s = print_value(v)
    n = parse_int(s, 8)
    return Int64(0 if n is None else n)

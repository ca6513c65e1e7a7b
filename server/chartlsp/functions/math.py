"""Sprig's arithmetic (``numeric.go`` and the inline math of ``functions.go``).

Integer math converts every operand with cast.ToInt64 (floats truncate, so
``mul 0.5 1000`` is 0) and wraps like Go's int64; ``div``/``mod`` truncate
toward zero. The ``…f`` family goes through shopspring/decimal: each operand
is the shortest decimal of its float64, sums and products are exact,
quotients are rounded half away from zero to 16 places, and the result is the
nearest float64 — reproduced with exact fractions.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

from ..gotemplate.gotypes import GoError, Int64, TypedList
from .conversion import to_float64, to_int64, wrap64
from .registry import gofunc

_DIV_ZERO = "runtime error: integer divide by zero"
_DIV_PRECISION = 16


def _go_div(a: int, b: int) -> int:
    if b == 0:
        raise GoError(_DIV_ZERO)
    q = abs(a) // abs(b)
    return wrap64(q if (a < 0) == (b < 0) else -q)


def _go_mod(a: int, b: int) -> int:
    if b == 0:
        raise GoError(_DIV_ZERO)
    r = abs(a) % abs(b)
    return -r if a < 0 else r


@gofunc("add1", params=("interface {}",), returns="int64", has_error=False,
        signature="add1 VALUE", doc="VALUE + 1 as int64 (floats truncate first).")
def add1(i: Any) -> Int64:
    return Int64(wrap64(to_int64(i) + 1))


@gofunc("add", variadic="interface {}", returns="int64", has_error=False,
        signature="add VALUE...", doc="Sum of the values as int64 (floats truncate first).")
def add(*vals: Any) -> Int64:
    return Int64(wrap64(sum(to_int64(v) for v in vals)))


@gofunc("sub", params=("interface {}", "interface {}"), returns="int64", has_error=False,
        signature="sub A B", doc="A - B as int64 (floats truncate first).")
def sub(a: Any, b: Any) -> Int64:
    return Int64(wrap64(to_int64(a) - to_int64(b)))


@gofunc("div", params=("interface {}", "interface {}"), returns="int64", has_error=False,
        signature="div A B", doc="A / B as int64, truncated toward zero.")
def div(a: Any, b: Any) -> Int64:
    return Int64(_go_div(to_int64(a), to_int64(b)))


@gofunc("mod", params=("interface {}", "interface {}"), returns="int64", has_error=False,
        signature="mod A B", doc="A % B as int64 (the sign follows A).")
def mod(a: Any, b: Any) -> Int64:
    return Int64(_go_mod(to_int64(a), to_int64(b)))


@gofunc("mul", params=("interface {}",), variadic="interface {}", returns="int64", has_error=False,
        signature="mul A B...", doc="Product of the values as int64 (floats truncate first).")
def mul(a: Any, *vals: Any) -> Int64:
    r = to_int64(a)
    for v in vals:
        r = wrap64(r * to_int64(v))
    return Int64(r)


@gofunc("max", params=("interface {}",), variadic="interface {}", returns="int64", has_error=False,
        aliases=("biggest",), signature="max A B...", doc="Largest of the values as int64.")
def max_(a: Any, *vals: Any) -> Int64:
    r = to_int64(a)
    for v in vals:
        r = max(r, to_int64(v))
    return Int64(r)


@gofunc("min", params=("interface {}",), variadic="interface {}", returns="int64", has_error=False,
        signature="min A B...", doc="Smallest of the values as int64.")
def min_(a: Any, *vals: Any) -> Int64:
    r = to_int64(a)
    for v in vals:
        r = min(r, to_int64(v))
    return Int64(r)


def _go_max(x: float, y: float) -> float:
    """math.Max: NaN wins, +0 beats -0."""
    if x != x or y != y:
        return math.nan
    if x == 0 and y == 0:
        return x if math.copysign(1, x) > 0 else y
    return x if x > y else y


def _go_min(x: float, y: float) -> float:
    """math.Min: NaN wins, -0 beats +0."""
    if x != x or y != y:
        return math.nan
    if x == 0 and y == 0:
        return x if math.copysign(1, x) < 0 else y
    return x if x < y else y


@gofunc("maxf", params=("interface {}",), variadic="interface {}", returns="float64", has_error=False,
        signature="maxf A B...", doc="Largest of the values as float64.")
def maxf(a: Any, *vals: Any) -> float:
    r = to_float64(a)
    for v in vals:
        r = _go_max(r, to_float64(v))
    return r


@gofunc("minf", params=("interface {}",), variadic="interface {}", returns="float64", has_error=False,
        signature="minf A B...", doc="Smallest of the values as float64.")
def minf(a: Any, *vals: Any) -> float:
    r = to_float64(a)
    for v in vals:
        r = _go_min(r, to_float64(v))
    return r


def _floor(x: float) -> float:
    if not math.isfinite(x):
        return x
    r = float(math.floor(x))
    return r if r else math.copysign(0.0, x)


def _ceil(x: float) -> float:
    if not math.isfinite(x):
        return x
    r = float(math.ceil(x))
    return r if r else math.copysign(0.0, x)


@gofunc("floor", params=("interface {}",), returns="float64", has_error=False,
        signature="floor VALUE", doc="Largest integer value <= VALUE, as float64.")
def floor(a: Any) -> float:
    return _floor(to_float64(a))


@gofunc("ceil", params=("interface {}",), returns="float64", has_error=False,
        signature="ceil VALUE", doc="Smallest integer value >= VALUE, as float64.")
def ceil(a: Any) -> float:
    return _ceil(to_float64(a))


def _go_pow10(n: int) -> float:
    """Go's ``math.Pow(10, n)``: repeated squaring, so from 1e23 on it can differ from C's pow by an ulp."""
    if n == 0:
        return 1.0
    if n == 1:
        return 10.0
    if abs(n) >= 1 << 63:
        return 0.0 if n < 0 else math.inf
    a1, ae = 1.0, 0
    x1, xe = 0.625, 4  # Frexp(10)
    i = abs(n)
    while i:
        if xe < -(1 << 12) or (1 << 12) < xe:
            ae += xe
            break
        if i & 1:
            a1 *= x1
            ae += xe
        x1 *= x1
        xe <<= 1
        if x1 < 0.5:
            x1 += x1
            xe -= 1
        i >>= 1
    if n < 0:
        a1, ae = 1 / a1, -ae
    try:
        return math.ldexp(a1, ae)
    except OverflowError:
        return math.inf


@gofunc("round", params=("interface {}", "int"), variadic="float64", returns="float64", has_error=False,
        signature="round VALUE PLACES [ROUNDON]",
        doc="Rounds VALUE to PLACES decimals; a fraction >= ROUNDON (default .5) rounds up.")
def round_(a: Any, places: int, *opt: float) -> float:
    round_on = opt[0] if opt else 0.5
    val = to_float64(a)
    pow10 = _go_pow10(places)
    digit = pow10 * val
    frac = math.modf(digit)[0] if math.isfinite(digit) else math.nan
    r = _ceil(digit) if frac >= round_on else _floor(digit)
    try:
        return r / pow10
    except ZeroDivisionError:
        return math.copysign(math.inf, r) if r else math.nan


@gofunc("randInt", params=("int", "int"), returns="int", has_error=False,
        signature="randInt MIN MAX", doc="A random int in [MIN, MAX).")
def rand_int(lo: int, hi: int) -> int:
    if hi - lo <= 0:
        raise GoError("invalid argument to Intn")
    return random.randrange(hi - lo) + lo


# ---------------------------------------------------------------- decimal (…f) math

def _decimal(v: Any) -> Fraction:
    """decimal.NewFromFloat(toFloat64(v)) as an exact fraction."""
    f = to_float64(v)
    if not math.isfinite(f):
        raise GoError(f"Cannot create a Decimal from {'NaN' if f != f else ('+Inf' if f > 0 else '-Inf')}")
    return Fraction(repr(f)) if f else Fraction(0)


def _div_round(a: Fraction, b: Fraction) -> Fraction:
    """shopspring DivRound(b, 16): round half away from zero to 16 decimal places."""
    if b == 0:
        raise GoError("decimal division by 0")
    q = a / b * 10 ** _DIV_PRECISION
    n = abs(q.numerator)
    whole, rem = divmod(n, q.denominator)
    if 2 * rem >= q.denominator:
        whole += 1
    return Fraction(-whole if q < 0 else whole, 10 ** _DIV_PRECISION)


def _decimal_op(a: Any, rest: tuple[Any, ...], op: str) -> float:
    acc = _decimal(a)
    for v in rest:
        d = _decimal(v)
        if op == "+":
            acc += d
        elif op == "-":
            acc -= d
        elif op == "*":
            acc *= d
        else:
            acc = _div_round(acc, d)
    try:
        return float(acc)
    except OverflowError:  # Decimal.Float64 parses the digits: out of range is ±Inf
        return math.inf if acc > 0 else -math.inf


@gofunc("add1f", params=("interface {}",), returns="float64", has_error=False,
        signature="add1f VALUE", doc="VALUE + 1 in decimal arithmetic, as float64.")
def add1f(i: Any) -> float:
    return _decimal_op(i, (1,), "+")


@gofunc("addf", variadic="interface {}", returns="float64", has_error=False,
        signature="addf VALUE...", doc="Sum of the values in decimal arithmetic, as float64.")
def addf(*vals: Any) -> float:
    return _decimal_op(0.0, vals, "+")


@gofunc("subf", params=("interface {}",), variadic="interface {}", returns="float64", has_error=False,
        signature="subf A B...", doc="A minus each following value, in decimal arithmetic.")
def subf(a: Any, *vals: Any) -> float:
    return _decimal_op(a, vals, "-")


@gofunc("mulf", params=("interface {}",), variadic="interface {}", returns="float64", has_error=False,
        signature="mulf A B...", doc="Product of the values in decimal arithmetic, as float64.")
def mulf(a: Any, *vals: Any) -> float:
    return _decimal_op(a, vals, "*")


@gofunc("divf", params=("interface {}",), variadic="interface {}", returns="float64", has_error=False,
        signature="divf A B...", doc="A divided by each following value (16 decimal places), as float64.")
def divf(a: Any, *vals: Any) -> float:
    return _decimal_op(a, vals, "/")


# ---------------------------------------------------------------- integer sequences

def _until_step(start: int, stop: int, step: int) -> list[int]:
    if stop < start:
        return list(range(start, stop, step)) if step < 0 else []
    return list(range(start, stop, step)) if step > 0 else []


@gofunc("until", params=("int",), returns="[]int", has_error=False,
        signature="until COUNT", doc="The ints 0..COUNT-1 ([]int); a negative COUNT counts down.")
def until(count: int) -> TypedList:
    return TypedList(_until_step(0, count, -1 if count < 0 else 1), "[]int")


@gofunc("untilStep", params=("int", "int", "int"), returns="[]int", has_error=False,
        signature="untilStep START STOP STEP", doc="The ints from START toward STOP (exclusive) by STEP ([]int).")
def until_step(start: int, stop: int, step: int) -> TypedList:
    return TypedList(_until_step(start, stop, step), "[]int")


@gofunc("seq", variadic="int", returns="string", has_error=False,
        signature="seq [START [STEP]] END",
        doc='Space-separated integer sequence like seq(1): "seq 3" is "1 2 3", "seq 0 2 6" is "0 2 4 6".')
def seq(*params: int) -> str:
    n = len(params)
    if n == 1:
        start, end = 1, params[0]
        inc = -1 if end < start else 1
        nums = _until_step(start, end + inc, inc)
    elif n == 2:
        start, end = params
        step = -1 if end < start else 1
        nums = _until_step(start, end + step, step)
    elif n == 3:
        start, step, end = params
        inc = 1
        if end < start:
            inc = -1
            if step > 0:
                return ""
        nums = _until_step(start, end + inc, step)
    else:
        return ""
    return " ".join(map(str, nums))

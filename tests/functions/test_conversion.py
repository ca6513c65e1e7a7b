"""cast-style conversions: snippets.json rows plus strconv corner cases."""

import math

import pytest

from chartlsp.functions import conversion as C
from chartlsp.gotemplate.gotypes import GoInt, Int64

CASES = [
    (C.atoi, "42", 42), (C.atoi, "0x1F", 0), (C.atoi, "4.5", 0), (C.atoi, " 7", 0),
    (C.atoi, "-3", -3), (C.atoi, "+5", 5), (C.atoi, "", 0), (C.atoi, "1_000", 0),
    (C.atoi, "99999999999999999999", 9223372036854775807),
    (C.atoi, "-99999999999999999999", -9223372036854775808),
    (C.to_int, "08", 0), (C.to_int, "010", 8), (C.to_int, "0x1F", 31), (C.to_int, "3.0", 3),
    (C.to_int, "3.5", 0), (C.to_int, "abc", 0), (C.to_int, "3.", 0), (C.to_int, "0", 0),
    (C.to_int, "0b101", 5), (C.to_int, "0o17", 15), (C.to_int, "1_000", 1000), (C.to_int, "1__0", 0),
    (C.to_int, "-0x10", -16), (C.to_int, "٣", 0), (C.to_int, "10.00", 10),
    (C.to_int, 3.9, 3), (C.to_int, -3.9, -3), (C.to_int, 7.7, 7), (C.to_int, True, 1),
    (C.to_int, False, 0), (C.to_int, None, 0), (C.to_int, [1], 0), (C.to_int, {"a": 1}, 0),
    (C.to_int, Int64(5), 5), (C.to_int, GoInt(2**64 - 1, "uint64"), -1),
    (C.to_int, math.nan, -9223372036854775808), (C.to_int, 1e19, -9223372036854775808),
    (C.to_int, "9223372036854775808", 0),
    (C.to_int64_fn, "9007199254740993", 9007199254740993), (C.to_int64_fn, 1e18, 10**18),
    (C.to_float64_fn, "3.25", 3.25), (C.to_float64_fn, "1e3", 1000.0), (C.to_float64_fn, "x", 0.0),
    (C.to_float64_fn, 2, 2.0), (C.to_float64_fn, True, 1.0), (C.to_float64_fn, None, 0.0),
    (C.to_float64_fn, " 1", 0.0), (C.to_float64_fn, "1_000.5", 1000.5), (C.to_float64_fn, "0x1p-2", 0.25),
    (C.to_float64_fn, "0x1F", 0.0), (C.to_float64_fn, "1e400", 0.0), (C.to_float64_fn, "-Inf", -math.inf),
    (C.to_float64_fn, "infinity", math.inf), (C.to_float64_fn, ".5", 0.5), (C.to_float64_fn, "1.", 1.0),
    (C.to_float64_fn, ".", 0.0), (C.to_float64_fn, "+nan", 0.0), (C.to_float64_fn, "١", 0.0),
    (C.to_decimal, "0777", 511), (C.to_decimal, "10", 8), (C.to_decimal, "9", 0),
    (C.to_decimal, 777.0, 511), (C.to_decimal, None, 0), (C.to_decimal, "-17", -15),
]


@pytest.mark.parametrize("fn,arg,want", CASES)
def test_conversions(fn, arg, want):
    got = fn(arg)
    assert got == want
    assert type(got) is {C.to_int64_fn: Int64, C.to_decimal: Int64}.get(fn, type(want))


def test_result_types():
    assert type(C.to_int64_fn("1")) is Int64
    assert type(C.to_decimal("7")) is Int64
    assert type(C.to_int("1")) is int
    assert type(C.to_float64_fn(1)) is float
    assert math.isnan(C.to_float64_fn("NaN"))

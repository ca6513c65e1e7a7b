"""Sprig math: int64 arithmetic, decimal float math, rounding and sequences."""

import math

import pytest

from chartlsp.functions import math as M
from chartlsp.gotemplate.gotypes import GoError, Int64

INT_CASES = [
    (M.add, (1, 2, 3), 6), (M.add, (1.9, 1.9), 2), (M.add, ("2", 3), 5), (M.add, (), 0),
    (M.add, (2**63 - 1, 1), -(2**63)),
    (M.add1, (41,), 42), (M.add1, (9.9,), 10),
    (M.sub, (10, 3), 7), (M.mul, (2, 3, 4), 24), (M.mul, (1.5, 2), 2), (M.mul, (0.5, 1000), 0),
    (M.div, (7, 2), 3), (M.div, (-7, 2), -3), (M.div, (-(2**63), -1), -(2**63)),
    (M.mod, (7, 3), 1), (M.mod, (-7, 3), -1), (M.mod, (7, -3), 1),
    (M.max_, (1, 5, 3), 5), (M.min_, (4, -2, 8), -2), (M.max_, (1, 2), 2), (M.max_, ("7",), 7),
]


@pytest.mark.parametrize("fn,args,want", INT_CASES)
def test_int64_math(fn, args, want):
    got = fn(*args)
    assert got == want and type(got) is Int64


FLOAT_CASES = [
    (M.maxf, (1.5, 2.25, 0), 2.25), (M.minf, (1.5, -2.25), -2.25),
    (M.floor, (1.7,), 1.0), (M.ceil, (1.2,), 2.0), (M.floor, (-1.5,), -2.0), (M.ceil, ("2.1",), 3.0),
    (M.round_, (3.14159, 2), 3.14), (M.round_, (2.5, 0), 3.0), (M.round_, (1.2345, 3, 0.4), 1.235),
    (M.round_, (-2.5, 0), -3.0), (M.round_, (123.456, -1), 120.0),
    # 10**places via Go's math.Pow (repeated squaring), not C's pow: checked against Go
    (M.round_, (-7, 100), -7.0), (M.round_, (-7, 37), -6.999999999999999), (M.round_, (1.5, 30), 1.5000000000000002),
    (M.addf, (1.1, 2.2), 3.3), (M.addf, (1, 2), 3.0), (M.addf, (), 0.0),
    (M.subf, (5.5, 1.25), 4.25), (M.mulf, (1.1, 3), 3.3), (M.mulf, (0.5, 1000), 500.0),
    (M.divf, (1, 3), 0.3333333333333333), (M.divf, (10, 4), 2.5), (M.divf, (2, 3), 0.6666666666666667),
    (M.divf, (-2, 3), -0.6666666666666667), (M.add1f, (1.5,), 2.5), (M.subf, (0.3, 0.1), 0.2),
    (M.divf, (1.5, 1e-320), math.inf), (M.mulf, (-1e300, 1e300), -math.inf), (M.addf, (1e308, 1e308), math.inf),
]


@pytest.mark.parametrize("fn,args,want", FLOAT_CASES)
def test_float_math(fn, args, want):
    got = fn(*args)
    assert got == want and type(got) is float


def test_float_signs_and_nan():
    assert math.copysign(1, M.ceil(-0.5)) == -1
    assert math.copysign(1, M.floor(0.5)) == 1
    assert math.copysign(1, M.maxf(-0.0, 0.0)) == 1
    assert math.copysign(1, M.minf(0.0, -0.0)) == -1
    assert math.isnan(M.maxf(1, "NaN"))
    assert M.floor("x") == 0.0


@pytest.mark.parametrize("fn,args,message", [
    (M.div, (1, 0), "runtime error: integer divide by zero"),
    (M.mod, (1, 0.5), "runtime error: integer divide by zero"),
    (M.divf, (1, 0), "decimal division by 0"),
    (M.addf, (1, "NaN"), "Cannot create a Decimal from NaN"),
    (M.rand_int, (5, 5), "invalid argument to Intn"),
])
def test_math_errors(fn, args, message):
    with pytest.raises(GoError) as e:
        fn(*args)
    assert str(e.value) == message


def test_rand_int():
    assert M.rand_int(5, 6) == 5
    assert all(0 <= M.rand_int(0, 3) < 3 for _ in range(50))


def test_sequences():
    assert [M.seq(5), M.seq(2, 5), M.seq(5, 2), M.seq(0, 2, 10), M.seq(1, -1)] == \
        ["1 2 3 4 5", "2 3 4 5", "5 4 3 2", "0 2 4 6 8 10", "1 0 -1"]
    assert [M.seq(), M.seq(1, 2, 3, 4), M.seq(10, 2, 1), M.seq(10, -3, 1), M.seq(0)] == \
        ["", "", "", "10 7 4 1", "1 0"]
    for args, want in [((4,), [0, 1, 2, 3]), ((0,), []), ((-3,), [0, -1, -2])]:
        r = M.until(*args)
        assert r == want and r.go_type == "[]int"
    for args, want in [((1, 10, 3), [1, 4, 7]), ((10, 0, -4), [10, 6, 2]), ((0, 5, 0), []),
                       ((0, 5, -1), []), ((5, 0, 1), []), ((3, 3, 1), [])]:
        r = M.until_step(*args)
        assert r == want and r.go_type == "[]int"

"""Sprig reflection functions: snippets.json (sprig-reflect) and reflect_test.go."""

from __future__ import annotations

import pytest

from chartlsp.functions import reflection  # noqa: F401  (registers the functions)
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoObject, Int64, TypedList, TypedMap


class Version(GoObject):
    go_type = "*semver.Version"
    go_kind = "ptr"


class Time(GoObject):
    go_type = "time.Time"


def call(name, *args):
    return REGISTRY[name].fn(*args)


ROWS = [
    # reflect-typeOf-literals-1 / reflect-typeOf-values-1 / reflect-result-types-1
    ("typeOf", (1,), "int"), ("typeOf", (1.5,), "float64"), ("typeOf", ("s",), "string"),
    ("typeOf", (True,), "bool"), ("typeOf", (None,), "<nil>"), ("typeOf", ([],), "[]interface {}"),
    ("typeOf", ({},), "map[string]interface {}"), ("typeOf", (Int64(2),), "int64"),
    ("typeOf", (TypedList([], "[]string"),), "[]string"), ("typeOf", (b"x",), "[]uint8"),
    ("typeOf", (Version(),), "*semver.Version"), ("typeOf", (Time(),), "time.Time"),
    # reflect-kindOf-1 / reflect-typeOf-semver-1 / reflect-typeOf-time-1
    ("kindOf", (1,), "int"), ("kindOf", (1.5,), "float64"), ("kindOf", ("s",), "string"),
    ("kindOf", ([],), "slice"), ("kindOf", ({},), "map"), ("kindOf", (None,), "invalid"),
    ("kindOf", (Version(),), "ptr"), ("kindOf", (Time(),), "struct"),
    ("kindOf", (TypedMap({}, "chartutil.Values", "map[string]interface {}"),), "map"),
    ("kindOf", (Int64(1),), "int64"), ("kindOf", (TypedList([], "[]string"),), "slice"),
    # reflect-kindIs-1
    ("kindIs", ("map", {"a": 1.0}), True), ("kindIs", ("slice", {"a": 1.0}), False),
    ("kindIs", ("float64", 2.0), True), ("kindIs", ("int", 2.0), False),
    # reflect-typeIs-1
    ("typeIs", ("float64", 2.0), True), ("typeIs", ("int", 1), True), ("typeIs", ("string", "x"), True),
    ("typeIs", ("int", Int64(1)), False),
    # reflect-typeIsLike-1
    ("typeIsLike", ("string", "x"), True), ("typeIsLike", ("*string", "x"), False),
    ("typeIsLike", ("Version", Version()), False), ("typeIsLike", ("semver.Version", Version()), True),
    # reflect-deepEqual-1 / reflect-deepEqual-values-float-1
    ("deepEqual", ([1, 2], [1, 2]), True), ("deepEqual", ({"a": 1}, {"a": 1}), True),
    ("deepEqual", (1, 1.0), False), ("deepEqual", ([1.0, 2.0], [1, 2]), False),
    ("deepEqual", (1.0, 1.0), True), ("deepEqual", (None, None), True),
    ("deepEqual", (TypedList(["a"], "[]string"), ["a"]), False),
    # reflect_test.go
    ("typeIs", ("int", 123), True), ("typeIs", ("string", "hello"), True), ("typeIs", ("int", "hello"), False),
    ("kindIs", ("string", "hello"), True), ("kindIs", ("int", 123), True), ("kindIs", ("int", "hello"), False),
]


@pytest.mark.parametrize("name,args,expected", ROWS, ids=[f"{r[0]}{r[1]!r}" for r in ROWS])
def test_rows(name, args, expected):
    assert call(name, *args) == expected


def test_signatures():
    assert REGISTRY["typeIs"].params == ("string", "interface {}")
    assert REGISTRY["deepEqual"].params == ("interface {}", "interface {}")
    assert REGISTRY["kindOf"].returns == "string"

"""Sprig default/empty/coalesce/all/any/ternary: snippets.json (sprig-defaults) and defaults_test.go."""

from __future__ import annotations

import pytest

from chartlsp.functions.defaults import is_empty
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoObject, Int64, TypedList, TypedMap, Uint8


class Struct(GoObject):
    go_type = "time.Time"


class Pointer(GoObject):
    go_type = "*semver.Version"
    go_kind = "ptr"


def call(name, *args):
    return REGISTRY[name].fn(*args)


EMPTY = [None, False, 0, 0.0, -0.0, "", [], {}, b"", Int64(0), Uint8(0),
         TypedList([], "[]string"), TypedMap({})]
NON_EMPTY = [" ", "0", "false", 1, -1, 0.1, True, [0], {"a": None}, [None], Int64(2),
             TypedList([""], "[]string"), Struct(), Pointer()]


@pytest.mark.parametrize("value", EMPTY, ids=repr)
def test_empty_values(value):
    assert is_empty(value) and call("empty", value) is True


@pytest.mark.parametrize("value", NON_EMPTY, ids=repr)
def test_non_empty_values(value):
    assert not is_empty(value) and call("empty", value) is False


ROWS = [
    ("def-default-piped-1", "default", ("piped", None), "piped"),
    ("def-default-false-1", "default", (True, False), True),
    ("def-default-zero-1/literal", "default", (5, 0), 5),
    ("def-default-zero-1/values", "default", (5, 0.0), 5),
    ("def-default-empty-string-1/empty", "default", ("x", ""), "x"),
    ("def-default-empty-string-1/space", "default", ("x", " "), " "),
    ("def-default-empty-collections-1/list", "default", ("L", []), "L"),
    ("def-default-empty-collections-1/dict", "default", ("M", {}), "M"),
    ("def-default-empty-collections-1/null", "default", ("N", None), "N"),
    ("def-default-string-false-1", "default", ("d", "false"), "false"),
    ("def-default-dict-then-field-1", "default", ({"port": 80}, {}), {"port": 80}),
    ("def-default-port-zero-1", "default", ("none", 0.0), "none"),
    ("default/no-given", "default", ("d",), "d"),
    ("default/only-first-given", "default", ("d", "", "x"), "d"),
    ("default/struct", "default", ("d", Struct()), Struct),
    ("def-coalesce-1", "coalesce", ("", 0.0, "c"), "c"),
    ("def-coalesce-all-empty-1", "coalesce", ("", 0, None), None),
    ("coalesce/none", "coalesce", (), None),
    ("def-ternary-1/true", "ternary", ("yes", "no", True), "yes"),
    ("def-ternary-1/false", "ternary", ("yes", "no", False), "no"),
    ("def-all-any-1/all-true", "all", (1, "a", True), True),
    ("def-all-any-1/all-false", "all", (1, ""), False),
    ("def-all-any-1/any-true", "any", (0, "", "x"), True),
    ("def-all-any-1/any-false", "any", (0, False), False),
    ("all/none", "all", (), True),
    ("any/none", "any", (), False),
    # defaults_test.go (TestDefault, TestEmpty, TestCoalesce, TestAll, TestAny)
    ("TestDefault/nothing", "default", ("foo", None), "foo"),
    ("TestDefault/bar", "default", ("foo", "bar"), "bar"),
    ("TestDefault/zero-int", "default", (123, 0), 123),
    ("TestDefault/list", "default", ("foo", ["a"]), ["a"]),
    ("TestCoalesce/first", "coalesce", ("foo", "bar"), "foo"),
    ("TestCoalesce/skips", "coalesce", (None, "", 0, "foo"), "foo"),
    ("TestAll/mixed", "all", (1, "", 0), False),
    ("TestAny/mixed", "any", (1, "", 0), True),
    ("TestAny/dict", "any", ({}, {"a": 1}), True),
]


@pytest.mark.parametrize("name,args,expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_rows(name, args, expected):
    got = call(name, *args)
    if isinstance(expected, type):
        assert isinstance(got, expected)
    else:
        assert got == expected and type(got) is type(expected)


def test_signatures():
    assert REGISTRY["default"].params == ("interface {}",) and REGISTRY["default"].variadic == "interface {}"
    assert REGISTRY["ternary"].params == ("interface {}", "interface {}", "bool")
    assert REGISTRY["empty"].returns == "bool"
    assert REGISTRY["coalesce"].variadic == "interface {}"

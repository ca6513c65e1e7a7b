"""Sprig list functions: rows from snippets.json (sprig-lists) and Sprig's list_test.go."""

from __future__ import annotations

import pytest

from chartlsp.functions import lists as L
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError, Int64, TypedList, Uint8, type_name

STRS = TypedList(["foo", "bar", "baz"], "[]string")  # what regexSplit/splitList return


def CH(*chunks):
    """A [][]interface {} as chunk returns it."""
    return TypedList(list(chunks), "[][]interface {}")


# (id, function name, args, expected result)
ROWS = [
    # snippets.json sprig-lists
    ("list-first-last-1/first", "first", ([1, 2, 3],), 1),
    ("list-first-last-1/last", "last", ([1, 2, 3],), 3),
    ("list-first-empty-1", "first", ([],), None),
    ("list-rest-initial-1/rest", "rest", ([1, 2, 3],), [2, 3]),
    ("list-rest-initial-1/initial", "initial", ([1, 2, 3],), [1, 2]),
    ("list-append-push-1/append", "append", ([1, 2], 3), [1, 2, 3]),
    ("list-append-push-1/push", "push", ([], "x"), ["x"]),
    ("list-prepend-1", "prepend", ([2, 3], 1), [1, 2, 3]),
    ("list-concat-1", "concat", ([1, 2], [3], [], [4, 5]), [1, 2, 3, 4, 5]),
    ("list-reverse-1", "reverse", ([1, 2, 3],), [3, 2, 1]),
    ("list-reverse-1/empty", "reverse", ([],), []),
    ("list-must-variants-1/mustFirst", "mustFirst", ([1, 2],), 1),
    ("list-must-variants-1/mustRest", "mustRest", ([1, 2],), [2]),
    ("list-must-variants-1/mustLast", "mustLast", ([1, 2],), 2),
    ("list-must-variants-1/mustInitial", "mustInitial", ([1, 2],), [1]),
    ("list-must-variants-1/mustReverse", "mustReverse", ([1, 2],), [2, 1]),
    ("list-must-variants-1/mustUniq", "mustUniq", ([1, 1],), [1]),
    ("list-must-variants-1/mustWithout", "mustWithout", ([1, 2], 1), [2]),
    ("list-must-variants-1/mustHas", "mustHas", (2, [1, 2]), True),
    ("list-must-variants-1/mustSlice", "mustSlice", ([1, 2, 3], 1), [2, 3]),
    ("list-must-variants-1/mustChunk", "mustChunk", (1, [1, 2]), CH([1], [2])),
    ("list-must-variants-1/mustPrepend", "mustPrepend", ([2], 1), [1, 2]),
    ("list-must-variants-1/mustAppend", "mustAppend", ([1], 2), [1, 2]),
    ("list-must-variants-1/mustCompact", "mustCompact", (["", 1],), [1]),
    ("list-uniq-types-1", "uniq", ([1, 2, 1, "1", 2],), [1, 2, "1"]),
    ("list-without-1", "without", ([1, 2, 3, 2], 2), [1, 3]),
    ("list-has-types-1/int", "has", (2, [1, 2, 3]), True),
    ("list-has-types-1/str", "has", ("2", [1, 2, 3]), False),
    ("list-has-types-1/float", "has", (1, [1.0, 2.0]), False),
    ("list-has-nil-haystack-1", "has", (1, None), False),
    ("list-slice-1/both", "slice", ([1, 2, 3, 4, 5], 1, 3), [2, 3]),
    ("list-slice-1/none", "slice", ([1, 2, 3],), [1, 2, 3]),
    ("list-slice-1/start", "slice", ([1, 2, 3], 2), [3]),
    ("list-chunk-1", "chunk", (2, [1, 2, 3, 4, 5]), CH([1, 2], [3, 4], [5])),
    ("list-tuple-1", "tuple", ("a", 1), ["a", 1]),
    ("def-compact-1", "compact", ([1, 0, "", "a", None, False, []],), [1, "a"]),
    # list_test.go
    ("TestPush/strings", "append", (STRS, "qux"), ["foo", "bar", "baz", "qux"]),
    ("TestMustPush/strings", "mustPush", (STRS, "qux"), ["foo", "bar", "baz", "qux"]),
    ("TestChunk/7by3", "chunk", (3, [1, 2, 3, 4, 5, 6, 7]), CH([1, 2, 3], [4, 5, 6], [7])),
    ("TestChunk/empty", "chunk", (3, []), CH()),
    ("TestChunk/9by3", "chunk", (3, list(range(1, 10))), CH([1, 2, 3], [4, 5, 6], [7, 8, 9])),
    ("TestChunk/8by3", "chunk", (3, list(range(1, 9))), CH([1, 2, 3], [4, 5, 6], [7, 8])),
    ("TestChunk/2by3", "chunk", (3, [1, 2]), CH([1, 2])),
    ("TestPrepend/strings", "prepend", (STRS, "qux"), ["qux", "foo", "bar", "baz"]),
    ("TestFirst/strings", "first", (TypedList(["foo", "bar"], "[]string"),), "foo"),
    ("TestFirst/empty", "first", ([],), None),
    ("TestLast/strings", "last", (TypedList(["foo", "bar"], "[]string"),), "bar"),
    ("TestLast/empty", "mustLast", ([],), None),
    ("TestInitial/empty", "initial", ([],), []),
    ("TestInitial/strings", "mustInitial", (STRS,), ["foo", "bar"]),
    ("TestRest/empty", "rest", ([],), []),
    ("TestRest/strings", "rest", (STRS,), ["bar", "baz"]),
    ("TestReverse/4", "reverse", ([1, 2, 3, 4],), [4, 3, 2, 1]),
    ("TestReverse/1", "reverse", ([1],), [1]),
    ("TestReverse/strings", "reverse", (STRS,), ["baz", "bar", "foo"]),
    ("TestCompact/mixed", "compact", ([1, 0, "", "hello"],), [1, "hello"]),
    ("TestCompact/blank", "compact", (["", ""],), []),
    ("TestCompact/empty", "compact", ([],), []),
    ("TestCompact/strings", "compact", (TypedList(["foo", "", "bar"], "[]string"),), ["foo", "bar"]),
    ("TestUniq/ints", "uniq", ([1, 2, 3, 4],), [1, 2, 3, 4]),
    ("TestUniq/dups", "uniq", ([1, 1, 1, 1, 2, 2, 2, 2],), [1, 2]),
    ("TestUniq/mixed", "uniq", (["foo", 1, 1, 1, 1, "foo", "foo"],), ["foo", 1]),
    ("TestUniq/empty", "uniq", ([],), []),
    ("TestUniq/strings", "uniq", (TypedList(["foo", "foo", "bar"], "[]string"),), ["foo", "bar"]),
    ("TestWithout/ints", "without", ([1, 2, 3, 4], 1), [2, 3, 4]),
    ("TestWithout/strs", "without", (["a", "b", "c", "d"], "a"), ["b", "c", "d"]),
    ("TestWithout/dups", "without", ([1, 1, 1, 1, 2], 1), [2]),
    ("TestWithout/empty", "without", ([], 1), []),
    ("TestWithout/noomit", "without", ([1, 2, 3],), [1, 2, 3]),
    ("TestWithout/strings", "mustWithout", (STRS, "foo"), ["bar", "baz"]),
    ("TestHas/1", "has", (1, [1, 2, 3]), True),
    ("TestHas/4", "has", (4, [1, 2, 3]), False),
    ("TestHas/strings", "has", ("bar", STRS), True),
    ("TestHas/nil", "mustHas", ("bar", None), False),
    ("TestSlice/0-1", "slice", ([1, 2, 3], 0, 1), [1]),
    ("TestSlice/1-3", "slice", ([1, 2, 3], 1, 3), [2, 3]),
    ("TestSlice/strings", "mustSlice", (STRS, 1, 2), TypedList(["bar"], "[]string")),
    ("TestConcat/one", "concat", ([1, 2, 3],), [1, 2, 3]),
    ("TestConcat/nil", "concat", ([1, 2, 3], [4, 5], [None]), [1, 2, 3, 4, 5, None]),
    ("TestConcat/nested", "concat", ([1, 2, 3], [4, 5], [["foo"]]), [1, 2, 3, 4, 5, ["foo"]]),
    # indices through cast.ToInt, bytes as a slice kind, type-sensitive equality
    ("slice/float-indices", "slice", ([1, 2, 3], 1.9, 3.0), [2, 3]),
    ("slice/string-indices", "slice", ([1, 2, 3], "1", "0x2"), [2]),
    ("slice/empty-list", "slice", ([], 0, 0), None),
    ("first/bytes", "first", (b"hi",), Uint8(104)),
    ("has/int64-vs-int", "has", (1, [Int64(1)]), False),
    ("uniq/nested", "uniq", ([[1], [1], {"a": 1}, {"a": 1}],), [[1], {"a": 1}]),
    ("without/many", "without", ([1, 2, 3, 4], 1, 3), [2, 4]),
    ("chunk/negative-fits", "chunk", (-2, [1, 2, 3]), CH()),
]


@pytest.mark.parametrize("name,args,expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_rows(name, args, expected):
    got = REGISTRY[name].fn(*args)
    assert got == expected
    assert type_name(got) == type_name(expected)


# (id, function name, args, Go error message)
ERRORS = [
    ("list-append-nil-error-1", "append", (None, 1), L.NIL_DEREF),
    ("list-mustAppend-string-error-1", "mustAppend", ("str", 1), "Cannot push on type string"),
    ("list-mustSlice-string-error-1", "mustSlice", ("abc", 1), "list should be type of slice or array but string"),
    ("list-first-string-error-1", "first", ("abc",), "Cannot find first on type string"),
    ("list-concat-nonlist-error-1", "concat", ([1], "x"), "Cannot concat type string as list"),
    ("prepend/map", "prepend", ({}, 1), "Cannot prepend on type map"),
    ("last/int", "last", (1,), "Cannot find last on type int"),
    ("rest/float", "rest", (1.5,), "Cannot find rest on type float64"),
    ("initial/bool", "initial", (True,), "Cannot find initial on type bool"),
    ("reverse/string", "mustReverse", ("ab",), "Cannot find reverse on type string"),
    ("compact/string", "compact", ("ab",), "Cannot compact on type string"),
    ("uniq/string", "uniq", ("ab",), "Cannot find uniq on type string"),
    ("without/string", "without", ("ab", "a"), "Cannot find without on type string"),
    ("has/string", "has", ("a", "ab"), "Cannot find has on type string"),
    ("chunk/string", "chunk", (2, "ab"), "Cannot chunk type string"),
    ("chunk/zero", "chunk", (0, [1]), "runtime error: makeslice: len out of range"),
    ("chunk/negative", "chunk", (-1, [1, 2, 3]), "runtime error: makeslice: len out of range"),
    ("first/nil", "first", (None,), L.NIL_DEREF),
    ("slice/nil", "slice", (None,), L.NIL_DEREF),
    ("concat/nil", "concat", ([1], None), L.NIL_DEREF),
    ("slice/out-of-range", "slice", ([1, 2, 3], 2, 5), "reflect.Value.Slice: slice index out of bounds"),
    ("slice/reversed", "slice", ([1, 2, 3], 2, 1), "reflect.Value.Slice: slice index out of bounds"),
]


@pytest.mark.parametrize("name,args,message", [r[1:] for r in ERRORS], ids=[r[0] for r in ERRORS])
def test_errors(name, args, message):
    with pytest.raises(GoError) as exc:
        REGISTRY[name].fn(*args)
    assert str(exc.value) == message


def test_result_types():
    assert type(L.push(STRS, "x")) is list  # []interface {}, not []string
    assert type(L.rest(STRS)) is list
    got = L.slice_(STRS, 1)
    assert isinstance(got, TypedList) and got.go_type == "[]string"
    assert L.slice_(b"abc", 1) == b"bc"
    assert type_name(L.chunk(2, [1, 2, 3])) == "[][]interface {}"


def test_append_copies():
    """list-append-copies-1: append leaves its input alone."""
    src = [1]
    got = L.push(src, 2)
    assert src == [1] and got == [1, 2]


def test_must_variants_share_behaviour_and_signatures():
    assert REGISTRY["mustAppend"].signature == "mustAppend LIST VALUE"
    assert REGISTRY["append"].signature == "append LIST VALUE"
    assert REGISTRY["tuple"].signature == "tuple VALUE..."
    assert REGISTRY["chunk"].params == ("int", "interface {}")
    assert REGISTRY["slice"].variadic == "interface {}"
    assert not REGISTRY["first"].has_error and REGISTRY["mustFirst"].has_error


@pytest.mark.parametrize("value,expected", [
    (None, 0), (True, 1), (False, 0), (7, 7), (Int64(-3), -3), (2.9, 2), (-2.9, -2),
    ("12", 12), ("010", 8), ("0x1F", 31), ("0b11", 3), ("0o17", 15), ("08", 0), ("3.0", 3),
    ("3.00", 3), ("3.5", 0), ("-4", -4), ("+4", 4), ("1_000", 1000), ("_1", 0), ("1__0", 0),
    ("", 0), (" 1", 0), ("abc", 0), ("9223372036854775808", 0), ([1], 0),
    (float("nan"), -(1 << 63)),
])
def test_slice_indexes_convert_like_cast_to_int(value, expected):
    from chartlsp.functions.conversion import to_int64  # what slice uses for its indexes
    assert to_int64(value) == expected

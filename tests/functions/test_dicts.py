"""Sprig dict functions, mergo merge semantics and deepCopy.

Rows from snippets.json (sprig-dicts) and Sprig's dict_test.go / functions_test.go.
"""

from __future__ import annotations

import pytest

from chartlsp.functions import dicts as D
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError, Int64, TypedList, TypedMap, type_name


class Values(TypedMap):
    """A named map type like chartutil.Values."""

    def __init__(self, items=()):
        super().__init__(items, "chartutil.Values", "map[string]interface {}")


def call(name, *args):
    return REGISTRY[name].fn(*args)


ROWS = [
    ("dict-odd-args-1", "dict", ("a", 1, "b"), {"a": 1, "b": ""}),
    ("dict-nonstring-keys-1", "dict", (1, "one", True, "t"), {"1": "one", "true": "t"}),
    ("TestDict", "dict", (1, 2, "three", "four", 5), {"1": 2, "three": "four", "5": ""}),
    ("dict/bytes-key", "dict", (b"k", 1), {"k": 1}),
    ("dict/int64-key", "dict", (Int64(7), 1), {"7": 1}),
    ("dict/empty", "dict", (), {}),
    ("dict-get-1/hit", "get", ({"a": 1}, "a"), 1),
    ("dict-get-1/miss", "get", ({"a": 1}, "b"), ""),
    ("TestGet/empty", "get", ({}, "two"), ""),
    ("get/nil-value", "get", ({"a": None}, "a"), None),
    ("get/nil-map", "get", (None, "a"), ""),
    ("dict-hasKey-1/nil", "hasKey", ({"a": None}, "a"), True),
    ("dict-hasKey-1/false", "hasKey", (Values({"x": False}), "x"), True),
    ("dict-hasKey-1/missing", "hasKey", (Values({"x": False}), "nope"), False),
    ("hasKey/nil-map", "hasKey", (None, "a"), False),
    ("dict-pluck-1", "pluck", ("a", {"a": 1}, {"b": 2}, {"a": 3}), [1, 3]),
    ("TestPluck", "pluck", ("two", {"one": 1, "two": 222222}, {"one": 1, "two": 33333}, {"one": 1},
                            {"one": 1, "two": 4444}), [222222, 33333, 4444]),
    ("dict-keys-sorted-1", "keys", ({"b": 1, "a": 2, "c": 3},), TypedList(["a", "b", "c"], "[]string")),
    ("TestKeys/empty", "keys", ({},), TypedList([], "[]string")),
    ("TestKeys/many", "keys", ({"foo": 1}, {"bar": 2}, {"bar": 3}), TypedList(["foo", "bar", "bar"], "[]string")),
    ("dict-values-sorted-1", "values", ({"a": "z", "b": "y"},), ["z", "y"]),
    ("dict-pick-1", "pick", ({"a": 1, "b": 2, "c": 3}, "a", "c", "zz"), {"a": 1, "c": 3}),
    ("TestPick/empty", "pick", ({}, "two"), {}),
    ("dict-omit-1", "omit", ({"a": 1, "b": 2, "c": 3}, "b"), {"a": 1, "c": 3}),
    ("TestOmit/all", "omit", ({"one": 1, "two": 222222}, "one", "two"), {}),
    ("TestOmit/extra", "omit", ({"one": 1, "two": 222222}, "two", "three"), {"one": 1}),
    ("dict-dig-1/found", "dig", ("a", "b", "def", {"a": {"b": "found"}}), "found"),
    ("dict-dig-1/default", "dig", ("a", "zz", "def", {"a": {"b": "found"}}), "def"),
    ("TestDig/deep", "dig", ("a", "b", "c", "", {"a": {"b": {"c": 1}}}), 1),
    ("TestDig/deep-missing", "dig", ("a", "b", "z", "2", {"a": {"b": {"c": 1}}}), "2"),
    ("TestDig/flat", "dig", ("a", "", {"a": 1}), 1),
    ("TestDig/flat-missing", "dig", ("z", "2", {"a": 1}), "2"),
    ("dig/returns-map", "dig", ("a", None, {"a": {"b": 1}}), {"b": 1}),
    ("dig/nil-leaf", "dig", ("a", "d", {"a": None}), None),
    ("dig/unnamed-typed-map", "dig", ("a", "d", TypedMap({"a": 1})), 1),
]


@pytest.mark.parametrize("name,args,expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_rows(name, args, expected):
    got = call(name, *args)
    assert got == expected
    assert type_name(got) == type_name(expected)


ERRORS = [
    ("dict-dig-values-root-error-1", "dig", ("a", "def", Values({"a": 1})),
     "interface conversion: interface {} is chartutil.Values, not map[string]interface {}"),
    ("dict-dig-nonmap-error-1", "dig", ("a", "b", "def", {"a": "str"}),
     "interface conversion: interface {} is string, not map[string]interface {}"),
    ("dig/nil-dict", "dig", ("a", "def", None),
     "interface conversion: interface {} is nil, not map[string]interface {}"),
    ("dig/nil-step", "dig", ("a", "b", "def", {"a": None}),
     "interface conversion: interface {} is nil, not map[string]interface {}"),
    ("dig/non-string-key", "dig", (1.0, "def", {}), "interface conversion: interface {} is float64, not string"),
    ("dig/too-few", "dig", ("a", {}), "dig needs at least three arguments"),
    ("set/nil-map", "set", (None, "a", 1), "assignment to entry in nil map"),
    ("deepCopy/nil", "deepCopy", (None,), "reflect: call of reflect.Value.Type on zero Value"),
    ("mustDeepCopy/nil", "mustDeepCopy", (None,), "reflect: call of reflect.Value.Type on zero Value"),
]


@pytest.mark.parametrize("name,args,message", [r[1:] for r in ERRORS], ids=[r[0] for r in ERRORS])
def test_errors(name, args, message):
    with pytest.raises(GoError) as exc:
        call(name, *args)
    assert str(exc.value) == message


def test_set_unset_mutate_and_return():
    d = {"a": 1}
    assert call("set", d, "b", 2) is d and d == {"a": 1, "b": 2}  # dict-set-returns-1
    assert call("unset", d, "a") is d and d == {"b": 2}  # dict-unset-1
    assert call("unset", d, "zz") == {"b": 2}
    v = Values({"a": 1})
    assert call("set", v, "added", True) is v and v == {"a": 1, "added": True}  # dict-set-values-mutation-1


def _sprig_merge_fixture():
    return {
        "src2": {"h": 10, "i": "i", "j": "j"},
        "src1": {"a": 1, "b": 2, "d": {"e": "four"}, "g": TypedList([6, 7], "[]int"),
                 "i": "aye", "j": "jay", "k": {"l": False}},
        "dst": {"a": "one", "c": 3, "d": {"f": 5}, "g": TypedList([8, 9], "[]int"),
                "i": "eye", "k": {"l": True}},
    }


def test_sprig_merge():
    f = _sprig_merge_fixture()
    got = call("merge", f["dst"], f["src1"], f["src2"])
    assert got is f["dst"]
    assert got == {"a": "one", "b": 2, "c": 3, "d": {"e": "four", "f": 5}, "g": [8, 9],
                   "h": 10, "i": "eye", "j": "jay", "k": {"l": True}}


def test_sprig_merge_overwrite():
    f = _sprig_merge_fixture()
    got = call("mergeOverwrite", f["dst"], f["src1"], f["src2"])
    assert got is f["dst"]
    assert got == {"a": 1, "b": 2, "c": 3, "d": {"e": "four", "f": 5}, "g": [6, 7],
                   "h": 10, "i": "i", "j": "j", "k": {"l": False}}


# (id, function, dst, srcs, expected dst)
MERGES = [
    ("dict-merge-1", "merge", {"x": 1, "n": {"p": 1}}, [{"x": 2, "y": 3, "n": {"q": 2}}],
     {"n": {"p": 1, "q": 2}, "x": 1, "y": 3}),
    ("dict-merge-empty-dst-values-1", "merge", {"a": False, "b": 0, "c": ""}, [{"a": True, "b": 5, "c": "x"}],
     {"a": True, "b": 5, "c": "x"}),
    ("dict-mergeOverwrite-1", "mergeOverwrite", {"a": 1, "b": {"c": 1, "d": 2}}, [{"a": 2, "b": {"c": 3}}],
     {"a": 2, "b": {"c": 3, "d": 2}}),
    ("dict-mergeOverwrite-empty-src-1", "mergeOverwrite", {"a": True, "b": 1, "c": "x"},
     [{"a": False, "b": 0, "c": ""}], {"a": False, "b": 0, "c": ""}),
    ("dict-mergeOverwrite-list-replace-1", "mergeOverwrite", {"l": [1, 2]}, [{"l": [3]}], {"l": [3]}),
    ("dict-merge-mutates-dst-1", "merge", {"x": 1}, [{"y": 2}], {"x": 1, "y": 2}),
    ("dict-must-variants-1/mustMerge", "mustMerge", {"a": 1}, [{"b": 2}], {"a": 1, "b": 2}),
    ("dict-must-variants-1/mustMergeOverwrite", "mustMergeOverwrite", {"a": 1}, [{"a": 2}], {"a": 2}),
    ("dict-merge-values-1", "merge", {}, [{"a": 1.0}, {"a": 0.0, "b": 2.0}], {"a": 1.0, "b": 2.0}),
    # mergo corners
    ("merge/src-nil-skipped", "merge", {"a": 1}, [{"a": None, "b": None}], {"a": 1}),
    ("mergeOverwrite/src-nil-wins", "mergeOverwrite", {"a": 1}, [{"a": None, "b": None}], {"a": None, "b": None}),
    ("merge/list-kept", "merge", {"l": [1]}, [{"l": [2, 3]}], {"l": [1]}),
    ("merge/empty-list-replaced", "merge", {"l": []}, [{"l": [2]}], {"l": [2]}),
    ("merge/map-into-empty-scalar", "merge", {"m": ""}, [{"m": {"a": 1}}], {"m": {"a": 1}}),
    ("mergeOverwrite/map-keeps-scalar", "mergeOverwrite", {"m": "x"}, [{"m": {"a": 1}}], {"m": "x"}),
    ("mergeOverwrite/map-keeps-list", "mergeOverwrite", {"m": [1]}, [{"m": {"a": 1}}], {"m": [1]}),
    ("mergeOverwrite/scalar-replaces-map", "mergeOverwrite", {"m": {"a": 1}}, [{"m": "x"}], {"m": "x"}),
    ("merge/scalar-keeps-map", "merge", {"m": {"a": 1}}, [{"m": "x"}], {"m": {"a": 1}}),
    ("merge/map-fills-empty-map", "merge", {"m": {}}, [{"m": {"a": 1}}], {"m": {"a": 1}}),
    ("merge/nested-empty-values", "merge", {"m": {"a": 0, "b": 1}}, [{"m": {"a": 5, "b": 2, "c": 3}}],
     {"m": {"a": 5, "b": 1, "c": 3}}),
    ("mergeOverwrite/nested-nil", "mergeOverwrite", {"m": {"a": 1}}, [{"m": {"a": None}}], {"m": {"a": None}}),
    ("merge/nil-src-map", "merge", {"a": 1}, [None], {"a": 1}),
    ("merge/nil-dst", "merge", None, [{"a": 1}], {"a": 1}),
    ("merge/typed-map-dst", "merge", Values({"a": {"x": 1}}), [{"a": {"y": 2}}], {"a": {"x": 1, "y": 2}}),
]


@pytest.mark.parametrize("name,dst,srcs,expected", [r[1:] for r in MERGES], ids=[r[0] for r in MERGES])
def test_merge_rows(name, dst, srcs, expected):
    got = call(name, dst, *srcs)
    assert got == expected
    if dst is not None:
        assert got is dst


def test_merge_aliases_src_maps():
    """mergo stores src maps by reference where dst lacked the key."""
    src_inner = {"a": 1}
    dst = call("merge", {}, {"m": src_inner})
    assert dst["m"] is src_inner


def test_deep_copy():
    a = {"n": {"x": 1}}
    b = call("deepCopy", a)
    b["n"]["x"] = 2  # dict-deepCopy-1
    assert a["n"]["x"] == 1 and b["n"]["x"] == 2
    assert call("mustDeepCopy", {"x": [1]}) == {"x": [1]}  # dict-must-variants-1
    v = Values({"l": TypedList(["a"], "[]string"), "i": Int64(3), "m": TypedMap({"k": 1})})
    c = call("deepCopy", v)
    assert type(c) is Values and c.go_type == "chartutil.Values" and c == v and c is not v
    assert type_name(c["l"]) == "[]string" and c["l"] is not v["l"]
    assert type_name(c["i"]) == "int64" and type_name(c["m"]) == "map[string]interface {}"
    assert call("deepCopy", 1.5) == 1.5 and call("deepCopy", "s") == "s"


def test_signatures():
    assert REGISTRY["merge"].params == ("map[string]interface {}",)
    assert REGISTRY["merge"].variadic == "map[string]interface {}"
    assert REGISTRY["dig"].variadic == "interface {}" and REGISTRY["dig"].has_error
    assert REGISTRY["keys"].returns == "[]string"
    assert REGISTRY["pick"].variadic == "string"


def test_strval():
    assert D.strval("s") == "s" and D.strval(b"b") == "b" and D.strval(False) == "false"
    assert D.strval(Int64(-2)) == "-2"

"""Sprig semver functions: snippets.json (sprig-semver), semver_test.go and
Masterminds/semver v3 constraints_test.go (TestConstraintsCheck, TestNewConstraint)."""

from __future__ import annotations

import pytest

from chartlsp.functions import semver  # noqa: F401  (registers the functions)
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError, GoInt


def call(name, *args):
    return REGISTRY[name].fn(*args)


def method(obj, name, *args):
    return obj.go_method(name).fn(*args)


# (constraint, version, expected): snippets.json, Sprig's semver_test.go, then
# Masterminds' TestConstraintsCheck / TestConstraintCheck rows.
CHECKS = [
    (">=1.19", "v1.25.3-gke.1", False), (">=1.19-0", "v1.25.3-gke.1", True), (">=1.20-0", "v1.20.0", True),
    ("~1.2.3", "1.2.9", True), ("~1.2.3", "1.3.0", False), ("^1.2.3", "1.9.0", True), ("^1.2.3", "2.0.0", False),
    (">1.0, <2.0", "1.5.0", True), ("<1.0 || >=3.0", "2.0.0", False), ("1.1 - 1.5", "1.4.2", True),
    (">=1.0.0-alpha", "1.0.0-beta", True), (">=1.19-0", "v1.20.0", True),
    ("1.2.3", "1.2.3", True), ("^1.2.0", "1.2.3", True), ("^1.2.0", "2.2.3", False),
    ("*", "1.2.3", True), ("~0.0.0", "1.2.3", True), ("0.x.x", "1.2.3", False), ("0.0.x", "1.2.3", False),
    ("0.0.0", "1.2.3", False), ("^0.0.0", "1.2.3", False), ("= 2.0", "1.2.3", False), ("= 2.0", "2.0.0", True),
    ("4.1", "4.1.0", True), ("4.1.x", "4.1.3", True), ("1.x", "1.4", True), ("!=4.1", "4.1.0", False),
    ("!=4.1-alpha", "4.1.0-alpha", False), ("!=4.1-alpha", "4.1.1-alpha", False), ("!=4.1-alpha", "4.1.0", True),
    ("!=4.1", "5.1.0", True), ("!=4.x", "5.1.0", True), ("!=4.x", "4.1.0", False), ("!=4.1.x", "4.2.0", True),
    ("!=4.2.x", "4.2.3", False), (">1.1", "4.1.0", True), (">1.1", "1.1.0", False), ("<1.1", "0.1.0", True),
    ("<1.1", "1.1.0", False), ("<1.1", "1.1.1", False), ("<1.x", "1.1.1", False), ("<1.x", "0.1.1", True),
    ("<1.x", "2.0.0", False), ("<1.1.x", "1.2.1", False), ("<1.1.x", "1.1.500", False), ("<1.1.x", "1.0.500", True),
    ("<1.2.x", "1.1.1", True), (">=1.1", "4.1.0", True), (">=1.1", "4.1.0-beta", False), (">=1.1", "1.1.0", True),
    (">=1.1", "0.0.9", False), ("<=1.1", "0.1.0", True), ("<=1.1", "0.1.0-alpha", False),
    ("<=1.1-a", "0.1.0-alpha", True), ("<=1.1", "1.1.0", True), ("<=1.x", "1.1.0", True), ("<=2.x", "3.0.0", False),
    ("<=1.1", "1.1.1", True), ("<=1.1.x", "1.2.500", False), ("<=4.5", "3.4.0", True), ("<=4.5", "3.7.0", True),
    ("<=4.5", "4.6.3", False), (">1.1, <2", "1.1.1", False), (">1.1, <2", "1.2.1", True), (">1.1, <3", "4.3.2", False),
    (">=1.1, <2, !=1.2.3", "1.2.3", False), (">1.1 <2", "1.1.1", False), (">1.1 <2", "1.2.1", True),
    (">1.1    <3", "4.3.2", False), (">=1.1    <2    !=1.2.3", "1.2.3", False),
    (">=1.1, <2, !=1.2.3 || > 3", "4.1.2", True), (">=1.1, <2, !=1.2.3 || > 3", "3.1.2", False),
    (">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", True), (">=1.1, <2, !=1.2.3 || > 3", "3.0.0", False),
    (">=1.1, <2, !=1.2.3 || > 3", "1.2.3", False), ("> 1.1, <     2", "1.1.1", False), (">   1.1, <2", "1.2.1", True),
    (">= 1.1 <2 != 1.2.3 || >= 3", "3.0.0", True), (">=1.1 < 2 !=1.2.3 || > 3", "1.2.3", False),
    ("1.1 - 2", "1.1.1", True), ("1.5.0 - 4.5", "3.7.0", True), ("1.1-3", "4.3.2", False), ("^1.1", "1.1.1", True),
    ("^1.1", "4.3.2", False), ("^1.x", "1.1.1", True), ("^2.x", "1.1.1", False), ("^1.x", "2.1.1", False),
    ("^1.x", "1.1.1-beta1", False), ("^1.1.2-alpha", "1.2.1-beta1", True), ("^1.2.x-alpha", "1.1.1-beta1", False),
    ("^0.0.1", "0.0.1", True), ("^0.0.1", "0.3.1", False), ("~*", "2.1.1", True), ("~1", "2.1.1", False),
    ("~1", "1.3.5", True), ("~1", "1.4", True), ("~1.x", "2.1.1", False), ("~1.x", "1.3.5", True), ("~1.x", "1.4", True),
    ("~1.1", "1.1.1", True), ("~1.1", "1.1.1-alpha", False), ("~1.1-alpha", "1.1.1-beta", True),
    ("~1.1.1-beta", "1.1.1-alpha", False), ("~1.1.1-beta", "1.1.1", True), ("~1.2.3", "1.2.5", True),
    ("~1.2.3", "1.2.2", False), ("~1.2.3", "1.3.2", False), ("~1.1", "1.2.3", False), ("~1.3", "2.4.5", False),
    ("=2.0.0", "1.2.3", False), ("=2.0", "2.0.1", True), ("!=4.1", "5.1.0-alpha.1", False), ("<11", "11.1.0", False),
    ("<=11", "11.2.3", True), (">0", "0", False), (">0", "1", True), (">0", "0.0.1-alpha", False),
    (">0.0.0-0", "0.0.0-alpha", True), (">1.2.3-alpha.1", "1.2.3-alpha.2", True), (">11.1", "11.1.1", False),
    (">11.1", "11.2.1", True), (">=0-0", "0.0.1-alpha", True), (">=0", "0.0.0-alpha", False), ("<0-z", "0.0.0-alpha", True),
    ("*", "1.2.3-alpha.1", False), ("*-0", "1.2.3-alpha.1", True), ("2.*", "3.4.5", False), ("2.1.*", "2.1.1", True),
    ("~1.2.3-beta.2", "1.2.4-beta.2", True), ("~1.2.3-beta.2", "1.3.4-beta.2", False), ("^1.2.0", "1.2.1-alpha.1", False),
    ("^1.2.0-alpha.0", "1.2.1-alpha.1", True), ("^1.2.0-alpha.2", "1.2.0-alpha.1", False), ("^0.2.3", "0.5.6", False),
    ("^0.0.3", "0.0.4", False), ("^0.0", "0.1.4", False), ("^0", "0.2.3", True), ("^0", "1.1.4", False),
    ("^0.2.3-beta.2", "0.2.4-beta.2", True), ("^0.2.3-beta.2", "0.3.4-beta.2", False),
    # v3.4+: a prerelease anywhere in an AND group admits prereleases for the whole group
    (">=1.19-0, <2", "1.25.3-gke.1", True), (">=1.19-0 || <2", "1.25.3-gke.1", True), ("<2 || >=3", "1.5.0-rc.1", False),
    # prerelease ordering: numeric < alphanumeric, numeric by value
    (">1.0.0-alpha.9", "1.0.0-alpha.10", True), (">1.0.0-alpha.beta", "1.0.0-alpha.1", False),
    ("=1.0.0+build1", "1.0.0+build2", True),
]


@pytest.mark.parametrize("constraint,version,expected", CHECKS)
def test_semver_compare(constraint, version, expected):
    assert call("semverCompare", constraint, version) is expected


@pytest.mark.parametrize("constraint,version,message", [
    (">1.0", "not-a-version", "Invalid Semantic Version"),
    ("!!1", "1.0.0", "improper constraint: !!1"),
    ("badConstraint", "1.2.3", "improper constraint: badConstraint"),
    ("1.2.0", "badVersion", "Invalid Semantic Version"),
    (">= bar", "1.0.0", "improper constraint: >= bar"),
    ("BAR >= 1.2.3", "1.0.0", "improper constraint: BAR >= 1.2.3"),
    ("12.3.4.1234", "1.0.0", "improper constraint: 12.3.4.1234"),
    ("12.3.34~ 1.2.3", "1.0.0", "improper constraint: 12.3.34~ 1.2.3"),
    ("1.0 || ", "1.0.0", "improper constraint:  "),
    ("", "1.0.0", "improper constraint: "),
    ("!!1", "bad", "improper constraint: !!1"),  # the constraint is parsed first
    (">1.0", "1.0.0\n", "Invalid Semantic Version"),  # Go's $ is end of text
    (">1.0", "1.0.0-01", "Version segment starts with 0"),
    (">1.0", "18446744073709551616.0.0",
     'Error parsing version segment: strconv.ParseUint: parsing "18446744073709551616": value out of range'),
])
def test_semver_compare_errors(constraint, version, message):
    with pytest.raises(GoError) as e:
        call("semverCompare", constraint, version)
    assert str(e.value) == message


@pytest.mark.parametrize("constraint", [">= 1.2.3 < 2.0 || => 3.0 < 4", "3 - 4 || => 3.0, < 4",
                                        "v2.3.5-20161202202307-sha.e8fc5e5", "12.3.34 ~1.2.3", ">40.50.60, < 50.70"])
def test_constraints_that_parse(constraint):
    assert call("semverCompare", constraint, "1.0.0") in (True, False)


def test_semver_fields_and_printing():
    v = call("semver", "1.2.3-beta.1+build5")
    # semver-fields-1: "1.2.3 beta.1 build5 1.2.3-beta.1+build5"
    assert [method(v, m) for m in ("Major", "Minor", "Patch")] == [1, 2, 3]
    assert isinstance(method(v, "Major"), GoInt) and method(v, "Major").go_type == "uint64"
    assert (method(v, "Prerelease"), method(v, "Metadata"), v.go_string()) == ("beta.1", "build5", "1.2.3-beta.1+build5")
    assert (v.go_type, v.go_kind) == ("*semver.Version", "ptr")
    assert v.go_json() == "1.2.3-beta.1+build5"
    # semver-v-prefix-1: "2.0.0 v2.0"
    w = call("semver", "v2.0")
    assert (w.go_string(), method(w, "Original"), method(w, "String")) == ("2.0.0", "v2.0", "2.0.0")
    assert call("semver", "01.002.0003").go_string() == "1.2.3"  # leading zeros are coerced


@pytest.mark.parametrize("a,b,expected", [("1.2.3", "1.2.3", 0), ("1.3.3", "1.2.3", 1), ("1.2.3", "1.4.3", -1),
                                          ("1.0.0-alpha", "1.0.0", -1), ("1.0.0+a", "1.0.0+b", 0),
                                          ("1.0.0-rc.1", "1.0.0-beta.11", 1), ("1.0.0-2", "1.0.0-10", -1)])
def test_compare_method(a, b, expected):
    # semver_test.go: {{ semver "1.2.3" | (semver "1.3.3").Compare }} is 1
    assert method(call("semver", a), "Compare", call("semver", b)) == expected


def test_value_methods():
    v = call("semver", "v1.2.3-rc.1+meta")
    assert method(v, "IncPatch").go_string() == "1.2.3"
    nxt = method(v, "IncMinor")
    assert (nxt.go_string(), nxt.go_type, nxt.go_kind) == ("1.3.0", "semver.Version", "struct")
    assert nxt.go_method("Original") is None  # pointer method, not in a value's method set
    assert method(call("semver", "1.2.3"), "IncPatch").go_string() == "1.2.4"
    assert method(v, "IncMajor").go_string() == "2.0.0"
    assert method(v, "SetPrerelease", "beta").go_string() == "1.2.3-beta+meta"
    with pytest.raises(GoError, match="Invalid Prerelease string"):
        method(v, "SetPrerelease", "a_b")
    assert method(v, "LessThan", call("semver", "1.2.3")) is True
    assert v.go_method("Nope") is None


def test_signatures():
    assert REGISTRY["semver"].params == ("string",)
    assert REGISTRY["semverCompare"].params == ("string", "string")
    assert REGISTRY["semverCompare"].doc and REGISTRY["semver"].signature == "semver VERSION"

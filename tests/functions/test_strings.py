"""Sprig string functions: conformance rows, Sprig's strings_test.go and Go corner cases."""

import pytest

from chartlsp.functions import strings as S
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError, TypedList, TypedMap

CASES = [
    # trimming
    (S.trim, ("  \t hi \n ",), "hi"),
    (S.trim, ("\x1chi\u3000",), "\x1chi"),  # Go's White_Space set, not Python's isspace
    (S.trim_all, ("$", "$$5.00$"), "5.00"),
    (S.trim_all, ("ab", "abcba"), "c"),
    (S.trim_all, ("", " x "), " x "),
    (S.trim_prefix, ("foo-", "foo-foo-bar"), "foo-bar"),
    (S.trim_suffix, (".yaml", "values.yaml.yaml"), "values.yaml"),
    (S.trim_suffix, ("", "abc"), "abc"),
    # case
    (S.upper, ("héllo ß",), "HÉLLO ß"),
    (S.upper, ("ﬀ ŉ ᾳ",), "ﬀ ŉ ᾼ"),
    (S.lower, ("ÀBC",), "àbc"),
    (S.lower, ("ΑΣ İ",), "ασ i"),
    (S.title, ("hello wORLD 2x foo-bar o'neil",), "Hello WORLD 2x Foo-Bar O'Neil"),
    (S.title, ("snake_case é—x",), "Snake_case É—x"),
    (S.untitle, ("Hello World FOO",), "hello world fOO"),
    (S.swapcase, ("Hello World 123",), "hELLO wORLD 123"),
    (S.swapcase, ("hello",), "HELLO"),
    # repeat / substr / trunc (bytes)
    (S.repeat, (3, "ab"), "ababab"),
    (S.repeat, (0, "x"), ""),
    (S.substr, (1, 4, "abcdef"), "bcd"),
    (S.substr, (3, 100, "abcdef"), "def"),
    (S.substr, (-1, 2, "abcdef"), "ab"),
    (S.substr, (0, 3, "héllo"), "hé"),
    (S.substr, (0, 2, "héllo"), "h\udcc3"),
    (S.trunc, (5, "hello world"), "hello"),
    (S.trunc, (50, "short"), "short"),
    (S.trunc, (-5, "hello world"), "world"),
    (S.trunc, (-50, "short"), "short"),
    (S.trunc, (2, "héllo"), "h\udcc3"),
    # goutils
    (S.nospace, (" a b\tc\nd ",), "abcd"),
    (S.nospace, ("é",), "é"),
    (S.nospace, ("à b",), "Ãb"),  # goutils rewrites bytes as Latin-1 runes
    (S.abbrev, (5, "hello world"), "he..."),
    (S.abbrev, (20, "hello world"), "hello world"),
    (S.abbrev, (3, "hello world"), "hello world"),
    (S.abbrevboth, (5, 10, "1234 5678 9123"), "...5678..."),
    (S.abbrevboth, (0, 4, "abcdefg"), "a..."),
    (S.abbrevboth, (10, 6, "abcdefghijklmno"), "abcdefghijklmno"),
    (S.abbrevboth, (10, 7, "abcdefghijklmno"), "...k..."),
    (S.initials, ("John Ronald Reuel tolkien",), "JRRt"),
    (S.initials, ("",), ""),
    (S.wrap, (10, "The quick brown fox jumps over"), "The quick\nbrown fox\njumps over"),
    (S.wrap, (5, "a verylongword b"), "a\nverylongword\nb"),
    (S.wrap_with, (5, "\t", "Hello World"), "Hello\tWorld"),
    (S.wrap_with, (3, "<br>", "abcdefg"), "abc<br>def<br>g"),
    # predicates
    (S.contains, ("cat", "concatenate"), True),
    (S.contains, ("dog", "cat"), False),
    (S.has_prefix, ("ab", "abc"), True),
    (S.has_suffix, ("bc", "abc"), True),
    (S.has_prefix, ("x", "abc"), False),
    # quoting
    (S.quote, ('a"b',), '"a\\"b"'),
    (S.quote, (1, 2.5, True), '"1" "2.5" "true"'),
    (S.quote, (None,), ""),
    (S.quote, ("",), '""'),
    (S.quote, (b"hi",), '"hi"'),
    (S.squote, ("it's",), "'it's'"),
    (S.squote, (1, None, "x"), "'1' 'x'"),
    (S.cat, ("a", 1, None, "b", [1, 2]), "a 1 b [1 2]"),
    (S.cat, (), ""),
    (S.indent, (2, "a\nb\n"), "  a\n  b\n  "),
    (S.nindent, (4, "a: 1\nb: 2"), "\n    a: 1\n    b: 2"),
    (S.replace, (" ", "-", "a b  c"), "a-b--c"),
    (S.replace, ("a", "bb", "aaa"), "bbbbbb"),
    (S.replace, ("", "-", "ab"), "-a-b-"),
    (S.plural, ("one", "many", 1), "one"),
    (S.plural, ("one", "many", 0), "many"),
    # xstrings
    (S.snakecase, ("FirstName",), "first_name"),
    (S.snakecase, ("HTTPServer",), "http_server"),
    (S.snakecase, ("already_snake",), "already_snake"),
    (S.snakecase, ("NoHTTPS",), "no_https"),
    (S.snakecase, ("GO_PATH",), "go_path"),
    (S.snakecase, ("GO PATH",), "go_path"),
    (S.snakecase, ("GO-PATH",), "go_path"),
    (S.snakecase, ("http2xx",), "http_2xx"),
    (S.snakecase, ("HTTP20xOK",), "http_20x_ok"),
    (S.snakecase, ("Duration2m3s",), "duration_2m3s"),
    (S.snakecase, ("Bld4Floor3rd",), "bld4_floor_3rd"),
    (S.snakecase, ("",), ""),
    (S.kebabcase, ("FirstName",), "first-name"),
    (S.kebabcase, ("NoHTTPS",), "no-https"),
    (S.kebabcase, ("HTTP20xOK",), "http-20x-ok"),
    (S.camelcase, ("http_server",), "HttpServer"),
    (S.camelcase, ("some words here",), "SomeWordsHere"),
    (S.camelcase, ("web-app-server",), "WebAppServer"),
    (S.camelcase, ("some_words",), "SomeWords"),
    (S.camelcase, ("no_https",), "NoHttps"),
    (S.camelcase, ("_complex__case_",), "_Complex_Case_"),
    (S.camelcase, ("GOLANG_IS_GREAT",), "GolangIsGreat"),
    (S.camelcase, ("a",), "A"),
    (S.camelcase, ("_",), "__"),
    (S.hello, (), "Hello!"),
    # conversion to strings
    (S.to_string, (1000000.0,), "1e+06"),
    (S.to_string, (None,), "<nil>"),
    (S.to_string, (True,), "true"),
    (S.to_string, ([1, "a"],), "[1 a]"),
    (S.to_string, (b"abc",), "abc"),
    (S.join, ("-", ["a", 1, None, 2.5]), "a-1-2.5"),
    (S.join, (",", "abc"), "abc"),
    (S.join, (",", None), ""),
    (S.join, (",", TypedList(["x", "y"], "[]string")), "x,y"),
]


@pytest.mark.parametrize("fn,args,want", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_string_functions(fn, args, want):
    assert fn(*args) == want


@pytest.mark.parametrize("fn,args,message", [
    (S.repeat, (-1, "x"), "strings: negative Repeat count"),
    (S.indent, (-1, "x"), "strings: negative Repeat count"),
    (S.substr, (-1, 10, "abcdef"), "runtime error: slice bounds out of range [:10] with length 6"),
    (S.substr, (-1, -2, "abc"), "runtime error: slice bounds out of range [:-2]"),
    (S.substr, (7, -1, "abcdef"), "runtime error: slice bounds out of range [7:6]"),
    (S.substr, (3, 2, "abcdef"), "runtime error: slice bounds out of range [3:2]"),
])
def test_string_panics(fn, args, message):
    with pytest.raises(GoError) as e:
        fn(*args)
    assert str(e.value) == message


def test_lists_and_maps():
    r = S.split_list(",", "a,b,,c")
    assert r == ["a", "b", "", "c"] and r.go_type == "[]string"
    assert S.split_list("", "héy") == ["h", "é", "y"]
    m = S.split(".", "a.b.c")
    assert isinstance(m, TypedMap) and m.go_type == "map[string]string"
    assert m == {"_0": "a", "_1": "b", "_2": "c"}
    assert S.splitn("-", 2, "a-b-c") == {"_0": "a", "_1": "b-c"}
    assert S.splitn("-", 0, "a-b-c") == {}
    assert S.splitn("", 2, "abc") == {"_0": "a", "_1": "bc"}
    t = S.to_strings([1, "a", None, 2.5, True])
    assert t == ["1", "a", "2.5", "true"] and t.go_type == "[]string"
    assert S.to_strings(b"AB") == ["65", "66"]
    assert S.to_strings(5) == ["5"]
    assert S.to_strings(None) == []


def test_sort_alpha():
    assert S.sort_alpha(["b", "B", "a", "10", "9"]) == ["10", "9", "B", "a", "b"]
    assert S.sort_alpha(None) == ["<nil>"]
    assert S.sort_alpha("x") == ["x"]
    src = TypedList(["b", "a"], "[]string")
    assert S.sort_alpha(src) is src and src == ["a", "b"]  # Go sorts a []string in place
    assert S.sort_alpha(["é", "z", "\udcff"]) == ["z", "é", "\udcff"]  # byte order


def test_random_shapes():
    assert len(S.rand_alpha(8)) == 8 and S.rand_alpha(8).isalpha()
    assert len(S.rand_alpha_num(12)) == 12 and S.rand_alpha_num(12).isalnum()
    assert S.rand_numeric(4).isdigit() and len(S.rand_numeric(4)) == 4
    a = S.rand_ascii(50)
    assert len(a) == 50 and all(" " <= c <= "~" for c in a)
    assert S.rand_alpha(-1) == "" and S.rand_alpha_num(0) == ""
    assert sorted(S.shuffle("hello")) == sorted("hello")
    assert S.shuffle("aaaa") == "aaaa"


def test_registered_signatures():
    for name, params, returns in [
        ("trunc", ("int", "string"), "string"),
        ("substr", ("int", "int", "string"), "string"),
        ("indent", ("int", "string"), "string"),
        ("split", ("string", "string"), "map[string]string"),
        ("splitList", ("string", "string"), "[]string"),
        ("trimall", ("string", "string"), "string"),
        ("sortAlpha", ("interface {}",), "[]string"),
    ]:
        f = REGISTRY[name]
        assert f.params == params and f.returns == returns and f.doc and f.signature.startswith(name)
    assert REGISTRY["quote"].variadic == "interface {}"

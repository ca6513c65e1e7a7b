"""Go regexp semantics for Sprig's regex functions (snippets.json, Sprig's regex_test.go, Go corner cases)."""

import pytest

from chartlsp.functions import regex as R
from chartlsp.gotemplate.gotypes import GoError

CASES = [
    (R.regex_match, ("^[a-z]+[0-9]*$", "abc123"), True),
    (R.regex_match, ("b", "abc"), True),
    (R.regex_match, ("[", "x"), False),
    (R.regex_match, ("^[a-zA-Z]+$", "Hello123"), False),
    (R.regex_match, (r"\z", ""), True),
    (R.must_regex_match, ("a.c", "xabc"), True),
    (R.regex_find_all, ("[0-9]+", "a1b22c333", -1), ["1", "22", "333"]),
    (R.regex_find_all, ("a{2}", "aaaa", -1), ["aa", "aa"]),
    (R.regex_find_all, ("a{2}", "aaaa", 1), ["aa"]),
    (R.regex_find_all, ("a{2}", "none", -1), []),
    (R.regex_find_all, ("a*", "baaab", -1), ["", "aaa", ""]),
    (R.regex_find_all, ("x*", "abc", -1), ["", "", "", ""]),
    (R.regex_find_all, (r"\pL+", "héllo wörld 42", -1), ["héllo", "wörld"]),
    (R.regex_find_all, ("", "日本", -1), ["", "", ""]),
    (R.must_regex_find_all, ("a.", "abacad", -1), ["ab", "ac", "ad"]),
    (R.regex_find, ("[a-z]+", "123abc456def"), "abc"),
    (R.regex_find, ("z", "abc"), ""),
    (R.regex_find, ("fo.?", "foorbar"), "foo"),
    (R.regex_find, ("a|ab", "ab"), "a"),  # leftmost-first, not leftmost-longest
    (R.must_regex_find, ("c.", "abacad"), "ca"),
    (R.regex_replace_all, ("(a+)(b)", "xaabyab", "${2}$1"), "xbaayba"),
    (R.regex_replace_all, (r"(?P<word>\w+)", "hello world", "<$word>"), "<hello> <world>"),
    (R.regex_replace_all, ("(a)", "abc", "$1x"), "bc"),
    (R.regex_replace_all, ("^v", "", "v1.2.3"), ""),
    (R.regex_replace_all, ("a(x*)b", "-ab-axxb-", "T"), "-T-T-"),
    (R.regex_replace_all, ("a(x*)b", "-ab-axxb-", "$1"), "--xx-"),
    (R.regex_replace_all, ("a(x*)b", "-ab-axxb-", "$1W"), "---"),
    (R.regex_replace_all, ("a(x*)b", "-ab-axxb-", "${1}W"), "-W-xxW-"),
    (R.regex_replace_all, ("b", "abc", "$$"), "a$c"),
    (R.regex_replace_all, ("b", "abc", "${1"), "a${1c"),
    (R.regex_replace_all, ("b", "abc", "$"), "a$c"),
    (R.regex_replace_all, ("(b)", "abc", "$01"), "ac"),
    (R.regex_replace_all, ("(b)", "abc", "$9"), "ac"),
    (R.regex_replace_all, ("a*", "baaac", "-"), "-b-c-"),
    (R.regex_replace_all, ("", "héj", "-"), "-h-é-j-"),
    (R.must_regex_replace_all, ("a", "banana", "o"), "bonono"),
    (R.regex_replace_all_literal, ("a(b)", "abab", "$1"), "$1$1"),
    (R.regex_replace_all_literal, ("a(x*)b", "-ab-axxb-", "$1"), "-$1-$1-"),
    (R.must_regex_replace_all_literal, ("a", "banana", "$1"), "b$1n$1n$1"),
    (R.regex_split, (r"[,;]\s*", "a, b;c,  d", -1), ["a", "b", "c", "d"]),
    (R.regex_split, ("x*", "abc", -1), ["a", "b", "c"]),
    (R.regex_split, ("a", "banana", -1), ["b", "n", "n", ""]),
    (R.regex_split, ("a", "banana", 0), []),
    (R.regex_split, ("a", "banana", 1), ["banana"]),
    (R.regex_split, ("a", "banana", 2), ["b", "nana"]),
    (R.regex_split, ("a+", "banana", 1), ["banana"]),
    (R.regex_split, ("a", "", -1), [""]),
    (R.regex_split, ("", "", -1), []),
    (R.regex_split, (",", "a,b", -1), ["a", "b"]),
    (R.must_regex_split, (r"\d", "a1b2c", -1), ["a", "b", "c"]),
    (R.regex_quote_meta, ("1.5+[x]",), r"1\.5\+\[x\]"),
    (R.regex_quote_meta, ("a{b}|c^$\\",), r"a\{b\}\|c\^\$\\"),
]


@pytest.mark.parametrize("fn,args,want", CASES)
def test_regex(fn, args, want):
    got = fn(*args)
    assert got == want
    if isinstance(want, list):
        assert got.go_type == "[]string"


@pytest.mark.parametrize("fn,args,message", [
    (R.must_regex_match, ("[", "x"), "error parsing regexp: missing closing ]: `[`"),
    (R.regex_find, ("(", "x"), "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"),
    (R.must_regex_replace_all, ("*", "x", "y"),
     "error parsing regexp: missing argument to repetition operator: `*`"),
    (R.regex_find_all, ("a**", "x", -1),
     "regexp: Compile(`a**`): error parsing regexp: invalid nested repetition operator: `**`"),
    (R.must_regex_find, ("x{2,1}", "x"), "error parsing regexp: invalid repeat count: `{2,1}`"),
    (R.must_regex_split, ("a\\", "x", -1), "error parsing regexp: trailing backslash at end of expression: ``"),
    (R.must_regex_find, ("(?P<>a)", "x"), "error parsing regexp: invalid named capture: `(?P<>`"),
    (R.must_regex_find, ("[z-a]", "x"), "error parsing regexp: invalid character class range: `z-a`"),
    (R.must_regex_find, ("a)", "x"), "error parsing regexp: unexpected ): `a)`"),
    (R.must_regex_find, (r"\8", "x"), "error parsing regexp: invalid escape sequence: `\\8`"),
    (R.must_regex_find, (r"\C", "x"), "error parsing regexp: invalid escape sequence: `\\C`"),
    (R.must_regex_find, ("(?z)", "x"), "error parsing regexp: invalid or unsupported Perl syntax: `(?z`"),
    (R.regex_split, ("(\n", "x", -1),
     'regexp: Compile("(\\n"): error parsing regexp: missing closing ): `(\n`'),
])
def test_regex_errors(fn, args, message):
    with pytest.raises(GoError) as e:
        fn(*args)
    assert str(e.value) == message

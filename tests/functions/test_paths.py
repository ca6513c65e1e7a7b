"""Go path/filepath functions and net/url-based urlParse/urlJoin."""

import pytest

from chartlsp.functions import paths as P
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError

PATH_CASES = [
    (P.base_fn, "/a/b/c.tar.gz", "c.tar.gz"), (P.dir_fn, "/a/b/c.tar.gz", "/a/b"),
    (P.ext_fn, "/a/b/c.tar.gz", ".gz"), (P.clean_fn, "a//b/../c/./d/", "a/c/d"),
    (P.clean_fn, "", "."), (P.is_abs, "/x", True), (P.is_abs, "x/y", False), (P.is_abs, "", False),
    (P.base_fn, "", "."), (P.base_fn, "/", "/"), (P.base_fn, "a/b/", "b"), (P.base_fn, "//", "/"),
    (P.dir_fn, "file", "."), (P.dir_fn, "/", "/"), (P.dir_fn, "", "."), (P.dir_fn, "a/b/", "a/b"),
    (P.ext_fn, "noext", ""), (P.ext_fn, "a.b/c", ""), (P.ext_fn, ".bashrc", ".bashrc"),
    (P.clean_fn, "/a/../b", "/b"), (P.clean_fn, "//a", "/a"), (P.clean_fn, "../../a/..", "../.."),
    (P.clean_fn, "/../a", "/a"), (P.clean_fn, "a/..", "."), (P.clean_fn, "./", "."),
]


@pytest.mark.parametrize("fn,arg,want", PATH_CASES)
def test_paths(fn, arg, want):
    assert fn(arg) == want


def test_os_aliases():
    for go, os_name in [("base", "osBase"), ("dir", "osDir"), ("clean", "osClean"), ("ext", "osExt"),
                        ("isAbs", "osIsAbs")]:
        assert REGISTRY[os_name].fn is REGISTRY[go].fn


URLS = [
    ("https://user:pw@example.com:8443/p/a?q=1&r=2#frag",
     dict(scheme="https", host="example.com:8443", hostname="example.com", path="/p/a",
          query="q=1&r=2", opaque="", fragment="frag", userinfo="user:pw")),
    ("http://x.io/p", dict(scheme="http", host="x.io", hostname="x.io", path="/p", query="",
                           opaque="", fragment="", userinfo="")),
    ("mailto:joe@example.com", dict(scheme="mailto", host="", hostname="", path="", query="",
                                    opaque="joe@example.com", fragment="", userinfo="")),
    ("HTTP://[::1]:80/a%20b?x#y%21", dict(scheme="http", host="[::1]:80", hostname="::1", path="/a b",
                                         query="x", opaque="", fragment="y!", userinfo="")),
    ("/rel/path?q", dict(scheme="", host="", hostname="", path="/rel/path", query="q", opaque="",
                         fragment="", userinfo="")),
    ("//h/p", dict(scheme="", host="h", hostname="h", path="/p", query="", opaque="", fragment="",
                   userinfo="")),
    ("http://a%40b@h/", dict(scheme="http", host="h", hostname="h", path="/", query="", opaque="",
                             fragment="", userinfo="a%40b")),
]


@pytest.mark.parametrize("raw,want", URLS)
def test_url_parse(raw, want):
    assert P.url_parse(raw) == want


@pytest.mark.parametrize("raw,message", [
    ("://bad", 'parse "://bad": missing protocol scheme'),
    ("a:b/c", None),
    ("x:y", None),
    ("1a:b", 'parse "1a:b": first path segment in URL cannot contain colon'),
    ("http://h:port/", 'parse "http://h:port/": invalid port ":port" after host'),
    ("http://%zz/", 'parse "http://%zz/": invalid URL escape "%zz"'),
    ("http://a b/", 'parse "http://a b/": invalid character " " in host name'),
    ("/a%2", 'parse "/a%2": invalid URL escape "%2"'),
    ("http://[::1/", 'parse "http://[::1/": missing \']\' in host'),
    ("http://u\\x@h/", 'parse "http://u\\\\x@h/": net/url: invalid userinfo'),
    ("a\nb", 'parse "a\\nb": net/url: invalid control character in URL'),
])
def test_url_parse_errors(raw, message):
    if message is None:
        assert P.url_parse(raw)["opaque"]
        return
    with pytest.raises(GoError) as e:
        P.url_parse(raw)
    assert str(e.value) == "unable to parse url: " + message


@pytest.mark.parametrize("d,want", [
    (dict(scheme="https", host="example.com", path="/api", query="a=1"), "https://example.com/api?a=1"),
    (dict(scheme="http", host="h", path="a b", fragment="x y"), "http://h/a%20b#x%20y"),
    (dict(scheme="mailto", opaque="joe@example.com"), "mailto:joe@example.com"),
    (dict(scheme="https", host="h", userinfo="us%20er:p%40ss"), "https://us%20er:p%40ss@h"),
    (dict(path="a:b"), "./a:b"),
    ({}, ""),
    (dict(scheme="file", path="/etc/hosts"), "file:///etc/hosts"),
])
def test_url_join(d, want):
    assert P.url_join(d) == want


def test_url_roundtrip():
    raw = "https://user:pw@example.com:8443/p/a?q=1&r=2#frag"
    assert P.url_join(P.url_parse(raw)) == raw


@pytest.mark.parametrize("d,message", [
    ({"host": 1}, "unable to parse host key, must be of type string, but int found"),
    ({"path": [1]}, "unable to parse path key, must be of type string, but slice found"),
    ({"query": None}, "runtime error: invalid memory address or nil pointer dereference"),
    ({"userinfo": "us er"}, 'unable to parse userinfo in dict: parse "proto://us er@host": net/url: invalid userinfo'),
])
def test_url_join_errors(d, message):
    with pytest.raises(GoError) as e:
        P.url_join(d)
    assert str(e.value) == message

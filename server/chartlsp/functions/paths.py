"""Path functions (Go ``path`` and ``path/filepath``) and ``urlParse``/``urlJoin`` (``net/url``).

Python's ``posixpath`` differs from Go (``normpath("//a")`` keeps both
slashes, ``basename("a/")`` is ""), so Go's algorithms are reimplemented.
The ``os…`` variants are ``filepath`` on Linux, where Helm runs, which
behaves like ``path``. URLs follow ``net/url``'s parser and ``URL.String``.
"""

from __future__ import annotations

from typing import Any

from ..gotemplate.gofmt import quote as go_quote
from ..gotemplate.gotypes import GoError, kind_of
from .registry import gofunc

_NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference"


# ---------------------------------------------------------------- Go path

def clean(p: str) -> str:
    """path.Clean: the shortest equivalent path by lexical processing."""
    if p == "":
        return "."
    rooted = p[0] == "/"
    out: list[str] = []
    dotdot = 0  # leading ".." elements of a relative path that cannot be removed
    for part in p.split("/"):
        if part == "" or part == ".":
            continue
        if part == "..":
            if len(out) > dotdot:
                out.pop()
            elif not rooted:
                out.append("..")
                dotdot += 1
            continue
        out.append(part)
    r = "/".join(out)
    if rooted:
        return "/" + r
    return r or "."


def base(p: str) -> str:
    """path.Base: the last element, trailing slashes removed."""
    if p == "":
        return "."
    p = p.rstrip("/")
    if p == "":
        return "/"
    return p[p.rfind("/") + 1:]


def dirname(p: str) -> str:
    """path.Dir: everything before the last element, cleaned."""
    return clean(p[: p.rfind("/") + 1])


def ext(p: str) -> str:
    """path.Ext: the suffix from the last dot of the last element."""
    for i in range(len(p) - 1, -1, -1):
        c = p[i]
        if c == "/":
            break
        if c == ".":
            return p[i:]
    return ""


@gofunc("base", params=("string",), returns="string", has_error=False, aliases=("osBase",),
        signature="base PATH", doc="The last element of a slash-separated PATH.")
def base_fn(p: str) -> str:
    return base(p)


@gofunc("dir", params=("string",), returns="string", has_error=False, aliases=("osDir",),
        signature="dir PATH", doc="All but the last element of PATH (cleaned).")
def dir_fn(p: str) -> str:
    return dirname(p)


@gofunc("clean", params=("string",), returns="string", has_error=False, aliases=("osClean",),
        signature="clean PATH", doc='Cleans PATH lexically: collapses //, . and .. ("" gives ".").')
def clean_fn(p: str) -> str:
    return clean(p)


@gofunc("ext", params=("string",), returns="string", has_error=False, aliases=("osExt",),
        signature="ext PATH", doc='The file extension of PATH, from its last dot ("" if none).')
def ext_fn(p: str) -> str:
    return ext(p)


@gofunc("isAbs", params=("string",), returns="bool", has_error=False, aliases=("osIsAbs",),
        signature="isAbs PATH", doc="Reports whether PATH is absolute (starts with /).")
def is_abs(p: str) -> bool:
    return p.startswith("/")


# ---------------------------------------------------------------- net/url

_QUERY, _PATH, _USERINFO, _FRAGMENT, _HOST, _ZONE = range(6)
_HEX = "0123456789ABCDEF"


def _should_escape(c: str, mode: int) -> bool:
    """net/url shouldEscape for one byte (as a latin-1 char)."""
    if c.isascii() and c.isalnum():
        return False
    if mode in (_HOST, _ZONE) and c in "!$&'()*+,;=:[]<>\"":
        return False
    if c in "-_.~":
        return False
    if c in "$&+,/:;=?@":
        if mode == _QUERY:
            return True
        if mode == _PATH:
            return c == "?"
        if mode == _USERINFO:
            return c in "@/?:"
        if mode == _FRAGMENT:
            return False
    if mode == _FRAGMENT and c in "!()*":
        return False
    return True


def _escape(s: str, mode: int) -> str:
    """net/url escape: percent-encode the bytes that need it."""
    b = s.encode("utf-8", "surrogateescape").decode("latin-1")
    if not any(_should_escape(c, mode) for c in b):
        return s
    out = []
    for c in b:
        if _should_escape(c, mode):
            o = ord(c)
            out.append("%" + _HEX[o >> 4] + _HEX[o & 15])
        else:
            out.append(c)
    return _gostr("".join(out))


class _URLError(Exception):
    pass


def _gostr(latin: str) -> str:
    """A latin-1 view of bytes back to a Go string."""
    return latin.encode("latin-1").decode("utf-8", "surrogateescape")


def _ishex(c: str) -> bool:
    return c in "0123456789abcdefABCDEF"


def _unescape(s: str, mode: int) -> str:
    """net/url unescape, with its host/zone validation."""
    b = s.encode("utf-8", "surrogateescape").decode("latin-1")
    i, n = 0, len(b)
    while i < n:
        c = b[i]
        if c == "%":
            if i + 2 >= n or not _ishex(b[i + 1]) or not _ishex(b[i + 2]):
                raise _URLError(f"invalid URL escape {go_quote(_gostr(b[i:i + 3]))}")
            if mode == _HOST and int(b[i + 1], 16) < 8 and b[i:i + 3] != "%25":
                raise _URLError(f"invalid URL escape {go_quote(_gostr(b[i:i + 3]))}")
            if mode == _ZONE:
                v = chr(int(b[i + 1:i + 3], 16))
                if b[i:i + 3] != "%25" and v != " " and _should_escape(v, _HOST):
                    raise _URLError(f"invalid URL escape {go_quote(_gostr(b[i:i + 3]))}")
            i += 3
        else:
            if mode in (_HOST, _ZONE) and c < "\x80" and _should_escape(c, mode):
                raise _URLError(f"invalid character {go_quote(c)} in host name")
            i += 1
    if "%" not in b:
        return s
    out = []
    i = 0
    while i < n:
        if b[i] == "%":
            out.append(chr(int(b[i + 1:i + 3], 16)))
            i += 3
        else:
            out.append(b[i])
            i += 1
    return _gostr("".join(out))


def _valid_optional_port(port: str) -> bool:
    if port == "":
        return True
    return port[0] == ":" and all("0" <= c <= "9" for c in port[1:])


def _parse_host(host: str) -> str:
    if host.startswith("["):
        i = host.rfind("]")
        if i < 0:
            raise _URLError("missing ']' in host")
        colon_port = host[i + 1:]
        if not _valid_optional_port(colon_port):
            raise _URLError(f"invalid port {go_quote(colon_port)} after host")
        zone = host.find("%25", 0, i)
        if zone >= 0:
            return _unescape(host[:zone], _HOST) + _unescape(host[zone:i], _ZONE) + _unescape(host[i:], _HOST)
    else:
        i = host.rfind(":")
        if i != -1:
            colon_port = host[i:]
            if not _valid_optional_port(colon_port):
                raise _URLError(f"invalid port {go_quote(colon_port)} after host")
    return _unescape(host, _HOST)


_USERINFO_OK = frozenset("-._:~!$&'()*+,;=%@")


def _parse_authority(authority: str) -> tuple[tuple[str, str | None] | None, str]:
    i = authority.rfind("@")
    host = _parse_host(authority if i < 0 else authority[i + 1:])
    if i < 0:
        return None, host
    userinfo = authority[:i]
    if not all((c.isascii() and c.isalnum()) or c in _USERINFO_OK for c in userinfo):
        raise _URLError("net/url: invalid userinfo")
    if ":" not in userinfo:
        return (_unescape(userinfo, _USERINFO), None), host
    name, _, password = userinfo.partition(":")
    return (_unescape(name, _USERINFO), _unescape(password, _USERINFO)), host


def _get_scheme(raw: str) -> tuple[str, str]:
    for i, c in enumerate(raw):
        if c.isascii() and c.isalpha():
            continue
        if c.isascii() and (c.isdigit() or c in "+-."):
            if i == 0:
                return "", raw
            continue
        if c == ":":
            if i == 0:
                raise _URLError("missing protocol scheme")
            return raw[:i], raw[i + 1:]
        return "", raw
    return "", raw


def _userinfo_string(user: tuple[str, str | None] | None) -> str:
    if user is None:
        return ""
    s = _escape(user[0], _USERINFO)
    if user[1] is not None:
        s += ":" + _escape(user[1], _USERINFO)
    return s


def parse_url(raw: str) -> dict[str, Any]:
    """url.Parse, as the fields Sprig's urlParse exposes; raises _URLError with Go's text."""
    u, _, frag = raw.partition("#")
    try:
        url = _parse(u)
    except _URLError as e:
        raise _URLError(f"parse {go_quote(u)}: {e}") from None
    try:
        url["fragment"] = _unescape(frag, _FRAGMENT)
    except _URLError as e:
        raise _URLError(f"parse {go_quote(raw)}: {e}") from None
    return url


def _parse(raw: str) -> dict[str, Any]:
    if any(c < " " or c == "\x7f" for c in raw):
        raise _URLError("net/url: invalid control character in URL")
    url: dict[str, Any] = {"scheme": "", "host": "", "path": "", "query": "", "opaque": "", "user": None}
    if raw == "*":
        url["path"] = "*"
        return url
    scheme, rest = _get_scheme(raw)
    url["scheme"] = scheme.lower()
    if rest.endswith("?") and rest.count("?") == 1:
        rest = rest[:-1]
    else:
        rest, _, url["query"] = rest.partition("?")
    if not rest.startswith("/"):
        if url["scheme"]:
            url["opaque"] = rest
            return url
        if ":" in rest.partition("/")[0]:
            raise _URLError("first path segment in URL cannot contain colon")
    if (url["scheme"] or not rest.startswith("///")) and rest.startswith("//"):
        authority, rest = rest[2:], ""
        i = authority.find("/")
        if i >= 0:
            authority, rest = authority[:i], authority[i:]
        url["user"], url["host"] = _parse_authority(authority)
    url["path"] = _unescape(rest, _PATH)
    return url


def _hostname(host: str) -> str:
    """URL.Hostname: host without port and IPv6 brackets."""
    colon = host.rfind(":")
    if colon != -1 and _valid_optional_port(host[colon:]):
        host = host[:colon]
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host


@gofunc("urlParse", params=("string",), returns="map[string]interface {}", has_error=False,
        signature="urlParse URL",
        doc="Parses URL into a dict: scheme, host, hostname, path, query, opaque, fragment, userinfo.")
def url_parse(v: str) -> dict[str, Any]:
    try:
        u = parse_url(v)
    except _URLError as e:
        raise GoError(f"unable to parse url: {e}") from None
    return {
        "scheme": u["scheme"],
        "host": u["host"],
        "hostname": _hostname(u["host"]),
        "path": u["path"],
        "query": u["query"],
        "opaque": u["opaque"],
        "fragment": u["fragment"],
        "userinfo": _userinfo_string(u["user"]),
    }


def _dict_str(d: dict[str, Any], key: str) -> str:
    """Sprig's dictGetOrEmpty: a missing key is "", a non-string value panics."""
    if key not in d:
        return ""
    v = d[key]
    if v is None:
        raise GoError(_NIL_DEREF)
    if not isinstance(v, str):
        raise GoError(f"unable to parse {key} key, must be of type string, but {kind_of(v)} found")
    return v


@gofunc("urlJoin", params=("map[string]interface {}",), returns="string", has_error=False,
        signature="urlJoin DICT", doc="Builds a URL string from a dict shaped like urlParse's result.")
def url_join(d: dict[str, Any]) -> str:
    scheme = _dict_str(d, "scheme")
    host = _dict_str(d, "host")
    path = _dict_str(d, "path")
    query = _dict_str(d, "query")
    opaque = _dict_str(d, "opaque")
    fragment = _dict_str(d, "fragment")
    userinfo = _dict_str(d, "userinfo")
    user = None
    if userinfo:
        try:
            user = parse_url(f"proto://{userinfo}@host")["user"]
        except _URLError as e:
            raise GoError(f"unable to parse userinfo in dict: {e}") from None
    out = []
    if scheme:
        out.append(scheme + ":")
    if opaque:
        out.append(opaque)
    else:
        if scheme or host or user is not None:
            if host or path or user is not None:
                out.append("//")
            if user is not None:
                out.append(_userinfo_string(user) + "@")
            if host:
                out.append(_escape(host, _HOST))
        epath = "*" if path == "*" else _escape(path, _PATH)
        if epath and epath[0] != "/" and host:
            out.append("/")
        if not out and ":" in epath.partition("/")[0]:
            out.append("./")
        out.append(epath)
    if query:
        out.append("?" + query)
    if fragment:
        out.append("#" + _escape(fragment, _FRAGMENT))
    return "".join(out)

"""Sprig's ``semver`` and ``semverCompare`` (Masterminds/semver v3).

Versions parse loosely like ``semver.NewVersion`` (``v`` prefix, missing
minor/patch, leading zeros coerced); constraints follow the v3 range rules
charts rely on: ``,``/space = AND, ``||`` = OR, ``~``, ``^``, ``x``/``*``
wildcards, hyphen ranges, and prereleases match only when the AND group
names one (``>=1.19-0``). Error texts are those the conformance oracle
prints (``Invalid Semantic Version``, ``improper constraint: X``).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ..gotemplate.gotypes import GoError, GoFunc, GoInt, GoObject
from .registry import gofunc

_MAX_U64 = (1 << 64) - 1

# Go's regexp: `\s` is ASCII and `$` is end of text, hence re.ASCII and \Z.
_VERSION_RE = re.compile(
    r"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?"
    r"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
    r"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?\Z", re.ASCII)

_CV = (r"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?"
       r"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
       r"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?")
_OPS = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"
_CONSTRAINT_RE = re.compile(rf"\s*({_OPS})\s*({_CV})\s*\Z", re.ASCII)
_RANGE_RE = re.compile(rf"\s*({_CV})\s+-\s+({_CV})\s*", re.ASCII)
_FIND_RE = re.compile(rf"({_OPS})\s*({_CV})", re.ASCII)
_VALID_RE = re.compile(rf"(\s*({_OPS})\s*({_CV})\s*)((?:\s+|,\s*)({_OPS})\s*({_CV})\s*)*\Z", re.ASCII)


def _parse_u64(digits: str) -> int:
    n = int(digits)
    if n > _MAX_U64:
        raise GoError(f'Error parsing version segment: strconv.ParseUint: parsing "{digits}": value out of range')
    return n


class Version(GoObject):
    """A ``*semver.Version`` (or, from ``IncMajor`` …, a ``semver.Version`` value).

    Templates see only methods (the struct's fields are unexported) and print
    it through ``String()``.
    """

    __slots__ = ("major", "minor", "patch", "pre", "metadata", "original", "pointer")

    def __init__(self, major: int, minor: int, patch: int, pre: str, metadata: str,
                 original: str, pointer: bool = True) -> None:
        self.major, self.minor, self.patch = major, minor, patch
        self.pre, self.metadata, self.original = pre, metadata, original
        self.pointer = pointer

    @property
    def go_type(self) -> str:  # type: ignore[override]
        return "*semver.Version" if self.pointer else "semver.Version"

    @property
    def go_kind(self) -> str:  # type: ignore[override]
        return "ptr" if self.pointer else "struct"

    def __str__(self) -> str:
        s = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            s += "-" + self.pre
        if self.metadata:
            s += "+" + self.metadata
        return s

    def __repr__(self) -> str:
        return f"Version({str(self)!r})"

    def go_string(self) -> str:
        return str(self)

    def go_json(self) -> Any:
        return str(self)

    def compare(self, o: "Version") -> int:
        """``Compare``: precedence by X.Y.Z then prerelease; metadata ignored."""
        a, b = (self.major, self.minor, self.patch), (o.major, o.minor, o.patch)
        if a != b:
            return -1 if a < b else 1
        if self.pre == o.pre:
            return 0
        if not self.pre:
            return 1
        if not o.pre:
            return -1
        return _compare_prerelease(self.pre, o.pre)

    def _next(self, major: int, minor: int, patch: int, pre: str = "", metadata: str = "") -> "Version":
        v = Version(major, minor, patch, pre, metadata, "", pointer=False)
        v.original = ("v" if self.original[:1] == "v" else "") + str(v)
        return v

    def _set_prerelease(self, pre: str) -> "Version":
        if pre:
            _validate_prerelease(pre)
        return self._next(self.major, self.minor, self.patch, pre, self.metadata)

    def _set_metadata(self, metadata: str) -> "Version":
        if metadata and not all(p and _ALLOWED.issuperset(p) for p in metadata.split(".")):
            raise GoError("Invalid Metadata string")
        return self._next(self.major, self.minor, self.patch, self.pre, metadata)

    def _inc_patch(self) -> "Version":
        if self.pre:
            return self._next(self.major, self.minor, self.patch)
        return self._next(self.major, self.minor, self.patch + 1)

    def go_method(self, name: str) -> GoFunc | None:
        spec = _VALUE_METHODS.get(name) or (_POINTER_METHODS.get(name) if self.pointer else None)
        if spec is None:
            return None
        params, returns, has_error, fn = spec
        return GoFunc(name, lambda *a: fn(self, *a), params, None, returns, has_error=has_error)


def _u64(n: int) -> GoInt:
    return GoInt(n, "uint64")


_MethodSpec = tuple[tuple[str, ...], str, bool, Callable[..., Any]]
# Methods with a value receiver work on both forms; pointer-receiver ones
# only on the *Version that `semver` returns (Go's method sets).
_VALUE_METHODS: dict[str, _MethodSpec] = {
    "String": ((), "string", False, str),
    "Major": ((), "uint64", False, lambda v: _u64(v.major)),
    "Minor": ((), "uint64", False, lambda v: _u64(v.minor)),
    "Patch": ((), "uint64", False, lambda v: _u64(v.patch)),
    "Prerelease": ((), "string", False, lambda v: v.pre),
    "Metadata": ((), "string", False, lambda v: v.metadata),
    "IncMajor": ((), "semver.Version", False, lambda v: v._next(v.major + 1, 0, 0)),
    "IncMinor": ((), "semver.Version", False, lambda v: v._next(v.major, v.minor + 1, 0)),
    "IncPatch": ((), "semver.Version", False, lambda v: v._inc_patch()),
    "SetPrerelease": (("string",), "semver.Version", True, lambda v, p: v._set_prerelease(p)),
    "SetMetadata": (("string",), "semver.Version", True, lambda v, m: v._set_metadata(m)),
}
_POINTER_METHODS: dict[str, _MethodSpec] = {
    "Original": ((), "string", False, lambda v: v.original),
    "Compare": (("*semver.Version",), "int", False, lambda v, o: v.compare(o)),
    "Equal": (("*semver.Version",), "bool", False, lambda v, o: v.compare(o) == 0),
    "LessThan": (("*semver.Version",), "bool", False, lambda v, o: v.compare(o) < 0),
    "LessThanEqual": (("*semver.Version",), "bool", False, lambda v, o: v.compare(o) <= 0),
    "GreaterThan": (("*semver.Version",), "bool", False, lambda v, o: v.compare(o) > 0),
    "GreaterThanEqual": (("*semver.Version",), "bool", False, lambda v, o: v.compare(o) >= 0),
}

_ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789")


def _validate_prerelease(pre: str) -> None:
    for part in pre.split("."):
        if part.isdigit() and part.isascii():
            if len(part) > 1 and part[0] == "0":
                raise GoError("Version segment starts with 0")
        elif not _ALLOWED.issuperset(part):
            raise GoError("Invalid Prerelease string")


def _compare_pre_part(s: str, o: str) -> int:
    if s == o:
        return 0
    if not s:
        return -1
    if not o:
        return 1
    s_num = s.isdigit() and s.isascii() and int(s) <= _MAX_U64
    o_num = o.isdigit() and o.isascii() and int(o) <= _MAX_U64
    if not s_num and not o_num:
        return 1 if s > o else -1
    if not o_num:
        return -1
    if not s_num:
        return 1
    return 1 if int(s) > int(o) else -1


def _compare_prerelease(a: str, b: str) -> int:
    sa, sb = a.split("."), b.split(".")
    for i in range(max(len(sa), len(sb))):
        d = _compare_pre_part(sa[i] if i < len(sa) else "", sb[i] if i < len(sb) else "")
        if d:
            return d
    return 0


def new_version(v: str) -> Version:
    """``semver.NewVersion``: loose parse, errors as Go reports them."""
    m = _VERSION_RE.match(v)
    if m is None:
        raise GoError("Invalid Semantic Version")
    major = _parse_u64(m.group(1))
    minor = _parse_u64(m.group(2)[1:]) if m.group(2) else 0
    patch = _parse_u64(m.group(3)[1:]) if m.group(3) else 0
    pre = m.group(5) or ""
    if pre:
        _validate_prerelease(pre)
    return Version(major, minor, patch, pre, m.group(8) or "", v)


def _is_x(s: str) -> bool:
    return s in ("x", "X", "*")


class _Constraint:
    """One comparison (``>=1.2``); ``dirty`` flags record x/missing parts."""

    __slots__ = ("op", "orig", "con", "minor_dirty", "patch_dirty", "dirty")

    def __init__(self, text: str) -> None:
        m = _CONSTRAINT_RE.match(text)
        if m is None:
            raise GoError(f"improper constraint: {text}")
        self.op, self.orig = m.group(1), m.group(2)
        major, minor, patch, pre = m.group(3), m.group(4) or "", m.group(5) or "", m.group(6) or ""
        ver = self.orig
        self.minor_dirty = self.patch_dirty = self.dirty = False
        if _is_x(major):
            ver, self.dirty = "0.0.0" + pre, True
        elif _is_x(minor[1:]) or not minor:
            ver, self.minor_dirty, self.dirty = f"{major}.0.0{pre}", True, True
        elif _is_x(patch[1:]) or not patch:
            ver, self.patch_dirty, self.dirty = f"{major}{minor}.0{pre}", True, True
        try:
            self.con = new_version(ver)
        except GoError:
            raise GoError("constraint parser error") from None

    def check(self, v: Version, include_pre: bool) -> bool:
        if v.pre and not include_pre:
            return False
        return _OPS_FUNCS[self.op](v, self)


def _not_equal(v: Version, c: _Constraint) -> bool:
    con = c.con
    if c.dirty:
        if con.major != v.major:
            return True
        if con.minor != v.minor and not c.minor_dirty:
            return True
        if c.minor_dirty:
            return False
        if con.patch != v.patch and not c.patch_dirty:
            return True
        if c.patch_dirty:
            if v.pre or con.pre:
                return _compare_prerelease(v.pre, con.pre) != 0
            return False
    return v.compare(con) != 0


def _greater_than(v: Version, c: _Constraint) -> bool:
    con = c.con
    if not c.dirty:
        return v.compare(con) == 1
    if v.major != con.major:
        return v.major > con.major
    if c.minor_dirty:
        return False
    if c.patch_dirty:
        return v.minor > con.minor
    return v.compare(con) == 1


def _less_than_equal(v: Version, c: _Constraint) -> bool:
    con = c.con
    if not c.dirty:
        return v.compare(con) <= 0
    if v.major > con.major:
        return False
    return not (v.major == con.major and v.minor > con.minor and not c.minor_dirty)


def _tilde(v: Version, c: _Constraint) -> bool:
    con = c.con
    if v.compare(con) < 0:
        return False
    if con.major == 0 and con.minor == 0 and con.patch == 0 and not c.minor_dirty and not c.patch_dirty:
        return True
    if v.major != con.major:
        return False
    return v.minor == con.minor or c.minor_dirty


def _tilde_or_equal(v: Version, c: _Constraint) -> bool:
    return _tilde(v, c) if c.dirty else v.compare(c.con) == 0


def _caret(v: Version, c: _Constraint) -> bool:
    con = c.con
    if v.compare(con) < 0:
        return False
    if con.major > 0 or c.minor_dirty:
        return v.major == con.major
    if v.major > 0:
        return False
    if con.minor > 0 or c.patch_dirty:
        return v.minor == con.minor
    if v.minor > 0:
        return False
    return v.patch == con.patch


_OPS_FUNCS: dict[str, Callable[[Version, _Constraint], bool]] = {
    "": _tilde_or_equal, "=": _tilde_or_equal, "!=": _not_equal,
    ">": _greater_than, "<": lambda v, c: v.compare(c.con) < 0,
    ">=": lambda v, c: v.compare(c.con) >= 0, "=>": lambda v, c: v.compare(c.con) >= 0,
    "<=": _less_than_equal, "=<": _less_than_equal,
    "~": _tilde, "~>": _tilde, "^": _caret,
}


def _rewrite_range(s: str) -> str:
    for m in _RANGE_RE.finditer(s):
        s = s.replace(m.group(0), f">= {m.group(1)}, <= {m.group(11)} ", 1)
    return s


class Constraints:
    """A parsed constraint string: OR groups of AND-ed comparisons."""

    __slots__ = ("groups",)

    def __init__(self, text: str) -> None:
        self.groups: list[tuple[list[_Constraint], bool]] = []
        for part in _rewrite_range(text).split("||"):
            if _VALID_RE.match(part) is None:
                raise GoError(f"improper constraint: {part}")
            found = [m.group(0) for m in _FIND_RE.finditer(part)] or [part]
            cons = [_Constraint(s) for s in found]
            self.groups.append((cons, any(c.con.pre for c in cons)))

    def check(self, v: Version) -> bool:
        return any(all(c.check(v, has_pre) for c in cons) for cons, has_pre in self.groups)


_CONSTRAINT_CACHE: dict[str, Constraints] = {}


def _constraints(text: str) -> Constraints:
    """Parse once per distinct text: charts repeat the same few constraints."""
    c = _CONSTRAINT_CACHE.get(text)
    if c is None:
        c = Constraints(text)
        if len(_CONSTRAINT_CACHE) < 1024:
            _CONSTRAINT_CACHE[text] = c
    return c


@gofunc("semver", params=("string",), returns="*semver.Version",
        signature="semver VERSION",
        doc="Parses VERSION into a semantic version with .Major .Minor .Patch .Prerelease .Metadata .Original and .Compare.")
def semver(version: str) -> Version:
    return new_version(version)


@gofunc("semverCompare", params=("string", "string"), returns="bool",
        signature="semverCompare CONSTRAINT VERSION",
        doc="True when VERSION satisfies CONSTRAINT (`>=1.19-0`, `^1.2`, `~1.2.3`, `1.1 - 1.5`, `a || b`); prereleases need `-0`.")
def semver_compare(constraint: str, version: str) -> bool:
    c = _constraints(constraint)
    return c.check(new_version(version))

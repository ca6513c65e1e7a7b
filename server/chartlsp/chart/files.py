"""``.Files``: Helm's ``engine.files`` map type and its methods.

``Glob`` follows gobwas/glob with ``/`` as separator (``*`` and ``?`` stay
within a path segment, ``**`` crosses them, ``{a,b}`` alternates, ``[!x]``
negates); an invalid pattern silently matches everything, as in Helm.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..gotemplate.gotypes import GoFunc, TypedList, TypedMap

if TYPE_CHECKING:
    from .model import Chart


class _GlobError(ValueError):
    pass


def _glob_to_regex(pattern: str) -> str:
    out, pos = _glob_seq(pattern, 0, in_alt=False)
    if pos != len(pattern):
        raise _GlobError("unexpected character")
    return out


def _glob_seq(p: str, i: int, in_alt: bool) -> tuple[str, int]:
    out: list[str] = []
    n = len(p)
    while i < n:
        c = p[i]
        if in_alt and c in ",}":
            return "".join(out), i
        if c == "*":
            if i + 1 < n and p[i + 1] == "*":
                out.append(".*")
                i += 2
                while i < n and p[i] == "*":
                    i += 1
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\":
            i += 1
            if i >= n:
                raise _GlobError("unexpected end of input")
            out.append(re.escape(p[i]))
        elif c == "[":
            j = p.find("]", i + 1)
            if j < 0:
                raise _GlobError("unexpected end of input")
            body = p[i + 1:j]
            neg = body.startswith("!")
            if neg:
                body = body[1:]
            if not body:
                raise _GlobError("empty list")
            if len(body) == 3 and body[1] == "-":
                cls = f"{re.escape(body[0])}-{re.escape(body[2])}"
            else:
                cls = "".join(re.escape(ch) for ch in body)
            out.append(f"[{'^' if neg else ''}{cls}]")
            i = j
        elif c == "{":
            alts: list[str] = []
            i += 1
            while True:
                seq, i = _glob_seq(p, i, in_alt=True)
                alts.append(seq)
                if i >= n:
                    raise _GlobError("unexpected end of input")
                if p[i] == "}":
                    break
                i += 1
            out.append("(?:" + "|".join(alts) + ")")
        else:
            out.append(re.escape(c))
        i += 1
    if in_alt:
        raise _GlobError("unexpected end of input")
    return "".join(out), i


@lru_cache(maxsize=256)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """The matcher for ``pattern``; an invalid pattern becomes ``**`` (matches all)."""
    try:
        return re.compile(_glob_to_regex(pattern), re.DOTALL)
    except (_GlobError, re.error):
        return re.compile(".*", re.DOTALL)


def _text(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _base(name: str) -> str:
    """Go's path.Base."""
    if not name:
        return "."
    stripped = name.rstrip("/")
    return stripped.rsplit("/", 1)[-1] if stripped else "/"


class Files(TypedMap):
    """``engine.files``: chart-relative path → contents, with Helm's accessor methods."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items, "engine.files", "map[string][]uint8")

    def go_method(self, name: str) -> GoFunc | None:
        spec = _METHODS.get(name)
        if spec is None:
            return None
        params, returns, signature, doc = spec
        return GoFunc(name, getattr(self, _PY_NAMES[name]), params, returns=returns,
                      signature=signature, doc=doc, has_error=False)

    def get(self, name: str, default: Any = None) -> Any:  # dict.get for Python callers
        return super().get(name, default)

    def get_string(self, name: str) -> str:
        return _text(super().get(name, b""))

    def get_bytes(self, name: str) -> bytes:
        return bytes(super().get(name, b""))

    def glob(self, pattern: str) -> "Files":
        rx = compile_glob(pattern)
        return Files({k: v for k, v in self.items() if rx.fullmatch(k)})

    def lines(self, name: str) -> TypedList:
        data = super().get(name)
        if not data:
            return TypedList([], "[]string")
        s = _text(data)
        if s.endswith("\n"):
            s = s[:-1]
        return TypedList(s.split("\n"), "[]string")

    def as_config(self) -> str:
        from ..encoding.yamlemit import to_yaml
        return _trim(to_yaml({_base(k): _text(v) for k, v in self.items()}))

    def as_secrets(self) -> str:
        from ..encoding.yamlemit import to_yaml
        return _trim(to_yaml({_base(k): base64.b64encode(v).decode("ascii") for k, v in self.items()}))


def _trim(s: str) -> str:
    """Helm's toYAML trims the trailing newline."""
    return s[:-1] if s.endswith("\n") else s


_METHODS: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "Get": (("string",), "string", "Get NAME", "The contents of a chart file as a string (\"\" if absent)."),
    "GetBytes": (("string",), "[]uint8", "GetBytes NAME", "The contents of a chart file as bytes."),
    "Glob": (("string",), "engine.files", "Glob PATTERN", "The chart files whose paths match a glob (** crosses /)."),
    "Lines": (("string",), "[]string", "Lines NAME", "The lines of a chart file (no trailing empty line)."),
    "AsConfig": ((), "string", "AsConfig", "The files as ConfigMap data YAML (base name: contents)."),
    "AsSecrets": ((), "string", "AsSecrets", "The files as Secret data YAML (base name: base64 contents)."),
}
_PY_NAMES = {"Get": "get_string", "GetBytes": "get_bytes", "Glob": "glob", "Lines": "lines",
             "AsConfig": "as_config", "AsSecrets": "as_secrets"}


def files_object(chart: "Chart") -> Files:
    """``.Files`` for a chart: only that chart's own files."""
    return Files(chart.files)

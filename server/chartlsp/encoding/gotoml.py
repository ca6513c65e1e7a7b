"""BurntSushi/toml's Encoder (Helm's ``toToml``) and a decoder for ``fromToml``.

The encoder's layout is reproduced rule by rule: in every table the plain
keys come first, then sub-tables, each group sorted by key bytes; tables get
``[a.b]`` headers indented two spaces per level after the first (and a blank
line before top-level ones), lists of maps become ``[[a]]`` blocks, other
maps inside arrays are inline ``{k = v}``; nil map values are skipped, nil
array elements are an error. float64 is printed in ``'f'`` form with a
``.0`` added when integral, so YAML's ``3`` becomes ``3.0``. Decoding uses
:mod:`tomllib` (integers become int64, as BurntSushi decodes them) and
reports errors as ``toml: line N: ...``; the texts after the line number
are tomllib's except for the cases mapped to BurntSushi's wording.
"""

from __future__ import annotations

import datetime
import math
import re
import tomllib
from typing import Any

from ..gotemplate.gotypes import GoError, GoObject, Int64
from .gojson import fmt_f

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f]')

_ERR_NO_KEY = "toml: top-level values must be Go maps or structs"
_ERR_NIL_ELEMENT = "toml: cannot encode array with nil element"


def _quote(s: str) -> str:
    if _NEEDS_ESCAPE.search(s) is None:
        return '"' + s + '"'
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", s) + '"'


def _key_piece(k: str) -> str:
    if k == "":
        return '""'
    return k if _BARE_KEY.match(k) else _quote(k)


def _plain(v: Any) -> Any:
    """Structs encode as their field map."""
    return v.go_json() if isinstance(v, GoObject) else v


def _is_table(v: Any) -> bool:
    """BurntSushi's ``typeIsTable``: maps and non-empty arrays whose every element is a map."""
    v = _plain(v)
    if isinstance(v, dict):
        return True
    if isinstance(v, list):
        return _is_table_array(v)
    return False


def _is_table_array(v: list[Any]) -> bool:
    if not v:
        return False
    result = True
    for x in v:
        x = _plain(x)
        if x is None:
            raise GoError(_ERR_NIL_ELEMENT)
        if not isinstance(x, dict):
            result = False
    return result


class _Encoder:
    def __init__(self) -> None:
        self.out: list[str] = []

    def newline(self) -> None:
        if self.out:
            self.out.append("\n")

    def encode(self, key: list[str], v: Any) -> None:
        v = _plain(v)
        if v is None:
            return
        if isinstance(v, dict):
            self.table(key, v)
        elif isinstance(v, list) and _is_table_array(v):
            if not key:
                raise GoError(_ERR_NO_KEY)
            for item in v:
                self.newline()
                self.out.append(f"{'  ' * (len(key) - 1)}[[{_dotted(key)}]]")
                self.newline()
                self.map(key, _plain(item), False)
        else:
            self.key_value(key, v, False)

    def table(self, key: list[str], v: dict[str, Any]) -> None:
        if len(key) == 1:
            self.newline()
        if key:
            self.out.append(f"{'  ' * (len(key) - 1)}[{_dotted(key)}]")
            self.newline()
        self.map(key, v, False)

    def map(self, key: list[str], v: dict[Any, Any], inline: bool) -> None:
        if any(not isinstance(k, str) for k in v):
            raise GoError("toml: map key type must be a string")
        direct = sorted(k for k, x in v.items() if not _is_table(x))
        sub = sorted(k for k, x in v.items() if _is_table(x))
        if inline:
            self.out.append("{")
        for group, trail in ((direct, bool(sub)), (sub, False)):
            for i, k in enumerate(group):
                x = _plain(v[k])
                if x is None:
                    continue
                if inline:
                    self.key_value([k], x, True)
                    if trail or i != len(group) - 1:
                        self.out.append(", ")
                else:
                    self.encode(key + [k], x)
        if inline:
            self.out.append("}")

    def key_value(self, key: list[str], v: Any, inline: bool) -> None:
        if not key:
            raise GoError(_ERR_NO_KEY)
        self.out.append(f"{'  ' * (len(key) - 1)}{_key_piece(key[-1])} = ")
        self.element(v)
        if not inline:
            self.newline()

    def element(self, v: Any) -> None:
        v = _plain(v)
        if isinstance(v, str):
            self.out.append(_quote(v))
        elif isinstance(v, bool):
            self.out.append("true" if v else "false")
        elif isinstance(v, int):
            self.out.append(str(int(v)))
        elif isinstance(v, float):
            if v != v:
                self.out.append("nan")
            elif math.isinf(v):
                self.out.append("-inf" if v < 0 else "+inf")
            else:
                s = fmt_f(v)
                self.out.append(s if "." in s else s + ".0")
        elif isinstance(v, (list, bytes, bytearray)):
            if isinstance(v, list):
                _is_table_array(v)  # raises on a nil element, as BurntSushi's type check does
            self.out.append("[")
            for i, x in enumerate(v):
                if i:
                    self.out.append(", ")
                self.element(x)
            self.out.append("]")
        elif isinstance(v, dict):
            self.map([], v, True)
        else:
            raise GoError(f"toml: unsupported type: {type(v).__name__}")


def _dotted(key: list[str]) -> str:
    return ".".join(_key_piece(k) for k in key)


def dumps(v: Any) -> str:
    """``toml.NewEncoder(w).Encode(v)`` output; Go's error text as :class:`GoError`."""
    v = _plain(v)
    e = _Encoder()
    if v is None:
        raise GoError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(v, dict):
        e.map([], v, False)
    else:
        e.encode([], v)
    return "".join(e.out)


# --- decoding ---------------------------------------------------------------------

_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


def _go_value(v: Any) -> Any:
    """tomllib's values as BurntSushi's ``interface {}`` results (int64, float64, maps, slices)."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return Int64(v)
    if isinstance(v, dict):
        return {k: _go_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_go_value(x) for x in v]
    if isinstance(v, datetime.datetime):
        return v.isoformat().replace("+00:00", "Z")
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    return v


def loads(text: str) -> dict[str, Any]:
    """``toml.Unmarshal`` into ``map[string]interface {}``; errors as ``toml: line N: ...``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise GoError(_go_error(text, str(e))) from None
    return _go_value(data)


def _go_error(text: str, msg: str) -> str:
    m = _LINE_RE.search(msg)
    if m and m.group(1):
        line = int(m.group(1))
    else:
        line = text.count("\n") + 1
    detail = _LINE_RE.sub("", msg).strip()
    last = text.split("\n")[line - 1] if text else ""
    if detail.startswith("Expected '=' after a key") and "=" not in last:
        rest = last.strip()
        if rest and _BARE_KEY.match(rest):
            return f"toml: line {line}: unexpected EOF; expected key separator '='"
        detail = "expected key separator '='"
    return f"toml: line {line}: {detail}"

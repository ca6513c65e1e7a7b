"""Sprig's emptiness rule and the functions built on it (``defaults.go``).

``empty`` is the one rule behind ``default``, ``coalesce``, ``all``, ``any``,
``compact`` and mergo's "dst is empty" test, so :func:`is_empty` is shared by
the list and dict modules.
"""

from __future__ import annotations

from typing import Any

from .registry import gofunc

_SIZED = (str, list, dict, bytes, bytearray)


def is_empty(v: Any) -> bool:
    """Sprig's ``empty``: nil, false, zero numbers, zero-length str/slice/map.

    Structs are never empty; non-nil pointers and funcs are not either (Go's
    ``IsNil`` is false for them), so every ``GoObject`` is non-empty.
    """
    if v is None:
        return True
    if isinstance(v, _SIZED):
        return len(v) == 0
    if isinstance(v, (bool, int, float)):
        return v == 0
    return False


@gofunc("default", params=("interface {}",), variadic="interface {}", has_error=False,
        signature="default DEFAULT VALUE",
        doc="Returns VALUE, or DEFAULT when VALUE is empty (nil, false, 0, \"\", empty list/map).")
def dfault(d: Any, *given: Any) -> Any:
    if not given or is_empty(given[0]):
        return d
    return given[0]


@gofunc("empty", params=("interface {}",), returns="bool", has_error=False,
        signature="empty VALUE",
        doc="True when VALUE is nil, false, 0, \"\" or an empty list/map (structs never are).")
def empty(given: Any) -> bool:
    return is_empty(given)


@gofunc("coalesce", variadic="interface {}", has_error=False,
        signature="coalesce VALUE...",
        doc="Returns the first non-empty argument, or nil when all are empty.")
def coalesce(*v: Any) -> Any:
    for val in v:
        if not is_empty(val):
            return val
    return None


@gofunc("all", variadic="interface {}", returns="bool", has_error=False,
        signature="all VALUE...",
        doc="True when no argument is empty (true for no arguments).")
def all_(*v: Any) -> bool:
    for val in v:
        if is_empty(val):
            return False
    return True


@gofunc("any", variadic="interface {}", returns="bool", has_error=False,
        signature="any VALUE...",
        doc="True when at least one argument is non-empty.")
def any_(*v: Any) -> bool:
    for val in v:
        if not is_empty(val):
            return True
    return False


@gofunc("ternary", params=("interface {}", "interface {}", "bool"), has_error=False,
        signature="ternary TRUEVAL FALSEVAL CONDITION",
        doc="Returns TRUEVAL if the bool CONDITION is true, else FALSEVAL (`cond | ternary a b`).")
def ternary(vt: Any, vf: Any, v: bool) -> Any:
    return vt if v else vf


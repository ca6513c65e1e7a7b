"""Sprig's reflection functions (``reflect.go``): Go type and kind names.

``typeOf`` is ``%T`` and ``kindOf`` the ``reflect.Kind`` name; both come
from the shared value model so every layer agrees on them.
"""

from __future__ import annotations

from typing import Any

from ..gotemplate.gotypes import deep_equal, kind_of, type_name
from .registry import gofunc


@gofunc("typeOf", params=("interface {}",), returns="string", has_error=False,
        signature="typeOf VALUE", doc="Returns the Go type of VALUE (`%T`: float64, []interface {}, <nil> …).")
def type_of(src: Any) -> str:
    return type_name(src)


@gofunc("typeIs", params=("string", "interface {}"), returns="bool", has_error=False,
        signature="typeIs TYPE VALUE", doc="True when the Go type of VALUE is exactly TYPE.")
def type_is(target: str, src: Any) -> bool:
    return target == type_name(src)


@gofunc("typeIsLike", params=("string", "interface {}"), returns="bool", has_error=False,
        signature="typeIsLike TYPE VALUE",
        doc="True when the Go type of VALUE is TYPE or a pointer to TYPE (*TYPE).")
def type_is_like(target: str, src: Any) -> bool:
    t = type_name(src)
    return target == t or "*" + target == t


@gofunc("kindOf", params=("interface {}",), returns="string", has_error=False,
        signature="kindOf VALUE", doc="Returns the Go kind of VALUE (map, slice, string, float64, invalid for nil …).")
def kind_of_fn(src: Any) -> str:
    return kind_of(src)


@gofunc("kindIs", params=("string", "interface {}"), returns="bool", has_error=False,
        signature="kindIs KIND VALUE", doc="True when the Go kind of VALUE is KIND.")
def kind_is(target: str, src: Any) -> bool:
    return target == kind_of(src)


@gofunc("deepEqual", params=("interface {}", "interface {}"), returns="bool", has_error=False,
        signature="deepEqual A B",
        doc="Go's reflect.DeepEqual: equal values of identical types (1 and 1.0 differ).")
def deep_equal_fn(x: Any, y: Any) -> bool:
    return deep_equal(x, y)

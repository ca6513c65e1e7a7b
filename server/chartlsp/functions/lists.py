"""Sprig's list functions (``list.go``).

Sprig walks its list argument with ``reflect``, so any slice kind works
(``[]interface {}``, ``[]string`` from ``splitList``/``regexSplit``,
``[]byte``) and results are fresh ``[]interface {}`` values. A non-slice
argument is an error naming its reflect kind; a nil one crashes in
``reflect.TypeOf(nil).Kind()``, which Go reports as a nil dereference. The
plain variants panic with the same message the ``mustX`` variants return,
and both reach the template as the same error text.
"""

from __future__ import annotations

import math
from typing import Any

from ..gotemplate.gotypes import GoError, TypedList, Uint8, deep_equal, kind_of
from .conversion import to_int64
from .defaults import is_empty
from .registry import gofunc

NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference"
_MAKESLICE = "runtime error: makeslice: len out of range"


def _items(v: Any, message: str) -> list[Any]:
    """The elements of a Go slice value, or the GoError Sprig gives for a non-slice.

    ``message`` has one ``%s`` for the reflect kind.
    """
    if isinstance(v, list):
        return v
    if isinstance(v, (bytes, bytearray)):
        return [Uint8(b) for b in v]
    if v is None:
        raise GoError(NIL_DEREF)
    raise GoError(message % kind_of(v))


def _register(name: str, params: tuple[str, ...], returns: str, signature: str, doc: str,
              variadic: str | None = None, aliases: tuple[str, ...] = (),
              must_aliases: tuple[str, ...] = ()):
    """Register ``fn`` as ``name`` (panicking form) and ``mustName`` (error form).

    Both behave identically here: a Go panic and a returned error become the
    same template error.
    """
    must = "must" + name[0].upper() + name[1:]

    def deco(fn):
        gofunc(name, params=params, variadic=variadic, returns=returns, has_error=False,
               signature=signature, doc=doc, aliases=aliases)(fn)
        gofunc(must, params=params, variadic=variadic, returns=returns, has_error=True,
               signature=signature.replace(name, must, 1),
               doc=doc + f" Like {name}, with errors returned instead of panics.",
               aliases=must_aliases)(fn)
        return fn

    return deco


@gofunc("list", variadic="interface {}", returns="[]interface {}", has_error=False,
        aliases=("tuple",), signature="list VALUE...",
        doc="Builds a list ([]interface {}) of its arguments.")
def list_(*v: Any) -> list[Any]:
    return list(v)


@_register("push", ("interface {}", "interface {}"), "[]interface {}", "push LIST VALUE",
           "Returns a new list: LIST with VALUE appended (LIST is not changed).",
           aliases=("append",), must_aliases=("mustAppend",))
def push(lst: Any, v: Any) -> list[Any]:
    nl = list(_items(lst, "Cannot push on type %s"))
    nl.append(v)
    return nl


@_register("prepend", ("interface {}", "interface {}"), "[]interface {}", "prepend LIST VALUE",
           "Returns a new list: VALUE followed by the elements of LIST.")
def prepend(lst: Any, v: Any) -> list[Any]:
    return [v, *_items(lst, "Cannot prepend on type %s")]


@_register("chunk", ("int", "interface {}"), "[][]interface {}", "chunk SIZE LIST",
           "Splits LIST into lists of SIZE elements (the last one may be shorter).")
def chunk(size: int, lst: Any) -> TypedList:
    items = _items(lst, "Cannot chunk type %s")
    n = len(items)
    # Sprig computes the chunk count and the last chunk's length in float64;
    # size <= 0 gives a count Go's make() rejects (or a negative length).
    try:
        count_f = math.floor((n - 1) / size) + 1
    except ZeroDivisionError:
        raise GoError(_MAKESLICE) from None
    count = int(count_f)
    if count < 0:
        raise GoError(_MAKESLICE)
    out = []
    for i in range(count):
        clen = size
        if i == count - 1:
            clen = int(math.fmod(n, size)) or size
        if clen < 0:
            raise GoError(_MAKESLICE)
        start = i * size
        if start < 0 or start + clen > n:
            raise GoError("reflect: slice index out of range")
        out.append(items[start:start + clen])
    return TypedList(out, "[][]interface {}")


@_register("last", ("interface {}",), "interface {}", "last LIST",
           "Returns the last element of LIST (nil when empty).")
def last(lst: Any) -> Any:
    items = _items(lst, "Cannot find last on type %s")
    return items[-1] if items else None


@_register("first", ("interface {}",), "interface {}", "first LIST",
           "Returns the first element of LIST (nil when empty).")
def first(lst: Any) -> Any:
    items = _items(lst, "Cannot find first on type %s")
    return items[0] if items else None


@_register("rest", ("interface {}",), "[]interface {}", "rest LIST",
           "Returns all elements of LIST but the first.")
def rest(lst: Any) -> list[Any]:
    return list(_items(lst, "Cannot find rest on type %s")[1:])


@_register("initial", ("interface {}",), "[]interface {}", "initial LIST",
           "Returns all elements of LIST but the last.")
def initial(lst: Any) -> list[Any]:
    return list(_items(lst, "Cannot find initial on type %s")[:-1])


@_register("reverse", ("interface {}",), "[]interface {}", "reverse LIST",
           "Returns a new list with the elements of LIST in reverse order.")
def reverse(lst: Any) -> list[Any]:
    return list(reversed(_items(lst, "Cannot find reverse on type %s")))


@_register("compact", ("interface {}",), "[]interface {}", "compact LIST",
           "Returns LIST without its empty elements (nil, false, 0, \"\", empty list/map).")
def compact(lst: Any) -> list[Any]:
    return [x for x in _items(lst, "Cannot compact on type %s") if not is_empty(x)]


def _in_list(haystack: list[Any], needle: Any) -> bool:
    """Membership by reflect.DeepEqual (type-sensitive: 1 is not 1.0)."""
    for h in haystack:
        if deep_equal(needle, h):
            return True
    return False


@_register("uniq", ("interface {}",), "[]interface {}", "uniq LIST",
           "Returns LIST without duplicates (deep, type-sensitive equality), first occurrence kept.")
def uniq(lst: Any) -> list[Any]:
    dest: list[Any] = []
    for item in _items(lst, "Cannot find uniq on type %s"):
        if not _in_list(dest, item):
            dest.append(item)
    return dest


@_register("without", ("interface {}",), "[]interface {}", "without LIST VALUE...",
           "Returns LIST without the elements deep-equal to any VALUE.", variadic="interface {}")
def without(lst: Any, *omit: Any) -> list[Any]:
    items = _items(lst, "Cannot find without on type %s")
    omitted = list(omit)
    return [x for x in items if not _in_list(omitted, x)]


@_register("has", ("interface {}", "interface {}"), "bool", "has NEEDLE LIST",
           "True when LIST contains NEEDLE (deep, type-sensitive equality); false for a nil LIST.")
def has(needle: Any, haystack: Any) -> bool:
    if haystack is None:
        return False
    return _in_list(_items(haystack, "Cannot find has on type %s"), needle)


@_register("slice", ("interface {}",), "interface {}", "slice LIST [START [END]]",
           "Returns LIST[START:END] (START defaults to 0, END to the length); keeps the slice type.",
           variadic="interface {}")
def slice_(lst: Any, *indices: Any) -> Any:
    if lst is None:
        raise GoError(NIL_DEREF)
    if not isinstance(lst, (list, bytes, bytearray)):
        raise GoError("list should be type of slice or array but %s" % kind_of(lst))
    n = len(lst)
    if n == 0:
        return None
    start = to_int64(indices[0]) if indices else 0  # cast.ToInt (Go's int is 64-bit)
    end = to_int64(indices[1]) if len(indices) >= 2 else n
    # reflect.Value.Slice checks against the capacity; a slice built by a
    # template has capacity == length, so that is the bound used here.
    if start < 0 or end < start or end > n:
        raise GoError("reflect.Value.Slice: slice index out of bounds")
    part = lst[start:end]
    if isinstance(lst, TypedList):
        return TypedList(part, lst.go_type)
    return part


@gofunc("concat", variadic="interface {}", has_error=False, signature="concat LIST...",
        doc="Joins lists into one new list.")
def concat(*lists: Any) -> list[Any]:
    res: list[Any] = []
    for lst in lists:
        res.extend(_items(lst, "Cannot concat type %s as list"))
    return res



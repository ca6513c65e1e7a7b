"""Sprig's dict functions (``dict.go``), mergo merging and copystructure copies.

Parameters typed ``map[string]interface {}`` accept named map types such as
``chartutil.Values`` (Go assignability), while Sprig's own type assertions
``.(map[string]interface {})`` (in ``dig``) reject them: :func:`_as_plain_map`
replicates the assertion. The evaluator passes a nil map argument as an
empty map; ``None`` is accepted as well for direct (non-template) callers.
"""

from __future__ import annotations

import copy
from typing import Any

from ..gotemplate.gotypes import GoError, TypedList, TypedMap, type_name
from .defaults import is_empty
from .strings import strval
from .registry import gofunc

_MAP = "map[string]interface {}"


@gofunc("dict", variadic="interface {}", returns=_MAP, has_error=False,
        signature="dict KEY VALUE...",
        doc="Builds a map from key/value pairs; keys are converted to strings, a lone last key gets \"\".")
def dict_(*v: Any) -> dict[str, Any]:
    d: dict[str, Any] = {}
    n = len(v)
    for i in range(0, n, 2):
        d[strval(v[i])] = v[i + 1] if i + 1 < n else ""
    return d


@gofunc("get", params=(_MAP, "string"), has_error=False, signature="get MAP KEY",
        doc="Returns MAP[KEY], or \"\" when KEY is missing.")
def get(d: dict | None, key: str) -> Any:
    if d is not None and key in d:
        return d[key]
    return ""


@gofunc("set", params=(_MAP, "string", "interface {}"), returns=_MAP, has_error=False,
        signature="set MAP KEY VALUE",
        doc="Sets MAP[KEY] = VALUE in place and returns MAP.")
def set_(d: dict | None, key: str, value: Any) -> dict:
    if d is None:
        raise GoError("assignment to entry in nil map")
    d[key] = value
    return d


@gofunc("unset", params=(_MAP, "string"), returns=_MAP, has_error=False,
        signature="unset MAP KEY",
        doc="Deletes KEY from MAP in place and returns MAP.")
def unset(d: dict | None, key: str) -> dict:
    if d is None:
        return {}
    d.pop(key, None)
    return d


@gofunc("hasKey", params=(_MAP, "string"), returns="bool", has_error=False,
        signature="hasKey MAP KEY", doc="True when MAP contains KEY (even with a nil value).")
def has_key(d: dict | None, key: str) -> bool:
    return d is not None and key in d


@gofunc("pluck", params=("string",), variadic=_MAP, returns="[]interface {}", has_error=False,
        signature="pluck KEY MAP...",
        doc="Returns the list of MAP[KEY] for every MAP that has KEY.")
def pluck(key: str, *dicts: dict | None) -> list[Any]:
    return [d[key] for d in dicts if d is not None and key in d]


@gofunc("keys", variadic=_MAP, returns="[]string", has_error=False,
        signature="keys MAP...",
        doc="Returns the keys of all MAPs as a list of strings (order unspecified: pipe to sortAlpha).")
def keys(*dicts: dict | None) -> TypedList:
    # Go's map order is random; sorted keys per map keep output reproducible.
    out: list[str] = []
    for d in dicts:
        if d:
            out.extend(sorted(d))
    return TypedList(out, "[]string")


@gofunc("values", params=(_MAP,), returns="[]interface {}", has_error=False,
        signature="values MAP",
        doc="Returns the values of MAP as a list (order unspecified).")
def values(d: dict | None) -> list[Any]:
    # Go's map order is random; values in sorted-key order keep output reproducible.
    if not d:
        return []
    return [d[k] for k in sorted(d)]


@gofunc("pick", params=(_MAP,), variadic="string", returns=_MAP, has_error=False,
        signature="pick MAP KEY...", doc="Returns a new map with only the given KEYs of MAP.")
def pick(d: dict | None, *ks: str) -> dict[str, Any]:
    if not d:
        return {}
    return {k: d[k] for k in ks if k in d}


@gofunc("omit", params=(_MAP,), variadic="string", returns=_MAP, has_error=False,
        signature="omit MAP KEY...", doc="Returns a new map with all keys of MAP except the given KEYs.")
def omit(d: dict | None, *ks: str) -> dict[str, Any]:
    if not d:
        return {}
    drop = set(ks)
    return {k: v for k, v in d.items() if k not in drop}


def _as_plain_map(v: Any) -> dict:
    """Go's type assertion ``v.(map[string]interface {})``, with its panic text."""
    if type(v) is dict or (isinstance(v, TypedMap) and v.go_type == _MAP):
        return v
    name = "nil" if v is None else type_name(v)
    raise GoError(f"interface conversion: interface {{}} is {name}, not {_MAP}")


@gofunc("dig", variadic="interface {}", signature="dig KEY... DEFAULT MAP",
        doc="Walks nested maps along the KEYs; returns DEFAULT when a key is missing.")
def dig(*ps: Any) -> Any:
    if len(ps) < 3:
        raise GoError("dig needs at least three arguments")
    cur = _as_plain_map(ps[-1])
    default = ps[-2]
    path = ps[:-2]
    for k in path:
        if type(k) is not str:
            name = "nil" if k is None else type_name(k)
            raise GoError(f"interface conversion: interface {{}} is {name}, not string")
    last = len(path) - 1
    for i, k in enumerate(path):
        if k not in cur:
            return default
        step = cur[k]
        if i == last:
            return step
        cur = _as_plain_map(step)
    return default


def _deep_merge(dst: dict, src: dict, overwrite: bool) -> None:
    """dario.cat/mergo v1.0.1 ``deepMerge`` of two maps, mutating ``dst``.

    Per src key: a nil src value only lands with overwrite; a src map merges
    recursively into a dst map, and a non-empty dst value is then kept
    whatever its type (even with overwrite); otherwise the src value is
    stored (aliased, not copied) when overwriting or when dst is missing or
    empty. Lists are replaced, never merged.
    """
    for k, sv in src.items():
        if sv is None:
            if overwrite:
                dst[k] = None
            continue
        present = k in dst
        dv = dst.get(k)
        if isinstance(sv, dict) and present:
            if isinstance(dv, dict):
                _deep_merge(dv, sv, overwrite)
            if not is_empty(dv):
                continue
        if overwrite or not present or is_empty(dv):
            dst[k] = sv


def _merge(dst: dict | None, srcs: tuple[dict | None, ...], overwrite: bool) -> dict:
    if dst is None:
        # mergo allocates a map for a nil dst before merging into it.
        dst = {}
    for src in srcs:
        if src:
            _deep_merge(dst, src, overwrite)
    return dst


@gofunc("merge", params=(_MAP,), variadic=_MAP, has_error=False,
        signature="merge DST SRC...",
        doc="Deep-merges each SRC into DST in place (DST wins unless its value is empty); returns DST.")
def merge(dst: dict | None, *srcs: dict | None) -> dict:
    return _merge(dst, srcs, False)


@gofunc("mustMerge", params=(_MAP,), variadic=_MAP, signature="mustMerge DST SRC...",
        doc="Like merge, with errors returned instead of swallowed.")
def must_merge(dst: dict | None, *srcs: dict | None) -> dict:
    return _merge(dst, srcs, False)


@gofunc("mergeOverwrite", params=(_MAP,), variadic=_MAP, has_error=False,
        signature="mergeOverwrite DST SRC...",
        doc="Deep-merges each SRC into DST in place, SRC values winning (nil too); returns DST.")
def merge_overwrite(dst: dict | None, *srcs: dict | None) -> dict:
    return _merge(dst, srcs, True)


@gofunc("mustMergeOverwrite", params=(_MAP,), variadic=_MAP,
        signature="mustMergeOverwrite DST SRC...",
        doc="Like mergeOverwrite, with errors returned instead of swallowed.")
def must_merge_overwrite(dst: dict | None, *srcs: dict | None) -> dict:
    return _merge(dst, srcs, True)


def deep_copy(v: Any) -> Any:
    """copystructure.Copy: new maps and slices all the way down, Go types kept.

    Scalars, strings and structs (``GoObject``) are values or immutable here
    and are shared.
    """
    t = type(v)
    if t is dict:
        return {k: deep_copy(x) for k, x in v.items()}
    if t is list:
        return [deep_copy(x) for x in v]
    if isinstance(v, dict):
        new = copy.copy(v)
        for k, x in v.items():
            new[k] = deep_copy(x)
        return new
    if isinstance(v, list):
        new = copy.copy(v)
        new[:] = [deep_copy(x) for x in v]
        return new
    if t is bytearray:
        return bytearray(v)
    return v


def _copy(i: Any) -> Any:
    if i is None:
        # copystructure asks reflect for the type of an untyped nil.
        raise GoError("reflect: call of reflect.Value.Type on zero Value")
    return deep_copy(i)


@gofunc("deepCopy", params=("interface {}",), has_error=False, signature="deepCopy VALUE",
        doc="Returns a deep copy of VALUE (maps and lists copied recursively).")
def deep_copy_fn(i: Any) -> Any:
    return _copy(i)


@gofunc("mustDeepCopy", params=("interface {}",), signature="mustDeepCopy VALUE",
        doc="Like deepCopy, with errors returned instead of panics.")
def must_deep_copy(i: Any) -> Any:
    return _copy(i)

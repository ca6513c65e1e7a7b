"""Go text/template's predefined functions (``funcs.go``), with Go's type rules and errors.

They take ``reflect.Value``-like arguments: :data:`~.exec.INVALID` for an
invalid value, ``None`` for a nil interface. Sprig overrides ``slice`` in
Helm; the rest are used as they are.
"""

from __future__ import annotations

from typing import Any

from .escape import eval_args_string, html_escape_string, js_escape_string, url_query_escape
from .exec import INVALID, map_zero, register_special
from .gofmt import print_value, sprint, sprintf, sprintln
from .gotypes import GoError, GoFunc, TypedMap, Uint8, is_true, type_name

_BAD_TYPE = "invalid type for comparison"
_BAD_CMP = "incompatible types for comparison"
_NO_CMP = "missing argument for comparison"


def _indirect(v: Any) -> Any:
    """``indirectInterface``: a nil interface becomes invalid."""
    return INVALID if v is None else v


def _basic_kind(v: Any) -> str:
    if v is INVALID:
        return "invalid"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "uint" if getattr(v, "go_type", "int").startswith("uint") else "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, complex):
        return "complex"
    if isinstance(v, str):
        return "string"
    return "invalid"


def _is_nil(v: Any) -> bool:
    return v is INVALID or v is None


def _go_kind(v: Any) -> str:
    if v is INVALID:
        return "invalid"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, (list, bytes)):
        return "slice"
    return type_name(v)


def _eq(arg1: Any, *arg2: Any) -> bool:
    arg1 = _indirect(arg1)
    if not arg2:
        raise GoError(_NO_CMP)
    k1 = _basic_kind(arg1)
    for arg in arg2:
        arg = _indirect(arg)
        k2 = _basic_kind(arg)
        truth = False
        if k1 != k2:
            if k1 == "int" and k2 == "uint":
                truth = arg1 >= 0 and arg1 == arg
            elif k1 == "uint" and k2 == "int":
                truth = arg >= 0 and arg1 == arg
            elif arg1 is not INVALID and arg is not INVALID:
                raise GoError(_BAD_CMP)
        elif k1 != "invalid":
            truth = arg1 == arg
        else:
            if _go_kind(arg1) != _go_kind(arg) and arg1 is not INVALID and arg is not INVALID:
                # Go formats the first value with %s (so %!s(float64=1) inside containers).
                raise GoError(f"non-comparable types {sprintf('%s', arg1)}: {type_name(arg1)}, "
                              f"{type_name(arg)}: {print_value(arg)}")
            if _is_nil(arg1) or _is_nil(arg):
                truth = _is_nil(arg) == _is_nil(arg1)
            else:
                if isinstance(arg, (dict, list, bytes)):
                    raise GoError(f"non-comparable type {sprintf('%s', arg)}: {type_name(arg)}")
                truth = arg1 is arg or arg1 == arg
        if truth:
            return True
    return False


def _ne(arg1: Any, arg2: Any) -> bool:
    return not _eq(arg1, arg2)


def _lt(arg1: Any, arg2: Any) -> bool:
    arg1 = _indirect(arg1)
    k1 = _basic_kind(arg1)
    if k1 == "invalid":
        raise GoError(_BAD_TYPE)
    arg2 = _indirect(arg2)
    k2 = _basic_kind(arg2)
    if k2 == "invalid":
        raise GoError(_BAD_TYPE)
    if k1 != k2:
        if k1 == "int" and k2 == "uint":
            return arg1 < 0 or arg1 < arg2
        if k1 == "uint" and k2 == "int":
            return arg2 >= 0 and arg1 < arg2
        raise GoError(_BAD_CMP)
    if k1 in ("bool", "complex"):
        raise GoError(_BAD_TYPE)
    if k1 == "string":
        return _go_str_less(arg1, arg2)
    return arg1 < arg2


def _go_str_less(a: str, b: str) -> bool:
    if a.isascii() and b.isascii():
        return a < b
    return a.encode("utf-8", "surrogateescape") < b.encode("utf-8", "surrogateescape")


def _le(arg1: Any, arg2: Any) -> bool:
    if _lt(arg1, arg2):
        return True
    return _eq(arg1, arg2)


def _gt(arg1: Any, arg2: Any) -> bool:
    return not _le(arg1, arg2)


def _ge(arg1: Any, arg2: Any) -> bool:
    return not _lt(arg1, arg2)


def _not(arg: Any) -> bool:
    arg = _indirect(arg)
    if arg is INVALID:
        return True
    return not is_true(arg)[0]


def _and(arg0: Any, *args: Any) -> Any:  # evaluated lazily by the evaluator
    for a in (arg0, *args):
        if not (a is not INVALID and is_true(a)[0]):
            return a
    return args[-1] if args else arg0


def _or(arg0: Any, *args: Any) -> Any:
    for a in (arg0, *args):
        if a is not INVALID and is_true(a)[0]:
            return a
    return args[-1] if args else arg0


def _index_arg(index: Any, cap: int) -> int:
    if index is INVALID:
        raise GoError("cannot index slice/array with nil")
    if isinstance(index, bool) or not isinstance(index, int):
        raise GoError(f"cannot index slice/array with type {type_name(index)}")
    if index < 0 or index > cap:
        raise GoError(f"index out of range: {int(index)}")
    return int(index)


def _index(item: Any, *indexes: Any) -> Any:
    item = _indirect(item)
    if item is INVALID:
        raise GoError("index of untyped nil")
    for index in indexes:
        index = _indirect(index)
        if item is None:
            raise GoError("index of nil pointer")
        if isinstance(item, (list, str, bytes)):
            x = _index_arg(index, len(item) if not isinstance(item, str) else len(item.encode("utf-8", "surrogateescape")))
            if isinstance(item, str):
                b = item.encode("utf-8", "surrogateescape")
                if x >= len(b):
                    raise GoError("reflect: string index out of range")
                item = Uint8(b[x])
            elif isinstance(item, bytes):
                if x >= len(item):
                    raise GoError("reflect: slice index out of range")
                item = Uint8(item[x])
            else:
                if x >= len(item):
                    raise GoError("reflect: slice index out of range")
                item = item[x]
        elif isinstance(item, dict):
            if index is INVALID:
                raise GoError("value is nil; should be of type string")
            if not isinstance(index, str):
                raise GoError(f"value has type {type_name(index)}; should be string")
            if index in item:
                item = item[index]
            else:
                item = map_zero(item)
        else:
            raise GoError(f"can't index item of type {type_name(item)}")
    return item


def _slice(item: Any, *indexes: Any) -> Any:
    item = _indirect(item)
    if item is INVALID:
        raise GoError("slice of untyped nil")
    if len(indexes) > 3:
        raise GoError(f"too many slice indexes: {len(indexes)}")
    if isinstance(item, str):
        if len(indexes) == 3:
            raise GoError("cannot 3-index slice a string")
        cap = len(item.encode("utf-8", "surrogateescape"))
    elif isinstance(item, (list, bytes)):
        cap = len(item)
    else:
        raise GoError(f"can't slice item of type {type_name(item)}")
    idx = [0, cap]
    for i, index in enumerate(indexes):
        x = _index_arg(_indirect(index), cap)
        if i < 2:
            idx[i] = x
        else:
            idx.append(x)
    if idx[0] > idx[1]:
        raise GoError(f"invalid slice index: {idx[0]} > {idx[1]}")
    if len(idx) > 2 and idx[1] > idx[2]:
        raise GoError(f"invalid slice index: {idx[1]} > {idx[2]}")
    if isinstance(item, str):
        return item.encode("utf-8", "surrogateescape")[idx[0]:idx[1]].decode("utf-8", "surrogateescape")
    out = item[idx[0]:idx[1]]
    if hasattr(item, "go_type") and not isinstance(out, type(item)):
        out = type(item)(out, item.go_type)
    return out


def _len(item: Any) -> int:
    if item is None:
        raise GoError("len of nil pointer")
    if item is INVALID:
        raise GoError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(item) if item.isascii() else len(item.encode("utf-8", "surrogateescape"))
    if isinstance(item, (list, dict, bytes)):
        return len(item)
    raise GoError(f"len of type {type_name(item)}")


def _call(name: str, fn: Any, *args: Any) -> Any:
    fn = _indirect(fn)
    if fn is INVALID:
        raise GoError("call of nil")
    if not isinstance(fn, GoFunc):
        raise GoError(f"non-function {name} of type {type_name(fn)}")
    want = len(fn.params)
    if fn.variadic is None and len(args) != want:
        raise GoError(f"wrong number of args for {name}: got {len(args)} want {want}")
    if fn.variadic is not None and len(args) < want:
        raise GoError(f"wrong number of args for {name}: got {len(args)} want at least {want}")
    return fn.fn(*[None if a is INVALID else a for a in args])


def _printf(fmt: str, *args: Any) -> str:
    return sprintf(fmt, *[None if a is INVALID else a for a in args])


def _print(*args: Any) -> str:
    return sprint(*[None if a is INVALID else a for a in args])


def _println(*args: Any) -> str:
    return sprintln(*[None if a is INVALID else a for a in args])


def _html(*args: Any) -> str:
    return html_escape_string(eval_args_string(args))


def _js(*args: Any) -> str:
    return js_escape_string(eval_args_string(args))


def _urlquery(*args: Any) -> str:
    return url_query_escape(eval_args_string(args))


_RV = "reflect.Value"

BUILTINS: dict[str, GoFunc] = {f.name: f for f in (
    GoFunc("and", _and, (_RV,), _RV, _RV, "Returns the first empty argument or the last one; stops at the first empty one.", "and X Y..."),
    GoFunc("or", _or, (_RV,), _RV, _RV, "Returns the first non-empty argument or the last one; stops at the first non-empty one.", "or X Y..."),
    GoFunc("not", _not, (_RV,), None, "bool", "Boolean negation of the argument's truth.", "not X"),
    GoFunc("call", _call, (_RV,), _RV, _RV, "Calls a function value with the remaining arguments.", "call FUNC ARGS..."),
    GoFunc("html", _html, (), "interface {}", "string", "HTML-escapes the textual form of its arguments.", "html ARGS..."),
    GoFunc("js", _js, (), "interface {}", "string", "JavaScript-escapes the textual form of its arguments.", "js ARGS..."),
    GoFunc("urlquery", _urlquery, (), "interface {}", "string", "Escapes the textual form of its arguments for a URL query.", "urlquery ARGS..."),
    GoFunc("index", _index, (_RV,), _RV, _RV, "Indexes a map, slice or string by each following argument in turn.", "index COLLECTION KEYS..."),
    GoFunc("slice", _slice, (_RV,), _RV, _RV, "Slices a string or slice: slice X 1 2 is X[1:2].", "slice X INDEXES..."),
    GoFunc("len", _len, (_RV,), None, "int", "Length of a string (in bytes), slice or map.", "len X"),
    GoFunc("print", _print, (), "interface {}", "string", "fmt.Sprint: operands joined, spaces between non-strings.", "print ARGS..."),
    GoFunc("printf", _printf, ("string",), "interface {}", "string", "fmt.Sprintf: formats ARGS with Go's verbs.", "printf FORMAT ARGS..."),
    GoFunc("println", _println, (), "interface {}", "string", "fmt.Sprintln: operands joined by spaces, newline added.", "println ARGS..."),
    GoFunc("eq", _eq, (_RV,), _RV, "bool", "True if the first argument equals any of the others (Go's type rules: int vs float is an error).", "eq X Y..."),
    GoFunc("ne", _ne, (_RV, _RV), None, "bool", "True if X != Y.", "ne X Y"),
    GoFunc("lt", _lt, (_RV, _RV), None, "bool", "True if X < Y (same basic kind required).", "lt X Y"),
    GoFunc("le", _le, (_RV, _RV), None, "bool", "True if X <= Y.", "le X Y"),
    GoFunc("gt", _gt, (_RV, _RV), None, "bool", "True if X > Y.", "gt X Y"),
    GoFunc("ge", _ge, (_RV, _RV), None, "bool", "True if X >= Y.", "ge X Y"),
)}

register_special(_and, _or, _call)

__all__ = ["BUILTINS", "TypedMap"]

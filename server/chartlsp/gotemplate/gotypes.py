"""Go values as Python values: the one value model every layer shares.

Go's templates are typed; Python's values are not. Rendering like Helm needs
the Go type of a value in a few places (``%T``, ``typeOf``, argument
checking, ``eq`` type rules, ``reflect.DeepEqual``), so the mapping is fixed
here and nowhere else:

==========================  ==============================================
Go                          Python
==========================  ==============================================
``int``                     ``int`` (plain)
``int64``                   :class:`Int64` (``--set x=1``, Sprig math)
``uint8`` (a string byte)   :class:`Uint8`
other ints (int32 …)        :class:`GoInt` with an explicit type name
``float64``                 ``float`` (every YAML/JSON number)
``bool``                    ``bool`` (check before ``int``: bool ⊂ int)
``string``                  ``str`` (Go strings are bytes: measure with
                            :func:`blen`)
``[]byte``                  ``bytes``
nil interface               ``None``
``map[string]interface {}`` ``dict``
``[]interface {}``          ``list``
other slices / maps         :class:`TypedList` / :class:`TypedMap`
structs, named types        :class:`GoObject` subclasses
==========================  ==============================================
"""

from __future__ import annotations

from typing import Any, Callable


class GoError(Exception):
    """An error returned (or a panic raised) by Go code.

    Functions raise it with Go's message; the evaluator wraps it as
    ``error calling NAME: <message>``.
    """


class Int64(int):
    """A Go ``int64`` (``--set`` integers, Sprig math results)."""

    go_type = "int64"

    def __repr__(self) -> str:
        return f"Int64({int(self)})"


class Uint8(int):
    """A Go ``uint8``/``byte`` (what ``index`` of a string yields)."""

    go_type = "uint8"

    def __repr__(self) -> str:
        return f"Uint8({int(self)})"


class GoInt(int):
    """A Go integer of another width; ``go_type`` names it (``int32``, ``uint64`` …)."""

    go_type: str

    def __new__(cls, value: int, go_type: str) -> "GoInt":
        obj = super().__new__(cls, value)
        obj.go_type = go_type
        return obj

    def __repr__(self) -> str:
        return f"GoInt({int(self)}, {self.go_type!r})"


class TypedList(list):
    """A Go slice whose element type is not ``interface {}`` (``[]string`` …)."""

    def __init__(self, items: Any = (), go_type: str = "[]interface {}") -> None:
        super().__init__(items)
        self.go_type = go_type


class TypedMap(dict):
    """A Go map whose type is not ``map[string]interface {}``.

    Named map types (``chartutil.Values``, ``engine.files``) subclass it:
    ``go_type`` is the name ``%T`` prints, ``underlying`` the map type it is
    assignable to, and :meth:`go_method` exposes its methods (templates look
    methods up before map keys: ``.Files.Get``).
    """

    def __init__(self, items: Any = (), go_type: str = "map[string]interface {}",
                 underlying: str | None = None) -> None:
        super().__init__(items)
        self.go_type = go_type
        self.underlying = underlying or go_type

    def go_method(self, name: str) -> "GoFunc | None":
        return None


class GoObject:
    """A Go struct or named type exposed to templates.

    ``go_type`` is what ``%T`` prints (``*chartutil.Capabilities``).
    Template field access (``.Name``) asks :meth:`go_method` first (Go looks
    up methods before fields), then :meth:`go_field`; a field that does not
    exist raises ``KeyError``, which the evaluator reports as Go does
    (``can't evaluate field X in type T``). Named map types are
    :class:`TypedMap` subclasses instead.
    """

    go_type = "struct {}"
    go_kind = "struct"

    def go_method(self, name: str) -> "GoFunc | None":
        return None

    def go_field(self, name: str) -> Any:
        raise KeyError(name)

    def go_json(self) -> Any:
        """The value ``encoding/json`` would marshal (json tags applied), for ``toJson``/``toYaml``."""
        return {name: value for name, value in self.go_fields()}

    def go_fields(self) -> list[tuple[str, Any]]:
        """Fields in declaration order, for ``%v`` printing of structs."""
        return []

    def go_string(self) -> str | None:
        """The result of a ``String()`` method, used by fmt when present."""
        return None


class GoFunc:
    """A Go function with its signature, callable from templates.

    ``params`` are Go type names (``"string"``, ``"int"``, ``"interface {}"``,
    ``"[]interface {}"``, ``"map[string]interface {}"``, ``"bool"``,
    ``"float64"``, ``"int64"``, ``"reflect.Value"`` …); ``variadic`` is the
    element type of a trailing ``...T`` parameter or ``None``. The evaluator
    checks and converts arguments as Go's ``text/template`` does, then calls
    ``fn(*args)``; the function returns its single result or raises
    :class:`GoError`. ``returns`` is the Go result type (``"string"``,
    ``"interface {}"`` …), ``doc`` a one-line description for completion and
    hover, ``signature`` the template-call form (``trunc LENGTH STRING``).
    """

    __slots__ = ("name", "fn", "params", "variadic", "returns", "doc", "signature", "has_error", "mapped")

    def __init__(
        self,
        name: str,
        fn: Callable[..., Any],
        params: tuple[str, ...] | list[str] = (),
        variadic: str | None = None,
        returns: str = "interface {}",
        doc: str = "",
        signature: str = "",
        has_error: bool = True,
        mapped: bool = False,
    ) -> None:
        self.name = name
        self.fn = fn
        self.params = tuple(params)
        self.variadic = variadic
        self.returns = returns
        self.doc = doc
        self.signature = signature or name
        self.has_error = has_error
        self.mapped = mapped  # takes strings carrying a source map (exec.MappedStr) and keeps it

    def __repr__(self) -> str:
        return f"GoFunc({self.name!r})"


def type_name(v: Any) -> str:
    """Go's ``%T`` of a value (``<nil>`` for nil)."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return getattr(v, "go_type", "int")
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, (bytes, bytearray)):
        return "[]uint8"
    if isinstance(v, (TypedList, TypedMap)):
        return v.go_type
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, GoObject):
        return v.go_type
    if isinstance(v, GoFunc):
        return "func"
    if callable(v):
        return "func"
    return type(v).__name__


def kind_of(v: Any) -> str:
    """Go's ``reflect.Kind`` name (``invalid`` for nil), as Sprig's ``kindOf``."""
    if v is None:
        return "invalid"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return getattr(v, "go_type", "int")
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, (bytes, bytearray, list)):
        return "slice"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, GoObject):
        return v.go_kind
    if callable(v) or isinstance(v, GoFunc):
        return "func"
    return "struct"


def is_int(v: Any) -> bool:
    """True for Go integer kinds (not bool)."""
    return isinstance(v, int) and not isinstance(v, bool)


def is_unsigned(v: Any) -> bool:
    return is_int(v) and getattr(v, "go_type", "int").startswith("uint")


def is_true(v: Any) -> tuple[bool, bool]:
    """Go's ``template.IsTrue``: (truth, ok). ``ok`` is False where Go has no answer."""
    if v is None:
        return False, True
    if isinstance(v, bool):
        return v, True
    if isinstance(v, (int, float)):
        return v != 0, True
    if isinstance(v, (str, bytes, bytearray, list, dict)):
        return len(v) > 0, True
    return True, True


def blen(s: str) -> int:
    """Length of a Go string: UTF-8 bytes, not code points."""
    return len(s) if s.isascii() else len(s.encode("utf-8", "surrogateescape"))


def deep_equal(a: Any, b: Any) -> bool:
    """``reflect.DeepEqual``: equal values of identical Go types."""
    if type_name(a) != type_name(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(k in b and deep_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(deep_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return False
    return a == b

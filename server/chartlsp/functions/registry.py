"""The function table: every template function with its Go signature and doc.

Sprig and Helm functions register here with :func:`gofunc`; the evaluator
checks arguments against ``params``/``variadic`` exactly as Go's
``text/template`` does before calling, and completion/hover show
``signature`` and ``doc``.
"""

from __future__ import annotations

from typing import Any, Callable

from ..gotemplate.gotypes import GoFunc

REGISTRY: dict[str, GoFunc] = {}


def gofunc(
    name: str,
    params: tuple[str, ...] | list[str] = (),
    variadic: str | None = None,
    returns: str = "interface {}",
    doc: str = "",
    signature: str = "",
    aliases: tuple[str, ...] = (),
    has_error: bool = True,
    mapped: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn`` under ``name`` (and ``aliases``) with its Go signature.

    ``params`` are Go type names of the fixed parameters, ``variadic`` the
    element type of a trailing ``...T``. ``signature`` is the form shown to
    users (``trunc LENGTH STRING``); ``doc`` one line saying what it does.
    ``mapped`` marks functions that keep the source map of a string argument.
    """

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        for n in (name, *aliases):
            if n in REGISTRY:
                raise ValueError(f"function {n} registered twice")
            REGISTRY[n] = GoFunc(n, fn, params, variadic, returns, doc,
                                 signature.replace(name, n, 1) if signature else n, has_error, mapped)
        return fn

    return deco

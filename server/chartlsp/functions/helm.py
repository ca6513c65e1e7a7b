"""Helm's own flow-control functions that need no engine state: ``required``, ``fail``, ``lookup``.

``include`` and ``tpl`` are bound to a render by :mod:`chartlsp.render.engine`.
Errors carry Helm's ``HELM_ERR_START``/``HELM_ERR_END`` markers so the engine
can report them as ``execution error at (<file>:<line>:<col>): <msg>``.
"""

from __future__ import annotations

from typing import Any

from ..gotemplate.gotypes import GoError
from .registry import gofunc


def _warn(msg: str) -> GoError:
    return GoError("HELM_ERR_START" + msg + "HELM_ERR_END")


@gofunc("required", params=("string", "interface {}"), signature="required MESSAGE VALUE",
        doc="Returns VALUE, or fails the render with MESSAGE when VALUE is nil or an empty string.")
def required(warn: str, val: Any) -> Any:
    if val is None or (isinstance(val, str) and val == ""):
        raise _warn(warn)
    return val


@gofunc("fail", params=("string",), returns="string", signature="fail MESSAGE",
        doc="Fails the render with MESSAGE.")
def fail(msg: str) -> str:
    raise _warn(msg)


@gofunc("lookup", params=("string", "string", "string", "string"), returns="map[string]interface {}",
        signature="lookup APIVERSION KIND NAMESPACE NAME",
        doc="Looks up a live cluster object; always an empty map when rendering offline, as in `helm template`.")
def lookup(api_version: str, kind: str, namespace: str, name: str) -> dict:
    return {}

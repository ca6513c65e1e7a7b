"""Template functions: Sprig v3 as Helm exposes it and Helm's own, each with signature and doc."""

from __future__ import annotations

from importlib import import_module

from ..gotemplate.gotypes import GoFunc
from .registry import REGISTRY

_MODULES = ("strings", "conversion", "math", "regex", "encoding", "paths", "lists", "dicts",
            "defaults", "reflection", "crypto", "semver", "dates", "serialization", "helm")


def all_functions() -> dict[str, GoFunc]:
    """Every function Helm registers (Sprig minus ``env``/``expandenv``, plus Helm's), by name.

    ``include`` and ``tpl`` are added per render by the engine.
    """
    if not _loaded:
        for m in _MODULES:
            import_module(f"{__name__}.{m}")
        _loaded.append(True)
    return REGISTRY


_loaded: list[bool] = []

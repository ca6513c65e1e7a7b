"""Which values each rendered file read, so a values edit re-renders only the files it can change.

Every chart's ``.Values`` is a :class:`RecordedValues`: while a file runs,
each top-level key it looks up (field access, ``index``, ``hasKey``,
``get``...) is noted as ``(chart path, key)`` in the file's set, and any
other use of the map (ranging over it, ``toYaml``, ``keys``, methods, a
function reaching the underlying dict) as ``(chart path, WHOLE)``. A file
that read none of the keys an edit changed, nor a changed chart's values
as a whole, runs exactly as before: everything it can reach from ``.Values``
it reached through a noted key. Keys are the unit: a file reading
``.Values.a.b`` is re-rendered when anything under ``a`` changes.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from ..chart import Chart
from ..chart.values import Values, values_object


class _Whole:
    __slots__ = ()

    def __repr__(self) -> str:
        return "WHOLE"


WHOLE: Any = _Whole()  # a "key" no values file can have: the map was used as a whole

Read = tuple[str, Any]  # (chart full path, top-level key or WHOLE)


class ReadLog:
    """Where reads go: the running file's set (None between files, so setting up records nothing).

    ``complete`` is False once some chart's values could not be recorded
    (they are a typed map, shown as they are): the reads then prove nothing.
    """

    __slots__ = ("current", "complete")

    def __init__(self) -> None:
        self.current: set[Read] | None = None
        self.complete = True

    def values(self, data: Any, path: str) -> Values:
        """The ``.Values`` of chart ``path`` given its section of the coalesced values (not a map: empty)."""
        if type(data) is dict:
            return RecordedValues(data, path, self)
        if isinstance(data, dict):
            self.complete = False
            return values_object(data)
        return RecordedValues({}, path, self)


class RecordedValues(Values):
    """``chartutil.Values`` of one chart that notes what the running file reads (see the module doc)."""

    def __init__(self, data: dict, path: str, log: ReadLog) -> None:
        self._path = path
        self._log = log
        super().__init__(data)

    @property  # type: ignore[override]
    def data(self) -> dict:
        """The underlying dict: whoever takes it may read anything in it."""
        current = self._log.current
        if current is not None:
            current.add((self._path, WHOLE))
        return self._raw

    @data.setter
    def data(self, value: dict) -> None:
        self._raw = value

    def _note(self, key: Any) -> None:
        current = self._log.current
        if current is not None:
            try:
                current.add((self._path, key))
            except TypeError:  # an unhashable key: the lookup fails as it would anyway
                current.add((self._path, WHOLE))

    def __getitem__(self, k: Any) -> Any:
        self._note(k)
        return self._raw[k]

    def get(self, k: Any, default: Any = None) -> Any:
        self._note(k)
        return self._raw.get(k, default)

    def __contains__(self, k: object) -> bool:
        self._note(k)
        return k in self._raw


def section(values: Any, name: str) -> dict | None:
    """The subchart ``name``'s values in its parent's (``None`` when they are not a plain map)."""
    v = values.get(name) if isinstance(values, dict) else None
    return v if type(v) is dict else None


def same_to_templates(a: Any, b: Any) -> bool:
    """``a == b`` without what Python's ``==`` conflates but templates tell apart.

    ``true``, ``1`` and ``1.0`` (bool, int, float), ``0`` and ``-0``, a typed map
    or slice and a plain one, the same keys in another order (Python's order
    is what ``range`` over a non-Go map and error messages may follow).
    """
    if a is b:
        return True
    t = type(a)
    if t is not type(b):
        return False
    if isinstance(a, dict):
        if len(a) != len(b) or getattr(a, "go_type", None) != getattr(b, "go_type", None):
            return False
        for (ka, va), (kb, vb) in zip(a.items(), b.items()):
            if type(ka) is not type(kb) or ka != kb or not same_to_templates(va, vb):
                return False
        return True
    if isinstance(a, (list, tuple)):
        if len(a) != len(b) or getattr(a, "go_type", None) != getattr(b, "go_type", None):
            return False
        return all(same_to_templates(x, y) for x, y in zip(a, b))
    if t is float:
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return bool(a == b)


def changed_reads(root: Chart, old: dict, new: dict) -> set[Read]:
    """The reads whose result differs between coalesced values ``old`` and ``new`` of the chart tree ``root``."""
    out: set[Read] = set()

    def walk(c: Chart, o: dict, n: dict) -> None:
        path = c.full_path()
        keys: Iterable[Any] = o.keys() | n.keys()
        diff = {(path, k) for k in keys if k not in o or k not in n or not same_to_templates(o[k], n[k])}
        if diff or list(o) != list(n):
            diff.add((path, WHOLE))
        out.update(diff)
        for d in c.dependencies:
            walk(d, section(o, d.name) or {}, section(n, d.name) or {})
    walk(root, old, new)
    return out

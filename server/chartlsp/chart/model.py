"""The loaded chart and what ``.Chart`` shows templates.

``Chart`` is the loader's output (one node per chart, subcharts nested);
``ChartObject`` is Helm v3's ``struct{ chart.Metadata; IsRoot bool }`` as
templates see it: Go field names, ``KeyError`` for unknown fields (the
evaluator turns that into "can't evaluate field"), json tags for ``toYaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..gotemplate.gotypes import GoObject, TypedList, TypedMap


class ChartError(Exception):
    """A chart or values input Helm would refuse, with a position when known (0-based line/column)."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, prefix: str | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        # Helm's wrapping ("failed to parse x.yaml"), kept apart so callers can show the bare message.
        self.prefix = prefix
        super().__init__(f"{prefix}: {message}" if prefix else message)


@dataclass(eq=False)
class Chart:
    """One loaded chart; ``dependencies`` holds every subchart found in ``charts/``."""

    name: str
    metadata: dict
    chart_obj: "ChartObject"
    templates: dict[str, str]
    values: dict
    values_text: str | None
    schema: bytes | None
    files: dict[str, bytes]
    dependencies: list["Chart"] = field(default_factory=list)
    source: str = ""
    parent: "Chart | None" = None
    is_library: bool = False

    def full_path(self) -> str:
        """Helm's ``ChartFullPath``: ``root/charts/sub/charts/subsub``."""
        if self.parent is None:
            return self.name
        return f"{self.parent.full_path()}/charts/{self.name}"

    def is_root(self) -> bool:
        return self.parent is None


# Metadata fields in Go declaration order: (Go name, json key, kind).
_META_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("Name", "name", "string"),
    ("Home", "home", "string"),
    ("Sources", "sources", "[]string"),
    ("Version", "version", "string"),
    ("Description", "description", "string"),
    ("Keywords", "keywords", "[]string"),
    ("Maintainers", "maintainers", "maintainers"),
    ("Icon", "icon", "string"),
    ("APIVersion", "apiVersion", "string"),
    ("Condition", "condition", "string"),
    ("Tags", "tags", "string"),
    ("AppVersion", "appVersion", "string"),
    ("Deprecated", "deprecated", "bool"),
    ("Annotations", "annotations", "map[string]string"),
    ("KubeVersion", "kubeVersion", "string"),
    ("Dependencies", "dependencies", "dependencies"),
    ("Type", "type", "string"),
)
_DEP_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("Name", "name", "string"),
    ("Version", "version", "string"),
    ("Repository", "repository", "string"),
    ("Condition", "condition", "string"),
    ("Tags", "tags", "[]string"),
    ("Enabled", "enabled", "bool"),
    ("ImportValues", "import-values", "[]interface {}"),
    ("Alias", "alias", "string"),
)
_MAINT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("Name", "name", "string"),
    ("Email", "email", "string"),
    ("URL", "url", "string"),
)
_OMIT_EMPTY_ALWAYS = frozenset({"name", "repository"})  # Dependency keys without omitempty


def _go_value(kind: str, raw: Any) -> Any:
    """Convert a (validated) Chart.yaml value to the Go value of the field's type."""
    if kind == "string":
        return raw if isinstance(raw, str) else ""
    if kind == "bool":
        return bool(raw) if isinstance(raw, bool) else False
    if kind == "[]string":
        return TypedList(raw or (), "[]string")
    if kind == "map[string]string":
        return TypedMap(raw or {}, "map[string]string")
    if kind == "[]interface {}":
        return list(raw) if raw else None
    if kind == "maintainers":
        return TypedList((_Struct("*chart.Maintainer", _MAINT_FIELDS, m or {}) for m in raw or ()),
                         "[]*chart.Maintainer")
    if kind == "dependencies":
        return TypedList((_Struct("*chart.Dependency", _DEP_FIELDS, d or {}) for d in raw or ()),
                         "[]*chart.Dependency")
    raise AssertionError(kind)


class _Struct(GoObject):
    """A Go struct built from a mapping and a field table (Metadata, Maintainer, Dependency)."""

    go_kind = "struct"

    def __init__(self, go_type: str, table: tuple[tuple[str, str, str], ...], raw: dict) -> None:
        self.go_type = go_type
        self._table = table
        self._values = {go: _go_value(kind, raw.get(key)) for go, key, kind in table}
        if go_type.startswith("*"):
            self.go_kind = "ptr"

    def go_field(self, name: str) -> Any:
        return self._values[name]

    def go_fields(self) -> list[tuple[str, Any]]:
        return [(go, self._values[go]) for go, _, _ in self._table]

    def go_json(self) -> Any:
        out: dict[str, Any] = {}
        dep = self._table is _DEP_FIELDS
        for go, key, _ in self._table:
            v = self._values[go]
            if dep and key in _OMIT_EMPTY_ALWAYS:
                out[key] = v
            elif v or v is True:
                out[key] = list(v) if isinstance(v, list) else (dict(v) if isinstance(v, dict) else v)
        return out


class ChartObject(GoObject):
    """``.Chart`` in Helm v3: the chart's Metadata fields plus ``IsRoot``."""

    go_type = "struct { chart.Metadata; IsRoot bool }"

    def __init__(self, metadata: dict, is_root: bool) -> None:
        self.metadata = _Struct("chart.Metadata", _META_FIELDS, metadata)
        self.is_root = is_root

    def go_field(self, name: str) -> Any:
        if name == "IsRoot":
            return self.is_root
        if name == "Metadata":
            return self.metadata
        return self.metadata.go_field(name)

    def go_fields(self) -> list[tuple[str, Any]]:
        return [("Metadata", self.metadata), ("IsRoot", self.is_root)]

    def go_json(self) -> Any:
        out = self.metadata.go_json()
        out["IsRoot"] = self.is_root
        return out

"""Kubernetes field names, enum values and field hover in the YAML text of a template.

A template being edited rarely renders, so the document's apiVersion/kind and
the key path at the cursor are read from the template text itself: ``{{ … }}``
actions are masked out (lines holding only actions, such as ``{{- with … }}``
or ``{{- toYaml … | nindent 8 }}``, carry no structure) and the nesting is
followed by indentation, with ``- `` items as list elements. The schema of the
kind then says which fields, types and values fit there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..analysis.workspace import ChartAnalysis
from ..kube.schemas import SchemaStore, field_schema

MASK = "\x00"
_ACTION = re.compile(r"\{\{.*?(?:\}\}|\Z)", re.S)
_DOC_SEP = re.compile(r"---(?:[ \t].*)?\Z")
_TOP = re.compile(r"(apiVersion|kind):[ \t]*[\"']?([^\s\"'#]*)")
_KEY = re.compile(r"(\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'#:{\[\]&*!|>%@`-][^:#\n]*?|-[^\s:#][^:#\n]*?)[ \t]*:(?=[ \t]|\Z)")
_ITEMS = re.compile(r"(?:-(?:[ \t]+|\Z))*")
_PARTIAL_KEY = re.compile(r"[ \t]*((?:-[ \t]+)*)([A-Za-z0-9_./-]*)\Z")
_PARTIAL_VALUE = re.compile(r"[ \t]*((?:-[ \t]+)*)([A-Za-z0-9_./-]+)[ \t]*:[ \t]+([\"']?)([A-Za-z0-9_./-]*)\Z")
_WORD_TAIL = re.compile(r"[A-Za-z0-9_./-]*")
_STABILITY = re.compile(r"v(\d+)(?:(alpha|beta)(\d+))?\Z")
# Built-in schemas carry no ``enum``; their descriptions list the values in a few set phrasings.
_ENUM_PHRASE = re.compile(r"(?:One of|Valid (?:options|values) are|Supports|Possible values are)[ :]+([^.]*)\.")
_ENUM_WORD = re.compile(r"[\"'`]?([A-Z][A-Za-z0-9]*)[\"'`]?\Z")


@dataclass
class FieldCompletion:
    """A field or value to offer; ``insert``/``snippet`` replace [start, end)."""

    label: str
    kind: str  # "field" | "enum"
    detail: str
    doc: str
    insert: str
    snippet: str
    start: int
    end: int


@dataclass
class FieldHover:
    markdown: str
    start: int
    end: int


@dataclass
class _Doc:
    """One YAML document of the masked template: its lines and where they start."""

    lines: list[str]
    starts: list[int]
    api_version: str | None = None
    kind: str | None = None


@dataclass
class _Scan:
    path: tuple | None = None  # mapping path at the cursor; None: dynamic (a templated key)
    siblings: dict[tuple, set[str]] = field(default_factory=dict)


def mask_actions(text: str) -> str:
    """``text`` with every ``{{ … }}`` replaced by MASK characters (newlines kept, offsets unchanged)."""
    return _ACTION.sub(lambda m: re.sub(r"[^\n]", MASK, m.group()), text)


def _document_at(masked: str, offset: int) -> tuple[_Doc, int]:
    """The YAML document holding ``offset`` and the cursor's row in it."""
    lines = masked.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    row = max(i for i, s in enumerate(starts) if s <= offset)
    first, last = 0, len(lines)
    for i, line in enumerate(lines):
        if _DOC_SEP.match(line):
            if i < row:
                first = i + 1
            elif i > row:
                last = i
                break
    doc = _Doc(lines[first:last], starts[first:last])
    for line in doc.lines:
        m = _TOP.match(line)
        if m and m.group(2) and MASK not in m.group(2):
            setattr(doc, "api_version" if m.group(1) == "apiVersion" else "kind", m.group(2))
    return doc, row - first


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" and key[-1:] == key[:1] and len(key) > 1 else key


def _scan(lines: list[str], row: int, head: str) -> _Scan:
    """Follow the nesting of ``lines``; the cursor's row counts as ``head`` (its spaces and ``- `` items)
    followed by a key at column ``len(head)``. Collects the keys present under each mapping path."""
    out = _Scan()
    frames: list[tuple[int, Any]] = []  # (column, key or item index)
    counters: dict[tuple, int] = {}
    block = -1  # lines indented deeper than this column are a block scalar's text

    def item(col: int) -> None:
        while frames and (frames[-1][0] > col or (frames[-1][0] == col and isinstance(frames[-1][1], int))):
            frames.pop()
        parent = tuple(f[1] for f in frames)
        counters[parent] = counters.get(parent, -1) + 1
        frames.append((col, counters[parent]))

    def pop_to(col: int) -> tuple:
        while frames and frames[-1][0] >= col:
            frames.pop()
        return tuple(f[1] for f in frames)

    def structure(line: str) -> tuple[int, str]:
        """Push the line's ``- `` items; return the column after them and the rest."""
        col = len(line) - len(line.lstrip(" "))
        dashes = _ITEMS.match(line, col)
        for m in re.finditer(r"-", line[col:dashes.end()]):
            item(col + m.start())
        return dashes.end(), line[dashes.end():]

    for i, line in enumerate(lines):
        if i == row:
            col, _ = structure(head)
            path = pop_to(col)
            out.path = None if None in path else path
            block = -1
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block >= 0:
            if not stripped or indent > block:
                continue
            block = -1
        if not stripped or stripped.startswith("#") or not stripped.strip(MASK + " \t"):
            continue
        col, rest = structure(line)
        m = _KEY.match(rest)
        if m is None:
            continue
        raw = m.group(1).rstrip()
        key = None if MASK in raw else _unquote(raw)
        parent = pop_to(col)
        if key is not None and None not in parent:
            out.siblings.setdefault(parent, set()).add(key)
        frames.append((col, key))
        value = rest[m.end():].strip()
        if value[:1] in ("|", ">"):
            block = col
    return out


def _store(analysis: ChartAnalysis) -> SchemaStore:
    return analysis.snapshot.cache.schema_store(analysis.snapshot.settings.kube_version)


def _api_for(store: SchemaStore, kind: str) -> str | None:
    """The preferred served apiVersion of ``kind`` (GA over beta over alpha) when the text's is templated."""
    def rank(gv: str) -> tuple:
        m = _STABILITY.match(gv.rpartition("/")[2])
        if not m:
            return (3, 0, 0)
        return ({None: 0, "beta": 1, "alpha": 2}[m.group(2)], -int(m.group(1)), -int(m.group(3) or 0))
    served = [gv for gv in store.api_versions() if store.definition_name(gv, kind)]
    return min(served, key=rank) if served else None


def _kind_schema(store: SchemaStore, doc: _Doc) -> dict | None:
    if not doc.kind:
        return None
    api = doc.api_version if doc.api_version and store.definition_name(doc.api_version, doc.kind) else None
    api = api or _api_for(store, doc.kind)
    return store.schema(api, doc.kind, strict=False) if api else None


def _types(node: dict) -> list[str]:
    t = node.get("type")
    out = [t] if isinstance(t, str) else [x for x in t or () if x != "null"]
    for branch in [*node.get("anyOf", ()), *node.get("oneOf", ())]:
        if not isinstance(branch, dict):
            continue
        out += [x for x in _types(branch) if x not in out]
    return out


def type_name(raw: dict | None, node: dict) -> str:
    """A field's type as a reader wants it: ``string``, ``Container``, ``[]Container``, ``map[string]string``."""
    ref = (raw or {}).get("$ref")
    if isinstance(ref, str):
        return ref.rsplit(".", 1)[-1]
    types = _types(node)
    if "array" in types and isinstance(node.get("items"), dict):
        return "[]" + type_name(node["items"], node["items"])
    if "object" in types and isinstance(node.get("additionalProperties"), dict):
        return "map[string]" + type_name(node["additionalProperties"], node["additionalProperties"])
    return " | ".join(types) or "any"


def enum_values(node: dict) -> list[str]:
    """Allowed values: the schema's ``enum``, else those a built-in description lists, else booleans."""
    if isinstance(node.get("enum"), list):
        return [str(v) for v in node["enum"] if v is not None]
    if "boolean" in _types(node):
        return ["true", "false"]
    m = _ENUM_PHRASE.search(node.get("description", ""))
    if m:
        words = [w.strip() for w in re.split(r",|\band\b|\bor\b", m.group(1)) if w.strip()]
        found = [_ENUM_WORD.match(w) for w in words]
        if len(found) >= 2 and all(found):
            return [f.group(1) for f in found]  # type: ignore[union-attr]
    return []


def complete_fields(analysis: ChartAnalysis, text: str, offset: int) -> list[FieldCompletion]:
    """Field names (at a key position) or values (after ``key: ``) for the YAML text at ``offset``."""
    masked = mask_actions(text)
    doc, row = _document_at(masked, offset)
    line_start = doc.starts[row]
    prefix = masked[line_start:offset]
    end = offset + len(_WORD_TAIL.match(masked, offset).group())
    store = _store(analysis)
    m = _PARTIAL_VALUE.match(prefix)
    if m:
        head = prefix[:m.start(2)]
        key, start = m.group(2), offset - len(m.group(4))
        scan = _scan(doc.lines, row, head)
        if scan.path == () and key in ("apiVersion", "kind"):
            return _top_values(store, doc, key, start, end)
        schema = _kind_schema(store, doc)
        if schema is None or scan.path is None:
            return []
        node = field_schema(schema, list(scan.path) + [key])
        return [FieldCompletion(v, "enum", key, "", v, v, start, end) for v in enum_values(node or {})]
    m = _PARTIAL_KEY.match(prefix)
    if m is None:
        return []
    start = offset - len(m.group(2))
    scan = _scan(doc.lines, row, prefix[:len(prefix) - len(m.group(2))])
    schema = _kind_schema(store, doc)
    if schema is None or scan.path is None:
        return []
    parent = field_schema(schema, list(scan.path)) or {}
    present = scan.siblings.get(scan.path, set())
    required = set(parent.get("required", ()))
    indent = " " * (start - line_start)
    out = []
    for name, raw in sorted(parent.get("properties", {}).items(), key=lambda kv: (kv[0] not in required, kv[0])):
        if name in present or (not scan.path and name in ("apiVersion", "kind") and getattr(doc, _attr(name))):
            continue
        node = field_schema(schema, list(scan.path) + [name]) or {}
        insert, snippet = _key_text(name, node, indent)
        detail = type_name(raw, node) + (" (required)" if name in required else "")
        out.append(FieldCompletion(name, "field", detail, node.get("description", ""), insert, snippet, start, end))
    return out


def _attr(key: str) -> str:
    return "api_version" if key == "apiVersion" else "kind"


def _key_text(name: str, node: dict, indent: str) -> tuple[str, str]:
    """Plain text and snippet inserting ``name:`` with room for its value (indentation absolute)."""
    types = _types(node)
    if "array" in types:
        return f"{name}:\n{indent}  - ", f"{name}:\n{indent}  - $0"
    if "object" in types or "properties" in node:
        return f"{name}:\n{indent}  ", f"{name}:\n{indent}  $0"
    choices = ",".join(c.replace(",", "\\,").replace("|", "\\|") for c in enum_values(node))
    if choices:
        return f"{name}: ", f"{name}: ${{1|{choices}|}}"
    return f"{name}: ", f"{name}: $1"


def _top_values(store: SchemaStore, doc: _Doc, key: str, start: int, end: int) -> list[FieldCompletion]:
    if key == "kind":
        kinds = store.kinds(doc.api_version) if doc.api_version else []
        if not kinds:
            kinds = sorted({k for gv in store.api_versions() for k in store.kinds(gv)})
        return [FieldCompletion(k, "enum", doc.api_version or "kind", "", k, k, start, end) for k in kinds]
    gvs = [gv for gv in store.api_versions() if not doc.kind or store.definition_name(gv, doc.kind)]
    return [FieldCompletion(gv, "enum", doc.kind or "apiVersion", "", gv, gv, start, end) for gv in gvs]


def hover_field(analysis: ChartAnalysis, text: str, offset: int) -> FieldHover | None:
    """The schema description and type of the Kubernetes field whose key is at ``offset``."""
    masked = mask_actions(text)
    doc, row = _document_at(masked, offset)
    line_start = doc.starts[row]
    line = doc.lines[row]
    col = len(line) - len(line.lstrip(" "))
    head_end = _ITEMS.match(line, col).end()
    m = _KEY.match(line, head_end)
    if m is None or MASK in m.group(1):
        return None
    a, b = line_start + m.start(1), line_start + m.start(1) + len(m.group(1).rstrip())
    if not a <= offset <= b:
        return None
    schema = _kind_schema(_store(analysis), doc)
    scan = _scan(doc.lines, row, line[:head_end])
    if schema is None or scan.path is None:
        return None
    key = _unquote(m.group(1).rstrip())
    parent = field_schema(schema, list(scan.path)) if scan.path else field_schema(schema, [])
    node = field_schema(schema, list(scan.path) + [key])
    if node is None:
        return None
    raw = (parent or {}).get("properties", {}).get(key)
    dotted = "".join(f".{p}" if isinstance(p, str) else "[]" for p in scan.path + (key,)).lstrip(".")
    lines = [f"**{key}**: `{type_name(raw, node)}`", "", f"`{doc.kind}` · `{dotted}`"]
    if key in ((parent or {}).get("required") or ()):
        lines[0] += " (required)"
    if node.get("description"):
        lines += ["", node["description"]]
    return FieldHover("\n".join(lines), a, b)


__all__ = ["FieldCompletion", "FieldHover", "complete_fields", "enum_values", "hover_field", "mask_actions",
           "type_name"]

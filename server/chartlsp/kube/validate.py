"""Validate one rendered file's manifests and report each problem at the exact text that caused it.

Each document is parsed with positions (go-yaml v2 semantics, as the API
server's decoder reads it), checked for the fields every object needs, matched
to a schema (built-in at the chosen Kubernetes version, else a CRD or schema
location) and validated; every error becomes a :class:`Finding` whose offsets
point at the offending value, the unknown key or the mapping missing a field.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..encoding.goyaml import Span
from .documents import Document, parse_documents

if TYPE_CHECKING:
    from .crds import CustomSchemas
    from .schemas import SchemaStore

__all__ = ["Finding", "validate_file", "format_path"]

_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_MAX_SHOWN = 40  # characters of a value quoted in a message
_MAX_OPTIONS = 12


@dataclass
class Finding:
    """One problem in a rendered file, positioned by character offsets into that file's text."""

    code: str
    severity: str
    message: str
    start: int
    end: int
    path: list
    doc_index: int
    api_version: str | None
    kind: str | None
    name: str | None
    related: list[tuple[int, int]] = field(default_factory=list)  # other spans involved (first duplicate key)
    data: dict | None = None  # facts a quick fix needs: {"expected": [types], "got": type} or {"replacement": gv}


def format_path(path: list) -> str:
    """``spec.template.spec.containers[0].ports[0]``; odd keys quoted: ``metadata.annotations["a/b"]``."""
    out: list[str] = []
    for step in path:
        if isinstance(step, int):
            out.append(f"[{step}]")
        elif _SIMPLE_KEY.match(step):
            out.append("." + step if out else step)
        else:
            out.append(f"[{json.dumps(step)}]")
    return "".join(out)


def _describe(v: Any) -> str:
    """A value as a message shows it: its JSON type, then the value for scalars."""
    if v is None:
        return "null"
    if v is True or v is False:
        return f"boolean {'true' if v else 'false'}"
    if isinstance(v, (int, float)):
        return f"number {_number(v)}"
    if isinstance(v, str):
        return f"string {_quote(v)}"
    return "object" if isinstance(v, dict) else "array"


def _quote(v: Any) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= _MAX_SHOWN else s[:_MAX_SHOWN - 4] + '..."'


class _Doc:
    """Finding factory for one object (a document, or an item of a List document).

    Paths are relative to the object; spans come from the document's raw tree,
    built only when a finding needs a position.
    """

    def __init__(self, doc: Document, prefix: list, out: list[Finding]) -> None:
        self.doc = doc
        self.prefix = prefix
        self.out = out
        self.api_version: str | None = None
        self.kind: str | None = None
        self.name: str | None = None

    def add(self, code: str, severity: str, message: str, node: Span | None, path: list,
            related: list[tuple[int, int]] | None = None, data: dict | None = None) -> None:
        base = self.doc.start
        if node is None:
            start, end = base, base + min(len(self.doc.text), 1)
        else:
            start, end = base + node.pos, base + max(node.end, node.pos)
        self.out.append(Finding(code, severity, message, start, end, self.prefix + path, self.doc.index,
                                self.api_version, self.kind, self.name, related or [], data))

    def node(self, path: list) -> Span | None:
        raw = self.doc.raw
        return None if raw is None else raw.node_at(self.prefix + path)

    def key(self, path: list) -> Span | None:
        """The key naming the value at ``path`` (a list item or the object itself: its first key)."""
        raw = self.doc.raw
        if raw is None:
            return None
        if not path or isinstance(path[-1], int):
            return self.first_key(path)
        return raw.key_at(self.prefix + path)

    def first_key(self, path: list) -> Span | None:
        raw = self.doc.raw
        return None if raw is None else raw.first_key_at(self.prefix + path)

    def value_node(self, path: list) -> Span | None:
        """The node of the value at ``path``; its key when the value is empty (``replicas:``)."""
        node = self.node(path)
        return node if node is None or node.end > node.pos else self.key(path)


def validate_file(text: str, store: "SchemaStore", strict: bool = True,
                  extra_schemas: "CustomSchemas | None" = None) -> list[Finding]:
    """All findings for one rendered template file's output, ordered by position."""
    out: list[Finding] = []
    for doc in parse_documents(text):
        if doc.error is not None:
            _yaml_error(doc, out)
        elif doc.value is not None:
            _duplicate_keys(doc, out)
            _check_object(doc, doc.value, [], store, strict, extra_schemas, out)
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _yaml_error(doc: Document, out: list[Finding]) -> None:
    e = doc.error
    assert e is not None
    pos = e.pos if e.pos is not None else 0
    if pos >= len(doc.text) > 0:  # "unexpected end": point at the last character, not past it
        pos = len(doc.text) - 1
    line_end = doc.text.find("\n", pos)
    end = len(doc.text) if line_end < 0 else line_end
    message = e.message.removeprefix("error converting YAML to JSON: ").removeprefix("yaml: ")
    message = _GO_YAML_LINE.sub("", message)  # go-yaml's document-relative line; the finding has the position
    out.append(Finding("yaml-syntax", "error", f"YAML syntax error: {message}", doc.start + pos,
                       doc.start + max(end, min(pos + 1, len(doc.text))), [], doc.index, None, None, None))


_GO_YAML_LINE = re.compile(r"^line \d+: ")


def _duplicate_keys(doc: Document, out: list[Finding]) -> None:
    obj = doc.value if isinstance(doc.value, dict) else {}
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    signature = [v if isinstance(v, str) else None for v in (obj.get("apiVersion"), obj.get("kind"), meta.get("name"))]
    for dup in doc.duplicates:
        where = f" in {format_path(dup.path)}" if dup.path else ""
        out.append(Finding("duplicate-key", "error",
                           f"duplicate key {_quote(dup.key)}{where} (first set on line {doc.line + dup.first_line + 1}"
                           "); the API server rejects it", doc.start + dup.again[0], doc.start + dup.again[1],
                           dup.path + [dup.key], doc.index, *signature,
                           [(doc.start + dup.first[0], doc.start + dup.first[1])]))


def _check_object(doc: Document, obj: Any, prefix: list, store: "SchemaStore", strict: bool,
                  extra: "CustomSchemas | None", out: list[Finding]) -> None:
    d = _Doc(doc, prefix, out)
    if not isinstance(obj, dict):
        what = _describe(obj).split(" ")[0]
        d.add("yaml-syntax", "error", f"a Kubernetes object must be a mapping, not {what}", d.node([]), [])
        return
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    d.api_version = api_version if isinstance(api_version, str) and api_version else None
    d.kind = kind if isinstance(kind, str) and kind else None
    meta = obj.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    d.name = name if isinstance(name, str) and name else None
    ok = _signature(d, obj, "apiVersion", "missing-apiversion") & _signature(d, obj, "kind", "missing-kind")
    if not ok:
        return
    assert d.api_version is not None and d.kind is not None
    items = obj.get("items")
    if d.kind.endswith("List") and isinstance(items, list):  # kubeconform: validate each item on its own
        for i, item in enumerate(items):
            _check_object(doc, item, prefix + ["items", i], store, strict, extra, out)
        return
    _check_name(d, obj, meta)
    _check_schema(d, obj, store, strict, extra)


def _signature(d: _Doc, obj: dict, field_name: str, code: str) -> bool:
    """apiVersion/kind present and a non-empty string; else an error at the field or the first key."""
    v = obj.get(field_name)
    if isinstance(v, str) and v:
        return True
    if field_name not in obj or v is None or v == "":
        where = d.value_node([field_name]) if field_name in obj else d.first_key([])
        d.add(code, "error", f"missing {field_name}: every Kubernetes object needs one", where, [field_name])
    else:
        d.add(code, "error", f"{field_name}: expected string, got {_describe(v)}", d.value_node([field_name]),
              [field_name])
    return False


def _check_name(d: _Doc, obj: dict, meta: Any) -> None:
    if d.name is not None:
        return
    if isinstance(meta, dict):
        generate = meta.get("generateName")
        if isinstance(generate, str) and generate:
            return
        if "name" in meta:
            d.add("missing-name", "error", "metadata.name is empty", d.value_node(["metadata", "name"]),
                  ["metadata", "name"])
        else:
            d.add("missing-name", "error", "missing metadata.name (or metadata.generateName)",
                  d.key(["metadata"]), ["metadata"])
    elif meta is None:
        d.add("missing-name", "error", "missing metadata.name (or metadata.generateName)",
              d.key(["metadata"]) if "metadata" in obj else d.first_key([]), ["metadata"])
    # metadata of the wrong type: the schema reports it


def _check_schema(d: _Doc, obj: dict, store: "SchemaStore", strict: bool, extra: "CustomSchemas | None") -> None:
    api_version, kind = d.api_version, d.kind
    assert api_version is not None and kind is not None
    validator = store.validator(api_version, kind, strict)
    if validator is None and extra is not None:
        validator = extra.validator(api_version, kind, strict)
    if validator is None:
        _no_schema(d, store, extra)
        return
    for err in validator.iter_errors(obj):
        _report(d, validator.schema, err)


def _no_schema(d: _Doc, store: "SchemaStore", extra: "CustomSchemas | None") -> None:
    api_version, kind = d.api_version, d.kind
    assert api_version is not None and kind is not None
    version = store.kube_version
    where = d.value_node(["apiVersion"])
    if store.is_builtin_group(api_version):
        replacement = store.replacement(api_version, kind)
        if replacement is not None:
            d.add("api-removed", "error", f"{api_version} {kind} is not served by Kubernetes {version}; "
                  f"use {replacement}", where, ["apiVersion"],
                  data={"apiVersion": api_version, "kind": kind, "replacement": replacement})
        elif api_version in store.api_versions():
            kinds = store.kinds(api_version)
            close = difflib.get_close_matches(kind, kinds, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            d.add("unknown-kind", "error", f"{api_version} has no kind {kind} in Kubernetes {version}{hint}",
                  d.value_node(["kind"]), ["kind"])
        else:
            d.add("api-removed", "error", f"{api_version} {kind} is not served by Kubernetes {version}",
                  where, ["apiVersion"])
        return
    problem = extra.problems.get((api_version, kind)) if extra is not None else None
    if problem is not None:
        d.add("no-schema", "warning", f"{api_version} {kind} not validated: {problem}", where, ["apiVersion"])
    else:
        d.add("no-schema", "info", f"{api_version} {kind} not validated: no schema (no CRD in the chart "
              "and no schema location provides one)", where, ["apiVersion"])


# ---------------------------------------------------------------------------
# Validator errors (chartlsp.kube.schemas.Violation) → findings


def _schema_at(schema: Any, schema_path: list) -> Any:
    """The schema node a violation's keyword sits in (its ``schema_path`` minus the keyword)."""
    node = schema
    for step in schema_path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return {}
    return node if isinstance(node, dict) else {}


def _report(d: _Doc, schema: dict, err: Any) -> None:
    path, keyword = err.path, err.keyword
    where = format_path(path)
    if keyword == "additionalProperties" or keyword == "unevaluatedProperties":
        for name in err.unexpected:
            d.add("schema-unknown-field", "error", f"unknown field {_quote(name)}" + (f" in {where}" if where else ""),
                  d.key(path + [name]), path + [name])
        return
    if keyword == "required" and err.missing is not None:
        anchor = d.key(path)
        d.add("schema-required", "error", f"missing required field {_quote(err.missing)}" +
              (f" in {where}" if where else ""), anchor, path + [err.missing])
        return
    label = where or "document"
    at = _schema_at(schema, err.schema_path)
    got = _describe(err.instance)
    if keyword == "type":
        expected = _types(at["type"]) if "type" in at else err.message  # path not navigable: library's words
        d.add("schema-type", "error", f"{label}: expected {expected}, got {got}" if "type" in at else
              f"{label}: {expected}", d.value_node(path), path,
              data=_type_data(at["type"], err.instance) if "type" in at else None)
    elif keyword in ("anyOf", "oneOf") and _branch_types(at.get(keyword)) is not None:
        # IntOrString/Quantity-style unions: one clear type message instead of a failure per branch
        types = _branch_types(at.get(keyword))
        d.add("schema-type", "error", f"{label}: expected {_types(types)}, got {got}", d.value_node(path), path,
              data=_type_data(types, err.instance))
    elif keyword in ("enum", "const"):
        options = at.get("enum") if keyword == "enum" else [at.get("const")]
        allowed = _options(options) if isinstance(options, list) else ""
        d.add("schema-enum", "error", f"{label}: unsupported value {_quote(err.instance)}" +
              (f"; allowed: {allowed}" if allowed else ""), d.value_node(path), path)
    elif keyword == "format":
        d.add("schema-format", "error", f"{label}: {_quote(err.instance)} is not a valid {at.get('format', '?')}",
              d.value_node(path), path)
    elif keyword == "pattern":
        d.add("schema-pattern", "error",
              f"{label}: {_quote(err.instance)} does not match the pattern {at.get('pattern', '?')}",
              d.value_node(path), path)
    elif keyword in _BOUNDS and _limit(at, keyword) is not None:
        low = keyword.endswith("inimum")
        plain = "minimum" if low else "maximum"
        exclusive = keyword.startswith("exclusive") or at.get("exclusiveM" + plain[1:]) is True  # draft 4 flag
        bound = ("greater than" if exclusive else "at least") if low else ("less than" if exclusive else "at most")
        d.add("schema-other", "error", f"{label}: must be {bound} {_number(_limit(at, keyword))}, got {got}",
              d.value_node(path), path)
    elif keyword in _SIZES and isinstance(at.get(keyword), int):
        bound, unit, size = _SIZES[keyword]
        d.add("schema-other", "error", f"{label}: must have {bound} {at[keyword]} {unit}, has {size(err.instance)}",
              d.value_node(path), path)
    else:
        d.add("schema-other", "error", f"{label}: {err.message}", d.value_node(path), path)


def _type_data(types: Any, instance: Any) -> dict:
    """The expected JSON types and the actual one, for quick fixes (quote, ``| int``)."""
    want = [types] if isinstance(types, str) else [t for t in types if isinstance(t, str)] if isinstance(types, list) else []
    return {"expected": want, "got": _describe(instance).split(" ", 1)[0]}


_BOUNDS = frozenset(("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"))


def _limit(at: dict, keyword: str) -> float | None:
    """The number a bound keyword compares with (a draft-4 boolean ``exclusiveMaximum`` uses ``maximum``)."""
    v = at.get(keyword)
    if v is True:
        v = at.get("minimum" if keyword.endswith("inimum") else "maximum")
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
_SIZES = {"minLength": ("at least", "characters", len), "maxLength": ("at most", "characters", len),
          "minItems": ("at least", "items", len), "maxItems": ("at most", "items", len),
          "minProperties": ("at least", "fields", len), "maxProperties": ("at most", "fields", len)}


def _number(v: float) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _types(types: Any) -> str:
    """``["null", "integer"]`` → ``integer`` (null is implied for optional fields); others joined with "or"."""
    if isinstance(types, str):
        return types
    named = [t for t in types or () if t != "null"] or ["null"]
    return " or ".join(named)


def _branch_types(branches: Any) -> list[str] | None:
    """The union of the branches' types when every branch is nothing but a type (or a no-op annotation)."""
    if not isinstance(branches, list) or not branches:
        return None
    types: list[str] = []
    for branch in branches:
        if not isinstance(branch, dict) or "type" not in branch or not _ANNOTATIONS.issuperset(branch):
            return None
        t = branch["type"]
        types += [x for x in ([t] if isinstance(t, str) else t) if x not in types]
    return types


_ANNOTATIONS = frozenset(("type", "format", "description", "title", "x-kubernetes-int-or-string"))


def _options(options: list) -> str:
    shown = ", ".join(_quote(o) for o in options[:_MAX_OPTIONS])
    return shown + (f", ... ({len(options)} in all)" if len(options) > _MAX_OPTIONS else "")

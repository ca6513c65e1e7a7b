"""Chart-level rules: ``chart-yaml`` (Chart.yaml against the chart schema) and ``values-schema``.

Both report each violation at the offending key or value of the YAML file, found
by following the violation's instance path through the positioned tree.

``values-schema`` validates what Helm validates, the coalesced values (chart
defaults, then each ``-f`` file, then ``--set``) of every chart that has a
``values.schema.json``, so a required key supplied only by a ``-f`` file is no
false alarm; a violation is then reported in the file that supplied the
offending value: the last ``-f`` file defining the path, else the chart's
values.yaml (a subchart's section of its parent's values comes before its own).
"""

from __future__ import annotations

import functools
import json
import os
import pathlib
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Iterable

import jsonschema
from referencing.exceptions import Unresolvable

from ..chart import Chart
from ..chart.values_schema import values_validator
from ..encoding import goyaml
from ..functions.semver import Constraints
from ..kube.documents import key_at, node_at
from ..kube.validate import format_path
from .diagnostics import Diagnostic

_SCHEMA_FILE = pathlib.Path(__file__).resolve().parent / "data" / "chart.schema.json"
_SOURCE_SCHEMA = pathlib.Path(__file__).resolve().parents[3] / "schemas" / "chart.schema.json"
_MAX_SHOWN = 40

_formats = jsonschema.FormatChecker()


@_formats.checks("semver-constraint", raises=Exception)
def _semver_constraint(value: object) -> bool:
    if isinstance(value, str):
        Constraints(value)
    return True


@functools.cache
def _chart_validator() -> Any:
    path = _SCHEMA_FILE if _SCHEMA_FILE.is_file() else _SOURCE_SCHEMA
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=_formats)


@dataclass
class _Source:
    """A YAML file a violation may be reported in: its chart-relative name, text, tree and path prefix."""

    file: str
    text: str
    root: goyaml.YNode | None
    prefix: list


def _parse(file: str, text: str, prefix: list) -> _Source:
    try:
        root = goyaml.compose(text)
    except goyaml.YAMLError:
        root = None  # unparsable: the loader reports it; nothing to position against
    return _Source(file, text, root, prefix)


def chart_yaml_diagnostics(text: str, file: str = "Chart.yaml") -> list[Diagnostic]:
    """``chart-yaml`` findings for one Chart.yaml text (nothing if it is not YAML: ``chart-load`` says so)."""
    src = _parse(file, text, [])
    if src.root is None or src.root.kind != "map":
        return []
    data = src.root.value
    out = []
    for err in _chart_validator().iter_errors(data):
        out += _diagnostics(err, [src], "chart-yaml", "Chart.yaml")
    return _sorted(out)


def values_schema_diagnostics(chart: Chart, values: dict, value_files: Iterable[str],
                              chart_dir: str) -> tuple[list[Diagnostic], dict[str, str]]:
    """``values-schema`` findings for ``chart`` and its subcharts, and the text of every file they cite."""
    user: list[_Source] = []
    for f in value_files:
        if f == "-" or not os.path.isfile(f):
            continue
        with open(f, encoding="utf-8", errors="replace") as fh:
            rel = os.path.relpath(os.path.abspath(f), os.path.abspath(chart_dir)).replace(os.sep, "/")
            user.append(_parse(rel, fh.read(), []))
    user.reverse()  # later files win: search them first
    out: list[Diagnostic] = []
    texts: dict[str, str] = {}
    _check_values(chart, values, [], user, [], chart_dir, out, texts)
    return _sorted(out), texts


def _check_values(chart: Chart, values: Any, prefix: list, user: list[_Source], parents: list[_Source],
                  chart_dir: str, out: list[Diagnostic], texts: dict[str, str]) -> None:
    own = _parse(_chart_file(chart, chart_dir, "values.yaml"), chart.values_text or "", [])
    sources = [_Source(s.file, s.text, s.root, prefix + s.prefix) for s in user] + parents + [own]
    if chart.schema is not None and isinstance(values, dict):
        schema_file = _chart_file(chart, chart_dir, "values.schema.json")
        for d in _validate_values(chart.schema, values, sources, schema_file):
            out.append(d)
            for s in sources:
                if s.file == d.file:
                    texts[s.file] = s.text
            if d.file == schema_file:
                texts[schema_file] = chart.schema.decode("utf-8", "replace")
    for sub in chart.dependencies:
        section = values.get(sub.name) if isinstance(values, dict) else None
        if section is None:
            continue
        sub_parents = [_Source(s.file, s.text, s.root, s.prefix + [sub.name]) for s in parents + [own]]
        _check_values(sub, section, prefix + [sub.name], user, sub_parents, chart_dir, out, texts)


def _chart_file(chart: Chart, chart_dir: str, name: str) -> str:
    """A chart's file relative to the root chart directory (a subchart archive: inside its .tgz name)."""
    root = chart
    while root.parent is not None:
        root = root.parent
    if chart.parent is None:
        return name
    if os.path.isdir(chart.source) and os.path.isdir(root.source):
        return posixpath.join(os.path.relpath(chart.source, root.source).replace(os.sep, "/"), name)
    return posixpath.join("charts", os.path.basename(chart.source), name)


def _validate_values(schema_bytes: bytes, values: dict, sources: list[_Source], schema_file: str) -> list[Diagnostic]:
    def at_schema(message: str) -> list[Diagnostic]:
        return [Diagnostic(schema_file, 0, 0, "error", "values-schema", message)]

    try:
        schema = json.loads(schema_bytes.decode("utf-8", "surrogateescape"))
    except ValueError as e:
        return at_schema(f"values.schema.json is not valid JSON: {e}")
    try:
        errors = list(values_validator(schema).iter_errors(values))
    except jsonschema.SchemaError as e:
        return at_schema(f"invalid values.schema.json: {e.message}")
    except Unresolvable as e:  # a $ref Helm could not load either (a local file, a missing anchor)
        return at_schema(f"values.schema.json cannot be used: cannot resolve $ref {e.ref!r}")
    except Exception as e:  # noqa: BLE001 - e.g. an unresolvable $ref: the schema is unusable, say why
        return at_schema(f"values.schema.json cannot be used: {type(e).__name__}: {e}")
    out: list[Diagnostic] = []
    for err in errors:
        out += _diagnostics(err, sources, "values-schema", "values")
    return out


# ---------------------------------------------------------------------------
# jsonschema errors → positioned diagnostics


def _diagnostics(err: Any, sources: list[_Source], code: str, what: str) -> list[Diagnostic]:
    path = list(err.absolute_path)
    label = format_path(path) or what
    kw = err.validator
    if kw in ("anyOf", "oneOf") and err.context:
        # the branch whose type fits the value says what is wrong inside it
        fitting = [e for e in err.context if e.validator != "type"] or err.context
        best = jsonschema.exceptions.best_match(fitting)
        return _diagnostics(best, sources, code, what)
    if kw == "additionalProperties" and isinstance(err.instance, dict):
        extra = _unexpected(err)
        severity = "warning" if code == "chart-yaml" and not path else "error"
        hint = "; Helm ignores it" if severity == "warning" else ""
        return [_at(sources, path + [k], True, code, severity,
                    f"unknown field {_quote(k)}" + (f" in {format_path(path)}" if path else "") + hint)
                for k in extra]
    if kw == "required":
        missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
        where = f" in {format_path(path)}" if path else ""
        return [_at(sources, path, True, code, "error", f"missing required field {_quote(k)}{where}")
                for k in missing]
    custom = err.schema.get("x-message") if isinstance(err.schema, dict) else None
    if kw in ("pattern", "format") and custom:
        message = f"{label}: {_quote(err.instance)} {custom}"
    elif kw == "format":
        message = f"{label}: {_quote(err.instance)} is not a valid {err.validator_value}"
    elif kw == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
        message = f"{label}: expected {want}, got {_describe(err.instance)}"
    elif kw in _BOUNDS and isinstance(err.instance, (int, float)) and not isinstance(err.validator_value, bool):
        message = f"{label}: must be {_BOUNDS[kw]} {_num(err.validator_value)}, got {_num(err.instance)}"
    elif kw == "enum":
        message = f"{label}: unsupported value {_quote(err.instance)}; allowed: " + \
            ", ".join(_quote(v) for v in err.validator_value)
    else:
        message = f"{label}: {err.message}"
    return [_at(sources, path, False, code, "error", message)]


_BOUNDS = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "greater than",
           "exclusiveMaximum": "less than", "multipleOf": "a multiple of"}


def _num(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _unexpected(err: Any) -> list[str]:
    props = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
    patterns = err.schema.get("patternProperties", {}) if isinstance(err.schema, dict) else {}
    return [k for k in err.instance if k not in props and not any(re.search(p, k) for p in patterns)]


def _at(sources: list[_Source], path: list, key: bool, code: str, severity: str, message: str) -> Diagnostic:
    """A diagnostic at ``path`` in the first source defining it; ``key``: the key (or, for the
    mapping itself, its first key) rather than the value. Falls back to the deepest ancestor found."""
    best: tuple[int, _Source, goyaml.YNode] | None = None
    for s in sources:
        if s.root is None:
            continue
        full = s.prefix + path  # the path inside this file
        depth = _depth(s.root, full)
        if depth == len(full):
            node = _node(s.root, full, key)
            return Diagnostic(s.file, node.pos, max(node.end, node.pos), severity, code, message)
        if depth > len(s.prefix) and (best is None or depth - len(s.prefix) > best[0]):
            best = (depth - len(s.prefix), s, _node(s.root, full[:depth], True))
    if best is not None:
        _, s, node = best
        return Diagnostic(s.file, node.pos, max(node.end, node.pos), severity, code, message)
    first = sources[-1] if sources else None
    return Diagnostic(first.file if first else "values.yaml", 0, 0, severity, code, message)


def _node(root: goyaml.YNode, path: list, key: bool) -> goyaml.YNode:
    if key:
        if not path or isinstance(path[-1], int):
            node = node_at(root, path)
            return node.entries[0][0] if node.entries else node
        return key_at(root, path)
    node = node_at(root, path)
    return node if node.end > node.pos else key_at(root, path)


def _depth(root: goyaml.YNode, path: list) -> int:
    """How many steps of ``path`` exist in the tree."""
    node = root
    for i, step in enumerate(path):
        if isinstance(step, int):
            if node.kind not in ("seq", "alias") or step >= len(node.items):
                return i
            node = node.items[step]
        else:
            pair = goyaml.lookup(node, [step]) if node.entries else None
            if pair is None:
                return i
            node = pair[1]
    return len(path)


def _quote(v: Any) -> str:
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= _MAX_SHOWN else s[:_MAX_SHOWN - 4] + '..."'


def _describe(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return f"boolean {'true' if v else 'false'}"
    if isinstance(v, (int, float)):
        return f"number {_num(v)}"
    if isinstance(v, str):
        return f"string {_quote(v)}"
    return "object" if isinstance(v, dict) else "array"


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.file, d.start, d.code, d.message))


__all__ = ["chart_yaml_diagnostics", "values_schema_diagnostics"]

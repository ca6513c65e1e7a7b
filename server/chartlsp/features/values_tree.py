"""What ``.Values`` holds for one chart, as far as an editor can know before rendering.

A chart's ``.Values`` comes from several files: its values.yaml, the extra
values files of the settings (root chart), its parents' sections for it
(``<parent values>.<name>``), ``global`` from every ancestor, and the
sections its own subcharts read (``.Values.<sub>`` holds the subchart's
values.yaml). values.schema.json adds keys no file sets. Each source is
mounted at a path of the chart's values; a path segment ``*`` is any list
element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analysis.workspace import ChartAnalysis
from ..chart import Chart
from ..encoding import goyaml

STAR = "*"


@dataclass(frozen=True)
class _Source:
    mount: tuple[str, ...]  # where in the chart's values the source applies
    skip: tuple[str, ...]  # the path inside the source that corresponds to ``mount``
    file: str
    text: str
    root: goyaml.YNode


@dataclass
class Setting:
    """One place a values file sets a key: the file (path and text), the key node and the value node."""

    file: str
    text: str
    key: goyaml.YNode
    value: goyaml.YNode

    @property
    def source(self) -> str:
        """The key and its value as written in the file."""
        return self.text[self.key.pos:self.value.end].rstrip()


@dataclass
class KeyInfo:
    """A values key as editors show it: where it is set and what the schema says."""

    name: str
    settings: list[Setting] = field(default_factory=list)
    schemas: list[dict] = field(default_factory=list)
    subchart: str | None = None  # the key is a subchart's section

    @property
    def doc(self) -> str | None:
        for s in self.settings:
            if s.key.comment:
                return s.key.comment
        return None

    @property
    def description(self) -> str | None:
        for s in self.schemas:
            d = s.get("description")
            if isinstance(d, str):
                return d
        return None


def _sources(analysis: ChartAnalysis, chart: Chart) -> list[_Source]:
    out: list[_Source] = []

    def own(c: Chart, mount: tuple[str, ...]) -> None:
        for doc in analysis.values_docs(c):
            if doc.root is not None:
                out.append(_Source(mount, (), doc.path, doc.text, doc.root))
        for dep in c.dependencies:
            own(dep, mount + (dep.name,))

    own(chart, ())
    node, below = chart, ()
    while node.parent is not None:
        below = (node.name,) + below
        for doc in analysis.values_docs(node.parent):
            if doc.root is not None:
                out.append(_Source((), below, doc.path, doc.text, doc.root))
                out.append(_Source(("global",), ("global",), doc.path, doc.text, doc.root))
        node = node.parent
    return out


def _schemas(analysis: ChartAnalysis, chart: Chart) -> list[tuple[tuple[str, ...], dict]]:
    out: list[tuple[tuple[str, ...], dict]] = []

    def walk(c: Chart, mount: tuple[str, ...]) -> None:
        s = analysis.schema(c)
        if s is not None:
            out.append((mount, s))
        for dep in c.dependencies:
            walk(dep, mount + (dep.name,))
    walk(chart, ())
    return out


def _nodes(root: goyaml.YNode, path: tuple[str, ...]) -> list[tuple[goyaml.YNode | None, goyaml.YNode]]:
    """(key node, value node) pairs at ``path`` (``*``: every list item); root has no key."""
    level: list[tuple[goyaml.YNode | None, goyaml.YNode]] = [(None, root)]
    for seg in path:
        nxt: list[tuple[goyaml.YNode | None, goyaml.YNode]] = []
        for key, node in level:
            if seg == STAR:
                nxt.extend((key, item) for item in node.items)
            elif node.kind in ("map", "alias"):
                pair = goyaml.lookup(node, [seg])
                if pair is not None:
                    nxt.append(pair)
        level = nxt
        if not level:
            break
    return level


def _schema_at(schema: dict, path: tuple[str, ...], root: dict) -> list[dict]:
    level = [_deref(schema, root)]
    for seg in path:
        nxt: list[dict] = []
        for s in level:
            for alt in [s, *_alternatives(s, root)]:
                if seg == STAR:
                    items = alt.get("items")
                    if isinstance(items, dict):
                        nxt.append(_deref(items, root))
                    continue
                props = alt.get("properties")
                if isinstance(props, dict) and isinstance(props.get(seg), dict):
                    nxt.append(_deref(props[seg], root))
                elif isinstance(alt.get("additionalProperties"), dict):
                    nxt.append(_deref(alt["additionalProperties"], root))
        level = nxt
    return level


def _alternatives(s: dict, root: dict) -> list[dict]:
    return [_deref(x, root) for k in ("allOf", "anyOf", "oneOf") for x in (s.get(k) or ()) if isinstance(x, dict)]


def _deref(s: dict, root: dict, depth: int = 0) -> dict:
    """Follow a local ``$ref`` (``#/definitions/x``); other refs are left as they are."""
    ref = s.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#") or depth > 16:
        return s
    node: Any = root
    for part in ref[1:].split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        node = node.get(part) if isinstance(node, dict) else None
    return _deref(node, root, depth + 1) if isinstance(node, dict) else s


def children(analysis: ChartAnalysis, chart: Chart, path: tuple[str, ...]) -> dict[str, KeyInfo]:
    """The keys below ``path`` in ``chart``'s values, in file order, each with where it is set."""
    out: dict[str, KeyInfo] = {}

    def info(name: str) -> KeyInfo:
        k = out.get(name)
        if k is None:
            k = out[name] = KeyInfo(name)
        return k

    n = len(path)
    for src in _sources(analysis, chart):
        if path[:len(src.mount)] == src.mount:
            for _, node in _nodes(src.root, src.skip + path[len(src.mount):]):
                for k, v in node.entries:
                    if isinstance(k.value, str) and k.value != "<<":
                        info(k.value).settings.append(Setting(src.file, src.text, k, v))
                if node.kind == "seq" and STAR not in out and node.items:
                    info(STAR)
        elif src.mount[:n] == path and len(src.mount) > n:
            info(src.mount[n]).subchart = src.mount[-1]
    for mount, schema in _schemas(analysis, chart):
        if path[:len(mount)] != mount:
            continue
        for s in _schema_at(schema, path[len(mount):], schema):
            for alt in [s, *_alternatives(s, schema)]:
                props = alt.get("properties")
                if isinstance(props, dict):
                    for name, sub in props.items():
                        if isinstance(sub, dict):
                            info(name).schemas.append(_deref(sub, schema))
    out.pop(STAR, None)
    return out


def key_info(analysis: ChartAnalysis, chart: Chart, path: tuple[str, ...]) -> KeyInfo | None:
    """The key at ``path`` (non-empty) with every place it is set, or None if nothing defines it."""
    if not path:
        return None
    found = children(analysis, chart, path[:-1]).get(path[-1])
    return found if found is not None and (found.settings or found.schemas or found.subchart) else None


def describe_value(node: goyaml.YNode) -> tuple[str, str]:
    """(Go-ish type name, short YAML text) of a values node, for hover."""
    if node.kind == "map" or node.entries:
        return "map", "{…}" if node.entries else "{}"
    if node.kind == "seq" or node.items:
        return "list", "[…]" if node.items else "[]"
    v = node.value
    if v is None:
        return "null", "null"
    if isinstance(v, bool):
        return "bool", "true" if v else "false"
    if isinstance(v, (int, float)):
        return "float64", goyaml.format_float_g(float(v)) if isinstance(v, float) else str(v)
    text = str(v)
    return "string", text if len(text) <= 200 else text[:200] + "…"


__all__ = ["KeyInfo", "Setting", "STAR", "children", "describe_value", "key_info"]

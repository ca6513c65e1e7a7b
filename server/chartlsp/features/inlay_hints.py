"""Inlay hints: the computed value after each ``.Values.x`` read of a template (setting ``inlayHints.values``).

The value is what ``{{ .Values.x }}`` would print with the configured values
files (Go's ``fmt.Sprint`` of the coalesced value, as the renderer prints it),
so a reader sees what the chart renders without opening values files. Reads
through a ``range`` element or a computed key have no single value and get
no hint; neither do keys no values file sets (the undefined-value
diagnostic covers those).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.values_refs import STAR, value_references
from ..analysis.workspace import ChartAnalysis
from ..gotemplate.gofmt import sprint
from .preview import chart_values, computed_values

MAX_LABEL = 40
_MISSING = object()


@dataclass(frozen=True)
class InlayHint:
    offset: int  # where the hint shows: just after the value's text
    label: str
    tooltip: str


def _lookup(vals: dict, path: tuple[str, ...]) -> object:
    cur: object = vals
    for key in path:
        if not isinstance(cur, dict) or key not in cur:
            return _MISSING
        cur = cur[key]
    return cur


def _label(value: object) -> str:
    text = sprint(value).replace("\n", "⏎")
    if isinstance(value, str):
        text = f'"{text}"' if text else '""'
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def inlay_hints(analysis: ChartAnalysis, path: str, text: str, start: int = 0,
                end: int | None = None) -> list[InlayHint]:
    """Hints for the ``.Values`` reads of template ``path`` ending inside ``[start, end]``; none when disabled."""
    tf = analysis.templates.get(path)
    if tf is None or not analysis.snapshot.settings.inlay_hints_values:
        return []
    root = computed_values(analysis)
    vals = chart_values(root, tf.chart) if root is not None else None
    if vals is None:
        return []
    stop = len(text) if end is None else end
    seen: set[int] = set()
    out: list[InlayHint] = []
    for ref in value_references(analysis.snapshot.cache.parse(tf.name, text)):
        if not ref.path or STAR in ref.path or ref.dynamic or not ref.names_key or ref.end in seen:
            continue
        if not (start <= ref.end <= stop) or text[ref.start:ref.end].startswith(('"', "`")):
            continue
        value = _lookup(vals, ref.path)
        if value is _MISSING:
            continue
        seen.add(ref.end)
        name = ".Values." + ".".join(ref.path)
        out.append(InlayHint(ref.end, "= " + _label(value), f"{name} = {sprint(value)}"))
    out.sort(key=lambda h: h.offset)
    return out


__all__ = ["InlayHint", "inlay_hints"]

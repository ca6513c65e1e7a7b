"""From a span of rendered output back to the template text that produced it.

The renderer's source map lists ``(out_start, out_end, file, src_start,
src_end, frames)`` in output order. Literal template text maps character for
character; text printed by an action maps to the whole action. ``frames``
are the ``include``/``template`` call sites, outermost first.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..gotemplate.exec import TemplateFrame


@dataclass
class Origin:
    """Where a rendered span came from: a template file span plus its include chain."""

    file: str  # Helm template name: <chart>/templates/x.yaml (or <chart>/charts/<sub>/...)
    start: int
    end: int
    frames: tuple[TemplateFrame, ...]


class SourceMap:
    """Lookups over one rendered file's source map."""

    def __init__(self, entries: list, texts: dict[str, str]) -> None:
        self.entries = entries
        self.starts = [e[0] for e in entries]
        self.texts = texts  # template name -> template text, to tell literal text from actions

    def origin(self, start: int, end: int) -> Origin | None:
        """The template span behind output ``[start, end)`` (the first entry's, narrowed when literal)."""
        i = bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        a, b, file, p, e, frames = self.entries[i]
        if not (a <= start < b) and not (start == b == end):
            return None
        if self._literal(a, b, file, p, e):
            s = p + (start - a)
            stop = p + (min(end, b) - a) if end > start else s
            return Origin(file, s, max(stop, s), frames)
        return Origin(file, p, e, frames)

    def _literal(self, a: int, b: int, file: str, p: int, e: int) -> bool:
        return b - a == e - p and self.texts.get(file, "")[p:e] != "" and \
            not self.texts.get(file, "").startswith("{{", p)

"""Cursor fixtures: a template text where ``‸`` marks the cursor, opened in the demo chart."""

from __future__ import annotations

import os


from chartlsp.analysis.settings import Settings
from chartlsp.analysis.workspace import AnalysisCache, ChartAnalysis, Snapshot

DEMO = os.path.join(os.path.dirname(__file__), "fixtures", "demo")
CURSOR = "‸"
_CACHE = AnalysisCache()


def open_at(marked: str, rel: str = "templates/scratch.yaml",
            settings: Settings | None = None) -> tuple[ChartAnalysis, str, str, int]:
    """The demo chart with ``rel`` holding ``marked`` (cursor removed): (analysis, path, text, offset)."""
    offset = marked.index(CURSOR)
    text = marked.replace(CURSOR, "")
    path = os.path.join(DEMO, *rel.split("/"))
    snap = Snapshot((DEMO,), {path: text}, settings or Settings(), _CACHE)
    analysis = snap.analysis_for(path)
    assert analysis is not None
    return analysis, path, text, offset



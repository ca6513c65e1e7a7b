"""Helpers for navigation tests: locations as (file relative to the demo chart, line, text at the span)."""

from __future__ import annotations

import os

from .cursor import DEMO


def body(path: str, current: str, text: str) -> str:
    """The text of ``path``: ``text`` when it is the file under test, else the disk."""
    if path == current:
        return text
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def spot(path: str, start: int, end: int, current: str, text: str) -> tuple[str, int, str]:
    b = body(path, current, text)
    return os.path.relpath(path, DEMO), b.count("\n", 0, start), b[start:end]


def open_files(marked: str, rel: str, others: dict[str, str], settings=None):
    """Like :func:`cursor.open_at` with more buffers (``others``: relative path -> text) open."""
    from chartlsp.analysis.settings import Settings
    from chartlsp.analysis.workspace import Snapshot

    from .cursor import _CACHE, CURSOR
    offset = marked.index(CURSOR)
    text = marked.replace(CURSOR, "")
    path = os.path.join(DEMO, *rel.split("/"))
    overlay = {os.path.join(DEMO, *r.split("/")): t for r, t in others.items()}
    overlay[path] = text
    snap = Snapshot((DEMO,), overlay, settings or Settings(), _CACHE)
    return snap.analysis_for(path), path, text, offset

"""Diagnostics as every front end reports them (``check`` output formats, LSP).

Positions are character offsets into the file's text (core code never
counts UTF-16 units); ``line``/``column`` are derived 1-based values for
CLI formats. ``file`` is relative to the chart root (``templates/x.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Related:
    file: str
    start: int
    end: int
    message: str
    line: int = 0
    column: int = 0


@dataclass
class Diagnostic:
    file: str
    start: int
    end: int
    severity: str  # "error" | "warning" | "info"
    code: str  # stable rule id, e.g. "schema-type", "render-error", "undefined-value"
    message: str
    related: list[Related] = field(default_factory=list)
    line: int = 0  # 1-based, filled by :func:`locate`
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    chart: str = ""  # chart root directory the file belongs to
    data: dict | None = None  # facts a fix needs (e.g. {"replacement": apiVersion}), so nobody parses messages


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def locate(d: Diagnostic, texts: dict[str, str]) -> Diagnostic:
    """Fill line/column fields from character offsets, given each file's text."""
    text = texts.get(d.file, "")
    d.line, d.column = line_col(text, d.start)
    d.end_line, d.end_column = line_col(text, max(d.end, d.start))
    for r in d.related:
        r.line, r.column = line_col(texts.get(r.file, ""), r.start)
    return d

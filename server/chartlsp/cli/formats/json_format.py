"""The JSON contract of DESIGN.md: ``{"diagnostics": [...], "summary": {...}}``.

``file`` stays relative to its chart root; with several charts each diagnostic
also names its ``chart`` (the directory as given or found).
"""

from __future__ import annotations

import json
from typing import Any

from . import Report


def render(report: Report) -> str:
    diagnostics: list[dict[str, Any]] = []
    for result, d in report.findings():
        item: dict[str, Any] = {}
        if report.multi:
            item["chart"] = result.chart_dir
        item.update({
            "file": d.file, "line": d.line, "column": d.column, "endLine": d.end_line, "endColumn": d.end_column,
            "severity": d.severity, "code": d.code, "message": d.message,
            "related": [{"file": r.file, "line": r.line, "column": r.column, "message": r.message}
                        for r in d.related],
        })
        diagnostics.append(item)
    return json.dumps({"diagnostics": diagnostics, "summary": report.summary()}, indent=2, ensure_ascii=False) + "\n"

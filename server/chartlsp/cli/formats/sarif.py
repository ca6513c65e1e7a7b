"""SARIF 2.1.0 as GitHub code scanning accepts it.

Artifact URIs are relative to the checkout (``uriBaseId: %SRCROOT%``): the chart
directory as given (relative to the working directory, where CI runs) joined
with the chart-relative file. A chart outside the working directory gets an
absolute ``file://`` URI instead.
"""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any
from urllib.parse import quote

from ... import __version__
from ...analysis.rules import RULES, rule
from . import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact(chart_dir: str, file: str) -> dict[str, str]:
    """An artifactLocation for a chart-relative file."""
    path = os.path.normpath(os.path.join(chart_dir, file))
    rel = os.path.relpath(os.path.abspath(path))
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return {"uri": pathlib.Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(rel.replace(os.sep, "/"), safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(line: int, column: int, end_line: int = 0, end_column: int = 0) -> dict[str, int]:
    region = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line:
        region["endLine"] = max(end_line, region["startLine"])
        end_col = max(end_column, 1)
        if region["endLine"] == region["startLine"]:
            end_col = max(end_col, region["startColumn"])
        region["endColumn"] = end_col
    return region


def render(report: Report) -> str:
    findings = report.findings()
    used = sorted({d.code for _, d in findings} | set(RULES))
    index = {rid: i for i, rid in enumerate(used)}
    rules = []
    for rid in used:
        r = rule(rid)
        rules.append({"id": rid, "name": "".join(w.capitalize() for w in rid.split("-")),
                      "shortDescription": {"text": r.description},
                      "defaultConfiguration": {"level": _LEVEL[r.severity]}})
    results: list[dict[str, Any]] = []
    for result, d in findings:
        item: dict[str, Any] = {
            "ruleId": d.code, "ruleIndex": index[d.code], "level": _LEVEL.get(d.severity, "note"),
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact(result.chart_dir, d.file),
                                                "region": _region(d.line, d.column, d.end_line, d.end_column)}}],
        }
        if d.related:
            item["relatedLocations"] = [
                {"id": i, "message": {"text": r.message},
                 "physicalLocation": {"artifactLocation": artifact(result.chart_dir, r.file),
                                      "region": _region(r.line, r.column)}}
                for i, r in enumerate(d.related)]
        results.append(item)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "chartlsp", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

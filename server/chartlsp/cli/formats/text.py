"""Compiler-style text: ``path:line:col: severity: message [code]``, related lines indented below."""

from __future__ import annotations

from . import Report, chart_path


def render(report: Report) -> str:
    lines: list[str] = []
    for result, d in report.findings():
        lines.append(f"{chart_path(result.chart_dir, d.file)}:{d.line}:{d.column}: {d.severity}: "
                     f"{d.message} [{d.code}]")
        for r in d.related:
            lines.append(f"  {chart_path(result.chart_dir, r.file)}:{r.line}:{r.column}: note: {r.message}")
    lines.append(report.summary_line())
    return "\n".join(lines) + "\n"

"""GitHub Actions workflow commands: one ``::error file=...::message`` annotation per finding.

Escaping follows the runner's rules: in the message ``%``, CR and LF are
percent-encoded; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from . import Report, chart_path

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines: list[str] = []
    for result, d in report.findings():
        props = {"file": chart_path(result.chart_dir, d.file), "line": d.line, "col": d.column,
                 "endLine": d.end_line, "endColumn": d.end_column, "title": d.code}
        if d.end_line != d.line:
            del props["endColumn"]  # GitHub ignores columns on multi-line spans
        message = d.message + "".join(
            f"\n{chart_path(result.chart_dir, r.file)}:{r.line}:{r.column}: {r.message}" for r in d.related)
        prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        lines.append(f"::{_LEVEL.get(d.severity, 'notice')} {prop_text}::{escape_data(message)}")
    lines.append(report.summary_line())
    return "\n".join(lines) + "\n"

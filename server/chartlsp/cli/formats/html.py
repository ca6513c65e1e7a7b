"""A self-contained HTML report (jinja2): each finding beside its template lines.

No external assets: styles are inline, so the file can be attached to a CI run
and opened anywhere. Source snippets come from ``CheckResult.texts``.
"""

from __future__ import annotations

import datetime
from typing import Any

import jinja2

from ... import __version__
from ...analysis.rules import rule
from . import Report, chart_path, counted

CONTEXT = 3  # lines shown before and after a finding
MAX_SPAN_LINES = 12  # a longer span is cut, the highlight continues past the cut
MAX_LINE_CHARS = 240


def _snippet(lines: list[str], line: int, col: int, end_line: int, end_col: int) -> list[dict[str, Any]]:
    """Lines around a 1-based span, each split into (before, highlighted, after)."""
    if not lines or line < 1:
        return []
    end_line = max(end_line, line)
    first = max(1, line - CONTEXT)
    last = min(len(lines), min(end_line, line + MAX_SPAN_LINES) + CONTEXT)
    out = []
    for n in range(first, last + 1):
        text = lines[n - 1]
        lo = hi = 0
        if line <= n <= end_line:
            lo = col - 1 if n == line else 0
            hi = end_col - 1 if n == end_line else len(text)
            if hi <= lo and n == line:  # empty span: mark one character (or the line end)
                hi = lo + 1
        lo, hi = min(lo, len(text)), min(hi, len(text))
        before, mark, after = text[:lo], text[lo:hi], text[hi:]
        if len(text) > MAX_LINE_CHARS:
            before = before[-MAX_LINE_CHARS // 2:]
            after = after[:MAX_LINE_CHARS // 2] + ("…" if len(after) > MAX_LINE_CHARS // 2 else "")
        out.append({"n": n, "before": before, "mark": mark, "after": after, "hit": line <= n <= end_line})
    return out


def _model(report: Report) -> dict[str, Any]:
    charts = []
    by_chart: dict[int, list] = {}
    for result, d in report.findings():
        by_chart.setdefault(id(result), []).append(d)
    for result in sorted(report.results, key=lambda r: r.chart_dir):
        split: dict[str, list[str]] = {}

        def lines_of(file: str) -> list[str]:
            if file not in split:
                split[file] = result.texts.get(file, "").split("\n") if file in result.texts else []
            return split[file]

        files: dict[str, list[dict[str, Any]]] = {}
        for d in by_chart.get(id(result), []):
            related = [{"where": f"{chart_path(result.chart_dir, r.file)}:{r.line}:{r.column}",
                        "message": r.message,
                        "snippet": _snippet(lines_of(r.file), r.line, r.column, r.line, r.column)}
                       for r in d.related]
            files.setdefault(d.file, []).append({
                "severity": d.severity, "code": d.code, "message": d.message, "line": d.line, "column": d.column,
                "where": f"{chart_path(result.chart_dir, d.file)}:{d.line}:{d.column}",
                "rule": rule(d.code).description,
                "snippet": _snippet(lines_of(d.file), d.line, d.column, d.end_line, d.end_column),
                "related": related})
        counts = {s: sum(1 for d in result.diagnostics if d.severity == s) for s in ("error", "warning", "info")}
        charts.append({"dir": result.chart_dir, "resources": result.resources, "counts": counts,
                       "files": sorted(files.items())})
    return {"charts": charts, "summary": report.summary(), "summary_line": report.summary_line(),
            "version": __version__,
            "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chartlsp check — {{ summary_line }}</title>
<style>
:root { --err:#c62828; --warn:#b26a00; --info:#1565c0; --bg:#f6f7f9; --card:#fff; --line:#e3e6ea;
        --muted:#5f6b7a; --mark:#ffe08a; --code:#fbfbfc; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       background:var(--bg); color:#1f2933; }
header { background:#1f2933; color:#fff; padding:20px 32px; }
header h1 { margin:0 0 4px; font-size:20px; font-weight:600; }
header .meta { color:#b8c2cc; font-size:12px; }
main { max-width:1100px; margin:0 auto; padding:24px 32px 48px; }
.counts { display:flex; gap:12px; margin:0 0 24px; flex-wrap:wrap; }
.count { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 16px; min-width:120px; }
.count b { display:block; font-size:22px; }
.count.error b { color:var(--err); } .count.warning b { color:var(--warn); } .count.info b { color:var(--info); }
section.chart { margin-bottom:32px; }
section.chart > h2 { font-size:17px; margin:0 0 4px; }
section.chart > .meta { color:var(--muted); font-size:12px; margin-bottom:12px; }
.clean { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px; color:#2e7d32; }
h3.file { font:600 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin:20px 0 8px; color:var(--muted); }
.finding { background:var(--card); border:1px solid var(--line); border-left:4px solid var(--info);
           border-radius:6px; margin:0 0 12px; overflow:hidden; }
.finding.error { border-left-color:var(--err); } .finding.warning { border-left-color:var(--warn); }
.finding .head { padding:10px 14px; display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; }
.badge { font-size:11px; font-weight:700; text-transform:uppercase; letter-spacing:.04em; padding:1px 7px;
         border-radius:10px; color:#fff; background:var(--info); }
.badge.error { background:var(--err); } .badge.warning { background:var(--warn); }
.msg { font-weight:600; flex:1 1 400px; }
.code a { font:12px ui-monospace, Menlo, Consolas, monospace; color:var(--muted); }
.where { font:12px ui-monospace, Menlo, Consolas, monospace; color:var(--muted); padding:0 14px 8px; }
table.src { width:100%; border-collapse:collapse; background:var(--code); border-top:1px solid var(--line);
            font:12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table.src td { padding:0 10px; white-space:pre; vertical-align:top; }
table.src td.n { width:1%; text-align:right; color:#9aa5b1; user-select:none; border-right:1px solid var(--line); }
table.src tr.hit td.n { color:#1f2933; font-weight:700; }
table.src tr.hit { background:#fff8e1; }
mark { background:var(--mark); border-bottom:2px solid var(--err); padding:0; }
.finding.warning mark { border-bottom-color:var(--warn); } .finding.info mark { border-bottom-color:var(--info); }
.related { padding:8px 14px 10px; border-top:1px dashed var(--line); }
.related summary { cursor:pointer; font-size:13px; }
.related summary code { color:var(--muted); }
.related table.src { margin-top:6px; border:1px solid var(--line); }
.rule { color:var(--muted); font-size:12px; padding:0 14px 10px; }
footer { color:var(--muted); font-size:12px; text-align:center; padding:0 0 24px; }
</style>
</head>
<body>
<header>
  <h1>chartlsp check</h1>
  <div class="meta">{{ summary_line }} · chartlsp {{ version }} · {{ generated }}</div>
</header>
<main>
<div class="counts">
  <div class="count error"><b>{{ summary.errors }}</b>errors</div>
  <div class="count warning"><b>{{ summary.warnings }}</b>warnings</div>
  <div class="count info"><b>{{ summary.infos }}</b>infos</div>
  <div class="count"><b>{{ summary.charts }}</b>charts</div>
  <div class="count"><b>{{ summary.resources }}</b>resources</div>
</div>
{% macro source(lines) -%}
{% if lines %}<table class="src">{% for l in lines %}<tr{% if l.hit %} class="hit"{% endif %}><td class="n">{{ l.n }}</td><td>{{ l.before }}{% if l.mark %}<mark>{{ l.mark }}</mark>{% endif %}{{ l.after }}</td></tr>{% endfor %}</table>{% endif %}
{%- endmacro %}
{% for chart in charts %}
{% set ci = loop.index %}
<section class="chart" id="chart-{{ ci }}">
  <h2>{{ chart.dir }}</h2>
  <div class="meta">{{ chart.counts.error|counted("error") }} · {{ chart.counts.warning|counted("warning") }} · {{ chart.counts.info|counted("info") }} · {{ chart.resources|counted("resource") }}</div>
  {% if not chart.files %}<div class="clean">No findings.</div>{% endif %}
  {% for file, findings in chart.files %}
  <h3 class="file">{{ file }}</h3>
  {% for f in findings %}
  <div class="finding {{ f.severity }}" id="c{{ ci }}-{{ file | replace('/', '-') }}-{{ f.line }}-{{ f.column }}-{{ loop.index }}">
    <div class="head"><span class="badge {{ f.severity }}">{{ f.severity }}</span>
      <span class="msg">{{ f.message }}</span>
      <span class="code" title="{{ f.rule }}">{{ f.code }}</span></div>
    <div class="where">{{ f.where }}</div>
    {{ source(f.snippet) }}
    {% for r in f.related %}
    <div class="related"><details><summary>{{ r.message }} — <code>{{ r.where }}</code></summary>{{ source(r.snippet) }}</details></div>
    {% endfor %}
  </div>
  {% endfor %}
  {% endfor %}
</section>
{% endfor %}
</main>
<footer>Generated by chartlsp {{ version }}.</footer>
</body>
</html>
"""


def render(report: Report) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["counted"] = counted
    return env.from_string(_TEMPLATE).render(_model(report))

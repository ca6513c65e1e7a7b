"""``chartlsp check`` output formats: one module each, all rendering the same :class:`Report`.

Paths: ``Diagnostic.file`` is relative to its chart root; :meth:`Report.path`
joins it with the chart directory as given or found, which is what a terminal,
GitHub annotations and SARIF (relative to the checkout) want.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from typing import Callable

from ...analysis.check import CheckResult
from ...analysis.diagnostics import Diagnostic

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Report:
    results: list[CheckResult]

    @property
    def multi(self) -> bool:
        return len(self.results) > 1

    def findings(self) -> list[tuple[CheckResult, Diagnostic]]:
        """Every diagnostic with its chart, ordered by chart, file, position."""
        out = [(r, d) for r in self.results for d in r.diagnostics]
        out.sort(key=lambda rd: (rd[0].chart_dir, rd[1].file, rd[1].line, rd[1].column,
                                 SEVERITY_ORDER.get(rd[1].severity, 3), rd[1].code))
        return out

    def counts(self) -> dict[str, int]:
        c = {"errors": 0, "warnings": 0, "infos": 0}
        for r in self.results:
            for d in r.diagnostics:
                key = {"error": "errors", "warning": "warnings"}.get(d.severity, "infos")
                c[key] += 1
        return c

    def summary(self) -> dict[str, int]:
        return {**self.counts(), "charts": len(self.results), "resources": sum(r.resources for r in self.results)}

    def summary_line(self) -> str:
        s = self.summary()
        n = counted
        return (f"{n(s['errors'], 'error')}, {n(s['warnings'], 'warning')}, {n(s['infos'], 'info')} "
                f"in {n(s['charts'], 'chart')} ({n(s['resources'], 'resource')})")


def counted(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def chart_path(chart_dir: str, file: str) -> str:
    """``chart_dir``/``file`` with forward slashes, ``./`` and ``..`` steps folded."""
    return posixpath.normpath(posixpath.join(chart_dir.replace(os.sep, "/"), file))


def _renderers() -> dict[str, Callable[[Report], str]]:
    from . import github, html, json_format, sarif, text
    return {"text": text.render, "json": json_format.render, "sarif": sarif.render,
            "github": github.render, "html": html.render}


FORMAT_NAMES = ("text", "json", "sarif", "github", "html")


def render(report: Report, fmt: str) -> str:
    return _renderers()[fmt](report)


__all__ = ["FORMAT_NAMES", "Report", "chart_path", "render"]

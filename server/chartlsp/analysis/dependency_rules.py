"""The ``missing-dependency`` rule: a dependency in Chart.yaml with no chart in ``charts/``.

``helm install``/``helm template`` refuse such a chart ("found in Chart.yaml,
but missing in charts/ directory"); the loader here still loads and renders
the rest, so every other feature keeps working while the author runs
``helm dependency build``. The finding sits on the dependency's ``name`` in
Chart.yaml, like Helm's ``CheckDependencies`` it matches by chart name.
"""

from __future__ import annotations

import os
from typing import Callable

from ..chart import Chart
from ..encoding import goyaml
from .diagnostics import Diagnostic


def _entries(text: str) -> list[tuple[str, goyaml.YNode]]:
    """(name, node to report at) of each ``dependencies`` item of a Chart.yaml text."""
    try:
        root = goyaml.compose(text)
    except goyaml.YAMLError:
        return []
    if root is None or root.kind != "map":
        return []
    out: list[tuple[str, goyaml.YNode]] = []
    for key, value in root.entries:
        if key.value != "dependencies" or value.kind != "seq":
            continue
        for item in value.items:
            if item.kind != "map":
                continue
            for k, v in item.entries:
                if k.value == "name" and isinstance(v.value, str):
                    out.append((v.value, v))
    return out


def missing_dependency_diagnostics(root: Chart, root_dir: str, read: Callable[[str], str | None]
                                   ) -> tuple[dict[str, str], list[Diagnostic]]:
    """Findings for every chart directory of the tree, with the Chart.yaml texts they point into."""
    texts: dict[str, str] = {}
    out: list[Diagnostic] = []

    def walk(c: Chart) -> None:
        if os.path.isdir(c.source):
            path = os.path.join(c.source, "Chart.yaml")
            text = read(path)
            if text is not None:
                present = {d.name for d in c.dependencies}
                rel = os.path.relpath(path, root_dir).replace(os.sep, "/")
                for name, node in _entries(text):
                    if name in present:
                        continue
                    texts[rel] = text
                    out.append(Diagnostic(
                        rel, node.pos, max(node.end, node.pos), "error", "missing-dependency",
                        f'dependency "{name}" is declared in Chart.yaml but missing from charts/; '
                        f'run "helm dependency build" in {_shown(c, root_dir)} to fetch it',
                        data={"dependency": name}))
        for d in c.dependencies:
            walk(d)
    walk(root)
    return texts, out


def _shown(c: Chart, root_dir: str) -> str:
    rel = os.path.relpath(c.source, root_dir).replace(os.sep, "/")
    return "the chart directory" if rel == "." else rel


__all__ = ["missing_dependency_diagnostics"]

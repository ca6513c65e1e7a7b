"""Real `helm template` output committed upstream (opentelemetry-helm-charts examples) is reproduced.

Each example was rendered with ``helm template example <chart> --namespace default
--values <example>/values.yaml --kube-version 1.29 --output-dir ...`` and then
stripped of trailing whitespace before each ``---`` and at the end.
"""

from __future__ import annotations

import re

import pytest

from chartlsp.render.manifest import sort_manifests

from .shared import CORPUS, needs_shared, render


def _examples() -> list[str]:
    if not CORPUS.exists():
        return ["none"]
    out = []
    for chart in sorted(CORPUS.glob("charts/opentelemetry-*/examples/*/rendered")):
        out.append(str(chart.parent.relative_to(CORPUS)))
    return out or ["none"]


def output_dir_files(files: dict[str, str]) -> dict[str, str]:
    """What ``--output-dir`` writes: each template's manifests (install order), then its hooks."""
    generic, hooks = sort_manifests({k: v for k, v in files.items() if not k.endswith("NOTES.txt")})
    out: dict[str, str] = {}
    for m in generic + hooks:
        out[m.path] = out.get(m.path, "") + f"---\n# Source: {m.path}\n{m.content}\n"
    return out


def strip_like_upstream(text: str) -> str:
    text = re.sub(r"[ \t\n]+(?=\n---\n)", "", text)
    return re.sub(r"[ \t\n]+\Z", "\n", text)


@needs_shared
@pytest.mark.parametrize("example", _examples())
def test_example(example: str) -> None:
    ex = CORPUS / example
    chart_dir = ex.parent.parent
    # An example with several values files is rendered once per file into the same directory.
    got: dict[str, str] = {}
    for values in sorted(ex.glob("*values.yaml")):
        result = render(chart_dir, [str(values)], release_name="example", namespace="default",
                        kube_version="1.29")
        assert result.first_error() is None, result.first_error()
        got.update(output_dir_files({k: f.output for k, f in result.files.items()}))
    root = result.chart.name
    mismatched = []
    for rendered in sorted((ex / "rendered").rglob("*.yaml")):
        rel = rendered.relative_to(ex / "rendered").as_posix()
        key = f"{root}/templates/{rel}"
        if key not in got:
            sub, _, rest = rel.partition("/")
            key = f"{root}/charts/{sub}/templates/{rest}"
        assert key in got, f"{rel}: not rendered by chartlsp"
        if strip_like_upstream(got[key]) != rendered.read_text():
            mismatched.append(rel)
    assert not mismatched

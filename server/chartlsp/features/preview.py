"""The render preview (command ``chartlsp.renderPreview``): the chart as ``helm install --dry-run --debug`` shows it.

``manifest`` is exactly what ``helm template`` (and ``chartlsp render``)
prints, so it can be diffed against Helm. ``documents`` holds each rendered
template file's raw output (the template the user is editing first, then
the rest in Helm's install order), then ``NOTES.txt`` and the ``COMPUTED
VALUES`` (as ``--debug`` prints them) as documents of their own, each with a
line source map so a client can jump from a rendered line to the template
line that produced it. Everything renders from the snapshot: open buffers
(templates, values files) win over disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..analysis.sourcemap import SourceMap
from ..analysis.workspace import ChartAnalysis
from ..chart import Chart, ChartError, prepare_values
from ..chart.values import merge_maps
from ..encoding import goyaml, yamlemit
from ..gotemplate.gotypes import GoError
from ..render.manifest import ManifestError, sort_manifests, template_output
from ..render.release import RenderOptions, RenderResult, render_chart

COMPUTED_VALUES = "COMPUTED VALUES"


@dataclass(frozen=True)
class LineOrigin:
    """Rendered line ``out_line`` (0-based) was produced at character ``offset`` of file ``path``."""

    out_line: int
    path: str  # absolute path of the template (the innermost one: a helper's line for included text)
    offset: int


@dataclass
class PreviewDocument:
    source: str  # Helm template name (<chart>/templates/x.yaml), or COMPUTED_VALUES
    kind: str  # "template" | "notes" | "values"
    text: str
    path: str | None = None  # absolute path of the source file, when it has one
    source_map: list[LineOrigin] = field(default_factory=list)


@dataclass
class Preview:
    manifest: str
    documents: list[PreviewDocument]
    error: str | None


def user_values(analysis: ChartAnalysis, files: list[str]) -> dict:
    """The ``-f`` files merged as Helm merges them, read from the snapshot. Raises :class:`ChartError`."""
    base: dict = {}
    for f in files:
        text = analysis.snapshot.read(f)
        if text is None:
            raise ChartError(f"open {f}: no such file or directory", file=f)
        try:
            current = goyaml.load_map(text)
        except Exception as e:
            raise ChartError(f"failed to parse {f}: {e}", file=f) from None
        base = merge_maps(base, current or {})
    return base


def computed_values(analysis: ChartAnalysis, files: list[str] | None = None) -> dict | None:
    """The coalesced ``.Values`` of the root chart (``files``: the settings' values files); None if unknown."""
    chart = analysis.chart
    if chart is None:
        return None
    try:
        _, vals, _ = prepare_values(chart, user_values(analysis, analysis.value_files() if files is None else files))
    except ChartError:
        return None
    return vals


def chart_values(root_values: dict, chart: Chart) -> dict | None:
    """The ``.Values`` a (sub)chart's templates see: the parent's section under each subchart name."""
    names: list[str] = []
    c: Chart | None = chart
    while c is not None and c.parent is not None:
        names.append(c.name)
        c = c.parent
    vals: object = root_values
    for n in reversed(names):
        vals = vals.get(n) if isinstance(vals, dict) else None
    return vals if isinstance(vals, dict) else None


def render_preview(analysis: ChartAnalysis, path: str, values_files: list[str] | None = None) -> Preview:
    """Render the chart holding ``path`` (``values_files`` instead of the settings' files when given)."""
    chart = analysis.chart
    if chart is None:
        err = analysis.load_error
        return Preview("", [], str(err) if err else "the chart could not be loaded")
    files = analysis.value_files() if values_files is None else [
        f if os.path.isabs(f) else os.path.join(analysis.dir, f) for f in values_files]
    try:
        user = user_values(analysis, files)
    except ChartError as e:
        return Preview("", [], str(e))
    options = RenderOptions(kube_version=analysis.snapshot.settings.kube_version, source_map=True)
    result = render_chart(chart, user, options)
    error = result.first_error()
    outputs = {n: f.output for n, f in result.files.items() if f.output is not None}
    manifest = ""
    try:
        manifests = {k: v for k, v in outputs.items() if not k.endswith("NOTES.txt")}
        manifest = template_output(manifests)
        order = [m.path for group in sort_manifests(manifests) for m in group]
    except ManifestError as e:
        error = error or str(e)
        order = sorted(outputs)
    docs = _documents(analysis, result, path, order)
    if result.values is not None and not result.error:
        docs.append(PreviewDocument(COMPUTED_VALUES, "values", _values_yaml(result.values)))
    return Preview(manifest, docs, error)


def _documents(analysis: ChartAnalysis, result: RenderResult, current: str, order: list[str]) -> list[PreviewDocument]:
    by_name = {tf.name: p for p, tf in analysis.templates.items()}
    texts = {tf.name: analysis.text(p) or "" for p, tf in analysis.templates.items()}
    current_name = analysis.templates[current].name if current in analysis.templates else None
    names = list(dict.fromkeys(n for n in order if n in result.files))  # a file with several documents once
    names += [n for n in sorted(result.files) if n not in names and result.files[n].output is not None
              and not n.endswith("NOTES.txt") and n.strip()]
    if current_name in names:
        names.remove(current_name)
        names.insert(0, current_name)
    notes = f"{result.chart.name}/templates/NOTES.txt"
    if notes in result.files and result.files[notes].output is not None:
        if notes in names:
            names.remove(notes)
        names.append(notes)
    out = []
    for name in names:
        f = result.files[name]
        if f.output is None or (f.output.strip() == "" and name != current_name):
            continue
        smap = _line_map(f.output, f.source_map or [], texts, by_name)
        out.append(PreviewDocument(name, "notes" if name == notes else "template", f.output, by_name.get(name), smap))
    return out


def _line_map(output: str, entries: list, texts: dict[str, str], paths: dict[str, str]) -> list[LineOrigin]:
    """For each rendered line with any mapped text, the template position of its first mapped character."""
    smap = SourceMap(entries, texts)
    out: list[LineOrigin] = []
    start = 0
    for i, line in enumerate(output.split("\n")):
        end = start + len(line)
        origin = None
        stripped = len(line) - len(line.lstrip(" "))
        for probe in (start + stripped, start):
            if probe < end:
                origin = smap.origin(probe, probe + 1)
                if origin is not None:
                    break
        if origin is not None and origin.file in paths:
            out.append(LineOrigin(i, paths[origin.file], origin.start))
        start = end + 1
    return out


def _values_yaml(values: dict) -> str:
    """The values as ``--debug``'s ``COMPUTED VALUES:`` section prints them (Helm's toYaml)."""
    try:
        return yamlemit.to_yaml(values)
    except GoError as e:
        return f"# values cannot be shown as YAML: {e}\n"


__all__ = ["COMPUTED_VALUES", "LineOrigin", "Preview", "PreviewDocument", "chart_values", "computed_values",
           "render_preview", "user_values"]

"""Completion in templates: ``.Values`` paths, built-in objects, variables, functions, define names.

The text before the cursor inside the current ``{{ … }}`` decides what is
completed (the file is usually unparsable while typing); the parsed tree up
to the cursor decides what ``.`` and ``$x`` hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.workspace import ChartAnalysis
from ..functions import all_functions
from ..gotemplate.builtins import BUILTINS
from .builtin_objects import OBJECTS
from .k8s_fields import complete_fields
from .scope import ROOT, UNKNOWN, Val, scope_at
from .values_tree import children, describe_value

_CHAIN = re.compile(r"(\$[A-Za-z0-9_]*)?((?:\.[A-Za-z0-9_-]*)+)\Z")
_WORD = re.compile(r"(\$?[A-Za-z0-9_]*)\Z")
_DEFINE_NAME = re.compile(r"\b(?:include|template)\s+\"([^\"]*)\Z")
_KEYWORDS = ("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue")
ENGINE_FUNCS = {
    "include": ("include NAME DATA", "Renders the named template with DATA and returns it as a string."),
    "tpl": ("tpl TEMPLATE DATA", "Renders the string TEMPLATE as a template with DATA (usually $)."),
}


@dataclass
class Completion:
    label: str
    kind: str  # "field" | "object" | "function" | "variable" | "define" | "keyword"
    detail: str = ""
    doc: str = ""
    start: int = 0  # the text [start, end) is replaced by ``label`` (or ``insert``/``snippet``)
    end: int = 0
    insert: str = ""  # plain text to insert when it differs from the label
    snippet: str = ""  # LSP snippet, for clients that support them


def action_start(text: str, offset: int) -> int | None:
    """Offset just after the ``{{`` of the action holding ``offset``, or None outside actions."""
    open_ = text.rfind("{{", 0, offset)
    if open_ < 0 or text.rfind("}}", open_, offset) >= 0:
        return None
    return open_ + 2


def complete(analysis: ChartAnalysis, path: str, text: str, offset: int) -> list[Completion]:
    """Completions at ``offset`` of template ``path`` whose current text is ``text``."""
    start = action_start(text, offset)
    if start is None:
        if path not in analysis.templates:
            return []
        return [Completion(f.label, f.kind, f.detail, f.doc, f.start, f.end, f.insert, f.snippet)
                for f in complete_fields(analysis, text, offset)]
    before = text[start:offset]
    end = offset
    while end < len(text) and (text[end].isalnum() or text[end] in "_-"):
        end += 1
    m = _DEFINE_NAME.search(before)
    if m:
        close = text.find('"', offset)
        stop = close if close >= 0 and "\n" not in text[offset:close] else offset
        return _defines(analysis, offset - len(m.group(1)), stop)
    tf = analysis.templates.get(path)
    tree = analysis.snapshot.cache.parse(tf.name if tf else path, text)
    scope = scope_at(tree, offset)
    m = _CHAIN.search(before)
    if m and not (m.group(1) is None and before[:m.start()].rstrip().endswith(("$", ")"))):
        segs = m.group(2).split(".")[1:]
        partial = segs.pop()
        if m.group(1):
            b = scope.vars.get(m.group(1))
            base = b.value if b is not None else UNKNOWN
        else:
            base = scope.dot
        for s in segs:
            base = base.field(s)
        return _fields(analysis, tf.chart if tf else analysis.chart, base, offset - len(partial), end)
    word = _WORD.search(before).group(1)
    wstart = offset - len(word)
    if word.startswith("$"):
        return [Completion(name, "variable", _describe(b.value), start=wstart, end=end)
                for name, b in sorted(scope.vars.items())]
    return _functions(wstart, end) + [Completion(k, "keyword", start=wstart, end=end) for k in _KEYWORDS]


def _describe(v: Val) -> str:
    if v.kind == "values":
        return ".Values" + "".join("." + p if p != "*" else "[*]" for p in v.path)
    return {"root": "the root context", "object": "." + ".".join(v.path)}.get(v.kind, "")


def _fields(analysis: ChartAnalysis, chart, base: Val, start: int, end: int) -> list[Completion]:
    if base.kind in ("root", "unknown"):
        return [Completion(name, "object", "." + name, doc, start, end) for name, (doc, _) in OBJECTS.items()]
    if base.kind == "object":
        obj = OBJECTS.get(base.path[0])
        if obj is None or len(base.path) != 1:
            return []
        return [Completion(name, "field", f".{base.path[0]}.{name}", doc, start, end)
                for name, doc in obj[1].items()]
    if chart is None:
        return []
    out: list[Completion] = []
    for name, info in children(analysis, chart, base.path).items():
        detail = ""
        if info.settings:
            kind, shown = describe_value(info.settings[-1].value)
            detail = f"{kind}: {shown}" if kind not in ("map", "list") else kind
        elif info.subchart:
            detail = f"subchart {info.subchart}"
        elif info.schemas:
            t = info.schemas[0].get("type")
            detail = t if isinstance(t, str) else "schema"
        doc = info.doc or info.description or ""
        out.append(Completion(name, "field", detail, doc, start, end))
    return out


def _functions(start: int, end: int) -> list[Completion]:
    table = {**BUILTINS, **all_functions()}
    out = [Completion(name, "function", f.signature, f.doc, start, end) for name, f in sorted(table.items())]
    out += [Completion(name, "function", sig, doc, start, end) for name, (sig, doc) in ENGINE_FUNCS.items()]
    return out


def _defines(analysis: ChartAnalysis, start: int, end: int) -> list[Completion]:
    out: list[Completion] = []
    for name, places in sorted(analysis.defines().items()):
        path, node = places[0]
        body = str(node.list or "").strip()
        out.append(Completion(name, "define", path.rsplit("/", 1)[-1],
                              body if len(body) < 400 else body[:400] + "…", start, end))
    return out


__all__ = ["Completion", "ENGINE_FUNCS", "ROOT", "action_start", "complete"]

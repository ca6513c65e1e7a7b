"""A rendered file as Helm splits it into YAML documents, each with its offset and positioned tree.

Validation findings must point into the rendered file, so the splitter keeps
the character offset of every document (Helm's ``releaseutil.SplitManifests``
throws them away) and :func:`node_at` maps a validator's instance path back to
the :class:`~chartlsp.encoding.goyaml.YNode` that holds the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..encoding.goyaml import DuplicateKey, RawDoc, YAMLError, YNode, compose, parse_raw
from ..render.manifest import go_trim_space
from .blockyaml import decode_block
from .plaindoc import PlainDoc

__all__ = ["Document", "split_documents", "parse_documents", "node_at", "key_at", "Duplicate"]

# releaseutil.SplitManifests splits on `(?:^|\s*\n)---\s*` (Go's ASCII \s; ^ only at the text start).
# Go's unicode.IsSpace set, which strings.TrimSpace strips.
_GO_SPACE_CHARS = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                  "\u2028\u2029\u202f\u205f\u3000"


@dataclass(eq=False)
class Document:
    """One document of a file: its trimmed text, where it starts in the file, its value or YAML error.

    ``value`` is what the API server's decoder (go-yaml v2, YAML 1.1) reads;
    ``raw`` gives node positions and duplicate keys, computed only when asked
    for since most documents have nothing to report. Positions are relative to
    ``text``: add ``start`` for file offsets and ``line`` (0-based file line of
    ``start``). ``root`` is the full :class:`~chartlsp.encoding.goyaml.YNode`
    tree (with comments), for editors.
    """

    index: int
    start: int
    text: str
    line: int = 0
    raw: RawDoc | None = None
    error: YAMLError | None = None
    _root: YNode | None = field(default=None, repr=False)

    @property
    def value(self) -> Any:
        return None if self.raw is None else self.raw.value

    @property
    def duplicates(self) -> list[Duplicate]:
        return [] if self.raw is None else self.raw.duplicates()

    @property
    def root(self) -> YNode | None:
        """The positioned tree (None when the document is empty, comment-only or not YAML)."""
        if self._root is None and self.error is None and self.value is not None:
            self._root = compose(self.text)
        return self._root


Duplicate = DuplicateKey  # a key set twice in one mapping (go-yaml v2 keeps the last; strict decoding rejects it)


def split_documents(text: str) -> list[tuple[int, str]]:
    """``(offset, document)`` pairs exactly as ``split_manifests`` yields the documents of ``text``."""
    lead = len(text) - len(text.lstrip(_GO_SPACE_CHARS))
    body = go_trim_space(text)
    out: list[tuple[int, str]] = []
    pos = 0
    for start, end in _separators(body):
        _piece(body, pos, start, lead, out)
        pos = end
    _piece(body, pos, len(body), lead, out)
    return out


def _separators(body: str) -> list[tuple[int, int]]:
    """The spans that separator regex matches, found in linear time.

    The regex retries ``[\t\n\f\r ]*\n`` at every blank of an indented file; here each
    ``\n---`` is found once and its match widened over the blanks around it.
    """
    spans: list[tuple[int, int]] = []
    last = 0
    if body.startswith("---"):
        last = _blanks_after(body, 3)
        spans.append((0, last))
    i = body.find("\n---", last)
    while i >= 0:
        start = i
        while start > last and body[start - 1] in _SEP_BLANKS:
            start -= 1
        last = _blanks_after(body, i + 4)
        spans.append((start, last))
        i = body.find("\n---", last)
    return spans


_SEP_BLANKS = frozenset("\t\n\f\r ")


def _blanks_after(body: str, i: int) -> int:
    n = len(body)
    while i < n and body[i] in _SEP_BLANKS:
        i += 1
    return i


def _piece(body: str, start: int, end: int, lead: int, out: list[tuple[int, str]]) -> None:
    """Append ``body[start:end]`` trimmed (Helm drops only pieces that are empty before trimming)."""
    if start == end:
        return
    raw = body[start:end]
    doc = go_trim_space(raw)
    offset = start + (len(raw) - len(raw.lstrip(_GO_SPACE_CHARS))) if doc else start
    out.append((lead + offset, doc))


def parse_documents(text: str) -> list[Document]:
    """Every document of ``text``, decoded (positions and duplicate keys come from ``Document.raw``)."""
    docs: list[Document] = []
    line = prev = 0
    for i, (start, doc) in enumerate(split_documents(text)):
        line += text.count("\n", prev, start)
        prev = start
        d = Document(i, start, doc, line)
        value = decode_block(doc)
        if value is not None:  # plain block YAML: no tags, anchors, merges or duplicate keys
            d.raw = PlainDoc(doc, value)
        else:
            try:
                d.raw = parse_raw(doc)
            except YAMLError as e:
                d.error = e
        docs.append(d)
    return docs


def _entry(node: YNode, key: str, depth: int = 0) -> tuple[YNode, YNode] | None:
    """The (key, value) nodes a decoder keeps for ``key``: the last occurrence, else through ``<<`` merges."""
    merges: list[YNode] = []
    for k, v in reversed(node.entries):
        if k.value == key and not (k.value == "<<" and k.style is None):
            return k, v
        if k.value == "<<" and k.style is None:
            merges.append(v)
    if depth < 32:
        for m in reversed(merges):
            for source in ([m] if m.entries or not m.items else m.items):
                found = _entry(source, key, depth + 1)
                if found is not None:
                    return found
    return None


def _walk(root: YNode, path: list) -> tuple[YNode | None, YNode]:
    """(key node of the last map step or None, deepest node reached) along ``path``."""
    key: YNode | None = None
    node = root
    for step in path:
        if isinstance(step, int):
            if step >= len(node.items):
                break
            key, node = None, node.items[step]
        else:
            pair = _entry(node, step)
            if pair is None:
                break
            key, node = pair
    return key, node


def node_at(root: YNode, path: list) -> YNode:
    """The node holding the value at instance ``path`` (the deepest existing ancestor if it is absent)."""
    return _walk(root, path)[1]


def key_at(root: YNode, path: list) -> YNode:
    """The key node naming the value at ``path`` (for a list item or the root: the node itself)."""
    key, node = _walk(root, path)
    return key if key is not None else node

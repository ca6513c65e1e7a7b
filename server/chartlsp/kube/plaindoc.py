"""Positions in a plain document (no tags, anchors, aliases, merges or duplicate keys) without a node tree.

A finding needs the span of one value, usually near the top (``apiVersion`` of a
resource without a schema), yet :class:`~chartlsp.encoding.goyaml.RawDoc`
builds the whole node tree for it. Here the parser's events are walked along
the path instead, stopping once the value's span is known; a document asked
for many positions gets its tree after all, since each walk starts over.
"""

from __future__ import annotations

from typing import Any

from yaml.events import MappingStartEvent, ScalarEvent, SequenceStartEvent

from ..encoding.goyaml import RawDoc, Span, _CParser, _event_parser

__all__ = ["PlainDoc"]

_WALKS = 2  # walks per document before building its tree


class PlainDoc(RawDoc):
    """A :class:`RawDoc` for a plain document: same spans, found by walking events."""

    __slots__ = ("_walks",)

    def __init__(self, text: str, value: Any) -> None:
        super().__init__(text, value, None, [], _CParser is not None)
        self._walks = 0

    def _walk(self) -> bool:
        if self._tree is not None or self._walks >= _WALKS:
            return False
        self._walks += 1
        return True

    def node_at(self, path: list) -> Span:
        if not self._walk():
            return super().node_at(path)
        return _Walker(self.text).walk(path)[1]

    def key_at(self, path: list) -> Span:
        if not self._walk():
            return super().key_at(path)
        key, node = _Walker(self.text).walk(path)
        return key if key is not None else node

    def first_key_at(self, path: list) -> Span:
        if not self._walk():
            return super().first_key_at(path)
        return _Walker(self.text).walk(path, first_key=True)[1]


class _Walker:
    """One pass over a document's events; spans follow ``_raw_span`` (a block collection ends with its last value)."""

    __slots__ = ("get",)

    def __init__(self, text: str) -> None:
        self.get = _event_parser(text).get_event
        self.get()  # StreamStart
        self.get()  # DocumentStart

    def walk(self, path: list, first_key: bool = False) -> tuple[Span | None, Span]:
        """(span of the key of the last mapping step or None, span of the deepest node reached).

        With ``first_key``, the second span is that node's first key when it is a non-empty mapping.
        """
        key: Span | None = None
        e = self.get()
        for step in path:
            cls = e.__class__
            if cls is MappingStartEvent and isinstance(step, str):
                k, nxt, whole = self.find_key(e, step, first_key)
            elif cls is SequenceStartEvent and isinstance(step, int):
                k, nxt, whole = self.find_item(e, step)
            else:
                break
            if nxt is None:  # the step is absent: the collection is the deepest node
                return key, whole
            key, e = k, nxt
        return key, self.span(e, first_key)

    def find_key(self, start: Any, name: str, first_key: bool) -> tuple[Span | None, Any, Span | None]:
        """(key span, value's start event, _) for ``name``; else (_, None, the mapping's span or first key)."""
        get = self.get
        last: Span | None = None
        first: Span | None = None
        while True:
            k = get()
            if k.__class__ is not ScalarEvent:  # MappingEnd
                return None, None, first if first_key and first is not None else _collection_span(start, k, last)
            ks = Span(k.start_mark.index, k.end_mark.index)
            if k.value == name:
                return ks, get(), ks
            if first is None:
                first = ks
            last = self.span(get())

    def find_item(self, start: Any, index: int) -> tuple[None, Any, Span | None]:
        """(None, the item's start event, _), or (None, None, the sequence's span) when it is shorter."""
        get = self.get
        last: Span | None = None
        i = 0
        while True:
            e = get()
            if e.__class__ not in _STARTS:
                return None, None, _collection_span(start, e, last)
            if i == index:
                return None, e, None
            last = self.span(e)
            i += 1

    def span(self, e: Any, first_key: bool = False) -> Span:
        """The span of the node starting with event ``e``, consuming its events."""
        cls = e.__class__
        if cls is ScalarEvent:
            return Span(e.start_mark.index, e.end_mark.index)
        get, span = self.get, self.span
        last: Span | None = None
        first: Span | None = None
        mapping = cls is MappingStartEvent
        while True:
            child = get()
            if child.__class__ not in _STARTS:
                if first_key and first is not None:
                    return first
                return _collection_span(e, child, last)
            if mapping:
                k = span(child)
                if first is None:
                    first = k
                child = get()
            last = span(child)


_STARTS = frozenset((ScalarEvent, MappingStartEvent, SequenceStartEvent))


def _collection_span(start: Any, end: Any, last: Span | None) -> Span:
    if last is None or start.flow_style:
        return Span(start.start_mark.index, end.end_mark.index)
    return Span(start.start_mark.index, last.end)

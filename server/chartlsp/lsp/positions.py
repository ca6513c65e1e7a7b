"""Character offsets (the core's unit) to LSP positions and back, in the negotiated encoding.

LSP lines end at ``\\n``, ``\\r\\n`` or ``\\r``; columns count UTF-16 or
UTF-8 code units (whatever the client and server agreed), so conversion
needs the text and the codec, and happens only here, at the protocol edge.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

_EOL = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line starts of one text, for converting in both directions."""

    def __init__(self, text: str, codec: PositionCodec) -> None:
        self.text = text
        self.codec = codec
        self.starts = [0] + [m.end() for m in _EOL.finditer(text)]

    def _line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1] - 1
            if end > self.starts[line] and self.text[end - 1:end + 1] == "\r\n":
                end -= 1
            return end
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self._line_end(line))
        return types.Position(line=line, character=self.codec.client_num_units(self.text[start:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, pos: types.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.text)
        start = self.starts[pos.line]
        end = self._line_end(pos.line)
        units = 0
        i = start
        while i < end and units < pos.character:
            units += self.codec.client_num_units(self.text[i])
            i += 1
        return i

"""Parse errors and Go-style source locations.

Go reports positions in bytes; the tree holds character offsets. These
helpers convert at the edge, where a message is formatted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ParseError:
    """One parse error: Go's message and where it is.

    ``line`` is the line Go prints (the line of the token the parser had last
    read, which for an unterminated raw string is the string's first line);
    ``pos``/``end`` cover the offending text for an editor.
    """

    message: str
    pos: int
    end: int
    line: int

    def go_string(self, name: str) -> str:
        """The error as Go's ``Template.Parse`` returns it."""
        return f"template: {name}:{self.line}: {self.message}"


def line_of(text: str, pos: int) -> int:
    """1-based line of character offset ``pos``."""
    return text.count("\n", 0, pos) + 1


def location(text: str, pos: int) -> tuple[int, int]:
    """(1-based line, 0-based byte column) of ``pos``, as Go's ``ErrorContext`` reports them."""
    start = text.rfind("\n", 0, pos) + 1
    seg = text[start:pos]
    col = len(seg) if seg.isascii() else len(seg.encode("utf-8", "surrogateescape"))
    return text.count("\n", 0, pos) + 1, col

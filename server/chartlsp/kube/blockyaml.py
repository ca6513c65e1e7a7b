"""A fast decoder for the plain block YAML that rendered manifests are made of.

libyaml is quick, but each of its events becomes a Python object, and that is
most of the cost of validating a chart (a CRD has tens of thousands of them).
This decoder reads whole lines instead: block mappings with simple or quoted
keys, block sequences (indented or not), plain and quoted scalars (over
several lines too), ``|``/``|-`` literals, ``{}``, ``[]``, one-line flow
sequences of simple scalars, and comments. Anything else (other flow
collections, folded scalars, tags, anchors, aliases, rare escapes, tabs,
duplicate or non-string keys, anything malformed) returns None, and the caller
takes the exact libyaml path. Scalars resolve through the same go-yaml v2
tables as that path, so both give the same value (tests/kube/test_blockyaml.py
compares them on generated documents).
"""

from __future__ import annotations

import re
from typing import Any

from ..encoding.goyaml import _HINT, _PLAIN_MEMO, _WORDS, _go_plain, _plain_value

__all__ = ["decode_block"]

# key, then ":" and either the end of the line or blanks and the value
_KEY = re.compile(r"""([A-Za-z0-9_$./][A-Za-z0-9_$./-]*|"[^"\\]*"|'(?:[^']|'')*'):(?: +(.*))?\Z""")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)" *\Z')
_SINGLE = re.compile(r"'((?:[^']|'')*)' *\Z")
# The last line of a quoted scalar: its text, then only blanks after the closing quote.
_DOUBLE_END = re.compile(r'((?:[^"\\]|\\.)*)" *\Z')
_DOUBLE_MIDDLE = re.compile(r'(?:[^"\\]|\\.)*\Z')  # no closing quote, no escaped line break
_SINGLE_END = re.compile(r"((?:[^']|'')*)' *\Z")
_SEQ_ITEM = re.compile(r"-(?: +|\Z)")


def _printable(text: str) -> bool:
    """No tab, CR, control character, odd line break or undecodable byte (Python's "printable" is stricter
    than libyaml's, which only sends a few more documents down the exact path)."""
    if text.isascii():  # the usual case, checked at C speed
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_CONTROLS)) == len(data)
    return text.replace("\n", "").isprintable()


_ASCII_CONTROLS = bytes(c for c in range(32) if c != 10) + b"\x7f"


# indentation, content, and for a line starting with a plain key: the key and what follows ": "
_LINE = re.compile(r"^( *)((?:([A-Za-z0-9_$./][A-Za-z0-9_$./-]*):(?: +|$))?(.*))$", re.M)


# Block collections nest only by moving right, so a column bound bounds the depth (and the
# recursion): deeper documents are not manifests, and parsers disagree on them (libyaml
# 0.2.6 stops at 1,000 levels), so they take the exact path.
_MAX_COLUMN = 200


class _Fallback(Exception):
    """The document is outside the subset: the exact decoder must read it."""


def decode_block(text: str) -> Any:
    """The value go-yaml reads from ``text`` (a trimmed, non-empty document), or None to fall back.

    None never stands for a null document: those always fall back.
    """
    if not _printable(text):
        return None
    # A document marker or directive can only start a line of column 0, where the
    # outermost block rejects it (it is no key, no item and no continuation).
    try:
        return _Decoder(_LINE.findall(text)).document()
    except (_Fallback, RecursionError):  # very deep nesting: the exact path says what go-yaml says
        return None


class _Decoder:
    """Recursive descent over the lines, as :data:`_LINE` splits them; ``i`` is the next line to read."""

    __slots__ = ("lines", "n", "i")

    def __init__(self, lines: list[tuple[str, str, str, str]]) -> None:
        self.lines = lines
        self.n = len(lines)
        self.i = 0

    def at(self, i: int) -> tuple[int, str]:
        """Line ``i``'s indentation and content."""
        line = self.lines[i]
        return len(line[0]), line[1]

    def next_content(self) -> int:
        """Skip blank and comment lines; the index of the next content line (``n`` at the end)."""
        lines, i, n = self.lines, self.i, self.n
        while i < n:
            rest = lines[i][1]
            if rest and rest[0] != "#":
                break
            i += 1
        self.i = i
        return i

    def document(self) -> Any:
        i = self.next_content()
        if i == self.n:
            raise _Fallback
        value = self.node(self.at(i)[0])
        if self.next_content() != self.n:
            raise _Fallback
        return value

    def node(self, indent: int) -> Any:
        """The collection starting at the current line, which is indented ``indent``."""
        if _SEQ_ITEM.match(self.lines[self.i][1]):
            return self.sequence(indent)
        return self.mapping(indent)

    def child(self, parent: int, in_mapping: bool) -> Any:
        """The value of a key or item with nothing after it: a deeper block, else null.

        A mapping value may also be a sequence on the key's own column.
        """
        i = self.next_content()
        if i == self.n:
            return None
        indent, rest = self.at(i)
        if indent > parent:
            if rest == "{}" or rest == "[]":  # an empty flow collection on a line of its own
                self.i = i + 1
                self.inline_done(parent)
                return {} if rest == "{}" else []
            return self.node(indent)
        if indent == parent and in_mapping and _SEQ_ITEM.match(rest):
            return self.sequence(indent)
        return None

    def mapping(self, indent: int) -> dict:
        if indent > _MAX_COLUMN:
            raise _Fallback
        out: dict = {}
        lines, n = self.lines, self.n
        key_match = _KEY.match
        i = self.i
        while i < n:
            sp, rest, token, v = lines[i]
            if not rest or rest[0] == "#":
                i += 1
                continue
            if len(sp) != indent:
                if len(sp) > indent:
                    raise _Fallback
                break
            if token:
                v = v or None
            else:  # a quoted key, or no key at all
                m = key_match(rest)
                if m is None:
                    raise _Fallback
                token, v = m.groups()
            key = _KEYS.get(token)
            if key is None:
                key = _key(token)
            if key in out:
                raise _Fallback  # duplicate: the exact path reports it
            i += 1
            if (v and v[0] not in _SPECIAL_FIRST and v[-1] not in _SPECIAL_LAST and ": " not in v
                    and " #" not in v):
                if i < n:
                    nsp, nrest = lines[i][:2]
                    simple = nrest and nrest[0] != "#" and len(nsp) <= indent
                else:
                    simple = True
                if simple:  # the usual one-line plain scalar (nothing blank, commented or deeper follows)
                    out[key] = v if v[0] not in _HINT else _plain(v)
                    continue
            if v is None:  # the usual nested block (else value() sorts it out)
                j = i
                while j < n and (not lines[j][1] or lines[j][1][0] == "#"):
                    j += 1
                if j < n:
                    deeper = len(lines[j][0])
                    if deeper > indent and lines[j][1][0] not in "{[":
                        self.i = j
                        out[key] = self.sequence(deeper) if _SEQ_ITEM.match(lines[j][1]) else self.mapping(deeper)
                        i = self.i
                        continue
                    if deeper == indent and _SEQ_ITEM.match(lines[j][1]):  # a sequence on the key's column
                        self.i = j
                        out[key] = self.sequence(deeper)
                        i = self.i
                        continue
            self.i = i
            out[key] = self.value(v or None, indent, True)
            i = self.i
        self.i = i
        return out

    def sequence(self, indent: int) -> list:
        if indent > _MAX_COLUMN:
            raise _Fallback
        out: list = []
        lines, n = self.lines, self.n
        i = self.i
        while i < n:
            sp, rest = lines[i][:2]
            if not rest or rest[0] == "#":
                i += 1
                continue
            if len(sp) != indent:
                if len(sp) > indent:
                    raise _Fallback
                break
            m = _SEQ_ITEM.match(rest)
            if m is None:
                break  # an indentless sequence ends at its mapping's next key
            item = rest[m.end():]
            if item and _KEY.match(item):  # a mapping starting on the item's line
                column = indent + m.end()
                lines[i] = (" " * column, item, "", item)
                self.i = i
                out.append(self.mapping(column))
            else:
                i += 1
                if (item and item[0] not in _SPECIAL_FIRST and item[-1] not in _SPECIAL_LAST
                        and ": " not in item and " #" not in item):
                    if i < n:
                        nsp, nrest = lines[i][:2]
                        simple = nrest and nrest[0] != "#" and len(nsp) <= indent
                    else:
                        simple = True
                    if simple:  # a one-line plain scalar, as in mapping()
                        out.append(item if item[0] not in _HINT else _plain(item))
                        continue
                if item[:1] == "-" and _SEQ_ITEM.match(item):
                    raise _Fallback
                self.i = i
                out.append(self.value(item or None, indent, False))
            i = self.i
        self.i = i
        return out

    def value(self, v: str | None, parent: int, in_mapping: bool) -> Any:
        """The value written after a key or dash on a line of the block indented ``parent``."""
        if v is None:
            return self.child(parent, in_mapping)
        c = v[0]
        if c == '"' or c == "'":
            m = (_DOUBLE if c == '"' else _SINGLE).match(v)
            s = m.group(1) if m is not None else self.quoted_lines(v, parent)
            self.inline_done(parent)
            if c == "'":
                return s.replace("''", "'")
            return _ESCAPE.sub(_unescape, s) if "\\" in s else s
        if c == "#":  # only a comment after the key or dash
            return self.child(parent, in_mapping)
        if c == "|":
            return self.literal(v, parent)
        if c in _INDICATORS or (c in "-?:" and (len(v) == 1 or v[1] == " ")):
            if c == "[" or c == "{":
                return self.flow(v, parent)
            raise _Fallback
        comment = " #" in v
        if comment:
            v = v[:v.index(" #")]
        v = v.rstrip(" ")
        if ": " in v or v[-1] == ":":
            raise _Fallback
        if comment:
            self.inline_done(parent)
        else:
            v = self.continued(v, parent)
        return _plain(v)

    def continued(self, first: str, parent: int) -> str:
        """A plain scalar with the lines that continue it (deeper than ``parent``), folded.

        Lines join with a space; each blank line in between becomes a line break instead.
        """
        n = self.n
        i = self.i
        parts = [first]
        breaks = 0
        while i < n:
            indent, rest = self.at(i)
            if not rest:
                breaks += 1
            elif indent <= parent or rest[0] == "#":
                break
            else:
                rest = rest.rstrip(" ")
                if ": " in rest or " #" in rest or rest[-1] == ":":
                    raise _Fallback
                parts.append("\n" * breaks if breaks else " ")
                parts.append(rest)
                breaks = 0
                self.i = i + 1
            i += 1
        self.inline_done(parent)  # if a comment ended the scalar, nothing deeper may follow
        return "".join(parts) if len(parts) > 1 else first

    def quoted_lines(self, first: str, parent: int) -> str:
        """The text of a quoted scalar spanning lines (deeper than ``parent``), folded; escapes kept.

        Blanks around each line break go; a break becomes a space, each blank line a line break.
        """
        single = first[0] == "'"
        closing = _SINGLE_END if single else _DOUBLE_END
        rest = first[1:].rstrip(" ")
        if not rest or _stray_quote(rest, single):
            raise _Fallback  # nothing on the first line (folding subtleties), or a malformed scalar
        parts = [rest]
        n = self.n
        breaks = 0
        i = self.i
        while i < n:
            indent, rest = self.at(i)
            i += 1
            if not rest:
                breaks += 1
                continue
            if indent <= parent:
                raise _Fallback
            parts.append("\n" * breaks if breaks else " ")
            breaks = 0
            m = closing.match(rest)
            if m is not None:
                if not m.group(1):
                    raise _Fallback
                parts.append(m.group(1))
                self.i = i
                return "".join(parts)
            if _stray_quote(rest, single):
                raise _Fallback
            parts.append(rest.rstrip(" "))
        raise _Fallback

    def flow(self, v: str, parent: int) -> Any:
        """``{}``, ``[]`` or a one-line flow sequence of simple scalars."""
        v = v.rstrip(" ")
        if v == "{}" or v == "[]":
            self.inline_done(parent)
            return {} if v == "{}" else []
        m = _FLOW_SEQ.match(v)
        if m is None:
            raise _Fallback
        self.inline_done(parent)
        out = []
        for item in _FLOW_ITEM.findall(v[1:-1]):
            c = item[0]
            out.append(item[1:-1] if c == '"' else item[1:-1].replace("''", "'") if c == "'" else _plain(item))
        return out

    def inline_done(self, parent: int) -> None:
        """After a one-line scalar no deeper line may follow (it would continue the scalar)."""
        i = self.next_content()
        if i < self.n and self.at(i)[0] > parent:
            raise _Fallback

    def literal(self, header: str, parent: int) -> str:
        """A ``|`` or ``|-`` block scalar whose header is on a line of the block indented ``parent``."""
        if header != "|" and header != "|-":
            raise _Fallback
        lines, n = self.lines, self.n
        i = self.i
        if i == n:
            raise _Fallback
        indent, rest = self.at(i)
        if not rest or indent <= parent:  # leading blank lines or an empty scalar: rare, subtle
            raise _Fallback
        out: list[str] = []
        last = i  # the last line with content
        while i < n:
            sp, rest = lines[i][:2]
            if rest:
                if len(sp) < indent:
                    break
                out.append(sp[indent:] + rest)
                last = i
            elif len(sp) > indent:  # blank line of spaces beyond the indentation
                raise _Fallback
            else:
                out.append("")
            i += 1
        del out[last - self.i + 1:]
        self.i = last + 1
        text = "\n".join(out)
        return text + "\n" if header == "|" and last + 1 < n else text


_INDICATORS = frozenset("[]{},#&*!|>'\"%@`")
_SPECIAL_FIRST = _INDICATORS | frozenset("-?:")
_SPECIAL_LAST = frozenset(" :")
_KEYS: dict[str, str] = {}  # key token -> key, for tokens known to be string keys
_FLOW_SCALAR = r"""(?:"[^"\\,]*"|'[^',]*'|[A-Za-z0-9_./][A-Za-z0-9_./-]*)"""
_FLOW_SEQ = re.compile(rf"\[ *{_FLOW_SCALAR}(?: *, *{_FLOW_SCALAR})* *\]\Z")
_FLOW_ITEM = re.compile(_FLOW_SCALAR)


def _stray_quote(text: str, single: bool) -> bool:
    """Whether a line inside a quoted scalar would end it (or ends with an escaped line break)."""
    if single:
        return "'" in text.replace("''", "")
    return _DOUBLE_MIDDLE.match(text) is None or text.rstrip(" ").endswith("\\")


# Escapes every libyaml version reads alike; others (and bad ones) fall back.
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _unescape(m: re.Match) -> str:
    code = m.group(1)
    if len(code) > 1:
        cp = int(code[1:], 16)
        if 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
            raise _Fallback
        return chr(cp)
    try:
        return _ESCAPES[code]
    except KeyError:
        raise _Fallback from None


def _plain(v: str) -> Any:
    """A plain scalar's value, memoized (rendered manifests repeat the same few)."""
    if v[0] not in _HINT:  # no bool, number or null starts so
        return v
    try:
        return _PLAIN_MEMO[v]
    except KeyError:
        r = _plain_value(v)
        if len(_PLAIN_MEMO) < 4096:
            _PLAIN_MEMO[v] = r
        return r


def _key(token: str) -> str:
    """A key token as a string key; quoted keys are taken literally, plain ones must resolve to strings."""
    c = token[0]
    if c == '"':
        k = token[1:-1]
    elif c == "'":
        k = token[1:-1].replace("''", "'")
    elif token in _WORDS or token == "<<" or _go_plain(token).__class__ is not str:
        raise _Fallback  # a key go-yaml reads as a bool, number or null, or a merge
    else:
        k = token
    if len(_KEYS) < 16384:
        _KEYS[token] = k
    return k

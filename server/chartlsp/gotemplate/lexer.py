"""Tokens of a Go template, exactly as ``text/template/parse/lex.go`` emits them.

The lexer is pulled one item at a time by the parser (as in Go ≥ 1.20), so
the parser's one-token-at-a-time error lines match Go's. Items are plain
tuples ``(typ, pos, end, val, line)`` for speed: ``pos``/``end`` are character
offsets of the item's text, ``line`` is Go's 1-based line of its start.

Unlike Go, the lexer can resume after an error (:meth:`Lexer.resync`), so an
editor still gets the rest of a half-typed file.
"""

from __future__ import annotations

import re
import unicodedata

# Item types, in Go's order (keywords after KEYWORD).
ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, \
    LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, \
    TEXT, VARIABLE, KEYWORD, BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, \
    TEMPLATE, WITH = range(35)

ITEM_NAMES = {
    ERROR: "error", BOOL: "bool", CHAR: "char", CHAR_CONSTANT: "charconst", COMMENT: "comment",
    COMPLEX: "complex", ASSIGN: "=", DECLARE: ":=", EOF: "EOF", FIELD: "field",
    IDENTIFIER: "identifier", LEFT_DELIM: "left delim", LEFT_PAREN: "(", NUMBER: "number",
    PIPE: "pipe", RAW_STRING: "raw string", RIGHT_DELIM: "right delim", RIGHT_PAREN: ")",
    SPACE: "space", STRING: "string", TEXT: "text", VARIABLE: "variable", DOT: ".",
    BLOCK: "block", BREAK: "break", CONTINUE: "continue", DEFINE: "define", ELSE: "else",
    IF: "if", END: "end", NIL: "nil", RANGE: "range", TEMPLATE: "template", WITH: "with",
}

KEYWORDS = {
    ".": DOT, "block": BLOCK, "break": BREAK, "continue": CONTINUE, "define": DEFINE,
    "else": ELSE, "end": END, "if": IF, "range": RANGE, "nil": NIL, "template": TEMPLATE,
    "with": WITH,
}

_SPACES = " \t\r\n"
_TERMINATORS = frozenset(" \t\r\n.,|:)(")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]*")
_QUOTED = re.compile(r'(?:[^"\\\n]|\\[^\n])*"')
_CHAR_CONST = re.compile(r"(?:[^'\\\n]|\\[^\n])*'")


def is_alphanumeric(c: str) -> bool:
    """Go's ``isAlphaNumeric``: ``_``, a Unicode letter (L*) or decimal digit (Nd)."""
    if c < "\x80":
        return c == "_" or c.isalnum()
    return unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd"


def go_rune(c: str) -> int:
    """The rune Go decodes for ``c``; an undecodable byte (surrogate escape) is U+FFFD."""
    o = ord(c)
    return 0xFFFD if 0xDC80 <= o <= 0xDCFF else o


def format_rune(c: str) -> str:
    """Go's ``%#U``: ``U+0023 '#'`` (the quoted char only when printable)."""
    r = go_rune(c)
    s = f"U+{r:04X}"
    ch = chr(r)
    if ch == " " or (ch.isprintable() and unicodedata.category(ch)[0] in "LMNPS"):
        s += f" '{ch}'"
    return s


class Lexer:
    """Go's template lexer for the default ``{{ }}`` delimiters."""

    __slots__ = ("text", "n", "pos", "start", "line", "start_line", "inside", "paren_depth",
                 "break_ok", "continue_ok", "dead", "last_error")

    def __init__(self, text: str, break_ok: bool = True, continue_ok: bool = True):
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.start = 0
        self.line = 1
        self.start_line = 1
        self.inside = False
        self.paren_depth = 0
        self.break_ok = break_ok
        self.continue_ok = continue_ok
        self.dead = False  # after an error, as Go: only EOF until resync()
        self.last_error: tuple = (ERROR, 0, 0, "", 1)

    # -- helpers ---------------------------------------------------------

    def _item(self, typ: int) -> tuple:
        """Emit text[start:pos] as ``typ`` (Go's ``thisItem``)."""
        start, pos = self.start, self.pos
        item = (typ, start, pos, self.text[start:pos], self.start_line)
        self.start = pos
        self.start_line = self.line
        return item

    def _ignore(self) -> None:
        self.line += self.text.count("\n", self.start, self.pos)
        self.start = self.pos
        self.start_line = self.line

    def _error(self, msg: str) -> tuple:
        self.dead = True
        self.last_error = (ERROR, self.start, max(self.pos, self.start), msg, self.start_line)
        return self.last_error

    def _at_right_delim(self) -> tuple[bool, bool]:
        """(at ``}}``, preceded by a `` -`` trim marker)."""
        t, p = self.text, self.pos
        if t.startswith("}}", p):
            return True, False
        if p + 1 < self.n and t[p] in _SPACES and t[p + 1] == "-" and t.startswith("}}", p + 2):
            return True, True
        return False, False

    def _at_terminator(self) -> bool:
        p = self.pos
        if p >= self.n:
            return True
        c = self.text[p]
        return c in _TERMINATORS or self.text.startswith("}}", p)

    def _scan_word(self) -> None:
        """Advance over alphanumerics (fast ASCII run, exact Unicode fallback)."""
        t = self.text
        p = _ASCII_WORD.match(t, self.pos).end()
        while p < self.n and t[p] >= "\x80" and is_alphanumeric(t[p]):
            p = _ASCII_WORD.match(t, p + 1).end()
        self.pos = p

    # -- main entry --------------------------------------------------------

    def next_item(self) -> tuple:
        """The next item; EOF (repeatedly) at the end or after an error."""
        if self.dead:
            return (EOF, self.n, self.n, "", self.start_line)
        if self.inside:
            return self._lex_action()
        return self._lex_text()

    def _lex_text(self) -> tuple:
        t = self.text
        x = t.find("{{", self.pos)
        if x < 0:
            self.pos = self.n
            if self.pos > self.start:
                self.line += t.count("\n", self.start, self.pos)
                return self._item(TEXT)
            return self._item(EOF)
        if x > self.pos:
            trim = 0
            if x + 3 < self.n and t[x + 2] == "-" and t[x + 3] in _SPACES:
                trim = (x - self.start) - len(t[self.start:x].rstrip(_SPACES))
            self.pos = x - trim
            self.line += t.count("\n", self.start, self.pos)
            item = self._item(TEXT)
            self.pos = x
            self._ignore()
            if item[3]:
                return item
        return self._lex_left_delim()

    def _lex_left_delim(self) -> tuple:
        t = self.text
        self.pos += 2
        p = self.pos
        after = 2 if (p + 1 < self.n and t[p] == "-" and t[p + 1] in _SPACES) else 0
        if t.startswith("/*", p + after):
            self.pos += after
            self._ignore()
            return self._lex_comment()
        item = self._item(LEFT_DELIM)
        self.inside = True
        self.pos += after
        self._ignore()
        self.paren_depth = 0
        return item

    def _lex_comment(self) -> tuple:
        t = self.text
        self.pos += 2
        x = t.find("*/", self.pos)
        if x < 0:
            return self._error("unclosed comment")
        self.pos = x + 2
        delim, trim = self._at_right_delim()
        if not delim:
            return self._error("comment ends before closing delimiter")
        self.line += t.count("\n", self.start, self.pos)
        item = self._item(COMMENT)
        if trim:
            self.pos += 2
        self.pos += 2
        if trim:
            m = _SPACE_RUN.match(t, self.pos)
            if m:
                self.pos = m.end()
        self._ignore()
        return item

    def _lex_right_delim(self, trim: bool) -> tuple:
        t = self.text
        if trim:
            self.pos += 2
            self._ignore()
        self.pos += 2
        item = self._item(RIGHT_DELIM)
        if trim:
            m = _SPACE_RUN.match(t, self.pos)
            if m:
                self.pos = m.end()
            self._ignore()
        self.inside = False
        return item

    def _lex_action(self) -> tuple:
        delim, trim = self._at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self._lex_right_delim(trim)
            return self._error("unclosed left paren")
        t = self.text
        p = self.pos
        if p >= self.n:
            return self._error("unclosed action")
        c = t[p]
        if c in _SPACES:
            return self._lex_space()
        self.pos = p + 1
        if c == "=":
            return self._item(ASSIGN)
        if c == ":":
            if p + 1 < self.n and t[p + 1] == "=":
                self.pos = p + 2
                return self._item(DECLARE)
            return self._error("expected :=")
        if c == "|":
            return self._item(PIPE)
        if c == '"':
            m = _QUOTED.match(t, p + 1)
            if m is None:
                return self._error("unterminated quoted string")
            self.pos = m.end()
            return self._item(STRING)
        if c == "`":
            x = t.find("`", p + 1)
            if x < 0:
                return self._error("unterminated raw quoted string")
            self.pos = x + 1
            self.line += t.count("\n", p, self.pos)
            return self._item(RAW_STRING)
        if c == "$":
            if self._at_terminator():
                return self._item(VARIABLE)
            return self._lex_field_or_variable(VARIABLE)
        if c == "'":
            m = _CHAR_CONST.match(t, p + 1)
            if m is None:
                return self._error("unterminated character constant")
            self.pos = m.end()
            return self._item(CHAR_CONSTANT)
        if c == ".":
            if p + 1 < self.n and not ("0" <= t[p + 1] <= "9"):
                return self._lex_field_or_variable(FIELD)
            self.pos = p
            return self._lex_number()
        if c == "+" or c == "-" or "0" <= c <= "9":
            self.pos = p
            return self._lex_number()
        if is_alphanumeric(c):
            self.pos = p
            return self._lex_identifier()
        if c == "(":
            self.paren_depth += 1
            return self._item(LEFT_PAREN)
        if c == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                return self._error("unexpected right paren")
            return self._item(RIGHT_PAREN)
        if c < "\x7f" and c >= " ":
            return self._item(CHAR)
        return self._error("unrecognized character in action: " + format_rune(c))

    def _lex_space(self) -> tuple:
        t = self.text
        end = _SPACE_RUN.match(t, self.pos).end()
        num = end - self.pos
        self.line += t.count("\n", self.pos, end)
        self.pos = end
        # A trim-marked right delimiter starts with a space: leave it for the delimiter.
        if t.startswith("-}}", end):
            self.pos = end - 1
            if t[end - 1] == "\n":
                self.line -= 1
            if num == 1:
                return self._lex_right_delim(True)
        return self._item(SPACE)

    def _lex_identifier(self) -> tuple:
        self._scan_word()
        if not self._at_terminator():
            return self._error("bad character " + format_rune(self.text[self.pos]))
        word = self.text[self.start:self.pos]
        kw = KEYWORDS.get(word)
        if kw is not None:
            if (kw == BREAK and not self.break_ok) or (kw == CONTINUE and not self.continue_ok):
                return self._item(IDENTIFIER)
            return self._item(kw)
        if word == "true" or word == "false":
            return self._item(BOOL)
        return self._item(IDENTIFIER)

    def _lex_field_or_variable(self, typ: int) -> tuple:
        if self._at_terminator():
            return self._item(VARIABLE if typ == VARIABLE else DOT)
        self._scan_word()
        if not self._at_terminator():
            return self._error("bad character " + format_rune(self.text[self.pos]))
        return self._item(typ)

    def _lex_number(self) -> tuple:
        if not self._scan_number():
            return self._error("bad number syntax: " + _quote_plain(self.text[self.start:self.pos]))
        p = self.pos
        if p < self.n and self.text[p] in "+-":
            if not self._scan_number() or self.text[self.pos - 1] != "i":
                return self._error("bad number syntax: " + _quote_plain(self.text[self.start:self.pos]))
            return self._item(COMPLEX)
        return self._item(NUMBER)

    def _scan_number(self) -> bool:
        t, n = self.text, self.n
        p = self.pos
        if p < n and t[p] in "+-":
            p += 1
        digits = "0123456789_"
        if p < n and t[p] == "0":
            p += 1
            if p < n and t[p] in "xX":
                p += 1
                digits = "0123456789abcdefABCDEF_"
            elif p < n and t[p] in "oO":
                p += 1
                digits = "01234567_"
            elif p < n and t[p] in "bB":
                p += 1
                digits = "01_"
        while p < n and t[p] in digits:
            p += 1
        if p < n and t[p] == ".":
            p += 1
            while p < n and t[p] in digits:
                p += 1
        if len(digits) == 11 and p < n and t[p] in "eE":
            p += 1
            if p < n and t[p] in "+-":
                p += 1
            while p < n and t[p] in "0123456789_":
                p += 1
        if len(digits) == 23 and p < n and t[p] in "pP":
            p += 1
            if p < n and t[p] in "+-":
                p += 1
            while p < n and t[p] in "0123456789_":
                p += 1
        if p < n and t[p] == "i":
            p += 1
        if p < n and is_alphanumeric(t[p]):
            self.pos = p + 1
            return False
        self.pos = p
        return True

    def skip_action(self, end: int, trim: bool, line: int) -> None:
        """Resume lexing text at ``end``, just past a ``}}`` on ``line`` the parser consumed itself.

        The parser's fast path reads whole actions with one regex; this puts
        the lexer where lexing that action token by token would have left it.
        """
        if trim:
            m = _SPACE_RUN.match(self.text, end)
            if m:
                line += self.text.count("\n", end, m.end())
                end = m.end()
        self.pos = self.start = end
        self.line = self.start_line = line
        self.inside = False
        self.paren_depth = 0

    def enter_action(self, pos: int, line: int) -> None:
        """Resume lexing inside an action at ``pos`` on ``line``, just past a keyword the parser read itself.

        Leaves the lexer as lexing up to that keyword token by token would
        (the parser's fast path reads ``{{else if`` up to the ``if`` at once).
        """
        self.pos = self.start = pos
        self.line = self.start_line = line
        self.inside = True
        self.paren_depth = 0

    # -- error recovery (not in Go) ------------------------------------------

    def resync(self, pos: int, line: int, inside_from: int | None = None) -> None:
        """Resume lexing text at ``pos`` (known to be on ``line``).

        With ``inside_from`` (the start of a broken action), instead skip to
        just after the action's end: the next ``}}``, unless a ``{{`` comes
        first (the action was never closed: resume at the new one).
        """
        t = self.text
        if inside_from is not None:
            close = t.find("}}", inside_from)
            reopen = t.find("{{", inside_from)
            if close < 0 and reopen < 0:
                target = self.n
            elif close < 0 or (0 <= reopen < close):
                target = reopen
            else:
                target = close + 2
                if close >= 2 and t[close - 1] == "-" and t[close - 2] in _SPACES:
                    m = _SPACE_RUN.match(t, target)
                    if m:
                        target = m.end()
            if target >= pos:
                line += t.count("\n", pos, target)
            else:
                line -= t.count("\n", target, pos)
            pos = target
        self.pos = self.start = pos
        self.line = self.start_line = line
        self.inside = False
        self.dead = False
        self.paren_depth = 0


# -- literal values (strconv as the parser uses it) ---------------------------

_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def unquote_char(s: str, i: int, quote: str) -> tuple[int, bool, int]:
    """Go's ``strconv.UnquoteChar`` at ``s[i]``: (value, multibyte, next index).

    A value that is not multibyte is a single byte (``\\x80``, ``\\377``).
    Raises ValueError("invalid syntax") as Go returns ``ErrSyntax``.
    """
    n = len(s)
    if i >= n:
        raise ValueError("invalid syntax")
    c = s[i]
    if c == quote:
        raise ValueError("invalid syntax")
    if c >= "\x80":
        return go_rune(c), True, i + 1
    if c != "\\":
        return ord(c), False, i + 1
    if i + 1 >= n:
        raise ValueError("invalid syntax")
    c = s[i + 1]
    i += 2
    if c in _ESCAPES:
        return _ESCAPES[c], False, i
    if c in "xuU":
        width = 2 if c == "x" else 4 if c == "u" else 8
        digits = s[i:i + width]
        if len(digits) < width or any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise ValueError("invalid syntax")
        v = int(digits, 16)
        if c == "x":
            return v, False, i + width
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise ValueError("invalid syntax")
        return v, True, i + width
    if "0" <= c <= "7":
        digits = s[i:i + 2]
        if len(digits) < 2 or any(not "0" <= d <= "7" for d in digits):
            raise ValueError("invalid syntax")
        v = int(c + digits, 8)
        if v > 255:
            raise ValueError("invalid syntax")
        return v, False, i + 2
    if c in "'\"" and c == quote:
        return ord(c), False, i
    raise ValueError("invalid syntax")


def unquote(s: str) -> str:
    """Go's ``strconv.Unquote`` of a string token; bytes that are not UTF-8 ride as surrogate escapes."""
    if len(s) < 2 or s[0] != s[-1]:
        raise ValueError("invalid syntax")
    q = s[0]
    if q == "`":
        body = s[1:-1]
        if "`" in body:
            raise ValueError("invalid syntax")
        return body.replace("\r", "") if "\r" in body else body
    if q != '"':
        raise ValueError("invalid syntax")
    body = s[1:-1]
    if "\\" not in body and '"' not in body and "\n" not in body and not _has_bad_bytes(body):
        return body
    out = bytearray()
    i, n = 1, len(s) - 1
    while i < n:
        if s[i] == "\n":
            raise ValueError("invalid syntax")
        v, multibyte, i = unquote_char(s, i, '"')
        if v < 0x80 or not multibyte:
            out.append(v)
        else:
            out += chr(v).encode("utf-8")
    if i != n:
        raise ValueError("invalid syntax")
    return out.decode("utf-8", "surrogateescape")


def _has_bad_bytes(s: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in s) if not s.isascii() else False


def _underscore_ok(s: str) -> bool:
    """Go's ``underscoreOK``: ``_`` only between digits (or after a base prefix)."""
    saw = "^"
    i = 0
    if s[:1] in ("-", "+"):
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1] in "bBoOxX":
        i, saw, hexa = 2, "0", s[1] in "xX"
    for c in s[i:]:
        if "0" <= c <= "9" or (hexa and c in "abcdefABCDEF"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def parse_uint(s: str) -> int | None:
    """``strconv.ParseUint(s, 0, 64)``; None on any error."""
    if not s or not s.isascii():
        return None
    s0 = s
    base = 10
    if s[0] == "0":
        if len(s) >= 3 and s[1] in "bBoOxX":
            base = {"b": 2, "o": 8, "x": 16}[s[1].lower()]
            s = s[2:]
        else:
            base, s = 8, s[1:]
    n = 0
    underscores = False
    for c in s:
        if c == "_":
            underscores = True
            continue
        d = int(c, 36) if c.isalnum() else 99
        if d >= base:
            return None
        n = n * base + d
    if underscores and not _underscore_ok(s0):
        return None
    return n if n < 1 << 64 else None


def parse_int(s: str) -> int | None:
    """``strconv.ParseInt(s, 0, 64)``; None on any error."""
    neg = s[:1] == "-"
    u = parse_uint(s[1:] if s[:1] in ("+", "-") else s)
    if u is None:
        return None
    if neg:
        return -u if u <= 1 << 63 else None
    return u if u < 1 << 63 else None


_HEX = "0123456789abcdefABCDEF"


def parse_float(s: str) -> float | None:
    """``strconv.ParseFloat(s, 64)`` for number tokens (Go literal syntax); None on error or overflow."""
    i, n = 0, len(s)
    if i < n and s[i] in "+-":
        i += 1
    hexa = i + 2 < n and s[i] == "0" and s[i + 1] in "xX"
    if hexa:
        i += 2
    digits = _HEX if hexa else "0123456789"
    saw_digits = saw_dot = False
    while i < n:
        c = s[i]
        if c == "_":
            pass
        elif c == ".":
            if saw_dot:
                break
            saw_dot = True
        elif c in digits:
            saw_digits = True
        else:
            break
        i += 1
    if not saw_digits:
        return None
    if i < n and s[i] in ("pP" if hexa else "eE"):
        i += 1
        if i < n and s[i] in "+-":
            i += 1
        if i >= n or not "0" <= s[i] <= "9":
            return None
        while i < n and ("0" <= s[i] <= "9" or s[i] == "_"):
            i += 1
    elif hexa:
        return None
    if i != n or ("_" in s and not _underscore_ok(s)):
        return None
    clean = s.replace("_", "")
    try:
        f = float.fromhex(clean) if hexa else float(clean)
    except (ValueError, OverflowError):
        return None
    return None if f in (float("inf"), float("-inf")) else f


def _quote_plain(s: str) -> str:
    """``%q`` of number text: digits, letters and ``+-._`` need no escaping."""
    return '"' + s + '"'


def lex(text: str) -> list[tuple]:
    """All items up to and including EOF or the first error (as Go's tests collect them)."""
    lx = Lexer(text)
    out = []
    while True:
        item = lx.next_item()
        out.append(item)
        if item[0] == EOF or item[0] == ERROR:
            return out

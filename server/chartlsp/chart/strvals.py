"""Helm's ``--set`` family parsers (``pkg/strvals``), error messages included.

One scanner serves ``--set`` (typed values), ``--set-string``, ``--set-file``
(the value names a file), ``--set-json`` (JSON values) and ``--set-literal``
(the rest of the line is the value, no escapes or lists).
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from ..gotemplate.gotypes import Int64, type_name

MAX_INDEX = 65536
MAX_NESTED_NAME_LEVEL = 30
_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000"


class StrvalsError(Exception):
    """A parse error with Helm's message."""


class _EOF(Exception):
    """Go's io.EOF travelling up the parser."""


class _Panic(Exception):
    """A Go runtime panic (failed type assertion), recovered by ``key``."""


def typed_val(val: str, as_string: bool = False) -> Any:
    """``--set`` typing: bools, null, int64 (no leading 0), else the string."""
    if as_string:
        return val
    low = val.lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if low == "null":
        return None
    if val == "0":
        return Int64(0)
    if val and val[0] != "0" and _INT_RE.match(val):
        n = int(val)
        if -(1 << 63) <= n < (1 << 63):
            return Int64(n)
    return val


def _assert(v: Any, want: type, go_want: str) -> Any:
    if type(v) is not want:
        got = "nil" if v is None else type_name(v)
        raise _Panic(f"interface conversion: interface {{}} is {got}, not {go_want}")
    return v


def _atoi(s: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", s):
        raise StrvalsError(f'strconv.Atoi: parsing "{s}": invalid syntax')
    n = int(s)
    if not -(1 << 63) <= n < (1 << 63):
        raise StrvalsError(f'strconv.Atoi: parsing "{s}": value out of range')
    return n


class _Parser:
    def __init__(self, text: str, data: dict, reader: Callable[[str], Any] | None,
                 json_values: bool = False, literal: bool = False) -> None:
        self.s = text
        self.pos = 0
        self.data = data
        self.reader = reader
        self.json_values = json_values
        self.literal = literal

    def parse(self) -> None:
        while True:
            try:
                self.key(self.data, 0)
            except _EOF:
                return

    def until(self, stop: str) -> tuple[str, str | None]:
        """Runes up to a stop rune (consumed); backslash escapes unless literal. Raises _EOF at end."""
        out: list[str] = []
        s, n = self.s, len(self.s)
        while True:
            if self.pos >= n:
                raise _EOF("".join(out))
            r = s[self.pos]
            self.pos += 1
            if r in stop:
                return "".join(out), r
            if r == "\\" and not self.literal:
                if self.pos >= n:
                    raise _EOF("".join(out))
                out.append(s[self.pos])
                self.pos += 1
            else:
                out.append(r)

    def key(self, data: dict, level: int) -> None:
        try:
            self._key(data, level)
        except _Panic as p:
            raise StrvalsError(f"unable to parse key: {p}") from None

    def _key(self, data: dict, level: int) -> None:
        try:
            k, last = self.until("=[." if self.literal else "=[,.")
        except _EOF as e:
            if not e.args[0]:
                raise
            raise StrvalsError(f"key {_q(e.args[0])} has no value") from None
        if last == "[":
            i = self.key_index()
            lst = _assert(data[k], list, "[]interface {}") if k in data else []
            try:
                lst = self.list_item(lst, i, level)
            finally:
                _set(data, k, lst)
            return
        if last == "=":
            if self.literal:
                _set(data, k, self.rest())
                return
            if self.json_values:
                if self.empty_val():
                    _set(data, k, None)
                    return
                _set(data, k, self.json_val())
                self.empty_val()
                return
            self.set_value(data, k)
            return
        if last == ",":
            _set(data, k, "")
            raise StrvalsError(f"key {_q(k)} has no value (cannot end with ,)")
        level += 1
        if level > MAX_NESTED_NAME_LEVEL:
            raise StrvalsError(f"value name nested level is greater than maximum supported nested level "
                               f"of {MAX_NESTED_NAME_LEVEL}")
        inner = _assert(data[k], dict, "map[string]interface {}") if k in data else {}
        try:
            self.key(inner, level)
        except _EOF:
            if inner:
                _set(data, k, inner)
            raise
        if not inner:
            raise StrvalsError(f"key map {_q(k)} has no value")
        _set(data, k, inner)

    def set_value(self, data: dict, k: str) -> None:
        try:
            vl = self.val_list()
        except _EOF:
            _set(data, k, "")
            raise
        if vl is not None:
            _set(data, k, vl)
            return
        _set(data, k, self.reader(self.val()))

    def key_index(self) -> int:
        try:
            v, _ = self.until("]")
        except _EOF:
            raise _EOF("") from None  # Go wraps io.EOF with %w: parse() still sees EOF
        try:
            return _atoi(v)
        except StrvalsError as e:
            raise StrvalsError(f"error parsing index: {e}") from None

    def list_item(self, lst: list, i: int, level: int) -> list:
        if i < 0:
            raise StrvalsError(f"negative {i} index not allowed")
        try:
            k, last = self.until("[.=")
        except _EOF as e:
            if e.args[0]:
                raise StrvalsError(f"unexpected data at end of array index: {_qrunes(e.args[0])}") from None
            raise
        if k:
            raise StrvalsError(f"unexpected data at end of array index: {_qrunes(k)}")
        if last == "=":
            if self.literal:
                return _set_index(lst, i, self.rest())
            if self.json_values:
                if self.empty_val():
                    return _set_index(lst, i, None)
                lst = _set_index(lst, i, self.json_val())
                self.empty_val()
                return lst
            try:
                vl = self.val_list()
            except _EOF:
                return _set_index(lst, i, "")
            if vl is not None:
                return _set_index(lst, i, vl)
            return _set_index(lst, i, self.reader(self.val()))
        if last == "[":
            next_i = self.key_index()
            crt: list = []
            if len(lst) > i and lst[i] is not None:
                crt = _assert(lst[i], list, "[]interface {}")
            return _set_index(lst, i, self.list_item(crt, next_i, level))
        inner: dict = {}
        if len(lst) > i:
            if type(lst[i]) is dict:
                inner = lst[i]
            else:
                lst[i] = inner
        self.key(inner, level)
        return _set_index(lst, i, inner)

    def empty_val(self) -> bool:
        """Skip spaces; True at a comma (consumed) or the end."""
        while self.pos < len(self.s):
            r = self.s[self.pos]
            self.pos += 1
            if r == ",":
                return True
            if r not in _GO_SPACE:
                self.pos -= 1
                return False
        return True

    def json_val(self) -> Any:
        try:
            v, end = _JSON.raw_decode(self.s, self.pos)
        except ValueError as e:
            raise StrvalsError(f"invalid JSON value: {e}") from None
        self.pos = end
        return v

    def val(self) -> str:
        try:
            v, _ = self.until(",")
        except _EOF as e:
            return e.args[0]
        return v

    def rest(self) -> str:
        v = self.s[self.pos:]
        self.pos = len(self.s)
        return v

    def val_list(self) -> list | None:
        """A ``{a,b}`` list, or None when the value is not one. Raises _EOF on an empty value."""
        if self.pos >= len(self.s):
            raise _EOF("")
        if self.s[self.pos] != "{":
            return None
        self.pos += 1
        out: list = []
        while True:
            try:
                rs, last = self.until(",}")
            except _EOF:
                raise StrvalsError("list must terminate with '}'") from None
            if last == "}":
                if self.pos < len(self.s) and self.s[self.pos] == ",":
                    self.pos += 1
                out.append(self.reader(rs))
                return out
            out.append(self.reader(rs))


def _q(s: str) -> str:
    """Go's %q for the key text in messages."""
    return json.dumps(s, ensure_ascii=False)


def _qrunes(s: str) -> str:
    """Go's %q of a []rune: each rune as a quoted character literal."""
    return "[" + " ".join("'" + ("\\'" if c == "'" else json.dumps(c, ensure_ascii=False)[1:-1])
                          + "'" for c in s) + "]"


def _set(data: dict, key: str, val: Any) -> None:
    if key:
        data[key] = val


def _set_index(lst: list, index: int, val: Any) -> list:
    if index < 0:
        raise StrvalsError(f"negative {index} index not allowed")
    if index > MAX_INDEX:
        raise StrvalsError(f"index of {index} is greater than maximum supported index of {MAX_INDEX}")
    if len(lst) <= index:
        lst = lst + [None] * (index + 1 - len(lst))
    lst[index] = val
    return lst


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid character '{name[0]}' looking for beginning of value")


_JSON = json.JSONDecoder(parse_int=float, parse_constant=_reject_constant)


def parse_into(text: str, dest: dict, as_string: bool = False) -> None:
    """``--set`` (or ``--set-string`` when ``as_string``) into ``dest``."""
    _Parser(text, dest, lambda v: typed_val(v, as_string)).parse()


def parse(text: str, as_string: bool = False) -> dict:
    out: dict = {}
    parse_into(text, out, as_string)
    return out


def parse_json_into(text: str, dest: dict) -> None:
    """``--set-json key=<json>,…`` into ``dest`` (an empty value is null)."""
    _Parser(text, dest, None, json_values=True).parse()


def parse_file_into(text: str, dest: dict, reader: Callable[[str], Any]) -> None:
    """``--set-file key=path``: ``reader`` turns the path into the value."""
    _Parser(text, dest, reader).parse()


def parse_literal_into(text: str, dest: dict) -> None:
    """``--set-literal key=rest of line`` into ``dest``."""
    _Parser(text, dest, None, literal=True).parse()

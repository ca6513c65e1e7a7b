"""go-yaml's emitter, byte for byte: Helm's ``toYaml`` (v2) and ``toYamlPretty`` (v3).

Charts hash ``toYaml`` output into checksum annotations, so a "similar"
YAML dump is not enough. :func:`to_yaml` reproduces
``sigs.k8s.io/yaml.Marshal``: the value goes through ``encoding/json``
(numbers become JSON numbers that go-yaml v2 re-reads as int or float64,
``[]byte`` base64, structs their JSON form), then go-yaml v2 emits it with
natural key order, 2-space indent, indentless block sequences under keys,
YAML 1.1 ambiguity quoting and 80-column folding. :func:`to_yaml_pretty`
reproduces go-yaml v3's ``Encoder`` with ``SetIndent(2)`` on the value as
is. The emitter is a port of the libyaml state machine's observable rules
(column/whitespace/indention bookkeeping), not a re-derivation, because the
folding and indentation corners only match when that state matches.
"""

from __future__ import annotations

import base64
import functools
import math
import re
from typing import Any

from ..gotemplate.gotypes import GoError, GoObject
from .gojson import cycle_error, fmt_g, json_float

_BEST_WIDTH = 80
_BREAKS = "\r\n\x85\u2028\u2029"

# --- scalar resolution (would a plain scalar read back as a non-string?) ------

_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_BASE60_RE = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")
_TS_RE = re.compile(r"[0-9]{4}-")
_V2_SPECIAL = frozenset(
    "y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF "
    "~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF".split()) | {""}
_OLD_BOOL = frozenset("y Y yes Yes YES on On ON n N no No NO off Off OFF".split())
_V3_SPECIAL = (_V2_SPECIAL - _OLD_BOOL)
_INT_RE = {
    # strconv.ParseInt(s, 0, 64) syntax after "_" removal: sign, then 0x/0o/0b/0 prefixes or decimal.
    "dec": re.compile(r"[-+]?[0-9]+\Z"),
    "hex": re.compile(r"[-+]?0[xX][0-9a-fA-F]+\Z"),
    "oct": re.compile(r"[-+]?0[oO]?[0-7]+\Z"),
    "bin": re.compile(r"[-+]?0[bB][01]+\Z"),
}
_U64 = 1 << 64
_I64 = 1 << 63


def _parse_go_int(s: str) -> int | None:
    """``strconv.ParseInt(s, 0, 64)`` or ``ParseUint`` success (the value), else None."""
    for name, rx in _INT_RE.items():
        if rx.match(s):
            body = s.lstrip("+-")
            neg = s.startswith("-")
            if name == "dec" and len(body) > 1 and body[0] == "0":
                continue  # a leading 0 means octal to ParseInt base 0
            base = {"dec": 10, "hex": 16, "oct": 8, "bin": 2}[name]
            digits = body[2:] if name in ("hex", "bin") or body[:2] in ("0o", "0O") else body
            n = int(digits, base)
            n = -n if neg else n
            if -_I64 <= n < _I64 or (not s.startswith(("-", "+")) and 0 <= n < _U64):
                return n
            return None
    return None


def _is_timestamp(s: str) -> bool:
    """go-yaml's ``parseTimestamp`` formats (date, date-time with T/t or space)."""
    if not _TS_RE.match(s):
        return False
    return _TIMESTAMP_RE.match(s) is not None


_TIMESTAMP_RE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})"
    r"| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?)?\Z")


def _resolves_to_str(s: str, v3: bool) -> bool:
    """go-yaml's ``resolve("", s)`` returns ``!!str`` (so the string may be written plain)."""
    if not s:
        return False
    c = s[0]
    if c in "+-0123456789":
        hint = "D"
    elif c in "yYnNtTfFoO~":
        hint = "M"
    elif c == ".":
        hint = "."
    else:  # no resolver hint (this includes "<<": go-yaml never looks it up when encoding)
        return True
    if s in (_V3_SPECIAL if v3 else _V2_SPECIAL):
        return False
    if hint == "M":
        return True
    if hint == ".":
        return not _go_parse_float_ok(s)
    if _is_timestamp(s):
        return False
    plain = s.replace("_", "")
    if _parse_go_int(plain) is not None:
        return False
    if _FLOAT_RE.match(plain) and _go_parse_float_ok(plain):
        return False
    if plain.startswith(("0b", "-0b")):
        return False if re.fullmatch(r"-?0b[01]+", plain) and _bin_fits(plain) else True
    if v3 and plain.startswith(("0o", "-0o")):
        return not (re.fullmatch(r"-?0o[0-7]+", plain) and _oct_fits(plain))
    return True


def _bin_fits(p: str) -> bool:
    n = int(p.replace("0b", ""), 2)
    return n < _U64 if n >= 0 else n >= -_I64


def _oct_fits(p: str) -> bool:
    n = int(p.replace("0o", ""), 8)
    return n < _U64 if n >= 0 else n >= -_I64


_GO_FLOAT_RE = re.compile(
    r"[-+]?(?:(?:[0-9](?:_?[0-9])*)?\.?(?:[0-9](?:_?[0-9])*)?(?:[eE][-+]?[0-9](?:_?[0-9])*)?"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])\Z")


def _go_parse_float_ok(s: str) -> bool:
    """``strconv.ParseFloat(s, 64)`` succeeds (decimal forms and inf/nan; hex floats are rare enough to skip)."""
    if "_" in s or not _GO_FLOAT_RE.match(s) or not any(ch.isdigit() for ch in s) and not re.search(
            "[iInN]", s):
        return False
    try:
        f = float(s)
    except ValueError:
        return False
    return not math.isinf(f) or "n" in s.lower()


def _needs_quotes(s: str, v3: bool) -> bool:
    """``stringv``: quote when a plain scalar would resolve to another type (or is base-60 / an old bool in v3)."""
    if not _resolves_to_str(s, v3):
        return True
    if s and (s[0] in "+-0123456789") and ":" in s and _BASE60_RE.match(s):
        return True
    return v3 and s in _OLD_BOOL


# --- map key order (sorter.go keyList.Less) ----------------------------------

_KIND_ORDER = {"bool": 1, "int": 2, "int64": 6, "uint64": 11, "float64": 14, "string": 24}


def _wrap64(n: int) -> int:
    n &= _U64 - 1
    return n - _U64 if n >= _I64 else n


def _str_less(a: str, b: str, v3: bool) -> bool:
    digits = False
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            digits = v3 and ca.isdecimal()  # v3 only: after a shared digit, letters sort first
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return al if digits else bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdecimal():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdecimal():
            an = _wrap64(an * 10 + ord(a[ai]) - 48)
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdecimal():
            bn = _wrap64(bn * 10 + ord(b[bi]) - 48)
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def _key_kind(k: Any) -> str:
    if isinstance(k, bool):
        return "bool"
    if isinstance(k, int):
        t = getattr(k, "go_type", "int")
        return "uint64" if t.startswith("uint") else ("int" if t == "int" else "int64")
    if isinstance(k, float):
        return "float64"
    return "string"


def _key_less(a: Any, b: Any, v3: bool) -> bool:
    if type(a) is str and type(b) is str:
        return _str_less(a, b, v3)
    ka, kb = _key_kind(a), _key_kind(b)
    if ka != "string" and kb != "string":
        fa, fb = float(a), float(b)
        if fa != fb:
            return fa < fb
        if ka != kb:
            return _KIND_ORDER[ka] < _KIND_ORDER[kb]
        return a < b
    if ka != "string" or kb != "string":
        return _KIND_ORDER[ka] < _KIND_ORDER[kb]
    return _str_less(str(a), str(b), v3)


_PLAIN_ORDER_KEY = re.compile(r"[A-Za-z\x20-\x2f\x3a-\x40]*\Z")


def sorted_keys(keys: list[Any], v3: bool = False) -> list[Any]:
    """Map keys in go-yaml's natural order (digit runs numeric, non-letters before letters)."""
    if all(type(k) is str and _PLAIN_ORDER_KEY.match(k) for k in keys):
        return sorted(keys)  # no digits, no non-letters above 'A': the same as byte order

    def cmp(a: Any, b: Any) -> int:
        return -1 if _key_less(a, b, v3) else (1 if _key_less(b, a, v3) else 0)

    return sorted(keys, key=functools.cmp_to_key(cmp))


# --- scalar analysis (yaml_emitter_analyze_scalar) -----------------------------

def _printable(c: str) -> bool:
    o = ord(c)
    return (o == 0x0A or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF
            or (0xE000 <= o <= 0xFFFD and o != 0xFEFF))


_SIMPLE_SCALAR = re.compile(r"(?!---|\.\.\.|-\Z|-[ ])[A-Za-z0-9_./=+$^()~\-]+(?: [A-Za-z0-9_./=+$^()~\-]+)*\Z")


class _Analysis:
    __slots__ = ("multiline", "plain", "single", "block")

    def __init__(self, multiline: bool, plain: bool, single: bool, block: bool) -> None:
        self.multiline = multiline
        self.plain = plain
        self.single = single
        self.block = block


_SIMPLE = _Analysis(False, True, True, True)


def _analyze(value: str, v3: bool) -> _Analysis:
    """Which styles a scalar allows in block context (libyaml's analysis, flow context never arises)."""
    if not value:
        return _Analysis(False, True, True, False)
    if _SIMPLE_SCALAR.match(value):
        return _SIMPLE
    block_ind = value.startswith(("---", "..."))
    line_breaks = special = tabs = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = False
    previous_space = previous_break = False
    preceded_by_ws = True
    n = len(value)
    for i, c in enumerate(value):
        followed_by_ws = i + 1 >= n or value[i + 1] in " \t"
        if i == 0:
            if c in "#,[]{}&*!|>'\"%@`":
                block_ind = True
            elif c in "?:":
                if followed_by_ws:
                    block_ind = True
            elif c == "-" and followed_by_ws:
                block_ind = True
        elif c == ":":
            if followed_by_ws:
                block_ind = True
        elif c == "#" and preceded_by_ws:
            block_ind = True
        if v3 and c == "\t":
            tabs = True
        elif not _printable(c):
            special = True
        if c == " ":
            if i == 0:
                leading_space = True
            if i == n - 1:
                trailing_space = True
            if previous_break:
                break_space = True
            previous_space, previous_break = True, False
        elif c in _BREAKS:
            line_breaks = True
            if i == 0:
                leading_break = True
            if i == n - 1:
                trailing_break = True
            if previous_space:
                space_break = True
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_ws = c in " \t\0" or c in _BREAKS
    plain = single = block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        plain = False
    if trailing_space:
        block = False
    if break_space:
        plain = single = False
    if tabs:
        plain = single = False
    if space_break or special:
        plain = single = block = False
    if line_breaks or block_ind:
        plain = False
    return _Analysis(line_breaks, plain, single, block)


# --- the emitter ----------------------------------------------------------------

PLAIN, SINGLE, DOUBLE, LITERAL = range(4)

_DQ_ESCAPES = {
    0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f", 0x0D: "r",
    0x1B: "e", 0x22: '"', 0x5C: "\\", 0x85: "N", 0xA0: "_", 0x2028: "L", 0x2029: "P",
}


class _Emitter:
    """libyaml's block-context emitter state: column, indent stack, whitespace/indention flags."""

    def __init__(self, best_indent: int, v3: bool) -> None:
        self.out: list[str] = []
        self.best_indent = best_indent
        self.v3 = v3
        self.best_width = (1 << 31) - 1 if v3 else _BEST_WIDTH  # v3's encoder never folds
        self.column = 0
        self.indent = -1
        self.indents: list[int] = []
        self.whitespace = True
        self.indention = True
        self.mapping_context = False
        self.simple_key_context = False

    # writer primitives
    def put(self, s: str) -> None:
        self.out.append(s)
        self.column += len(s)

    def put_break(self) -> None:
        self.out.append("\n")
        self.column = 0
        self.indention = True

    def write_break(self, c: str) -> None:
        self.out.append(c)
        self.column = 0
        self.indention = True

    def increase_indent(self, flow: bool, indentless: bool) -> None:
        self.indents.append(self.indent)
        if self.indent < 0:
            self.indent = self.best_indent if flow else 0
        elif not indentless:
            self.indent += self.best_indent

    def pop_indent(self) -> None:
        self.indent = self.indents.pop()

    def write_indent(self) -> None:
        indent = max(self.indent, 0)
        if not self.indention or self.column > indent or (self.column == indent and not self.whitespace):
            self.put_break()
        if self.column < indent:
            self.put(" " * (indent - self.column))
        self.whitespace = True
        self.indention = True

    def write_indicator(self, ind: str, need_ws: bool, is_ws: bool, is_indention: bool) -> None:
        if need_ws and not self.whitespace:
            self.put(" ")
        self.put(ind)
        self.whitespace = is_ws
        self.indention = self.indention and is_indention

    # nodes
    def node(self, v: Any, mapping: bool = False, simple_key: bool = False) -> None:
        self.mapping_context = mapping
        self.simple_key_context = simple_key
        if isinstance(v, dict):
            if not v:
                self.empty_flow("{", "}")
            else:
                self.block_mapping(v)
        elif isinstance(v, list):
            if not v:
                self.empty_flow("[", "]")
            else:
                self.block_sequence(v)
        else:
            text, style = v
            self.scalar(text, style, _analyze(text, self.v3))

    def empty_flow(self, open_: str, close: str) -> None:
        self.write_indicator(open_, True, True, False)
        self.write_indicator(close, False, False, False)

    def block_sequence(self, items: list[Any]) -> None:
        if self.v3:
            indentless = False
        else:
            indentless = self.mapping_context and not self.indention
        self.increase_indent(False, indentless)
        for item in items:
            self.write_indent()
            self.write_indicator("-", True, False, True)
            self.node(item)
        self.pop_indent()

    def block_mapping(self, m: dict[Any, Any]) -> None:
        self.increase_indent(False, False)
        for k, v in m.items():
            self.write_indent()
            text, style = k
            a = _analyze(text, self.v3)
            if not a.multiline and (len(text) if text.isascii() else len(text.encode("utf-8"))) <= 128:
                self.mapping_context, self.simple_key_context = True, True
                self.scalar(text, style, a)
                self.write_indicator(":", False, False, False)
            else:
                self.write_indicator("?", True, False, True)
                self.mapping_context, self.simple_key_context = True, False
                self.scalar(text, style, a)
                self.write_indent()
                self.write_indicator(":", True, False, True)
            self.node(v, mapping=True)
        self.pop_indent()

    def scalar(self, text: str, style: int, a: _Analysis) -> None:
        simple_key = self.simple_key_context
        if simple_key and a.multiline:
            style = DOUBLE
        if style == PLAIN:
            if not a.plain or (not text and simple_key):
                style = SINGLE
        if style == SINGLE and not a.single:
            style = DOUBLE
        if style == LITERAL and (not a.block or simple_key):
            style = DOUBLE
        self.increase_indent(True, False)
        if style == PLAIN:
            self.write_plain(text, not simple_key)
        elif style == SINGLE:
            self.write_single(text, not simple_key)
        elif style == DOUBLE:
            self.write_double(text, not simple_key)
        else:
            self.write_literal(text)
        self.pop_indent()

    def write_plain(self, value: str, allow_breaks: bool) -> None:
        if not self.whitespace and (value or not self.v3):
            self.put(" ")
        if not allow_breaks or " " not in value or self.column + len(value) <= self.best_width + 1:
            self.put(value)
        else:
            spaces = False
            i, n = 0, len(value)
            while i < n:
                c = value[i]
                if c == " ":
                    if not spaces and self.column > self.best_width and not (i + 1 < n and value[i + 1] == " "):
                        self.write_indent()
                    else:
                        self.put(c)
                    spaces = True
                else:
                    self.put(c)
                    self.indention = False
                    spaces = False
                i += 1
        self.whitespace = False
        self.indention = False

    def write_single(self, value: str, allow_breaks: bool) -> None:
        self.write_indicator("'", True, False, False)
        spaces = breaks = False
        n = len(value)
        for i, c in enumerate(value):
            if c == " ":
                if (allow_breaks and not spaces and self.column > self.best_width and 0 < i < n - 1
                        and value[i + 1] != " "):
                    self.write_indent()
                else:
                    self.put(c)
                spaces = True
            elif c in _BREAKS:
                if not breaks and c == "\n":
                    self.put_break()
                self.write_break(c)
                breaks = True
            else:
                if breaks:
                    self.write_indent()
                self.put("''" if c == "'" else c)
                self.indention = False
                spaces = breaks = False
        self.write_indicator("'", False, False, False)
        self.whitespace = False
        self.indention = False

    def write_double(self, value: str, allow_breaks: bool) -> None:
        self.write_indicator('"', True, False, False)
        spaces = False
        escape_all = value.startswith("\ufeff")  # libyaml's is_bom looks at byte 0 for every position
        n = len(value)
        i = 0
        while i < n:
            c = value[i]
            o = ord(c)
            if escape_all or not _printable(c) or c in _BREAKS or c == '"' or c == "\\":
                e = _DQ_ESCAPES.get(o)
                if e is not None:
                    self.put("\\" + e)
                elif o <= 0xFF:
                    self.put(f"\\x{o:02X}")
                elif o <= 0xFFFF:
                    self.put(f"\\u{o:04X}")
                else:
                    self.put(f"\\U{o:08X}")
                spaces = False
            elif c == " ":
                if allow_breaks and not spaces and self.column > self.best_width and 0 < i < n - 1:
                    self.write_indent()
                    if value[i + 1] == " ":
                        self.put("\\")
                else:
                    self.put(c)
                spaces = True
            else:
                self.put(c)
                spaces = False
            i += 1
        self.write_indicator('"', False, False, False)
        self.whitespace = False
        self.indention = False

    def write_literal(self, value: str) -> None:
        self.write_indicator("|", True, False, False)
        if value[0] == " " or value[0] in _BREAKS:
            self.write_indicator(str(self.best_indent), False, False, False)
        if value[-1] not in _BREAKS:
            self.write_indicator("-", False, False, False)
        elif len(value) == 1 or value[-2] in _BREAKS:
            self.write_indicator("+", False, False, False)
        if not self.v3:  # v3 lets the first write_indent break the line instead
            self.put_break()
        self.whitespace = True
        breaks = True
        for line in _LINE_SPLIT.split(value):
            if not line:
                continue
            if line in _BREAKS:
                self.write_break(line)
                breaks = True
            else:
                if breaks:
                    self.write_indent()
                self.put(line)
                self.indention = False
                breaks = False


_LINE_SPLIT = re.compile("([\r\n\x85\u2028\u2029])")


# --- value models ----------------------------------------------------------------

_READER_BAD = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATES = re.compile("[\udc80-\udcff]")


_NEL_RUN = re.compile(" *\x85(?: *\x85)* *")


def _fold_nel(m: re.Match[str]) -> str:
    n = m.group().count("\x85")
    return " " if n == 1 else "\n" * (n - 1)


def _reread_json_string(s: str) -> str:
    """A string as go-yaml v2 reads back its JSON form.

    ``encoding/json`` leaves U+0085 (NEL) raw, and YAML folds it like a line
    break inside the double-quoted scalar; other raw C1 controls, U+FFFE and
    U+FFFF are rejected by go-yaml's reader.
    """
    if _SURROGATES.search(s):
        s = _SURROGATES.sub("\ufffd", s)
    if _READER_BAD.search(s):
        raise GoError("error converting JSON to YAML: yaml: control characters are not allowed")
    if "\x85" in s:
        s = _NEL_RUN.sub(_fold_nel, s)
    return s


def _json_scalar_text(v: Any) -> str:
    """A JSON number as go-yaml v2 re-reads and re-prints it: int/uint64 stay digits, the rest float64 ``%g``."""
    text = str(int(v)) if isinstance(v, int) else json_float(v)
    if "." not in text and "e" not in text:
        n = int(text)
        if -_I64 <= n < _U64:
            return str(n)  # "-0" (from -0.0) is read back as the int 0
    return fmt_g(float(text))


def _v2_model(v: Any) -> Any:
    """The value after ``json.Marshal`` → go-yaml v2 ``Unmarshal``, as emitter nodes."""
    if v is None:
        return ("null", PLAIN)
    if isinstance(v, str):
        if _SURROGATES.search(v):
            v = _SURROGATES.sub("\ufffd", v)
        return _v2_string(_reread_json_string(v))
    if isinstance(v, bool):
        return ("true" if v else "false", PLAIN)
    if isinstance(v, (int, float)):
        return (_json_scalar_text(v), PLAIN)
    if isinstance(v, dict):
        keys: dict[str, Any] = {}
        for k in v:
            ks = k if isinstance(k, str) else _json_key(k)
            if "\x85" in ks:
                raise GoError("error converting JSON to YAML: yaml: line 1: did not find expected ',' or '}'")
            keys[ks] = v[k]
        out = {}
        for k in sorted_keys(list(keys)):
            out[_v2_model(k)] = _v2_model(keys[k])
        return out
    if isinstance(v, (list, tuple)):
        return [_v2_model(x) for x in v]
    if isinstance(v, (bytes, bytearray)):
        return (base64.b64encode(bytes(v)).decode("ascii"), PLAIN)
    if isinstance(v, GoObject):
        return _v2_model(v.go_json())
    from .gojson import marshal
    marshal(v)  # raises Go's "json: unsupported type" error
    raise GoError("json: unsupported value")


def _json_key(k: Any) -> str:
    if isinstance(k, bool) or not isinstance(k, int):
        from .gojson import marshal
        marshal({k: None})
    return str(int(k))


def _v2_string(s: str) -> tuple[str, int]:
    if "\n" in s:
        return (s, LITERAL)
    return (s, DOUBLE if _needs_quotes(s, False) else PLAIN)


def _v3_model(v: Any) -> Any:
    """The value as go-yaml v3's encoder sees it (no JSON round trip)."""
    if v is None:
        return ("null", PLAIN)
    if isinstance(v, str):
        if _SURROGATES.search(v):
            raise GoError("yaml: invalid UTF-8 strings are not supported")
        if "\n" in v:
            return (v, LITERAL)
        return (v, DOUBLE if _needs_quotes(v, True) else PLAIN)
    if isinstance(v, bool):
        return ("true" if v else "false", PLAIN)
    if isinstance(v, int):
        return (str(int(v)), PLAIN)
    if isinstance(v, float):
        s = fmt_g(v)
        return ({"+Inf": ".inf", "-Inf": "-.inf", "NaN": ".nan"}.get(s, s), PLAIN)
    if isinstance(v, dict):
        return {_v3_model(k): _v3_model(v[k]) for k in sorted_keys(list(v), v3=True)}
    if isinstance(v, (bytes, bytearray)):
        return [(str(b), PLAIN) for b in v]
    if isinstance(v, (list, tuple)):
        return [_v3_model(x) for x in v]
    if isinstance(v, GoObject):
        return _v3_model(v.go_json())
    raise GoError(f"cannot marshal type: {type(v).__name__}")


def _emit(model: Any, best_indent: int, v3: bool) -> str:
    e = _Emitter(best_indent, v3)
    e.node(model)
    e.write_indent()  # document end
    return "".join(e.out)


def to_yaml(v: Any) -> str:
    """``sigs.k8s.io/yaml.Marshal(v)`` (with its trailing newline); Go's error text as :class:`GoError`."""
    try:
        try:
            model = _v2_model(v)
        except RecursionError:  # a cycle: json.Marshal's error, which sigs.k8s.io/yaml wraps
            msg = cycle_error(v)
            if msg is None:
                raise
            raise GoError(msg) from None
    except GoError as e:
        msg = str(e)
        if msg.startswith("json:"):
            raise GoError(f"error marshaling into JSON: {msg}") from None
        raise
    return _emit(model, 2, False)


def to_yaml_pretty(v: Any) -> str:
    """go-yaml v3 ``Encoder`` with ``SetIndent(2)``: ``Encode(v)`` output (with its trailing newline)."""
    return _emit(_v3_model(v), 2, True)

"""YAML loading exactly as Helm does it: go-yaml v2 (YAML 1.1) → JSON → ``interface{}``.

Helm reads values files and Chart.yaml with ``sigs.k8s.io/yaml.Unmarshal``:
go-yaml v2 decodes into Go values, ``convertToJSONableObject`` stringifies
map keys, ``json.Marshal`` rejects NaN/Inf and ``encoding/json`` turns every
number into ``float64``. PyYAML (libyaml when available, the same scanner and
parser go-yaml was ported from) supplies the node tree; scalars are resolved
here with go-yaml v2's rules, because PyYAML's YAML 1.1 resolver differs on
``y``/``n``, ``1e3``, ``1:30``, dates and octal.

:func:`loads`/:func:`load_map` give values, :func:`compose` a positioned
tree (:class:`YNode`) with doc comments for the editor, :func:`lookup` a key
path in it, :func:`load_chart_yaml` Chart.yaml with its string fields
converted as ``sigs.k8s.io/yaml`` does for a Go ``string`` target.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import json
import math
import re
import struct
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: pure-Python scanner/parser
    _CParser = None

__all__ = ["YAMLError", "YNode", "loads", "load_map", "compose", "lookup", "chart_string",
           "load_chart_yaml", "RawDoc", "Span", "DuplicateKey", "parse_raw"]

_P = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = _P + "str", _P + "int", _P + "float", _P + "bool", _P + "null"
_TIMESTAMP, _BINARY, _MERGE = _P + "timestamp", _P + "binary", _P + "merge"
_SEQ, _MAP = _P + "seq", _P + "map"
_PLAIN = "?plain"  # tag given to untagged plain scalars: only these are implicitly resolved
_RESOLVABLE = frozenset((_STR, _BOOL, _INT, _FLOAT, _NULL, _TIMESTAMP))

_YAML_PREFIX = "error converting YAML to JSON: "
_JSON_TYPE_ERROR = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {kind} into Go value of type {type}"


class YAMLError(Exception):
    """A load failure; ``str(e)`` is Helm's full message.

    ``line``/``column`` are the 0-based position of the problem (for editors;
    the message carries go-yaml's own, differently counted, line number) and
    ``pos`` its character offset; all ``None`` when Go reports no position.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 pos: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.pos = pos


class _DecodeError(Exception):
    """A go-yaml decode failure (``yaml: <msg>``), with the node's mark when known."""

    def __init__(self, msg: str, mark: Any = None) -> None:
        super().__init__(msg)
        self.msg = msg
        self.mark = mark


class _Uint64(int):
    """An integer go-yaml decodes as ``uint64`` (above int64): unusable as a map key."""


class _AliasRef:
    """An alias occurrence (``*name``) in the event-composed tree; keeps its own position."""

    __slots__ = ("target", "name", "start_mark", "end_mark")

    def __init__(self, target: Any, name: str, start_mark: Any, end_mark: Any) -> None:
        self.target = target
        self.name = name
        self.start_mark = start_mark
        self.end_mark = end_mark


# --------------------------------------------------------------------------
# Scalar resolution (go-yaml v2 resolve.go semantics)

# "<" is not a go-yaml hint; it keeps "<<" merge keys off the plain-string fast path.
_HINT: dict[str, str] = {"": "N", "+": "S", "-": "S", ".": ".", "<": "<"}
_HINT.update({c: "D" for c in "0123456789"})
_HINT.update({c: "M" for c in "yYnNtTfFoO~"})

_WORDS: dict[str, Any] = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
for _w in ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"):
    _WORDS[_w] = True
for _w in ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"):
    _WORDS[_w] = False
for _w in (".nan", ".NaN", ".NAN"):
    _WORDS[_w] = math.nan
for _w in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
    _WORDS[_w] = math.inf
for _w in ("-.inf", "-.Inf", "-.INF"):
    _WORDS[_w] = -math.inf
_NONFINITE = frozenset(w for w, v in _WORDS.items() if isinstance(v, float))

# strconv.ParseInt(s, 0, 64) syntax: sign, then 0b/0o/0x prefix (len >= 3), leading-0 octal or decimal.
_GO_INT = re.compile(r"([+-]?)(0[bB](?=.)|0[oO](?=.)|0[xX](?=.)|0(?=[0-9])|)([0-9a-fA-F]*)\Z")
_GO_BASE = {"": 10, "0b": 2, "0B": 2, "0o": 8, "0O": 8, "0x": 16, "0X": 16, "0": 8}
_DIGITS = {2: frozenset("01"), 8: frozenset("01234567"), 10: frozenset("0123456789"),
           16: frozenset("0123456789abcdefABCDEF")}
_YAML_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DOT_FLOAT = re.compile(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_TIMESTAMP_RE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2}))"
    r"|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?))?\Z")
_INT64_MIN, _INT64_MAX, _UINT64_MAX = -(1 << 63), (1 << 63) - 1, (1 << 64) - 1


def _go_int(s: str) -> int | None:
    """``strconv.ParseInt(s, 0, 64)`` falling back to ``ParseUint`` as go-yaml does; None if neither."""
    m = _GO_INT.match(s)
    if m is None:
        return None
    sign, prefix, digits = m.groups()
    base = _GO_BASE[prefix]
    if not digits or not _DIGITS[base].issuperset(digits):
        return None
    n = int(digits, base)
    if sign == "-":
        n = -n
    if _INT64_MIN <= n <= _INT64_MAX:
        return n
    if not sign and n <= _UINT64_MAX:
        return _Uint64(n)
    return None


def _go_number(s: str) -> int | float | None:
    """The int/float go-yaml v2 reads from a plain scalar starting with a digit or sign."""
    plain = s.replace("_", "") if "_" in s else s
    n = _go_int(plain)
    if n is not None:
        return n
    if _YAML_FLOAT.match(plain):
        f = float(plain)
        if f not in (math.inf, -math.inf):  # ParseFloat range error: stays a string
            return f
    if plain.startswith("0b") or plain.startswith("-0b"):  # go-yaml's own binary fallback
        body = plain[2:] if plain[0] == "0" else "-" + plain[3:]
        m = re.fullmatch(r"[+-]?[01]+", body)
        if m:
            n = int(body, 2)
            if _INT64_MIN <= n <= _INT64_MAX:
                return n
            if plain[0] == "0" and body[0] not in "+-" and n <= _UINT64_MAX:
                return _Uint64(n)
    return None


def _go_plain(s: str) -> Any:
    """go-yaml v2's value for an untagged plain scalar (ints stay Python ints)."""
    h = _HINT.get(s[:1])
    if h is None:
        return s
    if s in _WORDS:
        return _WORDS[s]
    if h == "D" or h == "S":
        n = _go_number(s)
        return s if n is None else n
    if h == "." and _DOT_FLOAT.match(s):
        f = float(s)
        if f != math.inf:
            return f
    return s


def _go_kind(v: Any) -> str:
    """go-yaml's resolved tag for a Go value."""
    if v is None:
        return _NULL
    if v is True or v is False:
        return _BOOL
    if isinstance(v, int):
        return _INT
    if isinstance(v, float):
        return _FLOAT
    return _STR


def _short(tag: str) -> str:
    return "!!" + tag[len(_P):] if tag.startswith(_P) else tag


def _go_tagged(tag: str, s: str) -> Any:
    """A scalar with an explicit tag (``!!int "3"``, ``!!binary``, ``!foo``), as go-yaml decodes it."""
    if tag == _BINARY:
        try:
            data = base64.b64decode(s.replace("\n", "").replace("\r", ""), validate=True)
        except (binascii.Error, ValueError):
            raise _DecodeError("!!binary value contains invalid base64 data") from None
        return data.decode("utf-8", "goreplace")
    if tag not in _RESOLVABLE or tag == _STR:
        return s
    if tag == _TIMESTAMP and _TIMESTAMP_RE.match(s):
        return s
    v = _go_plain(s)
    rtag = _go_kind(v)
    if rtag == tag:
        return v
    if tag == _FLOAT and rtag == _INT and not isinstance(v, _Uint64):
        return float(v)
    raise _DecodeError(f"cannot decode {_short(rtag)} `{s}` as a {_short(tag)}")


def _go_replace(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Invalid UTF-8 → one U+FFFD per bad byte, as Go's ``json.Marshal`` writes it."""
    return "\ufffd", exc.start + 1


codecs.register_error("goreplace", _go_replace)


# --------------------------------------------------------------------------
# Go number formatting (strconv.FormatFloat 'g' -1) and %#v for error texts

def _to_float32(f: float) -> float:
    try:
        return struct.unpack("<f", struct.pack("<f", f))[0]
    except OverflowError:
        return math.copysign(math.inf, f)


def format_float_g(f: float, bits: int = 64) -> str:
    """``strconv.FormatFloat(f, 'g', -1, bits)``: shortest digits; exponent form below 1e-4 and from 1e6."""
    if f != f:
        return "NaN"
    if bits == 32:
        f = _to_float32(f)
    if f in (math.inf, -math.inf):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "-0" if math.copysign(1.0, f) < 0 else "0"
    if bits == 32:
        for p in range(1, 10):
            s = f"{f:.{p - 1}e}"
            if _to_float32(float(s)) == f:
                break
    else:
        s = repr(f)
    sign, digit_tuple, exp = Decimal(s).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    dp = len(digits) + int(exp)  # decimal point position
    x = dp - 1
    neg = "-" if sign else ""
    if x < -4 or x >= 6:
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{neg}{mant}e{'-' if x < 0 else '+'}{abs(x):02d}"
    if dp <= 0:
        return f"{neg}0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return neg + digits + "0" * (dp - len(digits))
    return f"{neg}{digits[:dp]}.{digits[dp:]}"


class _GoMap(list):
    """A go-yaml ``map[interface{}]interface{}`` as (key, value) pairs, for ``%#v``."""


def _sharp_v(v: Any, top: bool = True) -> str:
    """Go's ``%#v`` (``%+#v``) of a go-yaml decoded value."""
    if v is None:
        return "<nil>" if top else "interface {}(nil)"
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, _Uint64):
        return hex(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return format_float_g(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, _GoMap):
        items = sorted(v, key=lambda kv: (str(type(kv[0])), str(kv[0])))
        body = ", ".join(f"{_sharp_v(k, False)}:{_sharp_v(x, False)}" for k, x in items)
        return "map[interface {}]interface {}{" + body + "}"
    return "[]interface {}{" + ", ".join(_sharp_v(x, False) for x in v) + "}"


def _go_type_name(v: Any) -> str:
    """``%s`` of ``reflect.TypeOf`` for the key types sigs.k8s.io/yaml rejects (nil, uint64)."""
    return "%!s(<nil>)" if v is None else "uint64"


# --------------------------------------------------------------------------
# Node tree → Go/JSON values

def _unalias(node: Any) -> Any:
    while node.__class__ is _AliasRef:
        node = node.target
    return node


def _is_merge(knode: Any) -> bool:
    return (knode.__class__ is ScalarNode and knode.value == "<<"
            and (knode.tag is _PLAIN or knode.tag == _MERGE))


class _Decoder:
    """Turns a PyYAML node tree into the values Helm ends up with.

    go-yaml decode errors raise at once; ``sigs.k8s.io/yaml`` key errors and
    ``json.Marshal``'s NaN/Inf error come after decoding, so they are only
    recorded here and raised by :meth:`finish`.
    """

    __slots__ = ("key_error", "nonfinite")

    def __init__(self) -> None:
        self.key_error: str | None = None
        self.nonfinite: Any = None  # node of the first NaN/Inf value

    def value(self, node: Any) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            tag = node.tag
            s = node.value
            if tag is _PLAIN:
                h = _HINT.get(s[:1])
                if h is None:
                    return s
                if s in _WORDS:
                    if s in _NONFINITE and self.nonfinite is None:
                        self.nonfinite = node
                    return _WORDS[s]
                v = _go_plain(s)
                return float(v) if v.__class__ is int or v.__class__ is _Uint64 else v
            if tag == _STR:
                return s
            try:
                v = _go_tagged(tag, s)
            except _DecodeError as e:
                e.mark = node.start_mark
                raise
            if isinstance(v, float) and not math.isfinite(v) and self.nonfinite is None:
                self.nonfinite = node
            return float(v) if isinstance(v, int) and not isinstance(v, bool) else v
        if cls is MappingNode:
            return self.mapping(node, {})
        if cls is SequenceNode:
            value = self.value
            return [value(n) for n in node.value]
        return self.value(node.target)

    def mapping(self, node: Any, out: dict) -> dict:
        value = self.value
        for knode, vnode in node.value:
            if knode.__class__ is ScalarNode and knode.tag is _PLAIN and _HINT.get(knode.value[:1]) is None:
                out[knode.value] = value(vnode)
            elif _is_merge(knode):
                self.merge(vnode, out)
            else:
                key = self.key(knode, vnode)
                v = value(vnode)
                if key is not None:
                    out[key] = v
        return out

    def merge(self, vnode: Any, out: dict) -> None:
        target = _unalias(vnode)
        if target.__class__ is MappingNode:
            self.mapping(target, out)
            return
        if target.__class__ is SequenceNode:
            for item in reversed(target.value):
                item = _unalias(item)
                if item.__class__ is not MappingNode:
                    break
                self.mapping(item, out)
            else:
                return
        raise _DecodeError("map merge requires map or sequence of maps as the value",
                           vnode.start_mark)

    def key(self, knode: Any, vnode: Any) -> str | None:
        """The JSON key of a map key node, or None (error recorded) if sigs.k8s.io/yaml rejects it."""
        node = _unalias(knode)
        if node.__class__ is not ScalarNode:
            raise _DecodeError(f"invalid map key: {_sharp_v(_go_value(node))}", knode.start_mark)
        k = _go_scalar(node)
        if k.__class__ is str:
            return k
        if k is True or k is False:
            return "true" if k else "false"
        if k.__class__ is int:
            return str(k)
        if k.__class__ is float:
            s = format_float_g(k, 32)
            return {"+Inf": ".inf", "-Inf": "-.inf", "NaN": ".nan"}.get(s, s)
        if self.key_error is None:
            self.key_error = (f"unsupported map key of type: {_go_type_name(k)}, key: {_sharp_v(k)}, "
                              f"value: {_sharp_v(_go_value(vnode))}")
        return None

    def finish(self, result: Any) -> Any:
        if self.key_error is not None:
            raise YAMLError(_YAML_PREFIX + self.key_error)
        if self.nonfinite is not None:
            bad = _first_nonfinite(result)
            mark = self.nonfinite.start_mark
            raise YAMLError(f"{_YAML_PREFIX}json: unsupported value: {format_float_g(bad)}",
                            mark.line, mark.column, mark.index)
        return result


def _first_nonfinite(v: Any) -> float:
    """The NaN/Inf ``json.Marshal`` meets first (it walks maps in sorted key order)."""
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, float):
            if not math.isfinite(x):
                return x
        elif isinstance(x, dict):
            stack.extend(x[k] for k in sorted(x, reverse=True))
        elif isinstance(x, list):
            stack.extend(reversed(x))
    return math.nan


def _go_scalar(node: Any) -> Any:
    """The Go value go-yaml decodes a scalar node to (before JSON: ints stay ints)."""
    if node.tag is _PLAIN:
        return _go_plain(node.value)
    if node.tag == _STR:
        return node.value
    try:
        return _go_tagged(node.tag, node.value)
    except _DecodeError as e:
        e.mark = node.start_mark
        raise


def _go_value(node: Any, depth: int = 0) -> Any:
    """The go-yaml value of any node, maps as :class:`_GoMap` (only for error messages)."""
    node = _unalias(node)
    if depth > 50:
        return None
    if node.__class__ is ScalarNode:
        return _go_scalar(node)
    if node.__class__ is SequenceNode:
        return [_go_value(n, depth + 1) for n in node.value]
    out: dict = {}
    for k, v in node.value:
        key = _go_value(k, depth + 1)
        out[(type(key), key if not isinstance(key, list) else id(key))] = (key, _go_value(v, depth + 1))
    return _GoMap(out.values())


# --------------------------------------------------------------------------
# Parsing: PyYAML node trees with go-yaml's error texts

class _TagMarker(yaml.resolver.BaseResolver):
    """Resolver that only marks untagged plain scalars; resolution happens in :class:`_Decoder`."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP


if _CParser is not None:
    class _FastLoader(_CParser, _TagMarker):  # type: ignore[misc, valid-type]
        """libyaml's parser and composer (C), with our tag marking."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _TagMarker.__init__(self)

    def _event_parser(text: str) -> Any:
        return _CParser(text)
else:
    class _PyEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        """PyYAML's pure-Python scanner and parser."""

        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

    def _event_parser(text: str) -> Any:
        return _PyEvents(text)


class _EventComposer:
    """Builds the node tree from parser events as go-yaml does.

    Unlike PyYAML's composers it lets a later ``&anchor`` redefine an earlier
    one, reports unknown aliases with go-yaml's text, and keeps each alias
    occurrence (with its position) as an :class:`_AliasRef`.
    """

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.anchors: dict[str, Any] = {}

    def document(self) -> Any:
        p = self.parser
        p.get_event()  # StreamStart
        if p.check_event(StreamEndEvent):
            return None
        p.get_event()  # DocumentStart
        node = self.node()
        p.get_event()  # DocumentEnd
        return node

    def node(self) -> Any:
        p = self.parser
        e = p.get_event()
        cls = e.__class__
        if cls is AliasEvent:
            target = self.anchors.get(e.anchor)
            if target is None:
                raise _DecodeError(f"unknown anchor '{e.anchor}' referenced", e.start_mark)
            return _AliasRef(target, e.anchor, e.start_mark, e.end_mark)
        tag = e.tag
        if cls is ScalarEvent:
            if tag is None:
                tag = _PLAIN if e.implicit[0] else _STR
            elif tag == "!":  # non-specific tag: go-yaml leaves the scalar a string
                tag = _STR
            n: Any = ScalarNode(tag, e.value, e.start_mark, e.end_mark, e.style)
            if e.anchor is not None:
                self.anchors[e.anchor] = n
            return n
        if cls is SequenceStartEvent:
            n = SequenceNode(tag if tag not in (None, "!") else _SEQ, [], e.start_mark, None, e.flow_style)
            if e.anchor is not None:
                self.anchors[e.anchor] = n
            while not p.check_event(SequenceEndEvent):
                n.value.append(self.node())
        else:
            n = MappingNode(tag if tag not in (None, "!") else _MAP, [], e.start_mark, None, e.flow_style)
            if e.anchor is not None:
                self.anchors[e.anchor] = n
            while not p.check_event(MappingEndEvent):
                n.value.append((self.node(), self.node()))
        n.end_mark = p.get_event().end_mark
        return n


_PY_PROBLEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"found character .* that cannot start any token"), "found character that cannot start any token"),
    (re.compile(r"mapping values are not allowed here"), "mapping values are not allowed in this context"),
    (re.compile(r"(?:block )?sequence entries are not allowed here"),
     "block sequence entries are not allowed in this context"),
    (re.compile(r"expected ',' or '\]', but got .*"), "did not find expected ',' or ']'"),
    (re.compile(r"expected ',' or '}', but got .*"), "did not find expected ',' or '}'"),
    (re.compile(r"expected <document start>, but found .*"), "did not find expected <document start>"),
    (re.compile(r"expected the node content, but found .*"), "did not find expected node content"),
    (re.compile(r"found unknown escape character .*"), "found unknown escape character"),
    (re.compile(r"expected alphabetic or numeric character, but found .*"),
     "did not find expected alphabetic or numeric character"),
    (re.compile(r"expected a comment or a line break, but found .*"), "did not find expected comment or line break"),
]


def _libyaml_problem(e: yaml.MarkedYAMLError) -> str:
    """libyaml's problem text (the pure-Python parser words a few differently)."""
    problem = e.problem or ""
    if _CParser is not None:
        return problem
    if problem.startswith("expected <block end>"):
        return "did not find expected '-' indicator" if e.context == "while parsing a block collection" \
            else "did not find expected key"
    for pattern, text in _PY_PROBLEMS:
        if pattern.fullmatch(problem):
            return text
    return problem


def _syntax_error(e: Exception) -> YAMLError:
    """go-yaml v2's ``parser.fail`` message: scanner errors count lines from 1, parser errors from 0."""
    if isinstance(e, yaml.reader.ReaderError):
        return YAMLError(f"{_YAML_PREFIX}yaml: {e.reason}", pos=e.position)
    assert isinstance(e, yaml.MarkedYAMLError)
    pm, cm = e.problem_mark, e.context_mark
    if (_CParser is None and pm is not None and pm.column and not isinstance(e, yaml.scanner.ScannerError)
            and pm.index >= len(pm.buffer or "") - 1):
        # libyaml ends an unterminated last line before the stream end; PyYAML's reader does not
        pm = yaml.Mark(pm.name, pm.index, pm.line + 1, 0, None, None)
    if isinstance(e, yaml.scanner.ScannerError):
        line = pm.line + 1 if pm is not None and pm.line else 0
    else:
        line = pm.line if pm is not None and pm.line else (cm.line if cm is not None else 0)
    where = f"line {line}: " if line else ""
    problem = _libyaml_problem(e) or "unknown problem parsing YAML content"
    mark = pm or cm
    return YAMLError(f"{_YAML_PREFIX}yaml: {where}{problem}",
                     mark.line if mark else None, mark.column if mark else None, mark.index if mark else None)


def _decode_error(e: _DecodeError) -> YAMLError:
    m = e.mark
    return YAMLError(f"{_YAML_PREFIX}yaml: {e.msg}", m.line if m else None, m.column if m else None,
                     m.index if m else None)


def _compose_events(text: str) -> Any:
    return _EventComposer(_event_parser(text)).document()


# A "!" non-specific tag, which libyaml's composer cannot tell from an untagged plain scalar.
_BARE_TAG = re.compile(r"(?:^|[\s\[{,])!(?=[\s\]},]|\Z)")


def _utf8_problem(text: str) -> str | None:
    """go-yaml's reader error for text holding bytes that are not UTF-8 (surrogate-escaped), else None."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as e:
        data = text.encode("utf-8", "surrogateescape")
        i = len(text[:e.start].encode("utf-8"))
    lead = data[i]
    width = 2 if lead & 0xE0 == 0xC0 else 3 if lead & 0xF0 == 0xE0 else 4 if lead & 0xF8 == 0xF0 else 0
    if not width:
        return "invalid leading UTF-8 octet"
    if i + width > len(data):
        return "incomplete UTF-8 octet sequence"
    value = lead & (0x1F, 0x0F, 0x07)[width - 2]
    for octet in data[i + 1:i + width]:
        if octet & 0xC0 != 0x80:
            return "invalid trailing UTF-8 octet"
        value = (value << 6) | (octet & 0x3F)
    if value < (0x80, 0x800, 0x10000)[width - 2]:
        return "invalid length of a UTF-8 sequence"
    return "invalid Unicode character"  # a surrogate or beyond U+10FFFF


def _compose_raw(text: str) -> Any:
    """The first document's node tree (None for an empty stream); C composer when possible."""
    problem = _utf8_problem(text)
    if problem is not None:
        # go-yaml decodes lazily, but a syntax error before the bad byte is rare enough to ignore.
        raise YAMLError(f"{_YAML_PREFIX}yaml: {problem}")
    try:
        if _CParser is not None and not ("!" in text and _BARE_TAG.search(text)):
            loader = _FastLoader(text)
            try:
                return loader.get_node() if loader.check_node() else None
            except yaml.composer.ComposerError:
                pass  # duplicate or unknown anchor: go-yaml's rules need our composer
        return _compose_events(text)
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as e:
        raise _syntax_error(e) from None
    except _DecodeError as e:
        raise _decode_error(e) from None


def _anchor_cycle_error(root: Any, text: str) -> YAMLError:
    """go-yaml's error for an alias inside its own anchor (we only see unbounded recursion)."""
    active: set[int] = set()

    def walk(node: Any, via: Any) -> Any:
        if node.__class__ is _AliasRef:
            return walk(node.target, node)
        if id(node) in active:
            return via if via is not None else node
        if node.__class__ is ScalarNode:
            return None
        active.add(id(node))
        children = node.value if node.__class__ is SequenceNode else [c for kv in node.value for c in kv]
        for child in children:
            found = walk(child, None)
            if found is not None:
                return found
        active.discard(id(node))
        return None

    found = walk(root, None)
    if found is None:
        return YAMLError(f"{_YAML_PREFIX}yaml: exceeded max depth")
    if found.__class__ is _AliasRef:
        name = found.name
    else:
        m = re.search(r"&([^\s,\[\]{}]+)", text[found.start_mark.index:])
        name = m.group(1) if m else ""
    mark = found.start_mark
    return YAMLError(f"{_YAML_PREFIX}yaml: anchor '{name}' value contains itself",
                     mark.line, mark.column, mark.index)


def _decode(root: Any, text: str, fn: Callable[[Any], Any]) -> Any:
    try:
        return fn(root)
    except _DecodeError as e:
        raise _decode_error(e) from None
    except RecursionError:
        raise _anchor_cycle_error(root, text) from None


# --------------------------------------------------------------------------
# Public API: values

def loads(text: str) -> Any:
    """The value Helm gets from YAML text (dict/list/str/float/bool/None); raises :class:`YAMLError`."""
    root = _compose_raw(text)
    if root is None:
        return None
    d = _Decoder()
    return d.finish(_decode(root, text, d.value))


def _json_type_error(v: Any, go_type: str) -> str:
    """``encoding/json``'s error for a top-level document that does not fit ``go_type``."""
    kind = "array" if isinstance(v, list) else "string" if isinstance(v, str) else \
        "bool" if isinstance(v, bool) else "number"
    return _JSON_TYPE_ERROR.format(kind=kind, type=go_type)


def load_map(text: str) -> dict:
    """Helm's ``ReadValues``/values-file decode: empty → ``{}``, a non-map document is an error."""
    v = loads(text)
    if v is None:
        return {}
    if isinstance(v, dict):
        return v
    raise YAMLError(_json_type_error(v, "map[string]interface {}"))


def chart_string(v: Any) -> str:
    """A decoded YAML scalar as ``sigs.k8s.io/yaml`` stores it in a Go ``string`` field.

    Numbers and bools are formatted (floats via ``FormatFloat(v, 'g', -1, 32)``:
    ``1.10`` → ``"1.1"``, ``1.0`` → ``"1"``); nil leaves the field empty.
    """
    if v is None:
        return ""
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        return format_float_g(v, 32)
    return str(v)


# Go string targets of helm's chart.Metadata (json names); lists/maps give their element type.
_MAINTAINER = {"name": "s", "email": "s", "url": "s"}
_DEPENDENCY = {"name": "s", "version": "s", "repository": "s", "condition": "s", "tags": ["s"], "alias": "s"}
_METADATA: dict[str, Any] = {
    "name": "s", "home": "s", "sources": ["s"], "version": "s", "description": "s", "keywords": ["s"],
    "maintainers": [_MAINTAINER], "icon": "s", "apiVersion": "s", "condition": "s", "tags": "s",
    "appVersion": "s", "annotations": {"*": "s"}, "kubeVersion": "s", "dependencies": [_DEPENDENCY],
    "type": "s",
}


def _apply_string_targets(node: Any, value: Any, schema: Any) -> Any:
    """Re-decode the parts of ``value`` whose Go target is a string (``convertToJSONableObject``)."""
    node = _unalias(node)
    if schema == "s":
        if node.__class__ is ScalarNode:
            v = _go_scalar(node)
            if isinstance(v, (int, float)):  # includes bool
                return chart_string(v)
        return value
    if isinstance(schema, list):
        if node.__class__ is SequenceNode and isinstance(value, list):
            return [_apply_string_targets(n, v, schema[0]) for n, v in zip(node.value, value)]
        return value
    if node.__class__ is not MappingNode or not isinstance(value, dict):
        return value
    fields = {k.lower(): s for k, s in schema.items()}
    d = _Decoder()
    for knode, vnode in node.value:
        if _is_merge(knode):
            continue
        key = d.key(knode, vnode)
        if key is None or key not in value:
            continue
        sub = schema["*"] if "*" in schema else fields.get(key.lower())
        if sub is not None:
            value[key] = _apply_string_targets(vnode, value[key], sub)
    return value


def load_chart_yaml(text: str) -> dict:
    """Chart.yaml as Helm decodes it into ``chart.Metadata``: string fields get numbers/bools formatted."""
    root = _compose_raw(text)
    if root is None:
        return {}
    d = _Decoder()
    value = d.finish(_decode(root, text, d.value))
    if not isinstance(value, dict):
        raise YAMLError(_json_type_error(value, "chart.Metadata"))
    return _decode(root, text, lambda r: _apply_string_targets(r, value, _METADATA))


# --------------------------------------------------------------------------
# Public API: positioned tree for editors

@dataclass(eq=False)
class YNode:
    """A node with its position, resolved value and (for map keys) doc comment.

    ``value`` of a key node is its JSON key string (``y`` → ``"true"``); an
    alias node shares the ``entries``/``items`` of its anchor so paths can be
    followed through it. A ``<<`` merge is kept as an ordinary entry with a
    plain ``"<<"`` key.
    """

    kind: str
    value: Any
    pos: int
    end: int
    line: int
    col: int
    style: str | None = None
    entries: list[tuple["YNode", "YNode"]] = field(default_factory=list)
    items: list["YNode"] = field(default_factory=list)
    comment: str | None = None


_STYLES = {"'": "'", '"': '"', "|": "|", ">": ">"}
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_COMMENT_LINE = re.compile(r"([ \t]*)#(.*)\Z")
_SEQ_PREFIX = re.compile(r"[ \t]*(?:-[ \t]+)+\Z")
_TRAILING_COMMENT = re.compile(r"(?:(?<=[ \t])|(?<=^))#(.*)")


class _TreeBuilder:
    """Builds :class:`YNode` trees from event-composed nodes, with values and comments."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _LINE_BREAK.split(text)
        self.decoder = _Decoder()
        self.built: dict[int, YNode] = {}  # anchored collections, for aliases
        self._starts: list[int] | None = None  # character offset of each line, computed on demand

    def build(self, node: Any) -> YNode:
        cls = node.__class__
        sm = node.start_mark
        if cls is _AliasRef:
            target = _unalias(node)
            y = YNode("alias", self.decoder.value(target), sm.index, node.end_mark.index, sm.line, sm.column)
            built = self.built.get(id(target))
            if built is not None:
                y.entries, y.items = built.entries, built.items
            return y
        if cls is ScalarNode:
            return YNode("scalar", self.decoder.value(node), sm.index, node.end_mark.index, sm.line, sm.column,
                         _STYLES.get(node.style or ""))
        if cls is SequenceNode:
            y = YNode("seq", [], sm.index, node.end_mark.index, sm.line, sm.column)
            self.built[id(node)] = y
            y.items = [self.build(n) for n in node.value]
            y.value = [i.value for i in y.items]
            if not node.flow_style and y.items:
                y.end = y.items[-1].end
            return y
        y = YNode("map", {}, sm.index, node.end_mark.index, sm.line, sm.column)
        self.built[id(node)] = y
        out: dict = y.value
        for knode, vnode in node.value:
            merge = _is_merge(knode)
            key = "<<" if merge else self.decoder.key(knode, vnode)
            ky = self.build(knode)
            ky.value = key
            vy = self.build(vnode)
            ky.comment = self.comment(ky, vy)
            y.entries.append((ky, vy))
            if merge:
                self.decoder.merge(vnode, out)
            elif key is not None:
                out[key] = vy.value
        if not node.flow_style and y.entries:
            y.end = y.entries[-1][1].end
        return y

    def comment(self, key: YNode, value: YNode) -> str | None:
        """The key's doc comment: the ``#`` block right above it, else a trailing ``# comment``."""
        lines = self.lines
        key_line = lines[key.line]
        dash_col = -1
        if _SEQ_PREFIX.match(key_line[:key.col]):
            dash_col = len(key_line) - len(key_line.lstrip(" \t"))
        block: list[str] = []
        i = key.line - 1
        while i >= 0:
            m = _COMMENT_LINE.match(lines[i])
            if m is None or len(m.group(1)) not in (key.col, dash_col):
                break
            block.append(m.group(2).lstrip("#"))
            i -= 1
        if block:
            block.reverse()
            for j in range(len(block) - 1, -1, -1):  # helm-docs: the last "# --" line starts the description
                if block[j].startswith(" -- ") or block[j] == " --":
                    block = [block[j][4:]] + block[j + 1:]
                    break
            return "\n".join(b[1:] if b.startswith(" ") else b for b in block).strip("\n") or None
        line_start = self.line_start(key.line)
        end = value.end if value.line == key.line and value.end <= line_start + len(key_line) else key.end
        m = _TRAILING_COMMENT.search(key_line, end - line_start)
        return (m.group(1).strip() or None) if m else None

    def line_start(self, line: int) -> int:
        starts = self._starts
        if starts is None:
            starts = [0]
            for m in _LINE_BREAK.finditer(self.text):
                starts.append(m.end())
            self._starts = starts
        return starts[line]


def compose(text: str) -> YNode | None:
    """The first document as a :class:`YNode` tree (None if empty); raises :class:`YAMLError`.

    Only YAML errors raise; the JSON-stage problems Helm would report (NaN,
    null keys) do not stop an editor from getting the tree.
    """
    try:
        root = _compose_events(text)
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as e:
        raise _syntax_error(e) from None
    except _DecodeError as e:
        raise _decode_error(e) from None
    if root is None:
        return None
    return _decode(root, text, _TreeBuilder(text).build)


def lookup(root: YNode, path: list[str]) -> tuple[YNode, YNode] | None:
    """The (key node, value node) at a path of map keys, following aliases and ``<<`` merges."""
    pair: tuple[YNode, YNode] | None = None
    node = root
    for segment in path:
        pair = _find_key(node, segment, 0)
        if pair is None:
            return None
        node = pair[1]
    return pair


def _find_key(node: YNode, key: str, depth: int) -> tuple[YNode, YNode] | None:
    if depth > 64:
        return None
    merges: list[YNode] = []
    for k, v in reversed(node.entries):
        if k.value == "<<" and k.style is None:
            merges.append(v)
        elif k.value == key:
            return k, v
    for m in reversed(merges):
        sources = [m] if m.entries or not m.items else m.items
        for s in sources:
            found = _find_key(s, key, depth + 1)
            if found is not None:
                return found
    return None


# --------------------------------------------------------------------------
# Public API: one document's value with positions on demand (validators)

class Span(tuple):
    """A node's ``(pos, end)`` character offsets in the document, as :class:`YNode` has them."""

    __slots__ = ()

    def __new__(cls, pos: int, end: int) -> "Span":
        return tuple.__new__(cls, (pos, end))

    @property
    def pos(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]


@dataclass(frozen=True)
class DuplicateKey:
    """A key set twice in one mapping: go-yaml v2 keeps the last, a strict decoder rejects it."""

    path: list  # of the mapping
    key: str
    first: Span
    again: Span
    first_line: int  # 0-based line of the first occurrence


class _Unusual(Exception):
    """The document needs the exact decoder (tags, anchors, merges, odd keys, duplicates)."""


def _plain_value(s: str) -> Any:
    """:class:`_Decoder`'s value for an untagged plain scalar."""
    if s in _WORDS:
        return _WORDS[s]
    v = _go_plain(s)
    return float(v) if v.__class__ is int or v.__class__ is _Uint64 else v


def _event_value(text: str) -> Any:
    """The value of a plain document straight from libyaml's events, no node tree.

    Handles what rendered manifests are made of: untagged scalars, maps with
    string keys, lists. Anything else raises :class:`_Unusual`; parse errors
    propagate (the exact path reproduces them with go-yaml's wording).
    """
    parser = _CParser(text)
    get = parser.get_event
    get()  # StreamStart
    if get().__class__ is StreamEndEvent:
        return _EMPTY
    hint, memo, keys = _HINT, _PLAIN_MEMO, _PLAIN_KEYS
    scalar, map_start, seq_start = ScalarEvent, MappingStartEvent, SequenceStartEvent
    stack: list = []
    cur: Any = None  # container being filled
    in_map = False
    key: Any = None  # pending map key; None: the next scalar is a key
    while True:
        e = get()
        cls = e.__class__
        if cls is scalar:
            if e.tag is not None or e.anchor is not None:
                raise _Unusual
            s = e.value
            plain = e.implicit[0]
            if in_map and key is None:
                if plain and s[:1] in hint:
                    ok = keys.get(s)
                    if ok is None:
                        ok = not (s in _WORDS or s == "<<" or _go_plain(s).__class__ is not str)
                        if len(keys) < 4096:
                            keys[s] = ok
                    if not ok:
                        raise _Unusual  # a key go-yaml resolves to a bool, number or null, or a merge
                if s in cur:
                    raise _Unusual  # duplicate: the exact path reports where
                key = s
                continue
            if plain and s[:1] in hint:
                try:
                    v: Any = memo[s]
                except KeyError:
                    v = _plain_value(s)
                    if len(memo) < 4096:
                        memo[s] = v
            else:
                v = s
            if in_map:
                cur[key] = v
                key = None
            elif cur is None:
                get()  # DocumentEnd
                return v
            else:
                cur.append(v)
        elif cls is map_start or cls is seq_start:
            if e.tag is not None or e.anchor is not None:
                raise _Unusual
            n: Any = {} if cls is map_start else []
            if in_map:
                if key is None:  # a collection as a key
                    raise _Unusual
                cur[key] = n
            elif cur is not None:
                cur.append(n)
            stack.append((cur, in_map, key))
            cur, in_map, key = n, cls is map_start, None
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            n = cur
            cur, in_map, key = stack.pop()
            if cur is None:
                get()  # DocumentEnd: trailing content is an error here, as in the composers
                return n
            key = None
        else:  # an alias
            raise _Unusual


# Resolved plain scalars (immutable values) and whether a plain key stays a string, shared by all documents.
_PLAIN_MEMO: dict[str, Any] = {}
_PLAIN_KEYS: dict[str, bool] = {}
_EMPTY = object()


class RawDoc:
    """One document (the first of ``text``): its value, duplicate keys and node positions.

    ``value`` is what the API server's decoder reads (like :func:`loads`, but the
    JSON-stage problems, NaN and keys JSON cannot hold, do not raise: a validator
    still checks the rest). Positions are computed only when asked for, from
    PyYAML's node tree, without building a :class:`YNode` tree or comments.
    """

    __slots__ = ("text", "value", "_tree", "_dups", "_plain")

    def __init__(self, text: str, value: Any, tree: Any, dups: list[DuplicateKey], plain: bool) -> None:
        self.text = text
        self.value = value
        self._tree = tree
        self._dups = dups
        self._plain = plain  # no tags, anchors or aliases: libyaml's C composer gives the exact tree

    def duplicates(self) -> list[DuplicateKey]:
        """Keys set twice in one mapping (merge keys excepted), in document order."""
        return self._dups

    def _root(self) -> Any:
        if self._tree is None:
            if self._plain:
                loader = _FastLoader(self.text)
                self._tree = loader.get_node() if loader.check_node() else None
            else:  # keeps each alias occurrence's own position, as compose() does
                self._tree = _compose_events(self.text)
        return self._tree

    def node_at(self, path: list) -> Span:
        """The value at instance ``path`` (the deepest existing ancestor if it is absent)."""
        return _raw_span(_raw_walk(self._root(), path)[1])

    def key_at(self, path: list) -> Span:
        """The key naming the value at ``path`` (for a list item or the root: the node itself)."""
        key, node = _raw_walk(self._root(), path)
        return _raw_span(key if key is not None else node)

    def first_key_at(self, path: list) -> Span:
        """The first key of the mapping at ``path`` (the node itself if it is no mapping or empty)."""
        node = _raw_walk(self._root(), path)[1]
        target = _unalias(node)
        if target.__class__ is MappingNode and target.value:
            return _raw_span(target.value[0][0])
        return _raw_span(node)


def parse_raw(text: str) -> RawDoc | None:
    """The first document of ``text`` for validation (None if empty); raises :class:`YAMLError`.

    Plain documents are decoded straight from parser events; documents with
    tags, anchors, merges, non-string keys or duplicate keys take the exact
    node-tree decoder. Both give the same value.
    """
    if _CParser is not None and _utf8_problem(text) is None:
        try:
            value = _event_value(text)
        except (_Unusual, yaml.YAMLError):
            pass
        else:
            return None if value is _EMPTY else RawDoc(text, value, None, [], True)
    try:
        tree = _compose_raw(text)
        if tree is None:
            return None
        value = _Decoder().value(tree)
    except _DecodeError as e:
        raise _decode_error(e) from None
    except RecursionError:  # an alias inside its own anchor: compose reports it as go-yaml does
        compose(text)
        return None
    return RawDoc(text, value, tree if "*" not in text else None, _raw_duplicates(tree), False)


def _raw_duplicates(root: Any) -> list[DuplicateKey]:
    out: list[DuplicateKey] = []
    stack: list[tuple[Any, list]] = [(root, [])]
    while stack:
        node, path = stack.pop()
        cls = node.__class__
        if cls is MappingNode:
            first: dict[str, Any] = {}
            for k, v in node.value:
                if k.__class__ is not ScalarNode:
                    continue
                key = k.value
                if key in first:
                    if key != "<<":
                        f = first[key]
                        out.append(DuplicateKey(path, key, Span(f.start_mark.index, f.end_mark.index),
                                                Span(k.start_mark.index, k.end_mark.index), f.start_mark.line))
                else:
                    first[key] = k
                stack.append((v, path + [key]))
        elif cls is SequenceNode:
            stack.extend((item, path + [i]) for i, item in enumerate(node.value))
    out.sort(key=lambda dup: dup.again)
    return out


def _raw_span(node: Any) -> Span:
    """The span :class:`YNode` gives ``node``: a block collection ends with its last value."""
    start = node.start_mark.index
    while True:
        cls = node.__class__
        if cls is MappingNode and not node.flow_style and node.value:
            node = node.value[-1][1]
        elif cls is SequenceNode and not node.flow_style and node.value:
            node = node.value[-1]
        else:
            return Span(start, node.end_mark.index)


def _raw_is_merge_key(knode: Any, key: str | None) -> bool:
    """Whether :func:`lookup`'s rules treat an entry as a ``<<`` merge (a plain ``"<<"`` key)."""
    if key != "<<":
        return False
    return knode.__class__ is _AliasRef or _STYLES.get(getattr(knode, "style", None) or "") is None


def _raw_entry(node: Any, key: str, decoder: _Decoder, depth: int = 0) -> tuple[Any, Any] | None:
    """The (key, value) nodes a decoder keeps for ``key``: the last occurrence, else through merges."""
    node = _unalias(node)
    if node.__class__ is not MappingNode:
        return None
    merges: list[Any] = []
    for k, v in reversed(node.value):
        name = "<<" if _is_merge(k) else decoder.key(k, v)
        if _raw_is_merge_key(k, name):
            merges.append(v)
        elif name == key:
            return k, v
    if depth < 32:
        for m in reversed(merges):
            target = _unalias(m)
            sources = target.value if target.__class__ is SequenceNode and target.value else [m]
            for source in sources:
                found = _raw_entry(source, key, decoder, depth + 1)
                if found is not None:
                    return found
    return None


def _raw_walk(root: Any, path: list) -> tuple[Any, Any]:
    """(key node of the last map step or None, deepest node reached) along ``path``."""
    key = None
    node = root
    decoder = _Decoder()
    for step in path:
        if isinstance(step, int):
            target = _unalias(node)
            if target.__class__ is not SequenceNode or step >= len(target.value):
                break
            key, node = None, target.value[step]
        else:
            try:
                pair = _raw_entry(node, step, decoder)
            except _DecodeError:
                pair = None
            if pair is None:
                break
            key, node = pair
    return key, node

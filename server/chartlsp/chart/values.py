"""Values: Helm's MergeValues for the CLI, CoalesceValues, and ``chartutil.Values``.

Coalescing follows ``pkg/chartutil/coalesce.go`` step for step (including the
places where it mutates its inputs and the warnings it prints), because
templates can observe the result: which nulls survive, which globals a
subchart sees, which chart default loses to which user value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..gotemplate.gotypes import GoError, GoFunc, TypedList, TypedMap, type_name
from . import strvals
from .model import ChartError

if TYPE_CHECKING:
    from .model import Chart

GLOBAL_KEY = "global"
Warn = Callable[[str], None]


# ---------------------------------------------------------------- chartutil.Values


class Values(TypedMap):
    """``chartutil.Values`` viewing a plain dict by identity.

    A dict subclass cannot share another dict's storage, so this one keeps its
    own storage empty and forwards every mapping operation to ``data``. That
    lets a subchart's ``.Values`` be the very dict held at the parent's
    ``.Values.<sub>`` (Helm's ``vals.Table("Values."+name)``): a ``set`` in one
    template is seen by all, while ``%T`` still says ``chartutil.Values`` here
    and ``map[string]interface {}`` in the parent.
    """

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, data: dict | None = None) -> None:
        dict.__init__(self)
        self.go_type = "chartutil.Values"
        self.underlying = "map[string]interface {}"
        self.data = {} if data is None else data

    # mapping protocol, forwarded
    def __getitem__(self, k: Any) -> Any:
        return self.data[k]

    def __setitem__(self, k: Any, v: Any) -> None:
        self.data[k] = v

    def __delitem__(self, k: Any) -> None:
        del self.data[k]

    def __contains__(self, k: object) -> bool:
        return k in self.data

    def __iter__(self) -> Iterator[Any]:
        return iter(self.data)

    def __reversed__(self) -> Iterator[Any]:
        return reversed(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __eq__(self, other: object) -> bool:
        return self.data == (other.data if isinstance(other, Values) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __repr__(self) -> str:
        return f"Values({self.data!r})"

    def __or__(self, other: Any) -> dict:
        return self.data | dict(other)

    def __ior__(self, other: Any) -> "Values":
        self.data.update(other)
        return self

    def get(self, k: Any, default: Any = None) -> Any:
        return self.data.get(k, default)

    def keys(self):  # type: ignore[override]
        return self.data.keys()

    def values(self):  # type: ignore[override]
        return self.data.values()

    def items(self):  # type: ignore[override]
        return self.data.items()

    def pop(self, k: Any, *default: Any) -> Any:
        return self.data.pop(k, *default)

    def popitem(self) -> tuple[Any, Any]:
        return self.data.popitem()

    def setdefault(self, k: Any, default: Any = None) -> Any:
        return self.data.setdefault(k, default)

    def update(self, *args: Any, **kw: Any) -> None:
        self.data.update(*args, **kw)

    def clear(self) -> None:
        self.data.clear()

    def copy(self) -> "Values":
        return Values(dict(self.data))

    def __copy__(self) -> "Values":
        return self.copy()

    def __deepcopy__(self, memo: dict) -> "Values":
        return Values(deep_copy(self.data))

    def __reduce__(self) -> Any:
        return (Values, (self.data,))

    # Go methods
    def go_method(self, name: str) -> GoFunc | None:
        if name == "AsMap":
            return GoFunc("AsMap", self.as_map, (), returns="map[string]interface {}", has_error=False,
                          signature="AsMap", doc="The values as a plain map.")
        if name == "YAML":
            return GoFunc("YAML", self.yaml, (), returns="string",
                          signature="YAML", doc="The values serialised as YAML.")
        if name == "Table":
            return GoFunc("Table", self.table, ("string",), returns="chartutil.Values",
                          signature="Table NAME", doc="The nested table at a dotted path; error if it is not a table.")
        if name == "PathValue":
            return GoFunc("PathValue", self.path_value, ("string",), returns="interface {}",
                          signature="PathValue PATH", doc="The non-table value at a dotted path; error if none.")
        return None

    def as_map(self) -> dict:
        return self.data if self.data else {}

    def yaml(self) -> str:
        from ..encoding.yamlemit import to_yaml
        s = to_yaml(self.data)
        return s if s.endswith("\n") else s + "\n"

    def table(self, name: str) -> "Values":
        t = self.data
        for part in name.split("."):
            if part not in t:
                raise GoError(f'"{part}" is not a table')
            v = t[part]
            if isinstance(v, Values):
                v = v.data
            if type(v) is not dict:
                raise GoError(f'"{part}" is not a table')
            t = v
        return Values(t)

    def path_value(self, path: str) -> Any:
        if not path:
            raise GoError("YAML path cannot be empty")
        parts = path.split(".")
        key = parts[-1]
        if len(parts) == 1:
            t: Any = self.data
        else:
            try:
                t = self.table(".".join(parts[:-1])).data
            except GoError:
                raise GoError(f'"{key}" is not a value') from None
        if key in t and not _istable(t[key]):
            return t[key]
        raise GoError(f'"{key}" is not a value')


def values_object(d: dict) -> Values:
    """Wrap a values dict as ``chartutil.Values`` sharing its storage."""
    return d if isinstance(d, Values) else Values(d)


# ---------------------------------------------------------------- copying and Go formatting


def deep_copy(v: Any) -> Any:
    """copystructure.Copy for values: maps and slices copied, scalars shared."""
    if isinstance(v, dict):
        if type(v) is dict:
            return {k: deep_copy(x) for k, x in v.items()}
        if isinstance(v, Values):
            return Values(deep_copy(v.data))
        if isinstance(v, TypedMap):
            return TypedMap({k: deep_copy(x) for k, x in v.items()}, v.go_type, v.underlying)
        return {k: deep_copy(x) for k, x in v.items()}
    if isinstance(v, list):
        if isinstance(v, TypedList):
            return TypedList((deep_copy(x) for x in v), v.go_type)
        return [deep_copy(x) for x in v]
    return v


def _istable(v: Any) -> bool:
    return type(v) is dict


def go_v(v: Any) -> str:
    """Go's ``%v`` for values, enough for Helm's warnings."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return _go_float(v)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, str):
        return v
    if isinstance(v, (bytes, bytearray)):
        return "[" + " ".join(str(b) for b in v) + "]"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{go_v(v[k])}" for k in sorted(v)) + "]"
    if isinstance(v, list):
        return "[" + " ".join(go_v(x) for x in v) + "]"
    s = getattr(v, "go_string", lambda: None)()
    return s if s is not None else str(v)


def _go_float(f: float) -> str:
    """strconv's shortest 'g' as %v prints it (exponent < -4 or >= 6 → %e form)."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    sign, digits, exp = Decimal(repr(f)).as_tuple()
    ds = "".join(map(str, digits)).rstrip("0") or "0"
    exp10 = len(digits) + int(exp) - 1
    neg = "-" if sign else ""
    if exp10 < -4 or exp10 >= 6:
        mant = ds[0] + ("." + ds[1:] if len(ds) > 1 else "")
        return f"{neg}{mant}e{'-' if exp10 < 0 else '+'}{abs(exp10):02d}"
    if exp10 < 0:
        return f"{neg}0.{'0' * (-exp10 - 1)}{ds}"
    if len(ds) <= exp10 + 1:
        return neg + ds + "0" * (exp10 + 1 - len(ds))
    return f"{neg}{ds[:exp10 + 1]}.{ds[exp10 + 1:]}"


def _go_t(v: Any) -> str:
    """Go's ``%t`` (Helm's "type mismatch" message uses it on non-bools)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "%!t(<nil>)"
    return f"%!t({type_name(v)}={go_v(v)})"


# ---------------------------------------------------------------- coalescing


def _concat(a: str, b: str) -> str:
    return b if not a else f"{a}.{b}"


def coalesce_values(chart: "Chart", vals: dict | None, warn: Warn, merge: bool = False) -> dict:
    """Helm's CoalesceValues (``merge=False``) or MergeValues (``merge=True``) on a copy of ``vals``."""
    dest = deep_copy(vals) if vals else {}
    return _coalesce(chart, dest, "", merge, warn)


def _coalesce(chart: "Chart", dest: dict, prefix: str, merge: bool, warn: Warn) -> dict:
    _coalesce_chart_values(chart, dest, prefix, merge, warn)
    return _coalesce_deps(chart, dest, prefix, merge, warn)


def _coalesce_deps(chart: "Chart", dest: dict, prefix: str, merge: bool, warn: Warn) -> dict:
    for sub in chart.dependencies:
        name = sub.name
        if name not in dest:
            dest[name] = {}
        elif not _istable(dest[name]):
            raise ChartError(f"type mismatch on {name}: {_go_t(dest[name])}")
        dvmap = dest[name]
        sub_prefix = _concat(prefix, chart.name)
        _coalesce_globals(dvmap, dest, sub_prefix, warn)
        dest[name] = _coalesce(sub, dvmap, sub_prefix, merge, warn)
    return dest


def _coalesce_globals(dest: dict, src: dict, prefix: str, warn: Warn) -> None:
    if GLOBAL_KEY not in dest:
        dg: dict = {}
    else:
        dg = dest[GLOBAL_KEY]
        if not _istable(dg):
            warn(f"warning: skipping globals because destination {GLOBAL_KEY} is not a table.")
            return
    if GLOBAL_KEY not in src:
        sg: dict = {}
    else:
        sg = src[GLOBAL_KEY]
        if not _istable(sg):
            warn(f"warning: skipping globals because source {GLOBAL_KEY} is not a table.")
            return
    for key, val in sg.items():
        if _istable(val):
            vv = dict(val)
            if key not in dg:
                dg[key] = vv
            elif not _istable(dg[key]):
                warn(f'Conflict: cannot merge map onto non-map for "{key}". Skipping.')
            else:
                _coalesce_tables(vv, dg[key], _concat(prefix, key), True, warn)
                dg[key] = vv
        elif key in dg and _istable(dg[key]):
            warn(f"key {key} is table. Skipping")
        else:
            dg[key] = val
    dest[GLOBAL_KEY] = dg


def _coalesce_chart_values(chart: "Chart", v: dict, prefix: str, merge: bool, warn: Warn) -> None:
    sub_prefix = _concat(prefix, chart.name)
    sub_names = {d.name for d in chart.dependencies}
    for key, val in deep_copy(chart.values).items():
        if key in v:
            value = v[key]
            if value is None and not merge:
                del v[key]
            elif _istable(value):
                if not _istable(val):
                    if val is not None:
                        warn(f"warning: skipped value for {sub_prefix}.{key}: Not a table.")
                else:
                    _coalesce_tables(value, val, _concat(sub_prefix, key), merge or key in sub_names, warn)
        else:
            v[key] = val


def coalesce_tables(dst: dict | None, src: dict | None, warn: Warn) -> dict | None:
    """Helm's CoalesceTables: ``dst`` wins; user nulls delete chart defaults."""
    return _coalesce_tables(dst, src, "", False, warn)


def merge_tables(dst: dict | None, src: dict | None, warn: Warn) -> dict | None:
    """Helm's MergeTables: like CoalesceTables but nulls are kept."""
    return _coalesce_tables(dst, src, "", True, warn)


def _coalesce_tables(dst: dict | None, src: dict | None, prefix: str, merge: bool, warn: Warn) -> dict | None:
    if src is None:
        return dst
    if dst is None:
        return src
    src_non_nil = {k for k, x in src.items() if x is not None}
    for key, x in dst.items():
        if x is None:
            src[key] = None
    for key, val in src.items():
        full = _concat(prefix, key)
        if key in dst:
            dv = dst[key]
            if not merge and dv is None and key in src_non_nil:
                del dst[key]
            elif _istable(val):
                if _istable(dv):
                    _coalesce_tables(dv, val, full, merge, warn)
                else:
                    warn(f"warning: cannot overwrite table with non table for {full} ({go_v(val)})")
            elif _istable(dv) and val is not None:
                warn(f"warning: destination for {full} is a table. Ignoring non-table value ({go_v(val)})")
        else:
            dst[key] = val
    return dst


# ---------------------------------------------------------------- CLI values


@dataclass
class ValueOptions:
    """The ``-f/--set…`` flags of ``helm template``, applied in Helm's order."""

    value_files: list[str] = field(default_factory=list)
    set: list[str] = field(default_factory=list)
    set_string: list[str] = field(default_factory=list)
    set_json: list[str] = field(default_factory=list)
    set_file: list[str] = field(default_factory=list)
    set_literal: list[str] = field(default_factory=list)


def merge_maps(a: dict, b: dict) -> dict:
    """Helm's loader.MergeMaps: recursive for maps, ``b`` wins otherwise."""
    out = dict(a)
    for k, v in b.items():
        if type(v) is dict and type(out.get(k)) is dict:
            out[k] = merge_maps(out[k], v)
        else:
            out[k] = v
    return out


def _read_file(path: str) -> bytes:
    if "://" in path:
        raise ChartError(f'could not find protocol handler for: {path.split("://", 1)[0]}', file=path)
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise ChartError(f"open {path}: no such file or directory", file=path) from None
    except IsADirectoryError:
        raise ChartError(f"read {path}: is a directory", file=path) from None
    except OSError as e:
        raise ChartError(f"open {path}: {e.strerror or e}", file=path) from None


def merge_user_values(opts: ValueOptions) -> dict:
    """Helm's ``values.Options.MergeValues``: -f files, then --set-json, --set, --set-string, --set-file, --set-literal."""
    from ..encoding import goyaml

    base: dict = {}
    for path in opts.value_files:
        text = _read_file(path).decode("utf-8", "surrogateescape")
        try:
            current = goyaml.load_map(text)
        except Exception as e:
            from .loader import _yaml_error
            raise _yaml_error(e, path, f"failed to parse {path}") from None
        base = merge_maps(base, current or {})
    for value in opts.set_json:
        trimmed = value.strip()
        if trimmed.startswith("{"):
            import json
            try:
                obj = json.loads(trimmed, parse_int=float, parse_constant=_no_constant)
            except ValueError:
                obj = None
            if not isinstance(obj, dict):
                raise ChartError(f"failed parsing --set-json data JSON: {value}")
            base = merge_maps(base, obj)
            continue
        try:
            strvals.parse_json_into(value, base)
        except strvals.StrvalsError:
            raise ChartError(f"failed parsing --set-json data {value}") from None
    _apply(opts.set, "--set", lambda v: strvals.parse_into(v, base))
    _apply(opts.set_string, "--set-string", lambda v: strvals.parse_into(v, base, as_string=True))

    def file_reader(p: str) -> str:
        try:
            return _read_file(p).decode("utf-8", "surrogateescape")
        except ChartError as e:
            raise strvals.StrvalsError(e.message) from None

    _apply(opts.set_file, "--set-file", lambda v: strvals.parse_file_into(v, base, file_reader))
    _apply(opts.set_literal, "--set-literal", lambda v: strvals.parse_literal_into(v, base))
    return base


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _apply(items: list[str], flag: str, fn: Callable[[str], None]) -> None:
    for value in items:
        try:
            fn(value)
        except strvals.StrvalsError as e:
            raise ChartError(str(e), prefix=f"failed parsing {flag} data") from None


# ---------------------------------------------------------------- values.schema.json


def validate_values_schema(chart: "Chart", values: dict) -> str | None:
    """Helm's schema check (v3.18.5+ wording); None when every schema is satisfied."""
    out = _schema_errors(chart, values)
    if not out:
        return None
    return "values don't meet the specifications of the schema(s) in the following chart(s):\n" + out


def _schema_errors(chart: "Chart", values: dict) -> str:
    parts: list[str] = []
    if chart.schema is not None:
        msg = _validate_one(values, chart.schema)
        if msg:
            parts.append(f"{chart.name}:\n{msg}")
    for sub in chart.dependencies:
        raw = values.get(sub.name)
        if raw is None:
            continue
        if isinstance(raw, Values):
            raw = raw.data
        if not _istable(raw):
            parts.append(f"{sub.name}:\ninvalid type for values: expected object (map), got {type_name(raw)}\n")
            continue
        parts.append(_schema_errors(sub, raw))
    return "".join(parts)


def _validate_one(values: dict, schema_bytes: bytes) -> str | None:
    import json

    import jsonschema
    from referencing.exceptions import Unresolvable

    from .values_schema import values_validator

    if _fast_valid(values, schema_bytes):
        return None
    try:
        schema = json.loads(schema_bytes.decode("utf-8", "surrogateescape"))
    except ValueError as e:
        return f"invalid values.schema.json: {e}\n"
    try:
        errors = list(values_validator(schema).iter_errors(values))
    except jsonschema.SchemaError as e:
        return f"invalid values.schema.json: {e.message}\n"
    except Unresolvable as e:  # a $ref Helm could not load either (a local file, a missing anchor)
        return f"invalid values.schema.json: cannot resolve $ref {e.ref!r}\n"
    if not errors:
        return None
    lines = sorted({_schema_line(e) for e in _leaves(errors)})
    return "".join(f"- {line}\n" for line in lines)


@lru_cache(maxsize=64)
def _fast_validator(schema_bytes: bytes) -> Any:
    """A compiled jsonschema-rs validator, or None where it cannot take the schema."""
    try:
        import json

        import jsonschema_rs

        from .values_schema import retrieve_offline

        schema = json.loads(schema_bytes.decode("utf-8", "surrogateescape"))
        return jsonschema_rs.validator_for(schema, retriever=retrieve_offline)
    except Exception:  # not installed, a $ref it cannot load, unsupported draft: the full check decides
        return None


def _fast_valid(values: dict, schema_bytes: bytes) -> bool:
    """True when jsonschema-rs (much faster) accepts the values; errors are always worded by the full check.

    A refusal is retried with whole floats as ints, as Helm's JSON round trip
    has them (draft-04 ``integer`` refuses the float 2.0 that YAML ``2`` is).
    """
    v = _fast_validator(schema_bytes)
    if v is None:
        return False
    try:
        return bool(v.is_valid(values)) or bool(v.is_valid(_json_numbers(values)))
    except Exception:
        return False


def _json_numbers(v: Any) -> Any:
    """``v`` with every whole float as an int (JSON has one number type)."""
    if isinstance(v, float):
        return int(v) if v.is_integer() else v
    if isinstance(v, dict):
        return {k: _json_numbers(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_json_numbers(x) for x in v]
    return v


def _leaves(errors: list) -> Iterator[Any]:
    for e in errors:
        if e.context:
            yield from _leaves(e.context)
        else:
            yield e


def _jnum(v: Any) -> str:
    return _go_float(float(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _jtype(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "integer" if isinstance(v, int) or v.is_integer() else "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _quote_list(items: Any) -> str:
    return ", ".join(f"'{x}'" for x in items)


def _schema_line(e: Any) -> str:
    """One santhosh-tekuri/jsonschema v6 style line: ``at '/path': message``."""
    path = "".join(f"/{p}" for p in e.absolute_path)
    kw, want, inst = e.validator, e.validator_value, e.instance
    if kw == "required":
        missing = [p for p in want if isinstance(inst, dict) and p not in inst]
        msg = (f"missing property '{missing[0]}'" if len(missing) == 1
               else f"missing properties {_quote_list(missing)}")
    elif kw == "type":
        wants = want if isinstance(want, list) else [want]
        msg = f"got {_jtype(inst)}, want {' or '.join(wants)}"
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
                "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        got = len(inst) if kw.endswith(("Length", "Items", "Properties")) else inst
        msg = f"{kw}: got {_jnum(got)}, want {_jnum(want)}"
    elif kw == "enum":
        msg = f"value must be one of {', '.join(_json_lit(x) for x in want)}"
    elif kw == "const":
        msg = f"value must be {_json_lit(want)}"
    elif kw == "pattern":
        msg = f"'{inst}' does not match pattern '{want}'"
    elif kw == "additionalProperties":
        extra = [k for k in inst if k not in e.schema.get("properties", {})] if isinstance(inst, dict) else []
        msg = f"additional properties {_quote_list(extra)} not allowed"
    else:
        msg = e.message
    return f"at '{path}': {msg}"


def _json_lit(v: Any) -> str:
    import json
    return f"'{v}'" if isinstance(v, str) else json.dumps(v)

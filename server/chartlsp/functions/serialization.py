"""Helm's and Sprig's serialisation functions (``pkg/engine/funcs.go``, Sprig ``defaults.go``).

Helm's versions win where both define a name (``toJson``, ``mustToJson``,
``fromJson``). The error conventions differ per function and are kept:
``toYaml``/``toJson``/``toPrettyJson``/``toYamlPretty`` swallow errors into
"", ``toToml`` returns the error text, ``fromYaml``/``fromJson``/``fromToml``
put it under an ``Error`` key, the ``...Array`` readers return it as the only
element, the ``must`` forms fail the render, and Sprig's ``toRawJson``
panics (so it fails too).
"""

from __future__ import annotations

from typing import Any

from ..encoding import gojson, gotoml, yamlemit
from ..gotemplate.gotypes import GoError
from .registry import gofunc

_MAP = "map[string]interface {}"
_LIST = "[]interface {}"


@gofunc("toYaml", params=("interface {}",), returns="string", has_error=False,
        signature="toYaml VALUE",
        doc="Serialises VALUE as YAML like Helm (sigs.k8s.io/yaml), without the final newline; \"\" on error.")
def to_yaml(v: Any) -> str:
    try:
        return yamlemit.to_yaml(v).removesuffix("\n")
    except GoError:
        return ""


@gofunc("mustToYaml", params=("interface {}",), returns="string", has_error=False,
        signature="mustToYaml VALUE",
        doc="Serialises VALUE as YAML like toYaml, failing the render on error.")
def must_to_yaml(v: Any) -> str:
    return yamlemit.to_yaml(v).removesuffix("\n")


@gofunc("toYamlPretty", params=("interface {}",), returns="string", has_error=False,
        signature="toYamlPretty VALUE",
        doc="Serialises VALUE with go-yaml v3 (lists indented under keys), without the final newline; \"\" on error.")
def to_yaml_pretty(v: Any) -> str:
    try:
        return yamlemit.to_yaml_pretty(v).removesuffix("\n")
    except GoError:
        return ""


def _yaml_loads(text: str) -> Any:
    from ..encoding import goyaml
    try:
        return goyaml.loads(text)
    except goyaml.YAMLError as e:
        raise GoError(str(e)) from None


def _yaml_type_error(v: Any, target: str) -> str:
    kind = "array" if isinstance(v, list) else "object" if isinstance(v, dict) else (
        "string" if isinstance(v, str) else "bool" if isinstance(v, bool) else "number")
    return f"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {kind} into Go value of type {target}"


@gofunc("fromYaml", params=("string",), returns=_MAP, has_error=False,
        signature="fromYaml STRING",
        doc="Parses a YAML mapping into a dict (numbers are float64); on error the dict holds only an Error message.")
def from_yaml(s: str) -> dict[str, Any]:
    try:
        v = _yaml_loads(s)
    except GoError as e:
        return {"Error": str(e)}
    if v is None:
        return {}
    if not isinstance(v, dict):
        return {"Error": _yaml_type_error(v, _MAP)}
    return v


@gofunc("fromYamlArray", params=("string",), returns=_LIST, has_error=False,
        signature="fromYamlArray STRING",
        doc="Parses a YAML sequence into a list; on error the list holds only the error message.")
def from_yaml_array(s: str) -> list[Any]:
    try:
        v = _yaml_loads(s)
    except GoError as e:
        return [str(e)]
    if v is None:
        return []
    if not isinstance(v, list):
        return [_yaml_type_error(v, _LIST)]
    return v


@gofunc("toJson", params=("interface {}",), returns="string", has_error=False,
        signature="toJson VALUE",
        doc="Serialises VALUE as compact JSON (sorted keys, <>& escaped); \"\" on error.")
def to_json(v: Any) -> str:
    try:
        return gojson.marshal(v)
    except GoError:
        return ""


@gofunc("mustToJson", params=("interface {}",), returns="string", has_error=False,
        signature="mustToJson VALUE",
        doc="Serialises VALUE as compact JSON, failing the render on error (e.g. NaN).")
def must_to_json(v: Any) -> str:
    return gojson.marshal(v)


@gofunc("toPrettyJson", params=("interface {}",), returns="string", has_error=False,
        signature="toPrettyJson VALUE",
        doc="Serialises VALUE as JSON indented by two spaces; \"\" on error.")
def to_pretty_json(v: Any) -> str:
    try:
        return gojson.marshal_indent(v, "", "  ")
    except GoError:
        return ""


@gofunc("mustToPrettyJson", params=("interface {}",), returns="string",
        signature="mustToPrettyJson VALUE",
        doc="Serialises VALUE as JSON indented by two spaces, failing the render on error.")
def must_to_pretty_json(v: Any) -> str:
    return gojson.marshal_indent(v, "", "  ")


@gofunc("toRawJson", params=("interface {}",), returns="string", has_error=False,
        signature="toRawJson VALUE",
        doc="Serialises VALUE as compact JSON without escaping <, > and &; fails the render on error.")
def to_raw_json(v: Any) -> str:
    return gojson.marshal(v, escape_html=False)


@gofunc("mustToRawJson", params=("interface {}",), returns="string",
        signature="mustToRawJson VALUE",
        doc="Serialises VALUE as compact JSON without HTML escaping, failing the render on error.")
def must_to_raw_json(v: Any) -> str:
    return gojson.marshal(v, escape_html=False)


@gofunc("fromJson", params=("string",), returns=_MAP, has_error=False,
        signature="fromJson STRING",
        doc="Parses a JSON object into a dict (numbers are float64); on error the dict gets an Error message.")
def from_json(s: str) -> dict[str, Any]:
    try:
        return gojson.unmarshal_object(s)
    except gojson.PartialDecodeError as e:
        return {**e.value, "Error": str(e)}
    except GoError as e:
        return {"Error": str(e)}


@gofunc("fromJsonArray", params=("string",), returns=_LIST, has_error=False,
        signature="fromJsonArray STRING",
        doc="Parses a JSON array into a list; on error the list holds only the error message.")
def from_json_array(s: str) -> list[Any]:
    try:
        return gojson.unmarshal_array(s)
    except GoError as e:
        return [str(e)]


@gofunc("mustFromJson", params=("string",), returns="interface {}",
        signature="mustFromJson STRING",
        doc="Parses any JSON value (numbers are float64), failing the render on invalid JSON.")
def must_from_json(s: str) -> Any:
    return gojson.unmarshal(s)


@gofunc("toToml", params=("interface {}",), returns="string", has_error=False,
        signature="toToml VALUE",
        doc="Serialises a dict as TOML (BurntSushi/toml; floats keep a .0); returns the error text on failure.")
def to_toml(v: Any) -> str:
    try:
        return gotoml.dumps(v)
    except GoError as e:
        return str(e)


@gofunc("fromToml", params=("string",), returns=_MAP, has_error=False,
        signature="fromToml STRING",
        doc="Parses a TOML document into a dict (integers int64); on error the dict holds only an Error message.")
def from_toml(s: str) -> dict[str, Any]:
    try:
        return gotoml.loads(s)
    except GoError as e:
        return {"Error": str(e)}

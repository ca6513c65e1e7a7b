"""Schemas for custom resources: converted from CRDs in the chart, or read from local schema catalogs.

A chart usually ships the CRDs of the custom resources it renders (``crds/``,
templated ``CustomResourceDefinition``s, subcharts), so their OpenAPI v3
schemas are converted on the fly into JSON Schema 2020-12 with Kubernetes'
own semantics (``nullable``, ``x-kubernetes-int-or-string``,
``x-kubernetes-preserve-unknown-fields``, OpenAPI's boolean
``exclusiveMinimum``). Catalogs such as a clone of datreeio/CRDs-catalog are
found through kubeconform-style ``--schema-location`` templates; only local
paths are supported, because validation runs offline.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote, urlparse

from ..encoding.goyaml import YAMLError, loads
from .documents import split_documents
from .schemas import KubeValidator

__all__ = ["CustomSchemas", "SchemaLocationError", "crd_schemas", "convert_openapi", "expand_location"]

_CRD_GROUP = "apiextensions.k8s.io"
# kubeconform appends this to a location that does not end in "json".
_DEFAULT_SUFFIX = ("/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}"
                   "/{{ .ResourceKind }}{{ .KindSuffix }}.json")
_VAR = re.compile(r"\{\{-?\s*\.(\w+)\s*-?\}\}")
_VARIABLES = ("Group", "ResourceKind", "ResourceAPIVersion", "KindSuffix", "NormalizedKubernetesVersion",
              "StrictSuffix")
# Schema-valued keywords to recurse into (OpenAPI v3 / structural-schema subset).
_SUBSCHEMA = ("items", "additionalProperties", "not")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
# Formats whose checks match the API server's; others (Go-style "duration", lax "uri", date-times without a
# zone, ...) would raise false alarms, so they are dropped from custom schemas.
_CHECKED_FORMATS = frozenset(("byte",))
_DRAFT4 = "http://json-schema.org/draft-04/schema#"
_ROOT_FIELDS = {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}}


class SchemaLocationError(ValueError):
    """A ``--schema-location`` that cannot be used (missing directory, remote URL, bad template)."""


def convert_openapi(schema: dict, strict: bool = True) -> dict:
    """A CRD's ``openAPIV3Schema`` as a standalone JSON Schema 2020-12 document for the whole object.

    Strict adds ``additionalProperties: false`` to every object with ``properties``
    unless ``x-kubernetes-preserve-unknown-fields`` keeps unknown fields, as the
    API server's strict field validation rejects unknown fields there.
    """
    root = _convert(schema, strict)
    if root.get("type", "object") == "object":
        props = root.setdefault("properties", {})
        for name, sub in _ROOT_FIELDS.items():
            props[name] = dict(sub)  # metadata is ObjectMeta, checked by the API server, not the CRD
        if strict and not schema.get("x-kubernetes-preserve-unknown-fields") and "additionalProperties" not in root:
            root["additionalProperties"] = False
    root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return root


def _convert(node: Any, strict: bool) -> Any:
    if not isinstance(node, dict):
        return node
    out: dict = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _convert(sub, strict) for name, sub in value.items()}
        elif key in _SUBSCHEMA and isinstance(value, dict):
            out[key] = _convert(value, strict)
        elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
            out[key] = [_convert(sub, strict) for sub in value]
        elif key in ("nullable", "exclusiveMinimum", "exclusiveMaximum") or key.startswith("x-kubernetes-"):
            continue
        elif key == "format" and value not in _CHECKED_FORMATS:
            continue
        else:
            out[key] = value
    for bound in ("Minimum", "Maximum"):
        if node.get("exclusive" + bound) is True and bound.lower() in out:
            out["exclusive" + bound] = out.pop(bound.lower())
    if node.get("x-kubernetes-int-or-string"):
        out["type"] = ["integer", "string"]
        for key in ("anyOf", "oneOf"):  # the usual [{type: integer}, {type: string}]: the union says it
            out.pop(key, None)
    if node.get("x-kubernetes-embedded-resource"):
        props = out.setdefault("properties", {})
        for name, sub in _ROOT_FIELDS.items():
            props.setdefault(name, dict(sub))
        out["required"] = sorted(set(out.get("required", [])) | {"apiVersion", "kind"})
    if node.get("nullable") and "type" in out:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = types + ["null"] if "null" not in types else types
    if (strict and "properties" in out and "additionalProperties" not in out
            and not node.get("x-kubernetes-preserve-unknown-fields")):
        out["additionalProperties"] = False
    return out


def crd_schemas(crd: Any) -> dict[tuple[str, str], dict]:
    """``{(group/version, kind): openAPIV3Schema}`` for the served versions of a CRD object (v1 or v1beta1)."""
    if not isinstance(crd, dict) or crd.get("kind") != "CustomResourceDefinition":
        return {}
    api = crd.get("apiVersion")
    spec = crd.get("spec")
    if not isinstance(api, str) or not api.startswith(_CRD_GROUP + "/") or not isinstance(spec, dict):
        return {}
    group = spec.get("group")
    names = spec.get("names")
    kind = names.get("kind") if isinstance(names, dict) else None
    if not isinstance(group, str) or not isinstance(kind, str):
        return {}
    shared = _openapi(spec.get("validation"))  # v1beta1: one schema for every version
    versions = spec.get("versions")
    if not isinstance(versions, list) or not versions:
        version = spec.get("version")
        versions = [{"name": version}] if isinstance(version, str) else []
    out: dict[tuple[str, str], dict] = {}
    for v in versions:
        if not isinstance(v, dict) or not isinstance(v.get("name"), str) or v.get("served") is False:
            continue
        schema = _openapi(v.get("schema"))
        out[(f"{group}/{v['name']}", kind)] = schema if schema is not None else (shared or {"type": "object"})
    return out


def _openapi(holder: Any) -> dict | None:
    schema = holder.get("openAPIV3Schema") if isinstance(holder, dict) else None
    return schema if isinstance(schema, dict) else None


def _split_api_version(api_version: str) -> tuple[str, str]:
    group, _, version = api_version.rpartition("/")
    return group, version


def expand_location(location: str, api_version: str, kind: str, kube_version: str | None, strict: bool) -> str:
    """The file a kubeconform ``--schema-location`` template names for one resource type."""
    group, version = _split_api_version(api_version)
    if kube_version is None:
        normalized = "master"
    else:
        normalized = "v" + kube_version.lstrip("v")
        if normalized.count(".") == 1:
            normalized += ".0"
    suffix = "-" + (group.split(".")[0].lower() + "-" if group else "") + version.lower()
    values = {"Group": group or version, "ResourceKind": kind.lower(), "ResourceAPIVersion": version,
              "KindSuffix": suffix, "NormalizedKubernetesVersion": normalized,
              "StrictSuffix": "-strict" if strict else ""}
    if not location.endswith("json"):
        location = location.rstrip("/") + _DEFAULT_SUFFIX
    return _VAR.sub(lambda m: values[m.group(1)], location)


def _check_location(location: str) -> None:
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", location) and not location.startswith("file://"):
        raise SchemaLocationError(f"schema location {location!r}: only local paths are supported "
                                  "(validation runs offline); download the catalog and point at its directory")
    for m in re.finditer(r"\{\{(.*?)\}\}", location):
        var = _VAR.fullmatch(m.group(0))
        if var is None or var.group(1) not in _VARIABLES:
            raise SchemaLocationError(f"schema location {location!r}: unknown template variable {m.group(0)!r} "
                                      f"(known: {', '.join('.' + v for v in _VARIABLES)})")
    static = _local_path(location.split("{{", 1)[0])
    base = static if "{{" not in location or static.endswith("/") else os.path.dirname(static) or "."
    if not os.path.exists(base):
        raise SchemaLocationError(f"schema location {location!r}: {base} does not exist")


def _local_path(location: str) -> str:
    return unquote(urlparse(location).path) if location.startswith("file://") else location


class CustomSchemas:
    """Schemas for resources the built-in Kubernetes schemas do not cover, with compiled validators cached.

    CRDs registered with :meth:`add_crd`/:meth:`add_text` win over ``locations``,
    which are tried in order. ``kube_version`` fills ``NormalizedKubernetesVersion``
    (None: ``master``, kubeconform's default). Raises :class:`SchemaLocationError`
    at once for a location that cannot work.
    """

    def __init__(self, locations: Iterable[str] = (), kube_version: str | None = None) -> None:
        self.locations = list(locations)
        for location in self.locations:
            _check_location(location)
        self.kube_version = kube_version
        self._crds: dict[tuple[str, str], dict] = {}
        self._cache: dict[tuple[str, str, bool], tuple[dict | None, Any]] = {}
        self.problems: dict[tuple[str, str], str] = {}  # (apiVersion, kind) -> why its schema file is unusable

    def add_crd(self, crd: Any) -> list[tuple[str, str]]:
        """Register the schemas of a CRD object (a decoded document); returns the (apiVersion, kind) pairs."""
        found = crd_schemas(crd)
        self._crds.update(found)
        if found:
            self._cache.clear()
        return list(found)

    def add_text(self, text: str) -> list[tuple[str, str]]:
        """Register every CRD among the YAML documents of ``text`` (documents that fail to parse are skipped)."""
        added: list[tuple[str, str]] = []
        for _, doc in split_documents(text):
            if "CustomResourceDefinition" not in doc:
                continue
            try:
                added += self.add_crd(loads(doc))
            except YAMLError:
                continue
        return added

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self.schema(*key) is not None

    def schema(self, api_version: str, kind: str, strict: bool = True) -> dict | None:
        """The JSON schema for a custom resource type, None if no CRD or location provides one."""
        return self._lookup(api_version, kind, strict)[0]

    def validator(self, api_version: str, kind: str, strict: bool = True) -> Any:
        """A cached compiled validator (``iter_errors``) for the type, None without a usable schema."""
        return self._lookup(api_version, kind, strict)[1]

    def _lookup(self, api_version: str, kind: str, strict: bool) -> tuple[dict | None, Any]:
        key = (api_version, kind, strict)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._build(api_version, kind, strict)
        return hit

    def _build(self, api_version: str, kind: str, strict: bool) -> tuple[dict | None, Any]:
        crd = self._crds.get((api_version, kind))
        if crd is not None:
            schema = convert_openapi(crd, strict)
            return schema, self._compile(api_version, kind, schema)
        for location in self.locations:
            path = _local_path(expand_location(location, api_version, kind, self.kube_version, strict))
            if not os.path.isfile(path):
                continue
            try:
                schema = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                self.problems[(api_version, kind)] = f"schema file {path} is not valid JSON: {e}"
                continue
            if not isinstance(schema, dict):
                self.problems[(api_version, kind)] = f"schema file {path} does not hold a JSON object"
                continue
            schema = _without_formats(schema)
            schema.setdefault("$schema", _DRAFT4)  # kubeconform's default draft for catalog files
            validator = self._compile(api_version, kind, schema, path)
            if validator is not None:
                return schema, _WholeNumbers(validator) if schema["$schema"] == _DRAFT4 else validator
        return None, None

    def _compile(self, api_version: str, kind: str, schema: dict, source: str = "CRD") -> KubeValidator | None:
        try:
            return KubeValidator(schema)
        except Exception as e:  # noqa: BLE001 - any library's compile failure is reported, not raised
            self.problems[(api_version, kind)] = f"schema from {source} does not compile: {e}"
            return None


class _WholeNumbers:
    """A draft-4 validator fed JSON's view of the numbers: YAML ``10`` arrives as ``10.0``, which draft 4's
    ``integer`` rejects, while the API server's JSON has ``10``."""

    __slots__ = ("validator", "schema")

    def __init__(self, validator: KubeValidator) -> None:
        self.validator = validator
        self.schema = validator.schema

    def iter_errors(self, instance: Any) -> Any:
        return self.validator.iter_errors(_whole(instance))


def _whole(v: Any) -> Any:
    if isinstance(v, float):
        return int(v) if v.is_integer() else v
    if isinstance(v, dict):
        return {k: _whole(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_whole(x) for x in v]
    return v


def _without_formats(node: Any) -> Any:
    """A copy of a catalog schema keeping only the ``format`` checks that match the API server's."""
    if isinstance(node, dict):
        return {k: _without_formats(v) for k, v in node.items()
                if not (k == "format" and isinstance(v, str) and v not in _CHECKED_FORMATS)}
    if isinstance(node, list):
        return [_without_formats(v) for v in node]
    return node

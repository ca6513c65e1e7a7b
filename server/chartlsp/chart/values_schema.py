"""Validating values against a ``values.schema.json`` as Helm's validator does.

Two differences from a stock Python JSON Schema validator matter on real charts:

* **Integers.** Helm validates the values after a JSON round trip, where a
  YAML ``3`` (a float64) is the JSON number ``3``, an integer under every
  draft. Python's draft-03/04 checkers reject the float ``3.0`` as
  ``integer``, so ``"type": "integer"`` in the many draft-04 schemas would
  fail every count and port; here ``integer`` means "a number with no
  fraction" in every draft, as it does in Helm.
* **Remote ``$ref``s.** Helm fetches a ``$ref`` to an ``http(s)`` URL (charts
  point at published Kubernetes JSON schemas this way) and fails on anything
  else it cannot load. chartlsp never uses the network, so such a remote
  document is taken as the empty schema: it accepts any value and the rest of
  the schema is still checked. The JSON Schema meta-schemas stay known.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012


def is_remote(uri: str) -> bool:
    """Whether Helm would fetch ``uri`` over the network."""
    return uri.startswith(("http://", "https://"))


def retrieve_offline(uri: str) -> dict[str, Any]:
    """jsonschema-rs ``retriever``: an empty (accept-all) schema for a remote document."""
    if is_remote(uri):
        return {}
    raise ValueError(f"cannot load {uri}")


def _retrieve(uri: str) -> Resource:
    if is_remote(uri):
        return Resource.from_contents({}, default_specification=DRAFT202012)
    raise NoSuchResource(ref=uri)


OFFLINE_REGISTRY: Registry = Registry(retrieve=_retrieve)  # type: ignore[call-arg]


def _is_integer(_checker: Any, v: Any) -> bool:
    if isinstance(v, bool):
        return False
    return isinstance(v, int) or (isinstance(v, float) and v.is_integer())


@cache
def _helm_flavoured(cls: Any) -> Any:
    return jsonschema.validators.extend(cls, type_checker=cls.TYPE_CHECKER.redefine("integer", _is_integer))


def values_validator(schema: Any, **kw: Any) -> Any:
    """A validator for ``schema`` (its declared draft, else 2020-12); raises ``jsonschema.SchemaError``."""
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return _helm_flavoured(cls)(schema, registry=OFFLINE_REGISTRY, **kw)

"""The language server's settings: one typed model, read from what clients send.

Clients send settings as JSON in ``initializationOptions`` (the only channel
Neovim 0.7 has), as the ``chartlsp`` section of ``workspace/configuration``
and in ``workspace/didChangeConfiguration``. Keys are camelCase as in
DESIGN.md; unknown keys and ill-typed values are ignored (a typo in an editor
config must not stop the server), each noted in ``problems``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

SECTION = "chartlsp"


@dataclass(frozen=True)
class Settings:
    value_files: tuple[str, ...] = ()  # globs relative to each chart directory, applied after values.yaml
    kube_version: str | None = None  # None: the newest bundled version
    schema_locations: tuple[str, ...] = ()  # kubeconform-style templates for CRD schemas
    strict: bool = True  # additional properties in manifests are errors
    undefined_values: bool = True  # report .Values reads no values file or schema defines
    unused_values: bool = True  # report values.yaml keys no template reads
    inlay_hints_values: bool = False  # show the computed value after each .Values read as an inlay hint
    problems: tuple[str, ...] = field(default=(), compare=False)


def _strings(v: Any) -> tuple[str, ...] | None:
    if isinstance(v, str):
        return (v,)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    return None


def parse_settings(raw: Any, base: Settings | None = None) -> Settings:
    """Settings from a client's JSON object, on top of ``base``.

    Accepts the object itself or one wrapped in ``{"chartlsp": {...}}``
    (what ``didChangeConfiguration`` carries).
    """
    s = base or Settings()
    if not isinstance(raw, dict):
        return s
    if isinstance(raw.get(SECTION), dict):
        raw = raw[SECTION]
    problems: list[str] = []
    changes: dict[str, Any] = {}

    def bad(key: str, want: str) -> None:
        problems.append(f"setting {key!r} must be {want}; ignored")

    for key, value in raw.items():
        if key == "valuesFiles":
            files = _strings(value)
            if files is None:
                bad(key, "a list of strings")
            else:
                changes["value_files"] = files
        elif key == "schemaLocations":
            locs = _strings(value)
            if locs is None:
                bad(key, "a list of strings")
            else:
                changes["schema_locations"] = locs
        elif key == "kubeVersion":
            if value is None or isinstance(value, str):
                changes["kube_version"] = value or None
            else:
                bad(key, "a string such as \"1.30\"")
        elif key == "strict":
            if isinstance(value, bool):
                changes["strict"] = value
            else:
                bad(key, "true or false")
        elif key == "diagnostics":
            if not isinstance(value, dict):
                bad(key, "an object")
                continue
            for sub, attr in (("undefinedValues", "undefined_values"), ("unusedValues", "unused_values")):
                if sub in value:
                    if isinstance(value[sub], bool):
                        changes[attr] = value[sub]
                    else:
                        bad(f"diagnostics.{sub}", "true or false")
        elif key == "inlayHints":
            if not isinstance(value, dict):
                bad(key, "an object")
            elif "values" in value:
                if isinstance(value["values"], bool):
                    changes["inlay_hints_values"] = value["values"]
                else:
                    bad("inlayHints.values", "true or false")
        else:
            problems.append(f"unknown setting {key!r}; ignored")
    return replace(s, problems=tuple(problems), **changes)


__all__ = ["SECTION", "Settings", "parse_settings"]

"""Generate the server part of ``contributes.configuration`` from chartlsp's typed settings model.

Every field of :class:`chartlsp.analysis.settings.Settings` becomes a
``chartlsp.<key>`` property: JSON type from the annotation, default from the
dataclass, description from the field's comment. The client key of a field is
found by asking :func:`parse_settings` itself which key sets it (camelCase of
the field, dotted groups such as ``inlayHints.values``, or an entry of
``KNOWN_KEYS``), so the manifest can only name keys the server accepts.

    python scripts/gen_settings.py           # rewrite package.json
    python scripts/gen_settings.py --check   # exit 1 when package.json is stale

Properties under ``chartlsp.server.*`` and ``chartlsp.trace.*`` belong to the
extension itself and are kept as written.
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import json
import pathlib
import sys
import tokenize
import typing
from typing import Any

EXT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(EXT.parent / "server"))

from chartlsp.analysis import settings as model  # noqa: E402

EXTENSION_ONLY = ("chartlsp.server.", "chartlsp.trace.")
# Fields whose client key is not derivable from the field name (still verified by probing).
KNOWN_KEYS = {"value_files": "valuesFiles", "undefined_values": "diagnostics.undefinedValues",
              "unused_values": "diagnostics.unusedValues"}
SKIP = {"problems"}


def camel(parts: list[str]) -> str:
    return parts[0] + "".join(p.title() for p in parts[1:])


def candidates(field: str) -> list[str]:
    parts = field.split("_")
    out = [KNOWN_KEYS[field]] if field in KNOWN_KEYS else []
    out.append(camel(parts))
    out += [f"{camel(parts[:i])}.{camel(parts[i:])}" for i in range(1, len(parts))]
    return out


def json_type(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is bool:
        return {"type": "boolean"}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if origin in (tuple, list):
        return {"type": "array", "items": json_type(args[0])}
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and type(None) in args:
        inner = json_type(next(a for a in args if a is not type(None)))
        return {**inner, "type": [inner["type"], "null"]}
    raise TypeError(f"no JSON type for {tp!r}")


def sample(tp: Any, default: Any) -> Any:
    """A JSON value of the field's type that differs from its default."""
    schema = json_type(tp)
    kind = schema["type"][0] if isinstance(schema["type"], list) else schema["type"]
    return {"boolean": not default, "string": "1.30", "integer": 7, "number": 0.5,
            "array": ["probe/*.yaml"]}[kind]


def to_json(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def comments() -> dict[str, str]:
    """The trailing ``# comment`` of each field in the Settings class source."""
    out: dict[str, str] = {}
    src = inspect.getsource(model.Settings)
    last_name = None
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.NL or tok.type == tokenize.NEWLINE:
            last_name = None
        elif tok.type == tokenize.NAME and last_name is None and tok.start[1] == 4:
            last_name = tok.string
        elif tok.type == tokenize.COMMENT and last_name:
            text = tok.string.lstrip("#").strip().replace("None:", "`null`:")
            out[last_name] = text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
    return out


def key_for(field: dataclasses.Field, hints: dict[str, Any]) -> str:
    value = sample(hints[field.name], field.default if field.default is not dataclasses.MISSING else None)
    for key in candidates(field.name):
        raw: dict[str, Any] = {}
        node = raw
        *groups, last = key.split(".")
        for g in groups:
            node = node.setdefault(g, {})
        node[last] = value
        parsed = model.parse_settings(raw)
        if not parsed.problems and to_json(getattr(parsed, field.name)) == value:
            return key
    raise SystemExit(f"gen_settings: no client key sets Settings.{field.name}; "
                     f"add it to KNOWN_KEYS in {pathlib.Path(__file__).name}")


def server_properties() -> dict[str, dict[str, Any]]:
    hints = typing.get_type_hints(model.Settings)
    docs = comments()
    props: dict[str, dict[str, Any]] = {}
    for f in dataclasses.fields(model.Settings):
        if f.name in SKIP:
            continue
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
        entry = {**json_type(hints[f.name]), "default": to_json(default),
                 "markdownDescription": docs.get(f.name, f.name.replace("_", " ").capitalize() + "."),
                 "scope": "resource"}
        props[f"{model.SECTION}.{key_for(f, hints)}"] = entry
    return dict(sorted(props.items()))


def updated_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    conf = manifest["contributes"]["configuration"]
    own = {k: v for k, v in conf["properties"].items() if k.startswith(EXTENSION_ONLY)}
    conf["properties"] = {**server_properties(), **own}
    return manifest


def main(argv: list[str]) -> int:
    if "--print" in argv:
        print(json.dumps(server_properties(), indent=2))
        return 0
    path = EXT / "package.json"
    text = path.read_text()
    new = json.dumps(updated_manifest(json.loads(text)), indent=2, ensure_ascii=False) + "\n"
    if "--check" in argv:
        if new != text:
            print("package.json settings differ from chartlsp's settings model; run: npm run gen-settings",
                  file=sys.stderr)
            return 1
        return 0
    path.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

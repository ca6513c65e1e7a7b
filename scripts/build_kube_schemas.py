#!/usr/bin/env python3
"""Regenerate ``schemas/kubernetes/`` from the pinned PyPI package ``kubernetes-validate``.

Run by developers (needs PyPI); its output is committed so the runtime never needs the
network or kubernetes-validate.  Steps: ``pip download`` the wheel into a temporary
directory, read the non-strict ``vX.Y.0-local/_definitions.json`` of every bundled minor,
patch the nullable ``IntOrString``/``Quantity`` ``oneOf`` (``null`` matches both branches,
so ``oneOf`` rejects it) into ``anyOf``, store each distinct (name, body) pair once and
write:

* ``definitions.jsonl.xz``: line 1 a header ``{"source", "names": [...], "refs": [[...]],
  "versions": {minor: {"defs": [entry index...], "kinds": {apiVersion: {kind: name}}}},
  "groups"}``, then one line per entry holding its body, so a reader parses only the
  bodies it needs;
* ``api-versions.json``: the served group/versions per minor (small, read without the
  bundle, e.g. for ``.Capabilities.APIVersions``).

Usage: ``python scripts/build_kube_schemas.py [--wheel PATH]``.
"""

from __future__ import annotations

import argparse
import json
import lzma
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "kubernetes-validate"
PIN = "1.37.0"
MINORS = tuple(f"1.{m}" for m in range(25, 38))
OUT = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "kubernetes"
# IntOrString/Quantity: openapi2jsonschema's nullable oneOf rejects null; anyOf accepts it.
ONEOF_FIX = ("io.k8s.apimachinery.pkg.util.intstr.IntOrString", "io.k8s.apimachinery.pkg.api.resource.Quantity")
# Meta types carry a GVK for every group/version the scheme knows (even long removed
# ones), so they say nothing about what is served.
META_PREFIX = "io.k8s.apimachinery.pkg.apis.meta."
REF = re.compile(r"^#/\$defs/(.+)$")


def download_wheel(tmp: pathlib.Path) -> pathlib.Path:
    """Fetch the pinned wheel with pip (no install, no dependencies)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", f"{PACKAGE}=={PIN}", "-d", str(tmp)],
        check=True,
    )
    return next(tmp.glob("kubernetes_validate-*.whl"))


def fix_oneof(name: str, body: dict) -> dict:
    if name in ONEOF_FIX and "oneOf" in body:
        body = dict(body)
        body["anyOf"] = body.pop("oneOf")
    return body


def refs_of(node, out: set[str]) -> set[str]:
    """Names of the definitions a schema node references (``#/$defs/NAME``)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            m = REF.match(ref)
            if not m:
                raise ValueError(f"unexpected $ref {ref!r}")
            out.add(m.group(1))
        for v in node.values():
            refs_of(v, out)
    elif isinstance(node, list):
        for v in node:
            refs_of(v, out)
    return out


def gv_string(gvk: dict) -> str:
    return f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]


def build(wheel: pathlib.Path) -> tuple[bytes, dict]:
    entries: list[list] = []
    seen: dict[str, int] = {}
    versions: dict[str, dict] = {}
    served: dict[str, list[str]] = {}
    groups: set[str] = set()
    with zipfile.ZipFile(wheel) as zf:
        for minor in MINORS:
            path = f"kubernetes_validate/kubernetes-json-schema/v{minor}.0-local/_definitions.json"
            defs = json.loads(zf.read(path))["$defs"]
            ids: list[int] = []
            kinds: dict[str, dict[str, str]] = {}
            for name in sorted(defs):
                body = fix_oneof(name, defs[name])
                key = json.dumps([name, body], sort_keys=True, separators=(",", ":"))
                if key not in seen:
                    seen[key] = len(entries)
                    entries.append([name, body, sorted(refs_of(body, set()))])
                ids.append(seen[key])
                for gvk in body.get("x-kubernetes-group-version-kind", ()):
                    groups.add(gvk["group"])
                    if not name.startswith(META_PREFIX):
                        kinds.setdefault(gv_string(gvk), {})[gvk["kind"]] = name
            versions[minor] = {"defs": ids, "kinds": {gv: dict(sorted(k.items())) for gv, k in sorted(kinds.items())}}
            served[minor] = sorted(kinds)
    header = {
        "source": {"package": PACKAGE, "version": PIN, "license": "Apache-2.0"},
        "names": [e[0] for e in entries],
        "refs": [e[2] for e in entries],
        "versions": versions,
        "groups": sorted(groups),
    }
    lines = [json.dumps(header, separators=(",", ":"), sort_keys=True)]
    lines += [json.dumps(e[1], separators=(",", ":"), sort_keys=True) for e in entries]
    api_versions = {"source": f"{PACKAGE} {PIN}", "versions": served}
    return "\n".join(lines).encode() + b"\n", api_versions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=pathlib.Path, help="use this kubernetes-validate wheel instead of downloading it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(pathlib.Path(tmp))
        raw, api_versions = build(wheel)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "definitions.jsonl.xz").write_bytes(lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME))
    (OUT / "api-versions.json").write_text(json.dumps(api_versions, indent=1, sort_keys=True) + "\n")
    entries = raw.count(b"\n") - 1
    print(f"{entries} unique definitions, {len(raw):,} bytes raw, "
          f"{(OUT / 'definitions.jsonl.xz').stat().st_size:,} bytes xz", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

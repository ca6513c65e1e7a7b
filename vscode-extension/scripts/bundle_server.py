"""Fill ``bundled/`` with the Python server for the .vsix.

* ``bundled/libs``: chartlsp itself plus every runtime dependency published as
  a pure-Python wheel (``*-none-any``), installed with ``pip install -t`` as the
  Microsoft Python-tools template and esbonio do. One copy works on every
  platform and every Python ≥ 3.11.
* ``bundled/native-requirements.json``: the dependencies that only exist as
  compiled, platform- and Python-specific wheels (google-re2, PyYAML,
  cryptography, bcrypt, jsonschema-rs, rpds-py, ...). They cannot be shipped in
  one universal .vsix, so the extension checks the user's interpreter for them
  and offers to install them into a private environment (see src/launch.ts).

The dependency set is resolved from pyproject.toml with ``pip install
--dry-run --report``; the result is cached in ``bundled/.stamp`` so repeated
builds only re-copy the chartlsp sources.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

EXT = pathlib.Path(__file__).resolve().parents[1]
ROOT = EXT.parent
BUNDLED = EXT / "bundled"
LIBS = BUNDLED / "libs"
STAMP = BUNDLED / ".stamp"
NATIVES = BUNDLED / "native-requirements.json"
# Import names that differ from the distribution name and are not discoverable when not installed here.
KNOWN_MODULES = {"google-re2": "re2", "pyyaml": "yaml", "rpds-py": "rpds", "cffi": "_cffi_backend"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def import_name(dist: str) -> str:
    """The module that proves a distribution is importable: a known name, else its installed top-level one."""
    known = KNOWN_MODULES.get(canonical(dist))
    if known:
        return known
    try:
        files = importlib.metadata.distribution(dist).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    tops = set()
    for f in files:
        first = f.parts[0]
        if first in (".", "..") or first.startswith("__") or first.endswith((".dist-info", ".data", ".libs")):
            continue  # files installed outside site-packages (headers, scripts), metadata, vendored libraries
        if len(f.parts) > 1:
            tops.add(first)
        elif first.endswith((".py", ".so", ".pyd")):
            tops.add(first.split(".")[0])
    public = sorted(t for t in tops if t and not t.startswith("_")) or sorted(t for t in tops if t)
    return public[0] if public else canonical(dist).replace("-", "_")


def resolve(deps: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        report = pathlib.Path(tmp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed",
                        "--only-binary=:all:", "--report", str(report), *deps], check=True)
        return json.loads(report.read_text())["install"]


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps: list[str] = project["dependencies"]
    direct = {canonical(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]): d for d in deps}
    key = hashlib.sha256(json.dumps([deps, sys.version_info[:2]]).encode()).hexdigest()
    if not (STAMP.is_file() and STAMP.read_text() == key and LIBS.is_dir() and NATIVES.is_file()):
        shutil.rmtree(BUNDLED, ignore_errors=True)
        LIBS.mkdir(parents=True)
        pure, natives = [], []
        for item in resolve(deps):
            name, version = item["metadata"]["name"], item["metadata"]["version"]
            wheel = item["download_info"]["url"].rsplit("/", 1)[-1]
            if wheel.endswith("-none-any.whl"):
                pure.append(f"{name}=={version}")
            else:
                req = direct.get(canonical(name), f"{name}>={version}")
                natives.append({"requirement": req, "module": import_name(name)})
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
                        "--only-binary=:all:", "--target", str(LIBS), *pure], check=True)
        for extra in LIBS.glob("bin"):
            shutil.rmtree(extra)
        NATIVES.write_text(json.dumps(sorted(natives, key=lambda n: n["module"]), indent=2) + "\n")
        STAMP.write_text(key)
    target = LIBS / "chartlsp"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "server" / "chartlsp", target, symlinks=False,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    print(f"bundled/libs: {sorted(p.name for p in LIBS.iterdir() if not p.name.endswith('.dist-info'))}")
    print(f"compiled (from the user's interpreter): {[n['requirement'] for n in json.loads(NATIVES.read_text())]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

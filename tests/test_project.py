"""Project invariants: layering, the README's Quick start, CI calling it."""

from __future__ import annotations

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PKG = ROOT / "server" / "chartlsp"

# Each layer may import only the layers before it (DESIGN.md).
LAYERS = ["gotemplate", "encoding", "functions", "chart", "render", "kube", "analysis", "features", "lsp", "cli"]


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    mods: set[str] = set()
    rel = path.relative_to(PKG).parts
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[: len(rel) - node.level])
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
                if not mod.startswith("chartlsp"):
                    mods.add(mod)
                    continue
                mod = mod.removeprefix("chartlsp").lstrip(".")
            mods.add("chartlsp:" + mod)
        elif isinstance(node, ast.Import):
            mods.update(a.name for a in node.names)
    return mods


def test_layers_flow_one_way():
    bad = []
    for path in PKG.rglob("*.py"):
        layer = path.relative_to(PKG).parts[0]
        if layer not in LAYERS:
            continue
        allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        for mod in _imports(path):
            if mod.startswith("chartlsp:"):
                target = mod.split(":", 1)[1].split(".")[0]
                if target in LAYERS and target not in allowed:
                    bad.append(f"{path.relative_to(PKG)} imports chartlsp.{target}")
            elif mod.split(".")[0] in ("pygls", "lsprotocol") and layer != "lsp":
                bad.append(f"{path.relative_to(PKG)} imports {mod}")
    assert not bad, bad


def test_ci_runs_the_quick_start_test_command():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start\n+```[a-z]*\n(.*?)```", readme, re.S)
    assert block, "README needs a Quick start code block"
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    assert "chartlsp render examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_extension_bundler_names_an_importable_module_for_each_compiled_dependency():
    """The extension probes these modules in the user's Python; a wrong name blocks the server's launch."""
    import importlib.metadata
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bundle_server", ROOT / "vscode-extension" / "scripts" / "bundle_server.py")
    bundler = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bundler)
    for dist in ("cffi", "jsonschema-rs", "PyYAML", "google-re2", "MarkupSafe", "rpds-py"):
        try:
            importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
        module = bundler.import_name(dist)
        assert module and importlib.util.find_spec(module) is not None, (dist, module)

"""Only ``chartlsp.lsp`` may import pygls/lsprotocol (DESIGN.md layers)."""

import ast
import pathlib

PKG = pathlib.Path(__file__).resolve().parents[2] / "server" / "chartlsp"


def test_only_the_lsp_package_imports_pygls():
    offenders = []
    for path in PKG.rglob("*.py"):
        if path.relative_to(PKG).parts[0] == "lsp":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("pygls", "lsprotocol") for n in names):
                offenders.append(str(path.relative_to(PKG)))
    assert offenders == []

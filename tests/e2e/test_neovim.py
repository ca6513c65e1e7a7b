"""A real client: headless Neovim runs the config of docs/neovim.md against ``chartlsp serve``.

Needs ``nvim`` (Debian's ``neovim`` package, installed by .ci/run); skipped without it.
The driver (neovim_driver.lua) writes what the client saw to a JSON file asserted here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "docs", "neovim.md")
DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "neovim_driver.lua")
TEMPLATE = os.path.join(ROOT, "tests", "lsp", "fixtures", "web", "templates", "deploy.yaml")
NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed (apt-get install neovim)")


def _nvim_version() -> tuple[int, int]:
    out = subprocess.run([NVIM, "--version"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def _config_blocks() -> list[str]:
    with open(DOC, encoding="utf-8") as fh:
        return re.findall(r"```lua\n(.*?)```", fh.read(), re.S)


@pytest.mark.parametrize("block, needs", [(0, (0, 7)), (1, (0, 11))], ids=["nvim-0.7-config", "nvim-0.11-config"])
def test_completion_hover_and_diagnostics_in_neovim(tmp_path, block, needs):
    if _nvim_version() < needs:
        pytest.skip(f"the config needs Neovim {needs[0]}.{needs[1]}+")
    config = tmp_path / "init.lua"
    config.write_text(_config_blocks()[block])
    # the docs' ``cmd`` is ``chartlsp serve --stdio``: a shim puts this checkout's server on PATH
    shim = tmp_path / "bin" / "chartlsp"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m chartlsp.cli.main "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    out = tmp_path / "out.json"
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": os.path.join(ROOT, "server"), "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path),
           "CHARTLSP_NVIM_CONFIG": str(config), "CHARTLSP_NVIM_OUT": str(out), "CHARTLSP_NVIM_TEMPLATE": TEMPLATE}
    proc = subprocess.run([NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-S", DRIVER], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.exists(), f"nvim wrote no result: {proc.stdout}\n{proc.stderr}"
    got = json.loads(out.read_text())
    assert got["errors"] == []
    assert got["clients"] == ["chartlsp"]
    # diagnostics: the quoted replicas value is a schema type error on its template line
    assert got["diagnostics_arrived"] is True
    d = next(d for d in got["diagnostics"] if d["code"] == "schema-type")
    assert (d["line"], d["col"]) == (6, 12)
    assert d["message"] == 'spec.replicas: expected integer, got string "2"' and d["source"] == "chartlsp"
    # .Values completion, in values.yaml order
    assert got["completion"][:2] == ["replicas", "image"]
    # hovers: a value (default and doc comment) and a Kubernetes field (type and description)
    assert "**.Values.image.tag**" in got["hover"] and "The image tag" in got["hover"]
    assert got["field_hover"].startswith("**containers**: `[]Container` (required)")
    assert "List of containers belonging to the pod." in got["field_hover"]

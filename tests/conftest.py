"""Shared test configuration: locate ../shared (conformance data), absent in users' clones."""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "server"))
sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

SHARED = ROOT.parent / "shared"

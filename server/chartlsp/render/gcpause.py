"""Pause Python's cyclic garbage collector while a render builds its trees.

A render allocates hundreds of thousands of small, long-lived objects (syntax
trees, values); the collector would traverse them again and again while they
are being built, which cost ~40% of a large chart's parse time. Reference
counting still frees what is dropped; cycles are collected once the
outermost pause ends. Nested and concurrent pauses are counted, so the
collector comes back only when the last one ends, and only if it was on.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()

""".helmignore rules exactly as Helm's ``pkg/ignore`` applies them.

Patterns use Go's ``filepath.Match`` (``*`` stops at ``/``; ``[^…]`` negates),
not Python's fnmatch. Helm's negation is odd and kept as is: a ``!rule``
that does NOT match a path ignores it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .model import ChartError

DEFAULT_RULE = "templates/.?*"


class BadPattern(ValueError):
    """Go's ``filepath.ErrBadPattern``."""


def go_match_regex(pattern: str) -> re.Pattern[str]:
    """Translate a Go ``path.Match`` pattern to a compiled regex (``/`` is the separator)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\":
            i += 1
            if i >= n:
                raise BadPattern("syntax error in pattern")
            out.append(re.escape(pattern[i]))
        elif c == "[":
            i += 1
            negate = i < n and pattern[i] == "^"
            if negate:
                i += 1
            parts: list[str] = []
            first = True
            while True:
                if i >= n:
                    raise BadPattern("syntax error in pattern")
                if pattern[i] == "]" and not first:
                    break
                lo, i = _class_char(pattern, i)
                if i < n and pattern[i] == "-":
                    hi, i = _class_char(pattern, i + 1)
                    if hi < lo:
                        raise BadPattern("syntax error in pattern")
                    parts.append(f"{re.escape(lo)}-{re.escape(hi)}")
                else:
                    parts.append(re.escape(lo))
                first = False
            body = "".join(parts)
            out.append(f"(?:(?!/)[^{body}])" if negate else f"[{body}]")
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out), re.DOTALL)


def _class_char(pattern: str, i: int) -> tuple[str, int]:
    if i >= len(pattern) or pattern[i] in "-]":
        raise BadPattern("syntax error in pattern")
    if pattern[i] == "\\":
        i += 1
        if i >= len(pattern):
            raise BadPattern("syntax error in pattern")
    return pattern[i], i + 1


@dataclass
class _Rule:
    negate: bool
    must_dir: bool
    match: Callable[[str], bool]


class Rules:
    """A parsed .helmignore; :meth:`ignore` answers for chart-relative ``/`` paths."""

    def __init__(self) -> None:
        self._rules: list[_Rule] = []

    @classmethod
    def parse(cls, text: str, file: str = ".helmignore") -> "Rules":
        rules = cls()
        for lineno, line in enumerate(text.splitlines(), 1):
            try:
                rules.add(line)
            except BadPattern as e:
                raise ChartError(str(e), file=file, line=lineno) from None
        return rules

    def add(self, rule: str) -> None:
        rule = rule.strip()
        if not rule or rule.startswith("#"):
            return
        if "**" in rule:
            raise BadPattern("double-star (**) syntax is not supported")
        go_match_regex(rule)  # Helm validates the raw rule first
        negate = rule.startswith("!")
        if negate:
            rule = rule[1:]
        must_dir = rule.endswith("/")
        if must_dir:
            rule = rule[:-1]
        if rule.startswith("/"):
            rx = go_match_regex(rule[1:])
            match = lambda p, rx=rx: rx.fullmatch(p) is not None  # noqa: E731
        elif "/" in rule:
            rx = go_match_regex(rule)
            match = lambda p, rx=rx: rx.fullmatch(p) is not None  # noqa: E731
        else:
            rx = go_match_regex(rule)
            match = lambda p, rx=rx: rx.fullmatch(p.rsplit("/", 1)[-1]) is not None  # noqa: E731
        self._rules.append(_Rule(negate, must_dir, match))

    def add_defaults(self) -> None:
        self.add(DEFAULT_RULE)

    def ignore(self, path: str, is_dir: bool) -> bool:
        if path in ("", ".", "./"):
            return False
        for r in self._rules:
            if r.negate:
                if r.must_dir and not is_dir:
                    return True
                if not r.match(path):
                    return True
                continue
            if r.must_dir and not is_dir:
                continue
            if r.match(path):
                return True
        return False

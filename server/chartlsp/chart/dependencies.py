"""Dependency processing: conditions, tags, aliases, import-values, exports.

Mirrors Helm's ``ProcessDependenciesWithMerge`` (``pkg/chartutil/dependencies.go``)
on a copy of the loaded tree, so the loaded chart stays reusable. The small
Masterminds-semver subset here (versions and constraints) is what Helm uses
to match a ``Chart.yaml`` dependency to a chart in ``charts/``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Callable

from ..gotemplate.gotypes import GoError
from .model import Chart, ChartError, ChartObject
from .values import Values, coalesce_values, deep_copy, merge_tables

Warn = Callable[[str], None]

# ---------------------------------------------------------------- semver (Masterminds v3, loose)

_SEMVER_RE = re.compile(
    r"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\Z")

SemVer = tuple[int, int, int, str, str]  # major, minor, patch, prerelease, metadata


def parse_semver(s: str) -> SemVer | None:
    """Masterminds ``NewVersion``: ``v1``, ``1.2``, ``1.2.3-rc.1+meta``; None if invalid."""
    m = _SEMVER_RE.match(s)
    if not m:
        return None
    pre = m.group(4) or ""
    for part in pre.split(".") if pre else ():
        if part.isdigit() and len(part) > 1 and part[0] == "0":
            return None
    return (int(m.group(1)), int((m.group(2) or ".0")[1:]), int((m.group(3) or ".0")[1:]), pre, m.group(5) or "")


def semver_string(v: SemVer) -> str:
    s = f"{v[0]}.{v[1]}.{v[2]}"
    if v[3]:
        s += "-" + v[3]
    if v[4]:
        s += "+" + v[4]
    return s


def _pre_key(pre: str) -> tuple:
    if not pre:
        return (1,)
    return (0, *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")])


def _cmp_key(v: SemVer) -> tuple:
    return (v[0], v[1], v[2], _pre_key(v[3]))


_CONSTRAINT_RE = re.compile(
    r"\s*(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*"
    r"(v?(?:[0-9]+|[xX*])(?:\.(?:[0-9]+|[xX*]))?(?:\.(?:[0-9]+|[xX*]))?"
    r"(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*")


def _one(op: str, ver: str) -> Callable[[SemVer], bool]:
    """One Masterminds constraint as a predicate."""
    body = ver[1:] if ver[:1] == "v" else ver
    core, _, pre = body.partition("+")[0].partition("-")
    parts = core.split(".")
    wild = [p in ("x", "X", "*") for p in parts]
    nums = [0 if w else int(p) for p, w in zip(parts, wild)]
    n_fixed = next((i for i, w in enumerate(wild) if w), len(parts))
    nums += [0] * (3 - len(nums))
    base: SemVer = (nums[0], nums[1], nums[2], pre, "")
    lo = _cmp_key(base)
    if n_fixed == 0:
        hi = None
    elif n_fixed == 1:
        hi = (nums[0] + 1, 0, 0, (0,))
    elif n_fixed == 2:
        hi = (nums[0], nums[1] + 1, 0, (0,))
    else:
        hi = None
    dirty = n_fixed < 3

    def in_range(k: tuple) -> bool:
        return k >= lo and (hi is None or k < hi)

    def pred(v: SemVer) -> bool:
        if v[3] and not pre:
            return False  # prereleases only match constraints that carry one
        k = _cmp_key(v)
        if op in ("", "="):
            return in_range(k) if dirty else k == lo
        if op == "!=":
            return not (in_range(k) if dirty else k == lo)
        if op == ">":
            return k >= hi if (dirty and hi is not None) else (False if dirty else k > lo)
        if op in (">=", "=>"):
            return k >= lo
        if op == "<":
            return k < lo
        if op in ("<=", "=<"):
            return (k < hi if hi is not None else True) if dirty else k <= lo
        if op in ("~", "~>"):
            up = (nums[0] + 1, 0, 0, (0,)) if n_fixed <= 1 else (nums[0], nums[1] + 1, 0, (0,))
            return lo <= k < up
        if op == "^":
            if nums[0] > 0 or n_fixed == 1:
                up = (nums[0] + 1, 0, 0, (0,))
            elif nums[1] > 0 or n_fixed == 2:
                up = (0, nums[1] + 1, 0, (0,))
            else:
                up = (0, 0, nums[2] + 1, (0,))
            return lo <= k < up
        return False

    return pred


def constraint_matches(constraint: str, version: str) -> bool:
    """Helm's IsCompatibleRange: does ``version`` satisfy the semver ``constraint``?"""
    v = parse_semver(version)
    if v is None:
        return False
    groups: list[list[Callable[[SemVer], bool]]] = []
    for alt in constraint.split("||"):
        alt = re.sub(r"(\S+)\s+-\s+(\S+)", r">=\1,<=\2", alt.strip())
        preds: list[Callable[[SemVer], bool]] = []
        pos = 0
        alt = alt.replace(",", " ")
        while pos < len(alt):
            m = _CONSTRAINT_RE.match(alt, pos)
            if not m or m.end() == pos:
                return False
            preds.append(_one(m.group(1) or "", m.group(2)))
            pos = m.end()
        if not preds:
            return False
        groups.append(preds)
    return any(all(p(v) for p in g) for g in groups)


# ---------------------------------------------------------------- processing


def _clone(chart: Chart, parent: Chart | None, name: str | None = None) -> Chart:
    """A copy of the chart tree that processing may rewrite (values and files stay shared)."""
    md = dict(chart.metadata)
    if name is not None:
        md["name"] = name
    if md.get("dependencies") is not None:
        md["dependencies"] = [dict(d) for d in md["dependencies"] if d is not None]
    c = dataclasses.replace(chart, name=md["name"], metadata=md, parent=parent, dependencies=[])
    c.dependencies = [_clone(d, c) for d in chart.dependencies]
    return c


def _alias_dependency(charts: list[Chart], req: dict, parent: Chart) -> Chart | None:
    for c in charts:
        if c.name != req.get("name"):
            continue
        if not constraint_matches(str(req.get("version") or ""), str(c.metadata.get("version") or "")):
            continue
        return _clone(c, parent, req.get("alias") or None)
    return None


def _process_tags(reqs: list[dict], cvals: dict, warn: Warn) -> None:
    try:
        tags = Values(cvals).table("tags")
    except GoError:
        return
    for r in reqs:
        has_true = has_false = False
        for k in r.get("tags") or ():
            if k in tags:
                b = tags[k]
                if isinstance(b, bool):
                    has_true |= b
                    has_false |= not b
                else:
                    warn(f"Warning: Tag '{k}' for chart {r.get('name')} returned non-bool value")
        if not has_true and has_false:
            r["enabled"] = False
        else:
            r["enabled"] = True


def _process_conditions(reqs: list[dict], cvals: dict, path: str, warn: Warn) -> None:
    vals = Values(cvals)
    for r in reqs:
        for c in str(r.get("condition") or "").strip().split(","):
            if not c:
                continue
            try:
                vv = vals.path_value(path + c)
            except GoError as e:
                if "is not a value" not in str(e):
                    warn(f"Warning: PathValue returned error {e}")
                continue
            if isinstance(vv, bool):
                r["enabled"] = vv
                break
            warn(f"Warning: Condition path '{c}' for chart {r.get('name')} returned non-bool value")


def _process_enabled(c: Chart, v: dict, path: str, warn: Warn) -> None:
    reqs = c.metadata.get("dependencies")
    if reqs is None:
        return
    existing = c.dependencies
    deps: list[Chart] = [
        ex for ex in existing
        if not any(ex.name == r.get("name") and constraint_matches(str(r.get("version") or ""),
                                                                   str(ex.metadata.get("version") or ""))
                   for r in reqs)
    ]
    for r in reqs:
        d = _alias_dependency(existing, r, c)
        if d is not None:
            deps.append(d)
        if r.get("alias"):
            r["name"] = r["alias"]
    c.dependencies = deps
    for r in reqs:
        r["enabled"] = True
    cvals = coalesce_values(c, v, warn)
    _process_tags(reqs, cvals, warn)
    _process_conditions(reqs, cvals, path, warn)
    rm = {r.get("name") for r in reqs if not r["enabled"]}
    kept = [d for d in c.dependencies if d.name not in rm]
    for t in kept:
        _process_enabled(t, cvals, f"{path}{t.name}.", warn)
    c.metadata["dependencies"] = [r for r in reqs if r.get("name") not in rm]
    c.dependencies = kept


def _path_to_map(path: str, data: dict) -> dict:
    if path == ".":
        return data
    for part in reversed(path.split(".")):
        data = {part: data}
    return data


def _process_import_values(c: Chart, warn: Warn) -> None:
    for d in c.dependencies:
        _process_import_values(d, warn)
    reqs = c.metadata.get("dependencies")
    if reqs is None:
        return
    cvals = Values(coalesce_values(c, None, warn, merge=True))
    b: dict = {}
    for r in reqs:
        out: list[Any] = []
        name = str(r.get("name") or "")
        for iv in r.get("import-values") or ():
            if isinstance(iv, dict):
                child, parent = iv.get("child"), iv.get("parent")
                if not isinstance(child, str) or not isinstance(parent, str):
                    raise ChartError(f"import-values of dependency {name} needs string 'child' and 'parent' keys")
                out.append({"child": child, "parent": parent})
                try:
                    vv = cvals.table(f"{name}.{child}")
                except GoError as e:
                    warn(f"Warning: ImportValues missing table from chart {name}: {e}")
                    continue
                b = merge_tables(b, _path_to_map(parent, vv.as_map()), warn)
            elif isinstance(iv, str):
                child = "exports." + iv
                out.append({"child": child, "parent": "."})
                try:
                    vm = cvals.table(f"{name}.{child}")
                except GoError as e:
                    warn(f"Warning: ImportValues missing table: {e}")
                    continue
                b = merge_tables(b, vm.as_map(), warn)
        if r.get("import-values") is not None or out:
            r["import-values"] = out or None
    c.values = merge_tables(deep_copy(cvals.data), b, warn)


def _finish(c: Chart, parent: Chart | None) -> None:
    c.parent = parent
    c.chart_obj = ChartObject(c.metadata, parent is None)
    for d in c.dependencies:
        _finish(d, c)


def prepare_values(chart: Chart, user_values: dict) -> tuple[Chart, dict, list[str]]:
    """Dependencies processed (enabled ones only, aliases applied, imports merged) and values coalesced.

    Returns the processed chart tree, the coalesced values and Helm's warnings
    (each once, in the order first seen).
    """
    warnings: list[str] = []
    seen: set[str] = set()

    def warn(msg: str) -> None:
        if msg not in seen:
            seen.add(msg)
            warnings.append(msg)

    root = _clone(chart, None)
    _process_enabled(root, user_values or {}, "", warn)
    _process_import_values(root, warn)
    _finish(root, None)
    vals = coalesce_values(root, user_values, warn)
    return root, vals, warnings

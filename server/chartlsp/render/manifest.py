"""What ``helm template`` prints: documents split, sorted in install order, hooks last.

Follows Helm's ``releaseutil.SortManifests``/``SplitManifests`` and the
``---\\n# Source: <path>`` framing of ``cmd/helm/template.go``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from ..encoding.goyaml import YAMLError, loads

INSTALL_ORDER = [
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
    "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
    "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
    "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
    "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
]
_ORDER = {k: i for i, k in enumerate(INSTALL_ORDER)}
HOOK_EVENTS = {"pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
               "pre-rollback", "post-rollback", "test", "test-success"}
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SOURCE = re.compile(r"# Source: [^/]+/(.+)")
_SEP = re.compile(r"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*")


class ManifestError(Exception):
    """A rendered document that is not valid YAML (Helm fails ``helm template`` with it)."""


@dataclass
class Manifest:
    path: str  # chart/templates/file.yaml
    content: str
    kind: str
    name: str
    is_hook: bool = False
    hook_events: tuple[str, ...] = ()


def go_trim_space(s: str) -> str:
    """Go's ``strings.TrimSpace`` (Unicode white space as Go defines it)."""
    return s.strip(_GO_SPACE)


def split_manifests(text: str) -> list[str]:
    """``releaseutil.SplitManifests``: the documents of a file, in order, trimmed."""
    docs = _SEP.split(go_trim_space(text))
    return [go_trim_space(d) for d in docs if d != ""]


def sort_manifests(files: dict[str, str]) -> tuple[list[Manifest], list[Manifest]]:
    """(manifests, hooks), each stably sorted in Helm's install order. Raises :class:`ManifestError`."""
    generic: list[Manifest] = []
    hooks: list[Manifest] = []
    for path in sorted(files):
        content = files[path]
        if posixpath.basename(path).startswith("_") or go_trim_space(content) == "":
            continue
        for doc in split_manifests(content):
            m = _head(path, doc)
            if m is None:
                continue
            (hooks if m.is_hook else generic).append(m)
    return _by_kind(generic), _by_kind(hooks)


def _head(path: str, doc: str) -> Manifest | None:
    try:
        v = loads(doc)
    except YAMLError as e:
        raise ManifestError(f"YAML parse error on {path}: {e}") from None
    if v is None:
        v = {}
    if not isinstance(v, dict):
        raise ManifestError(f"YAML parse error on {path}: error unmarshaling JSON: while decoding JSON: "
                            f"json: cannot unmarshal {_json_kind(v)} into Go value of type releaseutil.SimpleHead")
    kind = v.get("kind") or ""
    meta = v.get("metadata") or {}
    if not isinstance(kind, str) or not isinstance(meta, dict):
        raise ManifestError(f"YAML parse error on {path}: error unmarshaling JSON: while decoding JSON: "
                            f"json: cannot unmarshal {_json_kind(kind)} into Go struct field SimpleHead.kind of type string")
    name = meta.get("name") if isinstance(meta.get("name"), str) else ""
    annotations = meta.get("annotations") or {}
    hook = annotations.get("helm.sh/hook") if isinstance(annotations, dict) else None
    if not isinstance(hook, str):
        return Manifest(path, doc, kind, name)
    events = tuple(h.strip().lower() for h in hook.split(","))
    if any(e not in HOOK_EVENTS for e in events):
        return None  # Helm skips unknown hooks ("info: skipping unknown hook")
    return Manifest(path, doc, kind, name, True, events)


def _json_kind(v: object) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _by_kind(ms: list[Manifest]) -> list[Manifest]:
    unknown = len(INSTALL_ORDER)
    return sorted(ms, key=lambda m: (_ORDER.get(m.kind, unknown), m.kind if m.kind not in _ORDER else ""))


def template_output(files: dict[str, str], show_only: list[str] | None = None,
                    skip_tests: bool = False, crds: list[tuple[str, str]] | None = None) -> str:
    """The text ``helm template`` prints for the rendered ``files`` (NOTES already removed).

    Raises :class:`ManifestError` for invalid YAML and for a ``show_only``
    pattern that matches nothing (Helm's ``could not find template``).
    """
    generic, hooks = sort_manifests(files)
    parts = []
    for path, raw in crds or ():
        parts.append(f"---\n# Source: {path}\n{raw}\n")
    for m in generic:
        parts.append(f"---\n# Source: {m.path}\n{m.content}\n")
    manifest = go_trim_space("".join(parts)) + "\n"
    out = [manifest]
    for h in hooks:
        if skip_tests and ("test" in h.hook_events or "test-success" in h.hook_events):
            continue
        out.append(f"---\n# Source: {h.path}\n{h.content}\n")
    text = "".join(out)
    if not show_only:
        return text
    docs = split_manifests(text)
    chosen = []
    for pattern in show_only:
        found = False
        for d in docs:
            m = _SOURCE.search(d)
            if m is None or not _go_path_match(pattern.replace("\\", "/"), m.group(1)):
                continue
            chosen.append(d)
            found = True
        if not found:
            raise ManifestError(f"could not find template {pattern} in chart")
    return "".join(f"---\n{d}\n" for d in chosen)


def _go_path_match(pattern: str, name: str) -> bool:
    """``filepath.Match``: ``*`` and ``?`` do not cross ``/``."""
    return all(fnmatchcase(n, p) for p, n in zip(pattern.split("/"), name.split("/"))) and \
        pattern.count("/") == name.count("/")

"""``.Capabilities`` and ``.Release`` as ``helm template`` builds them.

The default cluster is Kubernetes v1.37.0 (the newest schemas chartlsp
bundles); its API group/versions are client-go 0.36's scheme list plus
apiextensions, in scheme priority order, as Helm's ``allKnownVersions``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from ..gotemplate.gotypes import GoFunc, GoObject, TypedList
from .dependencies import parse_semver, semver_string
from .model import ChartError

DEFAULT_KUBE_VERSION = "v1.37.0"
HELM_VERSION = "v3.21.4"
GO_VERSION = "go1.26.0"

_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("", ("v1",)),
    ("admissionregistration.k8s.io", ("v1", "v1alpha1", "v1beta1")),
    ("internal.apiserver.k8s.io", ("v1alpha1",)),
    ("apps", ("v1", "v1beta1", "v1beta2")),
    ("authentication.k8s.io", ("v1", "v1alpha1", "v1beta1")),
    ("authorization.k8s.io", ("v1", "v1beta1")),
    ("autoscaling", ("v1", "v2")),
    ("batch", ("v1", "v1beta1")),
    ("certificates.k8s.io", ("v1", "v1alpha1", "v1beta1")),
    ("coordination.k8s.io", ("v1", "v1alpha2", "v1beta1")),
    ("discovery.k8s.io", ("v1", "v1beta1")),
    ("events.k8s.io", ("v1", "v1beta1")),
    ("extensions", ("v1beta1",)),
    ("flowcontrol.apiserver.k8s.io", ("v1", "v1beta1", "v1beta2", "v1beta3")),
    ("networking.k8s.io", ("v1", "v1beta1")),
    ("node.k8s.io", ("v1", "v1alpha1", "v1beta1")),
    ("policy", ("v1", "v1beta1")),
    ("rbac.authorization.k8s.io", ("v1", "v1alpha1", "v1beta1")),
    ("resource.k8s.io", ("v1", "v1alpha3", "v1beta1", "v1beta2")),
    ("scheduling.k8s.io", ("v1", "v1alpha2", "v1beta1")),
    ("storage.k8s.io", ("v1", "v1alpha1", "v1beta1")),
    ("storagemigration.k8s.io", ("v1beta1",)),
    ("apiextensions.k8s.io", ("v1", "v1beta1")),
)
# Built-in group/versions of the default cluster (client-go 0.36 list, used as the 1.37 set).
DEFAULT_VERSION_SET: tuple[str, ...] = tuple(
    f"{g}/{v}" if g else v for g, versions in _GROUPS for v in versions)


class KubeVersion(GoObject):
    """``chartutil.KubeVersion``: Version/Major/Minor strings; prints as Version."""

    go_type = "chartutil.KubeVersion"

    def __init__(self, version: str, major: str, minor: str) -> None:
        self.version, self.major, self.minor = version, major, minor

    def go_method(self, name: str) -> GoFunc | None:
        if name in ("String", "GitVersion"):
            return GoFunc(name, lambda: self.version, (), returns="string", has_error=False,
                          signature=name, doc="The Kubernetes version string (e.g. v1.37.0).")
        return None

    def go_field(self, name: str) -> Any:
        return {"Version": self.version, "Major": self.major, "Minor": self.minor}[name]

    def go_fields(self) -> list[tuple[str, Any]]:
        return [("Version", self.version), ("Major", self.major), ("Minor", self.minor)]

    def go_string(self) -> str:
        return self.version


class VersionSet(TypedList):
    """``chartutil.VersionSet``: a []string with ``Has``."""

    def __init__(self, items: Iterable[str] = ()) -> None:
        super().__init__(items, "chartutil.VersionSet")

    def go_method(self, name: str) -> GoFunc | None:
        if name == "Has":
            return GoFunc("Has", self.has, ("string",), returns="bool", has_error=False,
                          signature="Has APIVERSION", doc="Whether the cluster serves this group/version (or group/version/Kind).")
        return None

    def has(self, api_version: str) -> bool:
        return api_version in self


class BuildInfo(GoObject):
    """``version.BuildInfo`` of the Helm being imitated."""

    go_type = "version.BuildInfo"
    _JSON = (("Version", "version"), ("GitCommit", "git_commit"), ("GitTreeState", "git_tree_state"),
             ("GoVersion", "go_version"))

    def __init__(self) -> None:
        self._f = {"Version": HELM_VERSION, "GitCommit": "", "GitTreeState": "", "GoVersion": GO_VERSION}

    def go_field(self, name: str) -> Any:
        return self._f[name]

    def go_fields(self) -> list[tuple[str, Any]]:
        return list(self._f.items())

    def go_json(self) -> Any:
        return {key: self._f[go] for go, key in self._JSON if self._f[go]}


class Capabilities(GoObject):
    """``*chartutil.Capabilities``."""

    go_type = "*chartutil.Capabilities"
    go_kind = "ptr"

    def __init__(self, kube: KubeVersion, apis: VersionSet) -> None:
        self.kube_version, self.api_versions, self.helm_version = kube, apis, BuildInfo()

    def go_field(self, name: str) -> Any:
        return {"KubeVersion": self.kube_version, "APIVersions": self.api_versions,
                "HelmVersion": self.helm_version}[name]

    def go_fields(self) -> list[tuple[str, Any]]:
        return [("KubeVersion", self.kube_version), ("APIVersions", self.api_versions),
                ("HelmVersion", self.helm_version)]

    def go_json(self) -> Any:
        return {"KubeVersion": self.kube_version, "APIVersions": list(self.api_versions),
                "HelmVersion": self.helm_version.go_json()}


def parse_kube_version(version: str) -> KubeVersion:
    """Helm's ParseKubeVersion (Masterminds semver): ``1.16`` → v1.16.0."""
    sv = parse_semver(version)
    if sv is None:
        raise ChartError(f"invalid kube version '{version}': Invalid Semantic Version")
    return KubeVersion("v" + semver_string(sv), str(sv[0]), str(sv[1]))


def capabilities(kube_version: str | None = None, api_versions: Iterable[str] = ()) -> Capabilities:
    """``.Capabilities`` for ``helm template`` (``--kube-version``, ``--api-versions``).

    ``APIVersions`` holds the group/versions that Kubernetes version really
    serves (from the bundled schemas), so ``.Capabilities.APIVersions.Has``
    answers for the cluster being targeted; outside the bundled versions it
    falls back to Helm's own built-in set.
    """
    kube = parse_kube_version(kube_version or DEFAULT_KUBE_VERSION)
    return Capabilities(kube, VersionSet((*builtin_api_versions(kube.major, kube.minor), *api_versions)))


def builtin_api_versions(major: str, minor: str) -> tuple[str, ...]:
    """Group/versions served by Kubernetes ``major.minor`` (core ``v1`` first)."""
    served = _bundled_api_versions().get(f"{major}.{minor}")
    if not served:
        return DEFAULT_VERSION_SET
    return tuple(sorted(served, key=lambda gv: gv != "v1"))


@lru_cache(maxsize=1)
def _bundled_api_versions() -> dict[str, list[str]]:
    """Per-minor group/version lists shipped with the Kubernetes schemas (a small JSON file)."""
    try:
        data = resources.files("chartlsp").joinpath("kube/data/api-versions.json").read_text()
        return json.loads(data)["versions"]
    except (OSError, ValueError, KeyError):
        return {}


def release_object(name: str = "release-name", namespace: str = "default", revision: int = 1,
                   is_upgrade: bool = False) -> dict:
    """``.Release`` (a plain map in Helm)."""
    return {"Name": name, "Namespace": namespace, "IsUpgrade": is_upgrade, "IsInstall": not is_upgrade,
            "Revision": revision, "Service": "Helm"}

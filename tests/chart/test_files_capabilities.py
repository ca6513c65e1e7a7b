""".Files methods and glob semantics; .Capabilities and .Release."""

from __future__ import annotations

import pytest

from chartlsp.chart import ChartError, capabilities, release_object
from chartlsp.chart.capabilities import DEFAULT_VERSION_SET
from chartlsp.chart.files import Files
from chartlsp.gotemplate.gotypes import type_name

FILES = Files({"a.txt": b"alpha\nbeta\n", "dir/b.conf": b"k=v", "dir/sub/c.txt": b"c\r\nd",
               "empty.txt": b"", "bin": b"\xff\x00"})


@pytest.mark.parametrize("pattern, names", [
    ("*.txt", ["a.txt", "empty.txt"]),
    ("**.txt", ["a.txt", "dir/sub/c.txt", "empty.txt"]),
    ("dir/*", ["dir/b.conf"]),
    ("dir/**", ["dir/b.conf", "dir/sub/c.txt"]),
    ("?.txt", ["a.txt"]),
    ("{a,empty}.txt", ["a.txt", "empty.txt"]),
    ("[ab]*", ["a.txt", "bin"]),
    ("[!a]*.txt", ["empty.txt"]),
    ("[unclosed", ["a.txt", "bin", "dir/b.conf", "dir/sub/c.txt", "empty.txt"]),  # invalid → **
])
def test_glob(pattern, names):
    got = FILES.go_method("Glob").fn(pattern)
    assert type_name(got) == "engine.files" and sorted(got) == names


def test_get_and_lines():
    assert FILES.go_method("Get").fn("a.txt") == "alpha\nbeta\n"
    assert FILES.go_method("Get").fn("missing") == ""
    assert FILES.go_method("GetBytes").fn("bin") == b"\xff\x00"
    assert FILES.go_method("Lines").fn("a.txt") == ["alpha", "beta"]
    assert FILES.go_method("Lines").fn("dir/sub/c.txt") == ["c\r", "d"]
    lines = FILES.go_method("Lines").fn("missing")
    assert lines == [] and type_name(lines) == "[]string"
    assert FILES.go_method("Lines").fn("empty.txt") == []
    assert FILES["a.txt"] == b"alpha\nbeta\n"  # {{ .Files.name }} is the map key's []byte


def test_as_config_and_secrets():
    sub = FILES.glob("dir/**")
    assert sub.go_method("AsConfig").fn() == "b.conf: k=v\nc.txt: \"c\\r\\nd\""
    assert sub.go_method("AsSecrets").fn() == "b.conf: az12\nc.txt: Yw0KZA=="
    assert Files().as_config() == "{}"


def test_capabilities_default():
    caps = capabilities()
    kv = caps.go_field("KubeVersion")
    assert (kv.go_field("Version"), kv.go_field("Major"), kv.go_field("Minor")) == ("v1.37.0", "1", "37")
    assert kv.go_string() == "v1.37.0" and kv.go_method("GitVersion").fn() == "v1.37.0"
    apis = caps.go_field("APIVersions")
    assert type_name(apis) == "chartutil.VersionSet"
    assert apis.go_method("Has").fn("apps/v1") and apis.go_method("Has").fn("v1")
    assert not apis.go_method("Has").fn("example.com/v9")
    assert caps.go_field("HelmVersion").go_field("Version") == "v3.21.4"
    assert type_name(caps) == "*chartutil.Capabilities"
    with pytest.raises(KeyError):
        caps.go_field("Nope")
    assert DEFAULT_VERSION_SET[0] == "v1" and DEFAULT_VERSION_SET[-1] == "apiextensions.k8s.io/v1beta1"


@pytest.mark.parametrize("given, version, minor", [
    ("1.16.0", "v1.16.0", "16"), ("v1.16", "v1.16.0", "16"), ("1.20", "v1.20.0", "20"),
    ("1.29.3-gke.1", "v1.29.3-gke.1", "29"),
])
def test_kube_version_parsing(given, version, minor):
    kv = capabilities(given, ["helm.k8s.io/test"])
    assert kv.go_field("KubeVersion").go_field("Version") == version
    assert kv.go_field("KubeVersion").go_field("Minor") == minor
    assert kv.go_field("APIVersions").has("helm.k8s.io/test")


def test_bad_kube_version():
    with pytest.raises(ChartError, match="invalid kube version 'banana': Invalid Semantic Version"):
        capabilities("banana")


def test_release_object():
    assert release_object() == {"Name": "release-name", "Namespace": "default", "IsUpgrade": False,
                                "IsInstall": True, "Revision": 1, "Service": "Helm"}
    assert release_object("r", "ns", 3, True)["IsInstall"] is False

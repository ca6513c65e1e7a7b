"""Loading directories and archives: classification, .helmignore, safety, validation."""

from __future__ import annotations

import io
import os
import tarfile

import pytest

from chartlsp.chart import ChartError, load_archive, load_chart
from chartlsp.chart.helmignore import Rules
from chartlsp.encoding.gojson import marshal

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
PARENT = os.path.join(FIXTURES, "parent")


def make_tgz(entries: dict[str, bytes | None], links: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data or b"")
            tar.addfile(info, io.BytesIO(data or b""))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
    return buf.getvalue()


CHART_YAML = b"apiVersion: v2\nname: demo\nversion: 0.1.0\n"


def test_directory_classification():
    c = load_chart(PARENT)
    assert c.name == "parent" and c.full_path() == "parent"
    assert sorted(c.templates) == ["templates/_helpers.tpl", "templates/cm.yaml"]  # .hidden.yaml: default rule
    assert sorted(c.files) == [".helmignore", "files/a.txt", "files/b.conf", "files/sub/c.txt"]
    assert c.values["replicas"] == 2.0 and c.values["keep"] is None
    assert [d.name for d in c.dependencies] == ["sub1", "sub2"]  # charts/_skipped ignored
    assert c.dependencies[0].full_path() == "parent/charts/sub1"
    assert c.chart_obj.go_field("Description") == "A parent chart "  # sanitized: newlines → spaces
    assert c.chart_obj.go_field("IsRoot") is True and c.dependencies[0].chart_obj.go_field("IsRoot") is False


def test_chart_object_fields_and_json():
    obj = load_chart(PARENT).chart_obj
    assert obj.go_field("Name") == "parent" and obj.go_field("APIVersion") == "v2"
    assert obj.go_field("Maintainers")[0].go_field("Email") == "ann@example.com"
    assert obj.go_field("Annotations") == {"team": "core"}
    assert obj.go_field("Type") == "" and obj.go_field("Deprecated") is False
    with pytest.raises(KeyError):
        obj.go_field("Nope")
    js = obj.go_json()
    assert js["name"] == "parent" and js["IsRoot"] is True and "home" not in js
    assert js["dependencies"][0].go_json() == {"name": "sub1", "version": ">=0.1.0", "repository": "",
                                               "condition": "sub1.enabled", "tags": ["front"]}


def test_chart_object_json_keeps_struct_field_order():
    """encoding/json writes struct fields in declaration order (maps alone are sorted)."""
    text = marshal(load_chart(PARENT).chart_obj)
    assert text.startswith('{"name":"parent",') and text.endswith(',"IsRoot":true}')
    assert '"maintainers":[{"name":' in text and '"dependencies":[{"name":"sub1","version":' in text


def test_archive_roundtrip_with_subchart_archive():
    sub = make_tgz({"sub/Chart.yaml": b"apiVersion: v2\nname: sub\nversion: 1.0.0\n",
                    "sub/templates/x.yaml": b"\xef\xbb\xbfx: 1\n"})
    data = make_tgz({"demo/Chart.yaml": CHART_YAML, "demo/values.yaml": b"a: 1\n",
                     "demo/templates/.keep.yaml": b"kept in archives\n",
                     "demo/charts/sub-1.0.0.tgz": sub, "demo/README.md": b"hi"})
    c = load_archive(data)
    assert c.values == {"a": 1.0}
    assert "templates/.keep.yaml" in c.templates  # .helmignore defaults only apply to directories
    assert c.files == {"README.md": b"hi"}
    (s,) = c.dependencies
    assert s.name == "sub" and s.templates == {"templates/x.yaml": "x: 1\n"}  # BOM stripped
    assert s.full_path() == "demo/charts/sub"


@pytest.mark.parametrize("name", ["../evil/Chart.yaml", "/abs/Chart.yaml", "demo/../../x", "demo/a/../../../x"])
def test_archive_refuses_escaping_entries(name):
    with pytest.raises(ChartError) as e:
        load_archive(make_tgz({"demo/Chart.yaml": CHART_YAML, name: b"x"}))
    assert repr(name)[1:-1] in str(e.value) or "outside" in str(e.value)


def test_archive_refuses_links():
    with pytest.raises(ChartError, match="'demo/link' is a link"):
        load_archive(make_tgz({"demo/Chart.yaml": CHART_YAML}, links={"demo/link": "/etc/passwd"}))


def test_archive_errors():
    with pytest.raises(ChartError, match="does not appear to be a gzipped archive"):
        load_archive(b"plain text")
    with pytest.raises(ChartError, match="chart yaml not in base directory"):
        load_archive(make_tgz({"Chart.yaml": CHART_YAML}))
    with pytest.raises(ChartError, match="Chart.yaml file is missing"):
        load_archive(make_tgz({"demo/values.yaml": b"a: 1\n"}))


@pytest.mark.parametrize("chart_yaml, message", [
    (b"apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required"),
    (b"apiVersion: v2\nname: x\n", "validation: chart.metadata.version is required"),
    (b"apiVersion: v2\nname: x\nversion: one\n", 'validation: chart.metadata.version "one" is invalid'),
    (b"apiVersion: v2\nname: x\nversion: 1.0.0\ntype: Library\n",
     "validation: chart.metadata.type must be application or library"),
    (b"apiVersion: v2\nname: a/b\nversion: 1.0.0\n", 'validation: chart.metadata.name "a/b" is invalid'),
    (b"apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- name: a\n  alias: b!\n",
     'validation: dependency "a" has disallowed characters in the alias'),
    (b"apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- name: a\n- name: a\n",
     'validation: more than one dependency with name or alias "a"'),
    (b"apiVersion: v2\nname: [x]\nversion: 1.0.0\n", "Go struct field Metadata.name of type string"),
])
def test_metadata_validation(chart_yaml, message):
    with pytest.raises(ChartError) as e:
        load_archive(make_tgz({"demo/Chart.yaml": chart_yaml}))
    assert message in str(e.value)


def test_api_version_defaults_to_v1_and_library_flag():
    c = load_archive(make_tgz({"demo/Chart.yaml": b"name: demo\nversion: 1.0.0\ntype: library\n"}))
    assert c.metadata["apiVersion"] == "v1" and c.is_library


def test_bad_values_yaml_is_positioned():
    with pytest.raises(ChartError) as e:
        load_archive(make_tgz({"demo/Chart.yaml": CHART_YAML, "demo/values.yaml": b"a: [1, 2\n"}))
    assert e.value.line is not None and str(e.value).startswith("cannot load values.yaml: ")


def test_subchart_error_is_wrapped():
    with pytest.raises(ChartError, match="error unpacking subchart bad in demo"):
        load_archive(make_tgz({"demo/Chart.yaml": CHART_YAML, "demo/charts/bad/values.yaml": b"a: 1\n"}))


@pytest.mark.parametrize("rules, path, is_dir, ignored", [
    ("*.bak", "files/x.bak", False, True),
    ("*.bak", "x.bak", False, True),
    ("files/*.txt", "files/a.txt", False, True),
    ("files/*.txt", "files/sub/a.txt", False, False),
    ("/top.txt", "top.txt", False, True),
    ("secret/", "secret", True, True),
    ("secret/", "secret", False, False),
    ("[^a]*.txt", "b.txt", False, True),
    ("[^a]*.txt", "a.txt", False, False),
    ("!keep.txt", "other.txt", False, True),  # Helm's inverted negation
    ("!keep.txt", "keep.txt", False, False),
    ("# comment\n\n", "x", False, False),
    ("templates/.?*", "templates/.hidden", False, True),
    ("templates/.?*", "templates/.", False, False),
])
def test_helmignore_rules(rules, path, is_dir, ignored):
    assert Rules.parse(rules).ignore(path, is_dir) is ignored


def test_helmignore_double_star_rejected():
    with pytest.raises(ChartError, match=r"double-star \(\*\*\) syntax is not supported"):
        Rules.parse("a/**/b")

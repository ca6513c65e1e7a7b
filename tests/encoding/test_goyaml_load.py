"""goyaml: values as Helm decodes them (go-yaml v2 → JSON), error texts, positions and comments.

``data/goyaml_load_cases.json`` was recorded from the Go reference renderer
(sigs.k8s.io/yaml + go-yaml v2): each case is a values file and either the
decoded value (as JSON) or Helm's exact error message.
"""

from __future__ import annotations

import builtins
import importlib
import json
import math
import pathlib
import sys

import pytest

from chartlsp.encoding import goyaml
from chartlsp.encoding.goyaml import (YAMLError, chart_string, compose, format_float_g, load_chart_yaml,
                                      load_map, loads, lookup)

DATA = pathlib.Path(__file__).parent / "data" / "goyaml_load_cases.json"
CASES = json.loads(DATA.read_text(encoding="utf-8"))
SNIPPETS = pathlib.Path(__file__).resolve().parents[3] / "shared" / "conformance" / "snippets.json"
CORPUS = pathlib.Path(__file__).resolve().parents[3] / "shared" / "corpus" / "charts"


def same(got: object, want: object) -> bool:
    """Equality with Go's types: every JSON number must have become a Python float."""
    if isinstance(want, bool):
        return got is want
    if isinstance(want, (int, float)):
        return type(got) is float and got == float(want)
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same(got[k], want[k]) for k in want)
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    return type(got) is type(want) and got == want


@pytest.mark.parametrize("case", CASES, ids=[c["yaml"][:40] for c in CASES])
def test_recorded_go_cases(case: dict) -> None:
    if "error" in case:
        with pytest.raises(YAMLError) as e:
            load_map(case["yaml"])
        assert str(e.value) == case["error"]
    else:
        assert same(load_map(case["yaml"]), case["value"])


def test_numbers_are_float64() -> None:
    v = loads("a: 1\nb: 0x1F\nc: 017\nd: 1e3\ne: 12345678901234567890\nf: -0.0\n")
    assert v == {"a": 1.0, "b": 31.0, "c": 15.0, "d": 1000.0, "e": 1.2345678901234567e19, "f": 0.0}
    assert all(type(x) is float for x in v.values())
    assert math.copysign(1, v["f"]) == -1


@pytest.mark.parametrize("text,message", [
    ("a: .nan\n", "error converting YAML to JSON: json: unsupported value: NaN"),
    ("b: .inf\na: -.Inf\n", "error converting YAML to JSON: json: unsupported value: -Inf"),
    ("- a\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type "
              "map[string]interface {}"),
    ("hello\n", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type "
                "map[string]interface {}"),
    ("a: [1, 2\n", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"),
    ("a: b: c\n", "error converting YAML to JSON: yaml: mapping values are not allowed in this context"),
])
def test_error_messages(text: str, message: str) -> None:
    with pytest.raises(YAMLError) as e:
        load_map(text)
    assert str(e.value) == message == e.value.message


def test_error_position_is_the_problem_mark() -> None:
    with pytest.raises(YAMLError) as e:
        loads("é: 1\nb: c: d\n")
    assert (e.value.line, e.value.column, e.value.pos) == (1, 4, 9)
    assert str(e.value).endswith("yaml: line 2: mapping values are not allowed in this context")


def test_empty_documents() -> None:
    assert loads("") is None and loads("# only a comment\n") is None and loads("---\n") is None
    assert load_map("") == {} and load_map("~\n") == {}


def test_only_first_document() -> None:
    assert loads("a: 1\n---\nb: [\n") == {"a": 1.0}


def test_aliases_are_independent_copies() -> None:
    v = loads("a: &x {k: [1]}\nb: *x\n")
    assert v["a"] == v["b"] and v["a"] is not v["b"] and v["a"]["k"] is not v["b"]["k"]


def test_merge_order_follows_go_yaml() -> None:
    assert loads("b: &b {x: 1}\nd:\n  x: 9\n  <<: *b\n")["d"] == {"x": 1.0}  # a later merge overrides
    assert loads("b: &b {x: 1}\nc: &c {x: 2}\nd:\n  <<: [*b, *c]\n")["d"] == {"x": 1.0}  # earlier map wins


# Text that is not UTF-8 (bytes carried by surrogateescape) fails in go-yaml's reader, without a line.
@pytest.mark.parametrize("data,problem", [
    (b"a: 1\nb: 2\nc: \xc3", "incomplete UTF-8 octet sequence"),
    (b"a: 1\nb: \xc3x\n", "invalid trailing UTF-8 octet"),
    (b"a: \x80", "invalid leading UTF-8 octet"),
    (b"a: \xf8", "invalid leading UTF-8 octet"),
    (b"a: \xed\xa0\x80", "invalid Unicode character"),
    (b"a: \xf4\x90\x80\x80", "invalid Unicode character"),
    (b"a: \xc0\x80", "invalid length of a UTF-8 sequence"),
    (b"a: [\n\xc3", "incomplete UTF-8 octet sequence"),
])
def test_invalid_utf8_input(data: bytes, problem: str) -> None:
    with pytest.raises(YAMLError) as e:
        loads(data.decode("utf-8", "surrogateescape"))
    assert str(e.value) == f"error converting YAML to JSON: yaml: {problem}"


def test_binary_invalid_utf8_is_replaced_per_byte() -> None:
    assert loads("a: !!binary 4oJB\n") == {"a": "\ufffd\ufffdA"}


def test_snippet_conformance_values() -> None:
    if not SNIPPETS.exists():
        pytest.skip("shared conformance data absent")
    cases = [c for c in json.loads(SNIPPETS.read_text(encoding="utf-8")) if c["area"] == "values"]
    for case in cases:
        if case["error"] and not case["error"].startswith("error "):
            continue
        try:
            load_map(case["values"])
        except YAMLError as e:
            assert str(e) == case["error"], case["id"]
        else:
            assert case["error"] is None or not case["error"].startswith("error "), case["id"]


@pytest.mark.parametrize("value,text", [
    (1.1, "1.1"), (1.0, "1"), (1, "1"), (True, "true"), (False, "false"), (None, ""), ("x", "x"),
    (3.14159265, "3.1415927"), (1e6, "1e+06"), (123456.0, "123456"), (0.0001, "0.0001"), (0.00001, "1e-05"),
])
def test_chart_string(value: object, text: str) -> None:
    assert chart_string(value) == text


def test_format_float_g() -> None:
    assert [format_float_g(x) for x in (1e21, 1234567.0, -0.0, 0.1, math.inf)] == \
        ["1e+21", "1.234567e+06", "-0", "0.1", "+Inf"]


def test_load_chart_yaml_string_fields() -> None:
    meta = load_chart_yaml(
        "apiVersion: v2\nname: 1.5\nversion: 1.0\nappVersion: 1.10\ndeprecated: true\nkeywords: [1, a]\n"
        "annotations:\n  m: 2\nmaintainers:\n- name: yes\n  email: a@b\ndependencies:\n"
        "- name: sub\n  version: 0.10\n  enabled: true\n  tags: [on]\n")
    assert meta["name"] == "1.5" and meta["version"] == "1" and meta["appVersion"] == "1.1"
    assert meta["deprecated"] is True and meta["keywords"] == ["1", "a"] and meta["annotations"] == {"m": "2"}
    assert meta["maintainers"] == [{"name": "true", "email": "a@b"}]
    assert meta["dependencies"] == [{"name": "sub", "version": "0.1", "enabled": True, "tags": ["true"]}]
    assert load_chart_yaml("") == {}


COMMENTED = """\
# Top doc
# second line
image:
  # -- The image repository
  # more text
  repository: nginx
  tag: "1.0" # the tag
  pull: |  # block
    x
  items:
    # item comment
    - name: x
      é: 1
# detached by a blank line

base: &b {x: 1}
d:
  <<: *b
  z: *b
"""


def test_compose_positions_values_and_comments() -> None:
    root = compose(COMMENTED)
    assert root is not None and root.kind == "map" and root.value == loads(COMMENTED)
    key, value = lookup(root, ["image"])
    assert (key.line, key.col, key.comment) == (2, 0, "Top doc\nsecond line")
    key, value = lookup(root, ["image", "repository"])
    assert key.comment == "The image repository\nmore text"
    assert (value.kind, value.value, value.line, value.col) == ("scalar", "nginx", 5, 14)
    assert COMMENTED[value.pos:value.end] == "nginx"
    key, value = lookup(root, ["image", "tag"])
    assert (key.comment, value.style, value.value) == ("the tag", '"', "1.0")
    assert lookup(root, ["image", "pull"])[0].comment == "block"
    item = lookup(root, ["image", "items"])[1].items[0]
    (k1, _), (k2, v2) = item.entries
    assert (k1.value, k1.comment, k2.value, k2.col, v2.value) == ("name", "item comment", "é", 6, 1.0)
    assert COMMENTED[k2.pos:k2.end] == "é"
    assert lookup(root, ["base"])[0].comment is None


def test_lookup_follows_merges_and_aliases() -> None:
    root = compose(COMMENTED)
    key, value = lookup(root, ["d", "x"])
    assert (value.value, value.line) == (1.0, 15)  # the definition inside the anchor
    alias = lookup(root, ["d", "z"])[1]
    assert alias.kind == "alias" and alias.value == {"x": 1.0} and COMMENTED[alias.pos:alias.end] == "*b"
    assert lookup(root, ["d", "z", "x"])[1].value == 1.0
    assert lookup(root, ["d", "nope"]) is None and lookup(root, ["image", "repository", "x"]) is None


def test_compose_keys_are_json_keys() -> None:
    root = compose("y: 1\n1.50: 2\n")
    assert [k.value for k, _ in root.entries] == ["true", "1.5"]
    assert compose("") is None


def test_compose_raises_yaml_errors_only() -> None:
    with pytest.raises(YAMLError):
        compose("a: [1\n")
    assert compose("a: .nan\n").entries[0][1].value != 0  # NaN kept for the editor


def test_duplicate_anchor_redefinition() -> None:
    assert loads("a: &x 1\nb: &x 2\nc: *x\n") == {"a": 1.0, "b": 2.0, "c": 2.0}


def test_corpus_values_files_load() -> None:
    if not CORPUS.exists():
        pytest.skip("shared corpus absent")
    for path in CORPUS.rglob("values.yaml"):
        text = path.read_text(encoding="utf-8")
        root = compose(text)
        assert (root.value if root else {}) == load_map(text), path


def test_pure_python_parser_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the pure-Python parser is used, with libyaml's error texts."""
    real_import = builtins.__import__

    def no_libyaml(name: str, *args: object, **kwargs: object) -> object:
        if name == "yaml._yaml":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_libyaml)
    monkeypatch.delitem(sys.modules, "chartlsp.encoding.goyaml")
    fallback = importlib.import_module("chartlsp.encoding.goyaml")
    try:
        assert fallback._CParser is None
        assert fallback.load_map("a: yes\nb: 0x10\nc: &x [1]\nd: *x\n") == {"a": True, "b": 16.0, "c": [1.0], "d": [1.0]}
        for text, message in [("a: [1, 2\n", "yaml: line 1: did not find expected ',' or ']'"),
                              ("a:\n  b: 1\n c: 2\n", "yaml: line 2: did not find expected key"),
                              ("a: 1\nb: - c\n", "yaml: line 2: block sequence entries are not allowed in this context"),
                              ("x: 1\na: @\n", "yaml: line 2: found character that cannot start any token")]:
            with pytest.raises(fallback.YAMLError) as e:
                fallback.loads(text)
            assert str(e.value) == "error converting YAML to JSON: " + message
    finally:
        monkeypatch.setitem(sys.modules, "chartlsp.encoding.goyaml", goyaml)

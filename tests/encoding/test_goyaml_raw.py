"""parse_raw: the validator's document API must agree with the exact decoder and with compose()'s positions."""

from __future__ import annotations

import json
import math
import pathlib

import pytest

from chartlsp.encoding import goyaml
from chartlsp.encoding.goyaml import YAMLError, compose, parse_raw
from chartlsp.kube.documents import key_at, node_at

DATA = pathlib.Path(__file__).parent / "data" / "goyaml_load_cases.json"
CORPUS = pathlib.Path(__file__).resolve().parents[3] / "shared" / "corpus" / "charts"

TEXTS = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e}\n",
    "y: 1\nn: 2\n1: a\n~: b\n",  # keys go-yaml resolves: the exact path
    "name: a\ntype: b\nnull1: c\non_: d\n",  # keys starting like bools but staying strings
    "base: &b\n  port: 80\nspec:\n  <<: *b\n  list:\n    - name: a\n    - name: b\n",
    "a: !!str 1\nb: !!float 2\nc: ! 3\n",
    "a: 1\nm:\n  x: 1\n  y: 2\n  x: 3\nl:\n  - k: 1\n    k: 2\na: 4\n",
    "plain\n", "~\n", "[1, 2]\n", "- a\n- b:\n    c: 1\n", "",
    "a: .nan\nb: -.inf\nc: 0x1F\nd: 0777\ne: 1_000\nf: +1\ng: 1e3\nh: 2001-01-01\ni: yes\n",
    "a:\nb: |\n  text\n  more\nc: >-\n  folded\n  line\n",
    "a: {}\nb: []\nc:\n  - []\n  - {}\n",
    "? [a]\n: b\n",
    "a: 'x'\n'a': y\n",
    "a: 1\n# comment\nb:   # trailing\n  - 1  # c\n",
    "a: *nope\n", "a: [1\n", "a: b: c\n",
]


def _exact(text: str):
    tree = goyaml._compose_raw(text)
    return None if tree is None else goyaml._Decoder().value(tree)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def _paths(value, prefix: list, out: list, limit: int = 400) -> None:
    """Instance paths into ``value``, plus a missing one under each mapping."""
    if len(out) >= limit:
        return
    out.append(prefix)
    if isinstance(value, dict):
        out.append(prefix + ["no-such-key", 0])
        for k, v in value.items():
            _paths(v, prefix + [k], out, limit)
    elif isinstance(value, list):
        out.append(prefix + [len(value)])
        for i, v in enumerate(value):
            _paths(v, prefix + [i], out, limit)


def check_agrees(text: str) -> None:
    """Same value (or error) as the exact decoder; same spans as compose()'s YNode tree."""
    try:
        want = _exact(text)
    except YAMLError as e:
        with pytest.raises(YAMLError) as got:
            parse_raw(text)
        assert str(got.value) == str(e)
        return
    except (goyaml._DecodeError, RecursionError):  # crashes of the bare decoder: parse_raw reports them
        with pytest.raises(YAMLError):
            parse_raw(text)
        return
    raw = parse_raw(text)
    if want is None and raw is None:
        return
    assert _same(raw.value, want), text
    root = compose(text)
    paths: list = []
    _paths(raw.value, [], paths)
    for path in paths:
        n, k = node_at(root, path), key_at(root, path)
        assert raw.node_at(path) == (n.pos, n.end), (text[:60], path)
        assert raw.key_at(path) == (k.pos, k.end), (text[:60], path)
        first = n.entries[0][0] if n.entries else n
        assert raw.first_key_at(path) == (first.pos, first.end), (text[:60], path)


@pytest.mark.parametrize("text", TEXTS)
def test_parse_raw_agrees_with_exact_decoder_and_compose(text: str) -> None:
    check_agrees(text)


def test_parse_raw_agrees_on_recorded_go_cases() -> None:
    for case in json.loads(DATA.read_text(encoding="utf-8")):
        check_agrees(case["yaml"])


def test_duplicates_positions() -> None:
    text = "a: 1\nm:\n  x: 1\n  x: 3\na: 4\n"
    dups = parse_raw(text).duplicates()
    x1, x2, a2 = text.index("x: 1"), text.index("x: 3"), text.index("a: 4")
    assert [(d.path, d.key, d.first, d.again, d.first_line) for d in dups] == [
        (["m"], "x", (x1, x1 + 1), (x2, x2 + 1), 2), ([], "a", (0, 1), (a2, a2 + 1), 0)]
    assert parse_raw("base: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n").duplicates() == []


def test_alias_positions_are_the_occurrence() -> None:
    text = "a: &x {k: 1}\nb: *x\n"
    raw = parse_raw(text)
    assert text[slice(*raw.node_at(["b"]))] == "*x"
    assert text[slice(*raw.node_at(["b", "k"]))] == "1"


def test_corpus_values_files_agree() -> None:
    if not CORPUS.exists():
        pytest.skip("shared corpus absent")
    for path in sorted(CORPUS.rglob("*.yaml")):
        if "values" in path.name:
            check_agrees(path.read_text(encoding="utf-8"))

"""The line-based decoder for plain block YAML and event-walked positions agree with the exact libyaml path."""

from __future__ import annotations

import random

import pytest

from chartlsp.encoding.goyaml import RawDoc, YAMLError, parse_raw
from chartlsp.kube.blockyaml import decode_block
from chartlsp.kube.plaindoc import PlainDoc

# (document, value the fast decoder must give); the exact path must agree
DECODED = [
    ("a: 1\nb: yes\nc: ~\nd: 0x1F\ne: 1.5\nf: -x\ng: :x\nh: ?x", {"a": 1.0, "b": True, "c": None, "d": 31.0, "e": 1.5,
                                                             "f": "-x", "g": ":x", "h": "?x"}),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    \"helm.sh/hook\": pre-install\n"
     "    'a''b': c\ndata:\n  k: v", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {
         "name": "x", "annotations": {"helm.sh/hook": "pre-install", "a'b": "c"}}, "data": {"k": "v"}}),
    ("k:\n- a\n- b\nc: 1", {"k": ["a", "b"], "c": 1.0}),  # indentless sequence
    ("- a: 1\n  b:\n  - x\n- c\n-\n  d: 2\n-", [{"a": 1.0, "b": ["x"]}, "c", {"d": 2.0}, None]),
    ("a: foo\n  bar\n\n  baz\n\n\n  qux\nb: 1", {"a": "foo bar\nbaz\n\nqux", "b": 1.0}),  # multi-line plain
    ("a: foo\n  - bar [x] &y *z !w\nb: 1", {"a": "foo - bar [x] &y *z !w", "b": 1.0}),
    ("a: x # comment\n# c\nb: 'it''s'   \nc: \"q\\n\\t\\x41\\u00e9\\\"\"", {"a": "x", "b": "it's", "c": "q\n\tAé\""}),
    ("a: 'one\n  two\n\n  three'\nb: \"x\\ty\n   z\\\\\"", {"a": "one two\nthree", "b": "x\ty z\\"}),
    ("a: |\n  x\n\n  # y\n   z\n\nb: |-\n    p\n    q\nc: |\n  end", {"a": "x\n\n# y\n z\n", "b": "p\nq", "c": "end"}),
    ("a:\n  - |\n    lit\n  - x\nb:\n  {}\nc: []\nd: [1, \"a\", 'b', c]", {"a": ["lit\n", "x"], "b": {}, "c": [],
                                                                     "d": [1.0, "a", "b", "c"]}),
    ("env: # why\n  - name: A\n    value: \"1\"", {"env": [{"name": "A", "value": "1"}]}),
    ("a:   \n  b: 1\nc:", {"a": {"b": 1.0}, "c": None}),
]

# documents the fast decoder leaves to the exact path (its outcome, value or error, is libyaml's)
FALLBACK = [
    "a: 1\na: 2",  # duplicate key
    "on: 1", "1: x", "<<: {a: 1}", "a b: 1",  # keys that are not plain strings
    "a: &x 1\nb: *x", "a: !!str 1",  # anchors, aliases, tags
    "a: {b: 1}", "a: >\n  folded", "a: |+\n  keep\n", "a: |2\n   x", "a: |\n\n  leading blank",
    "a: \"\\/\"", "a: \"\\q\"", "a: \"x\\\n  y\"",  # escapes left to libyaml, an escaped line break
    "a: b: c", "a: x:", "a: foo\n  b: c", "a: 1\n  b: 2", "a: x #c\n  y",  # errors
    "- - a", "a\tb: 1", "a: 1\r\nb: 2", "a: \x85", "a: 1\n...\nb: 2", "a: 1\n---\nb: 2", "%YAML 1.1\n---\na: 1",
    "just a scalar", "# only a comment", "",
]


def _exact(text: str) -> object:
    try:
        raw = parse_raw(text)
    except YAMLError as e:
        return ("error", str(e))
    return None if raw is None else raw.value


@pytest.mark.parametrize("text,value", DECODED)
def test_decodes_plain_block_yaml_as_go_yaml_does(text, value):
    assert decode_block(text) == value
    assert _exact(text) == value


def test_nesting_deeper_than_any_manifest_falls_back():
    """libyaml's own nesting limit differs between releases: such documents take the exact path."""
    deep = "".join(" " * i + "k:\n" for i in range(1000)) + " " * 1000 + "k: v"
    assert decode_block(deep) is None
    items = "".join("  " * i + "- k:\n" for i in range(150)) + "  " * 150 + "- v"
    assert decode_block(items) is None
    shallow = "".join(" " * i + "k:\n" for i in range(150)) + " " * 150 + "k: v"
    assert decode_block(shallow) == _exact(shallow)


@pytest.mark.parametrize("text", FALLBACK)
def test_leaves_everything_else_to_the_exact_path(text):
    assert decode_block(text) is None


# ---------------------------------------------------------------- random documents

_KEYS = ["a", "name", "app.kubernetes.io/name", '"helm.sh/hook"', "'q''k'", "k1", "$ref", "on", "1", "a b"]
_WORDS = ["foo", "1", "yes", "x:y", "a#b", "-z", "?q", "it's", 'say "hi"', "back\\slash", "é", "1.5", "~", "true",
          "0o17", "[x]", "{y}", "a,b", "*s", "&t", "!u", "%v", "@w", ":", "#", "'", '"', "|", ">", "-", "  "]
_NOISE = [" ", "", "\n", "#", ":", "'", '"', "-", "  ", "\\"]


def _scalar(rng: random.Random, indent: int) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))
    style = rng.random()
    if style < 0.45:
        return words
    if style < 0.55:  # plain, over several lines
        gap = "\n" * rng.randint(1, 3) + " " * (indent + rng.randint(1, 3))
        return gap.join(rng.choice(_WORDS) for _ in range(rng.randint(2, 4)))
    if style < 0.85:
        single = style < 0.7
        q = words.replace("'", "''") if single else words.replace("\\", "\\\\").replace('"', '\\"')
        if not single and rng.random() < 0.3:
            q += rng.choice(["\\n", "\\t", "\\x41", "\\u00e9", "\\/", "\\q", "\\ "])
        if rng.random() < 0.3:
            q = q.replace(" ", "\n" + " " * (indent + 2), 1)
        return ("'" if single else '"') + q + ("'" if single else '"')
    body = [rng.choice(_WORDS + ["", "  deeper", "# not a comment"]) for _ in range(rng.randint(1, 4))]
    return rng.choice(["|", "|-", "|+", ">"]) + "\n" + "\n".join(
        " " * (indent + 2) + line if line else rng.choice(["", " " * (indent + 5)]) for line in body)


def _tree(rng: random.Random, depth: int) -> object:
    r = rng.random()
    if depth > 3 or r < 0.4:
        return None
    if r < 0.75:
        return {rng.choice(_KEYS): _tree(rng, depth + 1) for _ in range(rng.randint(1, 4))}
    return [_tree(rng, depth + 1) for _ in range(rng.randint(1, 3))]


def _emit(rng: random.Random, node: object, indent: int, lines: list[str], prefix: str) -> None:
    """``node`` as the value after ``prefix`` (``key:``, ``-`` or nothing), in a random block style."""
    if node is None:
        lines.append((prefix + " " if prefix else "") + _scalar(rng, indent))
    elif isinstance(node, dict) and prefix.endswith("-") and rng.random() < 0.7:  # mapping on the item's line
        column = len(prefix) + 1
        for n, (k, v) in enumerate(node.items()):
            _emit(rng, v, column, lines, (prefix + " " if n == 0 else " " * column) + k + ":")
    elif isinstance(node, dict):
        lines.append(prefix)
        column = indent + rng.choice([1, 2, 4])
        for k, v in node.items():
            _emit(rng, v, column, lines, " " * column + k + ":")
    else:
        lines.append(prefix)
        column = indent if prefix.endswith(":") and rng.random() < 0.5 else indent + rng.choice([1, 2])
        for v in node:  # type: ignore[union-attr]
            _emit(rng, v, column, lines, " " * column + "-")
    if rng.random() < 0.1:
        lines.append(" " * rng.randint(0, 6) + rng.choice(["# c", ""]))


def _document(rng: random.Random) -> str:
    lines: list[str] = []
    root = _tree(rng, 0)
    for k, v in (root if isinstance(root, dict) and root else {"a": root}).items():
        _emit(rng, v, 0, lines, k + ":")
    text = "\n".join(lines)
    if rng.random() < 0.3:
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(_NOISE) + text[i + 1:]
    return text.strip(" \n")


def _paths(value: object, path: list, out: list) -> None:
    out.append(path)
    if isinstance(value, dict):
        out += [path + ["absent"], path + [0]]
        for k, v in value.items():
            _paths(v, path + [k], out)
    elif isinstance(value, list):
        out += [path + [len(value)], path + ["absent"]]
        for i, v in enumerate(value):
            _paths(v, path + [i], out)


def test_random_documents_decode_and_locate_as_the_exact_path_does():
    rng = random.Random(7)
    decoded = 0
    for _ in range(6000):
        text = _document(rng)
        value = decode_block(text)
        if value is None:
            continue
        decoded += 1
        raw = parse_raw(text)  # raises if the fast decoder accepted a document libyaml rejects
        assert raw is not None and repr(raw.value) == repr(value), text
        assert raw.duplicates() == [], text
        paths: list = []
        _paths(value, [], paths)
        for path in paths[:20]:
            for method in ("node_at", "key_at", "first_key_at"):
                assert getattr(PlainDoc(text, value), method)(path) == getattr(raw, method)(path), (text, path)
    assert decoded > 1500  # the generator mostly writes documents the fast path takes


def test_plain_doc_builds_the_tree_after_a_few_walks():
    text = "a:\n  b: 1\n  c: [x]\nd: |\n  t"
    doc = PlainDoc(text, decode_block(text))
    tree = RawDoc(text, doc.value, None, [], True)
    for path in (["a", "c", 0], ["a", "b"], ["d"], ["a", "zz"], [], ["a", "c", 3]):
        assert doc.node_at(path) == tree.node_at(path)
        assert doc.key_at(path) == tree.key_at(path)
        assert doc.first_key_at(path) == tree.first_key_at(path)
    assert doc._tree is not None

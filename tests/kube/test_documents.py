"""Splitting rendered files into documents with offsets, and positioned lookups."""

from __future__ import annotations

import random

import pytest

from chartlsp.kube.documents import key_at, node_at, parse_documents, split_documents
from chartlsp.render.manifest import split_manifests

SPLIT_CASES = [
    "",
    "   \n\t",
    "a: 1",
    "---\na: 1\n---\nb: 2\n",
    "\n\n  ---  \na: 1\n  \n---\n\n---\nb: 2\n---",
    "a: 1\n----\nb: 2",  # "---" followed by "-": still a separator for Helm
    "a: |\n  x\n  ---\n  y\n",  # indented "---" inside a block scalar splits too (Helm's regex)
    "---a: 1",
    "a\n---\n---\nb",
    "\x85a: 1\n---\n\x85\n---\nb: 2",  # Unicode space: trimmed, but the piece is kept (empty)
    "# Source: c/templates/a.yaml\napiVersion: v1\n---\n# Source: c/templates/a.yaml\nkind: X\n",
    "a: 1\r\n---\r\nb: 2\r\n",
]


@pytest.mark.parametrize("text", SPLIT_CASES)
def test_split_agrees_with_helm_and_keeps_offsets(text):
    got = split_documents(text)
    assert [doc for _, doc in got] == split_manifests(text)
    for offset, doc in got:
        assert text[offset:offset + len(doc)] == doc


def test_split_random_texts_agree_with_helm():
    rng = random.Random(4)
    alphabet = ["-", "---", "\n", " ", "a", "\t", "\x85", "b: 1", "\n---\n", "\r\n", "#c", "\n---", "\f"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        got = split_documents(text)
        assert [doc for _, doc in got] == split_manifests(text), repr(text)
        assert all(text[o:o + len(d)] == d for o, d in got), repr(text)


def test_parse_documents_values_lines_and_errors():
    text = "# c\n\n---\nkind: A\nnum: 1\n---\n# only a comment\n---\na: [1\n"
    docs = parse_documents(text)
    assert [d.index for d in docs] == [0, 1, 2, 3]
    assert docs[0].value is None and docs[0].root is None  # comment-only
    assert docs[1].value == {"kind": "A", "num": 1.0}
    assert docs[1].line == 3 and text[docs[1].start:].startswith("kind: A")
    assert docs[2].value is None and docs[2].error is None
    assert docs[3].error is not None and docs[3].value is None


def test_yaml_11_values_as_the_api_server_reads_them():
    doc = parse_documents("a: yes\nb: '80'\nc: 0x1F\nd: 1e3\ne: ~\nf: 3.0\n")[0]
    assert doc.value == {"a": True, "b": "80", "c": 31.0, "d": 1000.0, "e": None, "f": 3.0}


def test_duplicate_keys_with_positions():
    text = "a: 1\nm:\n  x: 1\n  y: 2\n  x: 3\nl:\n  - k: 1\n    k: 2\na: 4\n"
    doc = parse_documents(text)[0]
    found = [(d.path, d.key, text[d.first[0]:d.first[1]], d.first_line, d.again) for d in doc.duplicates]
    assert found == [
        (["m"], "x", "x", 2, (text.index("x: 3"), text.index("x: 3") + 1)),
        (["l", 0], "k", "k", 6, (text.index("k: 2"), text.index("k: 2") + 1)),
        ([], "a", "a", 0, (text.index("a: 4"), text.index("a: 4") + 1)),
    ]
    assert doc.value["a"] == 4.0  # go-yaml v2 keeps the last


def test_merge_keys_are_not_duplicates():
    doc = parse_documents("base: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n  z: 2\n")[0]
    assert doc.duplicates == []
    assert doc.value["m"] == {"x": 1.0, "z": 2.0}


def test_node_and_key_lookup_follow_paths_merges_and_missing_parts():
    text = "base: &b\n  port: 80\nspec:\n  <<: *b\n  list:\n    - name: a\n    - name: b\n"
    root = parse_documents(text)[0].root
    assert text[node_at(root, ["spec", "list", 1, "name"]).pos:][:1] == "b"
    assert text[key_at(root, ["spec", "list"]).pos:].startswith("list:")
    assert node_at(root, ["spec", "port"]).value == 80.0  # through the merge
    assert text[key_at(root, ["spec", "port"]).pos:].startswith("port: 80")
    missing = node_at(root, ["spec", "nothing", "deeper"])
    assert missing is node_at(root, ["spec"])  # the deepest existing ancestor
    assert key_at(root, ["spec", "list", 0]) is node_at(root, ["spec", "list", 0])

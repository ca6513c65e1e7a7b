import os

import pytest

from chartlsp.analysis.settings import Settings
from chartlsp.analysis.workspace import AnalysisCache, Snapshot
from chartlsp.features.code_actions import add_key_edit, code_actions

FIXES = os.path.join(os.path.dirname(__file__), "fixes_chart")  # not in fixtures/, which holds one chart


def fixes(rel, line):
    """(title, code, {file: [(changed line after the edit)]}) of the fixes offered on ``line`` of ``rel``."""
    path = os.path.join(FIXES, *rel.split("/"))
    snap = Snapshot((FIXES,), {}, Settings(), AnalysisCache())
    text = snap.read(path)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    out = []
    for ca in code_actions(snap.analysis_for(path), path, text, starts[line], starts[line + 1] - 1):
        changed = {}
        for p, edits in ca.edits.items():
            before = snap.read(p)
            after = before
            for e in sorted(edits, key=lambda e: -e.start):
                after = after[:e.start] + e.new_text + after[e.end:]
            changed[os.path.relpath(p, FIXES)] = [ln for ln in after.split("\n") if ln not in before.split("\n")]
        out.append((ca.title, ca.diagnostic.code, changed))
    return out


CASES = [
    ("templates/deploy.yaml", 5, [("Convert the value to an integer (| int)", "schema-type",
                                   {"templates/deploy.yaml": ["  replicas: {{ .Values.replicaCount | int }}"]})]),
    ("templates/deploy.yaml", 16, [("Add image.tag to values.yaml", "undefined-value", {"values.yaml": ["  tag: null"]})]),
    ("templates/deploy.yaml", 17, [("Add image.pullPolicy to values.yaml", "undefined-value",
                                    {"values.yaml": ["  pullPolicy: null"]})]),
    ("templates/deploy.yaml", 20, [("Quote the value (| quote)", "schema-type",
                                    {"templates/deploy.yaml": ["              value: {{ .Values.port | quote }}"]})]),
    ("templates/deploy.yaml", 22, [("Quote the value (| quote)", "schema-type",
                                    {"templates/deploy.yaml": ["              value: {{ .Values.debug | quote }}"]})]),
    ("templates/deploy.yaml", 24, [("Quote 42", "schema-type", {"templates/deploy.yaml": ['              value: "42"']})]),
    ("templates/deploy.yaml", 0, []),
    ("templates/ingress.yaml", 0, [("Replace extensions/v1beta1 with networking.k8s.io/v1", "api-removed",
                                    {"templates/ingress.yaml": ["apiVersion: networking.k8s.io/v1"]})]),
]


@pytest.mark.parametrize("rel,line,want", CASES)
def test_fixes(rel, line, want):
    assert fixes(rel, line) == want


KEY_CASES = [
    # (values.yaml text, path, text after the edit); None: no safe edit
    ("a: 1\n", ("b",), "a: 1\nb: null\n"),
    ("a: 1", ("b",), "a: 1\nb: null\n"),
    ("", ("a", "b"), "a:\n  b: null\n"),
    ("image:\n    repo: x\n# trailing\nz: 1\n", ("image", "tag"), "image:\n    repo: x\n    tag: null\n# trailing\nz: 1\n"),
    ("image:\n  repo: x\n", ("resources", "limits", "cpu"),
     "image:\n  repo: x\nresources:\n  limits:\n    cpu: null\n"),
    ("a:\n  b:\n    - 1\n", ("a", "c"), "a:\n  b:\n    - 1\n  c: null\n"),
    ("a: 1\n", ("my key", "true"), 'a: 1\n"my key":\n  "true": null\n'),
    ("a: 1\n", ("a", "b"), None),
    ("labels: {}\n", ("labels", "x"), None),
    ("{a: 1}\n", ("b",), None),
]


@pytest.mark.parametrize("text,path,want", KEY_CASES)
def test_add_key_edit(text, path, want):
    e = add_key_edit(text, path)
    got = None if e is None else text[:e.start] + e.new_text + text[e.end:]
    assert got == want

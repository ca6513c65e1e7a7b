import pytest

from chartlsp.analysis.settings import Settings
from chartlsp.features.rename import RenameError, prepare_rename, rename

from .cursor import open_at
from .nav import body, open_files, spot

PROD = Settings(value_files=("values-prod.yaml",))


def _rename(marked, new="newName", rel="templates/scratch.yaml", settings=None):
    analysis, path, text, offset = open_at(marked, rel, settings)
    edits = rename(analysis, path, text, offset, new)
    return sorted(spot(p, e.start, e.end, path, text) + (e.new_text,) for p, es in edits.items() for e in es)


def _apply(marked, new, rel="templates/scratch.yaml"):
    """The edited text of every file the rename touches."""
    analysis, path, text, offset = open_at(marked, rel)
    out = {}
    for p, es in rename(analysis, path, text, offset, new).items():
        b = body(p, path, text)
        for e in sorted(es, key=lambda e: -e.start):
            b = b[:e.start] + e.new_text + b[e.end:]
        out[spot(p, 0, 0, path, text)[0]] = b
    return out


def test_rename_in_values_files_and_every_spelled_read():
    assert _rename("{{ .Values.image.t‸ag }}", settings=PROD) == [
        ("templates/deployment.yaml", 18, "tag", "newName"),
        ("templates/scratch.yaml", 0, "tag", "newName"),
        ("values-prod.yaml", 2, "tag", "newName"),  # a quoted key keeps its quotes
        ("values.yaml", 5, "tag", "newName"),
    ]


def test_rename_parent_key_leaves_reads_that_do_not_spell_it():
    edited = _apply("{{ $i := .Values.ima‸ge }}{{ $i.tag }}{{ index .Values \"image\" \"tag\" }}", "img")
    assert edited["templates/scratch.yaml"] == '{{ $i := .Values.img }}{{ $i.tag }}{{ index .Values "img" "tag" }}'
    assert "img:\n  repository: nginx" in edited["values.yaml"]
    dep = edited["templates/deployment.yaml"]
    assert '"{{ .Values.img.repository }}:{{ .Values.img.tag }}"' in dep and "{{- with .Values.img }}" in dep
    assert "imagePullPolicy: {{ .pullPolicy }}" in dep


def test_rename_subchart_value_renames_the_parent_section_too():
    assert _rename("{{ .Values.greet‸ing }}", "salute", "charts/sub/templates/cm.yaml", PROD) == [
        ("charts/sub/templates/cm.yaml", 0, "greeting", "salute"),
        ("charts/sub/values.yaml", 1, "greeting", "salute"),
        ("values-prod.yaml", 4, "greeting", "salute"),
        ("values.yaml", 12, "greeting", "salute"),
    ]


def test_rename_from_a_values_file_and_list_item_keys():
    assert _rename("ports:\n  - na‸me: http\n", "portName", "values.yaml") == [
        ("templates/deployment.yaml", 24, "name", "portName"),
        ("values.yaml", 1, "name", "portName"),
    ]


def test_prepare_rename_gives_the_key_span():
    analysis, path, text, offset = open_at('{{ index .Values "lab‸els" }}')
    t = prepare_rename(analysis, path, text, offset)
    assert (text[t.start:t.end], t.placeholder) == ("labels", "labels")


@pytest.mark.parametrize("marked, rel, reason", [
    ('{{ include "demo.full‸name" . }}', "templates/scratch.yaml", "Only .Values keys"),
    ("{{ .Values.s‸ub }}", "templates/scratch.yaml", "values section of subchart `sub`"),
    ("{{ .Values.glo‸bal }}", "templates/scratch.yaml", "`global` is Helm's shared section"),
    ("{{ .Values.replica‸Count }}", "templates/scratch.yaml", "described in values.schema.json"),
    ('{{ $k := "x" }}{{ index .Values.image $k }}{{ .Values.image.t‸ag }}', "templates/scratch.yaml",
     "may be read with a computed key at templates/scratch.yaml:1"),
    ("{{ .Values.image.t‸ag }}{{ if }}", "templates/scratch.yaml", "templates/scratch.yaml does not parse"),
    ('{{ index .Values "im\\x61ge" }}{{ .Values.ima‸ge }}', "templates/scratch.yaml", "spelled differently"),
    ("image:\n  <<: {a: 1}\n  t‸ag: x\n", "values.yaml", "`<<` merge"),
    ("image:\n  t‸ag: x\nnote: '{{ .Values.image.tag }}'\n", "values.yaml", "may read the key through tpl"),
    ("base: &b\n  t‸ag: x\nimage: *b\n", "values.yaml", "anchored YAML map"),
])
def test_unsafe_renames_are_refused(marked, rel, reason):
    analysis, path, text, offset = open_at(marked, rel)
    with pytest.raises(RenameError, match=reason.replace("(", r"\(")):
        prepare_rename(analysis, path, text, offset)


@pytest.mark.parametrize("new, reason", [
    ("my-key", "not a valid key"), ("1st", "not a valid key"), ("", "not a valid key"),
    ("repository", "`image.repository` already exists"),
])
def test_invalid_new_names(new, reason):
    analysis, path, text, offset = open_at("{{ .Values.image.t‸ag }}")
    with pytest.raises(RenameError, match=reason):
        rename(analysis, path, text, offset, new)


def test_same_name_is_no_edit():
    assert _rename("{{ .Values.image.t‸ag }}", "tag") == []


@pytest.mark.parametrize("values", [
    "base: &b {tag: x}\nimage: *b\n",
    "base: &b {tag: x}\nimage:\n  <<: *b\n",
])
def test_a_key_reached_through_an_alias_or_merge_is_refused(values):
    analysis, path, text, offset = open_files("{{ .Values.image.t‸ag }}", "templates/scratch.yaml",
                                              {"values.yaml": values})
    with pytest.raises(RenameError, match="alias or `<<` merge"):
        prepare_rename(analysis, path, text, offset)


def test_nothing_to_rename_outside_keys():
    analysis, path, text, offset = open_at("image:\n  tag: x\n#‸\n", "values.yaml")
    with pytest.raises(RenameError, match="Only .Values keys"):
        prepare_rename(analysis, path, text, offset)

import pytest

from chartlsp.features.hover import hover

from .cursor import open_at


def _hover(marked, rel="templates/scratch.yaml"):
    analysis, path, text, offset = open_at(marked, rel)
    h = hover(analysis, path, text, offset)
    return h, text


def test_value_hover_shows_default_type_and_doc_comment():
    h, text = _hover("{{ .Values.image.t‸ag }}")
    assert text[h.start:h.end] == "tag"
    assert "**.Values.image.tag**" in h.markdown
    assert '`values.yaml`: string' in h.markdown
    assert 'tag: "1.25"' in h.markdown
    assert "The image tag (defaults to the chart's appVersion)" in h.markdown


def test_hover_on_a_parent_segment_describes_that_key():
    h, text = _hover("{{ .Values.im‸age.tag }}")
    assert text[h.start:h.end] == "image"
    assert "**.Values.image**" in h.markdown and "map" in h.markdown


def test_hover_adds_schema_type_and_description():
    h, _ = _hover("{{ .Values.replica‸Count }}")
    assert "Schema type: `integer`" in h.markdown
    assert "How many pods to run" in h.markdown
    assert "Number of replicas." in h.markdown


@pytest.mark.parametrize("marked", [
    "{{ with .Values.image }}{{ .t‸ag }}{{ end }}",
    "{{ $i := .Values.image }}{{ $i.t‸ag }}",
    "{{ range .Values.ports }}{{ .contain‸erPort }}{{ end }}",
])
def test_hover_follows_dot_and_variables(marked):
    h, _ = _hover(marked)
    assert h is not None and "**.Values." in h.markdown


def test_function_hover():
    h, text = _hover("{{ .Values.x | quo‸te }}")
    assert text[h.start:h.end] == "quote"
    assert "quote" in h.markdown and h.markdown.startswith("```")


def test_define_hover_shows_body():
    h, text = _hover('{{ include "demo.full‸name" . }}')
    assert text[h.start:h.end] == '"demo.fullname"'
    assert "{{ .Release.Name }}-{{ .Chart.Name }}" in h.markdown
    assert "templates/_helpers.tpl" in h.markdown


def test_builtin_object_hover():
    h, _ = _hover("{{ .Release.Na‸me }}")
    assert "The release name." in h.markdown


def test_subchart_value_hover_lists_parent_override():
    h, _ = _hover("{{ .Values.greet‸ing }}", "charts/sub/templates/cm.yaml")
    assert "`charts/sub/values.yaml`" in h.markdown and "`values.yaml`" in h.markdown
    assert "greeting: hello" in h.markdown and "greeting: hi" in h.markdown


def test_nothing_for_unknown_value_or_text():
    assert _hover("{{ .Values.nope‸ }}")[0] is None
    assert _hover("plain te‸xt")[0] is None

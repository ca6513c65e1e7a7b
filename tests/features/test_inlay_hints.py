from chartlsp.analysis.settings import Settings
from chartlsp.features.inlay_hints import inlay_hints

from .cursor import open_at

ON = Settings(inlay_hints_values=True)
TEMPLATE = ('‸a: {{ .Values.replicaCount }} {{ .Values.image.tag | quote }}\n'
            '{{ with .Values.image }}{{ .pullPolicy }}{{ end }}{{ range .Values.ports }}{{ .name }}{{ end }}\n'
            '{{ .Values.nope }}{{ index .Values "sub" }}')


def hints(marked, settings=ON, rel="templates/scratch.yaml"):
    analysis, path, text, _ = open_at(marked, rel, settings)
    return [(text[:h.offset].rsplit(" ", 1)[-1], h.label) for h in inlay_hints(analysis, path, text)]


def test_off_by_default():
    assert hints(TEMPLATE, Settings()) == []


def test_values_after_each_read():
    assert hints(TEMPLATE) == [
        (".Values.replicaCount", "= 1"), (".Values.image.tag", '= "1.25"'),
        (".Values.image", "= map[pullPolicy:IfNotPresent repository:…"), (".pullPolicy", '= "IfNotPresent"'),
        (".Values.ports", "= [map[containerPort:80 name:http]]")]


def test_values_files_from_settings_and_subcharts():
    prod = Settings(inlay_hints_values=True, value_files=("values-prod.yaml",))
    assert hints("‸{{ .Values.image.tag }}", prod) == [(".Values.image.tag", '= "2.0"')]
    got = hints("‸{{ .Values.greeting }} {{ .Values.global.env }}", rel="charts/sub/templates/cm.yaml")
    assert got == [(".Values.greeting", '= "hello"'), (".Values.global.env", '= "prod"')]

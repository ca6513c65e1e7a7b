import os

from chartlsp.features.links import document_links

from .cursor import DEMO, open_at


def test_files_paths_link_to_chart_files():
    marked = ('{{ .Files.Get "files/app.conf" }}{{ $.Files.Lines "files/conf/logging.ini" }}‸\n'
              '{{ (.Files.Glob "files/conf/*").AsConfig }}{{ .Files.Glob "files/**" }}\n'
              '{{ .Files.Get "missing.txt" }}{{ define "x" }}{{ .root.Files.GetBytes "files/app.conf" }}{{ end }}')
    analysis, path, text, _ = open_at(marked)
    got = [(text[lk.start:lk.end], os.path.relpath(lk.target, DEMO)) for lk in document_links(analysis, path, text)]
    assert got == [("files/app.conf", "files/app.conf"), ("files/conf/logging.ini", "files/conf/logging.ini"),
                   ("files/conf/*", "files/conf/logging.ini"), ("files/app.conf", "files/app.conf")]


def test_no_links_outside_templates():
    analysis, path, text, _ = open_at("‸a: 1\n", "values.yaml")
    assert document_links(analysis, path, text) == []

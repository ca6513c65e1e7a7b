"""Each `check` output format's exact shape, from hand-made results."""

from __future__ import annotations

import html.parser
import json
import os
import pathlib
import re

import pytest

from chartlsp.analysis.check import CheckResult
from chartlsp.analysis.diagnostics import Diagnostic, Related, locate
from chartlsp.analysis.rules import RULES
from chartlsp.cli.formats import Report, render
from chartlsp.cli.formats.github import escape_data, escape_property

ROOT = pathlib.Path(__file__).resolve().parents[2]
HELPERS = '{{- define "x.labels" -}}\napp: x\ntier: {{ .Values.tier }}\n{{- end }}\n'
DEPLOY = "kind: Deployment\nspec:\n  replicas: {{ .Values.n | quote }}\n  labels: {{ include \"x.labels\" . }}\n"


def result(chart_dir: str = "charts/web") -> CheckResult:
    texts = {"templates/_helpers.tpl": HELPERS, "templates/deploy.yaml": DEPLOY}
    start = DEPLOY.index("{{ .Values.n")
    call = DEPLOY.index("{{ include")
    tier = HELPERS.index("{{ .Values.tier")
    diags = [
        Diagnostic("templates/deploy.yaml", start, start + 23, "error", "schema-type",
                   'spec.replicas: expected integer, got string "3"'),
        Diagnostic("templates/_helpers.tpl", tier, tier + 18, "warning", "undefined-value",
                   ".Values.tier, 100% undefined: a, b", [Related("templates/deploy.yaml", call, call + 25,
                                                                  'included from here ("x.labels")')]),
        Diagnostic("templates/deploy.yaml", 0, 4, "info", "unused-value", "line1\nline2"),
    ]
    for d in diags:
        locate(d, texts)
    return CheckResult(chart_dir, diags, texts, resources=1)


def test_text():
    out = render(Report([result()]), "text")
    assert out == (
        "charts/web/templates/_helpers.tpl:3:7: warning: .Values.tier, 100% undefined: a, b [undefined-value]\n"
        '  charts/web/templates/deploy.yaml:4:11: note: included from here ("x.labels")\n'
        "charts/web/templates/deploy.yaml:1:1: info: line1\nline2 [unused-value]\n"
        'charts/web/templates/deploy.yaml:3:13: error: spec.replicas: expected integer, got string "3" [schema-type]\n'
        "1 error, 1 warning, 1 info in 1 chart (1 resource)\n")


def test_json_single_chart_has_no_chart_field():
    doc = json.loads(render(Report([result()]), "json"))
    assert doc["summary"] == {"errors": 1, "warnings": 1, "infos": 1, "charts": 1, "resources": 1}
    assert doc["diagnostics"][0] == {
        "file": "templates/_helpers.tpl", "line": 3, "column": 7, "endLine": 3, "endColumn": 25,
        "severity": "warning", "code": "undefined-value", "message": ".Values.tier, 100% undefined: a, b",
        "related": [{"file": "templates/deploy.yaml", "line": 4, "column": 11,
                     "message": 'included from here ("x.labels")'}]}


def test_json_many_charts_names_the_chart():
    doc = json.loads(render(Report([result("b"), result("a")]), "json"))
    assert [d["chart"] for d in doc["diagnostics"]] == ["a"] * 3 + ["b"] * 3
    assert all(not d["file"].startswith(("a/", "b/")) for d in doc["diagnostics"])
    assert doc["summary"]["charts"] == 2 and doc["summary"]["errors"] == 2


def test_github_annotations_escape_per_runner_rules():
    lines = render(Report([result("ch,a:rt")]), "github").splitlines()
    assert lines[0] == ("::warning file=ch%2Ca%3Art/templates/_helpers.tpl,line=3,col=7,endLine=3,endColumn=25,"
                        "title=undefined-value::.Values.tier, 100%25 undefined: a, b%0Ach,a:rt/templates/deploy.yaml"
                        ':4:11: included from here ("x.labels")')
    assert lines[1] == "::notice file=ch%2Ca%3Art/templates/deploy.yaml,line=1,col=1,endLine=1,endColumn=5," \
                       "title=unused-value::line1%0Aline2"
    assert lines[2].startswith("::error file=ch%2Ca%3Art/templates/deploy.yaml,line=3,col=13,")
    assert lines[-1] == "1 error, 1 warning, 1 info in 1 chart (1 resource)"
    assert escape_data("a%\r\n") == "a%25%0D%0A" and escape_property("a:b,c") == "a%3Ab%2Cc"


def test_sarif_shape(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    doc = json.loads(render(Report([result("charts/my web")]), "sarif"))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "chartlsp" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(RULES)
    for r in driver["rules"]:
        assert r["shortDescription"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"schema-type": "error", "undefined-value": "warning", "unused-value": "note"}
    first = run["results"][0]
    assert ids[first["ruleIndex"]] == first["ruleId"] == "undefined-value"
    assert first["message"] == {"text": ".Values.tier, 100% undefined: a, b"}
    loc = first["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "charts/my%20web/templates/_helpers.tpl", "uriBaseId": "%SRCROOT%"},
                   "region": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 25}}
    assert first["relatedLocations"] == [{
        "id": 0, "message": {"text": 'included from here ("x.labels")'},
        "physicalLocation": {"artifactLocation": {"uri": "charts/my%20web/templates/deploy.yaml",
                                                  "uriBaseId": "%SRCROOT%"},
                             "region": {"startLine": 4, "startColumn": 11}}}]
    assert "relatedLocations" not in run["results"][1]


def test_sarif_outside_the_working_directory_uses_file_uris(monkeypatch, tmp_path):
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    doc = json.loads(render(Report([result(str(tmp_path / "chart"))]), "sarif"))
    art = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": (tmp_path / "chart" / "templates" / "_helpers.tpl").as_uri()}


@pytest.mark.skipif(not os.environ.get("CHARTLSP_SARIF_SCHEMA"),
                    reason="CHARTLSP_SARIF_SCHEMA unset (.ci/run fetches the official schema from npm)")
def test_sarif_is_valid_against_the_official_schema(monkeypatch, tmp_path):
    import jsonschema
    schema = json.loads(pathlib.Path(os.environ["CHARTLSP_SARIF_SCHEMA"]).read_text())
    monkeypatch.chdir(tmp_path)
    for charts in ([result("charts/my web"), CheckResult("clean", [], {}, 0)], [result(str(tmp_path / "x"))], []):
        doc = json.loads(render(Report(charts), "sarif"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(doc)]
        assert not errors


def test_sarif_required_properties_everywhere():
    """SARIF 2.1.0's required properties, also checked where the official schema is not at hand."""
    doc = json.loads(render(Report([result(), CheckResult("clean", [], {}, 0)]), "sarif"))
    assert set(doc) >= {"version", "runs"}
    for run in doc["runs"]:
        assert "driver" in run["tool"] and "name" in run["tool"]["driver"]
        for res in run["results"]:
            assert "text" in res["message"]
            assert res["level"] in ("none", "note", "warning", "error")
            for loc in res["locations"] + res.get("relatedLocations", []):
                region = loc["physicalLocation"]["region"]
                assert all(isinstance(v, int) and v >= 1 for v in region.values())
                if "endLine" in region:
                    assert (region["endLine"], region.get("endColumn", 0)) >= (region["startLine"], 0)


class _Checker(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src",) or (name == "href" and tag == "link"):
                self.external.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def test_html_report_is_self_contained_and_well_formed():
    out = render(Report([result(), CheckResult("charts/clean", [], {}, 2)]), "html")
    checker = _Checker()
    checker.feed(out)
    assert checker.stack == [] and checker.external == []
    assert "<script" not in out and "@import" not in out
    assert "1 error, 1 warning, 1 info in 2 charts (3 resources)" in out
    # the finding beside its template line, the offending span highlighted, escaped
    assert '<td class="n">3</td><td>  replicas: <mark>{{ .Values.n | quote }}</mark></td>' in out
    assert "tier: <mark>{{ .Values.tier }}</mark>" in out
    assert "included from here (&#34;x.labels&#34;)" in out  # related location, escaped
    assert "No findings." in out
    assert len(re.findall(r'<div class="finding ', out)) == 3


def test_html_of_a_real_check(tmp_path):
    from chartlsp.cli.main import main
    target = tmp_path / "r.html"
    assert main(["check", str(ROOT / "examples" / "webapp"), "--format", "html", "-o", str(target)]) == 0
    assert "0 errors, 0 warnings, 0 infos in 1 chart (3 resources)" in target.read_text()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_every_format_handles_an_empty_report(fmt):
    assert render(Report([CheckResult("c", [], {}, 0)]), fmt)


def test_docs_list_every_rule():
    doc = (ROOT / "docs" / "check.md").read_text()
    for rid, r in RULES.items():
        assert f"| `{rid}` | {r.severity} |" in doc, rid
    assert os.path.isfile(ROOT / "schemas" / "chart.schema.json")

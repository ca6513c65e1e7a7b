"""`chartlsp check` end to end: findings at template lines, exit codes, usage errors, many charts."""

from __future__ import annotations

import json
import os
import pathlib

import pytest

from chartlsp.cli.check_cmd import discover_charts
from chartlsp.cli.main import main

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "webapp"

CHART = "apiVersion: v2\nname: {name}\nversion: 0.1.0\n"
HELPERS = '{{- define "demo.labels" -}}\napp: demo\ntier: {{ .Values.tier }}\n{{- end }}\n'
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
spec:
  replicas: {{ .Values.replicas | quote }}
  selector:
    matchLabels:
      app: demo
  template:
    metadata:
      labels:
        {{- include "demo.labels" . | nindent 8 }}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolcy: Always
"""
CRD_USE = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {}\n"


def write_chart(path: pathlib.Path, name: str = "demo", **templates: str) -> pathlib.Path:
    (path / "templates").mkdir(parents=True)
    (path / "Chart.yaml").write_text(CHART.format(name=name))
    (path / "values.yaml").write_text("replicas: 2\ntier: [web]\n")
    for file, text in templates.items():
        (path / "templates" / file.replace("__", ".")).write_text(text)
    return path


@pytest.fixture
def defective(tmp_path):
    return write_chart(tmp_path / "demo", _helpers__tpl=HELPERS, deployment__yaml=DEPLOYMENT)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_example_chart_is_clean(capsys):
    code, out, err = run(capsys, "check", EXAMPLE)
    assert (code, out, err) == (0, "0 errors, 0 warnings, 0 infos in 1 chart (3 resources)\n", "")


def test_planted_defects_at_their_template_lines(capsys, defective):
    code, out, _ = run(capsys, "check", defective, "--format", "json")
    assert code == 1
    got = [(d["file"], d["line"], d["column"], d["code"], d["message"]) for d in json.loads(out)["diagnostics"]]
    assert got == [
        ("templates/_helpers.tpl", 3, 7, "schema-type",
         'spec.template.metadata.labels.tier: expected string, got array'),
        ("templates/deployment.yaml", 6, 13, "schema-type", 'spec.replicas: expected integer, got string "2"'),
        ("templates/deployment.yaml", 13, 13, "schema-type",
         'spec.template.metadata.labels.tier: expected string, got array'),
        ("templates/deployment.yaml", 18, 11, "schema-unknown-field",
         'unknown field "imagePullPolcy" in spec.template.spec.containers[0]'),
    ]
    helper = json.loads(out)["diagnostics"][0]
    assert helper["related"][0]["file"] == "templates/deployment.yaml" and helper["related"][0]["line"] == 13
    assert helper["related"][0]["column"] == 13


def test_text_format_is_compiler_style(capsys, defective, monkeypatch):
    monkeypatch.chdir(defective)
    code, out, _ = run(capsys, "check", ".")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "templates/_helpers.tpl:3:7: error: spec.template.metadata.labels.tier: expected string, " \
                       "got array [schema-type]"
    assert lines[1] == '  templates/deployment.yaml:13:13: note: included from here ("demo.labels")'
    assert "templates/deployment.yaml:6:13: error: spec.replicas: expected integer, got string \"2\" " \
           "[schema-type]" in lines
    assert lines[-1] == "4 errors, 0 warnings, 0 infos in 1 chart (1 resource)"


def test_fail_on_and_strict(capsys, tmp_path):
    chart = write_chart(tmp_path / "crd", name="crd", widget__yaml=CRD_USE)
    code, out, _ = run(capsys, "check", chart)
    assert code == 0 and "templates/widget.yaml:1:13: info: example.com/v1 Widget not validated" in out
    assert run(capsys, "check", chart, "--fail-on", "warning")[0] == 0  # an info never fails
    code, out, _ = run(capsys, "check", chart, "--strict")
    assert code == 1 and "templates/widget.yaml:1:13: error: example.com/v1 Widget" in out


def test_kube_version_renders_and_validates_consistently(capsys, tmp_path):
    ingress = ('{{- if semverCompare "<1.19-0" .Capabilities.KubeVersion.Version }}\n'
               "apiVersion: networking.k8s.io/v1beta1\n{{- else }}\napiVersion: networking.k8s.io/v1\n{{- end }}\n"
               "kind: Ingress\nmetadata:\n  name: i\nspec: {}\n")
    chart = write_chart(tmp_path / "ing", name="ing", ingress__yaml=ingress)
    assert run(capsys, "check", chart, "--kube-version", "1.29")[0] == 0
    old = ingress.replace("<1.19-0", "<1.30-0")
    (chart / "templates" / "ingress.yaml").write_text(old)
    code, out, _ = run(capsys, "check", chart, "--kube-version", "v1.29.3")
    assert code == 1
    assert "templates/ingress.yaml:2:13: error: networking.k8s.io/v1beta1 Ingress is not served by Kubernetes " \
           "1.29; use networking.k8s.io/v1 [api-removed]" in out


@pytest.mark.parametrize("argv, message", [
    (["--kube-version", "1.12"], "Error: --kube-version: Kubernetes version '1.12' is not supported"),
    (["--kube-version", "latest"], "Error: --kube-version: invalid Kubernetes version 'latest'"),
    (["--schema-location", "/does/not/exist/{{ .ResourceKind }}.json"], "Error: schema location"),
    (["-f", "/does/not/exist.yaml"], "Error: values file '/does/not/exist.yaml': no such file"),
])
def test_usage_errors_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "check", EXAMPLE, *argv)
    assert code == 2 and out == "" and err.startswith(message) and "Traceback" not in err


def test_values_file_that_is_not_yaml(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\nb: {\n")
    code, out, err = run(capsys, "check", EXAMPLE, "-f", bad)
    assert code == 2 and out == ""
    assert err == f"Error: failed to parse {bad}: error converting YAML to JSON: yaml: line 1: did not find " \
                  "expected ',' or ']'\n"
    bad.write_bytes(b"\xff\xfe\x00binary")
    code, _, err = run(capsys, "check", EXAMPLE, "-f", bad)
    assert code == 2 and err.startswith(f"Error: failed to parse {bad}") and "Traceback" not in err


def test_chart_path_problems(capsys, tmp_path):
    code, _, err = run(capsys, "check", tmp_path / "nope")
    assert code == 2 and err == f"Error: chart path '{tmp_path / 'nope'}' does not exist\n"
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "check", tmp_path / "empty")
    assert code == 2 and "no chart (a directory with a Chart.yaml) found under" in err
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", str(EXAMPLE)])
    assert exc.value.code == 2 and "invalid choice: 'xml'" in capsys.readouterr().err


def test_chart_with_no_templates_is_clean(capsys, tmp_path):
    chart = write_chart(tmp_path / "empty", name="empty")
    (chart / "values.yaml").write_text("")
    code, out, _ = run(capsys, "check", chart)
    assert (code, out) == (0, "0 errors, 0 warnings, 0 infos in 1 chart (0 resources)\n")


def test_20mb_template_is_a_clear_finding(capsys, tmp_path):
    chart = write_chart(tmp_path / "big", name="big")
    line = "# " + "x" * 98 + "\n"
    (chart / "templates" / "huge.yaml").write_text(line * (20 * 1024 * 1024 // len(line)))
    code, out, err = run(capsys, "check", chart)
    assert code == 1 and "Traceback" not in err
    assert out.splitlines()[0].endswith("error: chart file 'huge.yaml' is larger than the maximum file "
                                        "size 5242880 [chart-load]")


def test_many_charts_in_one_call(capsys, tmp_path, defective):
    repo = tmp_path / "repo"
    write_chart(repo / "charts" / "alpha", name="alpha")
    write_chart(repo / "charts" / "beta", name="beta", deployment__yaml=DEPLOYMENT.replace(
        "        {{- include \"demo.labels\" . | nindent 8 }}\n", "        app: demo\n"))
    write_chart(repo / "charts" / "alpha" / "charts" / "sub", name="sub")  # a subchart: part of alpha
    (repo / ".git" / "x").mkdir(parents=True)
    (repo / ".git" / "x" / "Chart.yaml").write_text("not a chart")
    assert discover_charts([str(repo)]) == [str(repo / "charts" / "alpha"), str(repo / "charts" / "beta")]
    code, out, err = run(capsys, "check", repo, "--format", "json")
    doc = json.loads(out)
    assert code == 1 and err == ""  # no progress line: stderr is not a terminal
    assert {k: doc["summary"][k] for k in ("errors", "warnings", "charts", "resources")} == \
        {"errors": 2, "warnings": 0, "charts": 2, "resources": 1}
    assert {(d["chart"], d["file"], d["line"]) for d in doc["diagnostics"] if d["severity"] == "error"} == {
        (str(repo / "charts" / "beta"), "templates/deployment.yaml", 6),
        (str(repo / "charts" / "beta"), "templates/deployment.yaml", 18)}


def test_progress_line_on_a_terminal(tmp_path):
    from chartlsp.analysis.check import CheckOptions
    from chartlsp.cli.check_cmd import _check_all
    from chartlsp.kube.schemas import SchemaStore

    class Tty:
        def __init__(self):
            self.text = ""

        def isatty(self):
            return True

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    charts = [str(write_chart(tmp_path / n, name=n)) for n in ("one", "two")]
    tty = Tty()
    results = _check_all(charts, CheckOptions(), SchemaStore(), False, tty)
    assert len(results) == 2
    # charts are checked in parallel on several cores: they finish in any order
    assert tty.text.startswith("\rchecking 1/2 ") and "\rchecking 2/2 " in tty.text and tty.text.endswith("\r")
    assert {"one…", "two…"} <= {part.split()[-1] for part in tty.text.split("\r") if part.strip()}
    assert [r.chart_dir for r in results] == charts  # results keep the order of the charts


def test_output_file(capsys, tmp_path, defective):
    target = tmp_path / "report.sarif"
    code, out, err = run(capsys, "check", defective, "--format", "sarif", "--output", target)
    assert code == 1 and out == "" and err == "4 errors, 0 warnings, 0 infos in 1 chart (1 resource)\n"
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_help_documents_strict(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "--strict additionally makes a" in out and "custom resource that has no schema" in out
    assert os.linesep in out

"""`chartlsp render` end to end: output contract, exit codes, and clear errors on bad input."""

from __future__ import annotations

import io
import json
import pathlib
import tarfile

import pytest

from chartlsp.cli.main import main

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "webapp"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_yaml_output_is_helm_template_shaped(capsys):
    code, out, err = run(capsys, "render", str(EXAMPLE))
    assert code == 0, err
    assert out.startswith("---\n# Source: webapp/templates/configmap.yaml\n")
    sources = [line for line in out.splitlines() if line.startswith("# Source:")]
    # install order: ConfigMap, Service, Deployment; NOTES.txt is never printed
    assert sources == ["# Source: webapp/templates/configmap.yaml", "# Source: webapp/templates/service.yaml",
                       "# Source: webapp/templates/deployment.yaml"]
    assert "greeting: \"Hello from release-name\"" in out
    assert "replicas: 2\n" in out
    assert "checksum/config: " in out


def test_json_output_contract(capsys):
    code, out, _ = run(capsys, "render", str(EXAMPLE), "--format", "json", "--set", "replicaCount=3",
                       "--release-name", "rel")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"files", "notes", "error", "render_seconds"}
    assert doc["error"] is None and doc["render_seconds"] > 0
    assert "webapp/templates/_helpers.tpl" not in doc["files"]
    assert doc["files"]["webapp/templates/ingress.yaml"] == "\n"
    assert "replicas: 3\n" in doc["files"]["webapp/templates/deployment.yaml"]
    assert doc["notes"].startswith("rel-webapp is running 3 replicas.")


def test_show_only_and_capabilities(capsys):
    code, out, _ = run(capsys, "render", str(EXAMPLE), "--set", "ingress.enabled=true",
                       "--show-only", "templates/ingress.yaml", "--kube-version", "1.18")
    assert code == 0
    assert out.startswith("---\n# Source: webapp/templates/ingress.yaml\n")
    assert "apiVersion: networking.k8s.io/v1beta1" in out


def test_render_error_exits_1_with_helm_wording(tmp_path, capsys):
    chart = _chart(tmp_path, {"templates/a.yaml": "x: {{ .Values.x "})
    code, out, err = run(capsys, "render", str(chart))
    assert code == 1 and out == ""
    assert err.startswith("Error: parse error at (demo/templates/a.yaml:1):")


@pytest.mark.parametrize("setup, message", [
    (lambda d: d / "nope", "Error:"),
    (lambda d: _chart(d, {}, chart_yaml="name: [unclosed\n"), "Chart.yaml"),
])
def test_usage_errors_exit_2(tmp_path, capsys, setup, message):
    code, out, err = run(capsys, "render", str(setup(tmp_path)))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_bad_values_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n")
    code, _, err = run(capsys, "render", str(EXAMPLE), "-f", str(bad))
    assert code == 2 and "yaml" in err.lower() and "Traceback" not in err


def test_archive_with_parent_paths_is_refused(tmp_path, capsys):
    tgz = tmp_path / "evil.tgz"
    with tarfile.open(tgz, "w:gz") as tf:
        for name, data in {"evil/Chart.yaml": b"apiVersion: v2\nname: evil\nversion: 0.1.0\n",
                           "evil/../../escape.txt": b"pwned"}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    code, _, err = run(capsys, "render", str(tgz))
    assert code == 2 and "escape.txt" in err
    assert not (tmp_path.parent / "escape.txt").exists()


def _chart(root: pathlib.Path, files: dict[str, str], chart_yaml: str | None = None) -> pathlib.Path:
    chart = root / "demo"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text(chart_yaml or "apiVersion: v2\nname: demo\nversion: 0.1.0\n")
    for rel, text in files.items():
        (chart / rel).write_text(text)
    return chart


def test_missing_chart_yaml_is_a_clear_usage_error(tmp_path, capsys):
    (tmp_path / "nochart" / "templates").mkdir(parents=True)
    code, _, err = run(capsys, "render", str(tmp_path / "nochart"))
    assert code == 2 and "Chart.yaml" in err and "Traceback" not in err


@pytest.mark.parametrize("template, message", [
    ("{{ nosuch 1 }}", 'parse error at (demo/templates/a.yaml:1): function "nosuch" not defined'),
    ("{{ indent .Values.num \"x\" }}", "wrong type for value; expected int; got float64"),
    ("{{ include \"a\" . }}{{ define \"a\" }}{{ include \"a\" . }}{{ end }}",
     "rendering template has a nested reference name: a: unable to execute template"),
])
def test_template_errors_exit_1(tmp_path, capsys, template, message):
    chart = _chart(tmp_path, {"templates/a.yaml": template, "values.yaml": "num: 2\n"})
    code, out, err = run(capsys, "render", str(chart))
    assert code == 1 and out == "" and message in err and "Traceback" not in err

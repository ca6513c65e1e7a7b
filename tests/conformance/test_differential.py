"""Differential test: random template snippets render exactly as the Go reference renders them.

Each example (see ``strategies.cases``) is a values file and a template; both
helm-oracle (Go text/template + Sprig + Helm's functions, ../shared/oracle) and
chartlsp render it as ``snippet/templates/snippet.yaml``. The outputs must be
equal byte for byte; when the oracle fails chartlsp must fail too, with the
same message once the oracle's error framing is mapped to Helm's.

CI runs a fixed (derandomized) 300 examples (~15 s); run many more locally with e.g.
``CHARTLSP_DIFF_EXAMPLES=5000 python -m pytest tests/conformance/test_differential.py``.
Long runs still meet three open chartlsp gaps (reported, not hidden): a nested ``tpl`` of
whitespace-only text re-runs the outer one; ``set``/``unset``/``merge``/``mergeOverwrite``
of ``.Values`` return a ``chartutil.Values`` where Go returns ``map[string]interface {}``;
nil ``[]string`` results (``regexFindAll`` without a match) act as empty, not nil, slices.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings

from chartlsp.chart import ChartError

from .shared import needs_shared, oracle_path, render
from .strategies import Case, cases

ORACLE = oracle_path()
EXAMPLES = int(os.environ.get("CHARTLSP_DIFF_EXAMPLES", "300"))
CHART_YAML = "apiVersion: v2\nname: snippet\nversion: 0.1.0\n"
OUTPUT = "snippet/templates/snippet.yaml"

pytestmark = [needs_shared, pytest.mark.skipif(ORACLE is None, reason="helm-oracle is not installed")]


# Bytes that are not UTF-8 (carried in str by surrogateescape): the oracle's JSON output
# writes each as U+FFFD, so chartlsp's text is compared in that form.
_NON_UTF8 = re.compile("[\udc80-\udcff]")


def as_json_prints(text: str | None) -> str | None:
    return None if text is None else _NON_UTF8.sub("\ufffd", text)


def helm_error(oracle_message: str) -> str:
    """The oracle's error as Helm v3 prints it (parse) or its Go/required/fail message (execution).

    The oracle frames errors as ``parse error: <Go error>`` and ``execution error:
    <Go error or required/fail message>``; Helm's ``cleanupParseError`` keeps the
    location and the last ``": "``-separated part of a parse error.
    """
    if oracle_message.startswith("parse error: "):
        tokens = oracle_message[len("parse error: "):].split(": ")
        return f"parse error at ({tokens[1]}): {tokens[-1]}" if len(tokens) > 1 else oracle_message
    # The oracle's .Values has Go type main.values; Helm's is chartutil.Values (typeOf, %T, errors).
    return oracle_message.removeprefix("execution error: ").replace("main.values", "chartutil.Values")


def chartlsp_error(message: str) -> str:
    """chartlsp's error without the location Helm adds to required/fail messages (the oracle has none)."""
    m = re.match(r"execution error at \([^()]*\): ", message)
    return message[m.end():] if m else message


def run_oracle(template: pathlib.Path, values: pathlib.Path) -> dict:
    try:
        proc = subprocess.run([ORACLE, "-snippet", str(template), "-f", str(values)],
                              capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        # deepCopy of a cyclic value (made with set/merge) never ends in Go; chartlsp must fail.
        return {"error": "timeout", "fatal": True}
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        # Printing a cyclic value (`set $d "a" $d`) overflows Go's stack: a fatal error that
        # kills the process (Helm too). chartlsp must fail; its wording cannot be compared.
        if "fatal error: stack overflow" in proc.stderr:
            return {"error": "fatal error: stack overflow", "fatal": True}
        raise AssertionError(f"helm-oracle crashed: {proc.stderr[-2000:]}") from None


def run_chartlsp(chart: pathlib.Path, values: pathlib.Path) -> tuple[str | None, str | None, bool]:
    """(output, error, is_values_error) of chartlsp's render."""
    try:
        result = render(chart, [str(values)], kube_version="v1.20.0")
    except ChartError as e:
        return None, str(e), True
    error = result.first_error()
    f = result.files.get(OUTPUT)
    return (f.output if f else None), error, bool(result.error)


def mismatch(case: Case) -> str | None:
    """How chartlsp's render of ``case`` differs from the oracle's, or None."""
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        chart = root / "snippet"
        (chart / "templates").mkdir(parents=True)
        (chart / "Chart.yaml").write_text(CHART_YAML)
        template = chart / "templates" / "snippet.yaml"
        template.write_text(case.template, encoding="utf-8")
        values = root / "values.yaml"
        values.write_text(case.values, encoding="utf-8")
        want = run_oracle(template, values)
        got, error, values_error = run_chartlsp(chart, values)
    got, error = as_json_prints(got), as_json_prints(error)
    if want.get("error"):
        expected = helm_error(want["error"])
        if error is None:
            return f"oracle failed with {expected!r}; chartlsp rendered {got!r}"
        # Messages about an unreadable values file are framed differently by design; only
        # template errors are compared word for word.
        if not values_error and not want.get("fatal") and chartlsp_error(error) != expected:
            return f"different errors:\n  oracle:   {expected!r}\n  chartlsp: {error!r}"
        return None
    if error is not None:
        return f"chartlsp failed with {error!r}; oracle rendered {want['files'][OUTPUT]!r}"
    expected = want["files"][OUTPUT].replace("main.values", "chartutil.Values")  # as for errors
    if got != expected:
        return f"different output:\n  oracle:   {expected!r}\n  chartlsp: {got!r}"
    return None


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_renders_like_go(case: Case) -> None:
    problem = mismatch(case)
    assert problem is None, problem

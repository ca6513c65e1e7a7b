"""html/js/urlquery builtins: expected outputs from Go's template.HTMLEscapeString,
template.JSEscapeString and url.QueryEscape (data/escape_cases.json: [kind, hex input, want])."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chartlsp.gotemplate.escape import eval_args_string, html_escape_string, js_escape_string, url_query_escape
from chartlsp.gotemplate.gotypes import GoObject, Int64

CASES = json.loads((Path(__file__).parent / "data" / "escape_cases.json").read_text())
FUNCS = {"html": html_escape_string, "js": js_escape_string, "url": url_query_escape}


@pytest.mark.parametrize("kind, hexed, want", CASES)
def test_go_generated(kind: str, hexed: str, want: str) -> None:
    s = bytes.fromhex(hexed).decode("utf-8", "surrogateescape")
    assert FUNCS[kind](s) == want


class _Meta(GoObject):
    go_type = "*chart.Metadata"

    def go_fields(self) -> list[tuple[str, Any]]:
        return [("Name", "snippet"), ("Version", "0.1.0")]


@pytest.mark.parametrize("args, want", [
    (["x"], "x"),
    (["x", "y"], "xy"),
    ([1, 2], "1 2"),
    (["a", 1, "b"], "a1b"),
    (["a", None, 2, 3], "a<no value>2 3"),  # helm-oracle: urlquery "a" nil 2 3
    ([None], "<no value>"),
    ([[1, None]], "[1 <nil>]"),
    ([1.5, True], "1.5 true"),
    ([Int64(7)], "7"),
    ([_Meta()], "{snippet 0.1.0}"),  # printableValue dereferences pointers
    ([_Meta(), 1], "{snippet 0.1.0} 1"),
])
def test_eval_args_string(args: list, want: str) -> None:
    assert eval_args_string(args) == want


def test_builtins_compose_like_go() -> None:
    # conformance snippets builtin-html-1, builtin-js-1, builtin-urlquery-1
    assert html_escape_string(eval_args_string(["<b>\"x\" & 'y'</b>"])) == "&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/b&gt;"
    assert js_escape_string("it's \"q\" <tag> & a=b\\") == "it\\'s \\\"q\\\" \\u003Ctag\\u003E \\u0026 a\\u003Db\\\\"
    assert url_query_escape(eval_args_string(["a b&c=d/\u00e9"])) == "a+b%26c%3Dd%2F%C3%A9"
    assert url_query_escape(eval_args_string(["a", 1, "b"])) == "a1b"

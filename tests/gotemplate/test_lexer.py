"""Lexer rows of Go's ``parse/lex_test.go`` (``lexTests``, ``lexPosTests``) as data."""

import json
from pathlib import Path

import pytest

from chartlsp.gotemplate.lexer import EOF, ITEM_NAMES, lex

ROWS = json.loads((Path(__file__).parent / "data" / "lex_tests.json").read_text())


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_go_lex_table(row):
    got = []
    for typ, pos, _end, val, line in lex(row["input"]):
        # Go's EOF item carries no text; positioned rows also check pos and line.
        item = [ITEM_NAMES[typ], val]
        if len(row["items"][0]) == 4:
            item += [pos, line]
        got.append(item)
    assert got == row["items"]


def test_item_spans_cover_source_text():
    text = '{{- .a.b | printf "%s" `x\ny` -}}\n  t {{/* c */}}'
    for typ, pos, end, val, _line in lex(text):
        assert text[pos:end] == val


def test_newlines_inside_action_and_lines():
    items = lex("a\n{{ .x\n | f\n}}\nb")
    assert [(ITEM_NAMES[i[0]], i[3], i[4]) for i in items if i[0] != 18] == [
        ("text", "a\n", 1), ("left delim", "{{", 2), ("field", ".x", 2), ("pipe", "|", 3),
        ("identifier", "f", 3), ("right delim", "}}", 4), ("text", "\nb", 4), ("EOF", "", 5)]


@pytest.mark.parametrize("text, message", [
    ("{{$x=1}}", "bad character U+003D '='"),
    ("{{a\x01}}", "bad character U+0001"),
    ("{{€}}", "unrecognized character in action: U+20AC '€'"),
    ("{{3k}}", 'bad number syntax: "3k"'),
    ("{{1-2}}", 'bad number syntax: "1-2"'),
    ("{{ : }}", "expected :="),
    ("{{/* a */ }}", "comment ends before closing delimiter"),
])
def test_lex_errors(text, message):
    assert lex(text)[-1][3] == message


def test_break_keyword_only_without_function():
    from chartlsp.gotemplate.lexer import BREAK, IDENTIFIER, Lexer

    lx = Lexer("{{break}}", break_ok=False)
    lx.next_item()
    assert lx.next_item()[0] == IDENTIFIER
    lx = Lexer("{{break}}")
    lx.next_item()
    assert lx.next_item()[0] == BREAK


def test_skip_action_resumes_as_if_the_action_was_lexed():
    """The parser's fast path consumes ``{{ … -}}`` itself; the lexer must carry on identically."""
    from chartlsp.gotemplate.lexer import Lexer

    text = "a {{ .x\n -}} \n\n b {{ .y }}"
    whole = lex(text)
    close = text.index("}}") + 2
    lx = Lexer(text)
    lx.skip_action(close, True, 2)
    rest = []
    while not rest or rest[-1][0] != EOF:
        rest.append(lx.next_item())
    assert rest == whole[whole.index(next(i for i in whole if i[3] == "}}")) + 1:]


def test_enter_action_resumes_inside_the_action():
    """The fast path reads ``{{- else if`` itself; from just past ``if`` the items are the same."""
    from chartlsp.gotemplate.lexer import Lexer

    text = "a\n{{- else\nif .x (f\n1) -}}\n b {{ .y }}"
    whole = lex(text)
    kw = next(i for i in whole if i[3] == "if")
    lx = Lexer(text)
    lx.enter_action(kw[2], kw[4])
    rest = []
    while not rest or rest[-1][0] != EOF:
        rest.append(lx.next_item())
    assert rest == whole[whole.index(kw) + 1:]

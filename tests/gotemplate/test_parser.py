"""Parser tests: Go's own tables, cases checked against Go's parser, spans and recovery."""

import json
import time
from pathlib import Path

import pytest

from chartlsp.gotemplate import ast
from chartlsp.gotemplate.errors import ParseError, location
from chartlsp.gotemplate.gofmt import quote
from chartlsp.gotemplate.parser import parse

DATA = Path(__file__).parent / "data"


def load(name):
    return json.loads((DATA / name).read_text())


@pytest.fixture
def go_test_format(monkeypatch):
    """Print trees as Go's parse tests do: text %q, comments not in the tree."""
    monkeypatch.setattr(ast.TextNode, "__str__", lambda self: quote(self.text))
    monkeypatch.setattr(ast.CommentNode, "__str__", lambda self: "")


def root_string(tree):
    return "".join(str(n) for n in tree.root.nodes if not isinstance(n, ast.DefineNode))


PARSE_ROWS = load("parse_tests.json")


@pytest.mark.parametrize("row", PARSE_ROWS, ids=[r["name"] for r in PARSE_ROWS])
def test_go_parse_table(row, go_test_format):
    tree = parse(row["name"], row["input"], {"printf", "contains"})
    if row["ok"]:
        assert tree.errors == []
        assert root_string(tree) == row["result"]
    else:
        assert tree.errors


ERROR_ROWS = load("error_tests.json")


@pytest.mark.parametrize("row", ERROR_ROWS, ids=[r["name"] for r in ERROR_ROWS])
def test_go_error_table(row):
    tree = parse(row["name"], row["input"], set())
    assert row["result"] in tree.errors[0].go_string(row["name"])


NUMBER_ROWS = load("number_tests.json")


@pytest.mark.parametrize("row", NUMBER_ROWS, ids=[r["text"] for r in NUMBER_ROWS])
def test_go_number_table(row):
    tree = parse("n", "{{" + row["text"] + "}}", None)
    ok = row["is_int"] or row["is_uint"] or row["is_float"] or row["is_complex"]
    if not ok:
        assert tree.errors
        return
    assert tree.errors == []
    n = tree.root.nodes[0].pipe.cmds[0].args[0]
    assert isinstance(n, ast.NumberNode) and n.text == row["text"]
    assert (n.is_int, n.is_uint, n.is_float, n.is_complex) == (
        row["is_int"], row["is_uint"], row["is_float"], row["is_complex"])
    if n.is_int:
        assert n.int64 == row["int64"]
    if n.is_uint:
        assert n.uint64 == row["uint64"]
    if n.is_float:
        assert n.float64 == row["float64"]
    if n.is_complex:
        assert n.complex128 == complex(row["real"], row["imag"])


GO_CASES = load("go_parse_cases.json")


@pytest.mark.parametrize("case", GO_CASES["cases"], ids=range(len(GO_CASES["cases"])))
def test_matches_go_parser(case, go_test_format):
    """Go's first error (message and line) or canonical tree, from Go's own parser."""
    tree = parse("t", case["input"], set(GO_CASES["funcs"]))
    if "error" in case:
        assert tree.errors and tree.errors[0].go_string("t") == case["error"]
    else:
        assert tree.errors == []
        assert root_string(tree) == case["tree"]


# -- spans ---------------------------------------------------------------------

SPAN_TEXT = """\
{{- define "lib.name" -}}
{{ default .Chart.Name .Values.nameOverride | trunc 63 }}
{{- end }}
a: {{ include "lib.name" . | quote }}
{{- if and .Values.a (not .Values.b) }}
  b: {{ (index .Values.ports 0).port }} {{ $.Release.Name }} {{ 'x' }} {{ 1.5 }}
{{- else if .Values.c }}{{/* note */}}
{{- range $k, $v := .Values.m }}{{ $k }}={{ $v.x }}{{ break }}{{ end }}
{{- end }}
{{ block "blk" . }}x{{ end }}{{ template "lib.name" . }}
"""

FUNCS = {"default", "trunc", "include", "quote", "and", "not", "index"}


def test_node_spans_cover_their_source_text():
    tree = parse("t", SPAN_TEXT, FUNCS)
    assert tree.errors == []
    t = SPAN_TEXT
    seen = set()
    for node in ast.walk(tree.root):
        src = t[node.pos:node.end]
        seen.add(type(node).__name__)
        if isinstance(node, (ast.ActionNode, ast.BranchNode, ast.DefineNode, ast.CommentNode,
                             ast.BreakNode)):
            assert src.startswith("{{") and src.endswith("}}"), (node, src)
        elif isinstance(node, (ast.FieldNode, ast.VariableNode, ast.StringNode, ast.NumberNode,
                               ast.IdentifierNode, ast.DotNode, ast.BoolNode, ast.NilNode)):
            assert src == str(node), (node, src)
        elif isinstance(node, ast.TextNode):
            assert src == node.text
        elif isinstance(node, ast.ChainNode):
            assert src == "(index .Values.ports 0).port"
        elif isinstance(node, (ast.PipeNode, ast.CommandNode)):
            assert src.strip() == src and src, (node, src)
    assert {"ChainNode", "CommentNode", "BreakNode", "IfNode", "RangeNode", "DefineNode"} <= seen


def test_branch_and_define_spans():
    tree = parse("t", SPAN_TEXT, FUNCS)
    t = SPAN_TEXT
    define, if_node = tree.root.nodes[0], tree.root.nodes[3]
    assert t[define.pos:define.end] == t[:t.index("{{- end }}") + len("{{- end }}")]
    assert t[define.name_pos:define.name_end] == '"lib.name"'
    assert isinstance(if_node, ast.IfNode)
    assert t[if_node.pos:].startswith("{{- if and")
    assert t[:if_node.end].endswith("{{ end }}\n{{- end }}")
    inner = if_node.else_list.nodes[0]
    assert isinstance(inner, ast.IfNode) and t[inner.pos:].startswith("{{- else if")
    assert inner.end == if_node.end
    action = tree.root.nodes[2]
    assert t[action.pos:action.end] == '{{ include "lib.name" . | quote }}'
    assert action.pipe.cmds[1].args[0].ident == "quote"
    assert t[action.pipe.pos:action.pipe.end] == 'include "lib.name" . | quote'


def test_trim_flags_and_trimmed_text():
    tree = parse("t", "a \n {{- .x -}} \n b {{.y}}", None)
    text1, action, text2 = tree.root.nodes[:3]
    assert (text1.text, text2.text) == ("a", "b ")
    assert tree.text[text2.pos:text2.end] == "b "
    assert action.trim_left and action.trim_right
    assert not tree.root.nodes[3].trim_left


def test_define_block_and_redefinition():
    tree = parse("t", '{{define "a"}}x{{end}}{{block "b" .}}y{{end}}'
                      '{{define "c"}}z{{end}}{{define "c"}} {{end}}', None)
    assert tree.errors == []
    assert sorted(tree.defines) == ["a", "b", "c"]
    assert str(tree.defines["c"].list) == "z"  # empty redefinition doesn't replace
    assert tree.defines["b"].is_block and str(tree.defines["b"].list) == "y"
    assert isinstance(tree.root.nodes[1], ast.TemplateNode)
    dup = parse("t", '{{define "a"}}x{{end}}\n{{define "a"}}y{{end}}', None)
    assert dup.errors[0].go_string("t") == 'template: t:2: template: multiple definition of template "a"'


def test_number_literal_values():
    nodes = [c.args[0] for c in parse("t", "{{1.0}}{{1e3}}{{'a'}}{{0x10}}{{-0377}}", None).root.nodes
             for c in c.pipe.cmds]
    assert [(n.is_int, n.is_float, n.int64) for n in nodes] == [
        (True, True, 1), (True, True, 1000), (True, True, 97), (True, True, 16), (True, True, -255)]
    big = parse("t", "{{1e100}}", None).root.nodes[0].pipe.cmds[0].args[0]
    assert not big.is_int and big.is_float


# -- recovery ------------------------------------------------------------------

def test_unterminated_action_keeps_the_rest():
    text = "a: {{ .Values.\nb: {{ .Values.b }}\nc: {{ .Values.c }}\n"
    tree = parse("t", text, set())
    assert tree.errors[0].message == "unexpected <.> in operand"
    actions = [n for n in tree.root.nodes if isinstance(n, ast.ActionNode)]
    assert [str(a.pipe) for a in actions] == [".Values", ".Values.b", ".Values.c"]
    assert text[actions[0].pos:actions[0].end].startswith("{{ .Values.")


def test_missing_end_keeps_partial_body():
    tree = parse("t", "{{ if .a }}\n  x: {{ .b }}\n{{ range .c }}{{ . }}", None)
    assert [e.message for e in tree.errors] == ["unexpected EOF"]
    if_node = tree.root.nodes[0]
    assert isinstance(if_node, ast.IfNode) and if_node.end == len(tree.text)
    assert isinstance(if_node.list.nodes[-1], ast.RangeNode)


def test_bad_token_skips_to_close_and_continues():
    tree = parse("t", '{{ .a | 3 }}{{ $x := 1 }}{{ foo "\\q" }}{{ $x }}{{ end }}{{ .z }}', {"f"})
    assert [e.message for e in tree.errors] == [
        "non executable command in pipeline stage 2", 'function "foo" not defined',
        "invalid syntax", "unexpected {{end}}"]
    assert str(tree.root.nodes[-1]) == "{{.z}}"
    assert str(tree.root.nodes[-2]) == "{{$x}}"


def test_control_header_error_still_parses_body():
    tree = parse("t", "{{ if }}a{{ .b }}{{ else }}c{{ end }}d", None)
    assert [e.message for e in tree.errors] == ["missing value for if"]
    if_node = tree.root.nodes[0]
    assert str(if_node.list) == "a{{.b}}" and str(if_node.else_list) == "c"
    assert str(tree.root.nodes[1]) == "d"


def test_lexer_error_resumes_after_action():
    tree = parse("t", 'x {{ "unterminated }}\ny {{ .ok }}\n{{/* open', None)
    assert tree.errors[0].go_string("t") == "template: t:1: unterminated quoted string"
    broken, text, ok = tree.root.nodes[1:4]
    assert isinstance(broken, ast.ActionNode) and broken.pipe.cmds == []  # the partial action
    assert tree.text[broken.pos:broken.end] == '{{ "unterminated }}'
    assert (str(text), str(ok)) == ("\ny ", "{{.ok}}")
    assert tree.errors[-1].message == "unclosed comment"


def test_unterminated_raw_string_reports_its_start_line():
    tree = parse("t", "a\n{{ `x\n\n\n", None)
    err = tree.errors[0]
    assert (err.line, err.message) == (2, "unterminated raw quoted string")
    assert tree.text[err.pos] == "`"


def test_never_raises_on_garbage():
    import random
    rnd = random.Random(3)
    alphabet = '{}()|$."`\'-:=,\n abc0x/*'
    for _ in range(300):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(40)))
        tree = parse("t", text, {"abc"})
        for e in tree.errors:
            assert isinstance(e, ParseError) and 0 <= e.pos <= e.end <= len(text)


# -- helpers -------------------------------------------------------------------

def test_location_is_line_and_byte_column():
    text = "ab\nhé{{ .x }}"
    assert location(text, text.index("{{")) == (2, 3)
    assert location(text, 1) == (1, 1)
    assert ParseError("m", 0, 1, 4).go_string("f.yaml") == "template: f.yaml:4: m"


def test_large_helper_file_parses_fast():
    block = ('{{- define "x.%d" -}}\n{{- if .Values.a }}\nname: {{ include "n" . | quote }}\n'
             '{{- range $k, $v := .Values.m }}\n  {{ $k }}: {{ $v | default "x" | quote }}\n'
             '{{- end }}\n{{- else }}\n{{ toYaml .Values.b | nindent 4 }}\n{{- end }}\n{{- end }}\n')
    text = "".join(block % i for i in range(200))  # 2,000 lines
    start = time.perf_counter()
    tree = parse("t", text, {"include", "quote", "default", "toYaml", "nindent"})
    elapsed = time.perf_counter() - start
    assert tree.errors == [] and len(tree.defines) == 200
    assert elapsed < 1.0


# -- nesting depth ---------------------------------------------------------------

def test_parentheses_nest_as_deep_as_go_allows():
    """Go's maxStackDepth: 10,000 nested parentheses parse, one more is an error."""
    ok = parse("t", "{{" + "(" * 10000 + "1" + ")" * 10000 + "}}", None)
    assert ok.errors == []
    too_deep = parse("t", "{{" + "(" * 10001 + "1" + ")" * 10001 + "}}", None)
    assert too_deep.errors[0].go_string("t") == "template: t:1: max expression depth exceeded"


def test_deeply_nested_blocks_parse_without_recursion_error():
    import sys

    limit = sys.getrecursionlimit()
    tree = parse("t", "{{ if .a }}" * 5000 + "x" + "{{ end }}" * 5000, None)
    assert tree.errors == []
    node, depth = tree.root.nodes[0], 1
    while isinstance(node.list.nodes[0], ast.IfNode):
        node, depth = node.list.nodes[0], depth + 1
    assert depth == 5000
    assert sys.getrecursionlimit() == limit  # restored


# -- fast path -----------------------------------------------------------------------

def _slow_parse(monkeypatch, text, funcs):
    """Parse with the whole-action fast path off: the token-by-token reference."""
    from chartlsp.gotemplate.parser import _Parser

    with monkeypatch.context() as m:
        m.setattr(_Parser, "fast_items", lambda self, nodes: None)
        m.setattr(_Parser, "fast_pipeline", lambda self, pipe, context: False)
        m.setattr(_Parser, "fast_define", lambda self: None)
        return parse("t", text, funcs)


def _random_templates(seed, count):
    """Actions of the common shapes, half of them broken in some way."""
    import random

    rnd = random.Random(seed)
    operands = [".x", ".Values.a.b", ".", "$", "$.a", "$x", "$x.y", "$u", "f", "g .x", '"s"', '"a\\tb"',
                '"\\q"', "`r\nw`", "1", "-2", "0", "1.5", "01", "0x1F", "1e3", "'a'", "nil", "true", "(f .x)",
                "(g (f 1) | f)", "()", "( .x )", "if", "end", "h", "é", ".x.0", "x.y", "break", "(.x).y",
                "((f .x).a).b.c", "(f 1).a.b", "(.x). y", "(.x).", "(.x)$x", "(.x)(.y)", "$x.a.b", "1e3"]
    heads = ["", "", "if ", "with ", "range ", "range $k, $v := ", "$x := ", "$x = ", "$x:=", "$a, $b := ",
             'template "a" ', "template `a` ", "else if ", "else with ", "end ", "else ", "define \"d\" "]
    lefts, rights = ["{{", "{{- ", "{{-\n", "{{-", "{{ "], ["}}", " -}}", "\n}}", " }}", "-}}", "\t-}}"]
    tails = ["", "{{end}}", "x\n{{ end }}", "{{else}}y{{end}}", "{{- else if .y }}z{{ end }}", "\n", "{{/* c */}}",
             "\n{{/* open", "a\n{{ \"open }}", "{{ .x\n€ }}", "\n{{ .y }}\n{{ `open", "{{- /* c\n */ -}}\n",
             " {{- /* c */}}", "{{/* c */ }}", "{{/* c */-}}", "{{-  /* c */}}", "{{/* c */\n-}}",
             "{{ else with .y }}z{{ end }}", "{{else if}}", "{{ else\nif\t.y -}}\n{{ else }}{{ end }}",
             "{{else if(.y)}}{{end}}", "{{ else if .y }}{{ else if $u }}{{ else with .z }}{{ end }}", "{{ elseif .y }}",
             '{{ define "d" }}{{ .x }}{{ end }}', '{{- define "d" -}}\n{{ end }}\n', '{{define "e"}}{{else if .x}}{{end}}',
             '{{ define `d\n` }}a{{ end }}', '{{ define "\\q" }}{{ end }}', '{{define "d"-}}{{end}}', "{{ define }}",
             '{{define "d" .x}}{{end}}', '\n{{ define "t" }}a{{ end }}', '{{/* c */x-}}']
    for _ in range(count):
        cmds = " | ".join(" ".join(rnd.choice(operands) for _ in range(rnd.randrange(1, 4)))
                          for _ in range(rnd.randrange(1, 3)))
        pre = rnd.choice(["", "{{ $x := 1 }}", "a\n  ", "{{ range . }}", '{{ define "t" }}', "{{/* c */}}",
                          '{{- define "t" -}}\n', "{{ with .a }}{{ else with .b }}"])
        yield (pre + rnd.choice(lefts) + rnd.choice(heads) + cmds + rnd.choice(rights)
               + rnd.choice(tails) + rnd.choice(["", "{{ end }}", "b"]))


@pytest.mark.parametrize("funcs", [None, {"f", "g"}, {"f", "g", "break"}], ids=["nocheck", "fg", "break"])
def test_fast_path_matches_token_path(monkeypatch, funcs):
    """Same tree (every field of every node), defines and errors with and without the fast path."""
    for text in [SPAN_TEXT, *_random_templates(11, 1500)]:
        fast = parse("t", text, funcs)
        slow = _slow_parse(monkeypatch, text, funcs)
        assert repr(fast.root) == repr(slow.root), text
        assert repr(fast.defines) == repr(slow.defines), text
        assert fast.errors == slow.errors, text


def test_fast_path_takes_common_actions(monkeypatch):
    """The common shapes never reach the token path (which is what makes parsing fast)."""
    from chartlsp.gotemplate.lexer import Lexer

    text = ('{{- define "d" -}}\n{{/* c */}}{{ (.a).b }}{{- end }}'
            '{{ $a := 1 }}{{- if not (hasKey $a "x") }}\n{{ include "n" . | nindent 4 }}{{- else if .y -}}'
            '{{- /* c */ -}}{{- else }}{{ .Values.x }}\n{{- end }}{{ range $k, $v := .m }}{{ $k }}{{ end }}'
            '{{ template "t" . }}{{ $y := default (dict) .z | quote }}\ntail')
    items = []
    next_item = Lexer.next_item
    monkeypatch.setattr(Lexer, "next_item", lambda self: items.append(next_item(self)) or items[-1])
    tree = parse("t", text, {"hasKey", "include", "nindent", "default", "dict", "not", "quote"})
    assert tree.errors == []
    # only the ``if`` of ``else if`` (read as its chained structure's keyword), the last text and EOF
    assert [i[3] for i in items] == [" ", ".y", "\ntail", ""]

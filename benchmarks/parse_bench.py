"""Parse time of every chart template in the corpus (lexer + parser only).

Parses each file under ``charts/*/templates`` and ``charts/*/charts/*/templates``
(recursively) with the renderer's function set, ``--repeat`` times; the best
total counts (least disturbed by the machine). Also times the 2,000-line helper
file of the parser tests and lists the slowest files.

    python benchmarks/parse_bench.py [--repeat 5] [--server DIR] [--fingerprint OUT.json] [--profile]

``--server`` times another copy of the package (e.g. a checkout of the
previous commit's ``server/``) for a before/after comparison; ``--fingerprint``
writes every tree (all node fields), define and error, so two versions can be
checked for identical behaviour with ``cmp``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pathlib
import pstats
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "charts"
parse = None  # chartlsp.gotemplate.parser.parse of the package under test, once imported


def corpus_files() -> list[tuple[str, str]]:
    """(relative name, text) of every template file, in a stable order."""
    dirs = sorted(CORPUS.glob("*/templates")) + sorted(CORPUS.glob("*/charts/*/templates"))
    out = []
    for d in dirs:
        for p in sorted(d.rglob("*")):
            if p.is_file():
                out.append((str(p.relative_to(CORPUS)), p.read_bytes().decode("utf-8", "surrogateescape")))
    return out


def helper_file() -> str:
    """The 2,000-line helper file of ``tests/gotemplate/test_parser.py``."""
    block = ('{{- define "x.%d" -}}\n{{- if .Values.a }}\nname: {{ include "n" . | quote }}\n'
             '{{- range $k, $v := .Values.m }}\n  {{ $k }}: {{ $v | default "x" | quote }}\n'
             '{{- end }}\n{{- else }}\n{{ toYaml .Values.b | nindent 4 }}\n{{- end }}\n{{- end }}\n')
    return "".join(block % i for i in range(200))


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def fingerprint(files: list[tuple[str, str]], funcs) -> dict:
    """Per file: every node with all its fields (``repr``), the defines and the errors."""
    out = {}
    for name, text in files:
        tree = parse(name, text, funcs)
        out[name] = {"tree": repr(tree.root), "defines": sorted(tree.defines),
                     "errors": [(e.message, e.pos, e.end, e.line) for e in tree.errors]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--server", default=str(ROOT / "server"), help="directory holding the chartlsp package")
    ap.add_argument("--fingerprint", metavar="OUT.json")
    ap.add_argument("--profile", action="store_true", help="cProfile one pass over the corpus")
    args = ap.parse_args()

    global parse
    sys.path.insert(0, args.server)
    from chartlsp.functions import all_functions
    from chartlsp.gotemplate.builtins import BUILTINS
    from chartlsp.gotemplate.parser import parse

    print(f"package: {pathlib.Path(sys.modules['chartlsp'].__file__).parent}")
    funcs = {**BUILTINS, **all_functions(), "include": None, "tpl": None}  # as the renderer's set
    files = corpus_files()
    size = sum(len(t) for _, t in files)
    lines = sum(t.count("\n") for _, t in files)

    def parse_all() -> None:
        for name, text in files:
            parse(name, text, funcs)

    if args.profile:
        cProfile.runctx("parse_all()", globals(), {"parse_all": parse_all}, "/tmp/parse_bench.prof")
        pstats.Stats("/tmp/parse_bench.prof").sort_stats("tottime").print_stats(25)
        return

    total = best_of(args.repeat, parse_all)
    print(f"corpus: {len(files)} files, {lines} lines, {size / 1e6:.2f} MB chars")
    print(f"corpus parse total (best of {args.repeat}): {total * 1000:.1f} ms")
    helper = helper_file()
    print(f"2,000-line helper file: {best_of(args.repeat, lambda: parse('t', helper, funcs)) * 1000:.2f} ms")

    slow = []
    for name, text in files:
        slow.append((best_of(1, lambda: parse(name, text, funcs)), name))
    for sec, name in sorted(slow, reverse=True)[:3]:
        print(f"  {sec * 1000:7.2f} ms  {name}")

    if args.fingerprint:
        pathlib.Path(args.fingerprint).write_text(json.dumps(fingerprint(files, funcs)))
        print(f"fingerprint written to {args.fingerprint}")


if __name__ == "__main__":
    main()

"""``chartlsp`` command line.

Exit codes: 0 success, 1 render error (as ``helm template``) or findings at
or above ``check --fail-on``, 2 usage error (bad flags, unreadable chart or values). Errors are one clear line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Sequence

from .. import __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="chartlsp",
        description="Render Helm charts exactly as Helm does, in pure Python, and check them.")
    p.add_argument("--version", action="version", version=f"chartlsp {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    r = sub.add_parser("render", help="render a chart like `helm template`",
                       description="Render CHART (a directory or .tgz) like `helm template`.")
    r.add_argument("chart", metavar="CHART")
    r.add_argument("-f", "--values", action="append", default=[], metavar="VALUES",
                   help="values file (repeatable; later files win)")
    r.add_argument("--set", action="append", default=[], metavar="K=V", help="set values (Helm's syntax)")
    r.add_argument("--set-string", action="append", default=[], metavar="K=V", help="set STRING values")
    r.add_argument("--set-json", action="append", default=[], metavar="K=JSON", help="set JSON values")
    r.add_argument("--set-file", action="append", default=[], metavar="K=PATH", help="set values from files")
    r.add_argument("--set-literal", action="append", default=[], metavar="K=V", help="set a literal string")
    r.add_argument("--release-name", default="release-name", metavar="NAME")
    r.add_argument("--namespace", "-n", default="default", metavar="NS")
    r.add_argument("--kube-version", default=None, metavar="V",
                   help="Kubernetes version for .Capabilities (default: newest bundled, 1.37)")
    r.add_argument("--api-versions", "-a", action="append", default=[], metavar="GROUP/VERSION",
                   help="extra API versions for .Capabilities.APIVersions")
    r.add_argument("--is-upgrade", action="store_true", help="set .Release.IsUpgrade instead of IsInstall")
    r.add_argument("--show-only", "-s", action="append", default=[], metavar="TEMPLATE",
                   help="only show manifests rendered from TEMPLATE (glob, repeatable)")
    r.add_argument("--include-crds", action="store_true", help="print the chart's crds/ files first")
    r.add_argument("--skip-tests", action="store_true", help="omit test hooks")
    r.add_argument("--skip-schema-validation", action="store_true", help="do not check values.schema.json")
    r.add_argument("--strict", action="store_true", help="a missing value is an error (missingkey=error)")
    r.add_argument("--format", choices=("yaml", "json"), default="yaml",
                   help="yaml: what `helm template` prints; json: the raw per-file output")
    from .check_cmd import add_parser
    add_parser(sub)
    sv = sub.add_parser("serve", help="run the language server",
                        description="Run the language server (LSP over stdin/stdout).")
    sv.add_argument("--stdio", action="store_true", help="talk LSP on stdin/stdout (the default and only transport)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help(sys.stderr)
        return 2
    result: list[int] = []

    def run() -> None:
        result.append(_dispatch(args))

    # Helm allows 1,000 nested includes; Python needs a deep stack for that.
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)
    t = threading.Thread(target=run, name="chartlsp")
    t.start()
    t.join()
    return result[0] if result else 1


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "render":
            from .render_cmd import run_render
            return run_render(args)
        if args.command == "serve":
            from ..lsp.server import serve
            return serve()
        if args.command == "check":
            from .check_cmd import run_check
            return run_check(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # the last guard: a clear message, never a traceback
        print(f"Error: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""The ``newsbrief`` command line: ``new``, ``import-ablog`` and ``serve``.

``python -m sphinx_newsbrief`` and the ``newsbrief`` script run :func:`main`.
The command line is kept apart from the extension: it imports only small pure
helpers of the package (:mod:`..util`, :mod:`..frontmatter`), never a feature
module (``tests/test_structure.py`` checks this).

Exit codes: 0 when the command did its work, 1 when it could not (it would
overwrite a file, a folder is missing, a file cannot be read), 2 for a usage
error. Every error is one line on stderr, ``newsbrief: error: ...``; bad input
never gives a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import yaml

from .. import __version__
from . import new, serve
from .ablog import command as import_ablog
from .common import CommandError, Parser, error_line

__all__ = ["main"]


def build_parser() -> Parser:
    """The ``newsbrief`` parser with one subparser per command."""
    parser = Parser(
        prog="newsbrief",
        description="Command line of sphinx-newsbrief: write a new article, convert an "
        "ABlog site, or preview a site while you edit it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    commands.required = True
    new.add_parser(commands)
    import_ablog.add_parser(commands)
    serve.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    args_in, extra = serve.split_extra(args_in)
    parser = build_parser()
    args = parser.parse_args(args_in)
    args.extra = extra
    if extra and args.command != "serve":
        parser.error("arguments after '--' are only for 'serve'")
    try:
        code: int = args.run(args)
    except CommandError as err:
        return _fail(str(err))
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError, RecursionError, SyntaxError, yaml.YAMLError) as err:
        # ValueError covers UnicodeDecodeError and JSON errors.
        return _fail(_describe(err))
    return code


def _describe(err: BaseException) -> str:
    if isinstance(err, OSError) and err.filename is not None:
        reason = err.strerror or type(err).__name__
        return f"{err.filename}: {reason}"
    if isinstance(err, UnicodeDecodeError):
        return f"a file is not UTF-8 text ({err.reason})"
    return str(err) or type(err).__name__


def _fail(message: str) -> int:
    print(error_line(message), file=sys.stderr)
    return 1

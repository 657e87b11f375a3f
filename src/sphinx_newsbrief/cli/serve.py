"""``newsbrief serve``: build the site and rebuild it on every change (sphinx-autobuild).

The extension writes nothing into the source folder (generated pages and feeds
exist only in the output), so a build never triggers another one.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
from pathlib import Path
from typing import Any

from .common import CommandError

EXTRA_HINT = 'pip install "sphinx-newsbrief[serve]"'


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="preview the site, rebuilt on every change (needs sphinx-autobuild)",
        description="Build SRC into OUT with sphinx-autobuild, serve it on "
        "http://127.0.0.1:PORT/ and rebuild when a source changes. Arguments after "
        "'--' go to sphinx-autobuild (and through it to sphinx-build), e.g. "
        "'-- -b dirhtml -j auto'. Needs the 'serve' extra: " + EXTRA_HINT,
    )
    parser.add_argument("src", nargs="?", default=".", help="the Sphinx project (default: .)")
    parser.add_argument("out", nargs="?", help="output folder (default: SRC/_build/html)")
    parser.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    parser.set_defaults(run=run)


def split_extra(argv: list[str]) -> tuple[list[str], list[str]]:
    """``serve ... -- extra`` into the command's arguments and the extra ones."""
    command = next((a for a in argv if not a.startswith("-")), None)
    if command != "serve" or "--" not in argv:
        return argv, []
    at = argv.index("--")
    return argv[:at], argv[at + 1 :]


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return port


def autobuild_available() -> bool:
    try:
        return importlib.util.find_spec("sphinx_autobuild") is not None
    except (ImportError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    if not autobuild_available():
        raise CommandError(f"serve needs sphinx-autobuild: {EXTRA_HINT}")
    src = Path(args.src)
    if not (src / "conf.py").is_file():
        raise CommandError(f"{src} is not a Sphinx project (no conf.py)")
    out = Path(args.out) if args.out else src / "_build" / "html"
    argv = [str(src), str(out), "--port", str(args.port), *args.extra]
    autobuild: Any = importlib.import_module("sphinx_autobuild.__main__")
    autobuild.main(argv)
    return 0

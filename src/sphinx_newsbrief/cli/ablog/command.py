"""``newsbrief import-ablog SRC DST``."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import-ablog", help="convert an ABlog site")
    parser.add_argument("src")
    parser.add_argument("dst")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return 0

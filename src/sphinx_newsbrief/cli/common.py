"""What the commands share: the argument parser and the error they raise."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class CommandError(Exception):
    """A command could not do its work: reported on one line, exit code 1."""


def error_line(message: str) -> str:
    """``newsbrief: error: <message>`` on one line (newlines in ``message`` become spaces)."""
    return "newsbrief: error: " + " ".join(str(message).split())


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        hint = f"see '{self.prog} --help'"
        print(error_line(f"{message} ({hint})"), file=sys.stderr)
        sys.exit(2)

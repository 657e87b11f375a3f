"""Helpers for tests: parse built HTML and read warnings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def html(app: Any, docname: str) -> BeautifulSoup:
    path = Path(app.outdir) / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main(app: Any, docname: str) -> Any:
    """The main content of a page (theme-independent)."""
    soup = html(app, docname)
    return soup.find(attrs={"role": "main"}) or soup.body


def warnings(app: Any) -> list[str]:
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def newsbrief_warnings(app: Any, subtype: str = "") -> list[str]:
    tag = f"[newsbrief.{subtype}]" if subtype else "[newsbrief."
    return [w for w in warnings(app) if tag in w]

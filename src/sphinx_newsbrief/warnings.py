"""Warnings of the extension: ``type="newsbrief"`` with one subtype per feature.

Users silence a feature's warnings with ``suppress_warnings = ["newsbrief.tag"]``;
``-W`` turns them into a failing build like any Sphinx warning.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_newsbrief")

SUBTYPES = (
    "article",
    "listing",
    "tag",
    "uncertainty",
    "reactions",
    "questions",
    "feed",
    "pdf",
    "comments",
    "config",
)


def warn(subtype: str, message: str, location: Any = None) -> None:
    """Emit one ``newsbrief.<subtype>`` warning at ``location``.

    ``location`` is anything Sphinx's logger accepts: a node, a docname, or a
    ``(docname, lineno)`` pair.
    """
    if subtype not in SUBTYPES:  # pragma: no cover - programming error
        raise ValueError(f"unknown warning subtype {subtype!r}")
    logger.warning(message, type="newsbrief", subtype=subtype, location=location)


def allowed(values: Iterable[str]) -> str:
    """Format a list of allowed values for a warning message."""
    return ", ".join(repr(v) for v in values)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""

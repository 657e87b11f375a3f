"""The vocabularies of uncertainty: statuses, likelihood scale, confidence, grades."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..settings import Term, settings, vocabulary_text
from ..util import _
from ..vocabularies import ADMIRALTY_CREDIBILITY, ADMIRALTY_RELIABILITY
from ..warnings import allowed, did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


UNRATED = "unrated"


#: The Admiralty grades' meanings (English messages; :func:`grade_meaning` translates).
RELIABILITY = ADMIRALTY_RELIABILITY
CREDIBILITY = ADMIRALTY_CREDIBILITY
#: LaTeX admonition type (box style) for each tone.
LATEX_BOX = {
    "positive": "tip",
    "info": "note",
    "neutral": "note",
    "caution": "caution",
    "negative": "warning",
}


# -- vocabularies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """The statuses, likelihood scale and confidence levels in use."""

    statuses: Mapping[str, Term]
    likelihood: Mapping[str, Term]
    confidence: Mapping[str, Term]

    def status(self, key: str) -> Term:
        """The status ``key``; an unknown key (``unrated``) gets a neutral term."""
        return self.statuses.get(key) or Term(key, _("Unrated"))

    def status_label(self, key: str) -> str:
        return self.status(key).shown_label

    def likelihood_label(self, key: str) -> str:
        term = self.likelihood.get(key)
        if term is None:
            return _("Unrated")
        return f"{term.shown_label} ({range_label(term)})"

    def confidence_label(self, key: str) -> str:
        term = self.confidence.get(key)
        return term.shown_label if term else _("Unrated")


def range_label(term: Term) -> str:
    """A likelihood's range in percent, such as 45 to 55 %."""
    return f"{_number(term.low)}\N{EN DASH}{_number(term.high)}\N{NO-BREAK SPACE}%"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def scale(env: BuildEnvironment) -> Scale:
    config = settings(env.config)
    return Scale(config.statuses, config.likelihood, config.confidence)


def check_choice(
    value: str, choices: Mapping[str, Any], what: str, location: Any, subtype: str = "uncertainty"
) -> str:
    """``value`` if it is a known key (case-insensitive), else warn and return "unrated"."""
    key = value.strip().lower().replace(" ", "-").replace("_", "-")
    if key in choices:
        return key
    warn(
        subtype,
        f"unknown {what} {value!r}{did_you_mean(key, choices)}; allowed: {allowed(choices)}; "
        "shown as unrated",
        location,
    )
    return UNRATED


def grade_meaning(grade: str) -> str | None:
    """The meaning of an Admiralty grade such as ``B2`` in the reader's language, or None."""
    match = re.fullmatch(r"([A-Fa-f])([1-6])", grade.strip())
    if not match:
        return None
    reliability = vocabulary_text(RELIABILITY[match.group(1).upper()])
    return f"{reliability}, {vocabulary_text(CREDIBILITY[match.group(2)])}"

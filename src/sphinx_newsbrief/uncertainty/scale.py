"""The vocabularies of uncertainty: statuses, likelihood scale, confidence, grades."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..util import _, per_config
from ..warnings import allowed, did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


UNRATED = "unrated"


RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
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

    statuses: dict[str, dict[str, str]]
    likelihood: dict[str, dict[str, Any]]
    confidence: dict[str, dict[str, str]]

    @classmethod
    def from_config(cls, config: Config) -> Scale:
        return cls(
            {str(k).lower(): v for k, v in config.newsbrief_statuses.items()},
            {str(k).lower(): v for k, v in config.newsbrief_likelihood_scale.items()},
            {str(k).lower(): v for k, v in config.newsbrief_confidence_levels.items()},
        )

    def status_label(self, key: str) -> str:
        return str(self.statuses.get(key, {}).get("label", _("Unrated")))

    def likelihood_label(self, key: str) -> str:
        entry = self.likelihood.get(key)
        if entry is None:
            return _("Unrated")
        low, high = entry["range"]
        return f"{entry['label']} ({low}\N{EN DASH}{high}\N{NO-BREAK SPACE}%)"

    def confidence_label(self, key: str) -> str:
        return str(self.confidence.get(key, {}).get("label", _("Unrated")))


def scale(env: BuildEnvironment) -> Scale:
    return per_config(env.config, "scale", lambda: Scale.from_config(env.config))


def check_choice(
    value: str, choices: dict[str, Any], what: str, location: Any, subtype: str = "uncertainty"
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
    """The meaning of an Admiralty grade such as ``B2``, or None if invalid."""
    match = re.fullmatch(r"([A-Fa-f])([1-6])", grade.strip())
    if not match:
        return None
    return f"{RELIABILITY[match.group(1).upper()]}, {CREDIBILITY[match.group(2)]}"

"""The default vocabularies: statuses, likelihood scale, confidence levels, stances.

Plain data, so that the configuration table (:mod:`.config`) can name them as
defaults without importing the features that use them. Each can be replaced
in ``conf.py`` (``newsbrief_statuses``, ``newsbrief_likelihood_scale``,
``newsbrief_confidence_levels``, ``newsbrief_stances``).
"""

from __future__ import annotations

from typing import Any

DEFAULT_STATUSES: dict[str, dict[str, str]] = {
    "confirmed": {
        "label": "Confirmed",
        "description": "Verified by the desk or by independent, reliable sources.",
        "icon": "\N{CHECK MARK}",
        "tone": "positive",
    },
    "reported": {
        "label": "Reported",
        "description": "Reported by credible outlets; not independently verified.",
        "icon": "\N{CIRCLE WITH LEFT HALF BLACK}",
        "tone": "info",
    },
    "unconfirmed": {
        "label": "Unconfirmed",
        "description": "Claimed or circulating, with no official or independent confirmation.",
        "icon": "?",
        "tone": "caution",
    },
    "disputed": {
        "label": "Disputed",
        "description": "Contradicted by other credible sources or parties.",
        "icon": "\N{LEFT RIGHT ARROW}",
        "tone": "caution",
    },
    "denied": {
        "label": "Denied",
        "description": "Officially denied by the party concerned.",
        "icon": "\N{MULTIPLICATION X}",
        "tone": "negative",
    },
    "speculative": {
        "label": "Speculative",
        "description": "Analysis or expectation, not a reported fact.",
        "icon": "\N{HORIZONTAL ELLIPSIS}",
        "tone": "neutral",
    },
}

#: ICD 203 expressions of likelihood, with their ranges in percent.
DEFAULT_LIKELIHOOD: dict[str, dict[str, Any]] = {
    "almost-no-chance": {"label": "Almost no chance", "range": [1, 5]},
    "very-unlikely": {"label": "Very unlikely", "range": [5, 20]},
    "unlikely": {"label": "Unlikely", "range": [20, 45]},
    "roughly-even": {"label": "Roughly even chance", "range": [45, 55]},
    "likely": {"label": "Likely", "range": [55, 80]},
    "very-likely": {"label": "Very likely", "range": [80, 95]},
    "almost-certain": {"label": "Almost certain", "range": [95, 99]},
}

DEFAULT_CONFIDENCE: dict[str, dict[str, str]] = {
    "low": {"label": "Low", "description": "Scant, questionable or fragmented information."},
    "moderate": {
        "label": "Moderate",
        "description": "Credibly sourced and plausible, but not corroborated enough for more.",
    },
    "high": {"label": "High", "description": "High-quality information from several sources."},
}


DEFAULT_STANCES: dict[str, dict[str, str]] = {
    "support": {"label": "Support", "tone": "positive", "description": "Backs the move."},
    "welcome": {"label": "Welcome", "tone": "positive", "description": "Welcomes it."},
    "neutral": {"label": "Neutral", "tone": "neutral", "description": "Takes no side."},
    "concern": {"label": "Concern", "tone": "caution", "description": "Voices concern."},
    "condemn": {"label": "Condemn", "tone": "negative", "description": "Condemns it."},
    "oppose": {"label": "Oppose", "tone": "negative", "description": "Opposes it."},
    "deny": {"label": "Deny", "tone": "negative", "description": "Denies the report."},
    "no-comment": {"label": "No comment", "tone": "neutral", "description": "Declines to comment."},
}

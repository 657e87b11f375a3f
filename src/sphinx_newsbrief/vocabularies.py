"""The default vocabularies: statuses, likelihood scale, confidence levels, stances.

Plain data, so that the configuration table (:mod:`.config`) can name them as
defaults without importing the features that use them. Each can be replaced
in ``conf.py`` (``newsbrief_statuses``, ``newsbrief_likelihood_scale``,
``newsbrief_confidence_levels``, ``newsbrief_stances``).

Every label, description and Admiralty meaning here is an English message of
the ``sphinx_newsbrief`` catalogue, marked with :func:`N_`. The values stay
plain strings (they are config defaults, pickled with the environment); they
are translated where they are shown (:func:`.settings.vocabulary_text`).
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:  # noqa: N802 (the gettext name for "translated later")
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return message


DEFAULT_STATUSES: dict[str, dict[str, str]] = {
    "confirmed": {
        "label": N_("Confirmed"),
        "description": N_("Verified by the desk or by independent, reliable sources."),
        "icon": "\N{CHECK MARK}",
        "tone": "positive",
    },
    "reported": {
        "label": N_("Reported"),
        "description": N_("Reported by credible outlets; not independently verified."),
        "icon": "\N{CIRCLE WITH LEFT HALF BLACK}",
        "tone": "info",
    },
    "unconfirmed": {
        "label": N_("Unconfirmed"),
        "description": N_("Claimed or circulating, with no official or independent confirmation."),
        "icon": "?",
        "tone": "caution",
    },
    "disputed": {
        "label": N_("Disputed"),
        "description": N_("Contradicted by other credible sources or parties."),
        "icon": "\N{LEFT RIGHT ARROW}",
        "tone": "caution",
    },
    "denied": {
        "label": N_("Denied"),
        "description": N_("Officially denied by the party concerned."),
        "icon": "\N{MULTIPLICATION X}",
        "tone": "negative",
    },
    "speculative": {
        "label": N_("Speculative"),
        "description": N_("Analysis or expectation, not a reported fact."),
        "icon": "\N{HORIZONTAL ELLIPSIS}",
        "tone": "neutral",
    },
}

#: ICD 203 expressions of likelihood, with their ranges in percent.
DEFAULT_LIKELIHOOD: dict[str, dict[str, Any]] = {
    "almost-no-chance": {"label": N_("Almost no chance"), "range": [1, 5]},
    "very-unlikely": {"label": N_("Very unlikely"), "range": [5, 20]},
    "unlikely": {"label": N_("Unlikely"), "range": [20, 45]},
    "roughly-even": {"label": N_("Roughly even chance"), "range": [45, 55]},
    "likely": {"label": N_("Likely"), "range": [55, 80]},
    "very-likely": {"label": N_("Very likely"), "range": [80, 95]},
    "almost-certain": {"label": N_("Almost certain"), "range": [95, 99]},
}

DEFAULT_CONFIDENCE: dict[str, dict[str, str]] = {
    "low": {
        "label": N_("Low"),
        "description": N_("Scant, questionable or fragmented information."),
    },
    "moderate": {
        "label": N_("Moderate"),
        "description": N_("Credibly sourced and plausible, but not corroborated enough for more."),
    },
    "high": {
        "label": N_("High"),
        "description": N_("High-quality information from several sources."),
    },
}


DEFAULT_STANCES: dict[str, dict[str, str]] = {
    "support": {"label": N_("Support"), "tone": "positive", "description": N_("Backs the move.")},
    "welcome": {"label": N_("Welcome"), "tone": "positive", "description": N_("Welcomes it.")},
    "neutral": {"label": N_("Neutral"), "tone": "neutral", "description": N_("Takes no side.")},
    "concern": {"label": N_("Concern"), "tone": "caution", "description": N_("Voices concern.")},
    "condemn": {"label": N_("Condemn"), "tone": "negative", "description": N_("Condemns it.")},
    "oppose": {"label": N_("Oppose"), "tone": "negative", "description": N_("Opposes it.")},
    "deny": {"label": N_("Deny"), "tone": "negative", "description": N_("Denies the report.")},
    "no-comment": {
        "label": N_("No comment"),
        "tone": "neutral",
        "description": N_("Declines to comment."),
    },
}

#: Admiralty (NATO) source grading: reliability of the source, ``A``-``F`` ...
ADMIRALTY_RELIABILITY: dict[str, str] = {
    "A": N_("completely reliable"),
    "B": N_("usually reliable"),
    "C": N_("fairly reliable"),
    "D": N_("not usually reliable"),
    "E": N_("unreliable"),
    "F": N_("reliability cannot be judged"),
}
#: ... and credibility of the information, ``1``-``6``.
ADMIRALTY_CREDIBILITY: dict[str, str] = {
    "1": N_("confirmed by other sources"),
    "2": N_("probably true"),
    "3": N_("possibly true"),
    "4": N_("doubtful"),
    "5": N_("improbable"),
    "6": N_("truth cannot be judged"),
}


def _messages() -> frozenset[str]:
    found = set(ADMIRALTY_RELIABILITY.values()) | set(ADMIRALTY_CREDIBILITY.values())
    for vocabulary in (DEFAULT_STATUSES, DEFAULT_LIKELIHOOD, DEFAULT_CONFIDENCE, DEFAULT_STANCES):
        for entry in vocabulary.values():
            found |= {entry[field] for field in ("label", "description") if entry.get(field)}
    return frozenset(found)


#: Every English message above: a label equal to one of these is translated where
#: it is shown; any other label (the project's own) is shown as written.
DEFAULT_MESSAGES: frozenset[str] = _messages()

"""The settings the features read: one typed object per configuration.

:class:`Settings` holds every ``newsbrief_*`` value after the checks of
:mod:`.config`, with the vocabularies normalised into :class:`Term` records
and the tag vocabulary and actor aliases ready to use. :func:`settings` gives
the object of a configuration, made once. This module imports no feature.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .util import clean, tag_slug
from .warnings import allowed, did_you_mean

if TYPE_CHECKING:
    from sphinx.config import Config


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a status, likelihood, confidence level or stance."""

    key: str
    label: str
    description: str = ""
    icon: str = ""
    tone: str = "neutral"
    #: Likelihoods only: the range in percent.
    low: float = 0
    high: float = 100

    @classmethod
    def from_entry(cls, key: str, entry: Mapping[str, Any]) -> Term:
        bounds = entry.get("range") or (0, 100)
        return cls(
            key=key,
            label=str(entry["label"]),
            description=str(entry.get("description", "")),
            icon=str(entry.get("icon", "")),
            tone=str(entry.get("tone", "neutral")),
            low=bounds[0],
            high=bounds[1],
        )


def _terms(value: Mapping[str, Any]) -> Mapping[str, Term]:
    return {str(k).lower(): Term.from_entry(str(k).lower(), v) for k, v in value.items()}


@dataclass(frozen=True)
class TagVocabulary:
    """The configured tag names, descriptions and aliases, keyed by slug."""

    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    aliases: Mapping[str, str]

    @classmethod
    def from_config(cls, tags: Mapping[str, Any], aliases: Mapping[str, str]) -> TagVocabulary:
        names: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for key, entry in tags.items():
            slug = tag_slug(str(key))
            info = entry if isinstance(entry, dict) else {"name": str(entry)}
            names[slug] = clean(str(info.get("name") or key))
            descriptions[slug] = str(info.get("description", ""))
        return cls(names, descriptions, {tag_slug(k): clean(v) for k, v in aliases.items()})

    def canonical(self, name: str) -> str:
        """The spelling to record for ``name`` after applying aliases."""
        text = clean(name)
        return self.aliases.get(tag_slug(text), text)

    def check(self, name: str) -> str | None:
        """A warning message if a vocabulary is set and ``name`` is not in it."""
        if not self.names or tag_slug(name) in self.names:
            return None
        hint = did_you_mean(name, self.names.values())
        return (
            f"tag {name!r} is not in newsbrief_tags{hint}; known tags: "
            f"{allowed(sorted(self.names.values()))}"
        )


def _pdf_kind(value: Any, kind: str) -> bool:
    """Whether ``newsbrief_pdf`` (a checked dict or bool) asks for ``kind``."""
    return bool(value.get(kind, False)) if isinstance(value, dict) else value is True


def _actor_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Settings:
    """Every ``newsbrief_*`` value, checked, typed and normalised."""

    article_patterns: tuple[str, ...]
    articles_in_toctree: bool
    article_header: bool
    edition_by: str
    date_format: str
    words_per_minute: int
    metadata_keys: tuple[str, ...]
    tags: TagVocabulary
    statuses: Mapping[str, Term]
    likelihood: Mapping[str, Term]
    confidence: Mapping[str, Term]
    stances: Mapping[str, Term]
    #: Actor variants (case and spaces folded) -> the name to show.
    actor_aliases: Mapping[str, str]
    page_size: int
    site_url: str
    publisher: str
    feeds: bool | None
    feed_length: int
    #: One PDF per article / per edition (``newsbrief_pdf``).
    pdf_briefs: bool
    pdf_editions: bool

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        return cls(
            article_patterns=tuple(config.newsbrief_article_patterns),
            articles_in_toctree=config.newsbrief_articles_in_toctree,
            article_header=config.newsbrief_article_header,
            edition_by=config.newsbrief_edition_by,
            date_format=config.newsbrief_date_format,
            words_per_minute=config.newsbrief_words_per_minute,
            metadata_keys=tuple(config.newsbrief_metadata_keys),
            tags=TagVocabulary.from_config(config.newsbrief_tags, config.newsbrief_tag_aliases),
            statuses=_terms(config.newsbrief_statuses),
            likelihood=_terms(config.newsbrief_likelihood_scale),
            confidence=_terms(config.newsbrief_confidence_levels),
            stances=_terms(config.newsbrief_stances),
            actor_aliases={
                _actor_key(k): " ".join(v.split())
                for k, v in config.newsbrief_actor_aliases.items()
            },
            page_size=config.newsbrief_page_size,
            site_url=str(config.newsbrief_site_url or ""),
            publisher=config.newsbrief_publisher,
            feeds=config.newsbrief_feeds,
            feed_length=config.newsbrief_feed_length,
            pdf_briefs=_pdf_kind(config.newsbrief_pdf, "briefs"),
            pdf_editions=_pdf_kind(config.newsbrief_pdf, "editions"),
        )

    def actor(self, name: str) -> tuple[str, str]:
        """``(key, display name)`` of an actor after aliases, case and spaces."""
        text = " ".join(name.split())
        canonical = " ".join(self.actor_aliases.get(_actor_key(text), text).split())
        return canonical.casefold(), canonical


_SETTINGS = "_newsbrief_settings"


def settings(config: Config) -> Settings:
    """The settings of ``config``, made once (on ``config-inited``, after the checks).

    Kept on the config object under a ``_`` name, which Sphinx does not pickle:
    a changed ``conf.py`` always gets fresh settings.
    """
    made: Settings | None = config.__dict__.get(_SETTINGS)
    if made is None:
        made = config.__dict__[_SETTINGS] = Settings.from_config(config)
    return made


def make_settings(config: Config) -> Settings:
    """Make the settings of ``config`` afresh (after the checks have fixed its values)."""
    made = config.__dict__[_SETTINGS] = Settings.from_config(config)
    return made

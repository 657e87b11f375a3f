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

from .util import _, clean, tag_slug
from .vocabularies import DEFAULT_MESSAGES
from .warnings import allowed, did_you_mean

if TYPE_CHECKING:
    from sphinx.config import Config


def vocabulary_text(text: str) -> str:
    """``text`` in the reader's language if it is one of the default vocabulary words.

    A default label, description or Admiralty meaning (English, as in
    :mod:`.vocabularies`) is looked up in the catalogue; anything else, such as a
    project's own label from ``conf.py``, is shown as written. Always a plain
    ``str``: never a lazy proxy, which must not reach a doctree or the environment.
    """
    return str(_(text)) if text in DEFAULT_MESSAGES else text


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a status, likelihood, confidence level or stance.

    ``label`` and ``description`` are as configured (English for the defaults);
    show :attr:`shown_label` and :attr:`shown_description`, in the reader's language.
    """

    key: str
    label: str
    description: str = ""
    icon: str = ""
    tone: str = "neutral"
    #: Likelihoods only: the range in percent.
    low: float = 0
    high: float = 100

    @property
    def shown_label(self) -> str:
        """The label to show: a default one translated, the project's own as written."""
        return vocabulary_text(self.label)

    @property
    def shown_description(self) -> str:
        """The description to show: a default one translated, the project's own as written."""
        return vocabulary_text(self.description)

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


@dataclass(frozen=True)
class Person:
    """One author of the site: the slug of their page, name, link and biography."""

    slug: str
    name: str
    url: str = ""
    bio: str = ""


@dataclass(frozen=True)
class AuthorRegistry:
    """The configured authors (``newsbrief_authors``), by slug.

    An author in front matter is found by registry key or by name, in any case
    and spacing; anyone else is a person of their own, with the slug of their name.
    """

    people: Mapping[str, Person]
    #: Key or name (case and spaces folded) -> slug.
    lookup: Mapping[str, str]

    @classmethod
    def from_config(cls, value: Mapping[str, Any]) -> AuthorRegistry:
        people: dict[str, Person] = {}
        lookup: dict[str, str] = {}
        for key, entry in value.items():
            info = entry if isinstance(entry, dict) else {"name": entry}
            slug = tag_slug(str(key)) or "author"
            name = " ".join(str(info.get("name") or key).split())
            people[slug] = Person(slug, name, str(info.get("url", "")), str(info.get("bio", "")))
            lookup.setdefault(_actor_key(str(key)), slug)
            lookup.setdefault(_actor_key(name), slug)
        return cls(people, lookup)

    def person(self, name: str) -> Person:
        """The registered person ``name`` names, else a person of that name."""
        slug = self.lookup.get(_actor_key(name))
        if slug is not None:
            return self.people[slug]
        text = " ".join(name.split())
        return Person(tag_slug(text) or "author", text)


def _pdf_kind(value: Any, kind: str) -> bool:
    """Whether ``newsbrief_pdf`` (a checked dict or bool) asks for ``kind``."""
    return bool(value.get(kind, False)) if isinstance(value, dict) else value is True


def _actor_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# -- the comments embed (newsbrief_comments) --------------------------------------

#: Comment providers: script, required and optional settings (each a check of
#: the value giving its text, or a problem), the order of the attributes and
#: the theme names for a light page, a dark page and the reader's OS setting.
COMMENT_PROVIDERS = ("giscus", "utterances")
_FLAGS = {True: "1", False: "0", "1": "1", "0": "0"}


def _text_value(value: Any) -> tuple[str, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return "", "must be a non-empty string"


def _repo_value(value: Any) -> tuple[str, str | None]:
    text, problem = _text_value(value)
    if problem is None and (text.count("/") != 1 or not all(text.split("/"))):
        return "", "must be 'owner/name'"
    return text, problem


def _flag_value(value: Any) -> tuple[str, str | None]:
    if isinstance(value, (bool, str)) and value in _FLAGS:
        return _FLAGS[value], None
    return "", "must be True or False"


def _number_value(value: Any) -> tuple[str, str | None]:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value), None
    return "", "must be a positive integer"


def _choice(*choices: str) -> Any:
    def check(value: Any) -> tuple[str, str | None]:
        if value in choices:
            return str(value), None
        return "", f"must be one of {allowed(choices)}"

    return check


@dataclass(frozen=True)
class _CommentProvider:
    src: str
    prefix: str
    required: tuple[str, ...]
    checks: Mapping[str, Any]
    defaults: Mapping[str, str]
    #: Theme names for a light page, a dark page, the reader's OS setting.
    themes: tuple[str, str, str]


_PROVIDERS = {
    "giscus": _CommentProvider(
        src="https://giscus.app/client.js",
        prefix="data-",
        required=("repo", "repo-id", "category", "category-id"),
        checks={
            "repo": _repo_value,
            "repo-id": _text_value,
            "category": _text_value,
            "category-id": _text_value,
            "mapping": _choice("pathname", "url", "title", "og:title", "specific", "number"),
            "term": _text_value,
            "strict": _flag_value,
            "reactions-enabled": _flag_value,
            "emit-metadata": _flag_value,
            "input-position": _choice("bottom", "top"),
            "theme": _text_value,
            "lang": _text_value,
            "loading": _choice("lazy"),
        },
        defaults={
            "mapping": "pathname",
            "strict": "0",
            "reactions-enabled": "1",
            "emit-metadata": "0",
            "input-position": "bottom",
        },
        themes=("light", "dark", "preferred_color_scheme"),
    ),
    "utterances": _CommentProvider(
        src="https://utteranc.es/client.js",
        prefix="",
        required=("repo",),
        checks={
            "repo": _repo_value,
            "issue-term": _text_value,
            "issue-number": _number_value,
            "label": _text_value,
            "theme": _text_value,
        },
        defaults={"issue-term": "pathname"},
        themes=("github-light", "github-dark", "preferred-color-scheme"),
    ),
}


@dataclass(frozen=True)
class CommentEmbed:
    """The checked ``newsbrief_comments``: a provider's script and its attributes."""

    provider: str
    src: str
    #: ``(name, value)`` of each attribute of the script tag, in a fixed order.
    attributes: tuple[tuple[str, str], ...]
    #: The attribute naming the theme, and the theme names for a light page, a
    #: dark page and the reader's OS setting; () when the project chose a theme.
    theme_attribute: str
    follow_themes: tuple[str, ...]


def comment_embed(value: Any) -> tuple[CommentEmbed | None, str | None]:
    """``newsbrief_comments`` as an embed (None when off), or the first problem with it."""
    if not isinstance(value, dict):
        return None, "must be a dict: {} (off) or {'provider': ..., and its settings}"
    if not value:
        return None, None
    keys = {str(k).replace("_", "-"): v for k, v in value.items()}
    if "provider" not in keys:
        return None, f"has no 'provider'; allowed: {allowed(COMMENT_PROVIDERS)}"
    name = keys.pop("provider")
    provider = _PROVIDERS.get(name) if isinstance(name, str) else None
    if provider is None:
        hint = did_you_mean(str(name), COMMENT_PROVIDERS)
        return None, f"has provider {name!r}{hint}; allowed: {allowed(COMMENT_PROVIDERS)}"
    for key in keys:
        if key not in provider.checks:
            hint = did_you_mean(key, provider.checks)
            return None, (
                f"has the unknown key {key!r} for {name}{hint}; "
                f"allowed: 'provider', {allowed(provider.checks)}"
            )
    missing = [key for key in provider.required if key not in keys]
    if missing:
        return None, f"misses {allowed(missing)}: {name} needs {allowed(provider.required)}"
    return _embed(name, provider, keys)


def _embed(
    name: str, provider: _CommentProvider, keys: Mapping[str, Any]
) -> tuple[CommentEmbed | None, str | None]:
    texts = dict(provider.defaults)
    for key, value in keys.items():
        text, problem = provider.checks[key](value)
        if problem:
            return None, f"[{key!r}] = {value!r} {problem}"
        texts[key] = text
    if name == "giscus" and texts["mapping"] in ("specific", "number") and "term" not in texts:
        return None, f"has mapping {texts['mapping']!r}, which needs a 'term'"
    if name == "utterances" and "issue-number" in keys:
        if "issue-term" in keys:
            return None, "has both 'issue-term' and 'issue-number': give one"
        del texts["issue-term"]
    follow = () if "theme" in texts else provider.themes
    texts.setdefault("theme", provider.themes[2])
    order = [*provider.checks]
    attributes = tuple(
        (provider.prefix + key, texts[key]) for key in sorted(texts, key=order.index)
    )
    return CommentEmbed(name, provider.src, attributes, provider.prefix + "theme", follow), None


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
    #: The comments embed of article pages (``newsbrief_comments``); None: off.
    comments: CommentEmbed | None
    #: ``"summary"`` or ``"full"`` (``newsbrief_feed_content``).
    feed_content: str
    excerpt_words: int
    authors: AuthorRegistry
    show_future: bool

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
            comments=comment_embed(config.newsbrief_comments)[0],
            feed_content=config.newsbrief_feed_content,
            excerpt_words=config.newsbrief_excerpt_words,
            authors=AuthorRegistry.from_config(config.newsbrief_authors),
            show_future=config.newsbrief_show_future,
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

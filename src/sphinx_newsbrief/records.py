"""Records and queries shared by every feature: articles, tags, listing rows.

This is a leaf module: the feature modules (articles, tags, listings, pages,
feed, uncertainty, reactions, questions) import it, and it imports none of
them. An :class:`Article` is stored by the articles feature as it reads a
document; everything else asks these queries, which are cached per
generation of the records (see :class:`.domain.Context`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from .domain import Context, RecordKind
from .settings import TagVocabulary, settings
from .util import clean as clean  # re-exported: what a tag is, with its records
from .util import tag_slug as tag_slug
from .warnings import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_PENDING_KEY = "newsbrief_pending_tags"


# -- articles ----------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """Everything the site knows about one article (picklable, immutable)."""

    docname: str
    title: str
    date: str  # ISO date or datetime; "" when the author's date was unusable
    updated: str
    authors: tuple[str, ...]
    summary: str
    tags: tuple[str, ...]
    location: str
    edition: str
    draft: bool
    comments: bool
    words: int
    #: Line of the ``tags`` metadata (for warnings about tags).
    tags_line: int = 0

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.docname)


#: The record kind of articles (one per article document).
ARTICLE: RecordKind[Article] = RecordKind("article")


def get_article(ctx: Context, docname: str) -> Article | None:
    records = ctx.get(ARTICLE, docname)
    return records[0] if records else None


def articles_by_date(ctx: Context) -> tuple[Article, ...]:
    """Every published (non-draft) article, oldest first."""

    def compute() -> tuple[Article, ...]:
        articles = (a for a in ctx.all(ARTICLE) if not a.draft)
        return tuple(sorted(articles, key=lambda a: a.sort_key))

    return ctx.cached("articles-by-date", compute)


@dataclass(frozen=True)
class ArticleEntry:
    """An article as a line of a list shows it: a link with its title, and its date."""

    docname: str
    title: str
    date: str = ""

    @classmethod
    def of(cls, article: Article) -> ArticleEntry:
        return cls(article.docname, article.title, article.date)


def has_any_tag(article: Article, slugs: Iterable[str]) -> bool:
    """Whether ``article`` has one of the tags ``slugs`` (true when none are asked)."""
    wanted = set(slugs)
    return not wanted or any(tag_slug(t) in wanted for t in article.tags)


# -- tags --------------------------------------------------------------------------


def vocabulary(env: BuildEnvironment) -> TagVocabulary:
    """The configured tag names, descriptions and aliases."""
    return settings(env.config).tags


def normalise_tags(env: BuildEnvironment, names: Iterable[str], location: Any) -> tuple[str, ...]:
    """Canonical spellings of ``names``, one per slug, warning about unknown tags.

    A name whose slug coincides with a different name given earlier in the
    same document (in this call, or by a ``{tags}`` or ``{tag}`` already
    read) warns, naming both: the document's tags are kept one per slug, so
    the two are merged. Front-matter tags are normalised after the body is
    read, so they are checked against every directive and role.
    """
    vocab = vocabulary(env)
    earlier: dict[str, tuple[str, int | None]] = {}
    already: list[tuple[str, int | None]] = env.temp_data.get(_PENDING_KEY) or []
    for pending, line in already:
        earlier.setdefault(tag_slug(pending), (pending, line))
    seen: dict[str, str] = {}
    for name in names:
        if not clean(name):
            continue
        canonical = vocab.canonical(name)
        problem = vocab.check(canonical)
        if problem:
            warn("tag", problem, location)
        slug = tag_slug(canonical)
        other, line = (seen[slug], None) if slug in seen else earlier.get(slug, ("", None))
        if other and other.casefold() != canonical.casefold():
            where = f" (line {line})" if line else ""
            warn(
                "tag",
                f"tag {canonical!r} has the same address ({slug!r}) as {other!r}{where} "
                "in this document; they are merged into one tag",
                location,
            )
        seen.setdefault(slug, canonical)
    return tuple(seen.values())


def pending_tags(env: BuildEnvironment) -> list[tuple[str, Any]]:
    """Tags added by directives and roles of the document being read."""
    if _PENDING_KEY not in env.temp_data:
        env.temp_data[_PENDING_KEY] = []
    return cast("list[tuple[str, Any]]", env.temp_data[_PENDING_KEY])


def take_pending_tags(env: BuildEnvironment) -> list[tuple[str, Any]]:
    return cast("list[tuple[str, Any]]", env.temp_data.pop(_PENDING_KEY, []))


# -- the site's tags -------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """One tag of the site and its published articles, newest first."""

    slug: str
    name: str
    description: str
    docnames: tuple[str, ...]


def site_tags(ctx: Context) -> dict[str, Tag]:
    """Every tag used by a published article, by slug, sorted by display name."""

    def compute() -> dict[str, Tag]:
        vocab = vocabulary(ctx.env)
        spelling: dict[str, str] = {}
        members: dict[str, list[str]] = {}
        for article in articles_by_date(ctx):  # oldest first: first spelling wins
            for name in article.tags:
                slug = tag_slug(name)
                spelling.setdefault(slug, name)
                members.setdefault(slug, []).append(article.docname)
        tags = [
            Tag(
                slug,
                vocab.names.get(slug, spelling[slug]),
                vocab.descriptions.get(slug, ""),
                tuple(reversed(docs)),
            )
            for slug, docs in members.items()
        ]
        tags.sort(key=lambda t: (t.name.casefold(), t.slug))
        return {t.slug: t for t in tags}

    return ctx.cached("site-tags", compute)


def tag_name(ctx: Context, name: str) -> str:
    """Display name of the tag spelled ``name``."""
    slug = tag_slug(name)
    known = site_tags(ctx).get(slug)
    if known is not None:
        return known.name
    return vocabulary(ctx.env).names.get(slug, clean(name))


# -- listing rows ------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """What a listing shows of one article (and nothing more)."""

    docname: str
    title: str
    date: str
    summary: str
    tags: tuple[str, ...]


def make_row(ctx: Context, article: Article) -> Row:
    """What a listing shows of ``article``, with tags under their display names."""
    return Row(
        article.docname,
        article.title,
        article.date,
        article.summary,
        tuple(tag_name(ctx, t) for t in article.tags),
    )

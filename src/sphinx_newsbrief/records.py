"""Records and queries shared by every feature: articles, tags, listing rows.

This is a leaf module: the feature modules (articles, tags, listings, pages,
feed, uncertainty, reactions, questions) import it, and it imports none of
them. An :class:`Article` is stored by the articles feature as it reads a
document; everything else asks these queries, which are cached per
generation of the records (see :class:`.domain.Context`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from .domain import Context, RecordKind
from .settings import Person, TagVocabulary, settings
from .util import _
from .util import clean as clean  # re-exported: what a tag is, with its records
from .util import tag_slug as tag_slug
from .warnings import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_PENDING_KEY = "newsbrief_pending_tags"


# -- articles ----------------------------------------------------------------------


#: Kinds of :class:`Segment`: plain text, emphasis, strong, inline code, a link.
SEGMENT_KINDS = ("text", "emphasis", "strong", "literal", "link")


@dataclass(frozen=True)
class Segment:
    """A run of an excerpt's text with its inline markup (one of :data:`SEGMENT_KINDS`).

    Excerpts keep their emphasis, code and links as segments rather than nodes, so
    that an :class:`Article` stays a small immutable record, and each output
    (HTML listings, docutils nodes, feeds) renders them its own way.
    """

    kind: str
    text: str
    #: The address of a ``link`` (external links only).
    uri: str = ""


def plain_text(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments)


@dataclass(frozen=True)
class DatedNote:
    """An ``{update}`` or ``{correction}`` of an article: its date, anchor and text."""

    kind: str  # "update" or "correction"
    date: str
    anchor: str
    text: str
    line: int = 0


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
    #: Line of the ``edition`` metadata, else of the metadata block (for warnings).
    edition_line: int = 0
    #: Line of the metadata block (for warnings about the article as a whole).
    line: int = 0
    #: The automatic excerpt: the first paragraph, cut at ``newsbrief_excerpt_words``.
    excerpt: tuple[Segment, ...] = ()
    #: Its ``{update}`` and ``{correction}`` notes, in document order.
    notes: tuple[DatedNote, ...] = ()

    @property
    def sort_key(self) -> tuple[str, str]:
        """Order by moment (date-times with different time zones compared in UTC), then name."""
        return (moment_key(self.date), self.docname)

    @property
    def dek(self) -> tuple[Segment, ...]:
        """What listings show under the title: the ``summary``, else the excerpt."""
        return (Segment("text", self.summary),) if self.summary else self.excerpt

    @property
    def corrections(self) -> tuple[DatedNote, ...]:
        return tuple(n for n in self.notes if n.kind == "correction" and n.date)

    @property
    def corrected(self) -> str:
        """The date of the latest correction ("" when there is none)."""
        return max((n.date for n in self.corrections), default="")

    @property
    def description(self) -> str:
        """The dek as plain text (feeds, page metadata)."""
        return self.summary or plain_text(self.excerpt)


#: The record kind of articles (one per article document).
#: The word count is shown only by the article's own header (its reading time).
ARTICLE: RecordKind[Article] = RecordKind("article", own=("words", "line"))


def get_article(ctx: Context, docname: str) -> Article | None:
    records = ctx.get(ARTICLE, docname)
    return records[0] if records else None


def articles_by_date(ctx: Context) -> tuple[Article, ...]:
    """Every published article, oldest first: not a draft, and not scheduled."""

    def compute() -> tuple[Article, ...]:
        now = None if settings(ctx.env.config).show_future else build_moment()
        articles = (a for a in ctx.all(ARTICLE) if not a.draft and not is_future(a, now))
        return tuple(sorted(articles, key=lambda a: a.sort_key))

    return ctx.cached("articles-by-date", compute)


def scheduled_articles(ctx: Context) -> tuple[Article, ...]:
    """Articles left out until a later build because they are dated in the future."""
    if settings(ctx.env.config).show_future:
        return ()
    now = build_moment()
    future = (a for a in ctx.all(ARTICLE) if not a.draft and is_future(a, now))
    return tuple(sorted(future, key=lambda a: a.sort_key))


def build_moment() -> datetime:
    """When this build happens: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass
    return datetime.now(tz=timezone.utc)


def is_future(article: Article, now: datetime | None) -> bool:
    """Whether ``article`` is dated after ``now`` (a date counts from its start, in UTC).

    A date-time without a time zone is read as UTC, as the feeds write it.
    """
    if now is None or not article.date:
        return False
    moment = parse_moment(article.date)
    return moment is not None and moment > now


@lru_cache(maxsize=65536)
def moment_key(iso: str) -> str:
    """A string that sorts ISO dates and date-times by the moment they name (UTC)."""
    moment = parse_moment(iso) if iso else None
    if moment is None:
        return iso
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def parse_moment(iso: str) -> datetime | None:
    """An ISO date or date-time as an aware date-time (UTC when no zone is given)."""
    text = iso.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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


_PENDING_NOTES = "newsbrief_pending_notes"


def pending_notes(env: BuildEnvironment) -> list[DatedNote]:
    """The ``{update}`` and ``{correction}`` notes of the document being read."""
    if _PENDING_NOTES not in env.temp_data:
        env.temp_data[_PENDING_NOTES] = []
    return cast("list[DatedNote]", env.temp_data[_PENDING_NOTES])


def take_pending_notes(env: BuildEnvironment) -> tuple[DatedNote, ...]:
    return tuple(cast("list[DatedNote]", env.temp_data.pop(_PENDING_NOTES, [])))


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
    #: The summary, else the automatic excerpt with its inline markup.
    dek: tuple[Segment, ...]
    #: The first :data:`LISTED_TAGS` tags; ``more_tags`` counts the others.
    tags: tuple[str, ...]
    more_tags: int = 0

    @property
    def summary(self) -> str:
        return plain_text(self.dek)


#: Tags an entry of a listing or a feed shows; the article's own page shows them all.
#: (Every tag's page lists the article: all its tags on each would grow as tags².)
LISTED_TAGS = 20


def make_row(ctx: Context, article: Article) -> Row:
    """What a listing shows of ``article``, with tags under their display names.

    Made once per article while the records stay the same: an article is in
    several listings (its tags, its year, its authors, its edition).
    """
    rows: dict[Article, Row] = ctx.cached("rows", dict)
    row = rows.get(article)
    if row is None:
        shown = article.tags[:LISTED_TAGS]
        row = rows[article] = Row(
            article.docname,
            article.title,
            article.date,
            article.dek,
            tuple(tag_name(ctx, t) for t in shown),
            len(article.tags) - len(shown),
        )
    return row


def more_tags_label(count: int) -> str:
    """What stands for the tags a listing leaves out ("+3 more")."""
    return _("+%(count)d more") % {"count": count}


# -- authors -----------------------------------------------------------------------


@dataclass(frozen=True)
class Author:
    """One author of the site and their published articles, newest first."""

    person: Person
    docnames: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.person.slug

    @property
    def name(self) -> str:
        return self.person.name


def person(ctx: Context, name: str) -> Person:
    """Who the byline ``name`` is (the registry's entry, else a person of that name)."""
    return settings(ctx.env.config).authors.person(name)


def site_authors(ctx: Context) -> dict[str, Author]:
    """Every author of a published article, by slug, sorted by name.

    Two different names with one slug are one author page (the first name seen).
    """

    def compute() -> dict[str, Author]:
        registry = settings(ctx.env.config).authors
        people: dict[str, Person] = {}
        members: dict[str, list[str]] = {}
        for article in articles_by_date(ctx):
            for name in article.authors:
                who = registry.person(name)
                people.setdefault(who.slug, who)
                docs = members.setdefault(who.slug, [])
                if not docs or docs[-1] != article.docname:
                    docs.append(article.docname)
        authors = [Author(people[s], tuple(reversed(d))) for s, d in members.items()]
        authors.sort(key=lambda a: (a.name.casefold(), a.slug))
        return {a.slug: a for a in authors}

    return ctx.cached("site-authors", compute)

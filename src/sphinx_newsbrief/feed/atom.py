"""The Atom documents (RFC 4287): which feeds the site has and what each holds.

:func:`site_feeds` describes every feed as a :class:`FeedSpec` (its path,
title, page and newest articles): ``feed.xml``, ``tags/<slug>.xml`` per tag
and ``authors/<slug>.xml`` per author. :func:`build_feed` writes one as XML;
given the articles' bodies (``newsbrief_feed_content = "full"``) each entry
also holds ``<content type="html">``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from ..domain import Context
from ..nodes import author_target
from ..records import (
    LISTED_TAGS,
    Article,
    DatedNote,
    articles_by_date,
    get_article,
    person,
    site_authors,
    site_tags,
    tag_name,
    tag_slug,
)
from ..settings import settings
from ..util import _, user_set

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ATOM = "http://www.w3.org/2005/Atom"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The body of an article as its feed entry holds it (HTML).
Contents = Callable[[Article], str]


@dataclass(frozen=True)
class FeedSpec:
    """One feed: where it goes, its title, the page it stands for, its articles."""

    path: str
    title: str
    #: The page the feed's ``alternate`` link points at.
    page: str
    #: Newest first.
    articles: tuple[Article, ...]
    #: For the corrections feed: (article, correction) per entry, newest first.
    notes: tuple[tuple[Article, DatedNote], ...] = ()


def site_base(app: Sphinx) -> str:
    return settings(app.config).site_url.rstrip("/") + "/"


def absolute(app: Sphinx, pagename: str) -> str:
    return site_base(app) + quote(app.builder.get_target_uri(pagename), safe="/#%:")


def _text(value: str) -> str:
    """Text that XML 1.0 can hold."""
    return _CONTROL.sub("", value)


def rfc3339(iso: str) -> str:
    """An Atom date: full date-time with a time zone."""
    if len(iso) == 10:
        return f"{iso}T00:00:00Z"
    if re.search(r"([+-]\d{2}:\d{2}|Z)$", iso):
        return iso
    return f"{iso}Z"


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text:
        element.text = _text(text)
    return element


def site_feeds(app: Sphinx, ctx: Context) -> dict[str, FeedSpec]:
    """Every feed of the site by output path: the site's, each tag's, each author's."""
    length = settings(app.config).feed_length
    newest = tuple(reversed(articles_by_date(ctx)))
    project = str(app.config.project or "")

    def titled(name: str) -> str:
        return f"{project} \N{EM DASH} {name}" if project else name

    def articles(docnames: tuple[str, ...]) -> tuple[Article, ...]:
        return tuple(a for a in (get_article(ctx, d) for d in docnames[:length]) if a)

    feeds = {"feed.xml": FeedSpec("feed.xml", project, str(app.config.root_doc), newest[:length])}
    for tag in site_tags(ctx).values():
        path = f"tags/{tag.slug}.xml"
        feeds[path] = FeedSpec(path, titled(tag.name), f"tags/{tag.slug}", articles(tag.docnames))
    for author in site_authors(ctx).values():
        page = author_target(author.slug)
        path = f"{page}.xml"
        feeds[path] = FeedSpec(path, titled(author.name), page, articles(author.docnames))
    notes = sorted(
        ((a, n) for a in newest for n in a.corrections),
        key=lambda pair: (pair[1].date, pair[0].docname, pair[1].anchor),
        reverse=True,
    )
    if notes:
        title = titled(str(_("Corrections")))
        feeds[CORRECTIONS_FEED] = FeedSpec(
            CORRECTIONS_FEED, title, CORRECTIONS_PAGE, (), tuple(notes[:length])
        )
    return feeds


#: The corrections log's page and feed.
CORRECTIONS_PAGE = "corrections/index"
CORRECTIONS_FEED = "corrections.xml"


def build_feed(app: Sphinx, ctx: Context, spec: FeedSpec, contents: Contents | None = None) -> str:
    """The Atom document of ``spec``; with ``contents``, entries carry the article body."""
    config = app.config
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    if config.language:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", str(config.language))
    _sub(root, "title", spec.title)
    _sub(root, "id", site_base(app) + spec.path)
    _sub(root, "link", rel="self", type="application/atom+xml", href=site_base(app) + spec.path)
    _sub(root, "link", rel="alternate", type="text/html", href=absolute(app, spec.page))
    stamps = [rfc3339(a.updated or a.date) for a in spec.articles if a.updated or a.date]
    stamps += [rfc3339(note.date) for _article, note in spec.notes]
    _sub(root, "updated", max(stamps) if stamps else "1970-01-01T00:00:00Z")
    author = _sub(root, "author")
    _sub(author, "name", publisher_name(app))
    _sub(root, "generator", "sphinx-newsbrief")
    for article in spec.articles:
        _entry(app, ctx, _sub(root, "entry"), article, contents)
    for article, note in spec.notes:
        _correction_entry(app, ctx, _sub(root, "entry"), article, note)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _entry(
    app: Sphinx, ctx: Context, entry: ET.Element, article: Article, contents: Contents | None
) -> None:
    url = absolute(app, article.docname)
    _sub(entry, "title", article.title)
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "id", url)
    published = rfc3339(article.date) if article.date else "1970-01-01T00:00:00Z"
    _sub(entry, "published", published)
    _sub(entry, "updated", rfc3339(article.updated) if article.updated else published)
    _entry_authors(app, ctx, entry, article)
    if article.description:
        _sub(entry, "summary", article.description)
    if contents is not None:
        body = contents(article)
        if body:
            _sub(entry, "content", body, type="html")
    for tag in article.tags[:LISTED_TAGS]:  # every tag's feed has the entry: not tags²
        _sub(entry, "category", term=tag_slug(tag), label=tag_name(ctx, tag))


def _correction_entry(
    app: Sphinx, ctx: Context, entry: ET.Element, article: Article, note: DatedNote
) -> None:
    """An entry of the corrections feed: the correction, linking to its place."""
    url = f"{absolute(app, article.docname)}#{note.anchor}"
    _sub(entry, "title", f"{_('Correction')}: {article.title}")
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "id", url)
    _sub(entry, "published", rfc3339(note.date))
    _sub(entry, "updated", rfc3339(note.date))
    _entry_authors(app, ctx, entry, article)
    if note.text:
        _sub(entry, "summary", note.text)


def _entry_authors(app: Sphinx, ctx: Context, entry: ET.Element, article: Article) -> None:
    """An ``<author>`` per byline name: the registry's name, and a link to them.

    The link is the registry's ``url``, else the author's page on the site.
    Two spellings of one author are one ``<author>``.
    """
    seen: set[str] = set()
    for name in article.authors:
        who = person(ctx, name)
        if who.slug in seen:
            continue
        seen.add(who.slug)
        element = _sub(entry, "author")
        _sub(element, "name", who.name)
        _sub(element, "uri", who.url or absolute(app, author_target(who.slug)))


def publisher_name(app: Sphinx) -> str:
    """Who publishes the site: the feed-level author.

    ``newsbrief_publisher``, else the ``author`` the project set, else the
    site title (``html_title`` or ``project`` as the project set them), else
    the site's host name. Sphinx's placeholders ("Author name not set") and
    its default ``html_title`` ("... documentation") are never used.
    """
    config = app.config
    for name in ("newsbrief_publisher", "author", "html_title", "project"):
        value = getattr(config, name, "")
        if isinstance(value, str) and value.strip() and user_set(config, name):
            return value.strip()
    return urlsplit(site_base(app)).hostname or "sphinx-newsbrief"

"""Nodes and links shared by the features: dates, tag links, index entries.

A leaf module like :mod:`.records`: any feature may use these, and they use
no feature. The ``taglinks`` view they create is resolved by :mod:`.tags`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import format_date

from .config import feeds_enabled
from .domain import Context
from .records import articles_by_date, clean, tag_slug
from .settings import settings
from .util import _
from .views import ViewName, inline_view_node, make_view, view_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

#: Classes of what an article's page shows around the article's own text: its
#: header, the links to the previous and next article, the comments embed.
#: Feeds that carry the text (``newsbrief_feed_content = "full"``) leave these out.
ARTICLE_HEADER_CLASS = "nb-article-header"
ARTICLE_NAV_CLASS = "nb-article-nav"
COMMENTS_CLASS = "nb-comments"
PAGE_ONLY_CLASSES = (ARTICLE_HEADER_CLASS, ARTICLE_NAV_CLASS, COMMENTS_CLASS)

#: Builders with generated tag pages (``singlehtml`` gets in-page sections).
PAGE_BUILDERS_EXCLUDED = ("singlehtml",)


@dataclass(frozen=True)
class TagItem:
    """One tag to link: its slug and spelling; ``keep_text`` keeps the spelling
    (a ``{tag}`` role's text) instead of the tag's display name."""

    slug: str
    name: str
    keep_text: bool = False


@dataclass(frozen=True)
class TagLinksOptions:
    items: tuple[TagItem, ...]


#: Links to tags, shown inline (resolved by the tags feature).
TAGLINKS: ViewName[TagLinksOptions] = ViewName("taglinks")


@dataclass(frozen=True)
class AuthorLinksOptions:
    """The authors of a byline, as written."""

    names: tuple[str, ...]


#: Links to author pages, shown inline (resolved by the authors feature).
AUTHORLINKS: ViewName[AuthorLinksOptions] = ViewName("authorlinks")


def author_target(slug: str) -> str:
    """The page name of an author's generated page."""
    return f"authors/{slug}"


def authorlinks_view(env: BuildEnvironment, names: Iterable[str]) -> view_node:
    """A placeholder for a byline's author names, linked to their pages, resolved late."""
    return make_view(env, AUTHORLINKS, AuthorLinksOptions(tuple(names)), inline_view_node)


def setup_nodes(app: Sphinx) -> None:
    app.add_node(date_node, html=(visit_date_html, depart_date_html))


class OutsideHtml(SphinxPostTransform):
    """A post-transform for every builder but the HTML ones (:meth:`apply_outside_html`)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder_cls = getattr(self.env, "_builder_cls", None)  # Sphinx 8.1+
        builder_format = builder_cls.format if builder_cls else self.app.builder.format
        if builder_format != "html":
            self.apply_outside_html()

    def apply_outside_html(self) -> None:
        raise NotImplementedError


class date_node(nodes.inline):  # noqa: N801
    """A date shown to readers; ``datetime`` holds the ISO value (``<time>`` in HTML)."""


def visit_date_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")


def make_date(iso: str, config: Config) -> date_node:
    text = display_date(iso, config)
    return date_node(text, text, datetime=iso, classes=["nb-date"])


def tag_target(builder: Builder, slug: str) -> str | None:
    """The page name of a tag's page for builders with generated pages."""
    if builder.format != "html" or builder.name in PAGE_BUILDERS_EXCLUDED:
        return None
    return f"tags/{slug}"


def tag_reference(app: Sphinx, fromdocname: str, slug: str, text: str) -> nodes.Node:
    """A link to a tag's page (or anchor in singlehtml), or text where there is none."""
    return builder_tag_reference(app.builder, fromdocname, slug, text)


def builder_tag_reference(builder: Builder, fromdocname: str, slug: str, text: str) -> nodes.Node:
    """:func:`tag_reference` for code that has a builder and no application."""
    classes = ["nb-tag", f"nb-tag-{slug}"]
    if builder.name == "singlehtml":
        uri: str | None = f"#nb-tag-{slug}"
    else:
        target = tag_target(builder, slug)
        uri = None if target is None else builder_relative_link(builder, fromdocname, target)
    if uri is None:
        return nodes.inline(text, text, classes=classes)
    ref = nodes.reference("", "", internal=True, refuri=uri, classes=classes)
    ref += nodes.Text(text)
    return ref


def taglinks_view(env: BuildEnvironment, items: Iterable[TagItem]) -> view_node:
    """A placeholder for links to tags; each shows the tag's display name, resolved late."""
    return make_view(env, TAGLINKS, TagLinksOptions(tuple(items)), inline_view_node)


def tag_items(names: Iterable[str]) -> tuple[TagItem, ...]:
    """Tags given by name, to be shown under their display names."""
    return tuple(TagItem(tag_slug(name), name) for name in names)


def index_entries(names: Iterable[str], target_id: str) -> addnodes.index:
    """General-index entries for an article's tags."""
    entries = [("single", f"{clean(name)}; {_('tag')}", target_id, "", None) for name in names]
    return addnodes.index(entries=entries, inline=False)


# -- dates and links ----------------------------------------------------------------


def display_date(iso: str, config: Config) -> str:
    """Format an ISO date or datetime for readers, in the site's language."""
    return _display_date(iso, settings(config).date_format, config.language)


@lru_cache(maxsize=8192)
def _display_date(iso: str, fmt: str, language: str) -> str:
    try:
        moment = datetime.fromisoformat(iso) if len(iso) > 10 else None
        if moment is None:
            day = date.fromisoformat(iso)
            moment = datetime(day.year, day.month, day.day)
    except ValueError:
        return iso
    try:
        return format_date(fmt, date=moment, language=language)
    except (ValueError, KeyError, TypeError, AttributeError):  # checked in config; never crash
        return iso


def doc_uri(app: Sphinx, fromdocname: str, docname: str) -> str | None:
    """The builder's URI of ``docname`` seen from ``fromdocname``, if it has one.

    Builders without one (LaTeX for an article outside the PDF; man pages,
    whose URIs are all empty) link to the published HTML page when
    ``newsbrief_site_url`` is set, else get None.
    """
    return builder_doc_uri(app.builder, app.config, fromdocname, docname)


def builder_doc_uri(builder: Builder, config: Config, fromdocname: str, docname: str) -> str | None:
    """:func:`doc_uri` for code that has a builder and no application (domain resolvers)."""
    try:
        uri: str | None = builder_relative_link(builder, fromdocname, docname)
    except NoUri:
        uri = None
    if uri or (uri == "" and docname == fromdocname):
        return uri
    site = settings(config).site_url
    if not site:
        return None
    suffix = config.html_file_suffix or ".html"
    return f"{site.rstrip('/')}/{quote(docname)}{suffix}"


def relative_link(app: Sphinx, fromname: str, toname: str) -> str:
    """``builder.get_relative_uri``, remembered for the rest of the build."""
    return builder_relative_link(app.builder, fromname, toname)


def builder_relative_link(builder: Builder, fromname: str, toname: str) -> str:
    """``builder.get_relative_uri``, remembered for the rest of the build.

    Listings and generated pages link the same pages many times over; for
    HTML builders the answer depends only on the two names, and with Sphinx's
    own way of relating two pages (every HTML builder but ``singlehtml``) only
    on the folder of the first, so pages in one folder share their answers.
    (LaTeX and Texinfo answer by the documents of the output being written,
    which changes from one PDF to the next, so they are asked every time.)
    """
    if builder.format != "html":
        return builder.get_relative_uri(fromname, toname)
    cache: dict[tuple[str, str], str] | None = getattr(builder, "_newsbrief_uris", None)
    if cache is None:
        cache = {}
        builder._newsbrief_uris = cache  # type: ignore[attr-defined]
    key = (fromname, toname) if fromname == toname else (link_base(builder, fromname), toname)
    if key not in cache:
        cache[key] = builder.get_relative_uri(fromname, toname)
    return cache[key]


def link_base(builder: Builder, pagename: str) -> str:
    """What relative links from ``pagename`` depend on: with Sphinx's own way of
    relating two pages (every HTML builder but ``singlehtml``), only the folder
    ``pagename`` is written to (``folder/``); else the page itself."""
    if type(builder).get_relative_uri is not Builder.get_relative_uri:
        return pagename
    # relative_uri(target of the page, target of the other): only the folder counts
    return posixpath.dirname(builder.get_target_uri(pagename)) + "/"


def links_site_feed(app: Sphinx, ctx: Context) -> bool:
    """Whether every page links the site's feed (in its head and in the sidebar).

    Feeds are on, the site has a published article, and the project does not
    ship a ``feed.xml`` of its own. Part of :func:`page_chrome`.
    """
    return (
        feeds_enabled(app) and bool(articles_by_date(ctx)) and "feed.xml" not in project_files(app)
    )


def project_files(app: Sphinx) -> frozenset[str]:
    """Output paths that the project's ``html_extra_path`` copies into the site.

    Read once per build (kept on the builder): pages ask for every page.
    """
    builder: Any = app.builder
    cached: frozenset[str] | None = getattr(builder, "_newsbrief_extra_files", None)
    if cached is None:
        found: set[str] = set()
        for entry in app.config.html_extra_path:
            path = Path(app.confdir, entry)
            if path.is_file():
                found.add(path.name)
            elif path.is_dir():
                found.update(q.relative_to(path).as_posix() for q in path.rglob("*") if q.is_file())
        cached = builder._newsbrief_extra_files = frozenset(found)
    return cached


#: How ``singlehtml`` addresses a document on its one page (``#document-<docname>``).
SINGLE_PAGE_DOC = "#document-"


def single_page_id(docname: str, anchor: str) -> str:
    """The id of ``anchor`` of ``docname`` on a ``singlehtml`` page.

    Every document there shares one page, so the anchors each document numbers
    on its own (``nb-answer-1``) are qualified by the document, as Sphinx's
    own ``document-<docname>``.
    """
    return f"document-{docname}-{anchor}"


def anchored(uri: str, anchor: str) -> str:
    """``uri`` at ``anchor`` (``uri#anchor``); on a ``singlehtml`` page, the anchor's id."""
    if not anchor:
        return uri
    if uri.startswith(SINGLE_PAGE_DOC):
        return "#" + single_page_id(uri[len(SINGLE_PAGE_DOC) :], anchor)
    return f"{uri}#{anchor}"


def link_or_text(text: str, uri: str | None, anchor: str = "") -> nodes.Node:
    """A link showing ``text`` to ``uri`` (at ``anchor``), or the plain text without a URI."""
    if uri is None:
        return nodes.Text(text)
    return nodes.reference("", text, internal=True, refuri=anchored(uri, anchor))


def doc_link(app: Sphinx, fromdocname: str, docname: str, text: str) -> nodes.Node:
    """A reference to ``docname`` with ``text``, or plain text for builders without URIs.

    LaTeX only has URIs for documents that are part of the PDF; other
    articles are named without a link.
    """
    uri = doc_uri(app, fromdocname, docname)
    if uri is None:
        return nodes.inline(text, text, classes=["nb-title"])
    internal = "://" not in uri
    ref = nodes.reference("", "", internal=internal, refuri=uri, classes=["nb-title"])
    ref += nodes.inline(text, text)
    return ref

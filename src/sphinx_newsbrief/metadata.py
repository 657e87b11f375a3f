"""Publishing metadata in the page heads of the ``html`` and ``dirhtml`` builders.

An article page gets ``<meta name="description">`` (its ``summary``, else an
excerpt of its first paragraph), a canonical link when ``newsbrief_site_url``
is set (through the theme's own ``pageurl``, so it is never written twice),
OpenGraph and ``article:*`` properties, a Twitter card and schema.org
``NewsArticle`` JSON-LD. The generated tag, archive and edition pages get
``CollectionPage`` JSON-LD with an ``ItemList`` of what they list (the names
come from :mod:`.pages` in the page context, ``newsbrief_listing``). Other
pages get nothing.

When ``sphinxext.opengraph`` is loaded it writes the ``og:`` tags: this module
feeds it the article's description and type through the page's metadata (the
``og:*`` fields it reads) and writes no ``og:`` tag itself. The Twitter card is
added last, and only when no other extension wrote one.

Every value is escaped: attribute values as HTML, JSON-LD with ``<``, ``>`` and
``&`` as ``\\u`` escapes, so no value can close the ``<script>`` element.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from .domain import context_of
from .nodes import author_target, relative_link
from .records import Article, get_article, person, site_authors, tag_name
from .settings import settings
from .util import user_set

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Builders whose pages get metadata (one page per document, with a URL of its own).
METADATA_BUILDERS = ("html", "dirhtml")
OPENGRAPH = "sphinxext.opengraph"
#: Page-context key: what :func:`add_metadata` found, read by :func:`add_twitter_card`.
_CONTEXT_KEY = "newsbrief_metadata"


def setup_metadata(app: Sphinx) -> None:
    # Before sphinxext.opengraph (priority 500), which then finds the description and
    # the og: fields; the Twitter card after it, so that one card is written at most.
    app.connect("html-page-context", add_metadata, priority=450)
    app.connect("html-page-context", add_twitter_card, priority=900)


@dataclass(frozen=True)
class PageMetadata:
    """What the head of an article page says about it."""

    title: str
    description: str
    #: Absolute URL, "" without ``newsbrief_site_url``.
    url: str


def add_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the head of article and listing pages."""
    if app.builder.name not in METADATA_BUILDERS:
        return
    article = get_article(context_of(app), pagename)
    listing = context.get("newsbrief_listing")
    if article is not None:
        head = article_head(app, article, context, doctree)
    elif listing is not None:
        head = listing_head(app, pagename, context, listing)
    else:
        return
    context["metatags"] = context.get("metatags", "") + head


def article_head(app: Sphinx, article: Article, context: dict[str, Any], doctree: Any) -> str:
    """Description, OpenGraph, ``article:*`` and JSON-LD of an article page."""
    description = article.description
    url = page_url(app, article.docname)
    meta = PageMetadata(article.title, description, url)
    context[_CONTEXT_KEY] = meta
    if url and not context.get("pageurl"):
        context["pageurl"] = url  # the theme writes <link rel="canonical">
    tags = [_meta("name", "description", description)] if description else []
    if OPENGRAPH in app.extensions:
        _feed_opengraph(context, meta)
    else:
        tags += _opengraph(app, meta)
    tags += _article_properties(app, article)
    tags.append(json_ld(news_article(app, article, meta)))
    return "".join(tags)


def _opengraph(app: Sphinx, meta: PageMetadata) -> list[str]:
    props = [("og:type", "article"), ("og:title", meta.title)]
    if meta.description:
        props.append(("og:description", meta.description))
    if meta.url:
        props.append(("og:url", meta.url))
    site = site_name(app)
    if site:
        props.append(("og:site_name", site))
    return [_meta("property", p, v) for p, v in props]


def _feed_opengraph(context: dict[str, Any], meta: PageMetadata) -> None:
    """Give sphinxext.opengraph the article's type, title and description (``og:`` fields).

    The page's metadata dict belongs to the environment: the page gets a copy.
    Fields the author set win.
    """
    fields = dict(context.get("meta") or {})
    fields.setdefault("og:type", "article")
    fields.setdefault("og:title", meta.title)
    if meta.description:
        fields.setdefault("og:description", meta.description)
    context["meta"] = fields


def _article_properties(app: Sphinx, article: Article) -> list[str]:
    props: list[tuple[str, str]] = []
    if article.date:
        props.append(("article:published_time", article.date))
    if article.updated:
        props.append(("article:modified_time", article.updated))
    props += [("article:author", name) for name in article.authors]
    ctx = context_of(app)
    props += [("article:tag", tag_name(ctx, tag)) for tag in article.tags]
    return [_meta("property", p, v) for p, v in props]


def add_twitter_card(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, late: a summary card unless another extension wrote one."""
    meta = context.get(_CONTEXT_KEY)
    if not isinstance(meta, PageMetadata) or app.builder.name not in METADATA_BUILDERS:
        return
    metatags = context.get("metatags", "")
    if "twitter:card" in metatags and "twitter:card" in meta_names(metatags):
        return
    tags = [_meta("name", "twitter:card", "summary"), _meta("name", "twitter:title", meta.title)]
    if meta.description:
        tags.append(_meta("name", "twitter:description", meta.description))
    context["metatags"] = context.get("metatags", "") + "".join(tags)


# -- JSON-LD ------------------------------------------------------------------------


def news_article(app: Sphinx, article: Article, meta: PageMetadata) -> dict[str, Any]:
    """The schema.org ``NewsArticle`` of an article page."""
    url = meta.url or self_link(app, article.docname)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if article.date:
        data["datePublished"] = article.date
        data["dateModified"] = article.updated or article.date
    if article.authors:
        data["author"] = [_person(app, name) for name in article.authors]
    if meta.description:
        data["description"] = meta.description
    if article.tags:
        ctx = context_of(app)
        data["keywords"] = [tag_name(ctx, tag) for tag in article.tags]
    if article.location:
        data["dateline"] = article.location
    if article.corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": note.date,
                "text": note.text,
                "url": f"{url}#{note.anchor}",
            }
            for note in article.corrections
        ]
    if app.config.language:
        data["inLanguage"] = str(app.config.language)
    data["publisher"] = publisher(app)
    return data


def _person(app: Sphinx, name: str) -> dict[str, str]:
    """An author as a schema.org ``Person``: the registry's name and ``url``, else the
    author's page on the site (when the site URL is known)."""
    ctx = context_of(app)
    who = person(ctx, name)
    data = {"@type": "Person", "name": who.name}
    url = who.url
    if not url and who.slug in site_authors(ctx):
        url = page_url(app, author_target(who.slug))
    if url:
        data["url"] = url
    return data


def listing_head(app: Sphinx, pagename: str, context: dict[str, Any], listing: Any) -> str:
    """``CollectionPage`` JSON-LD of a generated page, with an ``ItemList`` of its entries.

    ``listing`` is the ``newsbrief_listing`` the page was made with:
    ``{"name": title, "items": ((page name, title), ...)}``.
    """
    url = page_url(app, pagename)
    if url and not context.get("pageurl"):
        context["pageurl"] = url
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "url": page_url(app, name) or relative_link(app, pagename, name) or "./",
            "name": str(title),
        }
        for position, (name, title) in enumerate(listing.get("items", ()), start=1)
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": str(listing.get("name", "")),
        "url": url or self_link(app, pagename),
        "mainEntity": {"@type": "ItemList", "numberOfItems": len(items), "itemListElement": items},
    }
    return json_ld(data)


def json_ld(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def publisher(app: Sphinx) -> dict[str, str]:
    """The site's publisher as a schema.org ``Organization``."""
    data = {"@type": "Organization", "name": publisher_name(app)}
    base = settings(app.config).site_url
    if base:
        data["url"] = base.rstrip("/") + "/"
    return data


def publisher_name(app: Sphinx) -> str:
    """``newsbrief_publisher``, else ``author``, ``html_title``, ``project`` as set.

    The same order the Atom feeds follow (a feature may not import another,
    so it is restated here); Sphinx's placeholders are never used.
    """
    config = app.config
    for name in ("newsbrief_publisher", "author", "html_title", "project"):
        value = getattr(config, name, "")
        if isinstance(value, str) and value.strip() and user_set(config, name):
            return value.strip()
    return urlsplit(settings(config).site_url).hostname or "sphinx-newsbrief"


# -- helpers ------------------------------------------------------------------------


def page_url(app: Sphinx, pagename: str) -> str:
    """Absolute URL of a page (as the builder names it), "" without a site URL."""
    base = settings(app.config).site_url
    if not base:
        return ""
    return base.rstrip("/") + "/" + quote(app.builder.get_target_uri(pagename), safe="/#%:")


def self_link(app: Sphinx, pagename: str) -> str:
    """A page's link to itself, relative (``x.html``; ``./`` in ``dirhtml``)."""
    target = app.builder.get_target_uri(pagename)
    return quote(target.rpartition("/")[2], safe="#%") or "./"


def site_name(app: Sphinx) -> str:
    project = app.config.project
    return str(project) if project and user_set(app.config, "project") else ""


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(value, quote=True)}" />\n'


def meta_names(html: str) -> set[str]:
    """The ``name`` and ``property`` of every ``<meta>`` in ``html``."""
    parser = _MetaParser()
    parser.feed(html)
    parser.close()
    return parser.names


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.names.update(v for k, v in attrs if k in ("name", "property") and v)

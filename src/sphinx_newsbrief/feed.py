"""Atom feeds (RFC 4287): ``feed.xml`` for the site and ``tags/<slug>.xml`` per tag.

Feeds are written for the ``html`` and ``dirhtml`` builders when
``newsbrief_site_url`` is set (links in a feed must be absolute). Each holds
the newest ``newsbrief_feed_length`` published articles; drafts never appear.
A feed file is written only when its content changed, and feeds of tags that
no longer exist are removed, so incremental builds match clean builds.
Every page head links the site feed (tag pages also their tag's feed) with
``<link rel="alternate" type="application/atom+xml">``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from .config import FEED_BUILDERS, feeds_enabled
from .domain import Context, context_of
from .nodes import project_files
from .records import Article, articles_by_date, get_article, site_tags, tag_name, tag_slug
from .settings import settings
from .util import _, user_set
from .views import FEEDS, digest, plan_outputs, planned
from .warnings import logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ATOM = "http://www.w3.org/2005/Atom"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def setup_feed(app: Sphinx) -> None:
    app.connect("builder-inited", check_site_url)
    app.connect("env-get-updated", plan_feeds)
    app.connect("html-collect-pages", write_feeds)
    app.connect("html-page-context", add_feed_links)


def check_site_url(app: Sphinx) -> None:
    """Say once per build why there is no feed."""
    config = settings(app.config)
    if app.builder.name not in FEED_BUILDERS or config.site_url:
        return
    message = "newsbrief_site_url is not set: no Atom feed is written (feeds need absolute links)"
    if config.feeds is True:
        warn("feed", message)
    elif config.feeds is None:
        logger.info(message)


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


def build_feed(
    app: Sphinx, ctx: Context, articles: list[Article], title: str, self_path: str, page: str
) -> str:
    """The Atom document for ``articles`` (newest first)."""
    config = app.config
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    if config.language:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", str(config.language))
    _sub(root, "title", title)
    _sub(root, "id", site_base(app) + self_path)
    _sub(root, "link", rel="self", type="application/atom+xml", href=site_base(app) + self_path)
    _sub(root, "link", rel="alternate", type="text/html", href=absolute(app, page))
    stamps = [rfc3339(a.updated or a.date) for a in articles if a.updated or a.date]
    _sub(root, "updated", max(stamps) if stamps else "1970-01-01T00:00:00Z")
    author = _sub(root, "author")
    _sub(author, "name", publisher_name(app))
    _sub(root, "generator", "sphinx-newsbrief")
    for article in articles:
        entry = _sub(root, "entry")
        url = absolute(app, article.docname)
        _sub(entry, "title", article.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "id", url)
        published = rfc3339(article.date) if article.date else "1970-01-01T00:00:00Z"
        _sub(entry, "published", published)
        _sub(entry, "updated", rfc3339(article.updated) if article.updated else published)
        for name in article.authors:
            _sub(_sub(entry, "author"), "name", name)
        if article.description:
            _sub(entry, "summary", article.description)
        for tag in article.tags:
            _sub(entry, "category", term=tag_slug(tag), label=tag_name(ctx, tag))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


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


def site_feeds(app: Sphinx, ctx: Context) -> dict[str, str]:
    """Every feed of the site: output path -> XML text."""
    length = settings(app.config).feed_length
    newest = list(reversed(articles_by_date(ctx)))
    project = str(app.config.project or "")
    feeds = {"feed.xml": build_feed(app, ctx, newest[:length], project, "feed.xml", _root(app))}
    for tag in site_tags(ctx).values():
        articles = [a for a in (get_article(ctx, d) for d in tag.docnames[:length]) if a]
        title = f"{project} \N{EM DASH} {tag.name}" if project else tag.name
        path = f"tags/{tag.slug}.xml"
        feeds[path] = build_feed(app, ctx, articles, title, path, f"tags/{tag.slug}")
    return feeds


def _root(app: Sphinx) -> str:
    return str(app.config.root_doc)


def feeds_to_write(app: Sphinx, ctx: Context) -> dict[str, str]:
    """The site's feeds (path -> XML text), without those the project ships itself."""

    def compute() -> dict[str, str]:
        feeds = site_feeds(app, ctx) if articles_by_date(ctx) else {}
        for path in sorted(project_files(app) & feeds.keys()):
            warn(
                "feed",
                f"{path!r} is also a file of the project (html_extra_path): the project's "
                "file is kept and this Atom feed is not written (rename or remove one of them)",
            )
            del feeds[path]
        return feeds

    return ctx.cached(f"feeds-{app.builder.name}", compute)


def plan_feeds(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: which feeds changed (the same rule as pages and views)."""
    if feeds_enabled(app):
        feeds = feeds_to_write(app, context_of(app))
        plan_outputs(env, app.builder.name, FEEDS, {p: digest(t) for p, t in feeds.items()})
    return []


def write_feeds(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: write changed feeds, remove those of vanished tags."""
    if not feeds_enabled(app):
        return []
    env = app.env
    outdir = Path(app.outdir)
    plan = planned(env, app.builder.name, FEEDS)
    for name in sorted(plan.stale - project_files(app)):
        (outdir / name).unlink(missing_ok=True)
    for path, text in feeds_to_write(app, context_of(app)).items():
        target = outdir / path
        if path in plan.changed or not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return []


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: advertise the feeds in the page head."""
    if not feeds_enabled(app) or not articles_by_date(context_of(app)):
        return
    pathto = context["pathto"]
    links = [(str(app.config.project or _("Feed")), "feed.xml")]
    if pagename.startswith("tags/") and pagename != "tags/index":
        slug = pagename.split("/")[1]
        tag = site_tags(context_of(app)).get(slug)
        if tag is not None:
            links.append((tag.name, f"tags/{slug}.xml"))
    taken = project_files(app)
    links = [(title, pathto(path, 1)) for title, path in links if path not in taken]
    tags = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{_attr(title)}" '
        f'href="{_attr(href)}" />\n'
        for title, href in links
    )
    context["metatags"] = context.get("metatags", "") + tags


def _attr(value: str) -> str:
    return escape(value, quote=True)

"""Atom feeds (RFC 4287): the site's ``feed.xml``, ``tags/<slug>.xml`` per tag and
``authors/<slug>.xml`` per author.

Feeds are written for the ``html`` and ``dirhtml`` builders when
``newsbrief_site_url`` is set (links in a feed must be absolute). Each holds
the newest ``newsbrief_feed_length`` published articles; drafts never appear.
With ``newsbrief_feed_content = "full"`` each entry also holds the article's
body as HTML, with absolute links (:mod:`.bodies`, :mod:`.markup`).

A feed file is written only when its text changed, and feeds of tags and
authors that no longer have a published article are removed, so incremental
builds match clean builds. Every page head links the site feed (tag and
author pages also their own feed) with
``<link rel="alternate" type="application/atom+xml">``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import FEED_BUILDERS, feeds_enabled
from ..domain import Context, context_of
from ..nodes import author_target, links_site_feed, project_files
from ..records import articles_by_date, site_authors, site_tags
from ..settings import settings
from ..util import _
from ..views import FEEDS, digest, plan_outputs, planned, unchanged
from ..warnings import logger, warn
from .atom import CORRECTIONS_FEED, FeedSpec, build_feed, site_feeds
from .bodies import Bodies, capture_body, full_content, prune

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["setup_feed"]


def setup_feed(app: Sphinx) -> None:
    app.connect("builder-inited", check_site_url)
    app.connect("env-get-updated", plan_feeds)
    app.connect("html-collect-pages", write_feeds)
    app.connect("html-page-context", add_feed_links)
    # late: the body as the page shows it, after other extensions changed it
    app.connect("html-page-context", capture_body, priority=900)


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


def feeds_to_write(app: Sphinx, ctx: Context) -> dict[str, FeedSpec]:
    """The site's feeds by output path, without those the project ships itself."""

    def compute() -> dict[str, FeedSpec]:
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


def summary_digests(app: Sphinx, ctx: Context) -> dict[str, str]:
    """The digest of each feed's XML without the articles' bodies.

    Each feed is built and dropped in turn: a site of thousands of tags has
    thousands of feeds, never all held at once.
    """

    def compute() -> dict[str, str]:
        return {p: digest(build_feed(app, ctx, s)) for p, s in feeds_to_write(app, ctx).items()}

    return ctx.cached(f"feed-digests-{app.builder.name}", compute)


def plan_feeds(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: which feeds exist now, and which are gone (to remove)."""
    if feeds_enabled(app) and not unchanged(app, env, FEEDS, tuple(sorted(project_files(app)))):
        plan_outputs(env, app.builder.name, FEEDS, summary_digests(app, context_of(app)))
    return []


def write_feeds(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: write the feeds whose text changed, remove stale ones.

    Runs in the main process after every page is written (with ``-j`` too), so
    the bodies that article pages kept for full-content feeds are all there.
    A feed is compared with its file byte for byte: a body edit rewrites the
    feeds that show the article, and nothing else.
    """
    if not feeds_enabled(app):
        return []
    outdir = Path(app.outdir)
    plan = planned(app.env, app.builder.name, FEEDS)
    for name in sorted(plan.stale - project_files(app)):
        (outdir / name).unlink(missing_ok=True)
    full = full_content(app)
    if not plan.changed and not full:
        # Summary feeds change only with their plan; rebuild one only if its file is gone.
        known = app.env.domaindata["newsbrief"]["written"].get(app.builder.name, {}).get(FEEDS, {})
        if all((outdir / name).is_file() for name in known):
            return []
    ctx = context_of(app)
    bodies = Bodies(app) if full else None
    for path, spec in feeds_to_write(app, ctx).items():  # each written as soon as built
        if not full and path not in plan.changed and (outdir / path).is_file():
            continue  # a summary feed whose digest did not change
        _write_if_changed(outdir / path, build_feed(app, ctx, spec, bodies))
    if bodies is not None:
        prune(app)
    return []


def _write_if_changed(target: Path, text: str) -> None:
    try:
        if target.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: advertise the feeds in the page head."""
    if not feeds_enabled(app) or not articles_by_date(context_of(app)):
        return
    pathto = context["pathto"]
    # whether the site feed is linked is part of every page's digest (pages.page_chrome)
    site = [(str(app.config.project or _("Feed")), "feed.xml")]
    links = [*(site if links_site_feed(app, context_of(app)) else []), *_own_feed(app, pagename)]
    taken = project_files(app)
    links = [(title, pathto(path, 1)) for title, path in links if path not in taken]
    tags = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{_attr(title)}" '
        f'href="{_attr(href)}" />\n'
        for title, href in links
    )
    context["metatags"] = context.get("metatags", "") + tags


def _own_feed(app: Sphinx, pagename: str) -> list[tuple[str, str]]:
    """The feed of a tag's or an author's page (any of its pages), as (title, path)."""
    folder, _sep, rest = pagename.partition("/")
    if folder == "corrections" and CORRECTIONS_FEED in feeds_to_write(app, context_of(app)):
        return [(str(_("Corrections")), CORRECTIONS_FEED)]
    slug = rest.split("/")[0]
    if not slug or slug == "index":
        return []
    ctx = context_of(app)
    if folder == "tags" and slug in site_tags(ctx):
        return [(site_tags(ctx)[slug].name, f"tags/{slug}.xml")]
    if folder == "authors" and slug in site_authors(ctx):
        return [(site_authors(ctx)[slug].name, f"{author_target(slug)}.xml")]
    return []


def _attr(value: str) -> str:
    return escape(value, quote=True)

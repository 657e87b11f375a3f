"""Articles: which documents are briefs, their metadata, header and neighbours.

A document is an article when its metadata has a ``date`` or its docname
matches ``newsbrief_article_patterns``. Its metadata is read from the source
text and validated (:mod:`.metadata`), stored as an ``Article`` record in the
collector, and shown in a header under the title (:mod:`.header`). Each
article page ends with links to the previous and next article by date
(:mod:`.neighbours`). Articles stay outside the toctree; :mod:`.toctree` gives
them what the toctree would: a place in single-output builders and numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Context, context_of
from ..records import scheduled_articles
from ..views import ViewKind, register_input, register_view
from ..visitors import passthrough, visitors
from ..warnings import logger
from .header import (
    article_header,
    article_nav,
    depart_header_html,
    depart_header_latex,
    depart_nav_html,
    depart_nav_latex,
    visit_header_html,
    visit_header_latex,
    visit_nav_html,
    visit_nav_latex,
)
from .metadata import (
    ArticleEndTransform,
    ArticleTransform,
    read_metadata,
    register_article_labels,
)
from .neighbours import NEIGHBOURS, render_neighbours, resolve_neighbours
from .toctree import (
    article_part,
    include_articles,
    number_article_figures,
    qualify_single_page_ids,
    share_toctree,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["article_header", "article_nav", "article_part", "setup_articles"]


def setup_articles(app: Sphinx) -> None:
    app.connect("source-read", read_metadata)
    app.add_transform(ArticleTransform)
    app.add_transform(ArticleEndTransform)
    children_only = (passthrough, passthrough)
    app.add_node(
        article_header,
        **visitors(
            children_only,
            html=(visit_header_html, depart_header_html),
            latex=(visit_header_latex, depart_header_latex),
        ),
    )
    app.add_node(
        article_nav,
        **visitors(
            children_only,
            html=(visit_nav_html, depart_nav_html),
            latex=(visit_nav_latex, depart_nav_latex),
        ),
    )
    register_view(ViewKind(NEIGHBOURS, resolve_neighbours, render_neighbours))
    # the clock: an article whose date comes joins listings without an edit
    register_input(scheduled_docnames)
    app.connect("doctree-resolved", include_articles, priority=400)
    app.connect("html-page-context", share_toctree)
    app.connect("doctree-resolved", qualify_single_page_ids, priority=900)
    app.connect("env-get-updated", number_article_figures, priority=600)
    app.connect("env-get-updated", report_scheduled, priority=400)
    app.connect("env-get-updated", register_article_labels, priority=450)


def scheduled_docnames(ctx: Context) -> tuple[str, ...]:
    """The articles held back at this build's moment (an input of every listing)."""
    return tuple(a.docname for a in scheduled_articles(ctx))


def report_scheduled(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: one info line per article held back until its date."""
    for article in scheduled_articles(context_of(app)):
        logger.info(
            "%s: scheduled for %s; left out of listings, feeds and editions until then",
            article.docname,
            article.date,
            location=article.docname,
        )
    return []

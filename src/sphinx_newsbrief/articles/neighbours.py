"""The links to the previous and next article by date (a ``neighbours`` view).

:class:`.metadata.ArticleEndTransform` puts the view at the end of every
article; it is resolved late, from every article of the site.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from ..domain import Context
from ..nodes import ARTICLE_NAV_CLASS, doc_link
from ..records import ArticleEntry, articles_by_date, get_article
from ..util import _
from ..views import NoOptions, ViewName, view_node
from .header import NO_SEARCH, article_nav

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class Neighbours:
    """The articles before and after one, by date."""

    older: ArticleEntry | None
    newer: ArticleEntry | None


NEIGHBOURS: ViewName[NoOptions] = ViewName("neighbours")


def resolve_neighbours(ctx: Context, docname: str, options: NoOptions) -> Neighbours:
    article = get_article(ctx, docname)
    if article is None:
        return Neighbours(None, None)
    ordered = articles_by_date(ctx)
    keys = ctx.cached("article-sort-keys", lambda: [a.sort_key for a in ordered])
    before = bisect_left(keys, article.sort_key)
    after = bisect_right(keys, article.sort_key)
    older = ordered[before - 1] if before > 0 else None
    newer = ordered[after] if after < len(ordered) else None
    return Neighbours(
        ArticleEntry.of(older) if older else None, ArticleEntry.of(newer) if newer else None
    )


def render_neighbours(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Neighbours
) -> list[nodes.Node]:
    if data.older is None and data.newer is None:
        return []
    # other articles' titles: not words of this page for the search index (Sphinx 7.3+)
    nav = article_nav(classes=[ARTICLE_NAV_CLASS, NO_SEARCH])
    for entry, label, cls in (
        (data.older, _("Previous article"), "nb-prev"),
        (data.newer, _("Next article"), "nb-next"),
    ):
        if entry is None:
            continue
        para = nodes.paragraph(classes=[cls])
        para += nodes.inline(label, label, classes=["nb-label"])
        # HTML shows the label on a line of its own (the stylesheet hides this)
        para += nodes.inline(": ", ": ", classes=["nb-sep"])
        para += doc_link(app, fromdocname, entry.docname, entry.title)
        nav += para
    return [nav]

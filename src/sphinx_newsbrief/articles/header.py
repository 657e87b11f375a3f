"""The header under an article's title and the node of its previous/next links.

:func:`build_header` makes builder-neutral nodes with ``nb-*`` classes: the
dateline (location, dates, draft), the byline (authors, reading time) and the
tags. HTML and LaTeX get their own visitors; other builders show the children.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..nodes import ARTICLE_HEADER_CLASS, authorlinks_view, make_date, tag_items, taglinks_view
from ..settings import settings
from ..util import _

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..records import Article


# -- nodes -----------------------------------------------------------------


class article_header(nodes.container):  # noqa: N801
    """Dateline, dates, authors, reading time and tags under an article title."""


class article_nav(nodes.container):  # noqa: N801
    """Links to the previous and next article by date."""


def visit_header_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_header_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


#: Class that keeps an element's words out of Sphinx's search index (not written out).
NO_SEARCH = "no-search"


def visit_nav_html(self: HTML5Translator, node: nodes.Element) -> None:
    attrs: dict[str, Any] = {"aria-label": _("More articles")}
    classes = node["classes"]
    node["classes"] = [c for c in classes if c != NO_SEARCH]
    try:
        self.body.append(self.starttag(node, "nav", **attrs))
    finally:
        node["classes"] = classes


def depart_nav_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</nav>\n")


def visit_header_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\\begingroup\\small\\raggedright\n")


def depart_header_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\\endgroup\\par\\noindent\\rule{\\linewidth}{0.4pt}\\par\\medskip\n")


def visit_nav_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(
        "\n\\par\\medskip\\noindent\\rule{\\linewidth}{0.4pt}\\par\\begingroup\\small\n"
    )


def depart_nav_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\\endgroup\n")


# -- the header ------------------------------------------------------------------


def _joined(items: list[nodes.Node], sep: str) -> list[nodes.Node]:
    """``items`` with ``sep`` between them, each separator in an ``nb-sep`` span."""
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.inline(sep, sep, classes=["nb-sep"]))
        out.append(item)
    return out


def build_header(article: Article, env: BuildEnvironment) -> article_header:
    """The block under the title: builder-neutral nodes with ``nb-*`` classes."""
    header = article_header(classes=[ARTICLE_HEADER_CLASS])
    header += _dateline(article, env)
    header += _byline(article, env)
    if article.tags:
        tags = nodes.paragraph(classes=["nb-tags"])
        tags += nodes.inline(_("Tags:") + " ", _("Tags:") + " ", classes=["nb-label"])
        tags += taglinks_view(env, tag_items(article.tags))
        header += tags
    return header


def _dateline(article: Article, env: BuildEnvironment) -> nodes.paragraph:
    """Location, date, update and draft mark."""
    config = env.config
    dateline = nodes.paragraph(classes=["nb-dateline"])
    if article.location:
        dateline += nodes.inline(article.location, article.location, classes=["nb-location"])
        dateline += nodes.Text(" \N{EM DASH} ")
    parts: list[nodes.Node] = []
    if article.date:
        parts.append(make_date(article.date, config))
    if article.updated:
        updated = nodes.inline(classes=["nb-updated"])
        updated += nodes.Text(_("Updated") + " ")
        updated += make_date(article.updated, config)
        parts.append(updated)
    if article.corrected:
        corrected = nodes.inline(classes=["nb-corrected"])
        corrected += nodes.Text(_("Corrected") + " ")
        corrected += make_date(article.corrected, config)
        parts.append(corrected)
    if article.draft:
        parts.append(nodes.inline(_("Draft"), _("Draft"), classes=["nb-draft"]))
    dateline.extend(_joined(parts, " \N{MIDDLE DOT} "))
    return dateline


def _byline(article: Article, env: BuildEnvironment) -> nodes.paragraph:
    """Authors and reading time."""
    byline = nodes.paragraph(classes=["nb-byline"])
    if article.authors:
        byline += nodes.Text(_("By") + " ")
        byline += authorlinks_view(env, article.authors)
        byline += nodes.Text(" \N{MIDDLE DOT} ")
    minutes = max(1, round(article.words / settings(env.config).words_per_minute))
    reading = _("%d min read") % minutes
    byline += nodes.inline(reading, reading, classes=["nb-reading-time"])
    return byline

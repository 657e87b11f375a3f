"""The ``{briefs}`` listing: articles filtered by tag or edition, as a list or table.

The directive validates its options and leaves a ``briefs`` view placeholder;
the list itself is resolved late from the collector, so it shows every
article of the site whatever the reading order, and the page is rewritten
whenever (and only when) the rows it shows change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from .domain import Context
from .excerpts import to_nodes
from .nodes import doc_link, doc_uri, link_or_text, make_date, tag_reference
from .records import (
    Article,
    Row,
    articles_by_date,
    has_any_tag,
    make_row,
    more_tags_label,
    tag_slug,
)
from .shared import ListDirective
from .util import _, make_table
from .views import ViewKind, ViewName, register_view, view_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SORTS = ("-date", "date", "title", "-title")
FORMATS = ("list", "table")


@dataclass(frozen=True)
class BriefsOptions:
    """What a ``{briefs}`` listing asks for (checked by the directive)."""

    tags: tuple[str, ...] = ()  # slugs; an article with any of them is listed
    edition: str = ""
    limit: int | None = None
    sort: str = "-date"
    format: str = "list"
    exclude_current: bool = False


@dataclass(frozen=True)
class Briefs:
    """What a listing shows: its format and one row per article, in order."""

    format: str
    rows: tuple[Row, ...]


BRIEFS: ViewName[BriefsOptions] = ViewName("briefs")


def setup_listings(app: Sphinx) -> None:
    app.add_directive("briefs", BriefsDirective)
    register_view(ViewKind(BRIEFS, resolve_briefs, render_briefs))


class BriefsDirective(ListDirective[BriefsOptions]):
    """``{briefs}``: list articles, newest first by default."""

    subtype = "listing"
    known_options = ("tags", "edition", "limit", "sort", "format", "exclude-current")
    has_content = False

    view = BRIEFS

    def view_options(self) -> BriefsOptions:
        return BriefsOptions(
            tags=self.tag_slugs(),
            edition=self.text_option("edition"),
            limit=self.positive_int("limit", None),
            sort=self.choice("sort", SORTS, "-date"),
            format=self.choice("format", FORMATS, "list"),
            exclude_current=self.flag("exclude-current"),
        )


def select(ctx: Context, docname: str, options: BriefsOptions) -> list[Article]:
    """The articles a listing with ``options`` shows, in order."""
    articles = [
        a
        for a in articles_by_date(ctx)
        if has_any_tag(a, options.tags)
        and (not options.edition or a.edition == options.edition)
        and not (options.exclude_current and a.docname == docname)
    ]
    if options.sort.lstrip("-") == "title":
        articles.sort(key=lambda a: (a.title.casefold(), a.docname))
    if options.sort.startswith("-"):
        articles.reverse()
    return articles[: options.limit] if options.limit else articles


def resolve_briefs(ctx: Context, docname: str, options: BriefsOptions) -> Briefs:
    return Briefs(options.format, tuple(make_row(ctx, a) for a in select(ctx, docname, options)))


def render_briefs(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Briefs
) -> list[nodes.Node]:
    if not data.rows:
        empty = nodes.paragraph(classes=["nb-briefs-empty"])
        empty += nodes.emphasis(_("No articles yet."), _("No articles yet."))
        return [empty]
    if data.format == "table":
        return [_table(app, fromdocname, data.rows)]
    return [render_rows(app, fromdocname, data.rows)]


def _meta_line(app: Sphinx, fromdocname: str, row: Row) -> nodes.paragraph:
    meta = nodes.paragraph(classes=["nb-brief-meta"])
    if row.date:
        meta += make_date(row.date, app.config)
    if row.tags:
        if row.date:
            meta += nodes.Text(" \N{MIDDLE DOT} ")
        tags = nodes.inline(classes=["nb-tags"])
        tags.extend(_tag_links(app, fromdocname, row))
        meta += tags
    return meta


def _tag_links(app: Sphinx, fromdocname: str, row: Row) -> list[nodes.Node]:
    """Links to the row's tags; "+N more" (to the article) for those it leaves out."""
    out: list[nodes.Node] = []
    for name in row.tags:
        if out:
            out.append(nodes.inline(", ", ", ", classes=["nb-sep"]))
        out.append(tag_reference(app, fromdocname, tag_slug(name), name))
    if row.more_tags:
        label = more_tags_label(row.more_tags)
        out.append(nodes.inline(", ", ", ", classes=["nb-sep"]))
        more = link_or_text(label, doc_uri(app, fromdocname, row.docname))
        out.append(nodes.inline("", "", more, classes=["nb-tags-more"]))
    return out


def render_rows(app: Sphinx, fromdocname: str, rows: tuple[Row, ...]) -> nodes.Element:
    """Rows as a list: linked title, date and tags, summary."""
    listing = nodes.bullet_list(classes=["nb-briefs", "nb-briefs-list"])
    for row in rows:
        item = nodes.list_item(classes=["nb-brief"])
        title = nodes.paragraph(classes=["nb-brief-title"])
        title += nodes.strong("", "", doc_link(app, fromdocname, row.docname, row.title))
        item += title
        meta = _meta_line(app, fromdocname, row)
        if meta.children:
            item += meta
        if row.dek:
            item += nodes.paragraph("", "", *to_nodes(row.dek), classes=["nb-brief-summary"])
        listing += item
    return listing


def _table(app: Sphinx, fromdocname: str, rows: tuple[Row, ...]) -> nodes.Element:
    cells: list[list[nodes.Node | str]] = []
    for row in rows:
        date = nodes.paragraph()
        if row.date:
            date += make_date(row.date, app.config)
        title = nodes.paragraph()
        title += doc_link(app, fromdocname, row.docname, row.title)
        tags = nodes.paragraph()
        tags.extend(_tag_links(app, fromdocname, row))
        cells.append([date, title, nodes.paragraph("", "", *to_nodes(row.dek)), tags])
    return make_table(
        (_("Date"), _("Title"), _("Summary"), _("Tags")),
        cells,
        (14, 30, 40, 16),
        ["nb-briefs", "nb-briefs-table", "longtable", "colwidths-given"],
    )

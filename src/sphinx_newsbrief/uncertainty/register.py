"""The ``{uncertaintylist}`` register and the ``{uncertaintylegend}``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from ..domain import Context
from ..nodes import doc_uri, link_or_text, make_date
from ..records import Article, articles_by_date, get_article, has_any_tag
from ..shared import ListDirective, NewsbriefDirective
from ..util import _, make_table, page_title
from ..views import ViewName, view_node
from ..warnings import allowed
from .directives import ITEM, Item
from .scale import UNRATED, check_choice, range_label, scale

#: ``:article:`` values: this page only, or every article (no ordinary pages).
ARTICLE_SCOPES = ("current", "all")

if TYPE_CHECKING:
    from sphinx.application import Sphinx


# -- the register -------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterOptions:
    """Filters of a register: statuses, tag slugs, ``current``/``all``/"" (any page), edition.

    ``edition`` ("" for any) keeps the rows of that edition's articles only.
    """

    status: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    article: str = ""
    edition: str = ""


REGISTER: ViewName[RegisterOptions] = ViewName("uncertaintylist")


class UncertaintyListDirective(ListDirective[RegisterOptions]):
    """``{uncertaintylist}``: every uncertainty block and claim of the site."""

    subtype = "uncertainty"
    known_options = ("status", "tags", "article", "edition")
    has_content = False

    view = REGISTER

    def view_options(self) -> RegisterOptions:
        sc = scale(self.env)
        statuses = tuple(
            check_choice(s, {**sc.statuses, UNRATED: {}}, "status", self.get_location())
            for s in self.csv_option("status")
        )
        article = self.text_option("article")
        if article not in ("", *ARTICLE_SCOPES):
            self.warn(
                f"uncertaintylist: :article: {article!r} is not allowed; "
                f"allowed: {allowed(ARTICLE_SCOPES)}"
            )
            article = ""
        return RegisterOptions(statuses, self.tag_slugs(), article, self.text_option("edition"))


@dataclass(frozen=True)
class RegisterRow:
    """One box or claim as the register shows it (labels already in the site's words)."""

    docname: str
    article: str
    anchor: str
    kind: str
    text: str
    status: str
    likelihood: str
    confidence: str
    as_of: str


@dataclass(frozen=True)
class Register:
    rows: tuple[RegisterRow, ...]


def resolve_register(ctx: Context, docname: str, options: RegisterOptions) -> Register:
    """Rows of every document's blocks and claims: articles newest first, then other pages.

    Ordinary pages (no date) count too, named by their title; drafts are left out,
    and the ``:tags:`` and ``:edition:`` filters match articles only (pages have neither).
    """
    sc = scale(ctx.env)
    order = {a.docname: i for i, a in enumerate(reversed(articles_by_date(ctx)))}
    items = sorted(
        ctx.all(ITEM),
        key=lambda i: (order.get(i.docname, len(order)), i.docname, i.position),
    )
    rows = []
    for item in items:
        article = get_article(ctx, item.docname)
        if not _shown(item, article, docname, options):
            continue
        rows.append(
            RegisterRow(
                item.docname,
                article.title if article else page_title(ctx.env, item.docname),
                item.anchor,
                item.kind,
                item.text,
                sc.status_label(item.status),
                sc.likelihood_label(item.likelihood) if item.likelihood else "",
                sc.confidence_label(item.confidence) if item.confidence else "",
                item.as_of,
            )
        )
    return Register(tuple(rows))


def _shown(item: Item, article: Article | None, docname: str, options: RegisterOptions) -> bool:
    """Whether the register in ``docname`` with ``options`` has a row for ``item``."""
    if article is not None and article.draft:  # drafts stay out of the register
        return False
    if options.status and item.status not in options.status:
        return False
    if options.article == "current" and item.docname != docname:
        return False
    if options.article == "all" and article is None:  # articles only, no other pages
        return False
    if options.tags and (article is None or not has_any_tag(article, options.tags)):
        return False
    return not options.edition or (article is not None and article.edition == options.edition)


def render_register(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Register
) -> list[nodes.Node]:
    if not data.rows:
        empty = _("No uncertain claims recorded.")
        return [nodes.paragraph(empty, empty, classes=["nb-empty"])]
    cells: list[list[nodes.Node | str]] = []
    previous = None
    for row in data.rows:
        uri = doc_uri(app, fromdocname, row.docname)
        article = nodes.paragraph()
        if row.docname != previous:  # name each article once, on its first row
            article += link_or_text(row.article, uri)
        previous = row.docname
        claim = nodes.paragraph()
        claim += link_or_text(row.text, uri, row.anchor)
        as_of = nodes.paragraph()
        if row.as_of:
            as_of += make_date(row.as_of, app.config)
        cells.append([article, claim, row.status, row.likelihood, row.confidence, as_of])
    headers = (_("Article"), _("Claim"), _("Status"), _("Likelihood"), _("Confidence"), _("As of"))
    widths = (20, 30, 12, 16, 10, 12)
    return [make_table(headers, cells, widths, ["nb-register", "longtable", "colwidths-given"])]


# -- the legend ------------------------------------------------------------------------------


class UncertaintyLegendDirective(NewsbriefDirective):
    """``{uncertaintylegend}``: the statuses, likelihood scale and confidence levels in use."""

    subtype = "uncertainty"
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        sc = scale(self.env)
        box = nodes.container(classes=["nb-legend"])
        statuses = [(t.shown_label, t.shown_description) for t in sc.statuses.values()]
        box += _legend_table(_("Status"), _("Meaning"), statuses)
        likelihood = [(t.shown_label, range_label(t)) for t in sc.likelihood.values()]
        box += _legend_table(_("Likelihood"), _("Probability"), likelihood)
        confidence = [(t.shown_label, t.shown_description) for t in sc.confidence.values()]
        box += _legend_table(_("Confidence"), _("Meaning"), confidence)
        return [box]


def _legend_table(first: str, second: str, rows: list[tuple[str, str]]) -> nodes.table:
    return make_table((first, second), rows, (30, 70), ["nb-legend-table"])

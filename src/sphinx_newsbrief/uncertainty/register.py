"""The ``{uncertaintylist}`` register and the ``{uncertaintylegend}``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from ..domain import Context
from ..nodes import display_date, doc_uri, link_or_text, make_date
from ..records import Article, articles_by_date, get_article, has_any_tag
from ..shared import ListDirective, NewsbriefDirective
from ..util import _, make_table, page_title
from ..views import ViewName, view_node
from ..warnings import allowed
from .items import ITEM, Item
from .scale import UNRATED, check_choice, range_label, scale
from .tracking import Assessment, assessment, assessments, published_docnames

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
    #: Show each tracked claim's assessments under it (``:history: false``: the latest only).
    history: bool = True


REGISTER: ViewName[RegisterOptions] = ViewName("uncertaintylist")


class UncertaintyListDirective(ListDirective[RegisterOptions]):
    """``{uncertaintylist}``: every uncertainty block and claim of the site."""

    subtype = "uncertainty"
    known_options = ("status", "tags", "article", "edition", "history")
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
        return RegisterOptions(
            statuses,
            self.tag_slugs(),
            article,
            self.text_option("edition"),
            self.choice("history", ("true", "false"), "true") == "true",
        )


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
    #: A tracked claim's assessments, newest first (this row's is the first).
    history: tuple[Assessment, ...] = ()


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
        if not _shown(item, article, docname, options, published_docnames(ctx)):
            continue
        history: tuple[Assessment, ...] = ()
        as_of = item.as_of
        if item.claim_id and article is not None and article.date:
            dated = assessments(ctx, item.claim_id, docname)
            if dated and (dated[-1][0] != item):
                continue  # a tracked claim has one row: at its newest assessment
            as_of = dated[-1][1] if len(dated) > 1 else as_of
            if options.history and len(dated) > 1:
                history = tuple(assessment(ctx, i, d) for i, d in reversed(dated))
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
                as_of,
                history,
            )
        )
    return Register(tuple(rows))


def _shown(
    item: Item,
    article: Article | None,
    docname: str,
    options: RegisterOptions,
    published: frozenset[str],
) -> bool:
    """Whether the register in ``docname`` with ``options`` has a row for ``item``."""
    if article is not None and article.docname != docname and article.docname not in published:
        return False  # drafts and scheduled articles stay out of other pages' registers
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
        claim: nodes.Element = nodes.paragraph()
        claim += link_or_text(row.text, uri, row.anchor)
        if row.history:
            claim = nodes.container("", claim, _history(app, fromdocname, row.history))
        as_of = nodes.paragraph()
        if row.as_of:
            as_of += make_date(row.as_of, app.config)
        cells.append([article, claim, row.status, row.likelihood, row.confidence, as_of])
    headers = (_("Article"), _("Claim"), _("Status"), _("Likelihood"), _("Confidence"), _("As of"))
    widths = (20, 30, 12, 16, 10, 12)
    return [make_table(headers, cells, widths, ["nb-register", "longtable", "colwidths-given"])]


def _history(app: Sphinx, fromdocname: str, history: tuple[Assessment, ...]) -> nodes.Element:
    """A tracked claim's assessments, newest first; each date links to its place."""
    items = nodes.bullet_list(classes=["nb-claim-history"])
    for step in history:
        entry = nodes.paragraph()
        uri = doc_uri(app, fromdocname, step.docname)
        when = display_date(step.date, app.config) if step.date else step.title
        entry += link_or_text(when, uri, step.anchor)
        confidence = _("%s confidence") % step.confidence if step.confidence else ""
        labels = [step.status, step.likelihood, confidence]
        entry += nodes.Text(": " + "; ".join(label for label in labels if label))
        items += nodes.list_item("", entry)
    return items


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

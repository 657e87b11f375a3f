"""Claim tracking: one claim, assessed again in later articles.

``:id: nk-iran:pledge`` on an ``{uncertainty}`` box (or ``id=nk-iran:pledge``
among a ``{claim}``'s labels) names a claim. Every box or claim with the same
id is an *assessment* of it, dated by its ``:as-of:`` or else its article's
date; the newest is the claim's current state. Each appearance shows where the
claim stands now (a view resolved late, so an earlier article's box changes
when a later article re-assesses the claim, and changes back when that article
goes), and the register shows one row per claim with its history.

Drafts and scheduled articles take part only in their own pages: a published
page never points at one.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from ..domain import Context, get_store
from ..nodes import anchored, doc_uri, make_date
from ..records import ARTICLE, articles_by_date, get_article, moment_key
from ..util import _, page_title
from ..views import ViewName, view_node
from ..warnings import warn
from .items import ITEM, Item
from .scale import scale

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: A claim id: parts of letters, digits, ``-``, ``_`` or ``.``, joined by ``:``.
ID_RE = re.compile(r"^[^\W_][\w.-]*(?::[\w.-]+)*$")
ID_HINT = "use letters, digits, '-', '_' or '.', with ':' between parts, e.g. nk-iran:pledge"


def check_id(value: str) -> str | None:
    """The problem with a claim id as written, or None."""
    if ID_RE.match(value):
        return None
    return f"claim id {value!r} is not usable: {ID_HINT}"


@dataclass(frozen=True)
class Assessment:
    """One appearance of a tracked claim, as the pages that mention it show it."""

    docname: str
    anchor: str
    title: str  # the article's (or page's) title
    date: str  # the assessment's date: :as-of:, else the article's date
    status: str  # labels in the site's words
    likelihood: str
    confidence: str


@dataclass(frozen=True)
class ClaimStateOptions:
    """Which appearance shows the state: the claim id, the document and the item's position."""

    claim_id: str
    position: int


@dataclass(frozen=True)
class ClaimState:
    """What one appearance shows: the newest assessment when it is another one, or the
    one before when it is itself the newest."""

    now: Assessment | None = None
    before: Assessment | None = None


#: The state of a tracked claim, shown in each of its appearances.
CLAIM_STATE: ViewName[ClaimStateOptions] = ViewName("claimstate")


def _key(item: Item, date: str) -> tuple[str, str, int]:
    return (date, item.docname, item.position)


Dated = tuple[Item, str]


def _every_assessment(ctx: Context) -> dict[str, list[Dated]]:
    """Every appearance of each tracked claim on a dated page, with its date, oldest first."""

    def compute() -> dict[str, list[Dated]]:
        found: dict[str, list[Dated]] = {}
        placed: set[tuple[str, str]] = set()  # (claim, docname): once per document
        for item in sorted(ctx.all(ITEM), key=lambda i: (i.docname, i.position)):
            article = get_article(ctx, item.docname) if item.claim_id else None
            if article is None or not article.date or (item.claim_id, item.docname) in placed:
                continue
            placed.add((item.claim_id, item.docname))
            found.setdefault(item.claim_id, []).append((item, item.as_of or article.date))
        for appearances in found.values():
            appearances.sort(
                key=lambda pair: (moment_key(pair[1]), pair[0].docname, pair[0].position)
            )
        return found

    return ctx.cached("tracked-claims", compute)


def _order(pair: Dated) -> tuple[str, str, int]:
    item, date = pair
    return (moment_key(date), item.docname, item.position)


def published_docnames(ctx: Context) -> frozenset[str]:
    return ctx.cached(
        "published-docnames", lambda: frozenset(a.docname for a in articles_by_date(ctx))
    )


def assessments(ctx: Context, claim_id: str, docname: str = "") -> list[Dated]:
    """The assessments of ``claim_id``, oldest first: on published articles, and on
    ``docname`` itself (a draft or scheduled article sees its own)."""
    published = published_docnames(ctx)
    return [
        pair
        for pair in _every_assessment(ctx).get(claim_id, [])
        if pair[0].docname in published or pair[0].docname == docname
    ]


def assessment(ctx: Context, item: Item, date: str) -> Assessment:
    sc = scale(ctx.env)
    article = get_article(ctx, item.docname)
    return Assessment(
        item.docname,
        item.anchor,
        article.title if article else page_title(ctx.env, item.docname),
        date,
        sc.status_label(item.status),
        sc.likelihood_label(item.likelihood) if item.likelihood else "",
        sc.confidence_label(item.confidence) if item.confidence else "",
    )


def resolve_claim_state(ctx: Context, docname: str, options: ClaimStateOptions) -> ClaimState:
    appearances = assessments(ctx, options.claim_id, docname)
    index = next(
        (
            i
            for i, (item, _date) in enumerate(appearances)
            if item.docname == docname and item.position == options.position
        ),
        None,
    )
    if index is None or len(appearances) < 2:
        return ClaimState()
    if index < len(appearances) - 1:
        return ClaimState(now=assessment(ctx, *appearances[-1]))
    # the newest appearance: say what it re-assesses (the one before, if on another page)
    previous = [pair for pair in appearances[:index] if pair[0].docname != docname]
    return ClaimState(before=assessment(ctx, *previous[-1])) if previous else ClaimState()


def render_claim_state(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: ClaimState
) -> list[nodes.Node]:
    shown = data.now or data.before
    if shown is None:
        return []
    inline = isinstance(node, nodes.Inline)
    words = _("Now:") if data.now else _("Earlier:")
    cls = "nb-claim-now" if data.now else "nb-claim-before"
    out = nodes.inline(classes=["nb-claim-state", cls])
    out += nodes.inline(words + " ", words + " ", classes=["nb-label"])
    out.extend(_assessment_text(app, shown))
    out += nodes.Text(" \N{EM DASH} " + _("see") + " ")
    uri = doc_uri(app, fromdocname, shown.docname)
    if uri is None:
        out += nodes.inline(shown.title, shown.title, classes=["nb-title"])
    else:
        ref = nodes.reference("", "", internal=True, refuri=anchored(uri, shown.anchor))
        ref += nodes.Text(shown.title)
        out += ref
    if inline:
        wrapper = nodes.inline(classes=["nb-claim-state-inline"])
        wrapper += nodes.Text(" (")
        wrapper += out
        wrapper += nodes.Text(")")
        return [wrapper]
    # in a container: the text writer joins paragraphs that sit right in an admonition
    line = nodes.paragraph("", "", out, classes=["nb-claim-state-line"])
    return [nodes.container("", line, classes=["nb-claim-state-box"])]


def _assessment_text(app: Sphinx, shown: Assessment) -> list[nodes.Node]:
    label = shown.status + (f"; {shown.likelihood}" if shown.likelihood else "")
    parts: list[nodes.Node] = [nodes.inline(label, label, classes=["nb-claim-state-label"])]
    if shown.date:
        parts += [nodes.Text(", "), make_date(shown.date, app.config)]
    return parts


# -- checks --------------------------------------------------------------------------------


def check_claims(env: BuildEnvironment, read: Set[str]) -> None:
    """Warn about ids that cannot be tracked: on a page without a date, twice in one
    document, or in two articles of the same date (their order is then the docnames')."""
    by_id: dict[str, list[Item]] = {}
    for item in get_store(env).all(ITEM):
        if item.claim_id:
            by_id.setdefault(item.claim_id, []).append(item)
    for claim, items in sorted(by_id.items()):
        seen: dict[str, Item] = {}
        dated: dict[str, Item] = {}
        for item in sorted(items, key=lambda i: (i.docname, i.position)):
            where = (item.docname, item.line)
            if item.docname not in read:
                seen.setdefault(item.docname, item)
                continue
            record = get_store(env).get(ARTICLE, item.docname)
            date = record[0].date if record else ""
            if not date:
                warn(
                    "uncertainty",
                    f"claim id {claim!r} on a page without a date: a claim is tracked "
                    "across dated articles, so this appearance is not part of its history",
                    where,
                )
                continue
            if item.docname in seen:
                first = seen[item.docname]
                warn(
                    "uncertainty",
                    f"claim id {claim!r} appears twice in this document (first at line "
                    f"{first.line}); re-assess a claim in a later article",
                    where,
                )
                continue
            seen[item.docname] = item
            day = item.as_of or date
            other = dated.get(day)
            if other is not None and other.docname != item.docname:
                warn(
                    "uncertainty",
                    f"claim id {claim!r} is assessed on {day} both here and in "
                    f"{other.docname!r}; give one an :as-of: date to order them",
                    where,
                )
            dated.setdefault(day, item)

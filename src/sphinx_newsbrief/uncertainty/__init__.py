"""Labelled uncertainty: the ``{uncertainty}`` box, the ``{claim}`` role, the register.

Each uncertain statement carries a *status* (confirmed, reported, ...), and
optionally a *likelihood* on an estimative scale (ICD 203 by default) and a
*confidence* level, kept as two separately labelled items, plus a source,
an as-of date and an Admiralty source grade. Vocabularies are configurable.
Every block and claim is stored in the collector, so ``{uncertaintylist}``
shows a register of the whole site that stays right under incremental and
parallel builds; ``{uncertaintylegend}`` prints the scale in use.

Bad values never drop content: an unknown status, likelihood or confidence
warns (listing the allowed values) and is shown as "unrated".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import register_check
from ..views import ViewKind, register_view
from ..visitors import (
    delegate,
    depart_aside_html,
    labelled_latex,
    passthrough,
    skip,
    visit_aside_html,
    visitors,
)
from .directives import ClaimRole, UncertaintyDirective
from .items import Item
from .nodes import (
    PrintableLabels,
    claim_node,
    depart_icon_html,
    depart_uncertainty_latex,
    icon_node,
    labels_node,
    status_abbr,
    uncertainty_node,
    visit_icon_html,
    visit_labels_latex,
    visit_labels_text,
    visit_uncertainty_latex,
)
from .register import (
    REGISTER,
    UncertaintyLegendDirective,
    UncertaintyListDirective,
    render_register,
    resolve_register,
)
from .scale import (
    UNRATED,
    Scale,
    grade_meaning,
    scale,
)
from .tracking import CLAIM_STATE, check_claims, render_claim_state, resolve_claim_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "UNRATED",
    "Item",
    "Scale",
    "grade_meaning",
    "scale",
    "setup_uncertainty",
]


def setup_uncertainty(app: Sphinx) -> None:
    app.add_directive("uncertainty", UncertaintyDirective)
    app.add_role("claim", ClaimRole())
    app.add_directive("uncertaintylist", UncertaintyListDirective)
    app.add_directive("uncertaintylegend", UncertaintyLegendDirective)
    app.add_node(
        uncertainty_node,
        **visitors(
            delegate("admonition"),
            html=(visit_aside_html, depart_aside_html),
            latex=(visit_uncertainty_latex, depart_uncertainty_latex),
        ),
    )
    app.add_node(
        labels_node,
        **visitors(
            delegate("field_list"),
            latex=(visit_labels_latex, None),
            text=(visit_labels_text, None),
        ),
    )
    app.add_node(
        status_abbr,
        **visitors(
            delegate("abbreviation"),
            latex=(passthrough, passthrough),
            texinfo=(passthrough, passthrough),
        ),
    )
    app.add_node(claim_node, **visitors(delegate("inline"), latex=labelled_latex("inline")))
    app.add_node(icon_node, **visitors((skip, None), html=(visit_icon_html, depart_icon_html)))
    register_view(ViewKind(REGISTER, resolve_register, render_register))
    register_view(ViewKind(CLAIM_STATE, resolve_claim_state, render_claim_state))
    register_check(check_claims)
    app.add_post_transform(PrintableLabels)

"""Reactions by actor: the ``{reactions}`` table and the ``{reactionmatrix}``.

A ``{reactions}`` table lists who said (or is expected to say) what: one row
per actor with a stance from ``newsbrief_stances``, a summary with inline
markup, the basis (``stated``, ``expected`` or ``reported``), a source and a
date. Rows come from a YAML list in the directive body or from a CSV or YAML
file (``:file:``) inside the source directory, which becomes a dependency of
the page. The output is a real docutils table, so every builder renders it;
expected and reported stances are marked in words, not by colour alone.

Every row is stored in the collector; ``{reactionmatrix}`` shows actors x
articles across the site. A bad row warns with its row number and field and
is still shown, its raw values marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..views import ViewKind, register_view
from .matrix import MATRIX, ReactionMatrixDirective, render_matrix, resolve_matrix
from .rows import rows_from_csv, rows_from_yaml
from .table import DropSigns, ReactionsDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["rows_from_csv", "rows_from_yaml", "setup_reactions"]


def setup_reactions(app: Sphinx) -> None:
    app.add_directive("reactions", ReactionsDirective)
    app.add_directive("reactionmatrix", ReactionMatrixDirective)
    app.add_post_transform(DropSigns)
    register_view(ViewKind(MATRIX, resolve_matrix, render_matrix))

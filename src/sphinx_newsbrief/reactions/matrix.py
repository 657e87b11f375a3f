"""The ``{reactionmatrix}``: actors x articles across the site, a stance in each cell.

The directive leaves a view placeholder; the matrix is resolved late from the
:class:`.rows.Reaction` records of every article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from ..domain import Context
from ..nodes import doc_uri, link_or_text, make_date
from ..records import ArticleEntry, articles_by_date, has_any_tag
from ..shared import ListDirective
from ..util import _, make_table
from ..views import ViewName, view_node
from .rows import REACTION, basis_label, stances

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class MatrixOptions:
    tags: tuple[str, ...] = ()  # slugs: articles with any of them
    edition: str = ""  # only the articles of this edition ("" for any)


MATRIX: ViewName[MatrixOptions] = ViewName("reactionmatrix")


class ReactionMatrixDirective(ListDirective[MatrixOptions]):
    """``{reactionmatrix}``: actors x articles, the stance in each cell."""

    subtype = "reactions"
    known_options = ("tags", "edition")
    has_content = False

    view = MATRIX

    def view_options(self) -> MatrixOptions:
        return MatrixOptions(self.tag_slugs(), self.text_option("edition"))


@dataclass(frozen=True)
class Stance:
    """One cell of the matrix: an actor's stance in one article."""

    stance: str
    basis: str


@dataclass(frozen=True)
class MatrixRow:
    actor: str
    cells: tuple[Stance | None, ...]  # one per column


@dataclass(frozen=True)
class Matrix:
    columns: tuple[ArticleEntry, ...]
    rows: tuple[MatrixRow, ...]


def resolve_matrix(ctx: Context, docname: str, options: MatrixOptions) -> Matrix:
    articles = [
        a
        for a in articles_by_date(ctx)
        if ctx.get(REACTION, a.docname)
        and has_any_tag(a, options.tags)
        and (not options.edition or a.edition == options.edition)
    ]
    actors: dict[str, str] = {}
    cells: dict[tuple[str, str], Stance] = {}
    for article in articles:
        for reaction in ctx.get(REACTION, article.docname):
            actors.setdefault(reaction.actor_key, reaction.actor)
            cells[(reaction.actor_key, article.docname)] = Stance(reaction.stance, reaction.basis)
    rows = tuple(
        MatrixRow(name, tuple(cells.get((key, a.docname)) for a in articles))
        for key, name in sorted(actors.items(), key=lambda kv: kv[1].casefold())
    )
    return Matrix(tuple(ArticleEntry.of(a) for a in articles), rows)


def render_matrix(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Matrix
) -> list[nodes.Node]:
    columns, rows = data.columns, data.rows
    if not rows:
        empty = _("No reactions recorded yet.")
        return [nodes.paragraph(empty, empty, classes=["nb-empty"])]
    header: list[nodes.Node | str] = [_("Actor")]
    for column in columns:
        para = nodes.paragraph()
        uri = doc_uri(app, fromdocname, column.docname)
        title = column.title
        para += link_or_text(title, uri or None)
        if column.date:
            para += nodes.Text(" ")
            para += make_date(column.date, app.config)
        header.append(para)
    body: list[list[nodes.Node | str]] = []
    for row in rows:
        cells = zip(columns, row.cells, strict=True)
        body.append([row.actor, *(_cell(app, fromdocname, c, stance) for c, stance in cells)])
    widths = [20] + [max(8, 80 // max(len(columns), 1))] * len(columns)
    return [make_table(header, body, widths, ["nb-reactionmatrix", "longtable"])]


def _cell(app: Sphinx, fromdocname: str, column: ArticleEntry, cell: Stance | None) -> nodes.Node:
    """One cell of the matrix: the stance badge, linked to the article."""
    para = nodes.paragraph()
    if cell is None:
        return para
    info = stances(app.env).get(cell.stance)
    label = info.shown_label if info else cell.stance
    if cell.basis != "stated":
        label += f" ({basis_label(cell.basis)})"
    badge = nodes.inline(
        classes=[
            "nb-stance",
            f"nb-tone-{info.tone if info else 'neutral'}",
            f"nb-basis-{cell.basis}",
        ]
    )
    uri = doc_uri(app, fromdocname, column.docname)
    badge += link_or_text(label, uri or None)
    para += badge
    return para

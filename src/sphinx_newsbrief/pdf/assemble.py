"""The doctrees of briefs and editions, ready for Sphinx's LaTeX translator.

A brief is its article as Sphinx assembles any LaTeX document; its previous
and next links shrink to a footer line that prints their URLs. An edition is
built here: each article (from its own title block), then the appendices —
the edition's uncertainty register, open questions with their status, the
reactions by actor and the tag index, as the views of those features show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import new_document

from ..articles import article_nav, article_part
from ..domain import context_of
from ..questions.model import LIST as QUESTIONS
from ..questions.model import ListOptions
from ..reactions.matrix import Matrix, MatrixOptions, MatrixRow, render_matrix, resolve_matrix
from ..tags import TAGINDEX, TagIndexOptions
from ..uncertainty.register import REGISTER, RegisterOptions
from ..util import _
from ..views import view_node
from .layout import headline
from .plan import PdfDocument

#: Articles per table of the reactions appendix: more columns do not fit a page.
MATRIX_COLUMNS = 4

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.latex import LaTeXBuilder


def assemble_brief(app: Sphinx, builder: LaTeXBuilder, doc: PdfDocument) -> nodes.document:
    """One article as Sphinx assembles a LaTeX document, with its links as a footer line."""
    tree = builder.assemble_doctree(doc.articles[0].docname, False, [])
    for nav in list(tree.findall(article_nav)):
        nav.replace_self(_footline(nav))
    return tree


def _footline(nav: nodes.Element) -> list[nodes.Node]:
    """The previous/next links as small print, each with the URL it points at."""
    out: list[nodes.Node] = [nodes.raw("", "\\begin{nbfootline}\n", format="latex")]
    for para in nav.findall(nodes.paragraph):
        line = para.deepcopy()
        for ref in list(line.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if uri.startswith(("http://", "https://")):
                index = ref.parent.index(ref)
                ref.parent.insert(index + 1, nodes.Text(" \N{EN DASH} "))
                ref.parent.insert(index + 2, nodes.reference(uri, uri, refuri=uri))
        out.append(line)
    out.append(nodes.raw("", "\\end{nbfootline}\n", format="latex"))
    return out


def assemble_edition(
    app: Sphinx, builder: LaTeXBuilder, doc: PdfDocument, settings: object
) -> nodes.document:
    """The edition's articles in date order, each from its title block, then its appendices."""
    names = [a.docname for a in doc.articles]
    builder.docnames = set(names)  # links between them stay inside the PDF
    tree = new_document("<newsbrief edition>", settings)  # type: ignore[arg-type]
    # the edition's own name: LaTeX labels the document with it (an article's would clash)
    tree["docname"] = doc.target
    for article in doc.articles:
        part = article_part(app, article.docname)
        for nav in list(part.findall(article_nav)):  # the articles follow each other here
            nav.parent.remove(nav)
        section = part.next_node(nodes.section)
        title = section.next_node(nodes.title) if section is not None else None
        if title is not None and title.parent is section:
            head = headline("", "", *title.children, dek=article.summary)
            title.replace_self(head)
        tree += part
    appendix = new_document("<newsbrief edition appendix>", settings)  # type: ignore[arg-type]
    appendix["docname"] = names[0]
    appendix.extend(_appendices(app, doc, names[0]))
    app.env.resolve_references(appendix, names[0], builder)
    tree.extend(appendix.children)
    return tree


def _appendices(app: Sphinx, doc: PdfDocument, docname: str) -> list[nodes.Node]:
    """Register, questions, reactions and tags of the edition: one section each."""
    edition = doc.edition
    out: list[nodes.Node] = [nodes.raw("", "\\clearpage\n", format="latex")]
    parts: list[tuple[str, str, list[nodes.Node]]] = [
        (
            "register",
            _("Uncertainty register"),
            [_view(REGISTER.name, docname, RegisterOptions(edition=edition))],
        ),
        (
            "questions",
            _("Open questions"),
            [_view(QUESTIONS.name, docname, ListOptions(article="all", edition=edition))],
        ),
        ("reactions", _("Reactions by actor"), _reactions(app, docname, edition)),
        ("tags", _("Tag index"), [_view(TAGINDEX.name, docname, TagIndexOptions(edition=edition))]),
    ]
    for key, title, body in parts:
        section = nodes.section(ids=[f"newsbrief-appendix-{key}"], names=[])
        section += nodes.title(title, title)
        section.extend(body)
        out.append(section)
    return out


def _view(kind: str, docname: str, options: object) -> view_node:
    """A placeholder resolved with the appendix, as the directive's would be."""
    return view_node(kind=kind, options=options, docname=docname)


def _reactions(app: Sphinx, docname: str, edition: str) -> list[nodes.Node]:
    """The reactions matrix of the edition, a few articles per table so each fits the page.

    Each table keeps the actors who reacted to one of its articles.
    """
    ctx = context_of(app)
    matrix = resolve_matrix(ctx, docname, MatrixOptions(edition=edition))
    placeholder = view_node(docname=docname)
    if not matrix.columns:
        return render_matrix(app, ctx, placeholder, docname, matrix)
    out: list[nodes.Node] = []
    for start in range(0, len(matrix.columns), MATRIX_COLUMNS):
        part = slice(start, start + MATRIX_COLUMNS)
        rows = tuple(
            MatrixRow(row.actor, row.cells[part]) for row in matrix.rows if any(row.cells[part])
        )
        out += render_matrix(app, ctx, placeholder, docname, Matrix(matrix.columns[part], rows))
    return out

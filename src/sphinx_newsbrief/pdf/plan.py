"""Which printable PDFs a build makes: one per article, one per edition.

:func:`planned_documents` reads ``newsbrief_pdf`` and the collected
articles. The project's own ``latex_documents`` stay as they are and win: an
article that already starts one of them, or a file name one of them uses,
gets no second document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..domain import context_of
from ..records import ARTICLE, Article, articles_by_date
from ..settings import settings
from ..util import edition_slugs

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BRIEF, EDITION = "brief", "edition"


@dataclass(frozen=True)
class PdfDocument:
    """One printable document: a brief (one article) or an edition (its articles)."""

    kind: str
    #: File name without ``.tex`` / ``.pdf``.
    target: str
    #: The articles printed, in print order.
    articles: tuple[Article, ...]
    #: The edition's name (editions only).
    edition: str = ""


def edition_target(slug: str) -> str:
    return f"edition-{slug}"


def planned_documents(app: Sphinx) -> list[PdfDocument]:
    """The briefs and editions ``newsbrief_pdf`` asks for, in a stable order."""
    wanted = settings(app.config)
    if not (wanted.pdf_briefs or wanted.pdf_editions):
        return []
    ctx = context_of(app)
    own = [entry for entry in app.config.latex_documents if entry]
    taken_docs = {str(entry[0]) for entry in own}
    taken_targets = {str(entry[1]).removesuffix(".tex") for entry in own if len(entry) > 1}
    docs: list[PdfDocument] = []
    if wanted.pdf_briefs:
        articles = sorted(ctx.all(ARTICLE), key=lambda a: a.sort_key)
        stems = Counter(PurePosixPath(a.docname).name for a in articles)
        for article in articles:
            if article.docname in taken_docs:
                continue
            stem = PurePosixPath(article.docname).name
            # a file name of its own; the whole docname where two articles share one
            target = stem if stems[stem] == 1 else article.docname.replace("/", "-")
            if target not in taken_targets:
                docs.append(PdfDocument(BRIEF, target, (article,)))
    if wanted.pdf_editions:
        editions: dict[str, list[Article]] = {}
        for article in articles_by_date(ctx):  # published only, oldest first
            if article.edition:
                editions.setdefault(article.edition, []).append(article)
        slugs = edition_slugs(editions)
        for edition, members in sorted(editions.items()):
            target = edition_target(slugs[edition])
            if target not in taken_targets:
                docs.append(PdfDocument(EDITION, target, tuple(members), edition))
    return docs

"""The ``{questionlist}`` tracker and the cross-document checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..domain import Context, get_store
from ..nodes import doc_uri, link_or_text, make_date
from ..records import ARTICLE, ArticleEntry, articles_by_date, get_article, has_any_tag
from ..shared import ListDirective
from ..util import _, page_title
from ..views import view_node
from ..warnings import allowed, did_you_mean, warn
from .model import (
    ANSWER,
    LIST,
    LIST_STATUSES,
    QUESTION,
    ListedQuestion,
    ListOptions,
    Question,
    QuestionGroup,
    QuestionList,
    document_order,
    question_status,
)

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

from .status import render_status

# -- cross-document checks --------------------------------------------------------------------


def check_questions(env: BuildEnvironment, read: Set[str]) -> None:
    """Duplicate ids and answers to unknown questions."""
    store = get_store(env)
    first: dict[str, Question] = {}
    for question in sorted(store.all(QUESTION), key=document_order(store.all(ARTICLE))):
        earlier = first.setdefault(question.full_id, question)
        if earlier is not question and (question.docname in read or earlier.docname in read):
            warn(
                "questions",
                f"duplicate question id {question.full_id!r}; also at "
                f"{env.doc2path(earlier.docname)}:{earlier.line}, which comes first (by date, "
                "then name) and is the one used (give one an explicit {#id})",
                (question.docname, question.line),
            )
    for answer in store.all(ANSWER):
        if answer.docname in read and answer.target not in first:
            warn(
                "questions",
                f"answer to unknown question {answer.target!r}; known ids look like "
                f"{allowed(sorted(first)[:5]) or 'none yet'}",
                (answer.docname, answer.line),
            )


# -- the tracker ------------------------------------------------------------------------------


class QuestionListDirective(ListDirective[ListOptions]):
    """``{questionlist}``: every question of the site, by document, with status and answers."""

    subtype = "questions"
    known_options = ("status", "tags", "article", "edition")
    has_content = False

    view = LIST

    def view_options(self) -> ListOptions:
        statuses = []
        for value in self.csv_option("status"):
            if value in LIST_STATUSES:
                statuses.append(value)
            else:
                choices = allowed(LIST_STATUSES)
                self.warn(f"questionlist: unknown status {value!r}; allowed: {choices}")
        article = self.text_option("article")
        if article not in ("", "current", "all") and article not in self.env.found_docs:
            hint = did_you_mean(article, sorted(self.env.found_docs))
            self.warn(
                f"questionlist: :article: {article!r} is not a document of this project{hint}; "
                "use current, all or a document name (e.g. briefs/2025-06-21-x)"
            )
        return ListOptions(
            tuple(statuses),
            self.tag_slugs(),
            self.env.docname if article == "current" else article,
            self.text_option("edition"),
        )


def resolve_list(ctx: Context, docname: str, options: ListOptions) -> QuestionList:
    """Questions grouped by document: articles newest first, then ordinary pages.

    The ``:tags:`` and ``:edition:`` filters match articles only (ordinary
    pages have neither); questions in drafts are left out. A question keeps
    its status and every answer, also answers from outside its edition.
    """
    by_doc: dict[str, list[Question]] = {}
    for question in ctx.all(QUESTION):
        by_doc.setdefault(question.docname, []).append(question)
    sources = [
        ArticleEntry.of(a)
        for a in reversed(articles_by_date(ctx))
        if has_any_tag(a, options.tags) and (not options.edition or a.edition == options.edition)
    ]
    # ordinary pages have no tags or edition; "all" means every article, no other page
    if not options.tags and not options.edition and options.article != "all":
        pages = sorted(d for d in by_doc if get_article(ctx, d) is None)
        sources += [ArticleEntry(d, page_title(ctx.env, d)) for d in pages]
    groups = []
    for source in sources:
        if options.article not in ("", "all") and source.docname != options.article:
            continue
        listed = _listed(ctx, by_doc.get(source.docname, []), options.status)
        if listed:
            groups.append(QuestionGroup(source, listed))
    return QuestionList(tuple(groups))


def _listed(
    ctx: Context, questions: list[Question], statuses: tuple[str, ...]
) -> tuple[ListedQuestion, ...]:
    rows = []
    for question in sorted(questions, key=lambda q: q.position):
        state = question_status(ctx, question.full_id)
        if statuses and state.status not in statuses:
            continue
        rows.append(ListedQuestion(question.full_id, question.anchor, question.text, state))
    return tuple(rows)


def render_list(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: QuestionList
) -> list[nodes.Node]:
    if not data.groups:
        empty = _("No questions match.")
        return [nodes.paragraph(empty, empty, classes=["nb-empty"])]
    box = nodes.container(classes=["nb-questionlist"])
    for group in data.groups:
        source = group.source
        head = nodes.paragraph(classes=["nb-questionlist-article"])
        uri = doc_uri(app, fromdocname, source.docname)
        title = source.title
        head += nodes.strong("", "", link_or_text(title, uri or None))
        if source.date:
            head += nodes.Text(" \N{EN DASH} ")
            head += make_date(source.date, app.config)
        box += head
        items = nodes.bullet_list(classes=["nb-question-list"])
        for question in group.questions:
            para = nodes.paragraph()
            para += link_or_text(question.text, uri, question.anchor)
            para += nodes.Text(" ")
            para.extend(render_status(app, ctx, node, fromdocname, question.state))
            status = question.state.status
            items += nodes.list_item("", para, classes=["nb-question", f"nb-question-{status}"])
        box += items
    return [box]

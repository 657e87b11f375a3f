"""Open questions: records, view options and payloads, and the queries over them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain import Context, RecordKind
from ..records import ARTICLE, ArticleEntry, articles_by_date, get_article, moment_key
from ..util import _, page_title, slugify
from ..views import ViewName

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..records import Article


ANSWER_STATUSES = ("answered", "partly", "superseded")
LIST_STATUSES = ("open", "partly", "answered", "superseded")


# -- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    docname: str
    full_id: str
    anchor: str
    text: str
    position: int
    line: int


QUESTION: RecordKind[Question] = RecordKind("question")


@dataclass(frozen=True)
class Answer:
    docname: str
    target: str
    status: str
    anchor: str
    line: int


ANSWER: RecordKind[Answer] = RecordKind("answer")


# -- views -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusOptions:
    id: str  # the question's full id


@dataclass(frozen=True)
class RefOptions:
    id: str  # the full id the role or answer names
    text: str = ""  # the role's own text ("" shows the question's)
    line: int = 0
    quiet: bool = False  # an {answer}: its unknown target is reported by check_questions


@dataclass(frozen=True)
class ListOptions:
    status: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # slugs: articles with any of them
    article: str = ""  # a docname (``current`` is stored as one), ``all`` or "" (any page)
    edition: str = ""  # only questions asked in articles of this edition ("" for any)


STATUS: ViewName[StatusOptions] = ViewName("qstatus")
REF: ViewName[RefOptions] = ViewName("qref")
LIST: ViewName[ListOptions] = ViewName("questionlist")


@dataclass(frozen=True)
class AnswerEntry:
    """An answer as shown next to its question: where it is and what it settles."""

    docname: str
    title: str
    date: str  # "" on an ordinary page
    status: str
    anchor: str


@dataclass(frozen=True)
class QuestionStatus:
    """A question's status (its newest answer's, else open) and its answers, newest first."""

    status: str
    answers: tuple[AnswerEntry, ...]


@dataclass(frozen=True)
class FoundQuestion:
    docname: str
    anchor: str
    text: str
    status: str


@dataclass(frozen=True)
class QuestionRef:
    """What a ``{question}`` link shows; ``question`` is None when the id is unknown."""

    options: RefOptions
    question: FoundQuestion | None


@dataclass(frozen=True)
class ListedQuestion:
    full_id: str
    anchor: str
    text: str
    state: QuestionStatus


@dataclass(frozen=True)
class QuestionGroup:
    """The questions of one document (an article, or an ordinary page without a date)."""

    source: ArticleEntry
    questions: tuple[ListedQuestion, ...]


@dataclass(frozen=True)
class QuestionList:
    groups: tuple[QuestionGroup, ...]


def anchor_of(full_id: str) -> str:
    return "nbq-" + (slugify(full_id.replace(":", "-")) or "question")


def status_label(status: str) -> str:
    labels = {
        "open": _("open"),
        "partly": _("partly answered"),
        "answered": _("answered"),
        "superseded": _("superseded"),
    }
    return labels.get(status, status)


# -- status of a question (shown after it) -------------------------------------------------


def answers_by_target(ctx: Context) -> dict[str, list[AnswerEntry]]:
    """Question id -> its answers, newest first.

    Answers in articles come first, newest first; answers on ordinary pages
    (no date) follow, by page. Answers in drafts do not count.
    """

    def compute() -> dict[str, list[AnswerEntry]]:
        order = {a.docname: a.sort_key for a in articles_by_date(ctx)}
        dated, undated = [], []
        for answer in ctx.all(ANSWER):
            if answer.docname in order:
                dated.append(answer)
            elif get_article(ctx, answer.docname) is None:  # an ordinary page
                undated.append(answer)
        dated.sort(key=lambda a: (order[a.docname], a.anchor), reverse=True)
        undated.sort(key=lambda a: (a.docname, -a.line))
        out: dict[str, list[AnswerEntry]] = {}
        for answer in dated + undated:
            article = get_article(ctx, answer.docname)
            title = article.title if article else page_title(ctx.env, answer.docname)
            day = article.date if article else ""
            out.setdefault(answer.target, []).append(
                AnswerEntry(answer.docname, title, day, answer.status, answer.anchor)
            )
        return out

    return ctx.cached("answers-by-target", compute)


def document_order(articles: Iterable[Article]) -> Callable[[Question], tuple[int, str, str, int]]:
    """A sort key putting questions in document order: dated articles by date, then
    other pages, each by docname, then by place in the document.

    Of two questions with one id, the first in this order is the question (not
    whichever document was read or merged first).
    """
    dates = {a.docname: moment_key(a.date) for a in articles if a.date}

    def key(question: Question) -> tuple[int, str, str, int]:
        day = dates.get(question.docname)
        return (0 if day else 1, day or "", question.docname, question.position)

    return key


def questions_by_id(ctx: Context) -> dict[str, Question]:
    def compute() -> dict[str, Question]:
        found: dict[str, Question] = {}
        for question in sorted(ctx.all(QUESTION), key=document_order(ctx.all(ARTICLE))):
            found.setdefault(question.full_id, question)
        return found

    return ctx.cached("questions-by-id", compute)


def question_status(ctx: Context, full_id: str) -> QuestionStatus:
    answers = tuple(answers_by_target(ctx).get(full_id, ()))
    return QuestionStatus(answers[0].status if answers else "open", answers)

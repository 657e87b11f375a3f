"""Open questions: ``{questions}``, ``{question}``, ``{answer}`` and ``{questionlist}``.

A brief ends with questions that later articles answer. Each question of a
``{questions}`` list gets a stable id (``prefix:id``: an explicit ``{#id}`` at
the end of the item, else a slug of its text) and an anchor. ``{answer}`` in
any document answers a question (``answered``, ``partly`` or ``superseded``);
wherever a question is shown it then carries its status and links to its
answers, newest first, and each answer links back to its question.

Questions and answers are records in the collector; statuses, links and the
``{questionlist}`` tracker are views resolved late, so adding an answer to one
article rewrites the pages that show the question without re-reading them,
and deleting the answering article re-opens the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from .domain import (
    Context,
    RecordKind,
    ViewKind,
    ViewName,
    depend,
    get_store,
    inline_view_node,
    make_view,
    note_record,
    register_check,
    register_view,
    register_xref,
    view_node,
)
from .nodes import builder_doc_uri, doc_uri, make_date
from .records import ArticleEntry, articles_by_date, get_article, has_any_tag, tag_slug
from .shared import NewsbriefDirective
from .util import _, page_title, slugify
from .visitors import delegate, depart_aside_html, visit_aside_html, visitors
from .warnings import allowed, warn

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

ANSWER_STATUSES = ("answered", "partly", "superseded")
LIST_STATUSES = ("open", "partly", "answered", "superseded")
_EXPLICIT_ID = re.compile(r"\s*\{#([A-Za-z0-9][\w.-]*)\}\s*$")
_REF = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.S)


def setup_questions(app: Sphinx) -> None:
    app.add_directive("questions", QuestionsDirective)
    app.add_directive("answer", AnswerDirective)
    app.add_directive("questionlist", QuestionListDirective)
    app.add_role("question", QuestionRole())
    app.add_node(
        answer_node, **visitors(delegate("admonition"), html=(visit_aside_html, depart_aside_html))
    )
    register_view(ViewKind(STATUS, resolve_status, render_status))
    register_view(ViewKind(REF, resolve_ref, None))
    register_xref("question", resolve_question_xref)
    app.connect("warn-missing-reference", warn_unknown_question)
    register_view(ViewKind(LIST, resolve_list, render_list))
    register_check(check_questions)


class answer_node(nodes.admonition):  # noqa: N801
    """An answer to an open question."""


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


# -- the list of questions ---------------------------------------------------------------


class QuestionsDirective(NewsbriefDirective):
    """``{questions} [title]``: a bullet list of open questions."""

    subtype = "questions"
    known_options = ("id-prefix", "class")
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        prefix = self.text_option("id-prefix") or self.env.docname
        box = nodes.container(classes=["nb-questions", *self.csv_option("class")])
        self.set_source_info(box)
        if self.arguments:
            inline, _msgs = self.parse_inline(self.arguments[0], lineno=self.lineno)
            title = nodes.paragraph("", "", *inline, classes=["nb-questions-title"])
            box += title
        body = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, body)
        lists = [n for n in body.children if isinstance(n, nodes.bullet_list)]
        if not self.content:
            self.warn("questions: the list is empty; write one question per bullet item")
        elif len(lists) != 1 or len(body.children) != 1:
            self.warn("questions: the body must be one bullet list, one question per item")
        for listing in lists:
            self._number(listing, prefix)
        box.extend(body.children)
        return [box]

    def _number(self, listing: nodes.bullet_list, prefix: str) -> None:
        listing["classes"].append("nb-question-list")
        seen: set[str] = set()
        for position, item in enumerate(listing.children, start=1):
            if not isinstance(item, nodes.list_item):
                continue
            slug = slugify(item.astext())[:60].rstrip("-")
            local = self._explicit_id(item) or slug or str(position)
            if local in seen:
                self.warn(
                    f"questions: item {position} repeats the id {prefix}:{local}; it gets "
                    f"{prefix}:{local}-{position} (give it an explicit {{#id}})"
                )
                local = f"{local}-{position}"
            seen.add(local)
            full_id = f"{prefix}:{local}"
            anchor = anchor_of(full_id)
            item["classes"].append("nb-question")
            para: nodes.Element = item.next_node(nodes.paragraph) or item
            para.insert(0, nodes.target("", "", ids=[anchor]))
            para += nodes.Text(" ")
            para += make_view(self.env, STATUS, StatusOptions(full_id), inline_view_node)
            line = item.line or self.lineno
            question = Question(
                self.env.docname, full_id, anchor, _question_text(item), position, line
            )
            note_record(item, QUESTION, question)

    @staticmethod
    def _explicit_id(item: nodes.list_item) -> str:
        """Take a trailing ``{#id}`` off the item's text and return the id."""
        texts = list(item.findall(nodes.Text))
        if not texts:
            return ""
        last = texts[-1]
        match = _EXPLICIT_ID.search(str(last))
        if not match:
            return ""
        last.parent.replace(last, nodes.Text(str(last)[: match.start()]))
        return match.group(1)


def _question_text(item: nodes.Element) -> str:
    return " ".join(item.astext().split())


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


def questions_by_id(ctx: Context) -> dict[str, Question]:
    def compute() -> dict[str, Question]:
        found: dict[str, Question] = {}
        for question in sorted(ctx.all(QUESTION), key=lambda q: (q.docname, q.position)):
            found.setdefault(question.full_id, question)
        return found

    return ctx.cached("questions-by-id", compute)


def question_status(ctx: Context, full_id: str) -> QuestionStatus:
    answers = tuple(answers_by_target(ctx).get(full_id, ()))
    return QuestionStatus(answers[0].status if answers else "open", answers)


def resolve_status(ctx: Context, docname: str, options: StatusOptions) -> QuestionStatus:
    return question_status(ctx, options.id)


def render_status(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: QuestionStatus
) -> list[nodes.Node]:
    badge = nodes.inline(classes=["nb-question-status", f"nb-question-{data.status}"])
    label = status_label(data.status)
    marker = nodes.inline(classes=["nb-status-label"])
    marker += nodes.inline("[", "[", classes=["nb-bracket"])
    marker += nodes.Text(label)
    marker += nodes.inline("]", "]", classes=["nb-bracket"])
    badge += marker
    for answer in data.answers:
        badge += nodes.Text(" \N{RIGHTWARDS ARROW} ")
        badge += _answer_link(app, fromdocname, answer)
    return [badge]


def _answer_link(app: Sphinx, fromdocname: str, answer: AnswerEntry) -> nodes.Node:
    text = answer.title
    uri = doc_uri(app, fromdocname, answer.docname)
    out = nodes.inline(classes=["nb-answer-link"])
    if uri is None:
        out += nodes.emphasis(text, text)
    else:
        out += nodes.reference("", text, internal=True, refuri=f"{uri}#{answer.anchor}")
    if answer.date:
        out += nodes.Text(" (")
        out += make_date(answer.date, app.config)
        out += nodes.Text(")")
    return out


# -- the {question} role ---------------------------------------------------------------------


class QuestionRole(SphinxRole):
    """``{question}`prefix:id``` or ``{question}`text <prefix:id>```: a cross-reference."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _REF.match(self.text)
        text, target = (match.group("text"), match.group("target")) if match else ("", self.text)
        target = target.strip()
        if ":" not in target:
            target = f"{self.env.docname}:{target}"
        node = question_xref(self.env, target, text.strip(), self.lineno)
        self.set_source_info(node)
        return [node], []


def question_xref(
    env: BuildEnvironment, target: str, text: str, line: int, *, quiet: bool = False
) -> addnodes.pending_xref:
    """A ``newsbrief:question`` cross-reference (``missing-reference``, nitpicky and ``:any:``
    work as for Sphinx's own roles); the page also depends on the question's status.

    ``quiet``: an unknown target is not reported here (``check_questions`` does it).
    """
    depend(env, REF, RefOptions(target, text, line, quiet))
    shown = text or target
    contnode = nodes.literal(shown, shown, classes=["nb-question-ref", "nb-unresolved"])
    node = addnodes.pending_xref(
        "",
        contnode,
        refdomain="newsbrief",
        reftype="question",
        reftarget=target,
        refexplicit=bool(text),
        refwarn=not quiet,
        refdoc=env.docname,
    )
    node["newsbrief_text"] = text
    node.line = line
    return node


def resolve_ref(ctx: Context, docname: str, options: RefOptions) -> QuestionRef:
    """What a question link shows (its digest decides when the page is rewritten)."""
    question = questions_by_id(ctx).get(options.id)
    if question is None:
        return QuestionRef(options, None)
    status = question_status(ctx, question.full_id).status
    found = FoundQuestion(question.docname, question.anchor, question.text, status)
    return QuestionRef(options, found)


def resolve_question_xref(
    env: BuildEnvironment,
    fromdocname: str,
    builder: Builder,
    target: str,
    node: addnodes.pending_xref,
    contnode: nodes.Element,
) -> nodes.reference | None:
    """The domain's resolver of ``question`` references."""
    ctx = get_store(env).context(env, getattr(builder, "tags", None))
    ref = resolve_ref(ctx, fromdocname, RefOptions(target, node.get("newsbrief_text", "")))
    question = ref.question
    if question is None:
        return None
    shown = ref.options.text or question.text
    uri = builder_doc_uri(builder, env.config, fromdocname, question.docname)
    classes = ["nb-question-ref", f"nb-question-{question.status}"]
    if uri is None:  # no page to link to (a PDF without it): the question's text, marked
        return cast("nodes.reference", nodes.emphasis(shown, shown, classes=classes))
    refuri = f"{uri}#{question.anchor}"
    return nodes.reference("", shown, internal=True, refuri=refuri, classes=classes)


def warn_unknown_question(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """``warn-missing-reference``: a ``newsbrief.questions`` warning instead of Sphinx's."""
    if node.get("refdomain") != "newsbrief" or node.get("reftype") != "question":
        return None
    if node.get("refwarn"):
        target = node["reftarget"]
        warn("questions", f"unknown question {target!r}: no {{questions}} list defines it", node)
    return True


# -- answers -------------------------------------------------------------------------------------


class AnswerDirective(NewsbriefDirective):
    """``{answer} prefix:id``: this article answers an open question."""

    subtype = "questions"
    known_options = ("status", "class")
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        target = self.arguments[0].strip() if self.arguments else ""
        if not target:
            self.warn("answer: say which question it answers, e.g. {answer} nk-iran:materialise")
        elif ":" not in target:
            target = f"{self.env.docname}:{target}"
        status = self.choice("status", ANSWER_STATUSES, "answered")
        if not self.content:
            self.warn("answer: the answer has no text")
        count = int(self.env.temp_data.get("newsbrief_answer_count") or 0) + 1
        self.env.temp_data["newsbrief_answer_count"] = count
        anchor = f"nb-answer-{count}"
        node = answer_node(classes=["nb-answer", f"nb-answer-{status}"], ids=[anchor])
        self.set_source_info(node)
        title = nodes.title("", "")
        label = {
            "answered": _("Answer"),
            "partly": _("Partial answer"),
            "superseded": _("Superseded"),
        }[status]
        title += nodes.Text(label + ": ")
        if target:
            title += question_xref(self.env, target, "", self.lineno, quiet=True)
        node += title
        self.state.nested_parse(self.content, self.content_offset, node)
        if target:
            note_record(node, ANSWER, Answer(self.env.docname, target, status, anchor, self.lineno))
        return [node]


# -- cross-document checks --------------------------------------------------------------------


def check_questions(env: BuildEnvironment, read: Set[str]) -> None:
    """Duplicate ids and answers to unknown questions."""
    store = get_store(env)
    first: dict[str, Question] = {}
    for question in sorted(store.all(QUESTION), key=lambda q: (q.docname, q.position)):
        earlier = first.setdefault(question.full_id, question)
        if earlier is not question and (question.docname in read or earlier.docname in read):
            warn(
                "questions",
                f"duplicate question id {question.full_id!r}; also at "
                f"{env.doc2path(earlier.docname)}:{earlier.line} (give one an explicit {{#id}})",
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


class QuestionListDirective(NewsbriefDirective):
    """``{questionlist}``: every question of the site, by document, with status and answers."""

    subtype = "questions"
    known_options = ("status", "tags", "article")
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        statuses = []
        for value in self.csv_option("status"):
            if value in LIST_STATUSES:
                statuses.append(value)
            else:
                choices = allowed(LIST_STATUSES)
                self.warn(f"questionlist: unknown status {value!r}; allowed: {choices}")
        article = self.text_option("article")
        options = ListOptions(
            tuple(statuses),
            tuple(tag_slug(t) for t in self.csv_option("tags")),
            self.env.docname if article == "current" else article,
        )
        node: view_node = make_view(self.env, LIST, options)
        self.set_source_info(node)
        return [node]


def resolve_list(ctx: Context, docname: str, options: ListOptions) -> QuestionList:
    """Questions grouped by document: articles newest first, then ordinary pages.

    A ``:tags:`` filter matches articles only (ordinary pages have no tags);
    questions in drafts are left out.
    """
    by_doc: dict[str, list[Question]] = {}
    for question in ctx.all(QUESTION):
        by_doc.setdefault(question.docname, []).append(question)
    sources = [
        ArticleEntry.of(a) for a in reversed(articles_by_date(ctx)) if has_any_tag(a, options.tags)
    ]
    if not options.tags and options.article != "all":  # "all": every article, no other pages
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
        link = nodes.reference("", title, internal=True, refuri=uri) if uri else nodes.Text(title)
        head += nodes.strong("", "", link)
        if source.date:
            head += nodes.Text(" \N{EN DASH} ")
            head += make_date(source.date, app.config)
        box += head
        items = nodes.bullet_list(classes=["nb-question-list"])
        for question in group.questions:
            para = nodes.paragraph()
            if uri is None:
                para += nodes.Text(question.text)
            else:
                refuri = f"{uri}#{question.anchor}"
                para += nodes.reference("", question.text, internal=True, refuri=refuri)
            para += nodes.Text(" ")
            para.extend(render_status(app, ctx, node, fromdocname, question.state))
            status = question.state.status
            items += nodes.list_item("", para, classes=["nb-question", f"nb-question-{status}"])
        box += items
    return [box]

"""The ``{questions}`` list and the ``{answer}`` directive: they make the records."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes

from ..domain import note_record
from ..shared import NewsbriefDirective
from ..util import _, slugify, trailing_id
from ..views import inline_view_node, make_view
from .model import (
    ANSWER,
    ANSWER_STATUSES,
    QUESTION,
    STATUS,
    Answer,
    Question,
    StatusOptions,
    anchor_of,
)
from .status import question_xref

if TYPE_CHECKING:
    pass


class answer_node(nodes.admonition):  # noqa: N801
    """An answer to an open question."""


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
            inline = self.inline_markup(self.arguments[0])
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
            if item.next_node(nodes.paragraph) is None:
                self.warn(f"questions: item {position} has no question; write it as text")
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
            para = cast("nodes.Element", item.next_node(nodes.paragraph))
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
        found = trailing_id(str(last))
        if found is None:
            return ""
        text, explicit = found
        last.parent.replace(last, nodes.Text(text))
        return explicit


def _question_text(item: nodes.Element) -> str:
    return " ".join(item.astext().split())


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
        classes = ["nb-answer", f"nb-answer-{status}", *self.text_option("class").split()]
        node = answer_node(classes=classes, ids=[anchor])
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

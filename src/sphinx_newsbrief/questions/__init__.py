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

from typing import TYPE_CHECKING

from ..domain import register_check, register_xref
from ..views import ViewKind, register_view
from ..visitors import delegate, depart_aside_html, labelled_latex, visit_aside_html, visitors
from .directives import AnswerDirective, QuestionsDirective, answer_node
from .model import LIST, REF, STATUS
from .status import (
    QuestionRole,
    render_status,
    resolve_question_xref,
    resolve_ref,
    resolve_status,
    warn_unknown_question,
)
from .tracker import QuestionListDirective, check_questions, render_list, resolve_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_questions"]


def setup_questions(app: Sphinx) -> None:
    app.add_directive("questions", QuestionsDirective)
    app.add_directive("answer", AnswerDirective)
    app.add_directive("questionlist", QuestionListDirective)
    app.add_role("question", QuestionRole())
    app.add_node(
        answer_node,
        **visitors(
            delegate("admonition"),
            html=(visit_aside_html, depart_aside_html),
            latex=labelled_latex("admonition"),
        ),
    )
    register_view(ViewKind(STATUS, resolve_status, render_status))
    register_view(ViewKind(REF, resolve_ref, None))
    register_xref("question", resolve_question_xref)
    app.connect("warn-missing-reference", warn_unknown_question)
    register_view(ViewKind(LIST, resolve_list, render_list))
    register_check(check_questions)

"""A question's status badge, and ``{question}`` links as domain cross-references."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from ..domain import Context, get_store
from ..nodes import anchored, builder_doc_uri, doc_uri, make_date
from ..util import trailing_target
from ..views import depend, view_node
from ..warnings import warn
from .model import (
    REF,
    AnswerEntry,
    FoundQuestion,
    QuestionRef,
    QuestionStatus,
    RefOptions,
    StatusOptions,
    question_status,
    questions_by_id,
    status_label,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment


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
        out += nodes.reference("", text, internal=True, refuri=anchored(uri, answer.anchor))
    if answer.date:
        out += nodes.Text(" (")
        out += make_date(answer.date, app.config)
        out += nodes.Text(")")
    return out


# -- the {question} role ---------------------------------------------------------------------


class QuestionRole(SphinxRole):
    """``{question}`prefix:id``` or ``{question}`text <prefix:id>```: a cross-reference."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found = trailing_target(self.text)
        text, target = found if found and found[1].strip() else ("", self.text)
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
    refuri = anchored(uri, question.anchor)
    return nodes.reference("", shown, internal=True, refuri=refuri, classes=classes)


def warn_unknown_question(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """``warn-missing-reference``: a ``newsbrief.questions`` warning instead of Sphinx's."""
    if node.get("refdomain") != "newsbrief" or node.get("reftype") != "question":
        return None
    if node.get("refwarn"):
        target = node["reftarget"]
        warn("questions", f"unknown question {target!r}: no {{questions}} list defines it", node)
    return True

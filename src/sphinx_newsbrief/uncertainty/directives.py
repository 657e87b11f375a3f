"""The ``{uncertainty}`` box and the ``{claim}`` role; each stores an :class:`Item`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .. import frontmatter
from ..domain import note_record
from ..nodes import make_date
from ..settings import Term
from ..shared import NewsbriefDirective
from ..util import _, trailing_target
from ..views import inline_view_node, make_view
from ..warnings import allowed, warn
from .items import ITEM, Item
from .nodes import claim_node, icon_node, labels_node, status_abbr, uncertainty_node
from .scale import UNRATED, check_choice, grade_meaning, scale
from .tracking import CLAIM_STATE, ClaimStateOptions, check_id

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def _next_anchor(env: BuildEnvironment) -> tuple[int, str]:
    count = int(env.temp_data.get("newsbrief_uncertainty_count") or 0) + 1
    env.temp_data["newsbrief_uncertainty_count"] = count
    return count, f"nb-uncertainty-{count}"


# -- the box -------------------------------------------------------------------------------


class UncertaintyDirective(NewsbriefDirective):
    """``{uncertainty} [title]``: a labelled box around uncertain content."""

    subtype = "uncertainty"
    known_options = (
        "status",
        "likelihood",
        "confidence",
        "source",
        "as-of",
        "grade",
        "id",
        "class",
    )
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        sc = scale(self.env)
        status = self._pick("status", sc.statuses, "status")
        likelihood = self._pick("likelihood", sc.likelihood, "likelihood")
        confidence = self._pick("confidence", sc.confidence, "confidence")
        as_of = self._as_of()
        grade = self._grade()
        source = self.text_option("source")
        if not self.content:
            self.warn("uncertainty: the box has no text; say what is uncertain and why")
        info = sc.status(status)
        title = self.arguments[0] if self.arguments else info.shown_label
        position, anchor = _next_anchor(self.env)
        node = uncertainty_node(
            classes=[
                "nb-uncertainty",
                f"nb-status-{status}",
                f"nb-tone-{info.tone}",
                *self.text_option("class").split(),
            ],
            ids=[anchor],
            tone=info.tone,
        )
        self.set_source_info(node)
        heading = nodes.title("", "")
        if info.icon:
            heading += icon_node(info.icon, info.icon, classes=["nb-icon"])
        heading.extend(self.inline_markup(title))
        node += heading
        node += labels(self.env, status, likelihood, confidence, as_of, source, grade)
        claim_id = self._claim_id()
        if claim_id:
            node += make_view(self.env, CLAIM_STATE, ClaimStateOptions(claim_id, position))
        self.state.nested_parse(self.content, self.content_offset, node)
        if not self.arguments:
            title = _summary(node) or title
        note_record(
            node,
            ITEM,
            Item(
                self.env.docname,
                position,
                anchor,
                "block",
                title,
                status,
                likelihood,
                confidence,
                as_of,
                source,
                grade,
                claim_id,
                self.lineno,
            ),
        )
        return [node]

    def _claim_id(self) -> str:
        value = self.text_option("id")
        problem = check_id(value) if value else None
        if problem:
            self.warn(f"uncertainty: {problem}; the box is not tracked")
            return ""
        return value

    def _pick(self, option: str, choices: Mapping[str, Term], what: str) -> str:
        value = self.text_option(option)
        if not value:
            return self._missing_status() if option == "status" else ""
        return check_choice(value, choices, what, self.get_location())

    def _missing_status(self) -> str:
        self.warn(
            f"uncertainty: no :status:; allowed: {allowed(scale(self.env).statuses)}; "
            "shown as unrated"
        )
        return UNRATED

    def _as_of(self) -> str:
        value = self.text_option("as-of")
        if value and frontmatter.parse_date(value) is None:
            self.warn(f"uncertainty: :as-of: {value!r} is not a date (use e.g. 2025-06-21)")
            return ""
        return frontmatter.parse_date(value) or ""

    def _grade(self) -> str:
        value = self.text_option("grade")
        if value and grade_meaning(value) is None:
            self.warn(
                f"uncertainty: :grade: {value!r} is not an Admiralty grade: a source letter "
                "A-F and an information number 1-6, e.g. B2"
            )
            return ""
        return value.upper()


def _summary(node: nodes.Element, limit: int = 120) -> str:
    """The first sentence of a box's body, to name it in the register."""
    for candidate in node.findall(nodes.paragraph):
        if not isinstance(candidate.parent, nodes.field_body):
            paragraph = candidate
            break
    else:
        return ""
    text = " ".join(paragraph.astext().split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return (
        sentence
        if len(sentence) <= limit
        else sentence[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
    )


def labels(
    env: BuildEnvironment,
    status: str,
    likelihood: str,
    confidence: str,
    as_of: str,
    source: str,
    grade: str,
) -> labels_node:
    """The labelled facts of a box: each its own field, never merged into one phrase."""
    sc = scale(env)
    fields = labels_node(classes=["nb-labels"])

    def add(name: str, value: nodes.Node | str, cls: str) -> None:
        body = nodes.paragraph()
        body += nodes.Text(value) if isinstance(value, str) else value
        fields.append(
            nodes.field(
                "",
                nodes.field_name(name, name),
                nodes.field_body("", body),
                classes=[f"nb-{cls}"],
            )
        )

    add(_("Status"), sc.status_label(status), "status")
    if likelihood:
        add(_("Likelihood"), sc.likelihood_label(likelihood), "likelihood")
    if confidence:
        add(_("Confidence"), sc.confidence_label(confidence), "confidence")
    if grade:
        add(_("Source grade"), f"{grade} ({grade_meaning(grade)})", "grade")
    if source:
        add(_("Source"), source, "source")
    if as_of:
        add(_("As of"), make_date(as_of, env.config), "as-of")
    return fields


# -- the claim role ------------------------------------------------------------------------


class ClaimRole(SphinxRole):
    """``{claim}`text <status>``` or ``{claim}`text <status, likelihood>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        where = self.get_location()
        found = trailing_target(self.text)
        if found is None or not found[1].strip():
            sc = scale(self.env)
            warn(
                "uncertainty",
                f"claim {self.text!r} has no <status>; write {{claim}}`text <status>` with "
                f"one of {allowed(sc.statuses)}",
                where,
            )
            return [nodes.inline(self.text, self.text, classes=["nb-claim-text"])], []
        text = found[0].strip()
        parts = [p.strip() for p in found[1].split(",")]
        claim_id = self._claim_id([p for p in parts if p.startswith("id=")], where)
        parts = [p for p in parts if not p.startswith("id=")] or [""]
        sc = scale(self.env)
        status = check_choice(parts[0], sc.statuses, "status", where)
        likelihood = (
            check_choice(parts[1], sc.likelihood, "likelihood", where)
            if len(parts) > 1 and parts[1]
            else ""
        )
        if len(parts) > 2:
            warn(
                "uncertainty",
                f"claim labels take a status, a likelihood and an id=; ignored {parts[2:]}",
                where,
            )
        position, anchor = _next_anchor(self.env)
        info = sc.status(status)
        node = claim_node(
            classes=["nb-claim", f"nb-status-{status}", f"nb-tone-{info.tone}"],
            ids=[anchor],
        )
        node += nodes.inline(text, text, classes=["nb-claim-text"])
        marker = nodes.inline(classes=["nb-claim-marker"])
        marker += nodes.inline(" [", " [", classes=["nb-bracket"])
        if info.icon:
            marker += icon_node(info.icon, info.icon, classes=["nb-icon"])
        label = sc.status_label(status)
        if likelihood:
            label += f"; {sc.likelihood_label(likelihood)}"
        marker += status_abbr(label, label, explanation=info.shown_description)
        marker += nodes.inline("]", "]", classes=["nb-bracket"])
        node += marker
        if claim_id:
            options = ClaimStateOptions(claim_id, position)
            node += make_view(self.env, CLAIM_STATE, options, inline_view_node)
        note_record(
            node,
            ITEM,
            Item(
                self.env.docname,
                position,
                anchor,
                "claim",
                text,
                status,
                likelihood,
                "",
                "",
                "",
                "",
                claim_id,
                self.lineno,
            ),
        )
        return [node], []

    def _claim_id(self, given: list[str], where: object) -> str:
        """The ``id=`` among a claim's labels ("" when none or unusable)."""
        if not given:
            return ""
        value = given[0].removeprefix("id=").strip()
        problem = check_id(value)
        if len(given) > 1:
            problem = f"claim has {len(given)} ids; give one"
        if problem:
            warn("uncertainty", f"{problem}; the claim is not tracked", where)
            return ""
        return value

"""Updates and corrections: dated notes inside an article.

``{update} 2025-06-23`` and ``{correction} 2025-06-24`` wrap a short note
with its date. Both are shown in every builder as a labelled box ("Update,
23 June 2025"). A correction also puts "Corrected <date>" in the article's
header, is listed on the generated corrections page (``corrections/index``,
:mod:`.pages`) and in its Atom feed (:mod:`.feed`), and appears in the
article's JSON-LD as a ``CorrectionComment`` (:mod:`.metadata`): the public
record of what a newsroom changed. The notes are part of the article's record
(:class:`.records.DatedNote`), so every page that lists them follows
incremental and parallel builds like any other listing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from . import frontmatter
from .nodes import make_date
from .records import DatedNote, pending_notes
from .shared import NewsbriefDirective
from .util import _
from .visitors import delegate, depart_aside_html, labelled_latex, visit_aside_html, visitors

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NOTE_KINDS = ("update", "correction")


def setup_corrections(app: Sphinx) -> None:
    app.add_node(
        dated_note,
        **visitors(
            delegate("admonition"),
            html=(visit_aside_html, depart_aside_html),
            latex=labelled_latex("admonition"),
        ),
    )
    app.add_directive("update", UpdateDirective)
    app.add_directive("correction", CorrectionDirective)


class dated_note(nodes.admonition):  # noqa: N801
    """An ``{update}`` or ``{correction}``: a box titled with its kind and date."""


def note_label(kind: str) -> str:
    return _("Correction") if kind == "correction" else _("Update")


class _DatedNoteDirective(NewsbriefDirective):
    """``{update} <date>`` / ``{correction} <date>`` with the note as its body."""

    kind = "update"
    subtype = "article"
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    known_options = ("class",)

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        env = self.env
        day = self._date()
        count = int(env.temp_data.get("newsbrief_note_count") or 0) + 1
        env.temp_data["newsbrief_note_count"] = count
        anchor = f"nb-{self.kind}-{count}"
        # the theme's own colours: an update looks like a note, a correction like "important"
        theme_class = "important" if self.kind == "correction" else "note"
        classes = [theme_class, "nb-note", f"nb-{self.kind}", *self.text_option("class").split()]
        node = dated_note(classes=classes, ids=[anchor])
        self.set_source_info(node)
        title = nodes.title("", "")
        label = note_label(self.kind)
        title += nodes.inline(label, label, classes=["nb-note-kind"])
        if day:
            title += nodes.Text(", ")
            title += make_date(day, env.config)
        node += title
        if not self.content:
            self.warn(f"{self.name}: the note has no text; say what changed")
        self.state.nested_parse(self.content, self.content_offset, node)
        text = " ".join(
            " ".join(p.astext().split()) for p in node.children[1:] if isinstance(p, nodes.Element)
        )
        pending_notes(env).append(DatedNote(self.kind, day, anchor, text, self.lineno))
        return [node]

    def _date(self) -> str:
        value = self.arguments[0].strip() if self.arguments else ""
        if not value:
            self.warn(
                f"{self.name}: no date; write the date of the {self.kind} as its argument, "
                f"e.g. {{{self.name}}} 2025-06-24"
            )
            return ""
        day = frontmatter.parse_date(value)
        if day is None:
            self.warn(
                f"{self.name}: {value!r} is not a date (use an ISO date such as 2025-06-24 "
                "or a datetime such as 2025-06-24T09:30:00+00:00); shown without a date"
            )
            return ""
        return day


class UpdateDirective(_DatedNoteDirective):
    kind = "update"


class CorrectionDirective(_DatedNoteDirective):
    kind = "correction"

"""Nodes of uncertainty boxes and claims, and their visitors for each builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..nodes import OutsideHtml
from .scale import LATEX_BOX

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


# -- nodes ---------------------------------------------------------------------------


class uncertainty_node(nodes.admonition):  # noqa: N801
    """A labelled uncertainty box; ``tone`` chooses its look."""


class labels_node(nodes.field_list):  # noqa: N801
    """The labelled facts of an uncertainty box (compact lines in LaTeX)."""


class status_abbr(nodes.abbreviation):  # noqa: N801
    """A status label whose meaning is a tooltip in HTML and left out in print."""


class claim_node(nodes.inline):  # noqa: N801
    """An inline claim with its status; its anchor is a LaTeX label too."""


class icon_node(nodes.inline):  # noqa: N801
    """A decorative icon: shown in HTML (hidden from screen readers), dropped elsewhere."""


def visit_labels_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """One line per label: ``Status: Unconfirmed``, in a small font."""
    lines = []
    for field in node.findall(nodes.field):
        name, body = field[0].astext(), " ".join(field[1].astext().split())
        lines.append(rf"\textbf{{{self.encode(name)}:}} {self.encode(body)}")
    self.body.append("\n\\par{\\small " + "\\\\\n".join(lines) + "\\par}\n")
    raise nodes.SkipNode


def visit_labels_text(self: Any, node: nodes.Element) -> None:
    """One line per label, as in print."""
    lines = [
        f"{field[0].astext()}: {' '.join(field[1].astext().split())}"
        for field in node.findall(nodes.field)
    ]
    self.new_state(0)
    self.add_text("\n".join(lines))
    self.end_state(wrap=False)
    raise nodes.SkipNode


class PrintableLabels(OutsideHtml):
    """Outside HTML: drop decorative icons and tooltip-only explanations."""

    def apply_outside_html(self) -> None:
        for icon in list(self.document.findall(icon_node)):
            icon.parent.remove(icon)
        for label in list(self.document.findall(status_abbr)):
            label.replace_self(nodes.inline(label.astext(), label.astext()))


def visit_uncertainty_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """Core's admonition box, drawn in the tone's colours.

    Delegating keeps what the running Sphinx does around an admonition: 7.4
    turns a table holding one from ``tabulary`` into ``tabular``
    (``table.has_problematic``), which a box inside a table cell needs to compile.
    """
    # the box's anchor (registers and links in the same PDF point at it), before the
    # box: after \begin{sphinxadmonition}{...} it would be read as the title argument
    self.body.append(self.hypertarget_to(node, anchor=True))
    start = len(self.body)
    self.visit_admonition(node)
    box = LATEX_BOX.get(node.get("tone", ""), "note")
    core, ours = "{sphinxadmonition}{note}", f"{{sphinxadmonition}}{{{box}}}"
    self.body[start:] = [part.replace(core, ours, 1) for part in self.body[start:]]


def depart_uncertainty_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_admonition(node)


def visit_icon_html(self: HTML5Translator, node: nodes.Element) -> None:
    attrs: dict[str, Any] = {"aria-hidden": "true"}
    self.body.append(self.starttag(node, "span", "", **attrs))


def depart_icon_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")

"""Visitor functions shared by the nodes of the feature modules.

Every custom node gets visitors for html, latex, text, man and texinfo;
:func:`visitors` builds the keyword arguments of ``app.add_node`` from one
default pair and per-builder overrides. Builders not listed fall back through
the node's base classes (Sphinx dispatches along the MRO).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

BUILDERS = ("html", "latex", "text", "man", "texinfo")
Visit = Callable[[Any, nodes.Element], None]
Pair = tuple[Visit, Visit | None]


def skip(self: Any, node: nodes.Element) -> None:
    """Output nothing for the node or its children."""
    raise nodes.SkipNode


def passthrough(self: Any, node: nodes.Element) -> None:
    """Output the children only."""


def delegate(name: str) -> Pair:
    """Visit the node as the translator visits ``name`` (e.g. ``admonition``)."""

    def visit(self: Any, node: nodes.Element) -> None:
        getattr(self, f"visit_{name}")(node)

    def depart(self: Any, node: nodes.Element) -> None:
        getattr(self, f"depart_{name}")(node)

    return visit, depart


def labelled_latex(name: str) -> Pair:
    """Visit the node as LaTeX visits ``name``, then label its ids for links in the same PDF.

    Sphinx's LaTeX writer labels sections, figures and targets, not an
    admonition's or an inline's ids; registers and question links point at those.
    """
    visit, depart = delegate(name)

    def visit_labelled(self: Any, node: nodes.Element) -> None:
        self.body.append(self.hypertarget_to(node, anchor=True))  # before: not an argument
        visit(self, node)

    return visit_labelled, depart


def visit_aside_html(self: Any, node: nodes.Element) -> None:
    """An admonition-like box as ``<aside role="note">``."""
    self.body.append(self.starttag(node, "aside", CLASS="admonition", role="note"))
    self.context.append("</aside>\n")


def depart_aside_html(self: Any, node: nodes.Element) -> None:
    self.body.append(self.context.pop())


def visitors(default: Pair, **overrides: Pair) -> dict[str, Any]:
    """``add_node`` keyword arguments: ``default`` for every builder but ``overrides``."""
    return {builder: overrides.get(builder, default) for builder in BUILDERS}

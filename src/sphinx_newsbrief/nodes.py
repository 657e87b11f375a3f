"""Nodes and links shared by the features: dates, tag links, index entries.

A leaf module like :mod:`.records`: any feature may use these, and they use
no feature. The ``taglinks`` view they create is resolved by :mod:`.tags`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .domain import ViewName, inline_view_node, make_view, view_node
from .records import clean, tag_slug
from .util import _, display_date, relative_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

#: Builders with generated tag pages (``singlehtml`` gets in-page sections).
PAGE_BUILDERS_EXCLUDED = ("singlehtml",)


@dataclass(frozen=True)
class TagItem:
    """One tag to link: its slug and spelling; ``keep_text`` keeps the spelling
    (a ``{tag}`` role's text) instead of the tag's display name."""

    slug: str
    name: str
    keep_text: bool = False


@dataclass(frozen=True)
class TagLinksOptions:
    items: tuple[TagItem, ...]


#: Links to tags, shown inline (resolved by the tags feature).
TAGLINKS: ViewName[TagLinksOptions] = ViewName("taglinks")


def setup_nodes(app: Sphinx) -> None:
    app.add_node(date_node, html=(visit_date_html, depart_date_html))


class date_node(nodes.inline):  # noqa: N801
    """A date shown to readers; ``datetime`` holds the ISO value (``<time>`` in HTML)."""


def visit_date_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")


def make_date(iso: str, config: Config) -> date_node:
    text = display_date(iso, config)
    return date_node(text, text, datetime=iso, classes=["nb-date"])


def tag_target(app: Sphinx, slug: str) -> str | None:
    """The page name of a tag's page for builders with generated pages."""
    if app.builder.format != "html" or app.builder.name in PAGE_BUILDERS_EXCLUDED:
        return None
    return f"tags/{slug}"


def tag_reference(app: Sphinx, fromdocname: str, slug: str, text: str) -> nodes.Node:
    """A link to a tag's page (or anchor in singlehtml), or text where there is none."""
    classes = ["nb-tag", f"nb-tag-{slug}"]
    if app.builder.name == "singlehtml":
        uri: str | None = f"#nb-tag-{slug}"
    else:
        target = tag_target(app, slug)
        uri = None if target is None else relative_link(app, fromdocname, target)
    if uri is None:
        return nodes.inline(text, text, classes=classes)
    ref = nodes.reference("", "", internal=True, refuri=uri, classes=classes)
    ref += nodes.Text(text)
    return ref


def taglinks_view(env: BuildEnvironment, items: Iterable[TagItem]) -> view_node:
    """A placeholder for links to tags; each shows the tag's display name, resolved late."""
    return make_view(env, TAGLINKS, TagLinksOptions(tuple(items)), inline_view_node)


def tag_items(names: Iterable[str]) -> tuple[TagItem, ...]:
    """Tags given by name, to be shown under their display names."""
    return tuple(TagItem(tag_slug(name), name) for name in names)


def index_entries(names: Iterable[str], target_id: str) -> addnodes.index:
    """General-index entries for an article's tags."""
    entries = [("single", f"{clean(name)}; {_('tag')}", target_id, "", None) for name in names]
    return addnodes.index(entries=entries, inline=False)

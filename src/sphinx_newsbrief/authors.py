"""Authors: byline links to generated author pages.

Front-matter ``authors`` name people; ``newsbrief_authors`` (optional) is a
registry of them: key -> name, ``url`` and ``bio``. A byline name matches an
entry by key or by name, in any case and spacing. Every author of a published
article has a generated page (``authors/<slug>``, see :mod:`.pages`) and an
Atom feed (:mod:`.feed`); bylines link to the page in HTML builders that have
generated pages and are plain text elsewhere. The links are views, resolved
late, so a byline is rewritten when, and only when, the author's page appears
or goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from .domain import Context
from .nodes import (
    AUTHORLINKS,
    PAGE_BUILDERS_EXCLUDED,
    AuthorLinksOptions,
    author_target,
    builder_relative_link,
)
from .records import person, site_authors
from .views import ViewKind, register_view, view_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_authors(app: Sphinx) -> None:
    register_view(ViewKind(AUTHORLINKS, resolve_authorlinks, render_authorlinks))


@dataclass(frozen=True)
class AuthorLink:
    """An author as a byline shows them: the page's slug, the name, whether the page exists."""

    slug: str
    name: str
    published: bool


@dataclass(frozen=True)
class AuthorLinks:
    links: tuple[AuthorLink, ...]


def resolve_authorlinks(ctx: Context, docname: str, options: AuthorLinksOptions) -> AuthorLinks:
    authors = site_authors(ctx)
    links = []
    for name in options.names:
        who = person(ctx, name)
        links.append(AuthorLink(who.slug, who.name, who.slug in authors))
    return AuthorLinks(tuple(links))


def render_authorlinks(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: AuthorLinks
) -> list[nodes.Node]:
    builder = app.builder
    pages = builder.format == "html" and builder.name not in PAGE_BUILDERS_EXCLUDED
    out: list[nodes.Node] = []
    for link in data.links:
        if out:
            out.append(nodes.inline(", ", ", ", classes=["nb-sep"]))
        classes = ["nb-author", f"nb-author-{link.slug}"]
        if pages and link.published:
            uri = builder_relative_link(builder, fromdocname, author_target(link.slug))
            ref = nodes.reference("", "", internal=True, refuri=uri, classes=classes)
            ref += nodes.Text(link.name)
            out.append(ref)
        else:
            out.append(nodes.inline(link.name, link.name, classes=classes))
    return out

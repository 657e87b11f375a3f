"""Tags: normalisation, the ``{tags}`` directive and ``{tag}`` role, tag links.

Tags come from front matter, the ``{tags}`` directive and the ``{tag}`` role.
A tag is identified by its slug (``North Korea`` -> ``north-korea``), so
spellings that differ only in case, spacing or a leading ``#`` are one tag.
``newsbrief_tag_aliases`` maps variants to a canonical name and
``newsbrief_tags`` is an optional controlled vocabulary (slug -> name and
description); with a vocabulary set, unknown tags warn and still work.

The display name of a tag is its vocabulary name, else the spelling used by
the oldest article. Tag links are views, resolved late: in HTML builders they
point at the generated tag pages, in ``singlehtml`` at the tag section of the
single page, and elsewhere they are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from .domain import Context, context_of, get_store, register_check, register_xref
from .nodes import (
    TAGLINKS,
    TagItem,
    TagLinksOptions,
    builder_tag_reference,
    doc_link,
    make_date,
    tag_items,
    tag_reference,
    taglinks_view,
)
from .records import (
    ARTICLE,
    Article,
    ArticleEntry,
    clean,
    get_article,
    normalise_tags,
    pending_tags,
    site_tags,
    tag_slug,
)
from .shared import ListDirective, NewsbriefDirective
from .util import _, count_articles
from .views import ViewKind, ViewName, depend, register_view, view_node
from .warnings import warn

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def setup_tags(app: Sphinx) -> None:
    app.add_directive("tags", TagsDirective)
    app.add_role("tag", TagRole())
    register_view(ViewKind(TAGLINKS, resolve_taglinks, render_taglinks))
    register_xref("tag", resolve_tag_xref, any_role=False)
    register_view(ViewKind(TAGINDEX, resolve_tagindex, render_tagindex))
    app.add_directive("tagindex", TagIndexDirective)
    app.connect("doctree-resolved", add_tags_to_singlehtml, priority=450)
    register_check(check_tag_collisions)


# -- normalisation -----------------------------------------------------------


# -- the site's tags -------------------------------------------------------------


def check_tag_collisions(env: BuildEnvironment, read: Set[str]) -> None:
    """Warn when different names in different articles share a slug (they are merged)."""
    spellings: dict[str, dict[str, Article]] = {}
    for article in sorted(get_store(env).all(ARTICLE), key=lambda a: a.sort_key):
        for name in article.tags:
            spellings.setdefault(tag_slug(name), {}).setdefault(name.casefold(), article)
    for slug, by_spelling in sorted(spellings.items()):
        if len(by_spelling) < 2:
            continue
        first, *others = by_spelling.values()
        for other in others:
            if other.docname not in read and first.docname not in read:
                continue
            names = [n for n in other.tags if tag_slug(n) == slug]
            firsts = [n for n in first.tags if tag_slug(n) == slug]
            warn(
                "tag",
                f"tag {names[0]!r} has the same address ({slug!r}) as {firsts[0]!r} "
                f"used in {first.docname!r}; they are merged into one tag",
                (other.docname, other.tags_line),
            )


# -- links -------------------------------------------------------------------------


@dataclass(frozen=True)
class TagLink:
    """A tag as shown: its text, and whether a published article has it (has a page)."""

    slug: str
    text: str
    published: bool


@dataclass(frozen=True)
class TagLinks:
    links: tuple[TagLink, ...]


def resolve_taglinks(ctx: Context, docname: str, options: TagLinksOptions) -> TagLinks:
    tags = site_tags(ctx)
    return TagLinks(
        tuple(
            TagLink(
                item.slug,
                item.name if item.keep_text or item.slug not in tags else tags[item.slug].name,
                item.slug in tags,
            )
            for item in options.items
        )
    )


def render_taglinks(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: TagLinks
) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for link in data.links:
        if out:
            out.append(nodes.inline(", ", ", ", classes=["nb-sep"]))
        if link.published:
            out.append(tag_reference(app, fromdocname, link.slug, link.text))
        else:  # only drafts use it: there is no tag page to link to
            classes = ["nb-tag", f"nb-tag-{link.slug}"]
            out.append(nodes.inline(link.text, link.text, classes=classes))
    return out


# -- directive and role -----------------------------------------------------------


class TagsDirective(NewsbriefDirective):
    """``{tags}``: tag the current document and show the tags as links."""

    subtype = "tag"
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        argument = self.arguments[0] if self.arguments else ""
        names = [n for n in (clean(p) for p in argument.split(",")) if n]
        if not names:
            self.warn("tags: no tags given; write them comma-separated, e.g. {tags} News, Iran")
            return []
        canonical = normalise_tags(self.env, names, self.get_location())
        pending_tags(self.env).extend((n, self.lineno) for n in canonical)
        para = nodes.paragraph(classes=["nb-tags"])
        para += nodes.inline(_("Tags:") + " ", _("Tags:") + " ", classes=["nb-label"])
        para += taglinks_view(self.env, tag_items(canonical))
        self.set_source_info(para)
        return [para]


class TagRole(SphinxRole):
    """``{tag}`North Korea```: an inline link to the tag page; tags the document."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = clean(self.text)
        if not name:
            warn("tag", "tag role with no tag name", self.get_location())
            return [nodes.Text(self.text)], []
        (canonical,) = normalise_tags(self.env, [name], self.get_location()) or (name,)
        pending_tags(self.env).append((canonical, self.lineno))
        slug = tag_slug(canonical)
        # the page depends on whether the tag has a page (a published article has it)
        depend(self.env, TAGLINKS, TagLinksOptions((TagItem(slug, name, keep_text=True),)))
        # the link keeps the wording the author wrote in the sentence
        contnode = nodes.inline(name, name, classes=["nb-tag", f"nb-tag-{slug}"])
        node = addnodes.pending_xref(
            "", contnode, refdomain="newsbrief", reftype="tag", reftarget=slug, refexplicit=True
        )
        self.set_source_info(node)
        return [node], []


def resolve_tag_xref(
    env: BuildEnvironment,
    fromdocname: str,
    builder: Builder,
    target: str,
    node: addnodes.pending_xref,
    contnode: nodes.Element,
) -> nodes.reference | None:
    """The domain's resolver of ``tag`` references: the tag page, or the text.

    A tag that no published article has (only drafts) has no page: the text
    stays, without a warning.
    """
    ctx = get_store(env).context(env, getattr(builder, "tags", None))
    if target not in site_tags(ctx):
        return cast("nodes.reference", contnode)
    ref = builder_tag_reference(builder, fromdocname, target, contnode.astext())
    return cast("nodes.reference", ref)


# -- the tag index ---------------------------------------------------------------------


@dataclass(frozen=True)
class TagIndexOptions:
    """What a tag index shows: every tag, or those of one edition's articles."""

    edition: str = ""  # only this edition's articles and their tags ("" for every article)


TAGINDEX: ViewName[TagIndexOptions] = ViewName("tagindex")


class TagIndexDirective(ListDirective[TagIndexOptions]):
    """``{tagindex}``: every tag with its articles, for every builder."""

    subtype = "tag"
    known_options = ("edition",)
    has_content = False

    view = TAGINDEX

    def view_options(self) -> TagIndexOptions:
        return TagIndexOptions(self.text_option("edition"))


@dataclass(frozen=True)
class TagIndexEntry:
    """One tag of the index and its published articles, newest first."""

    slug: str
    name: str
    description: str
    articles: tuple[ArticleEntry, ...]


@dataclass(frozen=True)
class TagIndex:
    tags: tuple[TagIndexEntry, ...]


def resolve_tagindex(ctx: Context, docname: str, options: TagIndexOptions) -> TagIndex:
    """Tags by display name, each with its articles (of ``options.edition`` when given).

    With an edition, a tag that none of the edition's articles has is left
    out; names stay the site's (the same spelling as on every other page).
    """
    out = []
    for tag in site_tags(ctx).values():
        articles = [get_article(ctx, d) for d in tag.docnames]
        entries = tuple(
            ArticleEntry.of(a)
            for a in articles
            if a is not None and (not options.edition or a.edition == options.edition)
        )
        if entries:
            out.append(TagIndexEntry(tag.slug, tag.name, tag.description, entries))
    return TagIndex(tuple(out))


def render_tagindex(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: TagIndex
) -> list[nodes.Node]:
    return [tagindex_nodes(app, fromdocname, data, "nb-tagindex-")]


def tagindex_nodes(app: Sphinx, fromdocname: str, data: TagIndex, id_prefix: str) -> nodes.Element:
    """Each tag (name, count, description) followed by its articles, newest first."""
    box = nodes.container(classes=["nb-tagindex"])
    if not data.tags:
        empty = _("No tags yet.")
        box += nodes.paragraph(empty, empty, classes=["nb-empty"])
    for tag in data.tags:
        head = nodes.paragraph(ids=[f"{id_prefix}{tag.slug}"], classes=["nb-tagindex-tag"])
        head += nodes.strong(tag.name, tag.name)
        count = f" ({count_articles(len(tag.articles))})"
        head += nodes.inline("", count, classes=["nb-count"])
        box += head
        if tag.description:
            box += nodes.paragraph(tag.description, tag.description, classes=["nb-description"])
        items = nodes.bullet_list(classes=["nb-tagindex-articles"])
        for entry in tag.articles:
            para = nodes.paragraph()
            para += doc_link(app, fromdocname, entry.docname, entry.title)
            if entry.date:
                para += nodes.Text(" \N{EN DASH} ")
                para += make_date(entry.date, app.config)
            items += nodes.list_item("", para)
        box += items
    return box


def add_tags_to_singlehtml(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give the single page a tag section, the target of its tag links."""
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    ctx = context_of(app)
    data = resolve_tagindex(ctx, docname, TagIndexOptions())
    if not data.tags:
        return
    section = nodes.section(ids=["nb-tags"], classes=["nb-tags-section"])
    section += nodes.title(_("Tags"), _("Tags"))
    section += tagindex_nodes(app, docname, data, "nb-tag-")
    doctree.append(section)

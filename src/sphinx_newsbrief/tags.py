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

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from .domain import (
    Context,
    ViewOptions,
    get_store,
    inline_view_node,
    make_view,
    register_view,
    view_node,
)
from .shared import NewsbriefDirective
from .util import _, count_articles, per_config, relative_link, slugify
from .warnings import allowed, did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .articles import Article

_PENDING_KEY = "newsbrief_pending_tags"
#: Builders with generated tag pages (``singlehtml`` gets in-page sections).
PAGE_BUILDERS_EXCLUDED = ("singlehtml",)


def setup_tags(app: Sphinx) -> None:
    app.add_directive("tags", TagsDirective)
    app.add_role("tag", TagRole())
    register_view("taglinks", resolve_taglinks, render_taglinks)
    register_view("tagindex", resolve_tagindex, render_tagindex)
    app.add_directive("tagindex", TagIndexDirective)
    app.connect("doctree-resolved", add_tags_to_singlehtml, priority=450)
    app.connect("env-before-read-docs", _remember_read_docs)
    app.connect("env-updated", check_tag_collisions)


# -- normalisation -----------------------------------------------------------


def clean(name: str) -> str:
    """Trim, collapse spaces and drop a leading ``#`` (``'#News'`` -> ``'News'``)."""
    return " ".join(name.strip().lstrip("#").split())


#: ``+`` signs or a ``#`` ending a word (``C++``, ``C#``, ``LGBTQ+``).
_WORD_SIGNS = re.compile(r"(?<=\w)(\++|#)(?!\w)")


def _spell_signs(match: re.Match[str]) -> str:
    signs = match.group(1)
    return " sharp" if signs == "#" else " plus" * len(signs)


@lru_cache(maxsize=8192)
def tag_slug(name: str) -> str:
    """The identity of a tag; never empty, safe in URLs and file names.

    Signs that end a word are spelled out, so ``C++`` (``c-plus-plus``) and
    ``C#`` (``c-sharp``) stay apart from ``C``; elsewhere punctuation is a
    separator, as in :func:`.util.slugify`.
    """
    text = clean(name)
    slug = slugify(_WORD_SIGNS.sub(_spell_signs, text))
    if slug:
        return slug
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"tag-{digest[:8]}"


@dataclass(frozen=True)
class Vocabulary:
    """The configured tag names, descriptions and aliases, keyed by slug."""

    names: dict[str, str]
    descriptions: dict[str, str]
    aliases: dict[str, str]

    @classmethod
    def from_config(cls, config: Config) -> Vocabulary:
        names: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for key, entry in dict(config.newsbrief_tags).items():
            slug = tag_slug(str(key))
            info = entry if isinstance(entry, dict) else {"name": str(entry)}
            names[slug] = clean(str(info.get("name") or key))
            descriptions[slug] = str(info.get("description", ""))
        aliases = {tag_slug(str(k)): clean(str(v)) for k, v in config.newsbrief_tag_aliases.items()}
        return cls(names, descriptions, aliases)

    def canonical(self, name: str) -> str:
        """The spelling to record for ``name`` after applying aliases."""
        text = clean(name)
        return self.aliases.get(tag_slug(text), text)

    def check(self, name: str) -> str | None:
        """A warning message if a vocabulary is set and ``name`` is not in it."""
        if not self.names or tag_slug(name) in self.names:
            return None
        hint = did_you_mean(name, self.names.values())
        return (
            f"tag {name!r} is not in newsbrief_tags{hint}; known tags: "
            f"{allowed(sorted(self.names.values()))}"
        )


def vocabulary(env: BuildEnvironment) -> Vocabulary:
    return per_config(env.config, "vocabulary", lambda: Vocabulary.from_config(env.config))


def normalise_tags(env: BuildEnvironment, names: Iterable[str], location: Any) -> tuple[str, ...]:
    """Canonical spellings of ``names``, one per slug, warning about unknown tags.

    A name whose slug coincides with a different name given earlier in the
    same document (in this call, or by a ``{tags}`` or ``{tag}`` already
    read) warns, naming both: the document's tags are kept one per slug, so
    the two are merged. Front-matter tags are normalised after the body is
    read, so they are checked against every directive and role.
    """
    vocab = vocabulary(env)
    earlier: dict[str, tuple[str, int | None]] = {}
    already: list[tuple[str, int | None]] = env.temp_data.get(_PENDING_KEY) or []
    for pending, line in already:
        earlier.setdefault(tag_slug(pending), (pending, line))
    seen: dict[str, str] = {}
    for name in names:
        if not clean(name):
            continue
        canonical = vocab.canonical(name)
        problem = vocab.check(canonical)
        if problem:
            warn("tag", problem, location)
        slug = tag_slug(canonical)
        other, line = (seen[slug], None) if slug in seen else earlier.get(slug, ("", None))
        if other and other.casefold() != canonical.casefold():
            where = f" (line {line})" if line else ""
            warn(
                "tag",
                f"tag {canonical!r} has the same address ({slug!r}) as {other!r}{where} "
                "in this document; they are merged into one tag",
                location,
            )
        seen.setdefault(slug, canonical)
    return tuple(seen.values())


def pending_tags(env: BuildEnvironment) -> list[tuple[str, Any]]:
    """Tags added by directives and roles of the document being read."""
    if _PENDING_KEY not in env.temp_data:
        env.temp_data[_PENDING_KEY] = []
    return cast("list[tuple[str, Any]]", env.temp_data[_PENDING_KEY])


def take_pending_tags(env: BuildEnvironment) -> list[tuple[str, Any]]:
    return cast("list[tuple[str, Any]]", env.temp_data.pop(_PENDING_KEY, []))


# -- the site's tags -------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """One tag of the site and its published articles, newest first."""

    slug: str
    name: str
    description: str
    docnames: tuple[str, ...]


def site_tags(ctx: Context) -> dict[str, Tag]:
    """Every tag used by a published article, by slug, sorted by display name."""

    def compute() -> dict[str, Tag]:
        from .articles import articles_by_date

        vocab = vocabulary(ctx.env)
        spelling: dict[str, str] = {}
        members: dict[str, list[str]] = {}
        for article in articles_by_date(ctx):  # oldest first: first spelling wins
            for name in article.tags:
                slug = tag_slug(name)
                spelling.setdefault(slug, name)
                members.setdefault(slug, []).append(article.docname)
        tags = [
            Tag(
                slug,
                vocab.names.get(slug, spelling[slug]),
                vocab.descriptions.get(slug, ""),
                tuple(reversed(docs)),
            )
            for slug, docs in members.items()
        ]
        tags.sort(key=lambda t: (t.name.casefold(), t.slug))
        return {t.slug: t for t in tags}

    return ctx.cached("site-tags", compute)


def tag_name(ctx: Context, name: str) -> str:
    """Display name of the tag spelled ``name``."""
    slug = tag_slug(name)
    known = site_tags(ctx).get(slug)
    if known is not None:
        return known.name
    return vocabulary(ctx.env).names.get(slug, clean(name))


def _remember_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    app._newsbrief_read_docs = set(docnames)  # type: ignore[attr-defined]


def check_tag_collisions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: warn when different names share a slug (they are merged)."""
    read: set[str] = getattr(app, "_newsbrief_read_docs", set())
    spellings: dict[str, dict[str, Article]] = {}
    for article in sorted(get_store(env).all("article"), key=lambda a: a.sort_key):
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


def taglinks_view(env: BuildEnvironment, items: tuple[tuple[str, str, bool], ...]) -> view_node:
    """A placeholder for links to tags, given as ``(slug, name, keep_text)``.

    Unless ``keep_text``, the link shows the tag's display name, resolved late.
    """
    return make_view(env, "taglinks", (("items", items),), inline_view_node)


def resolve_taglinks(ctx: Context, docname: str, options: ViewOptions) -> Any:
    items = dict(options)["items"]
    tags = site_tags(ctx)
    return tuple(
        (slug, name if keep or slug not in tags else tags[slug].name, slug in tags)
        for slug, name, keep in items
    )


def render_taglinks(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Any
) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for slug, text, published in data:
        if out:
            out.append(nodes.inline(", ", ", ", classes=["nb-sep"]))
        if published:
            out.append(tag_reference(app, fromdocname, slug, text))
        else:  # only drafts use it: there is no tag page to link to
            out.append(nodes.inline(text, text, classes=["nb-tag", f"nb-tag-{slug}"]))
    return out


def index_entries(names: Iterable[str], target_id: str) -> addnodes.index:
    """General-index entries for an article's tags."""
    entries = [("single", f"{clean(name)}; {_('tag')}", target_id, "", None) for name in names]
    return addnodes.index(entries=entries, inline=False)


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
        para += taglinks_view(self.env, tuple((tag_slug(n), n, False) for n in canonical))
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
        # the link keeps the wording the author wrote in the sentence
        return [taglinks_view(self.env, ((tag_slug(canonical), name, True),))], []


# -- the tag index ---------------------------------------------------------------------


class TagIndexDirective(NewsbriefDirective):
    """``{tagindex}``: every tag with its articles, for every builder."""

    subtype = "tag"
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        node: view_node = make_view(self.env, "tagindex", ())
        self.set_source_info(node)
        return [node]


def resolve_tagindex(ctx: Context, docname: str, options: ViewOptions) -> Any:
    from .articles import get_article

    out = []
    for tag in site_tags(ctx).values():
        articles = [get_article(ctx, d) for d in tag.docnames]
        entries = tuple((a.docname, a.title, a.date) for a in articles if a is not None)
        out.append((tag.slug, tag.name, tag.description, entries))
    return tuple(out)


def render_tagindex(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Any
) -> list[nodes.Node]:
    return [tagindex_nodes(app, fromdocname, data, "nb-tagindex-")]


def tagindex_nodes(app: Sphinx, fromdocname: str, data: Any, id_prefix: str) -> nodes.Element:
    """Each tag (name, count, description) followed by its articles, newest first."""
    from .articles import make_date
    from .util import doc_link

    box = nodes.container(classes=["nb-tagindex"])
    if not data:
        empty = _("No tags yet.")
        box += nodes.paragraph(empty, empty, classes=["nb-empty"])
    for slug, name, description, entries in data:
        head = nodes.paragraph(ids=[f"{id_prefix}{slug}"], classes=["nb-tagindex-tag"])
        head += nodes.strong(name, name)
        head += nodes.inline("", f" ({count_articles(len(entries))})", classes=["nb-count"])
        box += head
        if description:
            box += nodes.paragraph(description, description, classes=["nb-description"])
        items = nodes.bullet_list(classes=["nb-tagindex-articles"])
        for docname, title, day in entries:
            para = nodes.paragraph()
            para += doc_link(app, fromdocname, docname, title)
            if day:
                para += nodes.Text(" \N{EN DASH} ")
                para += make_date(day, app.config)
            items += nodes.list_item("", para)
        box += items
    return box


def add_tags_to_singlehtml(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give the single page a tag section, the target of its tag links."""
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    ctx = get_store(app.env).context(app.env)
    data = resolve_tagindex(ctx, docname, ())
    if not data:
        return
    section = nodes.section(ids=["nb-tags"], classes=["nb-tags-section"])
    section += nodes.title(_("Tags"), _("Tags"))
    section += tagindex_nodes(app, docname, data, "nb-tag-")
    doctree.append(section)

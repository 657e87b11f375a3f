"""Generated HTML pages: the tag index, one page per tag, the archive, editions.

These pages are made by the extension for HTML builders (``html``,
``dirhtml``, ``epub`` and the serialising builders) through
``html-collect-pages``: they never exist in the source directory, they use
the site's theme (``page.html``), and every link is made by the builder's
own URI machinery. ``singlehtml`` has no separate pages: its single page gets
a tag section instead (see :mod:`.tags`).

Like the views of :mod:`.domain`, each page is described by the data it
shows. On ``env-get-updated`` the extension compares each page's digest with
the one recorded when the page was last written by this builder, and
``html-collect-pages`` then writes only new and changed pages (and removes
pages that no longer exist). Changes that affect every page (templates, HTML
options, the navigation) make all of them be written again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.util.i18n import format_date

from .domain import Context, context_of
from .excerpts import to_html
from .nodes import author_target, display_date, links_site_feed, project_files, relative_link
from .records import (
    Article,
    Row,
    articles_by_date,
    make_row,
    more_tags_label,
    site_authors,
    site_tags,
    tag_slug,
)
from .settings import settings
from .util import _, count_articles, edition_slugs, slugify
from .views import NAV, PAGES, Plan, digest, plan_outputs, planned, unchanged
from .warnings import warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TAGS_INDEX = "tags/index"
ARCHIVE = "archive/index"
EDITIONS = "editions/index"
AUTHORS = "authors/index"
CORRECTIONS = "corrections/index"
#: Builders that have no separate generated pages.
NO_PAGES = ("singlehtml",)


def setup_pages(app: Sphinx) -> None:
    app.connect("config-inited", add_templates_path)
    app.connect("env-get-updated", plan_pages)
    app.connect("env-get-updated", register_labels)
    app.connect("missing-reference", label_without_page)
    app.connect("html-collect-pages", collect_pages)
    app.connect("html-page-context", add_nav_context)


def add_templates_path(app: Sphinx, config: Any) -> None:
    """Make ``newsbrief/sidebar-nav.html`` available to ``html_sidebars``."""
    path = str(Path(__file__).parent / "templates")
    if path not in config.templates_path:
        config.templates_path = [*config.templates_path, path]


#: Domain data: builder -> the index pages it writes (see :func:`plan_pages`).
_INDEXES = "index-pages"


def add_nav_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Context of the sidebar template: links to the generated pages."""
    context["newsbrief_nav"] = []
    if not has_pages(app):
        return
    # as planned on env-get-updated (the same as index_pages(), without computing the pages)
    planned_indexes = app.env.domaindata["newsbrief"].get(_INDEXES, {}).get(app.builder.name)
    indexes = index_pages(context_of(app)) if planned_indexes is None else planned_indexes
    if not indexes:
        return
    pathto = context["pathto"]
    labels = nav_labels()
    nav = [(labels[name], pathto(name), pagename == name) for name in indexes]
    if links_site_feed(app, context_of(app)):
        nav.append((_("Atom feed"), pathto("feed.xml", 1), False))
    context["newsbrief_nav"] = nav
    context["newsbrief_nav_caption"] = _("News")


def page_chrome(app: Sphinx, ctx: Context) -> tuple[object, ...]:
    """What every page shows of the site around its own content, as data.

    The sidebar's links to the index pages and the link to the site's feed
    (:func:`add_nav_context`, :func:`.feed.add_feed_links`). When this
    changes, every page is written again (:func:`plan_pages`): deleting the
    only article, or publishing the first one, changes what pages that show
    no article at all link to.
    """
    return (index_pages(ctx), links_site_feed(app, ctx))


def nav_labels() -> dict[str, str]:
    """Link text of each index page, in the order they are linked."""
    return {
        ARCHIVE: _("Archive"),
        TAGS_INDEX: _("Tags"),
        AUTHORS: _("Authors"),
        EDITIONS: _("Editions"),
        CORRECTIONS: _("Corrections"),
    }


@dataclass(frozen=True)
class Page:
    """One generated page and exactly the data it shows.

    Everything :func:`render_page` puts on the page comes from these fields, so
    the page's digest changes (and the page is rewritten) whenever what it
    shows changes.
    """

    name: str
    kind: str
    title: str
    intro: str
    rows: tuple[Row, ...]
    #: For index pages: (page name, label, article count, description) per entry.
    entries: tuple[tuple[str, str, int, str], ...] = ()
    #: Group rows under headings: "month" (archive) or "" (none).
    group: str = ""
    previous: str = ""
    next: str = ""
    number: int = 1
    count: int = 1
    #: Articles in the whole listing (all its pages), for the "N articles" line.
    total: int = 0
    #: Index pages that exist (``ARCHIVE``, ``TAGS_INDEX``, ...), linked at the end.
    links: tuple[str, ...] = ()
    #: The ``{ref}`` label of the page (first pages of a listing only), e.g. ``newsbrief-tags``.
    label: str = ""
    #: For the corrections page: the corrections it lists, newest first.
    notes: tuple[NoteRow, ...] = ()


@dataclass(frozen=True)
class NoteRow:
    """One correction as the corrections page shows it."""

    docname: str
    title: str
    date: str
    anchor: str
    text: str


def has_pages(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name not in NO_PAGES


def _rows(ctx: Context, articles: list[Article]) -> tuple[Row, ...]:
    return tuple(make_row(ctx, a) for a in articles)


def paginate(
    base: str,
    kind: str,
    title: str,
    intro: str,
    rows: tuple[Row, ...],
    size: int,
    group: str = "",
    label: str = "",
    notes: tuple[NoteRow, ...] = (),
) -> list[Page]:
    """Split ``rows`` (or the corrections page's ``notes``) into pages of
    ``size``: ``base``, ``base/page-2``, ...

    The first page carries ``label``.
    """
    items: tuple[Row, ...] | tuple[NoteRow, ...] = notes or rows
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [()]
    root = base.removesuffix("/index")
    names = [base] + [f"{root}/page-{n}" for n in range(2, len(chunks) + 1)]
    return [
        Page(
            label=label if i == 0 else "",
            name=names[i],
            kind=kind,
            title=title,
            intro=intro,
            rows=() if notes else cast("tuple[Row, ...]", chunk),
            notes=cast("tuple[NoteRow, ...]", chunk) if notes else (),
            group=group,
            previous=names[i - 1] if i > 0 else "",
            next=names[i + 1] if i + 1 < len(names) else "",
            number=i + 1,
            count=len(chunks),
            total=len(items),
        )
        for i, chunk in enumerate(chunks)
    ]


def site_pages(ctx: Context) -> list[Page]:
    """Every generated page of the site, in a stable order.

    An index page exists only when it has entries: no tags index without a
    tag, no editions index without an edition (``newsbrief_edition_by =
    "none"``); pages link only to index pages that exist.
    """

    def compute() -> list[Page]:
        newest = list(reversed(articles_by_date(ctx)))
        if not newest:  # a docs project without articles gets no extra pages
            return []
        pages = _tag_pages(ctx, newest)
        pages += _archive_pages(ctx, newest)
        pages += _author_pages(ctx, newest)
        pages += _edition_pages(ctx, newest)
        pages += _correction_pages(ctx, newest)
        names = {p.name for p in pages}
        indexes = tuple(n for n in nav_labels() if n in names)
        return [replace(p, links=tuple(n for n in indexes if n != p.name)) for p in pages]

    return ctx.cached("generated-pages", compute)


def index_pages(ctx: Context) -> tuple[str, ...]:
    """The index pages that exist (archive, tags, editions), in link order."""

    def compute() -> tuple[str, ...]:
        names = {p.name for p in site_pages(ctx)}
        return tuple(n for n in nav_labels() if n in names)

    return ctx.cached("generated-index-pages", compute)


def _tag_pages(ctx: Context, newest: list[Article]) -> list[Page]:
    """The tags index (when a tag exists) and the pages of each tag."""
    tags = site_tags(ctx)
    if not tags:
        return []
    entries = tuple(
        (f"tags/{t.slug}", t.name, len(t.docnames), t.description) for t in tags.values()
    )
    pages = [Page(TAGS_INDEX, "tags", _("Tags"), "", (), entries, label="newsbrief-tags")]
    size = settings(ctx.env.config).page_size
    by_doc = {a.docname: a for a in newest}
    for tag in tags.values():
        rows = _rows(ctx, [by_doc[d] for d in tag.docnames])
        label = f"newsbrief-tag-{tag.slug}"
        pages += paginate(
            f"tags/{tag.slug}", "tag", tag.name, tag.description, rows, size, label=label
        )
    return pages


def _archive_pages(ctx: Context, newest: list[Article]) -> list[Page]:
    """The archive (every article by month, with the years and their counts) and a
    page per year."""
    size = settings(ctx.env.config).page_size
    years: dict[str, list[Article]] = {}
    for article in newest:
        years.setdefault(article.date[:4] if article.date else "", []).append(article)
    dated = [(year, arts) for year, arts in years.items() if year]
    entries = tuple((f"archive/{year}", year, len(arts), "") for year, arts in dated)
    pages = paginate(
        ARCHIVE, "archive", _("Archive"), "", _rows(ctx, newest), size, "month", "newsbrief-archive"
    )
    pages[0] = replace(pages[0], entries=entries)
    for year, arts in dated:
        pages += paginate(
            f"archive/{year}",
            "year",
            year,
            "",
            _rows(ctx, arts),
            size,
            "month",
            f"newsbrief-archive-{year}",
        )
    return pages


def _author_pages(ctx: Context, newest: list[Article]) -> list[Page]:
    """The authors index (when an article names one) and the pages of each author."""
    authors = site_authors(ctx)
    if not authors:
        return []
    entries = tuple(
        (author_target(a.slug), a.name, len(a.docnames), a.person.bio) for a in authors.values()
    )
    pages = [Page(AUTHORS, "authors", _("Authors"), "", (), entries, label="newsbrief-authors")]
    size = settings(ctx.env.config).page_size
    by_doc = {a.docname: a for a in newest}
    for author in authors.values():
        rows = _rows(ctx, [by_doc[d] for d in author.docnames])
        pages += paginate(
            author_target(author.slug),
            "author",
            author.name,
            author.person.bio,
            rows,
            size,
            label=f"newsbrief-author-{author.slug}",
        )
    return pages


def _warn_edition_clashes(slugs: dict[str, str], editions: dict[str, list[Article]]) -> None:
    """Say which editions share an address, and where each now is (at the first
    article of the renamed one)."""
    by_base: dict[str, list[str]] = {}
    for edition in slugs:
        by_base.setdefault(slugify(edition) or "edition", []).append(edition)
    for base, names in sorted(by_base.items()):
        for other in names[1:]:
            first = min(editions[other], key=lambda article: article.docname)
            warn(
                "listing",
                f"editions {names[0]!r} and {other!r} have the same address ({base!r}): "
                f"{other!r} is at editions/{slugs[other]} (rename one of them)",
                (first.docname, first.edition_line or 1),
            )


def _correction_pages(ctx: Context, newest: list[Article]) -> list[Page]:
    """The corrections log (when an article has a correction), newest first."""
    notes = sorted(
        (
            NoteRow(a.docname, a.title, n.date, n.anchor, n.text)
            for a in newest
            for n in a.corrections
        ),
        key=lambda n: (n.date, _note_key(n)),
        reverse=True,
    )
    if not notes:
        return []
    return paginate(
        CORRECTIONS,
        "corrections",
        _("Corrections"),
        _("Every correction to the site's articles, newest first."),
        (),
        settings(ctx.env.config).page_size,
        label="newsbrief-corrections",
        notes=tuple(notes),
    )


def _note_key(note: NoteRow) -> tuple[str, str]:
    return (note.docname, note.anchor)


def _edition_pages(ctx: Context, newest: list[Article]) -> list[Page]:
    """The editions index (when an edition exists) and the pages of each edition."""
    editions: dict[str, list[Article]] = {}
    for article in newest:
        if article.edition:
            editions.setdefault(article.edition, []).append(article)
    if not editions:
        return []
    ordered = sorted(editions.items(), reverse=True)
    slugs = edition_slugs(editions)
    _warn_edition_clashes(slugs, editions)
    entries = tuple((f"editions/{slugs[e]}", e, len(arts), "") for e, arts in ordered)
    pages = [Page(EDITIONS, "editions", _("Editions"), "", (), entries, label="newsbrief-editions")]
    size = settings(ctx.env.config).page_size
    for edition, arts in ordered:
        title = _("Edition %s") % edition
        slug = slugs[edition]
        pages += paginate(
            f"editions/{slug}",
            "edition",
            title,
            "",
            _rows(ctx, arts),
            size,
            label=f"newsbrief-edition-{slug}",
        )
    return pages


# -- labels ------------------------------------------------------------------------

#: Where the labels of generated pages are remembered (newsbrief domain data):
#: label -> the page it was registered for.
_LABELS = "page-labels"


def page_labels(ctx: Context) -> dict[str, tuple[str, str]]:
    """The ``{ref}`` label of each generated listing: label -> (page name, title)."""

    def compute() -> dict[str, tuple[str, str]]:
        return {p.label: (p.name, str(page_title(p))) for p in site_pages(ctx) if p.label}

    return ctx.cached("generated-page-labels", compute)


def register_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: make ``{ref}`` find the generated pages (and intersphinx too).

    The labels go into Sphinx's standard domain for builders that write the
    pages; for the others, :func:`label_without_page` shows the reference as
    text. A project's own label of the same name wins (with a warning).
    """
    std: dict[str, Any] = env.domaindata["std"]
    labels: dict[str, Any] = std.setdefault("labels", {})
    anonlabels: dict[str, Any] = std.setdefault("anonlabels", {})
    ours: dict[str, str] = env.domaindata["newsbrief"].setdefault(_LABELS, {})
    if unchanged(app, env, "labels", has_pages(app)) and all(
        labels.get(name, ("",))[0] == page for name, page in ours.items()
    ):
        return []  # the same pages as in the last build, and their labels are still ours
    for name, page in ours.items():
        if labels.get(name, ("",))[0] == page:
            del labels[name]
            anonlabels.pop(name, None)
    ours.clear()
    if not has_pages(app):
        return []
    for name, (page, title) in page_labels(context_of(app)).items():
        if page in env.found_docs:
            continue  # the document wins (see _check_clashes)
        if name in labels:
            docname = labels[name][0]
            warn(
                "listing",
                f"the label {name!r} of the generated page {page!r} is already defined in "
                f"{docname!r}; {{ref}}`{name}` goes there",
                docname,
            )
            continue
        labels[name] = (page, "", title)
        anonlabels[name] = (page, "")
        ours[name] = page
    return []


def label_without_page(app: Sphinx, env: BuildEnvironment, node: Any, contnode: Any) -> Any:
    """``missing-reference``: a ``{ref}`` to a generated page in a builder without them.

    The reference is shown as its text (the page's title unless the author
    gave one), without a warning: the page exists on the HTML site.
    """
    if node.get("reftype") != "ref" or node.get("refdomain") != "std" or has_pages(app):
        return None
    target = str(node.get("reftarget", ""))
    found = page_labels(context_of(app)).get(target) if target.startswith("newsbrief-") else None
    if found is None:
        return None
    text = contnode.astext() if node.get("refexplicit") else found[1]
    return nodes.inline(text, text, classes=["nb-ref"])


# -- deciding what to write -------------------------------------------------------


def _site_digest(app: Sphinx, env: BuildEnvironment) -> str:
    """What every generated page depends on: templates, HTML options, navigation."""
    builder: Any = app.builder
    templates = getattr(builder, "templates", None)
    mtime = templates.newest_template_mtime() if templates is not None else 0
    build_info = getattr(builder, "build_info", None)
    in_toctrees = sorted({d for docs in env.toctree_includes.values() for d in docs})
    navigation = [(d, env.titles[d].astext()) for d in in_toctrees if d in env.titles]
    state = (
        app.builder.name,
        mtime,
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
        sorted(env.toctree_includes.items()),
        navigation,
        # every newsbrief_* value: Sphinx's config hash leaves out "env" values such as
        # newsbrief_date_format, which generated pages show too
        repr(settings(app.config)),
    )
    return digest(state)


def plan_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: note which generated pages must be (re)written.

    Returns every document when :func:`page_chrome` changed (the first
    edition or tag, or the last one gone; the first published article, or
    the last one gone; a ``feed.xml`` of the project's own), so that the
    sidebar links of :func:`add_nav_context` and the feed links in the page
    heads never point at a page or feed that is not there.
    """
    if not has_pages(app):
        return []
    site = _site_digest(app, env)
    # the project's own files decide whether pages link the site feed (page_chrome)
    shipped = tuple(sorted(project_files(app)))
    planned_before = app.builder.name in env.domaindata["newsbrief"].get(_INDEXES, {})
    if unchanged(app, env, PAGES, (site, shipped)) and planned_before:
        # nothing new for the sidebar either
        env.domaindata["newsbrief"]["plans"][(app.builder.name, NAV)] = Plan()
        return []
    ctx = context_of(app)
    builder = app.builder.name
    indexes = env.domaindata["newsbrief"].setdefault(_INDEXES, {})
    indexes[builder] = index_pages(ctx)
    chrome = digest(page_chrome(app, ctx))
    nav = plan_outputs(env, builder, NAV, {"page-chrome": chrome})
    # templates, options, navigation, sidebar and feed links: part of every page
    site = digest((site, chrome))
    pages = {page.name: digest((site, page)) for page in site_pages(ctx)}
    plan_outputs(env, builder, PAGES, pages)
    _check_clashes(env, pages)
    return sorted(env.found_docs) if nav.changed else []


def _check_clashes(env: BuildEnvironment, names: dict[str, str]) -> None:
    for name in sorted(set(names) & env.found_docs):
        warn(
            "tag",
            f"the document {name!r} has the name of a generated page; the generated page "
            "is not written (rename the document)",
            name,
        )


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: yield new and changed pages, remove stale ones."""
    if not has_pages(app):
        return
    env = app.env
    plan = planned(env, app.builder.name, PAGES)
    builder: Any = app.builder
    outdir = Path(app.outdir)
    for name in sorted(plan.stale):
        path = Path(builder.get_outfilename(name))
        if path.is_file() and name not in env.found_docs:
            path.unlink()
            _remove_empty_folders(path.parent, outdir)
    # Without changes, the pages are known by name and need not be computed,
    # unless one of their files is missing from the output.
    known = env.domaindata["newsbrief"]["written"].get(app.builder.name, {}).get(PAGES, {})
    if not plan.changed and all(
        name in env.found_docs or Path(builder.get_outfilename(name)).is_file() for name in known
    ):
        return
    ctx = context_of(app)
    for page in site_pages(ctx):
        if page.name in env.found_docs:
            continue
        if page.name not in plan.changed and Path(builder.get_outfilename(page.name)).is_file():
            continue
        yield page.name, render_page(app, ctx, page), "page.html"


def _remove_empty_folders(folder: Path, outdir: Path) -> None:
    """Remove ``folder`` and its parents up to ``outdir`` while they are empty.

    A tag's later pages live in ``tags/<slug>/`` (dirhtml: one folder per page);
    once the last of them is gone, its folder goes too, as in a clean build.
    """
    while folder != outdir and outdir in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# -- rendering ----------------------------------------------------------------------


def render_page(app: Sphinx, ctx: Context, page: Page) -> dict[str, Any]:
    """Template context (title and body HTML) of a generated page.

    The body comes from the ``newsbrief/generated.html`` template, which a
    project can override; these pages exist only in HTML, so they need no
    builder-neutral nodes (and Jinja is much faster than the docutils writer
    for hundreds of listing pages).
    """
    name = page.name
    more = {
        TAGS_INDEX: _("All tags"),
        ARCHIVE: _("Archive"),
        AUTHORS: _("Authors"),
        EDITIONS: _("Editions"),
        CORRECTIONS: _("Corrections"),
    }
    body = {
        "kind": page.kind,
        "title": page_title(page),
        "intro": page.intro,
        "count_label": count_articles(page.total) if page.kind in COUNTED else "",
        "entries": [
            {
                "uri": relative_link(app, name, target),
                "label": label,
                "count": count_articles(count),
                "description": description,
            }
            for target, label, count, description in page.entries
        ],
        "empty": _("Nothing here yet.") if page.kind in ("tags", "editions") else "",
        "groups": _groups(app, page),
        "notes": [
            {
                "uri": relative_link(app, name, note.docname) + f"#{note.anchor}",
                "title": note.title,
                "date": note.date,
                "date_label": display_date(note.date, app.config),
                "text": note.text,
                "label": _("Correction"),
            }
            for note in page.notes
        ],
        "newer": relative_link(app, name, page.previous) if page.previous else "",
        "older": relative_link(app, name, page.next) if page.next else "",
        "labels": {"newer": _("Newer"), "older": _("Older")},
        "more": [
            {"uri": relative_link(app, name, target), "label": label}
            for target, label in more.items()
            if target in page.links
        ],
    }
    html = app.builder.templates.render("newsbrief/generated.html", body)  # type: ignore[attr-defined]
    # themes treat ``title`` as HTML (they strip its tags for <title>): escape it
    title = escape(str(page_title(page)), quote=False)
    return {"title": title, "body": html, "newsbrief_listing": listing(page)}


def listing(page: Page) -> dict[str, Any]:
    """What the page lists, for its metadata: its title and (page name, title) per entry."""
    if page.notes:
        items = tuple((note.docname, note.title) for note in page.notes)
    elif page.rows:
        items = tuple((row.docname, row.title) for row in page.rows)
    else:
        items = tuple((target, label) for target, label, _count, _text in page.entries)
    return {"name": page_title(page), "items": items}


#: Kinds of listing pages that say how many articles they list in all.
COUNTED = ("tag", "author", "year")


def page_title(page: Page) -> str:
    if page.kind == "tag":
        return _("Tag: %s") % page.title
    if page.kind == "author":
        return _("Author: %s") % page.title
    if page.kind == "year":
        return _("Archive: %s") % page.title
    if page.count > 1:
        return _("%(title)s (page %(number)d of %(count)d)") % {
            "title": page.title,
            "number": page.number,
            "count": page.count,
        }
    return page.title


def _groups(app: Sphinx, page: Page) -> list[dict[str, Any]]:
    """The rows to list, under month headings on the archive."""
    if not page.rows:
        return []
    if page.group != "month":
        return [{"title": "", "id": "", "rows": [_row(app, page.name, r) for r in page.rows]}]
    months: dict[str, list[Row]] = {}
    for row in page.rows:
        months.setdefault(row.date[:7] if row.date else "", []).append(row)
    return [
        {
            "title": _month_label(app, month),
            "id": f"nb-month-{month or 'undated'}",
            "rows": [_row(app, page.name, r) for r in rows],
        }
        for month, rows in months.items()
    ]


def _row(app: Sphinx, pagename: str, row: Row) -> dict[str, Any]:
    return {
        "uri": relative_link(app, pagename, row.docname),
        "title": row.title,
        "date": row.date,
        "date_label": display_date(row.date, app.config) if row.date else "",
        "summary": row.summary,
        "summary_html": to_html(row.dek),
        "tags": [
            {"slug": slug, "name": name, "uri": relative_link(app, pagename, f"tags/{slug}")}
            for name in row.tags
            for slug in (tag_slug(name),)
        ],
        "more_tags": more_tags_label(row.more_tags) if row.more_tags else "",
    }


def _month_label(app: Sphinx, month: str) -> str:
    if not month:
        return _("Undated")
    moment = datetime(int(month[:4]), int(month[5:7]), 1)
    return format_date("%B %Y", date=moment, language=app.config.language)

"""Articles: which documents are briefs, their metadata, header and neighbours.

A document is an article when its metadata has a ``date`` or its docname
matches ``newsbrief_article_patterns``. Its metadata is read from the source
text on ``source-read`` (see :mod:`.frontmatter`), validated in
:class:`ArticleTransform`, stored as an :class:`Article` record in the
collector, and shown in a header under the title. Each article page ends with
links to the previous and next article by date (a ``neighbours`` view).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import inline_all_toctrees, make_id

from . import frontmatter
from .config import settings
from .domain import (
    Context,
    NoOptions,
    RecordKind,
    ViewKind,
    ViewName,
    get_store,
    make_view,
    register_view,
    view_node,
)
from .nodes import doc_link, index_entries, make_date, tag_items, taglinks_view
from .records import (
    ARTICLE,
    Article,
    ArticleEntry,
    articles_by_date,
    get_article,
    normalise_tags,
    tag_slug,
    take_pending_tags,
)
from .util import _
from .visitors import passthrough, visitors
from .warnings import did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

_RAW_KEY = "newsbrief_raw_metadata"
#: Numbered tables, figures and code blocks of an article: (figure type, node id) pairs.
ENUMERABLES: RecordKind[tuple[tuple[str, str], ...]] = RecordKind("enumerables")


def setup_articles(app: Sphinx) -> None:
    app.connect("source-read", read_metadata)
    app.add_transform(ArticleTransform)
    app.add_transform(ArticleEndTransform)
    children_only = (passthrough, passthrough)
    app.add_node(
        article_header,
        **visitors(
            children_only,
            html=(visit_header_html, depart_header_html),
            latex=(visit_header_latex, depart_header_latex),
        ),
    )
    app.add_node(
        article_nav,
        **visitors(
            children_only,
            html=(visit_nav_html, depart_nav_html),
            latex=(visit_nav_latex, depart_nav_latex),
        ),
    )
    register_view(ViewKind(NEIGHBOURS, resolve_neighbours, render_neighbours))
    app.connect("doctree-resolved", include_articles, priority=400)
    app.connect("env-get-updated", number_article_figures, priority=600)


# -- nodes -----------------------------------------------------------------


class article_header(nodes.container):  # noqa: N801
    """Dateline, dates, authors, reading time and tags under an article title."""


class article_nav(nodes.container):  # noqa: N801
    """Links to the previous and next article by date."""


def visit_header_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_header_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_nav_html(self: HTML5Translator, node: nodes.Element) -> None:
    attrs: dict[str, Any] = {"aria-label": _("More articles")}
    self.body.append(self.starttag(node, "nav", **attrs))


def depart_nav_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</nav>\n")


def visit_header_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\\begingroup\\small\\raggedright\n")


def depart_header_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\\endgroup\\par\\noindent\\rule{\\linewidth}{0.4pt}\\par\\medskip\n")


def visit_nav_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(
        "\n\\par\\medskip\\noindent\\rule{\\linewidth}{0.4pt}\\par\\begingroup\\small\n"
    )


def depart_nav_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\par\\endgroup\n")


# -- reading metadata -------------------------------------------------------------


#: How the metadata of a source is read, by the parser's file type.
_SYNTAXES = {"markdown": "markdown", "restructuredtext": "rst", "myst-nb": "markdown"}


def _syntax(app: Sphinx, docname: str) -> str | None:
    """``markdown``, ``rst``, ``notebook`` (``.ipynb`` with MyST-NB) or None."""
    suffix = Path(app.env.doc2path(docname)).suffix
    filetype = str(dict(app.config.source_suffix).get(suffix))
    if suffix == ".ipynb" and filetype == "myst-nb":
        return "notebook"
    return _SYNTAXES.get(filetype)


def _plain_myst(app: Sphinx, docname: str) -> bool:
    """Whether MyST-Parser itself (not MyST-NB) reads ``docname``."""
    suffix = Path(app.env.doc2path(docname)).suffix
    return str(dict(app.config.source_suffix).get(suffix)) == "markdown"


def read_metadata(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: read the metadata block ourselves, with line numbers.

    For Markdown, front matter that MyST would reject as a whole (one bad date)
    is handed to MyST in a form it accepts, so only the bad field is lost.
    """
    syntax = _syntax(app, docname)
    if syntax is None:
        return
    text = source[0]
    if syntax == "notebook":
        raw = frontmatter.read_notebook(text)
    elif syntax == "markdown":
        raw = frontmatter.read_markdown(text)
        plain = _plain_myst(app, docname)
        myst = None
        if is_article(raw, docname, app.config):
            title_heading = frontmatter.needs_title_heading(text, raw)
            myst = {"title_to_header": True} if title_heading else None
        fixed = frontmatter.sanitised_front_matter(
            text, raw, force=bool(raw.problems), myst=myst, dates_as_text=not plain
        )
        if fixed is not None:
            source[0] = fixed
    else:
        raw = frontmatter.read_rst(text)
    for problem in raw.problems:
        warn("article", problem.message, (docname, problem.line))
    app.env.temp_data[_RAW_KEY] = raw


def _raw_from_docinfo(document: nodes.document) -> frontmatter.RawMetadata:
    """Metadata of documents from other parsers, read off their docinfo."""
    raw = frontmatter.RawMetadata()
    for docinfo in document.findall(nodes.docinfo):
        for item in docinfo.children:
            if not isinstance(item, nodes.Element):
                continue
            line = item.line or 1
            if isinstance(item, nodes.field):
                key, text = item[0].astext(), item[1].astext()
            else:
                key, text = item.tagname, item.astext()
            value: Any = text
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except ValueError:
                    value = text
            raw.fields[key] = frontmatter.Field(key, value, line)
        break
    return raw


class ArticleTransform(SphinxTransform):
    """Validate an article's metadata, store its record, add header and links."""

    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        docname = env.docname
        raw = env.temp_data.pop(_RAW_KEY, None) or _raw_from_docinfo(self.document)
        if not is_article(raw, docname, self.config):
            _warn_undated_draft(raw, docname)
            return
        values, problems = frontmatter.validate(raw)
        for problem in problems:
            warn("article", problem.message, (docname, problem.line))
        config = settings(self.config)
        extra = config.metadata_keys
        for f in frontmatter.unknown_keys(raw, extra):
            hint = did_you_mean(f.key, frontmatter.ARTICLE_KEYS)
            warn(
                "article",
                f"unknown metadata key {f.key!r}{hint}; article keys are "
                f"{', '.join(frontmatter.ARTICLE_KEYS)} (or list it in newsbrief_metadata_keys)",
                (docname, f.line),
            )
        if not raw.has_key("date"):
            warn("article", "article has no 'date' (e.g. date: 2025-06-21)", (docname, raw.line))
        tags_line = raw.fields["tags"].line if "tags" in raw.fields else raw.line
        values["tags"] = self._tags(values.get("tags", ()), (docname, tags_line))
        words = _word_count(self.document)
        section, title = self._title_section(values.get("title", ""), docname, raw.line)
        article = make_article(docname, values, title, words, self.config)
        article = replace(article, tags_line=tags_line)
        get_store(env).put(ARTICLE, docname, article)
        position = section.first_child_matching_class(nodes.title)
        position = 0 if position is None else position + 1
        if article.tags and section["ids"]:
            section.insert(position, index_entries(article.tags, section["ids"][0]))
        if config.article_header:
            section.insert(position, build_header(article, env))
        self._note_enumerables(docname)
        if not config.articles_in_toctree:
            env.metadata[docname]["orphan"] = True

    def _note_enumerables(self, docname: str) -> None:
        """Remember the article's numbered tables, figures and code blocks."""
        std: Any = self.env.get_domain("std")
        found = []
        for node in self.document.findall(nodes.Element):
            figtype = std.get_enumerable_node_type(node) if node["ids"] else None
            if figtype and figtype != "section":
                found.append((figtype, node["ids"][0]))
        if found:
            get_store(self.env).put(ENUMERABLES, docname, tuple(found))

    def _tags(self, names: list[str], location: tuple[str, int]) -> tuple[str, ...]:
        """Front-matter tags, then those of ``{tags}`` and ``{tag}``, one per slug."""
        tags = list(normalise_tags(self.env, names, location))
        tags += [name for name, _line in take_pending_tags(self.env)]
        unique: dict[str, str] = {}
        for tag in tags:
            unique.setdefault(tag_slug(tag), tag)
        return tuple(unique.values())

    def _title_section(self, title: str, docname: str, line: int) -> tuple[nodes.Element, str]:
        """The section whose title is the page title, and that title.

        Without a front-matter ``title``, the first heading is the title. With
        one, it is the title unless the document is a single section headed
        by that same text; otherwise the whole body goes into a new section
        under the front-matter title (so several ``#`` headings, or only
        ``##`` headings, become its subsections).
        """
        top = [n for n in self.document.children if isinstance(n, nodes.section)]
        if top and isinstance(top[0][0], nodes.title):
            heading = top[0][0].astext()
            if not title:
                return top[0], heading
            if len(top) == 1 and _same_text(heading, title):
                return top[0], title
        if not title:
            warn("article", "article has no title: add a heading or 'title:'", (docname, line))
            title = docname
        section = nodes.section(ids=[make_id(env=self.env, document=self.document, term=title)])
        section += nodes.title(title, title)
        start = self.document.first_child_not_matching_class(
            (nodes.PreBibliographic, nodes.docinfo)  # type: ignore[arg-type]
        )
        if start is not None:
            section.extend(self.document.children[start:])
            del self.document.children[start:]
        self.document += section
        return section, title


class ArticleEndTransform(SphinxTransform):
    """Put the links to the previous and next article at the very end of an article.

    Runs after the transforms that append to the document (MyST collects
    footnotes at the end at priority 623), so nothing follows the links.
    """

    default_priority = 690

    def apply(self, **kwargs: Any) -> None:
        if get_store(self.env).get(ARTICLE, self.env.docname):
            _last_section(self.document).append(make_view(self.env, NEIGHBOURS, NoOptions()))


def _same_text(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _last_section(document: nodes.document) -> nodes.Element:
    """Where the end of the page is: the last top-level section, unless something
    visible follows it (MyST puts footnotes after the sections), else the document."""
    for child in reversed(document.children):
        if isinstance(child, nodes.section):
            return child
        if not isinstance(child, (nodes.Invisible, nodes.system_message)):
            return document
    return document


#: Parts of a doctree that readers do not read as the article's text: metadata,
#: comments, raw HTML or LaTeX (scripts, styles) and notebook cell outputs.
_NOT_READ = (
    nodes.docinfo,
    nodes.comment,
    nodes.system_message,
    nodes.substitution_definition,
    nodes.raw,
)


def _word_count(document: nodes.document) -> int:
    """Words a reader reads in the whole document (every section)."""
    count = 0
    stack: list[nodes.Node] = [
        child
        for child in document.children
        if not (isinstance(child, nodes.field_list) and child is document.children[0])
    ]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            count += len(node.split())
        elif isinstance(node, nodes.Element) and not (
            isinstance(node, _NOT_READ) or "cell_output" in node["classes"]
        ):
            stack.extend(node.children)
    return count


def _warn_undated_draft(raw: frontmatter.RawMetadata, docname: str) -> None:
    """``draft: true`` on a page without a date: it is not an article, say so."""
    draft = raw.fields.get("draft")
    if draft is None or str(draft.value).strip().lower() not in ("true", "yes", "on", "1"):
        return
    warn(
        "article",
        "'draft: true' on a page without a 'date': it is not an article, so it is built "
        "as an ordinary page and listed nowhere as a draft (add e.g. date: 2025-06-21)",
        (docname, draft.line),
    )


def is_article(raw: frontmatter.RawMetadata, docname: str, config: Config) -> bool:
    """An article has a ``date`` or matches ``newsbrief_article_patterns``."""
    if raw.has_key("date"):
        return True
    return any(fnmatchcase(docname, pattern) for pattern in settings(config).article_patterns)


def make_article(
    docname: str, values: dict[str, Any], title: str, words: int, config: Config
) -> Article:
    day = values.get("date", "")
    edition = values.get("edition") or frontmatter.edition_of(day, settings(config).edition_by)
    return Article(
        docname=docname,
        title=title,
        date=day,
        updated=values.get("updated", ""),
        authors=tuple(values.get("authors", ())),
        summary=values.get("summary", ""),
        tags=tuple(values.get("tags", ())),
        location=values.get("location", ""),
        edition=edition,
        draft=values.get("draft", False),
        comments=values.get("comments", True),
        words=words,
    )


# -- the header ------------------------------------------------------------------


def _joined(items: list[nodes.Node], sep: str) -> list[nodes.Node]:
    """``items`` with ``sep`` between them, each separator in an ``nb-sep`` span."""
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.inline(sep, sep, classes=["nb-sep"]))
        out.append(item)
    return out


def build_header(article: Article, env: BuildEnvironment) -> article_header:
    """The block under the title: builder-neutral nodes with ``nb-*`` classes."""
    config = env.config
    header = article_header(classes=["nb-article-header"])
    dateline = nodes.paragraph(classes=["nb-dateline"])
    if article.location:
        dateline += nodes.inline(article.location, article.location, classes=["nb-location"])
        dateline += nodes.Text(" \N{EM DASH} ")
    parts: list[nodes.Node] = []
    if article.date:
        parts.append(make_date(article.date, config))
    if article.updated:
        updated = nodes.inline(classes=["nb-updated"])
        updated += nodes.Text(_("Updated") + " ")
        updated += make_date(article.updated, config)
        parts.append(updated)
    if article.draft:
        parts.append(nodes.inline(_("Draft"), _("Draft"), classes=["nb-draft"]))
    dateline.extend(_joined(parts, " \N{MIDDLE DOT} "))
    header += dateline
    byline = nodes.paragraph(classes=["nb-byline"])
    if article.authors:
        authors = [nodes.inline(a, a, classes=["nb-author"]) for a in article.authors]
        byline += nodes.Text(_("By") + " ")
        byline.extend(_joined(list(authors), ", "))
        byline += nodes.Text(" \N{MIDDLE DOT} ")
    minutes = max(1, round(article.words / settings(config).words_per_minute))
    reading = _("%d min read") % minutes
    byline += nodes.inline(reading, reading, classes=["nb-reading-time"])
    header += byline
    if article.tags:
        tags = nodes.paragraph(classes=["nb-tags"])
        tags += nodes.inline(_("Tags:") + " ", _("Tags:") + " ", classes=["nb-label"])
        tags += taglinks_view(env, tag_items(article.tags))
        header += tags
    return header


# -- article lists and neighbours -------------------------------------------------


@dataclass(frozen=True)
class Neighbours:
    """The articles before and after one, by date."""

    older: ArticleEntry | None
    newer: ArticleEntry | None


NEIGHBOURS: ViewName[NoOptions] = ViewName("neighbours")


def resolve_neighbours(ctx: Context, docname: str, options: NoOptions) -> Neighbours:
    article = get_article(ctx, docname)
    if article is None:
        return Neighbours(None, None)
    ordered = articles_by_date(ctx)
    keys = ctx.cached("article-sort-keys", lambda: [a.sort_key for a in ordered])
    before = bisect_left(keys, article.sort_key)
    after = bisect_right(keys, article.sort_key)
    older = ordered[before - 1] if before > 0 else None
    newer = ordered[after] if after < len(ordered) else None
    return Neighbours(
        ArticleEntry.of(older) if older else None, ArticleEntry.of(newer) if newer else None
    )


def render_neighbours(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Neighbours
) -> list[nodes.Node]:
    if data.older is None and data.newer is None:
        return []
    nav = article_nav(classes=["nb-article-nav"])
    for entry, label, cls in (
        (data.older, _("Previous article"), "nb-prev"),
        (data.newer, _("Next article"), "nb-next"),
    ):
        if entry is None:
            continue
        para = nodes.paragraph(classes=[cls])
        para += nodes.inline(label, label, classes=["nb-label"])
        # HTML shows the label on a line of its own (the stylesheet hides this)
        para += nodes.inline(": ", ": ", classes=["nb-sep"])
        para += doc_link(app, fromdocname, entry.docname, entry.title)
        nav += para
    return [nav]


# -- single-output builders ---------------------------------------------------------

#: Builders that make one output from the root document and its toctrees.
ASSEMBLED_BUILDERS = ("singlehtml", "man", "texinfo")


def include_articles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Append the articles to the assembled root document, newest first.

    Articles live outside the toctree, so ``singlehtml``, ``man`` and
    ``texinfo`` would leave them out (and every link to them would point at
    nothing). Texinfo links only to documents it knows are in its output, so
    the articles are added to them first.
    """
    if app.builder.name not in ASSEMBLED_BUILDERS or docname != app.config.root_doc:
        return
    env = app.env
    included = {docname} | {n["docname"] for n in doctree.findall(addnodes.start_of_file)}
    articles = sorted(get_store(env).all(ARTICLE), key=lambda a: a.sort_key, reverse=True)
    missing = [a.docname for a in articles if a.docname not in included]
    known = getattr(app.builder, "docnames", None)
    if isinstance(known, set):
        known.update(missing)
    holder: nodes.Element = doctree
    if app.builder.name == "man" and missing:
        # man pages show no title of a top-level section: nest the articles a level down
        holder = nodes.section(ids=["newsbrief-articles"])
        holder += nodes.title(_("Articles"), _("Articles"))
        doctree.append(holder)
    for name in missing:
        tree = env.get_doctree(name)
        tree = inline_all_toctrees(app.builder, set(), name, tree, str, [name])
        env.resolve_references(tree, name, app.builder)
        start = addnodes.start_of_file(docname=name)
        start.extend(tree.children)
        holder.append(start)


# -- numbering ---------------------------------------------------------------------


def number_article_figures(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: number tables and figures of articles outside the toctree.

    Sphinx numbers only what its toctrees reach, so ``{numref}`` to a table in
    an article would fail. Articles get their own numbering (Table 1, 2, ...).
    Runs after Sphinx's own numbering, which starts afresh on every build.
    """
    store = get_store(env)
    for docname in sorted(env.found_docs):
        if docname in env.toc_fignumbers:
            continue
        records = store.get(ENUMERABLES, docname)
        if not records:
            continue
        numbers: dict[str, dict[str, tuple[int, ...]]] = {}
        for figtype, node_id in records[0]:
            per_type = numbers.setdefault(figtype, {})
            per_type[node_id] = (len(per_type) + 1,)
        env.toc_fignumbers[docname] = numbers
    return []

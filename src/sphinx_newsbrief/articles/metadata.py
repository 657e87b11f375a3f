"""Which documents are articles, and their metadata, validated and stored.

A document is an article when its metadata has a ``date`` or its docname
matches ``newsbrief_article_patterns``. Its metadata is read from the source
text on ``source-read`` (see :mod:`..frontmatter`), validated in
:class:`ArticleTransform`, stored as an :class:`.Article` record in the
collector, and shown in a header under the title (:mod:`.header`).
:class:`ArticleEndTransform` ends each article with its ``neighbours`` view.
"""

from __future__ import annotations

import json
from dataclasses import replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import make_id

from .. import frontmatter
from ..domain import get_store
from ..excerpts import excerpt_of
from ..nodes import index_entries
from ..records import (
    ARTICLE,
    Article,
    DatedNote,
    normalise_tags,
    tag_slug,
    take_pending_notes,
    take_pending_tags,
)
from ..settings import settings
from ..util import end_of_page
from ..views import NoOptions, make_view
from ..warnings import did_you_mean, warn
from .header import build_header
from .neighbours import NEIGHBOURS
from .toctree import ENUMERABLES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_RAW_KEY = "newsbrief_raw_metadata"


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
        fixed = frontmatter.escaped_rst_fields(text, raw)
        if fixed is not None:
            source[0] = fixed
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
            _warn_unlogged_corrections(take_pending_notes(env), docname)
            return
        values = _checked_values(raw, docname, self.config)
        config = settings(self.config)
        tags_line = raw.fields["tags"].line if "tags" in raw.fields else raw.line
        values["tags"] = self._tags(values.get("tags", ()), (docname, tags_line))
        words = _word_count(self.document)
        section, title = self._title_section(values.get("title", ""), docname, raw.line)
        article = make_article(docname, values, title, words, self.config)
        excerpt = () if article.summary else excerpt_of(self.document, config.excerpt_words)
        notes = take_pending_notes(env)
        _check_note_dates(notes, article, docname)
        edition_line = raw.fields["edition"].line if "edition" in raw.fields else raw.line
        article = replace(
            article,
            tags_line=tags_line,
            edition_line=edition_line,
            line=raw.line,
            excerpt=excerpt,
            notes=notes,
        )
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
        # Only nodes with ids can be numbered, and the document knows them all:
        # most articles have no table or figure, and are done without a walk.
        if not any(
            std.get_enumerable_node_type(node) not in (None, "section")
            for node in self.document.ids.values()
        ):
            return
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
        first = top[0][0] if top and isinstance(top[0][0], nodes.title) else None
        heading = first.astext() if first is not None else ""
        if first is not None and not heading.strip():
            # MyST makes a heading of "#" and spaces a title of no text: it names
            # nothing (texinfo's writer asserts on it); the page title takes its place
            if not title:
                where = (docname, first.line or line)
                warn("article", "article has no title: add a heading or 'title:'", where)
                title = docname
            first[:] = [nodes.Text(title)]
            return top[0], title
        if first is not None:
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
            end_of_page(self.document).append(make_view(self.env, NEIGHBOURS, NoOptions()))


def _checked_values(raw: frontmatter.RawMetadata, docname: str, config: Config) -> dict[str, Any]:
    """The usable metadata values of an article; each problem is warned about."""
    values, problems = frontmatter.validate(raw)
    for problem in problems:
        warn("article", problem.message, (docname, problem.line))
    for f in frontmatter.unknown_keys(raw, settings(config).metadata_keys):
        hint = did_you_mean(f.key, frontmatter.ARTICLE_KEYS)
        warn(
            "article",
            f"unknown metadata key {f.key!r}{hint}; article keys are "
            f"{', '.join(frontmatter.ARTICLE_KEYS)} (or list it in newsbrief_metadata_keys)",
            (docname, f.line),
        )
    for f in frontmatter.ablog_keys(raw, settings(config).metadata_keys):
        warn(
            "article",
            f"{f.key!r} (an ABlog post key) has no place in an article and is ignored: "
            f"{frontmatter.ABLOG_KEYS[f.key]}",
            (docname, f.line),
        )
    if not raw.has_key("date"):
        warn("article", "article has no 'date' (e.g. date: 2025-06-21)", (docname, raw.line))
    return values


def _warn_unlogged_corrections(notes: tuple[DatedNote, ...], docname: str) -> None:
    for note in notes:
        if note.kind == "correction":
            warn(
                "article",
                "{correction} on a page that is not an article: it is shown here but not "
                "logged on the corrections page (give the page a 'date')",
                (docname, note.line),
            )


def _check_note_dates(notes: tuple[DatedNote, ...], article: Article, docname: str) -> None:
    for note in notes:
        if note.date and article.date and note.date[:10] < article.date[:10]:
            warn(
                "article",
                f"{{{note.kind}}} dated {note.date} is before the article's date ({article.date})",
                (docname, note.line),
            )


def _same_text(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


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


def register_article_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every article's ``{ref}`` label, its docname
    (``{ref}`briefs/2025-06-21-x```).

    Added once the documents are read, not while each is read: Sphinx looks
    through all labels each time it reads a document, so labels added one
    article at a time would make a full build quadratic in the articles. A
    label a document defines itself wins; the article's is then not added,
    with a warning when one of the two was read in this build.
    """
    std = env.domaindata["std"]
    labels: dict[str, Any] = std.setdefault("labels", {})
    anonlabels: dict[str, Any] = std.setdefault("anonlabels", {})
    reading = env.domaindata["newsbrief"].get("reading", set())
    for article in get_store(env).all(ARTICLE):
        docname = article.docname
        taken = labels.get(docname)
        if taken is None:
            labels[docname] = (docname, "", article.title)
            anonlabels[docname] = (docname, "")
        elif taken[0] != docname and (docname in reading or taken[0] in reading):
            warn(
                "article",
                f"the label {docname!r} is already defined in {taken[0]!r}; "
                "the article's own label is not added",
                (docname, article.line),
            )
    return []

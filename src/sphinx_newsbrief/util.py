"""Small helpers shared by the feature modules."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes
from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

T = TypeVar("T")
MESSAGE_CATALOG = "sphinx_newsbrief"
_ = get_translation(MESSAGE_CATALOG)


@lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """A stable, URL-safe slug: ``'North Korea'`` -> ``'north-korea'``.

    Letters of any script are kept (``'北朝鮮'`` stays as it is), accents are
    folded where they decompose, and everything else becomes ``-``.
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    slug = re.sub(r"[^\w]+", "-", folded).strip("-_")
    return slug.replace("_", "-")


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
        return page_safe(slug, text)
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"tag-{digest[:8]}"


#: Longest slug, in UTF-8 bytes: a page ``<slug>/page-12/index.html`` and a feed
#: ``<slug>.xml`` stay well inside the usual 255-byte limit of a file name.
MAX_SLUG_BYTES = 150
#: Slugs that would be the name of a generated index page (``tags/index``).
RESERVED_SLUGS = ("index",)


def page_safe(slug: str, text: str) -> str:
    """``slug``, or a stable variant that can name a page: never ``index`` (the
    folder's own index page), never longer than :data:`MAX_SLUG_BYTES`.

    The variant ends with a digest of ``text``, so different names stay apart.
    """
    if slug not in RESERVED_SLUGS and len(slug.encode("utf-8")) <= MAX_SLUG_BYTES:
        return slug
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    head = slug.encode("utf-8")[: MAX_SLUG_BYTES - 9].decode("utf-8", "ignore").rstrip("-")
    return f"{head}-{digest}"


def edition_slugs(editions: Iterable[str]) -> dict[str, str]:
    """The page slug of each edition name: distinct, and safe as a page name.

    Names whose slugs coincide (``2025 W25`` and ``2025-W25``) get ``-2``,
    ``-3``... in sorted order of the names.
    """
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for edition in sorted(set(editions)):
        base = page_safe(slugify(edition) or "edition", edition)
        slug, number = base, 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        slugs[edition] = slug
    return slugs


def user_set(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` set ``name`` (not Sphinx's default)."""
    return name in getattr(config, "_raw_config", {}) or name in getattr(config, "_overrides", {})


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The title of an ordinary page (one that is not an article)."""
    title = env.titles.get(docname)
    return title.astext() if title is not None and title.astext() else docname


def count_articles(count: int) -> str:
    """``'1 article'`` or ``'3 articles'``, translated."""
    return _("1 article") if count == 1 else _("%d articles") % count


def table_row(cells: Sequence[nodes.Node], classes: Sequence[str] = ()) -> nodes.row:
    """A table row with one entry per cell."""
    row = nodes.row(classes=list(classes))
    for content in cells:
        row += nodes.entry("", content)
    return row


def _paragraph(content: nodes.Node | str) -> nodes.Node:
    """A cell's content: a node as it is, text as a paragraph."""
    return content if isinstance(content, nodes.Node) else nodes.paragraph(content, content)


def table_group(
    headers: Sequence[nodes.Node | str],
    rows: Iterable[Sequence[nodes.Node | str]],
    widths: Sequence[int],
    row_classes: Sequence[Sequence[str]] = (),
) -> nodes.tgroup:
    """The columns (one per width), head row and body rows of a table.

    Text cells become paragraphs; ``row_classes[n]`` are the classes of body row ``n``.
    """
    group = nodes.tgroup(cols=len(widths))
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += table_row([_paragraph(h) for h in headers])
    group += head
    body = nodes.tbody()
    for number, cells in enumerate(rows):
        classes = row_classes[number] if number < len(row_classes) else ()
        body += table_row([_paragraph(c) for c in cells], classes)
    group += body
    return group


def make_table(
    headers: Sequence[nodes.Node | str],
    rows: Iterable[Sequence[nodes.Node | str]],
    widths: Sequence[int],
    classes: Sequence[str] = (),
    row_classes: Sequence[Sequence[str]] = (),
) -> nodes.table:
    """A builder-neutral table: a head row and body rows, one column per width.

    A table with a title or a ``:name:`` is made by hand around :func:`table_group`.
    """
    table = nodes.table(classes=list(classes))
    table += table_group(headers, rows, widths, row_classes)
    return table


def end_of_page(document: nodes.document) -> nodes.Element:
    """Where things that end a page go (comments, previous/next links).

    The last top-level section, unless something visible follows it (MyST
    puts footnotes after the sections); else the document itself.
    """
    for child in reversed(document.children):
        if isinstance(child, nodes.section):
            return child
        if not isinstance(child, (nodes.Invisible, nodes.system_message)):
            return document
    return document


def trailing_target(text: str) -> tuple[str, str] | None:
    """Split ``"words <target>"`` into ``("words", "target")``; None without a final ``<...>``.

    Linear in the length of ``text`` (a regex with ``.*?\\s*<`` takes quadratic time
    on long runs of spaces). The target may be empty; it holds no ``<`` or ``>``.
    """
    stripped = text.rstrip()
    if not stripped.endswith(">"):
        return None
    start = stripped.rfind("<")
    if start < 0 or ">" in stripped[start + 1 : -1]:
        return None
    return stripped[:start].rstrip(), stripped[start + 1 : -1]


def trailing_id(text: str) -> tuple[str, str] | None:
    """Split ``"words {#an-id}"`` into ``("words", "an-id")``; None without a final ``{#id}``.

    Linear in the length of ``text``, like :func:`trailing_target`.
    """
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return None
    start = stripped.rfind("{#")
    if start < 0:
        return None
    found = stripped[start + 2 : -1]
    if not _ID_TOKEN.match(found):
        return None
    return stripped[:start].rstrip(), found


_ID_TOKEN = re.compile(r"[A-Za-z0-9][\w.-]*\Z")

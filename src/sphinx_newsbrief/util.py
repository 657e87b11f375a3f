"""Small helpers shared by the feature modules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.util.i18n import format_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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


def per_config(config: Config, key: str, make: Callable[[], T]) -> T:
    """A value derived from ``config``, made once per configuration.

    It is kept on the config object under a ``_`` name: Sphinx does not
    pickle those, so a changed ``conf.py`` always gets a fresh value (the
    build environment, in contrast, is pickled whole).
    """
    name = f"_newsbrief_{key}"
    if name not in config.__dict__:
        config.__dict__[name] = make()
    return cast("T", config.__dict__[name])


def user_set(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` set ``name`` (not Sphinx's default)."""
    return name in getattr(config, "_raw_config", {}) or name in getattr(config, "_overrides", {})


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The title of an ordinary page (one that is not an article)."""
    title = env.titles.get(docname)
    return title.astext() if title is not None and title.astext() else docname


def display_date(iso: str, config: Config) -> str:
    """Format an ISO date or datetime for readers, in the site's language."""
    return _display_date(iso, config.newsbrief_date_format, config.language)


@lru_cache(maxsize=8192)
def _display_date(iso: str, fmt: str, language: str) -> str:
    try:
        moment = datetime.fromisoformat(iso) if len(iso) > 10 else None
        if moment is None:
            day = date.fromisoformat(iso)
            moment = datetime(day.year, day.month, day.day)
    except ValueError:
        return iso
    return format_date(fmt, date=moment, language=language)


def doc_uri(app: Sphinx, fromdocname: str, docname: str) -> str | None:
    """The builder's URI of ``docname`` seen from ``fromdocname``, if it has one.

    Builders without one (LaTeX for an article outside the PDF; man pages,
    whose URIs are all empty) link to the published HTML page when
    ``newsbrief_site_url`` is set, else get None.
    """
    try:
        uri: str | None = relative_link(app, fromdocname, docname)
    except NoUri:
        uri = None
    if uri or (uri == "" and docname == fromdocname):
        return uri
    site = str(app.config.newsbrief_site_url or "")
    if not site:
        return None
    suffix = app.config.html_file_suffix or ".html"
    return f"{site.rstrip('/')}/{quote(docname)}{suffix}"


def relative_link(app: Sphinx, fromname: str, toname: str) -> str:
    """``builder.get_relative_uri``, remembered for the rest of the build.

    Listings and generated pages link the same pages many times over; the
    answer depends only on the builder and the two names.
    """
    builder: Any = app.builder
    cache: dict[tuple[str, str], str] | None = getattr(builder, "_newsbrief_uris", None)
    if cache is None:
        cache = builder._newsbrief_uris = {}
    key = (fromname, toname)
    if key not in cache:
        cache[key] = builder.get_relative_uri(fromname, toname)
    return cache[key]


def project_files(app: Sphinx) -> frozenset[str]:
    """Output paths that the project's ``html_extra_path`` copies into the site.

    Read once per build (kept on the builder): pages ask for every page.
    """
    builder: Any = app.builder
    cached: frozenset[str] | None = getattr(builder, "_newsbrief_extra_files", None)
    if cached is None:
        found: set[str] = set()
        for entry in app.config.html_extra_path:
            path = Path(app.confdir, entry)
            if path.is_file():
                found.add(path.name)
            elif path.is_dir():
                found.update(q.relative_to(path).as_posix() for q in path.rglob("*") if q.is_file())
        cached = builder._newsbrief_extra_files = frozenset(found)
    return cached


def doc_link(app: Sphinx, fromdocname: str, docname: str, text: str) -> nodes.Node:
    """A reference to ``docname`` with ``text``, or plain text for builders without URIs.

    LaTeX only has URIs for documents that are part of the PDF; other
    articles are named without a link.
    """
    uri = doc_uri(app, fromdocname, docname)
    if uri is None:
        return nodes.inline(text, text, classes=["nb-title"])
    internal = "://" not in uri
    ref = nodes.reference("", "", internal=internal, refuri=uri, classes=["nb-title"])
    ref += nodes.inline(text, text)
    return ref


def count_articles(count: int) -> str:
    """``'1 article'`` or ``'3 articles'``, translated."""
    return _("1 article") if count == 1 else _("%d articles") % count


def table_row(cells: Sequence[nodes.Node], classes: Sequence[str] = ()) -> nodes.row:
    """A table row with one entry per cell."""
    row = nodes.row(classes=list(classes))
    for content in cells:
        row += nodes.entry("", content)
    return row

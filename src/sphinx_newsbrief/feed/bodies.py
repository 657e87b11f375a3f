"""Article bodies for full-content feeds, carried from page writing to feed writing.

With ``newsbrief_feed_content = "full"`` a feed entry holds the article's body
as the page shows it. The body is known only when the page is written, and
with ``-j`` pages are written by worker processes, while feeds are written in
the main process on ``html-collect-pages``, after every page. So on
``html-page-context`` of each article page :func:`capture_body` cleans the
body (:func:`.markup.feed_html`, against the article's absolute URL) and keeps
it in a file of the build's cache, ``<doctreedir>/newsbrief-feed/<builder>/
<docname>.json``: never in the source directory, never in the site. A page
Sphinx does not write again keeps the body it had, so an incremental build
gives the feeds a clean build gives.

When a body is missing (the cache was deleted, or was made for another site
URL), :class:`Bodies` renders the article's doctree itself, as the builder
would, rather than leave the entry without its content.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..config import feeds_enabled
from ..domain import context_of
from ..records import Article, get_article
from ..settings import settings
from .atom import absolute
from .markup import feed_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Folder of the cache, under the doctree directory (one subfolder per builder).
CACHE = "newsbrief-feed"
#: Bumped when what a cache file holds changes shape: older files are not used.
FORMAT = 1


def full_content(app: Sphinx) -> bool:
    """Whether this build's feeds carry the articles' bodies."""
    return feeds_enabled(app) and settings(app.config).feed_content == "full"


def cache_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / CACHE / app.builder.name


def _cache_file(app: Sphinx, docname: str) -> Path:
    return cache_dir(app) / f"{docname}.json"


def capture_body(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: keep an article page's body for the feeds."""
    if doctree is None or not full_content(app):
        return
    body = context.get("body")
    if not isinstance(body, str) or get_article(context_of(app), pagename) is None:
        return
    url = absolute(app, pagename)
    _store(app, pagename, url, feed_html(body, url))


def _store(app: Sphinx, docname: str, url: str, html: str) -> None:
    path = _cache_file(app, docname)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    data = {"format": FORMAT, "url": url, "html": html}
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)


def _load(app: Sphinx, docname: str, url: str) -> str | None:
    """The kept body of ``docname`` if it was made for ``url`` (else None)."""
    try:
        data = json.loads(_cache_file(app, docname).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("url") != url:
        return None
    html = data.get("html")
    return html if isinstance(html, str) else None


class Bodies:
    """The feed body of each article (a :data:`.atom.Contents`), read once per build."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self._bodies: dict[str, str] = {}
        #: Articles whose body had to be rendered again (no usable cache file).
        self.rendered: list[str] = []

    def __call__(self, article: Article) -> str:
        docname = article.docname
        if docname not in self._bodies:
            url = absolute(self.app, docname)
            html = _load(self.app, docname, url)
            if html is None:
                html = feed_html(render_body(self.app, docname), url)
                _store(self.app, docname, url, html)
                self.rendered.append(docname)
            self._bodies[docname] = html
        return self._bodies[docname]


#: Builder attributes that writing one document sets (restored after :func:`render_body`).
_WRITING_STATE = ("imgpath", "dlpath", "secnumbers", "fignumbers", "current_docname")


def render_body(app: Sphinx, docname: str) -> str:
    """The body HTML of ``docname`` as the builder's ``write_doc`` makes it.

    Its warnings were given when the page was written, so they are not repeated.
    """
    builder: Any = app.builder
    env = app.env
    saved = {name: getattr(builder, name, None) for name in _WRITING_STATE}
    uri = builder.get_target_uri(docname)
    try:
        with logging.suppress_logging():
            doctree = _resolved_doctree(app, docname)
            builder.imgpath = relative_uri(uri, builder.imagedir)
            builder.dlpath = relative_uri(uri, "_downloads")
            builder.secnumbers = env.toc_secnumbers.get(docname, {})
            builder.fignumbers = env.toc_fignumbers.get(docname, {})
            builder.current_docname = docname
            builder.post_process_images(doctree)  # the images it shows are copied too
            doctree.settings = builder.docsettings
            visitor = builder.create_translator(doctree, builder)
            doctree.walkabout(visitor)
            return "".join(visitor.fragment)
    finally:
        for name, value in saved.items():
            setattr(builder, name, value)


def _resolved_doctree(app: Sphinx, docname: str) -> Any:
    resolve = app.env.get_and_resolve_doctree
    if "tags" in inspect.signature(resolve).parameters:  # Sphinx 8.2 and later
        return resolve(docname, app.builder, tags=app.builder.tags)
    return resolve(docname, app.builder)


def prune(app: Sphinx) -> None:
    """Remove the kept bodies of documents that are gone."""
    folder = cache_dir(app)
    if not folder.is_dir():
        return
    found = app.env.found_docs
    for path in folder.rglob("*.json"):
        if path.relative_to(folder).as_posix().removesuffix(".json") not in found:
            path.unlink(missing_ok=True)

"""An article's body as a feed entry carries it: cleaned HTML with absolute URLs.

:func:`feed_html` parses the body of an article page (the HTML Sphinx wrote,
``context["body"]``) with the standard library's :class:`html.parser.HTMLParser`
and writes it again:

- without what belongs to the page rather than the article: the page title
  (the first ``<h1>``), the elements of :data:`.nodes.PAGE_ONLY_CLASSES` (the
  article header, the previous/next links, the comments embed) and the
  headerlink ``¶`` anchors;
- without active content: ``<script>``, ``<style>``, ``<iframe>`` and their
  kin with everything inside them, ``on*`` event attributes, style attributes
  that could fetch or run anything, comments and processing instructions;
- with every URL (``href``, ``src``, ``srcset`` ...) absolute against the
  article's own address, so ``#anchor``, ``../_images/x.png`` and
  ``other.html`` work in a feed reader; ``mailto:`` and absolute ``http(s)``
  URLs are kept; a URL with any other scheme (``javascript:``, ``data:`` but
  for images in ``src``) is dropped.

Every text and attribute value is escaped again on output, and every element
is closed, so what comes out is well-formed whatever went in.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, urljoin

from ..nodes import PAGE_ONLY_CLASSES

#: Elements left out with everything inside them.
DROPPED = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "noframes",
        "plaintext",
        "template",
        "base",
        "link",
        "meta",
        # SVG animation can set an attribute to a javascript: URL
        "animate",
        "animatemotion",
        "animatetransform",
        "set",
        "handler",
        "listener",
    }
)
#: Elements that have no end tag.
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
#: Classes of elements left out with their content: the page's, not the article's.
DROPPED_CLASSES = frozenset({"headerlink", *PAGE_ONLY_CLASSES})
#: Attributes that hold one URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "poster", "cite", "action", "formaction", "background", "longdesc", "data"}
    | {"usemap", "xlink:href", "lowsrc", "dynsrc"}
)
#: Attributes always left out: event handlers are too (any name starting with ``on``).
DROPPED_ATTRIBUTES = frozenset({"srcdoc", "ping"})
#: URL schemes a feed entry may link to (any other is dropped).
SAFE_SCHEMES = frozenset(
    {"http", "https", "mailto", "tel", "ftp", "ftps", "news", "nntp", "irc", "ircs", "xmpp"}
)
#: ``data:`` URLs kept in ``src``: raster images only (no SVG, no HTML).
_DATA_IMAGE = re.compile(r"data:image/(png|gif|jpe?g|webp|avif);", re.IGNORECASE)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NAME = re.compile(r"[a-zA-Z_][-a-zA-Z0-9_.:]*\Z")
#: Style attributes that mention one of these are dropped (fetching, scripting).
_RISKY_STYLE = ("url(", "expression", "javascript", "behavior", "binding", "@import", "\\")
#: Characters a URI may hold as they are (the rest is percent-encoded).
_URI_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def feed_html(body: str, base: str) -> str:
    """``body`` cleaned for a feed entry, its URLs absolute against ``base``."""
    parser = _FeedHTML(base)
    parser.feed(body)
    parser.close()
    return parser.result()


def absolute_url(value: str, base: str, attribute: str = "href") -> str | None:
    """``value`` as an absolute URL against ``base``; None for a URL that must go."""
    url = _CONTROL.sub("", value).strip()
    scheme = _SCHEME.match(url)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name == "data":
            keep = attribute == "src" and _DATA_IMAGE.match(url) is not None
            return url if keep else None
        if name not in SAFE_SCHEMES:
            return None
        return quote(url, safe=_URI_SAFE)
    return quote(urljoin(base, url), safe=_URI_SAFE)


def _srcset(value: str, base: str) -> str | None:
    """A ``srcset`` with each candidate's URL absolute (None when none is left)."""
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if not parts:
            continue
        url = absolute_url(parts[0], base, "srcset")
        if url is not None:
            candidates.append(" ".join([url, *parts[1:]]))
    return ", ".join(candidates) or None


class _FeedHTML(HTMLParser):
    """Writes back what it parses, minus what a feed entry must not hold."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.out: list[str] = []
        #: Open elements (written or dropped), innermost last.
        self.stack: list[str] = []
        #: Depth in ``stack`` of the element being dropped, if any.
        self.dropping: int | None = None
        self.title_seen = False
        #: Whether the last thing parsed was a dropped element (its line break goes too).
        self.after_drop = False

    def result(self) -> str:
        while self.stack:
            self._close_one()
        return "".join(self.out).strip()

    # -- elements ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _NAME.match(tag):
            return
        if self.dropping is not None:
            if tag not in VOID:
                self.stack.append(tag)
            return
        if self._drops(tag, attrs):
            if tag in VOID:
                self.after_drop = True
            else:
                self.dropping = len(self.stack)
                self.stack.append(tag)
            return
        self.after_drop = False
        self.out.append(f"<{tag}{self._attributes(attrs)}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return  # a stray end tag (</script> in text, </br>) is left out
        while self.stack and self._close_one() != tag:
            pass

    def _close_one(self) -> str:
        tag = self.stack.pop()
        depth = len(self.stack)
        if self.dropping is None or depth < self.dropping:
            self.out.append(f"</{tag}>")
            self.after_drop = False
        if self.dropping is not None and depth <= self.dropping:
            self.dropping = None
            self.after_drop = True
        return tag

    def _drops(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in DROPPED:
            return True
        classes = set((dict(attrs).get("class") or "").split())
        if classes & DROPPED_CLASSES:
            return True
        if tag == "h1" and not self.title_seen:
            self.title_seen = True
            return True
        return False

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> str:
        written = []
        for name, raw in attrs:
            value = _CONTROL.sub("", raw or "")
            if not _NAME.match(name) or name.startswith("on") or name in DROPPED_ATTRIBUTES:
                continue
            kept: str | None = value
            if name in URL_ATTRIBUTES:
                kept = absolute_url(value, self.base, name)
            elif name in ("srcset", "imagesrcset"):
                kept = _srcset(value, self.base)
            elif name == "style" and any(s in value.lower() for s in _RISKY_STYLE):
                kept = None
            if kept is not None:
                written.append(f' {name}="{escape(kept, quote=True)}"')
        return "".join(written)

    # -- everything else ----------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.dropping is not None:
            return
        if self.after_drop and (not self.out or self.out[-1].endswith("\n")):
            data = data.removeprefix("\n")  # no empty line where something was dropped
        self.after_drop = False
        if data:
            self.out.append(escape(_CONTROL.sub(_keep_space, data), quote=False))

    def handle_comment(self, data: str) -> None:
        """Comments are left out (conditional comments included)."""

    def handle_decl(self, decl: str) -> None:
        """Declarations (``<!DOCTYPE>``) are left out."""

    def handle_pi(self, data: str) -> None:
        """Processing instructions are left out."""

    def unknown_decl(self, data: str) -> None:
        """``<![CDATA[...]]>`` and other marked sections are left out."""


def _keep_space(match: re.Match[str]) -> str:
    """Tabs and line breaks stay; other control characters go."""
    return match.group() if match.group() in "\t\n\r" else ""

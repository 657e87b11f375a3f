"""The comments embed under each article: giscus or utterances (``newsbrief_comments``).

When ``newsbrief_comments`` names a provider, :class:`CommentsTransform`
appends a :class:`comments_node` to each article whose front matter does not
say ``comments: false``, at the end of the article: after its content (and
the footnotes MyST collects there) and before the previous/next links, which
come at priority 690. Only the ``html`` and ``dirhtml`` builders write it: a
"Comments" heading, a lead-in sentence and the provider's script tag, every
attribute value escaped. Every other builder (``singlehtml``, epub, LaTeX,
text, man, texinfo) skips it. Since the node is added as documents are read,
the option's ``rebuild`` is ``"env"``.

Without a ``theme`` in the settings, the embed follows the page: a small
inline script reads the theme's own switch (furo: ``body[data-theme]``;
pydata-sphinx-theme and sphinx-book-theme: ``html[data-theme]``), sets the
provider's theme before its script runs and tells its frame when the reader
switches. A theme without a switch (alabaster) gets the light theme; furo's
"auto" gets the provider's "follow the OS" theme, as the stylesheets do.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .domain import get_store
from .nodes import COMMENTS_CLASS
from .records import ARTICLE
from .settings import CommentEmbed, settings
from .util import _, end_of_page
from .visitors import skip, visitors

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Builders whose pages carry the embed (one article per page).
COMMENT_BUILDERS = ("html", "dirhtml")


def setup_comments(app: Sphinx) -> None:
    app.add_node(comments_node, **visitors((skip, None), html=(visit_comments_html, None)))
    app.add_transform(CommentsTransform)


class comments_node(nodes.General, nodes.Element):  # noqa: N801
    """Where an article's comments go; only HTML pages of one article show them."""


def visit_comments_html(self: HTML5Translator, node: nodes.Element) -> None:
    embed = settings(self.builder.config).comments
    if embed is not None and self.builder.name in COMMENT_BUILDERS:
        self.body.append(comments_html(embed))
    raise nodes.SkipNode


def comments_html(embed: CommentEmbed) -> str:
    """The box: heading, lead-in, the provider's script (and the theme follower)."""
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in embed.attributes)
    # With the theme follower, the tag is inert (a type browsers do not run) and the
    # follower starts a copy once the page's theme is set on it: an async script may
    # run before the inline script after it, and would read the theme placeholder.
    inert = f' type="{INERT_TYPE}"' if embed.follow_themes else ""
    script = (
        f'<script{inert} src="{escape(embed.src)}"{attributes} crossorigin="anonymous" async>'
        "</script>\n"
    )
    return (
        f'<section class="{COMMENTS_CLASS} {COMMENTS_CLASS}-{embed.provider}" '
        'aria-labelledby="nb-comments-title">\n'
        f'<h2 id="nb-comments-title">{escape(_("Comments"))}</h2>\n'
        f'<p class="nb-comments-lead">'
        f"{escape(_('Leave a comment: sign in with GitHub to join the discussion.'))}</p>\n"
        f"{script}{_theme_follower(embed)}</section>\n"
    )


#: The type of the provider's tag until the theme follower starts it.
INERT_TYPE = "text/x-newsbrief-comments"
#: Keeps the embed's theme on the page's: set before the provider's script runs,
#: sent to its frame when the reader switches (and once the frame first speaks).
_FOLLOWER = """<script>(function () {
  var inert = document.currentScript.previousElementSibling, names = %(names)s;
  var embed = document.createElement("script");
  function theme() {
    var root = document.documentElement, mode = document.body.getAttribute("data-theme")
      || root.getAttribute("data-theme") || root.getAttribute("data-mode");
    if (mode === "auto" || mode === "") return names[2];  // pydata: "" until resolved
    return mode === "dark" ? names[1] : names[0];
  }
  function send() {
    var frame = document.querySelector(%(frame)s);
    if (frame) frame.contentWindow.postMessage(%(message)s, %(origin)s);
  }
  Array.prototype.forEach.call(inert.attributes, function (a) {
    if (a.name !== "type") embed.setAttribute(a.name, a.value);
  });
  embed.setAttribute(%(attribute)s, theme());
  embed.async = true;
  inert.parentNode.replaceChild(embed, inert);
  var observer = new MutationObserver(send), watched = {attributeFilter: ["data-theme"]};
  observer.observe(document.body, watched);
  observer.observe(document.documentElement, watched);
  window.addEventListener("message", function first(event) {
    if (event.origin !== %(origin)s) return;
    window.removeEventListener("message", first);
    send();
  });
})();</script>
"""
_MESSAGES = {
    "giscus": "{giscus: {setConfig: {theme: theme()}}}",
    "utterances": '{type: "set-theme", theme: theme()}',
}


def _theme_follower(embed: CommentEmbed) -> str:
    if not embed.follow_themes:
        return ""
    origin = embed.src.split("/client.js")[0]
    return _FOLLOWER % {
        "names": json.dumps(list(embed.follow_themes)),
        "frame": json.dumps(f"iframe.{embed.provider}-frame"),
        "message": _MESSAGES[embed.provider],
        "origin": json.dumps(origin),
        "attribute": json.dumps(embed.theme_attribute),
    }


class CommentsTransform(SphinxTransform):
    """Append the comments node to an article that takes comments.

    Runs after MyST collects footnotes at the end (priority 623) and before
    the previous/next links are appended (priority 690), in the same place.
    """

    default_priority = 680

    def apply(self, **kwargs: Any) -> None:
        if settings(self.config).comments is None:
            return
        records = get_store(self.env).get(ARTICLE, self.env.docname)
        if records and records[0].comments:
            end_of_page(self.document).append(comments_node())

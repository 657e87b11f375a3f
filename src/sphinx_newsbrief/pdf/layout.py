"""How a brief and an edition look in print: LaTeX template elements and nodes.

Sphinx renders every LaTeX document from one template whose parts
(``maketitle``, ``tableofcontents``, ``preamble``, ...) are *elements* of the
builder's context. A brief replaces the manual's title page, contents and
index with a compact title block, running header and footer and PDF
metadata; an edition opens with a masthead and contents. The macros live in
``texinputs/sphinxnewsbrief.sty``; every string from an author is escaped
here for LaTeX (:func:`tex`) or for PDF metadata.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from ..nodes import display_date
from ..records import tag_name
from ..util import _, count_articles, user_set

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

    from ..domain import Context
    from ..records import Article
    from .plan import PdfDocument

#: Engines that read UTF-8 and OpenType fonts (the scripts package needs one).
UNICODE_ENGINES = ("xelatex", "lualatex")
#: The print fonts, switched per script (xelatex; it does nothing under other engines).
SCRIPTS_PACKAGE = "\\usepackage{sphinxnewsbriefscripts}"


#: Control characters: TeX stops at each ("Text line contains an invalid character").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Longest source line :func:`tex` writes: TeX reads a line into a buffer of 200,000
#: characters and stops the run past it ("Please increase buf_size").
_LINE = 1000


class headline(nodes.title):  # noqa: N801 - docutils naming
    """An article's title inside an edition: a headline with its dek, in the contents."""


def visit_headline_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    text = _lines(self.escape(" ".join(node.astext().split())))
    dek = _lines(self.escape(" ".join(_CONTROL.sub("", node.get("dek", "")).split())))
    section = node.parent
    self.body.append(
        "\n\\clearpage\\phantomsection"
        f"\\addcontentsline{{toc}}{{section}}{{{text}}}"
        f"{self.hypertarget_to(section)}"
        f"\\nbheadline{{{text}}}{{{dek}}}\n"
    )
    raise nodes.SkipNode


def tex(app: Sphinx, text: str) -> str:
    """``text`` escaped for LaTeX, as one paragraph (long text in lines of about 1,000
    characters, which TeX reads as spaces)."""
    return _lines(escape(" ".join(_CONTROL.sub("", str(text)).split()), app.config.latex_engine))


def _lines(words: str) -> str:
    """Escaped one-line text in lines of about :data:`_LINE` characters (at spaces)."""
    if len(words) <= _LINE:
        return words
    lines, line = [], ""
    for word in words.split(" "):
        if line and len(line) + len(word) >= _LINE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


class TablesWithABody(SphinxPostTransform):
    """LaTeX: a table of header rows only gets an empty body.

    Sphinx's LaTeX footnote pass looks for the body of every table and stops
    the build (``StopIteration``) when there is none, as for a Markdown table
    of one header row (``a |`` above ``---``). Plain Sphinx + MyST-Parser stop
    the same way on such a table in a document of the toctree; the extension
    brings every article into the LaTeX output, so it must not let an article
    stop the PDF (found by ``bench/fuzz.py``, seed 82954). The header row is
    printed as it is.
    """

    default_priority = 5  # before LaTeXFootnoteTransform (600)
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for tgroup in self.document.findall(nodes.tgroup):
            if not any(isinstance(child, nodes.tbody) for child in tgroup.children):
                tgroup += nodes.tbody()


def drop_control_characters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, LaTeX, last: control characters out of the text.

    Front-matter values may hold them (written as YAML escapes) and they reach
    headers, listings and index entries; Sphinx's escaping passes them on and TeX
    stops at each ("Text line contains an invalid character").
    """
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        if _CONTROL.search(text) and text.parent is not None:
            text.parent.replace(text, nodes.Text(_CONTROL.sub("", text)))
    for index in doctree.findall(addnodes.index):
        index["entries"] = [
            tuple(_CONTROL.sub("", part) if isinstance(part, str) else part for part in entry)
            for entry in index["entries"]
        ]


def site_name(app: Sphinx) -> str:
    """The site's name: ``html_title`` if the project set it, else ``project``."""
    config = app.config
    if user_set(config, "html_title") and str(config.html_title or "").strip():
        return str(config.html_title).strip()
    return str(config.project or "")


def _shortened(text: str, limit: int = 70) -> str:
    """``text`` cut at a word boundary to fit a running head."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "\N{HORIZONTAL ELLIPSIS}"


#: Longest value of a PDF document information field.
_METADATA = 500


def _metadata(app: Sphinx, title: str, author: str, subject: str, keywords: list[str]) -> str:
    """``\\hypersetup`` of the PDF's document information (escaped as text)."""
    fields = {
        "pdftitle": title,
        "pdfauthor": author,
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(keywords),
        "pdfcreator": "sphinx-newsbrief",
    }
    # cut: hyperref converts each value to a PDF string in time that grows fast with
    # its length (a 100 kB summary kept xelatex busy for over ten minutes)
    body = ",\n  ".join(
        f"{key}={{{tex(app, _shortened(value, _METADATA))}}}" for key, value in fields.items()
    )
    # after the template's own settings, including the title page's (which we drop)
    return "\\AtBeginDocument{\\hypersetup{\n  " + body + "}}\n"


def _running(app: Sphinx, left: str, right: str, foot: str) -> str:
    """Running header (site, title) and footer (date, page x of y)."""
    page = (
        tex(app, _("Page %(page)s of %(pages)s"))
        .replace("\\%(page)s", "\\thepage{}")
        .replace("\\%(pages)s", "\\pageref*{LastPage}")
    )
    return f"\\nbrunning{{{tex(app, left)}}}{{{tex(app, right)}}}{{{tex(app, foot)}}}{{{page}}}\n"


def _preamble(app: Sphinx, context: dict[str, Any]) -> str:
    """The user's preamble, then the brief style."""
    return "\n".join([context.get("preamble", ""), "\\usepackage{sphinxnewsbrief}"]) + "\n"


def _authors(articles: tuple[Article, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for article in articles:
        seen.update(dict.fromkeys(article.authors))
    return list(seen)


def _keywords(ctx: Context, articles: tuple[Article, ...]) -> list[str]:
    names: dict[str, None] = {}
    for article in articles:
        names.update(dict.fromkeys(tag_name(ctx, t) for t in article.tags))
    return list(names)


def common_elements(app: Sphinx, context: dict[str, Any]) -> dict[str, Any]:
    """What briefs and editions share: no title page, index or chapter style."""
    elements: dict[str, Any] = {
        "preamble": _preamble(app, context),
        "printindex": "",
        "makeindex": "",
        "fncychap": "",
        "release": "",
        "releasename": "",
        "geometry": (
            "\\usepackage[hmargin=2.2cm,top=2.6cm,bottom=2.4cm,"
            "headheight=14pt,headsep=0.8cm,footskip=1cm]{geometry}"
        ),
        "extraclassoptions": ",".join(
            o for o in (context.get("extraclassoptions", ""), "oneside") if o
        ),
    }
    if app.config.latex_engine == "xelatex":
        elements["fontpkg"] = SCRIPTS_PACKAGE  # fonts for every script the briefs print
    return elements


def brief_elements(
    app: Sphinx, ctx: Context, doc: PdfDocument, context: dict[str, Any]
) -> dict[str, Any]:
    """Template elements of a one-article brief."""
    article = doc.articles[0]
    site = site_name(app)
    config = app.config
    date = display_date(article.date, config) if article.date else ""
    authors = _authors(doc.articles)
    elements = common_elements(app, context)
    kicker = tex(app, site)
    elements["maketitle"] = (
        f"\\nbtitleblock{{{kicker}}}{{{tex(app, article.title)}}}{{{tex(app, article.summary)}}}"
    )
    elements["tableofcontents"] = ""
    elements["date"] = tex(app, date)
    elements["preamble"] += _metadata(
        app, article.title, ", ".join(authors), article.summary, _keywords(ctx, doc.articles)
    )
    elements["preamble"] += _running(app, site, _shortened(article.title), date)
    return elements


def edition_elements(
    app: Sphinx, ctx: Context, doc: PdfDocument, context: dict[str, Any]
) -> dict[str, Any]:
    """Template elements of an edition: masthead, contents, running heads."""
    config = app.config
    site = site_name(app)
    first, last = doc.articles[0], doc.articles[-1]
    dates = [display_date(a.date, config) for a in (first, last) if a.date]
    span = " \N{EN DASH} ".join(dict.fromkeys(dates))
    name = _("Edition %s") % doc.edition
    count = count_articles(len(doc.articles))
    elements = common_elements(app, context)
    elements["maketitle"] = (
        f"\\nbmasthead{{{tex(app, site)}}}{{{tex(app, name)}}}"
        f"{{{tex(app, span)}}}{{{tex(app, count)}}}"
    )
    elements["tableofcontents"] = "\\nbcontents\n"
    elements["date"] = tex(app, span)
    summary = "; ".join(a.title for a in doc.articles)
    elements["preamble"] += _metadata(
        app,
        f"{site}: {name}",
        ", ".join(_authors(doc.articles)),
        summary,
        _keywords(ctx, doc.articles),
    )
    elements["preamble"] += _running(app, site, name, span)
    return elements

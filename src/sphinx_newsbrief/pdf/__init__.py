"""Printable briefs and PDF editions (``newsbrief_pdf``).

When the LaTeX builder has written the project's own documents, one more
``.tex`` file is written per article (a brief) and per edition, beside them
in the LaTeX output folder, with the style files they load; Sphinx's
``make all-pdf`` (``sphinx-build -M latexpdf``) compiles every ``.tex`` file
there. Each is assembled and translated as Sphinx does its own documents
(:mod:`.assemble`), with the brief's or edition's template elements
(:mod:`.layout`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.frontend import get_default_settings
from sphinx.util import logging
from sphinx.util.display import status_iterator
from sphinx.writers.latex import LaTeXWriter

from ..domain import context_of
from ..settings import settings
from ..util import user_set
from .assemble import assemble_brief, assemble_edition
from .layout import (
    SCRIPTS_PACKAGE,
    UNICODE_ENGINES,
    TablesWithABody,
    brief_elements,
    drop_control_characters,
    edition_elements,
    headline,
    tex,
    visit_headline_latex,
)
from .plan import BRIEF, PdfDocument, planned_documents

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.latex import LaTeXBuilder
    from sphinx.config import Config

logger = logging.getLogger(__name__)
TEXINPUTS = Path(__file__).parent / "texinputs"


def setup_pdf(app: Sphinx) -> None:
    app.add_node(headline, latex=(visit_headline_latex, None))
    app.add_post_transform(TablesWithABody)
    app.connect("doctree-resolved", drop_control_characters, priority=900)
    app.connect("config-inited", default_engine, priority=500)
    app.connect("builder-inited", print_fonts)
    app.connect("build-finished", write_pdf_documents)


def default_engine(app: Sphinx, config: Config) -> None:
    """With ``newsbrief_pdf`` on, LaTeX runs on xelatex unless the project chose an engine.

    Names in Korean, Persian or Cyrillic need an engine with Unicode fonts;
    pdflatex stops at the first character it has no glyph for. The index
    stays on ``makeindex`` (Sphinx picks xindy for xelatex, which Debian's
    TeX Live packages used here do not include).
    """
    wanted = settings(config)
    if (wanted.pdf_briefs or wanted.pdf_editions) and not user_set(config, "latex_engine"):
        config.latex_engine = "xelatex"
        if not user_set(config, "latex_use_xindy"):  # Sphinx's xelatex default; not in TeX Live
            config.latex_use_xindy = False


def print_fonts(app: Sphinx) -> None:
    """The whole-site PDF gets the briefs' fonts when the extension chose xelatex.

    With pdflatex, Sphinx sets Times and Helvetica look-alikes (TeX Gyre Termes
    and Heros); the same fonts, with the other scripts switched in, keep the
    project's PDF looking as it did. A project that sets the engine or the
    fonts itself keeps its choice.
    """
    config = app.config
    wanted = settings(config)
    if (
        app.builder.name != "latex"
        or not (wanted.pdf_briefs or wanted.pdf_editions)
        or user_set(config, "latex_engine")
        or "fontpkg" in config.latex_elements
    ):
        return
    context = cast("LaTeXBuilder", app.builder).context
    context["fontpkg"] = SCRIPTS_PACKAGE
    _copy_texinputs(Path(app.builder.outdir))


def write_pdf_documents(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the ``.tex`` file of every brief and edition."""
    if exception is not None or app.builder.name != "latex":
        return
    builder = cast("LaTeXBuilder", app.builder)
    docs = planned_documents(app)
    _remove_stale(Path(builder.outdir), {doc.target for doc in docs})
    if not docs:
        return
    _copy_texinputs(Path(builder.outdir))
    docsettings = get_default_settings(LaTeXWriter)  # type: ignore[arg-type]
    for key, value in app.env.settings.items():
        setattr(docsettings, key, value)
    context, docnames = builder.context, builder.docnames
    try:
        for doc in status_iterator(
            docs,
            "writing briefs and editions... ",
            "darkgreen",
            len(docs),
            app.verbosity,
            stringify_func=lambda d: f"{d.target}.tex",
        ):
            builder.context = dict(context)
            _write(app, builder, doc, docsettings)
    finally:
        builder.context, builder.docnames = context, docnames
    builder.copy_image_files()


def _write(app: Sphinx, builder: LaTeXBuilder, doc: PdfDocument, docsettings: Any) -> None:
    ctx = context_of(app)
    theme = builder.themes.get("howto")
    if doc.kind == BRIEF:
        tree = assemble_brief(app, builder, doc)
        elements = brief_elements(app, ctx, doc, builder.context)
    else:
        tree = assemble_edition(app, builder, doc, docsettings)
        elements = edition_elements(app, ctx, doc, builder.context)
    _check_scripts(app, doc, tree)
    for empty in tree.findall(nodes.title):
        if not empty.children:  # a heading of white space only: Sphinx's writer needs a child
            empty += nodes.Text("")
    tree["docclass"] = theme.docclass
    tree["contentsname"] = ""
    tree["tocdepth"] = None
    builder.post_process_images(tree)
    title = doc.articles[0].title if doc.kind == BRIEF else doc.edition
    authors = ", ".join(dict.fromkeys(n for a in doc.articles for n in a.authors))
    builder.update_doc_context(tex(app, title), tex(app, authors), theme)
    builder.update_context()
    builder.context.update(elements)
    docsettings._author = authors
    docsettings._title = title
    docsettings._contentsname = ""
    docsettings._docname = doc.articles[0].docname
    docsettings._docclass = theme.name
    tree.settings = docsettings
    visitor = builder.create_translator(tree, builder, theme)
    if doc.kind != BRIEF:  # each article's title is a headline, none is the document's title
        visitor.this_is_the_title = 0  # type: ignore[attr-defined]
    tree.walkabout(visitor)
    output: str = visitor.astext()  # type: ignore[attr-defined]
    destination = Path(builder.outdir) / f"{doc.target}.tex"
    if not destination.is_file() or destination.read_text(encoding="utf-8") != output:
        destination.write_text(output, encoding="utf-8")


#: The briefs and editions the last build wrote, one file name per line (in the output folder).
MANIFEST = ".newsbrief-pdf"


def _remove_stale(outdir: Path, targets: set[str]) -> None:
    """Delete the ``.tex`` and ``.pdf`` of briefs and editions that no longer exist.

    An article deleted or moved to another edition must not leave its old
    document behind for ``make all-pdf`` to compile again.
    """
    manifest = outdir / MANIFEST
    before = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else set()
    for stale in sorted(before - targets):
        for suffix in (".tex", ".pdf"):
            (outdir / f"{stale}{suffix}").unlink(missing_ok=True)
    if targets or manifest.is_file():
        outdir.mkdir(parents=True, exist_ok=True)
        manifest.write_text("".join(f"{t}\n" for t in sorted(targets)), encoding="utf-8")


def _copy_texinputs(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    for source in sorted(TEXINPUTS.glob("*.sty")):
        target = outdir / source.name
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)


#: Scripts pdflatex cannot set without language packages this extension does not load.
_WIDE_SCRIPTS = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, ...
    (0x0900, 0x1CFF),  # Indic, Southeast Asian, Georgian, Hangul Jamo, ...
    (0x2E80, 0xD7FF),  # CJK, Hangul syllables
    (0xF900, 0xFAFF),
    (0xFB1D, 0xFEFF),  # presentation forms
)


def _check_scripts(app: Sphinx, doc: PdfDocument, tree: nodes.document) -> None:
    """Warn when pdflatex is asked to print text in a script it cannot set."""
    if app.config.latex_engine in UNICODE_ENGINES:
        return
    text = tree.astext()
    for char in dict.fromkeys(text):
        if any(low <= ord(char) <= high for low, high in _WIDE_SCRIPTS):
            logger.warning(
                "%s.tex: %r (U+%04X) cannot be printed with latex_engine = %r; "
                "use 'xelatex' (the default with newsbrief_pdf when conf.py sets no engine)",
                doc.target,
                char,
                ord(char),
                app.config.latex_engine,
                type="newsbrief",
                subtype="pdf",
            )
            return

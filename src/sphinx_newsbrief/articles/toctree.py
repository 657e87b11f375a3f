"""What articles, kept outside the toctree, would otherwise miss.

Builders that assemble one output from the root document and its toctrees
(``singlehtml``, ``man``, ``texinfo``) get the articles appended; and tables,
figures and code blocks of articles get numbers, which Sphinx gives only to
what its toctrees reach.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.nodes import inline_all_toctrees

from ..domain import RecordKind, get_store
from ..nodes import single_page_id
from ..records import ARTICLE
from ..util import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Numbered tables, figures and code blocks of an article: (figure type, node id) pairs.
ENUMERABLES: RecordKind[tuple[tuple[str, str], ...]] = RecordKind("enumerables")

# -- single-output builders ---------------------------------------------------------

#: Builders that make one output from the root document and its toctrees.
ASSEMBLED_BUILDERS = ("singlehtml", "man", "texinfo", "latex")


def include_articles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Append the published articles (not drafts) to the assembled root document, newest first.

    Articles live outside the toctree, so ``singlehtml``, ``man``,
    ``texinfo`` and the whole-site PDF (the LaTeX document that starts at the
    root document) would leave them out, and every link to them would point
    at nothing. Texinfo and LaTeX link only to documents they know are in their
    output, so the articles are added to those first.
    """
    if app.builder.name not in ASSEMBLED_BUILDERS or docname != app.config.root_doc:
        return
    env = app.env
    if get_store(env).get(ARTICLE, docname):  # the root is itself a brief: its own output
        return
    included = {docname} | {n["docname"] for n in doctree.findall(addnodes.start_of_file)}
    published = (a for a in get_store(env).all(ARTICLE) if not a.draft)
    articles = sorted(published, key=lambda a: a.sort_key, reverse=True)
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
        holder.append(article_part(app, name))


def article_part(app: Sphinx, name: str) -> addnodes.start_of_file:
    """The resolved doctree of article ``name``, to be included in an assembled output.

    Wrapped in ``start_of_file`` as Sphinx wraps each document it inlines; in
    LaTeX the article's section also gets the ``:doc`` label that links to a
    document point at. The builder must already count ``name`` among its
    documents (LaTeX and Texinfo resolve links only to those).
    """
    env = app.env
    tree = env.get_doctree(name)
    tree = inline_all_toctrees(app.builder, set(), name, tree, str, [name])
    env.resolve_references(tree, name, app.builder)
    start = addnodes.start_of_file(docname=name)
    start.extend(tree.children)
    if app.builder.format == "latex":  # the label Sphinx gives each document it includes
        section = start.next_node(nodes.section)
        if section is not None:
            section["ids"].append(":doc")
    if app.builder.name == "texinfo":
        for title in start.findall(nodes.title):
            text = title.astext()
            if isinstance(title.parent, nodes.section) and not texinfo_node_name(text):
                # Sphinx's own name for a section with no title
                title[:] = [nodes.Text(f"{text.strip()} <untitled>".lstrip())]
    return start


def texinfo_node_name(heading: str) -> str:
    """The name Sphinx's texinfo writer gives the node of a section with ``heading``.

    It asserts that the name is not empty, which it is for a heading of only
    spaces (MyST's ``##`` and spaces) or of ``,:()`` and dots (``# :::``).
    Sphinx's own rule (``TexinfoTranslator.escape_id``), without the escaping.
    """
    name = re.sub(r"[,:()]", " ", heading)
    if re.search(r"[^ .]", name):
        name = name.replace(".", " ")
    return " ".join(name.split())


#: Ids each document numbers on its own: boxes and claims, answers, notes, questions.
_OWN_IDS = re.compile(r"nb-(?:uncertainty|answer|update|correction)-\d+|nbq-.+")


def qualify_single_page_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``singlehtml``: make the extension's ids unique on the one page.

    Each document numbers its boxes and answers from 1, so two articles on
    one page would share ``nb-answer-1``; each id becomes
    :func:`..nodes.single_page_id` of its document, which is where
    :func:`..nodes.anchored` points the links. Other builders keep the ids.
    """
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    stack: list[tuple[nodes.Element, str]] = [(doctree, docname)]
    while stack:
        node, owner = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            owner = node["docname"]
        ids = node.get("ids")
        if ids:
            node["ids"] = [single_page_id(owner, i) if _OWN_IDS.fullmatch(i) else i for i in ids]
        stack.extend((child, owner) for child in node.children if isinstance(child, nodes.Element))


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


# -- the sidebar's toctree ------------------------------------------------------------


def share_toctree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: one sidebar toctree per folder for pages outside the toctree.

    Themes call ``toctree()`` on every page; Sphinx resolves and renders the
    site's toctree again each time. For a page that no toctree includes (every
    article, every generated page) the result depends only on the folder the
    page is written to (the relative links): nothing in it is marked current
    and nothing is expanded for it. So it is made once per folder and set of
    arguments, and shared. Pages in the toctree keep Sphinx's own function.
    """
    builder: Any = app.builder
    if type(builder)._get_local_toctree is not StandaloneHTMLBuilder._get_local_toctree:
        return  # singlehtml and other builders with a toctree of their own
    if "toctree" not in context or pagename == app.config.root_doc:
        return
    included: set[str] | None = getattr(builder, "_newsbrief_in_toctrees", None)
    if included is None:
        included = {d for docs in app.env.toctree_includes.values() for d in docs}
        builder._newsbrief_in_toctrees = included
    if pagename in included or pagename in app.env.toctree_includes:
        return
    cache: dict[tuple[str, str], str] = builder.__dict__.setdefault("_newsbrief_toctrees", {})
    folder = posixpath.dirname(builder.get_target_uri(pagename))
    own = context["toctree"]

    def toctree(**kwargs: Any) -> str:
        key = (folder, repr(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = own(**kwargs)
        return cache[key]

    context["toctree"] = toctree

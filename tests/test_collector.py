"""The cross-document collector: incremental rebuilds and parallel builds.

Each scenario builds a project, changes it, rebuilds incrementally and checks
(1) that the output equals a clean build of the changed project and (2) that
only the pages whose content changed were written again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sphinx
from helpers import build, bump, clean_content, content, copy_root, mtimes

from sphinx_newsbrief.domain import get_store
from sphinx_newsbrief.records import ARTICLE


@pytest.fixture
def project(rootdir, tmp_path):
    return copy_root(rootdir, tmp_path, "briefs")


def _rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page in after if before.get(page) != after[page]}


def test_edit_title_updates_listing_and_neighbours(make_app, project, tmp_path):
    app = build(make_app, project)
    outdir = Path(app.outdir)
    before = mtimes(outdir)
    b = project / "b.md"
    b.write_text(b.read_text().replace("# Bravo analysis", "# Bravo, renamed"))
    bump(b)
    build(make_app, project)
    after = content(outdir)
    assert "Bravo, renamed" in after["index.html"]
    assert "Bravo analysis" not in after["index.html"]
    assert after == clean_content(make_app, project, tmp_path)
    # index and other list b; a and c link to it as a neighbour; the pages of its tags and
    # edition and the archive list it; d, the draft and the other tag pages do not show it
    assert _rewritten(before, mtimes(outdir)) == {
        *("index.html", "other.html", "a.html", "b.html", "c.html"),
        *("tags/news.html", "tags/north-korea.html", "editions/2025-w26.html"),
        *("archive/index.html", "archive/2025.html"),
    }


def test_body_edit_rewrites_only_that_page(make_app, project, tmp_path):
    app = build(make_app, project)
    outdir = Path(app.outdir)
    before = mtimes(outdir)
    a = project / "a.md"
    a.write_text(a.read_text() + "\nAnother paragraph of body text.\n")
    bump(a)
    build(make_app, project)
    # Sphinx before 8.2 rewrites the root document on every build that writes anything
    expected = {"a.html"} | ({"index.html"} if sphinx.version_info < (8, 2) else set())
    assert _rewritten(before, mtimes(outdir)) == expected
    assert content(outdir) == clean_content(make_app, project, tmp_path)


def test_delete_article(make_app, project, tmp_path):
    app = build(make_app, project)
    outdir = Path(app.outdir)
    before = mtimes(outdir)
    (project / "d.md").unlink()
    app2 = build(make_app, project)
    assert get_store(app2.env).get(ARTICLE, "d") == []
    after = content(outdir)
    after.pop("d.html")  # Sphinx leaves the old output file of a deleted document
    assert "Delta update" not in after["index.html"]
    assert after == clean_content(make_app, project, tmp_path)
    # c loses its next article, the draft e gets c as previous; index and other list d, so do
    # the pages of its tags and edition and the archive; the indexes count its tags and edition
    assert _rewritten(before, mtimes(outdir)) == {
        *("index.html", "other.html", "c.html", "e.html"),
        *("tags/news.html", "tags/iran.html", "editions/2025-w26.html", "archive/index.html"),
        *("tags/index.html", "editions/index.html", "archive/2025.html"),
    }


def test_add_article_and_change_tags(make_app, project, tmp_path):
    app = build(make_app, project)
    outdir = Path(app.outdir)
    (project / "f.md").write_text(
        "---\ndate: 2025-06-21\ntags: [Iran]\nsummary: New.\n---\n# Foxtrot\n\nBody.\n"
    )
    c = project / "c.md"
    c.write_text(c.read_text().replace("tags: [Sanctions]", "tags: [Trade]"))
    bump(c)
    build(make_app, project)
    after = content(outdir)
    assert "Foxtrot" in after["index.html"]
    assert after == clean_content(make_app, project, tmp_path)


def test_unchanged_rebuild_writes_nothing(make_app, project):
    app = build(make_app, project)
    outdir = Path(app.outdir)
    before = mtimes(outdir)
    build(make_app, project)
    assert _rewritten(before, mtimes(outdir)) == set()


def test_body_edit_then_conf_change(make_app, project, tmp_path):
    """A body edit leaves every listing's inputs as they were, so nothing else is
    recomputed; a changed ``conf.py`` value that only Sphinx knows (``project``)
    (``language``, outside Sphinx's HTML config hash and the extension's settings)
    still reaches the generated pages and the sidebars of the next build."""
    app = build(make_app, project)
    outdir = Path(app.outdir)
    a = project / "a.md"
    a.write_text(a.read_text() + "\nAnother paragraph of body text.\n")
    bump(a)
    build(make_app, project)
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'language = "de"\n')
    bump(conf)
    build(make_app, project)
    after = content(outdir)
    assert "Schlagwörter" in after["tags/index.html"]
    assert after == clean_content(make_app, project, tmp_path)


def _many(src: Path, n: int = 24) -> None:
    for i in range(n):
        tag = ["Iran", "North Korea", "Sanctions"][i % 3]
        (src / f"art{i:02d}.md").write_text(
            f"---\ndate: 2025-05-{i + 1:02d}\ntags: [News, {tag}]\nsummary: S{i}.\n---\n"
            f"# Article {i}\n\nBody {i}.\n"
        )


@pytest.fixture
def parallel_reads(monkeypatch):
    """Record the documents read by worker processes."""
    from sphinx.builders import Builder

    calls: list[int] = []
    original = Builder._read_parallel

    def spy(self, docnames, nproc):
        calls.append(len(docnames))
        return original(self, docnames, nproc)

    monkeypatch.setattr(Builder, "_read_parallel", spy)
    return calls


def test_parallel_build_matches_serial(make_app, rootdir, tmp_path, parallel_reads):
    outputs = []
    for jobs in (1, 2):
        src = copy_root(rootdir, tmp_path, "briefs", dest=f"j{jobs}")
        _many(src)
        app = build(make_app, src, parallel=jobs, freshenv=True)
        assert len(list(get_store(app.env).all(ARTICLE))) == 29
        assert bool(parallel_reads) == (jobs == 2)
        outputs.append(content(Path(app.outdir)))
    assert outputs[0] == outputs[1]
    assert "Article 23" in outputs[1]["index.html"]


def test_parallel_incremental(make_app, rootdir, tmp_path, parallel_reads):
    src = copy_root(rootdir, tmp_path, "briefs")
    _many(src)
    build(make_app, src, parallel=2)
    target = src / "art05.md"
    target.write_text(target.read_text().replace("# Article 5", "# Article five"))
    bump(target)
    (src / "art06.md").unlink()
    app = build(make_app, src, parallel=2)
    # Sphinx 7 reads serially when five documents or fewer changed
    assert parallel_reads == ([31] if sphinx.version_info < (8,) else [31, 1])
    got = content(Path(app.outdir))
    got.pop("art06.html")  # the output file of a deleted document stays behind
    assert "Article five" in got["index.html"]
    assert got == clean_content(make_app, src, tmp_path)


def _page(outdir: Path, main_html: str) -> Path:
    outdir.mkdir(parents=True)
    (outdir / "page.html").write_text(
        f"<html><head><title>T</title></head><body>{main_html}</body></html>", encoding="utf-8"
    )
    return outdir


def test_content_compares_markup_and_ignores_what_means_nothing(tmp_path):
    """Incremental and clean builds are compared page by page, markup included."""
    base = '<div role="main"><p class="nb-a nb-b">Text <a href="x.html">link</a></p></div>'
    same = content(_page(tmp_path / "one", base))
    # the same text and links in other markup is a different page
    others = (
        base.replace("nb-a nb-b", "nb-a"),
        base.replace("<p ", "<div ").replace("</p>", "</div>"),
        base.replace('href="x.html"', 'href="x.html" id="stale"'),
    )
    for number, other in enumerate(others):
        assert content(_page(tmp_path / f"other{number}", other)) != same, other
    # class order, and the build's own folder in the text, are not differences
    reordered = base.replace("nb-a nb-b", "nb-b nb-a").replace("Text", str(tmp_path / "two"))
    assert content(_page(tmp_path / "two", reordered)) == content(
        _page(tmp_path / "three", base.replace("Text", str(tmp_path / "three")))
    )


@pytest.mark.parametrize("builder", ["html", "dirhtml", "epub"])
def test_what_the_views_made_is_freed_when_its_page_is_written(make_app, project, builder):
    """The nodes views make while pages are written (tag, author and neighbour
    links) are freed as soon as their page's HTML is made, by reference counting
    alone: left in the finished doctree, whose nodes point to their parents,
    they would wait for a full garbage collection (the write phase's growth in
    memory at 1,000 articles, bench/README.md). (``singlehtml`` writes one page
    from every article's doctree; what it made is freed with that page's tree.)"""
    import gc
    import weakref

    from docutils import nodes

    made: dict[str, list[weakref.ref[nodes.Node]]] = {}
    alive_after: dict[str, int] = {}

    def remember(app, doctree, docname):
        made[docname] = [
            weakref.ref(node)
            for node in doctree.findall(nodes.reference)
            if {"nb-tag", "nb-title", "nb-author"} & set(node["classes"])
        ]

    def count(app, pagename, templatename, context, doctree):
        if made.get(pagename):
            alive_after[pagename] = sum(ref() is not None for ref in made.pop(pagename))

    app = make_app(builder, srcdir=project, freshenv=True)
    app.connect("doctree-resolved", remember, priority=999)
    app.connect("html-page-context", count, priority=999)
    gc.disable()
    try:
        app.build()
    finally:
        gc.enable()
    assert {"a", "b", "c"} <= alive_after.keys(), alive_after
    assert sum(alive_after.values()) == 0, alive_after
    page = {"html": "a.html", "dirhtml": "a/index.html", "epub": "a.xhtml"}[builder]
    assert "nb-tag-news" in (Path(app.outdir) / page).read_text()

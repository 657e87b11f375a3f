"""The cross-document collector: incremental rebuilds and parallel builds.

Each scenario builds a project, changes it, rebuilds incrementally and checks
(1) that the output equals a clean build of the changed project and (2) that
only the pages whose content changed were written again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup

from sphinx_newsbrief.domain import get_store
from sphinx_newsbrief.records import ARTICLE

ROOT = Path(__file__).parent / "roots" / "test-briefs"
DOCS = ("index", "other", "a", "b", "c", "d", "e")


def _bump(path: Path) -> None:
    """Make sure Sphinx sees the file as changed."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _content(outdir: Path) -> dict[str, str]:
    """Main content of every page, as normalised text with link targets."""
    pages = {}
    for page in sorted(outdir.glob("*.html")):
        if page.stem in ("genindex", "search"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.find(attrs={"role": "main"})
        links = [a.get("href") for a in body.find_all("a")]
        pages[page.stem] = " ".join(body.get_text(" ").split()) + repr(links)
    return pages


def _mtimes(outdir: Path) -> dict[str, int]:
    return {
        d: (outdir / f"{d}.html").stat().st_mtime_ns
        for d in DOCS
        if (outdir / f"{d}.html").exists()
    }


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def _build(make_app, src: Path, **kwargs):
    app = make_app("html", srcdir=src, **kwargs)
    app.build()
    return app


def _clean_build(make_app, src: Path, tmp_path: Path) -> dict[str, str]:
    clean = tmp_path / "clean"
    if clean.exists():
        shutil.rmtree(clean)
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build"))
    return _content(Path(_build(make_app, clean, freshenv=True).outdir))


def _rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {d for d in after if before.get(d) != after[d]}


def test_edit_title_updates_listing_and_neighbours(make_app, project, tmp_path):
    app = _build(make_app, project)
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    b = project / "b.md"
    b.write_text(b.read_text().replace("# Bravo analysis", "# Bravo, renamed"))
    _bump(b)
    _build(make_app, project)
    after = _content(outdir)
    assert "Bravo, renamed" in after["index"]
    assert "Bravo analysis" not in after["index"]
    assert after == _clean_build(make_app, project, tmp_path)
    # index and other list b; a and c link to it as a neighbour; d and the draft do not show it
    assert _rewritten(before, _mtimes(outdir)) == {"index", "other", "a", "b", "c"}


def test_body_edit_rewrites_only_that_page(make_app, project, tmp_path):
    app = _build(make_app, project)
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    a = project / "a.md"
    a.write_text(a.read_text() + "\nAnother paragraph of body text.\n")
    _bump(a)
    _build(make_app, project)
    # Sphinx before 8.2 rewrites the root document on every build that writes anything
    expected = {"a"} | ({"index"} if sphinx.version_info < (8, 2) else set())
    assert _rewritten(before, _mtimes(outdir)) == expected
    assert _content(outdir) == _clean_build(make_app, project, tmp_path)


def test_delete_article(make_app, project, tmp_path):
    app = _build(make_app, project)
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    (project / "d.md").unlink()
    app2 = _build(make_app, project)
    assert get_store(app2.env).get(ARTICLE, "d") == []
    after = _content(outdir)
    after.pop("d")  # Sphinx leaves the old output file of a deleted document
    assert "Delta update" not in after["index"]
    assert after == _clean_build(make_app, project, tmp_path)
    # c loses its next article, the draft e gets c as previous; index and other list d
    assert _rewritten(before, _mtimes(outdir)) == {"index", "other", "c", "e"}


def test_add_article_and_change_tags(make_app, project, tmp_path):
    app = _build(make_app, project)
    outdir = Path(app.outdir)
    (project / "f.md").write_text(
        "---\ndate: 2025-06-21\ntags: [Iran]\nsummary: New.\n---\n# Foxtrot\n\nBody.\n"
    )
    c = project / "c.md"
    c.write_text(c.read_text().replace("tags: [Sanctions]", "tags: [Trade]"))
    _bump(c)
    _build(make_app, project)
    after = _content(outdir)
    assert "Foxtrot" in after["index"]
    assert after == _clean_build(make_app, project, tmp_path)


def test_unchanged_rebuild_writes_nothing(make_app, project):
    app = _build(make_app, project)
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    _build(make_app, project)
    assert _rewritten(before, _mtimes(outdir)) == set()


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


def test_parallel_build_matches_serial(make_app, tmp_path, parallel_reads):
    outputs = []
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(ROOT, src)
        _many(src)
        app = make_app("html", srcdir=src, parallel=jobs, freshenv=True)
        app.build()
        assert len(list(get_store(app.env).all(ARTICLE))) == 29
        assert bool(parallel_reads) == (jobs == 2)
        outputs.append(_content(Path(app.outdir)))
    assert outputs[0] == outputs[1]
    assert "Article 23" in outputs[1]["index"]


def test_parallel_incremental(make_app, tmp_path, parallel_reads):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    _many(src)
    app = make_app("html", srcdir=src, parallel=2)
    app.build()
    target = src / "art05.md"
    target.write_text(target.read_text().replace("# Article 5", "# Article five"))
    _bump(target)
    (src / "art06.md").unlink()
    app = make_app("html", srcdir=src, parallel=2)
    app.build()
    # Sphinx 7 reads serially when five documents or fewer changed
    assert parallel_reads == ([31] if sphinx.version_info < (8,) else [31, 1])
    got = _content(Path(app.outdir))
    got.pop("art06")  # the output file of a deleted document stays behind
    assert "Article five" in got["index"]
    assert got == _clean_build(make_app, src, tmp_path)

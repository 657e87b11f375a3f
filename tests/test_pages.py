"""Generated pages: what they show is their data; only pages that exist are linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import (
    broken_links,
    build,
    bump,
    clean_content,
    content,
    copy_root,
    main,
    mtimes,
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump(path)


# -- a page is rewritten when anything it shows changes ---------------------------


def test_tag_count_follows_an_article_into_a_later_page(make_app, rootdir, tmp_path):
    """Page 1 of a tag lists the same articles but a new count: it is rewritten."""
    src = copy_root(rootdir, tmp_path, "pages-stale")
    out = Path(build(make_app, src).outdir)
    assert main_count(build(make_app, src), "tags/news") == "3 articles"
    before = mtimes(out)
    _edit(src / "d.md", "tags: [Other]", "tags: [News]")  # the oldest: lands on page 2
    app = build(make_app, src)
    assert main_count(app, "tags/news") == "4 articles"
    assert main_count(app, "tags/news/page-2") == "4 articles"
    assert content(out) == clean_content(make_app, src, tmp_path)
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    assert {"tags/news.html", "tags/news/page-2.html"} <= rewritten


def test_vanished_later_pages_leave_no_empty_folder(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "pages-stale")
    out = Path(build(make_app, src).outdir)
    assert (out / "tags" / "news" / "page-2.html").is_file()  # 3 articles, 2 a page
    _edit(src / "c.md", "tags: [News]", "tags: [Other]")
    build(make_app, src)
    assert not (out / "tags" / "news").exists()  # as in a clean build
    assert (out / "tags" / "news.html").is_file()


def main_count(app, name: str) -> str:
    return main(app, name).select_one("p.nb-count").get_text()


# -- no empty index pages, no links to pages that are not there ----------------------


def _nav(outdir: Path) -> dict[str, list[tuple[str, str]]]:
    """The sidebar links to generated pages, per output page."""
    found = {}
    for page in sorted(outdir.rglob("*.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith("_") or rel in ("genindex.html", "search.html"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found[rel] = [(a.get_text(), a["href"]) for a in soup.select("nav.nb-sidebar-nav a")]
    return found


def _labels(links: list[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(label for label, _href in links)


def _more(app, name: str) -> list[str]:
    return [a.get_text() for a in main(app, name).select("p.nb-more a")]


def test_no_editions_no_tags_only_the_archive(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "pages-bare"))
    out = Path(app.outdir)
    assert (out / "archive" / "index.html").is_file()
    assert not (out / "editions").exists()  # newsbrief_edition_by = "none"
    assert not (out / "tags").exists()  # no article has a tag
    nav = _nav(out)
    assert {_labels(links) for links in nav.values()} == {("Archive",)}
    assert nav["index.html"] == [("Archive", "archive/index.html")]
    assert _more(app, "archive/index") == []
    assert broken_links(out) == []


STEPS = [
    # (file, old, new, index pages expected afterwards)
    ("one.md", "date: 2025-06-01\n", "date: 2025-06-01\ntags: [News]\n", ["Archive", "Tags"]),
    (
        "two.rst",
        ":date: 2025-06-02\n",
        ":date: 2025-06-02\n:edition: Summer\n",
        ["Archive", "Tags", "Editions"],
    ),
    ("one.md", "tags: [News]\n", "", ["Archive", "Editions"]),
    ("two.rst", ":edition: Summer\n", "", ["Archive"]),
]


def test_index_pages_come_and_go_with_their_entries(make_app, rootdir, tmp_path):
    """Incremental builds add and remove index pages and every link to them."""
    src = copy_root(rootdir, tmp_path, "pages-bare")
    out = Path(build(make_app, src).outdir)
    for name, old, new, expected in STEPS:
        _edit(src / name, old, new)
        app = build(make_app, src)
        nav = _nav(out)
        assert {_labels(links) for links in nav.values()} == {tuple(expected)}, (name, nav)
        wanted = {"Tags": "All tags", "Archive": "Archive", "Editions": "Editions"}
        assert _more(app, "archive/index") == [
            wanted[x] for x in ("Tags", "Archive", "Editions") if x in expected and x != "Archive"
        ]
        assert (out / "tags" / "index.html").is_file() == ("Tags" in expected)
        assert (out / "editions" / "index.html").is_file() == ("Editions" in expected)
        assert broken_links(out) == []
        assert content(out) == clean_content(make_app, src, tmp_path)
        assert nav == _nav(tmp_path / "clean" / "_build" / "html")


@pytest.mark.parametrize("builder", ["dirhtml"])
def test_no_empty_index_pages_in_dirhtml(make_app, rootdir, tmp_path, builder):
    app = build(make_app, copy_root(rootdir, tmp_path, "pages-bare"), builder)
    out = Path(app.outdir)
    assert (out / "archive" / "index.html").is_file()
    assert not (out / "editions").exists() and not (out / "tags").exists()
    assert broken_links(out) == []

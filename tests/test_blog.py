"""What a blog on ABlog has: excerpts, authors, years, labels, scheduled posts, ABlog keys."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import build, bump, copy_root, html, main, newsbrief_warnings, warnings
from sphinx.util.inventory import InventoryFile

ATOM = "{http://www.w3.org/2005/Atom}"
#: 2025-12-31 00:00 UTC: after every article but the one dated 2099.
BEFORE_2099 = "1767139200"
#: 2099-01-01 00:00 UTC: the future article's date has come.
ON_2099 = "4070908800"


@pytest.fixture
def before_2099(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_2099)


def _titles(element) -> list[str]:
    return [a.get_text(" ", strip=True) for a in element.select(".nb-brief-title a")]


def _feed_titles(outdir: Path, path: str = "feed.xml") -> list[str]:
    root = ET.parse(Path(outdir) / path).getroot()
    return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]


def _page_link(app) -> str:
    """The external link of the first post as its own page has it: with ``&`` as
    ``https://example.org/x?a=1&b=2`` (MyST-Parser 3 keeps ``&amp;`` in the address,
    and the excerpt shows the link as the page does)."""
    link = main(app, "posts/first").find("a", href=lambda h: h and "example.org/x" in h)
    assert link["href"].startswith("https://example.org/x?a=1&")
    return str(link["href"])


# -- excerpts -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_excerpt_keeps_inline_markup_in_listings(app, before_2099):
    app.build()
    listing = main(app, "index")
    first = next(
        li for li in listing.select("li.nb-brief") if "First post" in li.get_text()
    ).select_one(".nb-brief-summary")
    # 12 words (newsbrief_excerpt_words), then an ellipsis; the markup is kept
    shown = first.get_text(" ", strip=True)
    expected = "The opening paragraph has strong words , some code and a link"
    assert shown == f"{expected} \N{HORIZONTAL ELLIPSIS}"
    assert first.find("em").get_text() == "opening"
    assert first.find("strong").get_text() == "strong words"
    assert first.find("code").get_text() == "code"
    assert first.find("a")["href"] == _page_link(app)
    # a summary wins over the excerpt
    second = next(li for li in listing.select("li.nb-brief") if "Second post" in li.get_text())
    assert second.select_one(".nb-brief-summary").get_text() == "A hand-written summary."


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_excerpt_on_generated_pages_feeds_and_metadata(app, before_2099):
    app.build()
    archive = main(app, "archive/index")
    summary = next(
        li for li in archive.select("li.nb-brief") if "First post" in li.get_text()
    ).select_one(".nb-brief-summary")
    assert summary.find("em").get_text() == "opening"
    assert summary.find("a")["href"] == _page_link(app)
    text = "The opening paragraph has strong words, some code and a link \N{HORIZONTAL ELLIPSIS}"
    root = ET.parse(Path(app.outdir) / "feed.xml").getroot()
    entries = {e.findtext(f"{ATOM}title"): e for e in root.iter(f"{ATOM}entry")}
    assert entries["First post"].findtext(f"{ATOM}summary") == text
    assert entries["Third post"].findtext(f"{ATOM}summary") == "Short first paragraph."
    head = html(app, "posts/first").find("meta", attrs={"name": "description"})
    assert head["content"] == text


# -- authors ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_bylines_link_to_author_pages(app, before_2099):
    app.build()
    byline = main(app, "posts/second").select_one(".nb-byline")
    links = {a.get_text(): a["href"] for a in byline.select("a.nb-author")}
    # "Jane Doe" is the registry's name: the byline finds her by name, the first post by key
    assert links == {
        "Jane Doe": "../authors/jdoe.html",
        "Guest Writer": "../authors/guest-writer.html",
    }
    first = main(app, "posts/first").select_one(".nb-byline a.nb-author")
    assert (first.get_text(), first["href"]) == ("Jane Doe", "../authors/jdoe.html")


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_author_pages(app, before_2099):
    app.build()
    index = main(app, "authors/index")
    entries = [li.get_text(" ", strip=True) for li in index.select("ul.nb-index li")]
    assert entries == [
        "Guest Writer (2 articles)",
        "Jane Doe (2 articles) \N{EM DASH} Jane covers sanctions & <trade>.",
    ]
    page = main(app, "authors/jdoe")
    assert page.find("h1").get_text() == "Author: Jane Doe"
    assert page.select_one(".nb-intro").get_text() == "Jane covers sanctions & <trade>."
    assert page.select_one(".nb-count").get_text() == "2 articles"
    # newest first; the scheduled post is not there yet
    assert _titles(page) == ["Second post", "First post"]
    assert html(app, "authors/jdoe").title.get_text().startswith("Author: Jane Doe")


# -- years -------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_archive_by_year(app, before_2099):
    app.build()
    archive = main(app, "archive/index")
    years = [
        (a.get_text(), a["href"], a.find_next_sibling(class_="nb-count").get_text())
        for a in archive.select("ul.nb-index li a")
    ]
    assert years == [("2025", "2025.html", "(3 articles)"), ("2024", "2024.html", "(1 article)")]
    page = main(app, "archive/2025")
    assert page.find("h1").get_text() == "Archive: 2025"
    assert _titles(page) == ["Third post", "Moved from ABlog", "Second post"]
    assert [h.get_text() for h in page.select("section.nb-month h2")] == [
        "June 2025",
        "February 2025",
        "January 2025",
    ]
    assert _titles(main(app, "archive/2024")) == ["First post"]


# -- labels -------------------------------------------------------------------------------


LABELS = {
    "Tags": "tags/index.html",
    "Tag: News": "tags/news.html",
    "Archive": "archive/index.html",
    "Archive: 2024": "archive/2024.html",
    "Editions": "editions/index.html",
    "Edition 2025-06": "editions/2025-06.html",
    "Authors": "authors/index.html",
    "Author: Jane Doe": "authors/jdoe.html",
    "The first post": "posts/first.html",
    "Second post": "posts/second.html",
}


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_labels_resolve_to_articles_and_generated_pages(app, before_2099):
    app.build()
    links = {a.get_text(): a["href"] for a in main(app, "refs").select("li a.reference")}
    assert links == LABELS
    assert [w for w in warnings(app) if "ablog.md" not in w] == []
    # and other projects find them through intersphinx
    with (Path(app.outdir) / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://blog.example.org", lambda *a: "/".join(a))
    labels = inventory["std:label"]
    assert labels["newsbrief-author-jdoe"][2] == "https://blog.example.org/authors/jdoe.html"
    assert labels["newsbrief-archive-2024"][3] == "Archive: 2024"
    assert labels["posts/first"][2] == "https://blog.example.org/posts/first.html"


@pytest.mark.parametrize("page", ["aaa", "zzz"])
def test_a_page_s_own_label_wins_over_an_article_s(make_app, rootdir, tmp_path, before_2099, page):
    """A document that defines the label ``posts/first`` keeps it, whether Sphinx
    reads it before or after the article; the warning names both, once."""
    src = copy_root(rootdir, tmp_path, "blog")
    (src / f"{page}.rst").write_text(
        ".. _posts/first:\n\nTaken\n=====\n\nA page of its own.\n", encoding="utf-8"
    )
    app = build(make_app, src)
    clash = [w for w in newsbrief_warnings(app) if "already defined" in w]
    assert len(clash) == 1, clash
    assert "posts/first.md:" in clash[0] and f"'{page}'" in clash[0]
    links = {a.get_text(): a["href"] for a in main(app, "refs").select("li a.reference")}
    assert links["The first post"] == f"{page}.html#posts-first"
    # an incremental build that reads neither says nothing again
    bump(src / "posts" / "second.rst")
    again = build(make_app, src)
    assert [w for w in newsbrief_warnings(again) if "already defined" in w] == []


def test_an_article_s_own_target_of_its_name_is_kept(make_app, rootdir, tmp_path, before_2099):
    """An article that defines the label ``posts/first`` itself keeps its anchor."""
    src = copy_root(rootdir, tmp_path, "blog")
    post = src / "posts" / "first.md"
    post.write_text(
        post.read_text(encoding="utf-8") + "\n(posts/first)=\n## Later\n\nMore.\n",
        encoding="utf-8",
    )
    app = build(make_app, src)
    links = {a.get_text(): a["href"] for a in main(app, "refs").select("li a.reference")}
    assert links["The first post"] == "posts/first.html#posts-first"


@pytest.mark.sphinx("text", testroot="blog", freshenv=True)
def test_labels_of_pages_are_text_without_pages(app, before_2099):
    app.build()
    text = (Path(app.outdir) / "refs.txt").read_text(encoding="utf-8")
    for title in LABELS:
        assert f"* {title}" in text
    assert [w for w in warnings(app) if "ablog.md" not in w] == []


# -- scheduled articles ---------------------------------------------------------------------


def _scheduled_build(make_app, rootdir, tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    src = copy_root(rootdir, tmp_path, "blog", dest=f"src-{epoch}")
    return build(make_app, src, freshenv=True)


def test_future_article_is_held_back_until_its_date(make_app, rootdir, tmp_path, monkeypatch):
    app = _scheduled_build(make_app, rootdir, tmp_path, monkeypatch, BEFORE_2099)
    out = Path(app.outdir)
    assert "Post from the future" not in _feed_titles(out)
    assert "Post from the future" not in _feed_titles(out, "tags/news.xml")
    assert "Post from the future" not in _titles(main(app, "index"))
    assert "Post from the future" not in _titles(main(app, "archive/index"))
    assert not (out / "tags/someday.html").exists()
    assert not (out / "archive/2099.html").exists()
    # still built, and said once
    assert (out / "posts/future.html").is_file()
    status = app.status.getvalue()
    assert status.count("posts/future: scheduled for 2099-01-01") == 1
    assert [w for w in warnings(app) if "posts/future" in w] == []

    app = _scheduled_build(make_app, rootdir, tmp_path, monkeypatch, ON_2099)
    out = Path(app.outdir)
    assert _feed_titles(out)[0] == "Post from the future"
    assert _titles(main(app, "index"))[0] == "Post from the future"
    assert (out / "archive/2099.html").is_file()
    assert "scheduled" not in app.status.getvalue()


@pytest.mark.sphinx(
    "html", testroot="blog", freshenv=True, confoverrides={"newsbrief_show_future": True}
)
def test_show_future_lists_it_at_once(app, before_2099):
    app.build()
    assert _titles(main(app, "index"))[0] == "Post from the future"
    assert "scheduled" not in app.status.getvalue()


# -- keys of ABlog posts --------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_ablog_keys_warn_with_where_the_information_goes(app, before_2099):
    app.build()
    found = [w for w in newsbrief_warnings(app, "article") if "ablog.md" in w]
    assert len(found) == 5
    expected = {
        3: ("'category'", "add the category to 'tags'"),
        4: ("'language'", "set 'language' in conf.py"),
        5: ("'image'", "og:image"),
        6: ("'redirect'", "redirect extension"),
        7: ("'excerpt'", "write the excerpt as 'summary'"),
    }
    for line, (key, hint) in expected.items():
        (warning,) = [w for w in found if f"ablog.md:{line}:" in w]
        assert key in warning and "ABlog" in warning and hint in warning


def test_a_scheduled_article_appears_when_its_date_comes(make_app, tmp_path, monkeypatch):
    """Nothing but the clock changes: the generated pages and the feed are rewritten (on
    Sphinx before 8.2 too, which stops before writing when no document is out of date)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nnewsbrief_site_url = "https://example.org/"\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n\nNo listing here.\n", encoding="utf-8")
    (src / "now.md").write_text("---\ndate: 2025-01-01\n---\n# Now\n\nText.\n", encoding="utf-8")
    (src / "later.md").write_text("---\ndate: 2099-01-01\n---\n# Later\n\nText.\n", "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_2099)
    app = build(make_app, src)
    out = Path(app.outdir)
    assert _feed_titles(out) == ["Now"]
    assert _titles(main(app, "archive/index")) == ["Now"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ON_2099)
    app = build(make_app, src)
    assert _feed_titles(out) == ["Later", "Now"]
    assert _titles(main(app, "archive/index")) == ["Later", "Now"]
    assert (out / "archive" / "2099.html").is_file()

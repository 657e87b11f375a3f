"""Where an article's title, header and links go, whatever its headings look like.

Real blogs write the title in front matter and use only ``##`` headings, or
several ``#`` headings. The front-matter title is the page title (``<h1>`` and
``<title>``), the header sits right under it, the previous/next links come at
the end of the page, and the reading time counts the whole text.
"""

from __future__ import annotations

import pytest
from helpers import html, main, newsbrief_warnings, warnings

from sphinx_newsbrief.domain import get_store
from sphinx_newsbrief.records import ARTICLE


def _headings(app, docname: str) -> list[tuple[str, str]]:
    return [
        (h.name, " ".join(h.get_text(" ").replace("¶", "").split()))
        for h in main(app, docname).find_all(["h1", "h2", "h3"])
    ]


def _words(app, docname: str) -> int:
    (article,) = get_store(app.env).get(ARTICLE, docname)
    return article.words


def _assert_layout(app, docname: str) -> None:
    """Header right after the first ``<h1>``; the links after everything else."""
    body = main(app, docname)
    h1 = body.find("h1")
    assert "nb-article-header" in h1.find_next_sibling()["class"]
    (nav,) = body.select("nav.nb-article-nav")
    inside = set(map(id, body.find_all(True))) - set(map(id, nav.find_all(True)))
    later = [e for e in nav.find_all_next(["h1", "h2", "h3", "p"]) if id(e) in inside]
    assert later == []


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_front_matter_title_over_second_level_headings(app):
    app.build()
    assert _headings(app, "h2-only") == [
        ("h1", "Only second-level headings"),
        ("h2", "Background"),
        ("h2", "Analysis"),
        ("h2", "Outlook"),
    ]
    assert html(app, "h2-only").title.get_text().startswith("Only second-level headings")
    _assert_layout(app, "h2-only")
    words = _words(app, "h2-only")
    assert words >= 1146  # the whole text, not the first section
    minutes = round(words / app.config.newsbrief_words_per_minute)
    reading = main(app, "h2-only").select_one(".nb-reading-time").get_text()
    assert reading == f"{minutes} min read"
    # MyST is told to make the title the heading, so it does not warn about H2
    assert not [w for w in warnings(app) if "h2-only.md" in w]
    assert app.env.titles["h2-only"].astext() == "Only second-level headings"


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_front_matter_title_over_several_top_headings(app):
    app.build()
    assert _headings(app, "several-h1") == [
        ("h1", "A post with several top headings"),
        ("h2", "First part"),
        ("h2", "Second part"),
    ]
    assert html(app, "several-h1").title.get_text().startswith("A post with several")
    _assert_layout(app, "several-h1")
    assert _words(app, "several-h1") >= 600


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_without_front_matter_title_first_heading_is_title(app):
    app.build()
    assert _headings(app, "no-title") == [
        ("h1", "Heading becomes the title"),
        ("h1", "Another top heading"),
    ]
    _assert_layout(app, "no-title")
    assert _words(app, "no-title") >= 510
    assert "2 min read" in main(app, "no-title").get_text()


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_heading_equal_to_title_is_not_repeated(app):
    app.build()
    assert _headings(app, "same-title") == [("h1", "Matching heading"), ("h2", "A subsection")]
    _assert_layout(app, "same-title")


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_title_with_markup_is_text(app):
    app.build()
    assert _headings(app, "marked-title") == [
        ("h1", "Stars *and* `code` in a title"),
        ("h2", "Only a subheading"),
    ]
    _assert_layout(app, "marked-title")


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_rst_field_title(app):
    app.build()
    assert _headings(app, "rst-post") == [
        ("h1", "An rST post with a field title"),
        ("h2", "Part one"),
        ("h2", "Part two"),
    ]
    _assert_layout(app, "rst-post")


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_listing_uses_front_matter_titles(app):
    app.build()
    titles = [a.get_text(strip=True) for a in main(app, "index").select(".nb-brief-title a")]
    assert "Only second-level headings" in titles
    assert "A post with several top headings" in titles
    assert "Background" not in titles and "First part" not in titles


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_undated_draft_warns(app):
    app.build()
    found = newsbrief_warnings(app, "article")
    assert [w for w in found if "undated-draft.md:2" in w and "without a 'date'" in w], found
    assert get_store(app.env).get(ARTICLE, "undated-draft") == []
    assert "A page that wants to be a draft" in main(app, "undated-draft").get_text()


@pytest.mark.sphinx("text", testroot="headings", freshenv=True)
def test_neighbour_label_and_title_on_one_line_in_text(app):
    app.build()
    text = (app.outdir / "several-h1.txt").read_text(encoding="utf-8")
    assert "Previous article: Only second-level headings" in text
    assert "Next article: Heading becomes the title" in text


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_links_come_after_footnotes(app):
    app.build()
    body = main(app, "footnote")
    (nav,) = body.select("nav.nb-article-nav")
    footnote = body.find(string=lambda t: "The source of the claim." in t)
    assert footnote is not None
    assert nav in footnote.find_all_next("nav")  # the links follow the footnote
    _assert_layout(app, "footnote")


@pytest.mark.sphinx("html", testroot="headings", freshenv=True)
def test_reading_time_skips_raw_markup(app):
    app.build()
    assert _words(app, "raw-post") < 40  # the 3,000-token script is not read
    assert "1 min read" in main(app, "raw-post").get_text()

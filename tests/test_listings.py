"""The {briefs} listing: options, formats, builders and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import html, main, newsbrief_warnings, warnings


def _sections(app, docname="index"):
    page = main(app, docname)
    return {s.find(["h2"]).get_text().rstrip("¶"): s for s in page.select("section section")}


def _titles(section):
    return [a.get_text() for a in section.select(".nb-brief-title a, td a.nb-title")]


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_briefs_options(app):
    app.build()
    sec = _sections(app)
    assert _titles(sec["Latest"]) == [
        "Delta update",
        "Charlie note",
        "Bravo analysis",
        "Alpha report",
    ]
    table = sec["Iran only, as a table"].select_one("table.nb-briefs-table")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")] == [
        "Date",
        "Title",
        "Summary",
        "Tags",
    ]
    assert _titles(sec["Iran only, as a table"]) == ["Delta update", "Charlie note", "Alpha report"]
    assert _titles(sec["Edition 2025-W26, oldest first"]) == [
        "Bravo analysis",
        "Charlie note",
        "Delta update",
    ]
    assert _titles(sec["Two by title"]) == ["Alpha report", "Bravo analysis"]
    # bad options fall back to the defaults: newest first, list, no limit
    assert _titles(sec["Bad options"]) == _titles(sec["Latest"])


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_briefs_list_content(app):
    app.build()
    item = _sections(app)["Latest"].select_one("li.nb-brief")
    assert item.select_one("a")["href"] == "d.html"
    assert item.select_one("time")["datetime"] == "2025-06-28"
    assert item.select_one(".nb-brief-summary").get_text() == "Delta summary."
    assert item.select_one(".nb-tags").get_text() == "News, Iran"


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_briefs_bad_options_warn(app):
    app.build()
    found = newsbrief_warnings(app, "listing")
    assert len(found) == 4, found
    assert all("index.md:" in w for w in found)
    text = "\n".join(found)
    assert "limit must be a positive whole number, not 'many'" in text
    assert "sort 'newest' is not allowed" in text and "'-date', 'date', 'title'" in text
    assert "format 'grid' is not allowed" in text and "'list', 'table'" in text
    assert "unknown option 'colour'" in text


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_briefs_in_rst_with_exclude_current(app):
    app.build()
    page = main(app, "other")
    assert [a.get_text() for a in page.select(".nb-brief-title a")] == [
        "Delta update",
        "Bravo analysis",
        "Alpha report",
    ]


@pytest.mark.sphinx("dirhtml", testroot="briefs", freshenv=True)
def test_briefs_dirhtml_links(app):
    app.build()
    soup = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="d/"' in soup


@pytest.mark.sphinx("singlehtml", testroot="briefs", freshenv=True)
def test_briefs_singlehtml(app):
    app.build()
    soup = html(app, "index")
    link = soup.select_one(".nb-brief-title a")
    assert link.get_text() == "Delta update"
    # the article is part of the single page, so its anchor exists
    assert link["href"] == "#document-d"
    assert soup.find(id="document-d") is not None
    assert "Body of Delta update." in soup.get_text()


@pytest.mark.sphinx("text", testroot="briefs", freshenv=True)
def test_briefs_text(app):
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Delta update" in text
    assert "28 June 2025" in text
    assert "Echo draft" not in text


@pytest.mark.sphinx("latex", testroot="briefs", freshenv=True)
def test_briefs_latex(app):
    app.build()
    tex = (Path(app.outdir) / "briefs.tex").read_text(encoding="utf-8")
    assert "Delta update" in tex
    assert r"\begin{longtable}" in tex
    assert "Echo draft" not in tex


@pytest.mark.parametrize("builder", ["man", "texinfo", "epub", "xml", "pseudoxml"])
def test_briefs_other_builders(make_app, rootdir, tmp_path, builder):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefs", src)
    app = make_app(builder, srcdir=src)
    app.build()
    assert not [
        w for w in app.warning.getvalue().splitlines() if "newsbrief" in w and "listing" not in w
    ]


def _next_tags(element, count):
    return [e for e in element.find_next_siblings() if e.name][:count]


@pytest.mark.sphinx("html", testroot="small-listings", freshenv=True)
@pytest.mark.parametrize(("docname", "line"), [("index", "index.md:3"), ("twin", "twin.rst:4")])
def test_briefs_body_is_shown_after_the_listing(app, docname, line):
    app.build()
    listing = main(app, docname).select_one("ul.nb-briefs")
    para, bullets = _next_tags(listing, 2)
    assert para.get_text() == "Latest analysis, newest first."
    assert para.select_one("em").get_text() == "newest first"  # parsed, not literal
    assert bullets.get_text(strip=True) == "a stray bullet"
    found = [w for w in newsbrief_warnings(app, "listing") if f"{line}:" in w]
    assert len(found) == 1, newsbrief_warnings(app)
    assert "briefs: this directive takes no content" in found[0]
    assert "move it out of the directive" in found[0]
    assert not [w for w in warnings(app) if "newsbrief" not in w]  # no "Has content" error


@pytest.mark.sphinx("html", testroot="small-listings", freshenv=True)
def test_every_bodyless_directive_keeps_a_stray_body(app):
    app.build()
    text = main(app, "bodies").get_text(" ")
    for name, what in [
        ("uncertaintylist", "register"),
        ("uncertaintylegend", "legend"),
        ("questionlist", "tracker"),
        ("tags", "tags"),
    ]:
        assert f"Body of the {what}." in text, name
        found = [w for w in newsbrief_warnings(app) if f"{name}: this directive takes no" in w]
        assert len(found) == 1 and "bodies.md:" in found[0], (name, newsbrief_warnings(app))
    assert not [w for w in warnings(app) if "newsbrief" not in w]


@pytest.mark.sphinx("html", testroot="small-listings", freshenv=True)
def test_register_scope_values_are_checked(app):
    app.build()
    (found,) = [w for w in newsbrief_warnings(app, "uncertainty") if "scopes.md:6" in w]
    assert ":article: 'everything' is not allowed" in found
    assert "'current'" in found and "'all'" in found
    assert main(app, "scopes").select("p.nb-empty, table.nb-register")  # still rendered

"""{update} and {correction}: dated notes, the header line, the corrections log and feed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import build, bump, clean_content, content, copy_root, html, main, newsbrief_warnings


def _json_ld(app, docname):
    (script,) = html(app, docname).find_all("script", type="application/ld+json")
    return json.loads(script.string)


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_notes_and_the_header_line(app):
    app.build()
    page = main(app, "first")
    notes = page.select("aside.nb-note")
    assert [" ".join(n.select_one(".admonition-title").get_text().split()) for n in notes] == [
        "Update, 23 June 2025",
        "Correction, 24 June 2025",
    ]
    assert notes[0].find("em").get_text() == "second"
    assert "important" in notes[1]["class"] and "note" in notes[0]["class"]
    dateline = page.select_one(".nb-dateline").get_text(" ", strip=True)
    assert dateline.endswith("Corrected 24 June 2025")
    # the latest dated correction; one without a usable date does not count
    second = main(app, "second").select_one(".nb-dateline").get_text(" ", strip=True)
    assert second.endswith("Corrected 26 June 2025")


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_corrections_page_lists_every_correction_newest_first(app):
    app.build()
    log = main(app, "corrections/index")
    entries = [
        (li.select_one("a")["href"], li.select_one(".nb-brief-meta").get_text(" ", strip=True))
        for li in log.select("li.nb-correction-entry")
    ]
    second_anchor = main(app, "second").select("aside.nb-correction")[0]["id"]
    first_anchor = main(app, "first").select("aside.nb-correction")[0]["id"]
    assert entries == [
        (f"../second.html#{second_anchor}", "Correction, 26 June 2025"),
        (f"../first.html#{first_anchor}", "Correction, 24 June 2025"),
        ("../early.html#nb-correction-1", "Correction, 1 June 2025"),
    ]
    texts = [p.get_text() for p in log.select(".nb-correction-text")]
    assert texts[1] == "An earlier version misspelt a name </script> & more."
    # the page without a date and the undated correction are not logged
    assert "Not an article" not in log.get_text() and "bad date" not in log.get_text()


@pytest.mark.sphinx(
    "html", testroot="corrections", freshenv=True, confoverrides={"newsbrief_page_size": 2}
)
def test_a_long_corrections_log_is_paginated(app):
    app.build()
    first, second = main(app, "corrections/index"), main(app, "corrections/page-2")
    assert [
        li.select_one(".nb-brief-meta").get_text(" ", strip=True)
        for li in first.select("li.nb-correction-entry")
    ] == ["Correction, 26 June 2025", "Correction, 24 June 2025"]
    assert [
        li.select_one(".nb-brief-meta").get_text(" ", strip=True)
        for li in second.select("li.nb-correction-entry")
    ] == ["Correction, 1 June 2025"]
    assert "(page 2 of 2)" in second.find("h1").get_text()
    assert [a["href"] for a in second.select("a.nb-newer")] == ["index.html"]
    assert [a["href"] for a in first.select("a.nb-older")] == ["page-2.html"]
    assert not (Path(app.outdir) / "corrections" / "page-3.html").exists()


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_json_ld_has_the_corrections(app):
    app.build()
    data = _json_ld(app, "first")
    anchor = main(app, "first").select("aside.nb-correction")[0]["id"]
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2025-06-24",
            "text": "An earlier version misspelt a name </script> & more.",
            "url": f"https://news.example.org/first.html#{anchor}",
        }
    ]
    assert (
        "correction" not in _json_ld(app, "second")
        or len(_json_ld(app, "second")["correction"]) == 1
    )


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_bad_notes_warn_and_keep_their_text(app):
    app.build()
    found = newsbrief_warnings(app, "article")
    assert any("second.rst:12:" in w and "'2025-13-01' is not a date" in w for w in found)
    assert any("second.rst:16:" in w and "update: no date" in w for w in found)
    assert any("page.md:3:" in w and "not an article" in w for w in found)
    assert any("early.md:6:" in w and "before the article's date" in w for w in found)
    assert len(found) == 4, found
    second = main(app, "second")
    assert "A bad date." in second.get_text() and "No date at all." in second.get_text()


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_other_builders_show_the_notes(make_app, rootdir, tmp_path, builder):
    app = build(make_app, copy_root(rootdir, tmp_path, "corrections"), builder)
    out = Path(app.outdir)
    if builder == "text":
        text = (out / "first.txt").read_text(encoding="utf-8")
        assert "Update, 23 June 2025" in text and "Correction, 24 June 2025" in text
        assert "Corrected 24 June 2025" in text
    else:
        (tex,) = out.glob("*.tex")
        source = tex.read_text(encoding="utf-8")
        assert "Correction, 24 June 2025" in source
        assert r"Corrected \DUrole{nb-date}{24 June 2025}" in source


def test_removing_a_correction_updates_the_log(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "corrections")
    build(make_app, src)
    first = src / "first.md"
    text = first.read_text(encoding="utf-8")
    first.write_text(text.split(":::{correction}")[0], encoding="utf-8")
    bump(first)
    app = build(make_app, src)
    assert "misspelt" not in main(app, "corrections/index").get_text()
    assert "Corrected" not in main(app, "first").select_one(".nb-dateline").get_text()
    assert content(Path(app.outdir)) == clean_content(make_app, src, tmp_path)


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_corrections_feed(app):
    import feedparser
    from defusedxml import ElementTree

    app.build()
    path = Path(app.outdir) / "corrections.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.parse(path).getroot()
    entries = [
        (
            e.findtext(f"{atom}title"),
            e.find(f"{atom}link").get("href"),
            e.findtext(f"{atom}updated"),
        )
        for e in root.iter(f"{atom}entry")
    ]
    anchor = main(app, "first").select("aside.nb-correction")[0]["id"]
    assert entries[1] == (
        "Correction: First story",
        f"https://news.example.org/first.html#{anchor}",
        "2025-06-24T00:00:00Z",
    )
    assert [t for t, _l, _u in entries] == [
        "Correction: Second story",
        "Correction: First story",
        "Correction: Early note",
    ]
    summary = [e.findtext(f"{atom}summary") for e in root.iter(f"{atom}entry")][1]
    assert summary == "An earlier version misspelt a name </script> & more."
    # the log links its feed from its head
    head = html(app, "corrections/index").find_all("link", type="application/atom+xml")
    assert [link["href"] for link in head] == ["../feed.xml", "../corrections.xml"]

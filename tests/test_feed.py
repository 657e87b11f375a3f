"""Atom feeds: who the feed names as its author; the feeds of authors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import build, clean_content, content, copy_root, html, mtimes, newsbrief_warnings

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed_authors(app):
    root = ET.parse(Path(app.outdir) / "feed.xml").getroot()
    feed = [n.text for n in root.findall(f"{ATOM}author/{ATOM}name")]
    entries = {
        e.find(f"{ATOM}title").text: [n.text for n in e.findall(f"{ATOM}author/{ATOM}name")]
        for e in root.findall(f"{ATOM}entry")
    }
    return feed, entries


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "Desk Weekly"),  # no author in conf.py: the project, not "Author name not set"
        ({"html_title": "The Desk"}, "The Desk"),
        ({"author": "Desk Staff"}, "Desk Staff"),
        ({"author": "Desk Staff", "newsbrief_publisher": "Desk Media"}, "Desk Media"),
    ],
)
def test_feed_author(make_app, rootdir, tmp_path, overrides, expected):
    app = build(make_app, copy_root(rootdir, tmp_path, "small-feed"), confoverrides=overrides)
    feed, entries = _feed_authors(app)
    assert feed == [expected]
    # an article's own authors stay the entry's authors; others inherit the feed's
    assert entries == {"Unsigned": [], "Signed": ["Ann Analyst"]}
    assert newsbrief_warnings(app) == []


def test_feed_author_without_project_is_the_site_host(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "small-feed")
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('project = "Desk Weekly"\n', ""))
    feed, _entries = _feed_authors(build(make_app, src))
    assert feed == ["news.example.org"]


def test_tag_feeds_name_the_same_author(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "small-feed")
    (src / "tagged.md").write_text("---\ndate: 2025-06-23\ntags: [News]\n---\n# Tagged\n\nB.\n")
    app = build(make_app, src)
    root = ET.parse(Path(app.outdir) / "tags" / "news.xml").getroot()
    assert [n.text for n in root.findall(f"{ATOM}author/{ATOM}name")] == ["Desk Weekly"]


def test_project_feed_file_is_kept(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "small-feed")
    (src / "extra").mkdir()
    own = '<?xml version="1.0"?><redirect to="blog/atom.xml"/>\n'
    (src / "extra" / "feed.xml").write_text(own, encoding="utf-8")
    app = build(make_app, src, confoverrides={"html_extra_path": ["extra"]})
    out = Path(app.outdir)
    assert (out / "feed.xml").read_text(encoding="utf-8") == own
    (found,) = newsbrief_warnings(app, "feed")
    assert "'feed.xml' is also a file of the project (html_extra_path)" in found
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' not in index.split("</head>")[0]
    # the next build neither deletes the project's file nor repeats the feed silently
    app2 = build(make_app, src, confoverrides={"html_extra_path": ["extra"]})
    assert (Path(app2.outdir) / "feed.xml").read_text(encoding="utf-8") == own


# -- author feeds -------------------------------------------------------------------

SITE = "https://news.example.org/desk/"


def _author_feed(outdir: Path, slug: str):
    return ET.parse(Path(outdir) / "authors" / f"{slug}.xml").getroot()


def _entry_links(root) -> list[str]:
    return [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_author_feeds(make_app, rootdir, tmp_path, builder):
    app = build(make_app, copy_root(rootdir, tmp_path, "feed-content"), builder)
    out = Path(app.outdir)
    page = {"html": "{}.html", "dirhtml": "{}/"}[builder].format
    assert sorted(p.name for p in (out / "authors").glob("*.xml")) == [
        "ann.xml",
        "bob-writer.xml",
        "cy-columnist.xml",
    ]
    ann = _author_feed(out, "ann")
    assert ann.find(f"{ATOM}title").text == "Desk Weekly \N{EM DASH} Ann Analyst"
    links = {link.get("rel"): link.get("href") for link in ann.findall(f"{ATOM}link")}
    assert links == {"self": SITE + "authors/ann.xml", "alternate": SITE + page("authors/ann")}
    assert _entry_links(ann) == [SITE + page("second"), SITE + page("first")]  # newest first
    assert _entry_links(_author_feed(out, "cy-columnist")) == [SITE + page("third")]
    # entry authors: the registry's name and url, else the author's page on the site
    (second,) = (e for e in ann.findall(f"{ATOM}entry") if "second" in e.find(f"{ATOM}id").text)
    authors = [
        (a.find(f"{ATOM}name").text, a.find(f"{ATOM}uri").text)
        for a in second.findall(f"{ATOM}author")
    ]
    assert authors == [
        ("Bob Writer", SITE + page("authors/bob-writer")),
        ("Ann Analyst", "https://ann.example.net/"),
    ]
    assert newsbrief_warnings(app) == []


def test_author_feed_length(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "feed-content")
    app = build(make_app, src, confoverrides={"newsbrief_feed_length": 1})
    assert _entry_links(_author_feed(Path(app.outdir), "ann")) == [SITE + "second.html"]


def test_author_pages_advertise_their_feed(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "feed-content"))
    for name, expected in (
        ("authors/ann", ["../feed.xml", "ann.xml"]),
        ("authors/index", ["../feed.xml"]),
        ("first", ["feed.xml"]),
    ):
        page = html(app, name)
        links = page.find_all("link", rel="alternate", type="application/atom+xml")
        assert [link["href"] for link in links] == expected, name
    (own,) = html(app, "authors/ann").find_all("link", title="Ann Analyst")
    assert own["href"] == "ann.xml"


def test_author_feed_goes_with_the_last_article(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "feed-content")
    app = build(make_app, src)
    out = Path(app.outdir)
    cache = Path(app.doctreedir) / "newsbrief-feed" / "html"
    assert (out / "authors" / "cy-columnist.xml").is_file()
    assert (cache / "third.json").is_file()
    before = mtimes(out)
    (src / "third.md").unlink()
    build(make_app, src)
    assert not (out / "authors" / "cy-columnist.xml").exists()
    assert not (cache / "third.json").exists()
    got = content(out)
    got.pop("third.html")  # Sphinx leaves the output of a deleted document
    assert got == clean_content(make_app, src, tmp_path)
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    # feeds that showed the third article change; the others are left alone
    assert {p for p in rewritten if p.endswith(".xml")} == {"feed.xml", "tags/iran.xml"}

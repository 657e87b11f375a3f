"""Atom feeds: who the feed names as its author."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import build, copy_root, newsbrief_warnings

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

"""Full-content feeds (``newsbrief_feed_content = "full"``): the article body in each entry.

The raw ``<content>`` of each entry is read with defusedxml (feedparser would
resolve relative URLs and sanitise the HTML itself, hiding our mistakes);
feedparser checks that a real feed reader takes the feed as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import sphinx
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from helpers import (
    build,
    bump,
    clean_content,
    content,
    copy_root,
    html,
    mtimes,
    newsbrief_warnings,
    warnings,
)
from hypothesis import given
from hypothesis import strategies as st

from sphinx_newsbrief.feed import bodies
from sphinx_newsbrief.feed.markup import absolute_url, feed_html

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://news.example.org/desk/"
#: The address of each article of the ``feed-content`` root, per builder.
URLS = {
    "html": {d: f"{SITE}{d}.html" for d in ("first", "second", "third")},
    "dirhtml": {d: f"{SITE}{d}/" for d in ("first", "second", "third")},
}
FEEDS = {
    "feed.xml",
    "tags/news.xml",
    "tags/iran.xml",
    "authors/ann.xml",
    "authors/bob-writer.xml",
    "authors/cy-columnist.xml",
}


@pytest.fixture
def src(rootdir, tmp_path):
    return copy_root(rootdir, tmp_path, "feed-content")


def entries(outdir: Path, path: str = "feed.xml") -> dict[str, dict[str, str | None]]:
    """Each entry of a feed by its link: its raw summary and content (HTML text)."""
    root = ElementTree.parse(Path(outdir) / path).getroot()
    found = {}
    for entry in root.findall(f"{ATOM}entry"):
        content_element = entry.find(f"{ATOM}content")
        found[entry.find(f"{ATOM}link").get("href")] = {
            "summary": getattr(entry.find(f"{ATOM}summary"), "text", None),
            "content": None if content_element is None else content_element.text,
            "type": None if content_element is None else content_element.get("type"),
        }
    return found


def _feeds(outdir: Path) -> dict[str, str]:
    return {p: t for p, t in content(outdir).items() if p.endswith(".xml")}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_entries_hold_the_body_with_absolute_urls(make_app, src, builder):
    app = build(make_app, src, builder)
    out = Path(app.outdir)
    urls = URLS[builder]
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.link for e in parsed.entries] == [urls["third"], urls["second"], urls["first"]]
    found = entries(out)
    for entry in parsed.entries:
        # the reader's HTML is ours (it may sanitise markup, never the text)
        assert entry.content[0].type == "text/html"
        assert _text(entry.content[0].value) == _text(found[entry.link]["content"])
    assert "Opening paragraph linking the second brief" in _text(parsed.entries[2].content[0].value)
    first = BeautifulSoup(found[urls["first"]]["content"], "html.parser")
    assert found[urls["first"]]["type"] == "html"
    links = [a["href"] for a in first.find_all(href=True)]
    sources = [i["src"] for i in first.find_all(src=True)]
    assert links == [
        urls["second"],
        urls["first"] + "#details",
        _desk_link(out),
        "mailto:editor%40example.org",
    ]
    assert sources == [f"{SITE}_images/chart.png", _raw_img(urls)]
    assert (out / "_images" / "chart.png").is_file()
    for path in FEEDS:
        for entry in entries(out, path).values():
            body = BeautifulSoup(entry["content"], "html.parser")
            for element in body.find_all(True):
                for name in ("href", "src"):
                    if element.has_attr(name):
                        assert urlsplit(element[name]).scheme in ("https", "mailto"), element
    assert warnings(app) == []


def _text(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "html.parser").get_text().split())


def _raw_img(urls: dict[str, str]) -> str:
    """Where the article's raw ``<img src="x.png">`` points (as a browser resolves it)."""
    first = urls["first"]
    return first.rsplit("/", 1)[0] + "/x.png" if first.endswith(".html") else first + "x.png"


def test_content_is_the_article_not_the_page(make_app, src):
    app = build(make_app, src)
    page = html(app, "first")
    # the page has all of these ...
    for selector in ("h1", ".nb-article-header", ".nb-article-nav", ".nb-comments", ".headerlink"):
        assert page.select(selector), selector
    # ... the feed entry none
    body = entries(Path(app.outdir))[URLS["html"]["first"]]["content"]
    soup = BeautifulSoup(body, "html.parser")
    for selector in ("h1", ".nb-article-header", ".nb-article-nav", ".nb-comments", ".headerlink"):
        assert not soup.select(selector), selector
    assert "\N{PILCROW SIGN}" not in body
    assert "First brief" not in soup.get_text()  # the title is the entry's <title>
    assert soup.select_one("#details h2").get_text() == "Details"
    assert soup.find("img", alt="A small chart") is not None
    # hostile raw HTML comes out inert; text that looks like markup stays text
    assert not soup.find_all(["script", "iframe", "style"])
    assert not [a for e in soup.find_all(True) for a in e.attrs if a.startswith("on")]
    assert "javascript" not in body.lower()
    assert [a.get_text() for a in soup.select(".nb-raw a")] == ["bad", "worse"]
    assert [a.attrs for a in soup.select(".nb-raw a")] == [{}, {}]
    assert "</script>" in soup.get_text() and "]]>" in soup.get_text()


def test_summary_mode_has_no_content(make_app, src):
    app = build(make_app, src, confoverrides={"newsbrief_feed_content": "summary"})
    out = Path(app.outdir)
    for path in FEEDS:
        for entry in entries(out, path).values():
            assert entry["content"] is None
    assert entries(out)[URLS["html"]["first"]]["summary"] == "The first brief."
    assert not (Path(app.doctreedir) / bodies.CACHE).exists()
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo and "content" not in parsed.entries[0]


def test_full_entries_keep_their_summary(make_app, src):
    out = Path(build(make_app, src).outdir)
    found = entries(out)
    assert found[URLS["html"]["first"]]["summary"] == "The first brief."
    # without a summary: the excerpt
    assert found[URLS["html"]["second"]]["summary"] == "Second body, back to the first brief."


def test_body_edit_rewrites_the_feeds_that_show_it(make_app, src, tmp_path):
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    first = src / "first.md"
    first.write_text(first.read_text().replace("Text that mentions", "Text, edited, that mentions"))
    bump(first)
    build(make_app, src)
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    # the page and the feeds that hold the article; not the other feeds or pages
    expected = {"first.html", "feed.xml", "tags/news.xml", "authors/ann.xml"}
    # Sphinx before 8.2 rewrites the root document on every build that writes anything
    assert rewritten == expected | ({"index.html"} if sphinx.version_info < (8, 2) else set())
    assert "Text, edited, that mentions" in (out / "authors" / "ann.xml").read_text()
    assert content(out) == clean_content(make_app, src, tmp_path)


def test_unchanged_rebuild_writes_no_feed(make_app, src):
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    build(make_app, src)
    assert {p for p, t in mtimes(out).items() if before.get(p) != t} == set()


@pytest.mark.skipif(
    sphinx.version_info < (8, 2),
    reason="Sphinx before 8.2 stops before html-collect-pages when no page is out of date "
    "(the feeds on disk stay as they were; the next build that writes renders the bodies)",
)
def test_lost_cache_is_rendered_again(make_app, src, monkeypatch):
    app = build(make_app, src)
    out = Path(app.outdir)
    feeds = _feeds(out)
    before = mtimes(out)
    shutil.rmtree(Path(app.doctreedir) / bodies.CACHE)
    rendered = []
    original = bodies.render_body
    monkeypatch.setattr(bodies, "render_body", lambda a, d: rendered.append(d) or original(a, d))
    app2 = build(make_app, src)
    assert sorted(rendered) == ["first", "second", "third"]
    assert _feeds(out) == feeds  # the same bytes as from the pages ...
    assert {p for p, t in mtimes(out).items() if before.get(p) != t} == set()  # ... unwritten
    assert (Path(app2.doctreedir) / bodies.CACHE / "html" / "first.json").is_file()
    assert newsbrief_warnings(app2) == []


def test_switching_to_full_content_fills_every_entry(make_app, src, tmp_path):
    summary = {"newsbrief_feed_content": "summary"}
    out = Path(build(make_app, src, confoverrides=summary).outdir)
    build(make_app, src)
    for path in FEEDS:
        assert all(e["content"] for e in entries(out, path).values()), path
    assert content(out) == clean_content(make_app, src, tmp_path)


def test_parallel_writing_gives_the_same_feeds(make_app, rootdir, tmp_path, monkeypatch):
    from sphinx.builders import Builder

    written_in_parallel = []
    original = Builder._write_parallel

    def spy(self, docnames, nproc):
        written_in_parallel.append(len(docnames))
        return original(self, docnames, nproc)

    monkeypatch.setattr(Builder, "_write_parallel", spy)
    rendered = []
    monkeypatch.setattr(bodies, "render_body", lambda app, docname: rendered.append(docname))
    results = []
    for jobs in (1, 2):
        src = copy_root(rootdir, tmp_path, "feed-content", dest=f"j{jobs}")
        for i in range(6):
            (src / f"extra{i}.md").write_text(
                f"---\ndate: 2025-05-{i + 1:02d}\nauthors: [Ann]\ntags: [News]\n---\n"
                f"# Extra {i}\n\nBody {i} with a [link](first.md) and ![chart](chart.png).\n"
            )
        results.append(_feeds(Path(build(make_app, src, parallel=jobs).outdir)))
    assert written_in_parallel  # the -j 2 build wrote its pages in worker processes
    assert rendered == []  # every body came from the pages, none was rendered again
    assert results[0] == results[1]
    assert set(results[0]) == FEEDS


# -- the cleaner on its own ---------------------------------------------------------

BASE = "https://example.org/site/briefs/one.html"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("#top", "https://example.org/site/briefs/one.html#top"),
        ("two.html#x", "https://example.org/site/briefs/two.html#x"),
        ("../_images/a b.png", "https://example.org/site/_images/a%20b.png"),
        ("../tags/北朝鮮.html", "https://example.org/site/tags/%E5%8C%97%E6%9C%9D%E9%AE%AE.html"),
        ("https://other.example/a?b=1&c=2", "https://other.example/a?b=1&c=2"),
        ("//cdn.example/x.png", "https://cdn.example/x.png"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("java\x00script:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
    ],
)
def test_absolute_url(value, expected):
    assert absolute_url(value, BASE) == expected


def test_data_images_only_in_src():
    png = "data:image/png;base64,iVBORw0KGgo="
    assert absolute_url(png, BASE, "src") == png
    assert absolute_url(png, BASE, "href") is None
    assert absolute_url("data:image/svg+xml;base64,PHN2Zz4=", BASE, "src") is None


def test_cleaner_drops_page_parts_and_active_content():
    body = (
        '<section id="t"><h1>Title<a class="headerlink" href="#t">¶</a></h1>\n'
        '<div class="nb-article-header"><p>By <a href="../authors/x.html">X</a></p></div>\n'
        '<p onclick="x()" style="background: url(x.png)" title="t">Text <b>bold</b></p>\n'
        "<h1>A second top heading stays</h1>\n"
        "<script>document.write('<p>no</p>')</script><style>p{}</style>"
        '<iframe src="https://evil.example/"><p>inside</p></iframe>'
        '<svg><animate attributeName="href" values="javascript:alert(1)"/><a href="#s">s</a></svg>'
        "<!-- a comment --><![CDATA[ x ]]>"
        '<section class="nb-comments"><script src="https://giscus.app/client.js"></script></section>'
        '<nav class="nb-article-nav"><a href="two.html">Next</a></nav></section>'
    )
    assert feed_html(body, BASE) == (
        '<section id="t">\n'
        '<p title="t">Text <b>bold</b></p>\n'
        "<h1>A second top heading stays</h1>\n"
        '<svg><a href="https://example.org/site/briefs/one.html#s">s</a></svg></section>'
    )


def test_cleaner_closes_what_it_opens_and_escapes_text():
    assert feed_html("<div><p>a &lt;b&gt; & ]]&gt;</div></span><ul><li>x", BASE) == (
        "<div><p>a &lt;b&gt; &amp; ]]&gt;</p></div><ul><li>x</li></ul>"
    )
    assert feed_html('<a href="x" title="&quot;q&quot; <b>">y</a>', BASE) == (
        '<a href="https://example.org/site/briefs/x" title="&quot;q&quot; &lt;b&gt;">y</a>'
    )
    assert feed_html("a\x00b\x08c\td\ne\x7f", BASE) == "abc\td\ne"
    assert feed_html('<img src="a.png" srcset="a.png 1x, javascript:x 2x, b.png 2x">', BASE) == (
        '<img src="https://example.org/site/briefs/a.png" srcset="https://example.org/site/'
        'briefs/a.png 1x, https://example.org/site/briefs/b.png 2x">'
    )


#: Pieces of markup, hostile and plain, that the property test strings together.
_PIECES = [
    *("<", ">", "/", "&", '"', "'", "=", " ", "\n", "a", "p", "h1", "class", "headerlink"),
    *("script", "style", "iframe", "onload", "href", "src", "javascript:", "]]>", "<!--", "-->"),
    *("x", "#", "\x00", "\x0b", "\ud7ff", "\ufffe", "&lt;", "&gt;", "&#106;", "&#x09;"),
    *("<script>", "</script>", "<style>", "<iframe>", "<a href=", "<img src=", " onclick=x"),
    *("<h1>", '<a class="headerlink">', '<div class="nb-comments">', "<![CDATA[", "<!x>"),
    *('<a href="javascript:alert(1)">', "<img src=x onerror=alert(1)>", '<p onclick="x">'),
]
_MARKUP = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@given(_MARKUP)
def test_any_input_gives_an_inert_well_formed_entry(markup):
    """Whatever the body, the feed holds it as text of a well-formed XML document and,
    parsed as HTML, it has no script, no event handler and no javascript: URL."""
    import xml.etree.ElementTree as ET

    from sphinx_newsbrief.feed.atom import _sub

    cleaned = feed_html(markup, BASE)
    entry = ET.Element("entry")
    _sub(entry, "content", cleaned, type="html")  # as the feed writes it
    element = ElementTree.fromstring(ET.tostring(entry, encoding="unicode"))[0]
    soup = BeautifulSoup(element.text or "", "html.parser")
    assert not soup.find_all(["script", "style", "iframe"])
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")]
        for name in ("href", "src"):
            if tag.has_attr(name):
                assert urlsplit(tag[name]).scheme == "https", tag


def test_cleaner_leaves_no_way_out_of_an_attribute():
    """Mutation XSS: a browser reads a noscript's content as text, so an end tag in an
    attribute would end it; noscript goes whole, and ``<`` in attributes is escaped."""
    hostile = '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'
    assert feed_html(hostile + "<p>kept</p>", BASE) == "<p>kept</p>"
    assert feed_html('<xmp><p title="</xmp><script>x()</script>">t</p></xmp>', BASE) == (
        '<xmp><p title="&lt;/xmp&gt;&lt;script&gt;x()&lt;/script&gt;">t</p></xmp>'
    )
    assert feed_html('<a href="a.html" ping="https://tracker.example/">a</a>', BASE) == (
        '<a href="https://example.org/site/briefs/a.html">a</a>'
    )


def _desk_link(out: Path) -> str:
    """The desk's link as the first brief's own page has it (``?x=1&y=2``; MyST-Parser 3
    keeps ``&amp;`` in the address, and the feed shows the link as the page does)."""
    path = out / "first.html" if (out / "first.html").is_file() else out / "first" / "index.html"
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    link = page.find("a", href=lambda h: h and "example.com/desk" in h)
    assert link["href"].startswith("https://example.com/desk?x=1&")
    return str(link["href"])

"""Publishing metadata in page heads: description, canonical link, OpenGraph,
Twitter card, schema.org JSON-LD (``NewsArticle`` on articles, ``CollectionPage``
with an ``ItemList`` on generated pages), escaping, and sphinxext.opengraph."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import copy_demo, html, newsbrief_warnings

SITE = "https://news.example.org/desk/"
HOSTILE_TITLE = '"Quotes" & </script><script>alert(1)</script>'
HOSTILE_SUMMARY = 'A summary with </script><script>alert(2)</script> & "quotes".'


def _page(outdir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((Path(outdir) / path).read_text(encoding="utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def meta(soup: BeautifulSoup, key: str) -> list[str]:
    """``content`` of every ``<meta>`` whose ``property`` or ``name`` is ``key``."""
    found = soup.find_all("meta", attrs={"property": key}) + soup.find_all(
        "meta", attrs={"name": key}
    )
    return [m["content"] for m in found]


def canonical(soup: BeautifulSoup) -> list[str]:
    return [link["href"] for link in soup.find_all("link", rel="canonical")]


# -- the demo --------------------------------------------------------------------------


def test_every_demo_article_has_metadata(make_app, tmp_path):
    src = copy_demo(tmp_path / "demo")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert newsbrief_warnings(app) == []
    briefs = sorted(p.stem for p in (src / "briefs").iterdir() if p.suffix in (".md", ".rst"))
    assert len(briefs) == 7
    for stem in briefs:
        soup = html(app, f"briefs/{stem}")
        (data,) = json_ld(soup)
        url = f"https://newsbrief.example.org/briefs/{stem}.html"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] and data["headline"] == meta(soup, "og:title")[0]
        assert data["datePublished"] == stem[:10]
        assert data["author"] == [
            {
                "@type": "Person",
                "name": "Newsbrief desk",
                "url": "https://newsbrief.example.org/authors/desk.html",  # its page
            }
        ]
        assert data["description"] and meta(soup, "description") == [data["description"]]
        assert data["url"] == url
        assert data["publisher"] == {
            "@type": "Organization",
            "name": "Newsbrief desk",  # the project's author (as in the feeds)
            "url": "https://newsbrief.example.org/",
        }
        assert meta(soup, "og:type") == ["article"]
        assert meta(soup, "og:url") == [url]
        assert meta(soup, "og:description") == [data["description"]]
        assert meta(soup, "og:site_name") == ["Newsbrief"]
        assert meta(soup, "article:published_time") == [stem[:10]]
        assert meta(soup, "twitter:card") == ["summary"]
        assert canonical(soup) == [url]
    # an ordinary page with a listing is not an article: nothing new in its head
    index = html(app, "index")
    assert json_ld(index) == [] and meta(index, "og:type") == []
    assert meta(index, "description") == [] and canonical(index) == []


# -- article pages -----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_article_head(app):
    app.build()
    assert newsbrief_warnings(app) == []
    soup = html(app, "reading")
    url = f"{SITE}reading.html"
    assert meta(soup, "description") == ["An rST article."]
    assert canonical(soup) == [url]
    assert meta(soup, "og:type") == ["article"]
    assert meta(soup, "og:title") == ["Reading the signals"]
    assert meta(soup, "og:description") == ["An rST article."]
    assert meta(soup, "og:url") == [url]
    assert meta(soup, "og:site_name") == ["Desk Weekly"]
    assert meta(soup, "article:published_time") == ["2025-06-07"]
    assert meta(soup, "article:modified_time") == []
    assert meta(soup, "article:author") == ["Desk analyst", "Second writer"]
    assert meta(soup, "article:tag") == ["News", "Method"]
    assert meta(soup, "twitter:card") == ["summary"]
    assert meta(soup, "twitter:title") == ["Reading the signals"]
    assert meta(soup, "twitter:description") == ["An rST article."]
    assert json_ld(soup) == [
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Reading the signals",
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "datePublished": "2025-06-07",
            "dateModified": "2025-06-07",
            "author": [  # the registry's url, else the author's page
                {
                    "@type": "Person",
                    "name": "Desk analyst",
                    "url": "https://people.example.org/analyst",
                },
                {
                    "@type": "Person",
                    "name": "Second writer",
                    "url": f"{SITE}authors/second-writer.html",
                },
            ],
            "description": "An rST article.",
            "keywords": ["News", "Method"],
            "inLanguage": "en",
            "publisher": {"@type": "Organization", "name": "Desk & Co <News>", "url": SITE},
        }
    ]


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_hostile_values_are_inert(app):
    app.build()
    soup = html(app, "hostile")
    url = f"{SITE}hostile.html"
    for key in ("og:title", "twitter:title"):
        assert meta(soup, key) == [HOSTILE_TITLE]
    for key in ("description", "og:description", "twitter:description"):
        assert meta(soup, key) == [HOSTILE_SUMMARY]
    assert meta(soup, "article:author") == ["Ann </script> Analyst", 'Bo "B" Reporter']
    assert meta(soup, "article:tag") == ["News", "R&D <b>"]
    assert meta(soup, "article:modified_time") == ["2025-06-23T10:30:00+02:00"]
    (data,) = json_ld(soup)
    assert data["headline"] == HOSTILE_TITLE
    assert data["description"] == HOSTILE_SUMMARY
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ann </script> Analyst",
            "url": f"{SITE}authors/ann-script-analyst.html",
        },
        {
            "@type": "Person",
            "name": 'Bo "B" Reporter',
            "url": f"{SITE}authors/bo-b-reporter.html",
        },
    ]
    assert data["keywords"] == ["News", "R&D <b>"]
    assert data["dateline"] == "Seoul </script>"
    assert data["dateModified"] == "2025-06-23T10:30:00+02:00"
    assert data["url"] == url
    raw = soup.find("script", type="application/ld+json").string
    assert "<" not in raw and ">" not in raw and "&" not in raw
    # one script more than an ordinary page of the same site: the JSON-LD, nothing injected
    scripts = len(soup.find_all("script"))
    assert scripts == len(html(app, "about").find_all("script")) + 1
    with_alert = [s for s in soup.find_all("script") if "alert" in (s.string or "")]
    assert with_alert == soup.find_all("script", type="application/ld+json")


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_excerpt_when_no_summary(app):
    app.build()
    soup = html(app, "excerpt")
    expected = (
        "The first paragraph of the body is the excerpt: one two three four five six seven "
        "eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
        "nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five "
        "twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two "
        "thirty-three thirty-four thirty-five thirty-six thirty-seven thirty-eight thirty-nine "
        "forty forty-one \N{HORIZONTAL ELLIPSIS}"
    )
    assert len(expected.split(" ")) == 50 + 1  # 50 words, then the ellipsis
    assert meta(soup, "description") == [expected]
    (data,) = json_ld(soup)
    assert data["description"] == expected
    assert data["author"] == [
        {"@type": "Person", "name": "Desk analyst", "url": "https://people.example.org/analyst"}
    ]


@pytest.mark.sphinx("dirhtml", testroot="metadata", freshenv=True)
def test_dirhtml_urls(app):
    app.build()
    soup = _page(app.outdir, "hostile/index.html")
    url = f"{SITE}hostile/"
    assert canonical(soup) == [url]
    assert meta(soup, "og:url") == [url]
    (data,) = json_ld(soup)
    assert data["url"] == url and data["mainEntityOfPage"]["@id"] == url
    tag = json_ld(_page(app.outdir, "tags/news/index.html"))[0]
    assert tag["url"] == f"{SITE}tags/news/"
    assert tag["mainEntity"]["itemListElement"][0]["url"] == url


@pytest.mark.sphinx(
    "html", testroot="metadata", freshenv=True, confoverrides={"newsbrief_site_url": ""}
)
def test_no_site_url(app):
    app.build()
    soup = html(app, "hostile")
    assert canonical(soup) == [] and meta(soup, "og:url") == []
    assert meta(soup, "description") == [HOSTILE_SUMMARY]
    assert meta(soup, "og:type") == ["article"]
    (data,) = json_ld(soup)
    assert data["url"] == "hostile.html"  # relative: the page itself
    assert data["publisher"] == {"@type": "Organization", "name": "Desk & Co <News>"}
    tag = json_ld(html(app, "tags/news"))[0]
    assert tag["url"] == "news.html"
    assert tag["mainEntity"]["itemListElement"][0]["url"] == "../hostile.html"


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_ordinary_pages_get_nothing(app):
    app.build()
    for page in ("index", "about", "genindex", "search"):
        soup = html(app, page)
        assert json_ld(soup) == [], page
        assert canonical(soup) == [], page
        for key in ("description", "og:type", "og:title", "twitter:card"):
            assert meta(soup, key) == [], (page, key)


@pytest.mark.parametrize("builder", ["singlehtml", "text"])
def test_other_builders_untouched(make_app, rootdir, tmp_path, builder):
    src = tmp_path / "src"
    shutil.copytree(Path(rootdir) / "test-metadata", src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert newsbrief_warnings(app) == []
    if builder == "singlehtml":
        soup = html(app, "index")
        assert json_ld(soup) == [] and meta(soup, "og:type") == []


# -- listing pages -----------------------------------------------------------------------


def _items(data: dict[str, Any]) -> list[tuple[int, str, str]]:
    assert data["@type"] == "CollectionPage"
    items = data["mainEntity"]["itemListElement"]
    assert data["mainEntity"]["@type"] == "ItemList"
    assert data["mainEntity"]["numberOfItems"] == len(items)
    return [(i["position"], i["url"], i["name"]) for i in items]


@pytest.mark.sphinx("html", testroot="metadata", freshenv=True)
def test_listing_pages_item_list(app):
    app.build()
    (tag,) = json_ld(html(app, "tags/news"))
    assert tag["name"] == "Tag: News"
    assert tag["url"] == f"{SITE}tags/news.html"
    assert _items(tag) == [
        (1, f"{SITE}hostile.html", HOSTILE_TITLE),
        (2, f"{SITE}excerpt.html", "An article without a summary"),
        (3, f"{SITE}reading.html", "Reading the signals"),
    ]
    (archive,) = json_ld(html(app, "archive/index"))
    assert [name for _, _, name in _items(archive)] == [
        HOSTILE_TITLE,
        "An article without a summary",
        "Reading the signals",
    ]
    (tags,) = json_ld(html(app, "tags/index"))
    assert [(url, name) for _, url, name in _items(tags)] == [
        (f"{SITE}tags/method.html", "Method"),
        (f"{SITE}tags/news.html", "News"),
        (f"{SITE}tags/r-d-b.html", "R&D <b>"),
    ]
    (edition,) = json_ld(html(app, "editions/2025-w25"))
    assert _items(edition) == [(1, f"{SITE}hostile.html", HOSTILE_TITLE)]
    raw = html(app, "tags/news").find("script", type="application/ld+json").string
    assert "<" not in raw and "&" not in raw
    assert canonical(html(app, "tags/news")) == [f"{SITE}tags/news.html"]


@pytest.mark.sphinx(
    "html", testroot="metadata", freshenv=True, confoverrides={"newsbrief_page_size": 2}
)
def test_paginated_listing_lists_its_own_page(app):
    app.build()
    (first,) = json_ld(html(app, "tags/news"))
    (second,) = json_ld(html(app, "tags/news/page-2"))
    assert [name for _, _, name in _items(first)] == [
        HOSTILE_TITLE,
        "An article without a summary",
    ]
    assert _items(second) == [(1, f"{SITE}reading.html", "Reading the signals")]
    assert second["url"] == f"{SITE}tags/news/page-2.html"


# -- sphinxext.opengraph -----------------------------------------------------------------


def _has_opengraph() -> bool:
    # find_spec("sphinxext.opengraph") raises when no sphinxext package is installed at all
    return importlib.util.find_spec("sphinxext") is not None and (
        importlib.util.find_spec("sphinxext.opengraph") is not None
    )


@pytest.mark.skipif(not _has_opengraph(), reason="needs sphinxext-opengraph")
@pytest.mark.sphinx(
    "html",
    testroot="metadata",
    freshenv=True,
    confoverrides={
        "extensions": ["sphinx_newsbrief", "sphinxext.opengraph"],
        "ogp_site_url": SITE,
    },
)
def test_opengraph_extension_writes_og_tags_once(app):
    app.build()
    soup = html(app, "hostile")
    properties = [m.get("property") or m.get("name") for m in soup.find_all("meta")]
    repeated = {p for p in properties if p and properties.count(p) > 1}
    assert repeated <= {"article:author", "article:tag", "viewport"}
    # fed by us: the article's type and description
    assert meta(soup, "og:type") == ["article"]
    assert meta(soup, "og:description") == [HOSTILE_SUMMARY]
    assert meta(soup, "og:url") == [f"{SITE}hostile.html"]
    assert meta(soup, "description") == [HOSTILE_SUMMARY]
    assert meta(soup, "og:title") == [HOSTILE_TITLE]
    assert meta(soup, "twitter:card") == ["summary"]
    assert len(json_ld(soup)) == 1
    assert "og:type" not in app.env.metadata["hostile"]  # the page got a copy
    # ordinary pages keep what the extension itself gives them
    assert meta(html(app, "about"), "og:type") == ["website"]

"""Tags: normalisation, sources, generated pages, feeds, builders, incremental."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import (
    broken_links,
    build,
    bump,
    clean_content,
    content,
    copy_root,
    html,
    main,
    mtimes,
    newsbrief_warnings,
    warnings,
)
from hypothesis import given
from hypothesis import strategies as st

from sphinx_newsbrief.domain import get_store
from sphinx_newsbrief.records import ARTICLE, clean, tag_slug

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("North Korea", "north-korea"),
        ("  north   KOREA ", "north-korea"),
        ("#News", "news"),
        ("Corée du Nord", "coree-du-nord"),
        ("北朝鮮", "北朝鮮"),
        ("R&D / Labs", "r-d-labs"),
        ("<b>bold</b>", "b-bold-b"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("C", "c"),
        ("LGBTQ+", "lgbtq-plus"),
        ("Rock + Roll", "rock-roll"),
        ("Issue#5", "issue-5"),
        ("1+1", "1-1"),
    ],
)
def test_tag_slug(name, slug):
    assert tag_slug(name) == slug


@given(st.text())
def test_tag_slug_is_safe_and_stable(name):
    slug = tag_slug(name)
    assert slug
    assert "/" not in slug and "#" not in slug and "<" not in slug and "&" not in slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert tag_slug(clean(name)) == slug


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "tags")
    before = sorted(p.relative_to(src) for p in src.rglob("*"))
    app = build(make_app, src)
    after = sorted(p.relative_to(src) for p in src.rglob("*") if "_build" not in p.parts)
    assert after == before, "the build wrote into the source directory"
    return app


def test_tag_sources_and_aliases(built):
    store = get_store(built.env)
    (one,) = store.get(ARTICLE, "one")
    assert one.tags == ("News", "North Korea", "Corée du Nord", "北朝鮮")  # DPRK -> North Korea
    (three,) = store.get(ARTICLE, "three")
    assert three.tags == ("North Korea", "C++", "Extra")


def test_tag_index_page(built):
    page = main(built, "tags/index")
    entries = [li.get_text(" ", strip=True) for li in page.select("ul.nb-index > li")]
    names = [li.select_one("a").get_text() for li in page.select("ul.nb-index > li")]
    assert names == sorted(names, key=str.casefold)
    assert "News (3 articles)" in entries
    assert "Secret" not in names  # only in a draft


def test_tag_page(built):
    page = main(built, "tags/news")
    assert page.find("h1").get_text().startswith("Tag: News")
    titles = [a.get_text() for a in page.select(".nb-brief-title a")]
    assert titles == ["Four", "Two", 'One <first> & "only"']
    assert [t["datetime"] for t in page.select(".nb-brief-meta time")] == [
        "2025-07-20",
        "2025-06-15",
        "2025-06-01",
    ]
    assert "One & only </script>." in page.get_text()


@pytest.mark.parametrize("slug", ["corée-du-nord", "北朝鮮", "r-d-labs", "b-bold-b", "news"])
def test_unusual_names_have_pages(built, slug):
    path = Path(built.outdir) / "tags" / f"{tag_slug(slug)}.html"
    assert path.is_file()


def test_header_links_point_at_tag_pages(built):
    header = main(built, "one").select_one(".nb-article-header")
    hrefs = {a.get_text(): a["href"] for a in header.select("a.nb-tag")}
    assert hrefs["News"] == "tags/news.html"
    assert hrefs["Corée du Nord"] == "tags/coree-du-nord.html"
    role = main(built, "one").select_one("p:not(.nb-tags) > a.nb-tag")
    assert role.get_text() == "DPRK" and role["href"] == "tags/north-korea.html"


def test_no_broken_links(built):
    assert broken_links(Path(built.outdir)) == []


def test_signs_keep_tags_apart(built):
    """``C++`` (three.rst) and ``C`` (four.md) are two tags, with no warning."""
    assert newsbrief_warnings(built, "tag") == []
    names = [a.get_text() for a in main(built, "tags/index").select("ul.nb-index a")]
    assert "C" in names and "C++" in names
    assert _titles(main(built, "tags/c-plus-plus")) == ["Three"]
    assert _titles(main(built, "tags/c")) == ["Four"]


def _titles(page):
    return [a.get_text() for a in page.select(".nb-brief-title a")]


@pytest.fixture
def small(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "small-tags"))


def test_c_plus_plus_c_sharp_and_c_in_one_article(small):
    (lang,) = get_store(small.env).get(ARTICLE, "lang")
    assert lang.tags == ("C++", "C", "C#")
    assert not [w for w in newsbrief_warnings(small, "tag") if "lang.md" in w]
    for slug in ("c-plus-plus", "c", "c-sharp"):
        assert _titles(main(small, f"tags/{slug}")) == ["Languages"]


@pytest.mark.parametrize(
    ("where", "name", "other"),
    [
        ("frontmatter.md:3", "Middle-East", "Middle East"),  # within the front matter
        ("directive.md:8", "Gulf-States", "Gulf States"),  # within one {tags}
        ("role.md:3", "Red Sea", "Red-Sea' (line 7"),  # front matter against {tag}
        ("role.md:11", "Iran Iraq", "Iran-Iraq' (line 9"),  # {tags} against {tag}
        ("twin.rst:2", "Black Sea", "Black-Sea' (line 9"),  # rst docinfo against {tags}
        ("cross.md:3", "Middle-east", "Middle East' used in 'frontmatter'"),  # across documents
    ],
)
def test_coinciding_slugs_warn_naming_both(small, where, name, other):
    found = [w for w in newsbrief_warnings(small, "tag") if f"{where}:" in w]
    assert len(found) == 1, newsbrief_warnings(small, "tag")
    assert f"tag {name!r} has the same address" in found[0]
    assert f"as '{other}" in found[0]
    assert "merged into one tag" in found[0]


def test_same_name_in_other_case_does_not_warn(small):
    text = "\n".join(newsbrief_warnings(small, "tag"))
    assert "'middle east'" not in text and "'gulf states'" not in text
    assert len(newsbrief_warnings(small, "tag")) == 6


def test_merged_tags_keep_the_first_spelling(small):
    store = get_store(small.env)
    assert store.get(ARTICLE, "frontmatter")[0].tags == ("Middle East",)
    assert store.get(ARTICLE, "directive")[0].tags == ("Gulf States",)
    assert store.get(ARTICLE, "role")[0].tags == ("Red Sea", "Iran-Iraq")
    assert store.get(ARTICLE, "twin")[0].tags == ("Black Sea",)


def test_archive_and_editions(built):
    archive = main(built, "archive/index")
    months = [h.get_text().rstrip("¶") for h in archive.select("section section h2")]
    assert months == ["July 2025", "June 2025"]
    editions = main(built, "editions/index")
    labels = [a.get_text() for a in editions.select("ul.nb-index a")]
    assert labels == ["2025-W29", "2025-W27", "2025-W24", "2025-W22"]
    week = main(built, "editions/2025-w27")
    assert [a.get_text() for a in week.select(".nb-brief-title a")] == ["Three"]


@pytest.mark.parametrize("builder", ["dirhtml", "epub"])
def test_other_html_builders(make_app, rootdir, tmp_path, builder):
    app = build(make_app, copy_root(rootdir, tmp_path, "tags"), builder)
    out = Path(app.outdir)
    if builder == "dirhtml":
        assert (out / "tags" / "news" / "index.html").is_file()
        assert broken_links(out) == []
    else:
        assert (out / "tags" / "news.xhtml").is_file()
        assert "tags/news.xhtml" in (out / "content.opf").read_text(encoding="utf-8")


def test_singlehtml_tag_links(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "tags"), "singlehtml")
    soup = html(app, "index")
    link = soup.select_one(".nb-article-header a.nb-tag")
    assert link["href"].startswith("#nb-tag-")
    assert soup.find(id=link["href"][1:]) is not None
    assert broken_links(Path(app.outdir)) == []


def test_latex_tags_as_text_and_index(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "tags")
    app = build(
        make_app,
        src,
        "latex",
        confoverrides={"latex_documents": [("one", "one.tex", "", "Desk", "howto")]},
    )
    tex = (Path(app.outdir) / "one.tex").read_text(encoding="utf-8")
    assert r"\index{Corée du Nord@\spxentry{Corée du Nord}" in tex
    assert "North Korea" in tex


def test_tagindex_in_text(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "tags"), "text")
    text = (Path(app.outdir) / "alltags.txt").read_text(encoding="utf-8")
    assert "**News** (3 articles)" in text
    assert "**北朝鮮** (1 article)" in text
    assert "Four \N{EN DASH} 20 July 2025" in text
    assert "Secret" not in text


def test_vocabulary_warns_and_suggests(make_app, rootdir, tmp_path):
    vocab = {"news": {"name": "News", "description": "Latest."}, "north-korea": "North Korea"}
    app = build(
        make_app, copy_root(rootdir, tmp_path, "tags"), confoverrides={"newsbrief_tags": vocab}
    )
    found = [w for w in newsbrief_warnings(app, "tag") if "not in newsbrief_tags" in w]
    assert any("two.md:3" in w and "'R&D / Labs'" in w for w in found)
    assert any("three.rst:1" in w or "three.rst:11" in w for w in found)
    index = main(app, "tags/index")
    assert "News (3 articles) — Latest." in index.get_text(" ", strip=True)
    assert (Path(app.outdir) / "tags" / "r-d-labs.html").is_file()  # still works


def test_pagination(make_app, rootdir, tmp_path):
    app = build(
        make_app, copy_root(rootdir, tmp_path, "tags"), confoverrides={"newsbrief_page_size": 2}
    )
    first = main(app, "tags/news")
    assert len(first.select(".nb-brief")) == 2
    older = first.select_one("a.nb-older")
    assert older["href"] == "news/page-2.html"
    second = main(app, "tags/news/page-2")
    assert [a.get_text() for a in second.select(".nb-brief-title a")] == ['One <first> & "only"']
    assert second.select_one("a.nb-newer")["href"] == "../news.html"
    assert broken_links(Path(app.outdir)) == []


# -- feeds -----------------------------------------------------------------------


def _feed(app, path="feed.xml"):
    return ET.parse(Path(app.outdir) / path).getroot()


def test_site_feed(built):
    root = _feed(built)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Tags & <Feeds>"
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Desk </script> & Co"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Four",
        "Three",
        "Two",
        'One <first> & "only"',
    ]
    one = entries[-1]
    assert one.find(f"{ATOM}link").get("href") == "https://example.org/news/one.html"
    assert one.find(f"{ATOM}published").text == "2025-06-01T00:00:00Z"
    assert one.find(f"{ATOM}author/{ATOM}name").text == "Ann </script> & Bob"
    assert one.find(f"{ATOM}summary").text == "One & only </script>."
    terms = [c.get("term") for c in one.findall(f"{ATOM}category")]
    assert terms == ["news", "north-korea", "coree-du-nord", "北朝鮮"]


def test_tag_feeds_hold_every_published_article(built):
    for tag in ("news", "north-korea", "北朝鮮", "c", "c-plus-plus"):
        root = _feed(built, f"tags/{tag}.xml")
        ids = {e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")}
        expected = {
            "news": {"one", "two", "four"},
            "north-korea": {"one", "three"},
            "北朝鮮": {"one"},
            "c": {"four"},
            "c-plus-plus": {"three"},
        }[tag]
        assert ids == {f"https://example.org/news/{d}.html" for d in expected}
    assert not (Path(built.outdir) / "tags" / "secret.xml").exists()


def test_feed_links_in_heads(built):
    page = html(built, "tags/news")
    hrefs = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert hrefs == ["../feed.xml", "news.xml"]


def test_no_site_url_no_feed(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "tags")
    app = build(make_app, src, confoverrides={"newsbrief_site_url": ""})
    assert not (Path(app.outdir) / "feed.xml").exists()
    assert not newsbrief_warnings(app, "feed")
    assert "no Atom feed" in app.status.getvalue()
    app = build(
        make_app,
        src,
        confoverrides={"newsbrief_site_url": "", "newsbrief_feeds": True},
        freshenv=True,
    )
    assert len(newsbrief_warnings(app, "feed")) == 1


# -- incremental and parallel -------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump(path)


SCENARIOS = {
    "add-tag": ("two.md", "tags: [news,", "tags: [news, Sanctions,"),
    "remove-tag": ("two.md", '"<b>bold</b>"', '"R&D / Labs"'),
    "rename-tag": ("four.md", "tags: [C, News]", "tags: [C, Newsflash]"),
    "retitle": ("two.md", "# Two", "# Two, renamed"),
}


@pytest.mark.parametrize("scenario", [*SCENARIOS, "delete"])
def test_incremental_equalsclean_content(make_app, rootdir, tmp_path, scenario):
    src = copy_root(rootdir, tmp_path, "tags")
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    if scenario == "delete":
        (src / "two.md").unlink()
    else:
        name, old, new = SCENARIOS[scenario]
        _edit(src / name, old, new)
    build(make_app, src)
    got = content(out)
    if scenario == "delete":
        got.pop("two.html")  # Sphinx leaves the output of a deleted document
    assert got == clean_content(make_app, src, tmp_path)
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    untouched = {"tags/北朝鮮.html", "tags/corée-du-nord.html", "tags/北朝鮮.xml"}
    if scenario in ("add-tag", "remove-tag", "rename-tag"):
        untouched |= {"three.html", "one.html"}
    assert not rewritten & untouched, rewritten


def test_unchanged_rebuild_writes_no_generated_page(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "tags")
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    build(make_app, src)
    assert {p for p, t in mtimes(out).items() if before.get(p) != t} == set()


def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    results = []
    for jobs in (1, 2):
        src = copy_root(rootdir, tmp_path, "tags", dest=f"j{jobs}")
        for i in range(8):
            (src / f"extra{i}.md").write_text(
                f"---\ndate: 2025-05-{i + 1:02d}\ntags: [News, T{i % 3}]\n---\n# Extra {i}\n\nB.\n"
            )
        results.append(content(Path(build(make_app, src, parallel=jobs).outdir)))
    assert results[0] == results[1]


def test_project_without_articles_gets_no_extra_pages(make_app, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nnewsbrief_site_url = "https://example.org/"\n'
    )
    (src / "index.rst").write_text("Docs\n====\n\nJust documentation.\n")
    app = build(make_app, src)
    out = Path(app.outdir)
    assert not (out / "tags").exists()
    assert not (out / "archive").exists()
    assert not (out / "feed.xml").exists()
    assert "application/atom+xml" not in (out / "index.html").read_text(encoding="utf-8")
    assert app.warning.getvalue() == ""


def test_changed_vocabulary_applies_on_next_build(make_app, rootdir, tmp_path):
    """Config-derived tables are not kept in the pickled environment."""
    src = copy_root(rootdir, tmp_path, "tags")
    build(make_app, src)
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text().replace('{"DPRK": "North Korea"}', '{"DPRK": "Democratic Korea"}')
    )
    app = build(make_app, src)
    (one,) = get_store(app.env).get(ARTICLE, "one")
    assert "Democratic Korea" in one.tags
    assert (Path(app.outdir) / "tags" / "democratic-korea.html").is_file()


@pytest.mark.sphinx("html", testroot="small-listings", freshenv=True)
@pytest.mark.parametrize(("docname", "line"), [("index", "index.md:10"), ("twin", "twin.rst:11")])
def test_tagindex_body_is_shown_after_the_index(app, docname, line):
    app.build()
    index = main(app, docname).select_one("div.nb-tagindex")
    para = index.find_next_sibling("p")
    assert para.get_text() == "Every tag of the site, with its articles."
    assert para.select_one("strong").get_text() == "its articles"
    found = [w for w in newsbrief_warnings(app, "tag") if f"{line}:" in w]
    assert len(found) == 1, newsbrief_warnings(app)
    assert "tagindex: this directive takes no content" in found[0]
    assert not [w for w in warnings(app) if "newsbrief" not in w]  # no "Has content" error

"""Article metadata (MyST and rST), validation warnings and the header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import main, newsbrief_warnings, warnings

from sphinx_newsbrief.domain import get_store
from sphinx_newsbrief.records import ARTICLE, Article


def _article(app, docname: str) -> Article:
    (record,) = get_store(app.env).get(ARTICLE, docname)
    return record


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_markdown_front_matter(app):
    app.build()
    a = _article(app, "md-article")
    assert a.title == "Pledge of support reported"
    assert a.date == "2025-06-21"
    assert a.updated == "2025-06-23"
    assert a.authors == ("Desk analyst", "Second Writer")
    assert a.tags == ("News", "North Korea", "Iran")
    assert a.summary == "One-sentence dek shown in listings."
    assert a.location == "Seoul"
    assert a.edition == "2025-06-23"
    assert a.draft is False


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_rst_docinfo(app):
    app.build()
    a = _article(app, "rst-article")
    assert a.title == "An rST article"
    assert a.date == "2025-06-22T09:30:00+00:00"
    assert a.authors == ("Ann Author", "Bob Writer")
    assert a.tags == ("News", "Sanctions")
    assert a.location == "Geneva"
    assert a.edition == "2025-W25"  # default newsbrief_edition_by = "week"


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_plain_pages_are_not_articles(app):
    app.build()
    store = get_store(app.env)
    assert store.get(ARTICLE, "plain") == []
    assert store.get(ARTICLE, "index") == []
    assert not [w for w in warnings(app) if "plain.md" in w]


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_warnings_name_file_and_line(app):
    app.build()
    found = newsbrief_warnings(app, "article")
    expected = [
        ("bad-date.md:2", "'date' is not a valid date: '2025-13-45'"),
        ("bad-types.md:3", "'updated' (2025-06-01) is before 'date' (2025-06-20)"),
        ("bad-types.md:4", "'tags' must be a list or a comma-separated string"),
        ("bad-types.md:5", "'authors' must be a list or a comma-separated string"),
        ("bad-types.md:6", "'draft' must be true or false"),
        ("bad-types.md:7", "unknown metadata key 'tgas' (did you mean 'tags'?)"),
        ("bad-yaml.md:4", "malformed YAML front matter"),
        ("desk/undated.md:1", "article has no 'date'"),
    ]
    for where, what in expected:
        assert [w for w in found if where in w and what in w], (where, what, found)
    assert len(found) == len(expected), found
    # exactly one warning for the bad date: MyST must not also reject the front matter
    assert not [w for w in warnings(app) if "bad-date.md" in w and "newsbrief" not in w]


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_bad_input_keeps_content(app):
    app.build()
    assert "still here" in main(app, "bad-date").get_text()
    bad = _article(app, "bad-date")
    assert bad.date == ""
    assert bad.summary == "Body must still be shown."
    assert "Body of bad yaml" in main(app, "bad-yaml").get_text()
    types = _article(app, "bad-types")
    assert types.updated == ""
    assert types.tags == ()


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_articles_outside_toctree_do_not_warn(app):
    app.build()
    assert not [w for w in warnings(app) if "toctree" in w]


@pytest.mark.sphinx(
    "html",
    testroot="articles",
    freshenv=True,
    confoverrides={"newsbrief_articles_in_toctree": True},
)
def test_articles_in_toctree_option(app):
    app.build()
    assert [w for w in warnings(app) if "md-article.md" in w and "toctree" in w]


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_title_from_front_matter_when_no_heading(app):
    app.build()
    page = main(app, "no-heading")
    assert page.find("h1").get_text().startswith("Title only in front matter")
    assert "A body without any heading." in page.get_text()
    assert app.env.titles["no-heading"].astext() == "Title only in front matter"


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_header_html(app):
    app.build()
    page = main(app, "md-article")
    header = page.select_one("div.nb-article-header")
    assert header is not None
    # the header comes right after the title
    assert header.find_previous_sibling("h1") is not None
    assert header.select_one(".nb-location").get_text() == "Seoul"
    times = header.select("time")
    assert [t["datetime"] for t in times] == ["2025-06-21", "2025-06-23"]
    assert times[0].get_text() == "21 June 2025"
    assert [a.get_text() for a in header.select(".nb-author")] == ["Desk analyst", "Second Writer"]
    assert header.select_one(".nb-reading-time").get_text() == "1 min read"
    assert [t.get_text() for t in header.select(".nb-tag")] == ["News", "North Korea", "Iran"]
    assert not main(app, "plain").select(".nb-article-header")


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_draft_is_marked_and_left_out_of_neighbours(app):
    app.build()
    assert main(app, "draft").select_one(".nb-draft") is not None
    nav_texts = [main(app, d).select_one("nav.nb-article-nav") for d in ("md-article",)]
    assert "A draft" not in nav_texts[0].get_text()


@pytest.mark.sphinx("html", testroot="articles", freshenv=True)
def test_previous_and_next_by_date(app):
    app.build()
    nav = main(app, "md-article").select_one("nav.nb-article-nav")
    prev = nav.select_one(".nb-prev a")
    nxt = nav.select_one(".nb-next a")
    assert prev.get_text() == "Bad types" and prev["href"] == "bad-types.html"
    assert nxt.get_text() == "An rST article" and nxt["href"] == "rst-article.html"


@pytest.mark.sphinx(
    "html", testroot="articles", freshenv=True, confoverrides={"newsbrief_article_header": False}
)
def test_header_can_be_turned_off(app):
    app.build()
    assert not main(app, "md-article").select(".nb-article-header")


HEADER_OPEN = "\n\\par\\begingroup\\small\\raggedright\n"
HEADER_CLOSE = "\n\\par\\endgroup\\par\\noindent\\rule{\\linewidth}{0.4pt}\\par\\medskip\n"


def _latex_header(tex: str, docname: str, body: str) -> str:
    """The one header block of ``docname``'s .tex, checked to sit between its start and body."""
    assert tex.count(HEADER_OPEN) == 1 and tex.count(HEADER_CLOSE) == 1, tex
    start, end = tex.index(HEADER_OPEN), tex.index(HEADER_CLOSE)
    assert tex.index(rf"\label{{\detokenize{{{docname}::doc}}}}") < start < end < tex.index(body)
    # docutils before 0.21 writes \DUrole{a,b}{x} for two classes; later ones nest them
    return re.sub(
        r"\\DUrole\{([\w-]+),([\w-]+)\}\{([^{}]*)\}",
        r"\\DUrole{\1}{\\DUrole{\2}{\3}}",
        tex[start + len(HEADER_OPEN) : end],
    )


@pytest.mark.sphinx(
    "latex",
    testroot="articles",
    freshenv=True,
    confoverrides={
        "latex_documents": [
            ("index", "articles.tex", "Articles", "Desk", "howto"),
            ("md-article", "md-article.tex", "", "Desk", "howto"),
            ("rst-article", "rst-article.tex", "", "Desk", "howto"),
        ]
    },
)
def test_header_latex(app):
    app.build()
    out = Path(app.outdir)
    tex = (out / "articles.tex").read_text(encoding="utf-8")
    # the whole-site document holds its own pages, then the articles (in no toctree)
    assert "Not an article: no date." in tex
    assert tex.index("Not an article: no date.") < tex.index("Body of bad types")
    assert "Drafts are built but not listed." not in tex  # drafts are left out, as from listings
    plain = tex[tex.index(r"\label{\detokenize{plain::doc}}") :]
    assert HEADER_OPEN not in plain[: plain.index(r"\sphinxstepscope")]  # an ordinary page
    md = (out / "md-article.tex").read_text(encoding="utf-8")
    header = _latex_header(md, "md-article", "Some words of body text")
    lines = [line.strip() for line in header.split("\n\n") if line.strip()]
    assert lines == [
        r"\sphinxAtStartPar" + "\n"
        r"\DUrole{nb-location}{Seoul} — \DUrole{nb-date}{21 June 2025}\DUrole{nb-sep}{ · }"
        r"\DUrole{nb-updated}{Updated \DUrole{nb-date}{23 June 2025}}",
        r"\sphinxAtStartPar" + "\n"
        r"By \DUrole{nb-author}{\DUrole{nb-author-desk-analyst}{Desk analyst}}"
        r"\DUrole{nb-sep}{, }"
        r"\DUrole{nb-author}{\DUrole{nb-author-second-writer}{Second Writer}} · "
        r"\DUrole{nb-reading-time}{1 min read}",
        r"\sphinxAtStartPar" + "\n"
        r"\DUrole{nb-label}{Tags: }\DUrole{nb-tag}{\DUrole{nb-tag-news}{News}}\DUrole{nb-sep}{, }"
        r"\DUrole{nb-tag}{\DUrole{nb-tag-north-korea}{North Korea}}\DUrole{nb-sep}{, }"
        r"\DUrole{nb-tag}{\DUrole{nb-tag-iran}{Iran}}",
    ]
    rst = (out / "rst-article.tex").read_text(encoding="utf-8")
    header = _latex_header(rst, "rst-article", "Body text.")
    assert r"\DUrole{nb-location}{Geneva} — \DUrole{nb-date}{22 June 2025}" in header
    assert (
        r"By \DUrole{nb-author}{\DUrole{nb-author-ann-author}{Ann Author}}\DUrole{nb-sep}{, }"
        r"\DUrole{nb-author}{\DUrole{nb-author-bob-writer}{Bob Writer}}" in header
    )
    assert r"\DUrole{nb-tag-news}{News}}\DUrole{nb-sep}{, }" in header
    assert r"\DUrole{nb-tag-sanctions}{Sanctions}" in header


@pytest.mark.sphinx(
    "latex",
    testroot="articles",
    freshenv=True,
    confoverrides={
        "latex_documents": [("md-article", "brief.tex", "Brief", "Desk", "howto")],
        "root_doc": "md-article",
    },
)
def test_header_latex_article(app):
    app.build()
    tex = (Path(app.outdir) / "brief.tex").read_text(encoding="utf-8")
    header = _latex_header(tex, "md-article", "Some words of body text")
    assert r"\DUrole{nb-location}{Seoul} — \DUrole{nb-date}{21 June 2025}" in header
    assert r"\DUrole{nb-author}{\DUrole{nb-author-desk-analyst}{Desk analyst}}" in header
    assert r"\DUrole{nb-reading-time}{1 min read}" in header
    assert r"\DUrole{nb-tag-north-korea}{North Korea}" in header


@pytest.mark.sphinx("text", testroot="articles", freshenv=True)
def test_header_text(app):
    app.build()
    text = (Path(app.outdir) / "md-article.txt").read_text(encoding="utf-8")
    assert "Seoul — 21 June 2025 · Updated 23 June 2025" in text
    assert "By Desk analyst, Second Writer · 1 min read" in text
    assert "Tags: News, North Korea, Iran" in text
    assert "Previous article: Bad types" in text


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "latex", "text", "epub"])
def test_minimal_project_builds_cleanly(make_app, rootdir, tmp_path, builder):
    """A one-file conf.py, an article in .md and one in .rst: no warnings at all."""
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-minimal", src)
    app = make_app(builder, srcdir=src)
    app.build()
    # EPUB checks its own metadata (copyright, version): not ours to fix
    assert [w for w in warnings(app) if "for EPUB3" not in w] == []
    assert len(get_store(app.env).get(ARTICLE, "news")) == 1
    assert len(get_store(app.env).get(ARTICLE, "note")) == 1


def _toctree_site(src: Path) -> None:
    """Nested toctrees, articles in two folders, a page outside every toctree."""
    (src / "guide").mkdir(parents=True)
    (src / "posts").mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nproject = "T"\n'
        'html_sidebars = {"**": ["localtoc.html", "globaltoc.html", "relations.html"]}\n'
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\n:maxdepth: 3\nguide/index\n```\n")
    (src / "guide" / "index.md").write_text("# Guide\n\n## Part\n\n```{toctree}\na\nb\n```\n")
    for name in ("a", "b"):
        (src / "guide" / f"{name}.md").write_text(f"# Page {name}\n\n## Section {name}\n\nText.\n")
    (src / "loose.md").write_text("---\norphan: true\n---\n# Loose\n\nText.\n")
    (src / "posts" / "one.md").write_text(
        "---\ndate: 2025-01-02\ntags: [News]\n---\n# One\n\nBody.\n"
    )
    (src / "two.md").write_text("---\ndate: 2025-01-03\ntags: [News]\n---\n# Two\n\nBody.\n")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_shared_sidebar_toctree_is_sphinx_own(make_app, tmp_path, monkeypatch, builder):
    """Pages outside the toctree share one sidebar toctree per folder; every page
    comes out byte for byte as with Sphinx resolving it for each page."""
    import sphinx_newsbrief.articles as articles

    outputs = []
    for shared in (True, False):
        src = tmp_path / f"src-{shared}"
        _toctree_site(src)
        if not shared:
            monkeypatch.setattr(articles, "share_toctree", lambda *args: None)
        app = make_app(builder, srcdir=src)
        app.build()
        out = Path(app.outdir)
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")})
    assert outputs[0] == outputs[1]
    pages = outputs[0]
    article = pages["posts/one.html" if builder == "html" else "posts/one/index.html"]
    assert article.count(b"toctree-l1") >= 1 and b"Guide" in article
    assert any(name.startswith("tags/") for name in pages)


def _search_skips_no_search() -> bool:
    import inspect

    import sphinx.search

    return "no-search" in inspect.getsource(sphinx.search)


@pytest.mark.skipif(not _search_skips_no_search(), reason="this Sphinx indexes no-search too")
def test_neighbour_titles_stay_out_of_the_search_index(make_app, tmp_path):
    """A page's links to the previous and next article are not its words: a search
    for another article's title finds that article, not its neighbours."""
    import json

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_newsbrief"]\n')
    (src / "index.md").write_text("# Home\n\nWelcome.\n")
    (src / "a.md").write_text("---\ndate: 2025-01-02\n---\n# Zebrafish quotas\n\nText.\n")
    (src / "b.md").write_text("---\ndate: 2025-01-03\n---\n# Harbour fees\n\nText.\n")
    app = make_app("html", srcdir=src)
    app.build()
    html = (Path(app.outdir) / "b.html").read_text()
    assert "Zebrafish quotas" in html and "no-search" not in html  # shown, class not written
    text = (Path(app.outdir) / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docs = {name: i for i, name in enumerate(index["docnames"])}

    def found(word: str) -> set[int]:
        hits: set[int] = set()
        for table in ("terms", "titleterms"):
            value = index[table].get(word, [])
            hits.update([value] if isinstance(value, int) else value)
        return hits

    assert found("zebrafish") == {docs["a"]}
    assert docs["b"] in found("harbour")

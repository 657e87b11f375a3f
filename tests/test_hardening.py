"""Inputs found by fuzzing (issue 15) that crashed or misbehaved: each fixed, each tested."""

from __future__ import annotations

import re

import pytest
from helpers import main, needs_tex, newsbrief_warnings, warnings
from hypothesis import given
from hypothesis import strategies as st

from sphinx_newsbrief.util import trailing_id, trailing_target

#: The regular expressions these helpers replace (quadratic on long runs of spaces).
_OLD_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<labels>[^<>]*)>\s*$", re.S)
_OLD_ID = re.compile(r"\s*\{#([A-Za-z0-9][\w.-]*)\}\s*$")


@given(st.text(alphabet=" <>ab,:=\n\t{}#-", max_size=30))
def test_trailing_target_matches_the_old_expression(text):
    old = _OLD_TARGET.match(text)
    new = trailing_target(text)
    if old is None:
        assert new is None
    else:
        assert new is not None
        assert (new[0].strip(), new[1]) == (old.group("text").strip(), old.group("labels"))


@given(st.text(alphabet=" {}#ab1.-_\n", max_size=30))
def test_trailing_id_matches_the_old_expression(text):
    old = _OLD_ID.search(text)
    new = trailing_id(text)
    if old is None:
        assert new is None
    else:
        assert new == (text[: old.start()].rstrip(), old.group(1))


def test_long_runs_of_spaces_are_linear():
    """200,000 spaces took 30 s with the old expressions; these return at once."""
    spaces = " " * 200_000
    assert trailing_target(f"a{spaces}b") is None
    assert trailing_target(f"a{spaces}<reported>") == ("a", "reported")
    assert trailing_id(f"a{spaces}x") is None


@pytest.mark.sphinx("html", testroot="hardening", freshenv=True)
def test_unicode_digits_bad_date_format_and_aliases(app):
    app.build()
    listing = newsbrief_warnings(app, "listing")
    assert any("index.md:3:" in w and "'²'" in w for w in listing), listing
    config = newsbrief_warnings(app, "config")
    assert any("newsbrief_date_format = '%W' cannot be shown" in w for w in config), config
    # the fallback format shows the date; the alias finds the tag
    (_all, by_alias) = main(app, "index").select("ul.nb-briefs")
    assert "21 June 2025" in _all.get_text()
    assert [a.get_text() for a in by_alias.select(".nb-brief-title a")] == ["Alpha"]


def test_date_times_with_time_zones_are_ordered_by_moment():
    from sphinx_newsbrief.records import moment_key

    # 09:00 in Seoul is 00:00 UTC: before 08:00 in London (07:00 UTC) the same day
    seoul, london = "2025-06-21T09:00:00+09:00", "2025-06-21T08:00:00+01:00"
    assert seoul > london  # as strings, the wrong way round
    assert moment_key(seoul) < moment_key(london)
    assert moment_key("2025-06-21") < moment_key("2025-06-21T00:00:01+00:00")
    assert moment_key("not a date") == "not a date"


@pytest.mark.sphinx("html", testroot="hardening", freshenv=True)
def test_raw_html_in_titles_is_text(app):
    app.build()
    page = main(app, "raw")
    assert page.find("b") is None and page.find("img") is None and page.find("i") is None
    assert page.find("script") is None
    text = page.get_text(" ")
    for shown in ("<b onclick=", "bold</b>", "<img src=x onerror=", "<script>", "here</i>"):
        assert shown in text


@pytest.mark.sphinx("html", testroot="hardening", freshenv=True)
def test_empty_question_empty_authors_and_duplicate_keys(app):
    """An empty bullet crashed docutils' PropagateTargets; ``authors: ""`` gave docutils'
    own warning at line 0; a key given twice kept the last value silently."""
    app.build()
    found = newsbrief_warnings(app)
    assert any("oddities.md:9:" in w and "item 1 has no question" in w for w in found), found
    assert any("oddities.md:3:" in w and "'authors' is empty" in w for w in found), found
    assert any(
        "oddities.md:5:" in w and "'date' is given twice (lines 2 and 5)" in w for w in found
    )
    assert any(
        "oddities.md:14:" in w and ":article: 'no-such-doc' is not a document" in w for w in found
    )
    assert not [w for w in warnings(app) if "newsbrief" not in w and "oddities" in w]
    page = main(app, "oddities")
    assert "24 June 2025" in page.select_one(".nb-dateline").get_text()
    assert [
        li.get_text(" ", strip=True).split(" [")[0] for li in page.select("li.nb-question")
    ] == ["A real question?"]


def test_data_file_paths_that_cannot_be_used(make_app, rootdir, tmp_path):
    """A 300-character name raised OSError, a symlink loop RuntimeError; a FIFO was
    reported as missing."""
    import os

    from helpers import build, copy_root

    src = copy_root(rootdir, tmp_path, "hardening")
    (src / "loop1").symlink_to("loop2")
    (src / "loop2").symlink_to("loop1")
    os.mkfifo(src / "fifo.csv")
    long = "x" * 300 + ".csv"
    (src / "files.md").write_text(
        "# Files\n\n"
        f":::{{reactions}}\n:file: {long}\n:::\n\n"
        ":::{reactions}\n:file: loop1\n:::\n\n"
        ":::{reactions}\n:file: fifo.csv\n:::\n",
        encoding="utf-8",
    )
    app = build(make_app, src)
    found = [w for w in newsbrief_warnings(app, "reactions") if "files.md" in w]
    assert any(
        "files.md:3:" in w and "cannot be used as a path: File name too long" in w for w in found
    )
    loop = "'loop1' is a symbolic link that leads nowhere"
    assert any("files.md:7:" in w and loop in w for w in found)
    assert any("files.md:11:" in w and "is not a regular file" in w for w in found)


def test_generated_page_names_never_collide(make_app, rootdir, tmp_path):
    """A tag "Index" replaced tags/index, an edition "index" editions/index, two editions
    with one slug overwrote each other, and a 90-character Korean tag's feed name was too
    long for the file system (issue 15 items 2, 7)."""
    from pathlib import Path
    from urllib.parse import unquote

    from helpers import build, copy_root

    src = copy_root(rootdir, tmp_path, "hardening")
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8")
        + 'newsbrief_site_url = "https://example.org/"\n',
        encoding="utf-8",
    )
    korean = "북한" * 45
    articles = {
        "p1": ("2025-07-01", "[Index]", "index"),
        "p2": ("2025-07-02", f"[{korean}]", "2025 W27"),
        "p3": ("2025-07-03", "[News]", "2025-W27"),
    }
    for name, (day, tags, edition) in articles.items():
        (src / f"{name}.md").write_text(
            f"---\ndate: {day}\ntags: {tags}\nedition: {edition}\n---\n# {name}\n\nText.\n",
            encoding="utf-8",
        )
    app = build(make_app, src)
    out = Path(app.outdir)
    # the tags index is still the index; the tag "Index" has a page of its own
    index = main(app, "tags/index")
    assert index.find("h1").get_text() == "Tags"
    links = {a.get_text(): unquote(a["href"]) for a in index.select("ul.nb-index a")}
    assert links["Index"].startswith("index-") and (out / "tags" / links["Index"]).is_file()
    # the long tag's page and feed exist, with names the file system takes
    long_page = links[korean]
    assert (out / "tags" / long_page).is_file()
    assert (out / "tags" / long_page.replace(".html", ".xml")).is_file()
    assert len(long_page.encode("utf-8")) < 200
    # editions: "index" does not replace the index; two names with one slug both have pages
    editions = main(app, "editions/index")
    assert editions.find("h1").get_text() == "Editions"
    pages = {a.get_text(): unquote(a["href"]) for a in editions.select("ul.nb-index a")}
    assert len({pages["index"], pages["2025 W27"], pages["2025-W27"]}) == 3
    for href in pages.values():
        assert (out / "editions" / href).is_file()
    clash = [w for w in newsbrief_warnings(app, "listing") if "same address" in w]
    assert len(clash) == 1 and "'2025 W27'" in clash[0] and "'2025-W27'" in clash[0]


def test_titles_classes_and_a_changed_date_format(make_app, rootdir, tmp_path):
    """Generated pages' <title> lost "<T>" (issue 15 item 19); :class: was accepted and
    not applied on {uncertainty} and {answer} (item 22); a changed newsbrief_date_format
    left generated pages showing the old dates (item 8)."""
    from pathlib import Path

    from helpers import build, copy_root, html

    src = copy_root(rootdir, tmp_path, "hardening")
    (src / "cls.md").write_text(
        "---\ndate: 2025-07-05\ntags: [Vector<T>]\n---\n# Classes\n\n"
        ":::{uncertainty} Box\n:status: reported\n:class: my-box\nText.\n:::\n\n"
        ":::{questions}\n- Will it? {#will}\n:::\n\n"
        ":::{answer} cls:will\n:class: my-answer\nYes.\n:::\n",
        encoding="utf-8",
    )
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"%W"', '"%Y-%m-%d"'), encoding="utf-8"
    )
    app = build(make_app, src)
    slug = next(Path(app.outdir, "tags").glob("vector*.html")).stem
    assert html(app, f"tags/{slug}").title.get_text().startswith("Tag: Vector<T>")
    page = main(app, "cls")
    assert "my-box" in page.select_one("aside.nb-uncertainty")["class"]
    assert page.select_one(".my-answer") is not None
    assert "2025-07-05" in main(app, "archive/index").get_text()
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"%Y-%m-%d"', '"%d/%m/%Y"'), encoding="utf-8"
    )
    app = build(make_app, src)
    assert "05/07/2025" in main(app, "archive/index").get_text()
    assert "05/07/2025" in main(app, f"tags/{slug}").get_text()


@needs_tex
def test_an_invalid_reaction_row_compiles_with_pdflatex(make_app, tmp_path):
    """The invalid-row sign (U+26A0) stopped pdflatex (issue 15 item 6)."""
    from pathlib import Path

    from helpers import build, pdf_text

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nmyst_enable_extensions = ["colon_fence"]\n'
        'latex_engine = "pdflatex"\nshow_warning_types = True\n'
        'latex_documents = [("index", "doc.tex", "Doc", "Desk", "howto")]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Reactions\n\n:::{reactions}\n- actor: Iran\n  stance: no-such-stance\n"
        "  summary: A summary.\n:::\n",
        encoding="utf-8",
    )
    app = build(make_app, src, "latex")
    assert newsbrief_warnings(app, "reactions")  # the row is invalid, and said so
    text = pdf_text(Path(app.outdir), "doc")
    assert "invalid row" in text
    html_app = build(make_app, src, "html")
    assert "\N{WARNING SIGN}" in main(html_app, "index").select_one(".nb-invalid-marker").get_text()


def test_a_control_character_and_a_bad_date_keep_myst_front_matter(make_app, rootdir, tmp_path):
    """A DEL in one value and a bad date in another: the front matter handed back to MyST
    was unreadable to it, and every MyST value (html_meta too) was lost (issue 15 item 9)."""
    from helpers import build, copy_root, html

    src = copy_root(rootdir, tmp_path, "hardening")
    (src / "control.md").write_text(
        '---\ndate: 2025-13-45\nsummary: "A\\x7f dek"\nlocation: Se\x7foul\n'
        "myst:\n  html_meta:\n    keywords: control-test\n---\n# Control\n\nText.\n",
        encoding="utf-8",
    )
    app = build(make_app, src)
    mine = [w for w in warnings(app) if "control.md" in w]
    assert not [w for w in mine if "newsbrief" not in w], mine
    assert any("control.md:3:" in w and "U+007F" in w and "'summary'" in w for w in mine)
    assert any("control.md:4:" in w and "U+007F" in w for w in mine)
    assert any("control.md:2:" in w and "'date' is not a valid date" in w for w in mine)
    page = html(app, "control")
    assert page.find("meta", attrs={"name": "keywords", "content": "control-test"}) is not None
    assert page.find("meta", attrs={"name": "description"})["content"] == "A dek"


def test_an_empty_date_is_called_empty(make_app, rootdir, tmp_path):
    """``date:`` with no value said "not a valid date: None" (issue 15 item 15)."""
    from helpers import build, copy_root

    src = copy_root(rootdir, tmp_path, "hardening")
    (src / "empty.md").write_text("---\ndate:\ntitle: Empty\n---\n# Empty\n\nText.\n")
    (src / "empty-rst.rst").write_text(":orphan:\n:date: \n\nEmpty\n=====\n\nText.\n")
    app = build(make_app, src)
    found = newsbrief_warnings(app, "article")
    assert any("empty.md:2:" in w and "'date' is empty; give an ISO date" in w for w in found)
    assert not [w for w in found if "None" in w or "''" in w], found


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_first_of_two_questions_with_one_id_is_the_older(make_app, rootdir, tmp_path, jobs):
    """Which of two questions with one id won depended on docnames (issue 15 item 22): the
    older article's question is the one used, the newer one is warned about, under -j too."""
    from helpers import build, copy_root

    src = copy_root(rootdir, tmp_path, "hardening")
    for name, day in (("a-newer", "2025-07-02"), ("z-older", "2025-07-01")):
        (src / f"{name}.md").write_text(
            f"---\ndate: {day}\n---\n# {name}\n\n:::{{questions}}\n:id-prefix: dup\n"
            f"- Asked in {name}? {{#q}}\n:::\n",
            encoding="utf-8",
        )
    (src / "link.md").write_text(
        "---\ndate: 2025-07-03\n---\n# Link\n\nSee {question}`dup:q`.\n", encoding="utf-8"
    )
    app = build(make_app, src, parallel=jobs)
    found = [w for w in newsbrief_warnings(app, "questions") if "duplicate" in w]
    assert len(found) == 1 and "a-newer.md:8:" in found[0] and "z-older.md:8" in found[0], found
    link = main(app, "link").select_one("a.nb-question-ref, a[href*='nbq-']")
    assert link["href"].startswith("z-older.html#"), link
    assert "Asked in z-older?" in link.get_text()


def test_singlehtml_ids_are_unique_and_links_resolve(make_app, tmp_path):
    """singlehtml linked to '#document-a#nb-answer-1' and gave the boxes and answers of
    every article the same ids (issue 15 item 13); the html builder keeps its ids."""
    from collections import Counter
    from pathlib import Path

    from bs4 import BeautifulSoup
    from helpers import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nmyst_enable_extensions = ["colon_fence"]\n'
        'exclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Site\n\n```{uncertaintylist}\n```\n\n```{questionlist}\n```\n", encoding="utf-8"
    )
    for me, other, day in (("a", "b", "21"), ("b", "a", "22")):
        (src / f"{me}.md").write_text(
            f"---\ndate: 2025-06-{day}\n---\n# Article {me}\n\n"
            f":::{{uncertainty}} Box {me}\n:status: reported\n:id: claim-{me}\nText.\n:::\n\n"
            f":::{{questions}}\n:id-prefix: {me}\n- Will {me}? {{#will}}\n:::\n\n"
            f":::{{answer}} {other}:will\nYes.\n:::\n\n"
            f"See {{question}}`{other}:will` and {{ref}}`{other}`.\n\n"
            f":::{{uncertainty}} Again\n:status: confirmed\n:id: claim-{other}\nRe.\n:::\n",
            encoding="utf-8",
        )
    app = build(make_app, src, "singlehtml")
    page = BeautifulSoup(Path(app.outdir, "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    hrefs = {a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("#")}
    assert len(hrefs) > 8
    assert sorted(h for h in hrefs if h != "#" and h[1:] not in ids) == []
    assert "#document-b-nb-answer-1" in hrefs and "#document-a-nbq-a-will" in hrefs
    # the html builder's ids are the documents' own
    html_app = build(make_app, src, "html")
    assert main(html_app, "a").select_one("#nb-answer-1") is not None
    assert main(html_app, "b").find("a", href="a.html#nb-answer-1") is not None


#: Tags of the article in :func:`test_an_article_with_thousands_of_tags`.
MANY_TAGS = 2000


def test_an_article_with_thousands_of_tags(make_app, tmp_path):
    """2,000 tags written out were dropped as "too large (YAML aliases?)", and each tag's
    page and feed listed the article with all its tags: output grew as tags² (issue 15
    item 18). Listings and feeds show the first tags and "+N more"."""
    from pathlib import Path

    from helpers import build

    from sphinx_newsbrief.records import LISTED_TAGS

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nmyst_enable_extensions = ["colon_fence"]\n'
        'exclude_patterns = ["_build"]\nnewsbrief_site_url = "https://example.org/"\n'
        "show_warning_types = True\n",
        encoding="utf-8",
    )
    listed = "".join(f"  - Topic {i}\n" for i in range(MANY_TAGS))
    (src / "index.md").write_text(
        f"---\ndate: 2025-06-21\ntags:\n{listed}---\n# Many\n\n"
        "```{tags} Extra one, Extra two\n```\n\nText.\n\n```{briefs}\n```\n",
        encoding="utf-8",
    )
    app = build(make_app, src)
    assert warnings(app) == []
    out = Path(app.outdir)
    more = f"+{MANY_TAGS + 2 - LISTED_TAGS} more"
    page = main(app, f"tags/topic-{MANY_TAGS - 1}")
    assert page.select_one(".nb-tags-more a, a.nb-tags-more").get_text() == more
    assert len(page.select("a.nb-tag")) == LISTED_TAGS
    assert main(app, "index").select_one(".nb-briefs .nb-tags-more").get_text() == more
    assert (out / "tags" / "extra-two.xml").read_text(encoding="utf-8").count("<category") == 20
    # every tag has a page and a feed, each of a size that does not grow with the tags
    written = [p for p in (out / "tags").iterdir() if p.is_file()]
    assert len(written) == 2 * (MANY_TAGS + 2) + 1  # pages, feeds, the index
    assert sum(p.stat().st_size for p in written) < MANY_TAGS * 16_000

"""Open questions: ids, statuses, answers, links, tracker, builders, incremental."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    build,
    bump,
    clean_content,
    content,
    copy_root,
    main,
    mtimes,
    needs_tex,
    newsbrief_warnings,
    pdf_text,
)


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "questions"))


def _items(page, selector="ul.nb-question-list"):
    return page.select_one(selector).select(":scope > li")


def test_ids_and_anchors(built):
    items = _items(main(built, "lead"))
    anchors = [li.select_one("span.target")["id"] for li in items]
    assert anchors == [
        "nbq-nk-iran-materialise",
        "nbq-nk-iran-how-will-the-united-states-and-its-allies-respond",
        "nbq-nk-iran-diplomacy",
    ]
    assert "{#materialise}" not in items[0].get_text()
    assert items[0].select_one("em").get_text() == "materialise"


def test_status_and_answer_links(built):
    items = _items(main(built, "lead"))
    first = items[0].select_one(".nb-question-status")
    assert first.select_one(".nb-status-label").get_text() == "[partly answered]"
    link = first.select_one(".nb-answer-link a")
    assert link.get_text() == "Later" and link["href"].startswith("later.html#nb-answer-")
    assert main(built, "later").find(id=link["href"].split("#")[1]) is not None
    assert items[1].select_one(".nb-status-label").get_text() == "[open]"
    # newest answer decides: the rST article (30 June) supersedes diplomacy
    assert items[2].select_one(".nb-status-label").get_text() == "[superseded]"


def test_answer_links_back(built):
    answer = main(built, "later").select_one("aside.nb-answer")
    title = answer.select_one(".admonition-title")
    assert title.get_text().startswith("Partial answer: Will North Korea")
    assert title.select_one("a")["href"] == "lead.html#nbq-nk-iran-materialise"
    assert "Text kept." in main(built, "later").get_text()


def test_question_role(built):
    refs = main(built, "index").select("a.nb-question-ref")
    assert [(a.get_text(), a["href"]) for a in refs] == [
        (
            "Will North Korea's support materialise, and in what form?",
            "lead.html#nbq-nk-iran-materialise",
        ),
        ("custom text", "lead.html#nbq-nk-iran-materialise"),
    ]
    forward = main(built, "lead").select_one("a.nb-question-ref")
    assert forward["href"] == "later.html#nbq-later-next-steps"
    assert main(built, "index").select_one(".nb-unresolved").get_text() == "nk-iran:nope"


def test_warnings(built):
    text = "\n".join(newsbrief_warnings(built, "questions"))
    assert "lead.md:14: WARNING: questions: the body must be one bullet list" in text
    assert "lead.md:18: WARNING: questions: the list is empty" in text
    assert "later.md:12: WARNING: answer: status 'maybe' is not allowed" in text
    assert "later.md:12: WARNING: answer to unknown question 'nk-iran:unknown'" in text
    assert "index.md:18: WARNING: unknown question 'nk-iran:nope'" in text
    assert "duplicate question id 'nk-iran:diplomacy'; also at" in text and "lead.md" in text
    assert len(newsbrief_warnings(built, "questions")) == 6, text


def test_tracker(built):
    page = main(built, "index")
    lists = page.select(".nb-questionlist")
    groups = [p.get_text(" ", strip=True) for p in lists[0].select(".nb-questionlist-article")]
    assert groups == [
        "Duplicate \N{EN DASH} 30 June 2025",
        "Later \N{EN DASH} 28 June 2025",
        "Lead \N{EN DASH} 21 June 2025",
    ]
    lead_items = lists[0].select("ul.nb-question-list")[2].select("li")
    assert "[partly answered]" in lead_items[0].get_text()
    open_only = [li.select_one("a").get_text() for li in lists[1].select("li")]
    assert "Will North Korea's support materialise, and in what form?" not in open_only
    assert "How will the United States and its allies respond?" in open_only
    tagged = [p.get_text(" ", strip=True) for p in lists[2].select(".nb-questionlist-article")]
    assert tagged == ["Later \N{EN DASH} 28 June 2025"]


def test_text_and_latex(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "questions")
    text = (Path(build(make_app, src, "text").outdir) / "lead.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    answer = "[partly answered] \N{RIGHTWARDS ARROW} %s (28 June 2025)"
    assert answer % "Later" in flat or answer % "*Later*" in flat  # a link, or text without URIs
    out = Path(build(make_app, src, "latex").outdir)
    tex = (out / "lead.tex").read_text(encoding="utf-8")
    assert r"\label{\detokenize{lead:nbq-nk-iran-materialise}}" in tex
    assert r"\DUrole{nb-bracket}{{[}}partly answered\DUrole{nb-bracket}{{]}}" in tex


@needs_tex
def test_pdf_shows_partly_answered(make_app, rootdir, tmp_path):
    out = Path(build(make_app, copy_root(rootdir, tmp_path, "questions"), "latex").outdir)
    text = pdf_text(out, "lead")
    assert "[partly answered]" in text and "Later (28 June 2025)" in text


def test_answer_added_and_removed_incrementally(make_app, rootdir, tmp_path, monkeypatch):
    src = copy_root(rootdir, tmp_path, "questions")
    out = Path(build(make_app, src).outdir)
    # a new article answers the open question: lead and index change, nothing is re-read
    (src / "newer.md").write_text(
        "---\ndate: 2025-07-05\n---\n# Newer\n\n"
        ":::{answer} nk-iran:how-will-the-united-states-and-its-allies-respond\n"
        ":status: answered\nThey condemned it.\n:::\n"
    )
    app = build(make_app, src)
    assert "1 added, 0 changed, 0 removed" in app.status.getvalue()
    items = _items(main(app, "lead"))
    assert items[1].select_one(".nb-status-label").get_text() == "[answered]"
    assert content(out) == clean_content(make_app, src, tmp_path)
    # deleting the answering article re-opens the question
    (src / "newer.md").unlink()
    app = build(make_app, src)
    items = _items(main(app, "lead"))
    assert items[1].select_one(".nb-status-label").get_text() == "[open]"
    got = content(out)
    got.pop("newer.html")
    assert got == clean_content(make_app, src, tmp_path)


def test_parallel(make_app, rootdir, tmp_path):
    results = []
    for jobs in (1, 2):
        src = copy_root(rootdir, tmp_path, "questions", dest=f"j{jobs}")
        for i in range(8):
            (src / f"x{i}.md").write_text(
                f"---\ndate: 2025-05-{i + 1:02d}\n---\n# X{i}\n\n:::{{questions}}\n- Q{i}?\n:::\n"
            )
        results.append(content(Path(build(make_app, src, parallel=jobs).outdir)))
    assert results[0] == results[1]


def test_pdf_links_to_the_site_when_published(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "questions")
    app = build(
        make_app, src, "latex", confoverrides={"newsbrief_site_url": "https://example.org/news/"}
    )
    tex = (Path(app.outdir) / "lead.tex").read_text(encoding="utf-8")
    # the answering article is not in this PDF: link to its web page instead
    assert r"\sphinxhref{https://example.org/news/later.html\#nb-answer-1}{Later}" in tex


# -- a docs project: ordinary pages (no date) count too -------------------------------


@pytest.fixture
def docs(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "registers-docs"))


def test_answer_on_an_ordinary_page_counts(docs):
    items = _items(main(docs, "guide"))
    status = items[0].select_one(".nb-question-status")
    assert status.select_one(".nb-status-label").get_text() == "[answered]"
    link = status.select_one(".nb-answer-link a")
    assert link.get_text() == "FAQ" and link["href"].startswith("faq.html#nb-answer-")
    assert "(" not in status.select_one(".nb-answer-link").get_text()  # a page has no date
    assert main(docs, "faq").find(id=link["href"].split("#")[1]) is not None
    assert items[1].select_one(".nb-status-label").get_text() == "[open]"
    back = main(docs, "faq").select_one("aside.nb-answer .admonition-title a")
    assert back["href"] == "guide.html#nbq-guide-api"  # from .rst to .md


def test_tracker_lists_ordinary_pages(docs):
    lists = main(docs, "registers").select(".nb-questionlist")
    assert len(lists) == 2  # every question, open ones; the tag filter matches no page
    heads = [p.get_text(" ", strip=True) for p in lists[0].select(".nb-questionlist-article")]
    assert heads == ["User guide"]
    assert lists[0].select_one(".nb-questionlist-article a")["href"] == "guide.html"
    rows = [" ".join(li.get_text().split()) for li in lists[0].select("ul.nb-question-list > li")]
    assert rows == [
        "Will the API stay stable? [answered] \N{RIGHTWARDS ARROW} FAQ",
        "When is version 2 due? [open]",
    ]
    assert [li.select_one("a").get_text() for li in lists[1].select("li")] == [
        "When is version 2 due?"
    ]
    assert "No questions match." in main(docs, "registers").get_text()
    current = main(docs, "guide").select_one(".nb-questionlist")
    assert [p.get_text(strip=True) for p in current.select(".nb-questionlist-article")] == [
        "User guide"
    ]


def test_tracker_of_ordinary_pages_in_text(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "registers-docs")
    text = (Path(build(make_app, src, "text").outdir) / "registers.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    tracker = flat[flat.index("Every question") :]
    assert tracker.startswith("Every question ============== **User guide** * Will the API")
    answered = "Will the API stay stable? [answered] \N{RIGHTWARDS ARROW} "
    assert f"{answered}FAQ" in tracker or f"{answered}*FAQ*" in tracker
    assert flat.count("No questions match.") == 1


def test_ordinary_page_answer_changed_incrementally(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "registers-docs")
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    faq = src / "faq.rst"
    faq.write_text(faq.read_text().replace(":status: answered", ":status: partly"))
    bump(faq)
    app = build(make_app, src)
    assert content(out) == clean_content(make_app, src, tmp_path)
    label = _items(main(app, "guide"))[0].select_one(".nb-status-label")
    assert label.get_text() == "[partly answered]"
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    assert {"faq.html", "guide.html", "registers.html"} <= rewritten

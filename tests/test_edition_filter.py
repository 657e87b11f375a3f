"""The ``:edition:`` filter of the aggregate directives (register, questions, matrix, tags).

The root has two published articles in 2025-W26 (``late``, ``other``), one in
2025-W25 (``early``), a draft in 2025-W26 and an ordinary page (``notes``);
``w26`` and ``w25`` show each edition's four aggregates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build, bump, clean_content, content, copy_root, main, mtimes, newsbrief_warnings


def _section(app, docname, section_id):
    return main(app, docname).find("section", id=section_id)


def _register(element):
    """Each row of the register: (article link of the row, claim text, status)."""
    rows = []
    for tr in element.select("table.nb-register tbody tr"):
        cells = tr.select("td")
        link = cells[1].find("a")
        rows.append(
            (link["href"].split("#")[0], link.get_text(strip=True), cells[2].get_text(strip=True))
        )
    return rows


def _questions(element):
    """Each listed question: (its article's title, question text, status classes, answer links)."""
    out = []
    for group in element.select("p.nb-questionlist-article"):
        title = group.find("a").get_text(strip=True)
        for li in group.find_next_sibling("ul").select("li.nb-question"):
            text = li.find("a").get_text(strip=True)
            status = [c for c in li["class"] if c.startswith("nb-question-")]
            answers = [a["href"] for a in li.select(".nb-question-status a")]
            out.append((title, text, status, answers))
    return out


def _matrix(element):
    """The matrix as (column titles, {actor: cells})."""
    table = element.select_one("table.nb-reactionmatrix")
    if table is None:
        return [], {}
    columns = [th.find("a").get_text(strip=True) for th in table.select("thead th")[1:]]
    rows = {}
    for tr in table.select("tbody tr"):
        actor, *cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
        rows[actor] = cells
    return columns, rows


def _tagindex(element):
    """Each tag of the index: (name, count text, article titles)."""
    out = []
    for head in element.select("p.nb-tagindex-tag"):
        titles = [a.get_text(strip=True) for a in head.find_next_sibling("ul").select("a")]
        count = head.select_one(".nb-count").get_text(strip=True)
        out.append((head.strong.get_text(strip=True), count, titles))
    return out


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "edition-filter"))


def test_register_shows_only_the_editions_rows(built):
    w26 = _register(_section(built, "w26", "register"))
    assert w26 == [
        ("other.html", "Other box", "Speculative"),
        ("late.html", "pledged support", "Reported"),
        ("late.html", "Late box", "Disputed"),
    ]  # no W25 article, no draft of W26, no ordinary page
    w25 = _register(_section(built, "w25", "register"))
    assert w25 == [
        ("early.html", "denied any pact", "Denied"),
        ("early.html", "Early box", "Unconfirmed"),
    ]
    combined = main(built, "combined")
    assert _register(combined.find("section", id="register-disputed-in-2025-w26")) == [
        ("late.html", "Late box", "Disputed")
    ]
    assert _register(combined.find("section", id="register-tagged-sanctions-in-2025-w26")) == [
        ("other.html", "Other box", "Speculative")
    ]
    assert newsbrief_warnings(built) == []


def test_questionlist_shows_the_editions_questions_with_later_answers(built):
    assert _questions(_section(built, "w26", "questions")) == [
        ("Late brief", "Will troops be sent?", ["nb-question-open"], [])
    ]
    # the W25 question answered by a W26 article keeps its status and answer
    assert _questions(_section(built, "w25", "questions")) == [
        (
            "Early brief",
            "Will the pact be signed?",
            ["nb-question-answered"],
            ["late.html#nb-answer-1"],
        ),
        ("Early brief", "Who else will join?", ["nb-question-open"], []),
    ]
    open_w25 = main(built, "combined").find("section", id="questions-open-in-2025-w25")
    assert _questions(open_w25) == [
        ("Early brief", "Who else will join?", ["nb-question-open"], [])
    ]


def test_reactionmatrix_shows_only_the_editions_columns(built):
    columns, rows = _matrix(_section(built, "w26", "matrix"))
    assert columns == ["Late brief"]  # other has no reactions, the draft is left out
    assert rows == {"South Korea": ["Oppose"], "United States": ["Condemn"]}
    columns, rows = _matrix(_section(built, "w25", "matrix"))
    assert columns == ["Early brief"]
    assert rows == {"Japan": ["Neutral"], "United States": ["Concern"]}
    # no W26 article is tagged Iran: the matrix is empty
    iran = main(built, "combined").find("section", id="matrix-tagged-iran-in-2025-w26")
    assert _matrix(iran) == ([], {})
    assert iran.select_one("p.nb-empty") is not None


def test_tagindex_shows_the_editions_tags_and_counts(built):
    assert _tagindex(_section(built, "w26", "tags")) == [
        ("News", "(1 article)", ["Late brief"]),
        ("North Korea", "(1 article)", ["Late brief"]),
        ("Sanctions", "(1 article)", ["Other brief"]),
    ]
    assert _tagindex(_section(built, "w25", "tags")) == [
        ("Iran", "(1 article)", ["Early brief"]),
        ("News", "(1 article)", ["Early brief"]),
    ]


def test_unknown_edition_shows_empty_lists_without_warning(built):
    page = main(built, "unknown")
    assert page.select("table, .nb-questionlist, .nb-tagindex-tag, .nb-brief") == []
    empties = [p.get_text(strip=True) for p in page.select("p.nb-empty, p.nb-briefs-empty")]
    assert empties == [
        "No uncertain claims recorded.",
        "No questions match.",
        "No reactions recorded yet.",
        "No tags yet.",
        "No articles yet.",
    ]  # as {briefs} does for an unknown edition: no warning, an empty list
    assert newsbrief_warnings(built) == []


def test_article_moving_to_another_edition_rewrites_the_edition_pages(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "edition-filter")
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    early = src / "early.md"
    early.write_text(early.read_text().replace("edition: 2025-W25", "edition: 2025-W26"))
    bump(early)
    app = build(make_app, src)
    assert content(out) == clean_content(make_app, src, tmp_path)
    columns, _rows = _matrix(_section(app, "w26", "matrix"))
    assert columns == ["Early brief", "Late brief"]
    assert _register(_section(app, "w25", "register")) == []
    tags = [name for name, _count, _titles in _tagindex(_section(app, "w26", "tags"))]
    assert tags == ["Iran", "News", "North Korea", "Sanctions"]
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    assert {"early.html", "w25.html", "w26.html", "combined.html"} <= rewritten
    assert "unknown.html" not in rewritten  # shows nothing of either edition
    assert "notes.html" not in rewritten

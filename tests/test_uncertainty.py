"""Labelled uncertainty: boxes, claims, register, legend, custom scales, builders."""

from __future__ import annotations

import os
import shutil
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

from sphinx_newsbrief.uncertainty import grade_meaning


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "uncertainty"))


def _register(page, heading=None):
    tables = page.select("table.nb-register")
    return [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in tables[heading or 0].select("tbody tr")
    ]


def test_box_html(built):
    box = main(built, "lead").select_one("aside.nb-uncertainty")
    assert box["role"] == "note"
    assert "nb-status-unconfirmed" in box["class"] and "nb-tone-caution" in box["class"]
    assert (
        box.select_one(".admonition-title")
        .get_text(strip=True)
        .endswith("Reported pledge, no official confirmation")
    )
    assert box.select_one(".nb-icon")["aria-hidden"] == "true"
    labels = {
        dt.get_text(strip=True).rstrip(":"): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in box.select("dl.nb-labels > dt")
    }
    assert labels == {
        "Status": "Unconfirmed",
        "Likelihood": "Roughly even chance (45\N{EN DASH}55\N{NO-BREAK SPACE}%)",
        "Confidence": "Low",
        "Source grade": "B2 (usually reliable, probably true)",
        "Source": "Posts on social media",
        "As of": "21 June 2025",
    }
    assert "The reported alliance is speculative." in box.get_text()


def test_bad_options_render_unrated_and_keep_body(built):
    boxes = main(built, "lead").select("aside.nb-uncertainty")
    bad = boxes[1]
    assert "nb-status-unrated" in bad["class"]
    assert "Body kept despite bad options." in bad.get_text()
    assert "Unrated" in bad.select_one("dl.nb-labels").get_text()


def test_warnings(built):
    found = newsbrief_warnings(built, "uncertainty")
    text = "\n".join(found)
    assert "lead.md:7: WARNING: claim 'claim without status' has no <status>" in text
    assert "unknown status 'bogus'" in text and "'confirmed', 'reported'" in text
    assert "lead.md:20: WARNING: unknown status 'maybe'" in text
    assert "unknown likelihood 'probably'" in text and "'almost-no-chance'" in text
    assert "unknown confidence 'sure'" in text and "'low', 'moderate', 'high'" in text
    assert ":as-of: 'yesterday' is not a date" in text
    assert ":grade: 'Z9' is not an Admiralty grade" in text
    assert "lead.md:29: WARNING: uncertainty: the box has no text" in text
    assert len(found) == 8, found


def test_claims_html(built):
    page = main(built, "lead")
    claim = page.select_one("span.nb-claim")
    assert claim.select_one(".nb-claim-text").get_text() == "pledged support to Iran"
    marker = claim.select_one(".nb-claim-marker")
    assert marker.select_one("abbr").get_text() == (
        "Unconfirmed; Roughly even chance (45\N{EN DASH}55\N{NO-BREAK SPACE}%)"
    )
    assert "no official or independent confirmation" in marker.select_one("abbr")["title"]
    # a claim without a status keeps its text
    assert "claim without status" in page.get_text()


def test_register(built):
    rows = _register(main(built, "index"))
    assert [r[1] for r in rows] == [
        "sanctions were tightened",
        "Sanctions question",
        "pledged support to Iran",
        "odd claim",
        "Reported pledge, no official confirmation",
        "Body kept despite bad options.",
        "Denied",
        "In a list",
        "in a table",
        "In a table",
        "in the guide",
    ]
    assert rows[0][0] == "Later" and rows[1][0] == ""  # each article named once
    assert rows[1][2:5] == ["Disputed", "Likely (55\N{EN DASH}80\N{NO-BREAK SPACE}%)", "High"]
    # an ordinary page counts too, after the articles, named by its title
    assert rows[-1][:3] == ["Notes (not an article)", "in the guide", "Speculative"]
    link = main(built, "index").select("table.nb-register tbody tr")[2].select("a")[1]
    assert link["href"].startswith("lead.html#nb-uncertainty-")
    target = main(built, "lead").find(id=link["href"].split("#")[1])
    assert target is not None and "pledged support" in target.get_text()


def test_register_filters(built):
    page = main(built, "index")
    assert [r[2] for r in _register(page, 1)] == ["Unconfirmed", "Unconfirmed"]
    assert [r[1] for r in _register(page, 2)] == ["sanctions were tightened", "Sanctions question"]
    current = _register(main(built, "lead"))
    assert [r[1] for r in current] == ["Denied", "in a table"]


def test_legend(built):
    tables = main(built, "index").select("table.nb-legend-table")
    likelihood = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in tables[1].select("tbody tr")
    ]
    assert likelihood[0] == ["Almost no chance", "1\N{EN DASH}5\N{NO-BREAK SPACE}%"]
    assert len(likelihood) == 7


def test_custom_scale(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "uncertainty")
    (src / "custom.md").write_text(
        "---\ndate: 2025-07-01\n---\n# Custom\n\n"
        ":::{uncertainty}\n:status: rumour\n:likelihood: even\nA rumour.\n:::\n\n"
        ":::{uncertainty}\n:status: unconfirmed\n:likelihood: roughly-even\nOld words.\n:::\n",
        encoding="utf-8",
    )
    overrides = {
        "newsbrief_statuses": {
            "verified": {"label": "Verified", "tone": "positive"},
            "rumour": {"label": "Rumour", "description": "Not checked.", "tone": "caution"},
        },
        "newsbrief_likelihood_scale": {
            "remote": {"label": "Remote", "range": [0, 10]},
            "unlikely": {"label": "Unlikely", "range": [10, 40]},
            "even": {"label": "Even", "range": [40, 60]},
            "likely": {"label": "Likely", "range": [60, 90]},
            "near-certain": {"label": "Near certain", "range": [90, 100]},
        },
    }
    app = build(make_app, src, confoverrides=overrides)
    boxes = main(app, "custom").select("aside.nb-uncertainty")
    assert "Rumour" in boxes[0].get_text() and "Even (40\N{EN DASH}60" in boxes[0].get_text()
    assert "nb-status-unrated" in boxes[1]["class"]
    found = [w for w in newsbrief_warnings(app, "uncertainty") if "custom.md" in w]
    assert any("unknown status 'unconfirmed'" in w and "'verified', 'rumour'" in w for w in found)
    assert any("unknown likelihood 'roughly-even'" in w and "'near-certain'" in w for w in found)
    legend = main(app, "index").select("table.nb-legend-table")[1].get_text()
    assert "Near certain" in legend and "Almost certain" not in legend


@pytest.mark.parametrize(
    ("grade", "meaning"),
    [
        ("B2", "usually reliable, probably true"),
        ("f6", "reliability cannot be judged, truth cannot be judged"),
        ("G1", None),
        ("B7", None),
        ("", None),
    ],
)
def test_grade_meaning(grade, meaning):
    assert grade_meaning(grade) == meaning


def test_text_builder(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "uncertainty"), "text")
    text = (Path(app.outdir) / "lead.txt").read_text(encoding="utf-8")
    assert "Reported pledge, no official confirmation" in text
    assert "Status: Unconfirmed" in text
    assert "Likelihood: Roughly even chance" in text
    assert "pledged support to Iran [Unconfirmed; Roughly even chance" in text
    assert "Claimed or circulating" not in text  # the tooltip is HTML-only


def test_latex(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "uncertainty"), "latex")
    tex = (Path(app.outdir) / "lead.tex").read_text(encoding="utf-8")
    assert r"\begin{sphinxadmonition}{caution}{Reported pledge, no official confirmation}" in tex
    assert r"\textbf{Status:} Unconfirmed" in tex
    assert r"\textbf{Likelihood:} Roughly even chance" in tex
    assert r"\begin{sphinxadmonition}{warning}{Denied}" in tex
    assert r"\DUrole{nb-claim-text}{pledged support to Iran}" in tex
    assert r"{[}}Unconfirmed; Roughly even chance (45\textendash{}55" in tex


@needs_tex
def test_pdf_compiles_with_boxes_in_lists_and_tables(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "uncertainty"), "latex")
    text = pdf_text(Path(app.outdir), "lead")
    assert "Status: Unconfirmed" in text
    assert "Inside a table cell." in text and "Inside a list." in text


def test_incremental_register(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "uncertainty")
    out = Path(build(make_app, src).outdir)
    later = src / "later.rst"
    later.write_text(later.read_text().replace(":status: disputed", ":status: confirmed"))
    stat = later.stat()
    os.utime(later, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    (src / "lead.md").unlink()
    build(make_app, src)
    got = content(out)
    got.pop("lead.html")
    clean = tmp_path / "clean"
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build"))
    assert got == content(Path(build(make_app, clean, freshenv=True).outdir))
    rows = _register(main(build(make_app, src), "index"))
    assert [r[2] for r in rows] == ["Confirmed", "Confirmed", "Speculative"]  # + notes.md


def test_parallel_register(make_app, rootdir, tmp_path):
    results = []
    for jobs in (1, 2):
        src = copy_root(rootdir, tmp_path, "uncertainty", dest=f"j{jobs}")
        for i in range(8):
            (src / f"x{i}.md").write_text(
                f"---\ndate: 2025-05-{i + 1:02d}\n---\n# X{i}\n\n{{claim}}`c{i} <reported>`\n"
            )
        results.append(content(Path(build(make_app, src, parallel=jobs).outdir)))
    assert results[0] == results[1]


def test_changed_scale_applies_on_next_build(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "uncertainty")
    build(make_app, src)
    with (src / "conf.py").open("a") as conf:
        conf.write(
            "\nnewsbrief_statuses = "
            "{'unconfirmed': {'label': 'Not yet checked', 'tone': 'caution'}}\n"
        )
    app = build(make_app, src)
    assert "Not yet checked" in main(app, "lead").select_one("aside.nb-uncertainty").get_text()


# -- a docs project: ordinary pages (no date) count too -------------------------------


@pytest.fixture
def docs(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "registers-docs"))


def test_register_collects_ordinary_pages(docs):
    page = main(docs, "registers")
    likely = "Likely (55\N{EN DASH}80\N{NO-BREAK SPACE}%)"
    unlikely = "Unlikely (20\N{EN DASH}45\N{NO-BREAK SPACE}%)"
    assert _register(page) == [
        ["FAQ", "beats the old one", "Disputed", "", "", ""],  # from .rst
        ["", "Benchmark numbers", "Disputed", unlikely, "", ""],
        ["User guide", "keeps data for a year", "Reported", likely, "", ""],  # from .md
        ["", "Rate limits may change", "Speculative", "", "Low", ""],
    ]
    first = page.select_one("table.nb-register tbody tr td a")
    assert first["href"] == "faq.html"  # the page title links to the page
    claims = [a["href"] for a in page.select("table.nb-register tbody tr td:nth-of-type(2) a")]
    for href in claims[:4]:
        name, anchor = href.split("#")
        assert main(docs, name.removesuffix(".html")).find(id=anchor) is not None


def test_register_filters_on_ordinary_pages(docs):
    page = main(docs, "registers")
    assert [r[1] for r in _register(page, 1)] == ["beats the old one", "Benchmark numbers"]
    # pages have no tags: a tag filter matches articles only
    empty = [p.get_text() for p in page.select("p.nb-empty")]
    assert empty.count("No uncertain claims recorded.") == 1
    current = _register(main(docs, "guide"))
    assert [r[1] for r in current] == ["keeps data for a year", "Rate limits may change"]


def test_register_of_ordinary_pages_in_text_and_latex(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "registers-docs")
    text = (Path(build(make_app, src, "text").outdir) / "registers.txt").read_text(encoding="utf-8")
    assert "| FAQ" in text and "| User guide" in text and "| Benchmark numbers" in text
    assert text.count("No uncertain claims recorded.") == 1
    tex = (Path(build(make_app, src, "latex").outdir) / "docs.tex").read_text(encoding="utf-8")
    assert tex.count("No uncertain claims recorded.") == 1
    assert tex.count("Benchmark numbers") == 3  # the box, the register, the disputed register


def test_incremental_register_of_ordinary_pages(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "registers-docs")
    out = Path(build(make_app, src).outdir)
    before = mtimes(out)
    guide = src / "guide.md"
    guide.write_text(guide.read_text().replace(":status: speculative", ":status: confirmed"))
    bump(guide)
    app = build(make_app, src)
    assert content(out) == clean_content(make_app, src, tmp_path)
    rows = _register(main(app, "registers"))
    assert rows[3][1:3] == ["Rate limits may change", "Confirmed"]
    rewritten = {p for p, t in mtimes(out).items() if before.get(p) != t}
    assert {"guide.html", "registers.html"} <= rewritten
    assert "faq.html" not in rewritten  # shows nothing of the guide

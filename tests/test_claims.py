"""Claim tracking: one claim re-assessed across articles, in every builder and build mode."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import build, bump, clean_content, content, copy_root, main, newsbrief_warnings

UNLIKELY = "Unlikely (20\N{EN DASH}45\N{NO-BREAK SPACE}%)"
EVEN = "Roughly even chance (45\N{EN DASH}55\N{NO-BREAK SPACE}%)"


def _states(app, docname: str) -> list[tuple[str, str]]:
    return [
        (e.get_text(" ", strip=True), e.find("a")["href"])
        for e in main(app, docname).select(".nb-claim-state")
    ]


def _register(app, docname: str = "index") -> list[list[str]]:
    table = main(app, docname).select_one("table.nb-register")
    rows = []
    for tr in table.select("tbody tr"):
        cells = tr.find_all("td", recursive=False)
        claim = cells[1]
        history = [li.get_text(" ", strip=True) for li in claim.select("ul.nb-claim-history li")]
        shown = [claim.find("p").get_text(" ", strip=True), cells[2].get_text(" ", strip=True)]
        rows.append(shown + history)
    return rows


@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_each_appearance_shows_where_the_claim_stands(app):
    app.build()
    # the first report's box says it was re-assessed, and links to the later assessment
    (state,) = _states(app, "first")[:1]
    text, href = state
    assert text.startswith(f"Now: Denied; {UNLIKELY} , 28 June 2025")
    assert "see A week later" in text
    (claim,) = main(app, "second").select("span.nb-claim")
    assert href == f"second.html#{claim['id']}"
    # the later one names what it re-assesses
    ((text, href),) = _states(app, "second")
    assert text.startswith(f"Earlier: Unconfirmed; {EVEN} , 21 June 2025")
    box = main(app, "first").select_one("aside.nb-uncertainty")
    assert href == f"first.html#{box['id']}"
    # a claim assessed once shows nothing; a draft's assessment is not "now" elsewhere
    assert len(_states(app, "first")) == 1


@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_the_register_has_one_row_per_claim_with_its_history(app):
    app.build()
    rows = _register(app)
    pledge = [r for r in rows if "pledge" in r[0] or "denied" in r[0]]
    assert pledge == [
        [
            "now denied",
            "Denied",
            f"28 June 2025 : Denied; {UNLIKELY}",
            f"21 June 2025 : Unconfirmed; {EVEN}; Low confidence",
        ]
    ]
    # the short form: the latest assessment only
    short = [r for r in _register(app, "short") if r[0] == "now denied"]
    assert short == [["now denied", "Denied"]]


@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_the_draft_sees_its_own_assessment(app):
    app.build()
    ((text, _href),) = _states(app, "draft")
    assert text.startswith("Earlier: Denied")


@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_ids_that_cannot_be_tracked_warn(app):
    app.build()
    found = newsbrief_warnings(app, "uncertainty")
    assert any("bad.md:6:" in w and "'not an id' is not usable" in w for w in found)
    assert any("bad.md:6:" in w and "'x:twice' appears twice" in w for w in found)
    # the second appearance in one document is not an assessment of its own
    assert "Now:" not in main(app, "bad").get_text()
    assert any("page.md:3:" in w and "page without a date" in w for w in found)
    assert len(found) == 3, found


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_other_builders_show_the_state(make_app, rootdir, tmp_path, builder):
    app = build(make_app, copy_root(rootdir, tmp_path, "claims"), builder)
    out = Path(app.outdir)
    if builder == "text":
        first = (out / "first.txt").read_text(encoding="utf-8")
        assert f"Now: Denied; {UNLIKELY}, 28 June 2025 — see A week" in first
        register = (out / "index.txt").read_text(encoding="utf-8")
        assert "* 28 June 2025:" in register and "21 June 2025: Unconfirmed;" in register
    else:
        (tex,) = out.glob("*.tex")
        text = tex.read_text(encoding="utf-8")
        assert "Now: " in text and "Earlier: " in text


# -- incremental and parallel builds ----------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump(path)


def test_deleting_the_later_article_restores_the_first(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "claims")
    build(make_app, src)
    (src / "second.md").unlink()
    app = build(make_app, src)
    assert _states(app, "first") == []
    after = content(Path(app.outdir))
    after.pop("second.html")  # Sphinx leaves the page of a deleted document
    assert after == clean_content(make_app, src, tmp_path)


def test_adding_and_changing_an_assessment_matches_a_clean_build(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "claims")
    later = src / "second.md"
    saved = later.read_text(encoding="utf-8")
    later.unlink()
    build(make_app, src)
    later.write_text(saved, encoding="utf-8")  # added
    app = build(make_app, src)
    assert _states(app, "first")[0][0].startswith("Now: Denied")
    assert content(Path(app.outdir)) == clean_content(make_app, src, tmp_path)
    _edit(later, "<denied, unlikely,", "<confirmed, likely,")  # changed
    app = build(make_app, src)
    assert _states(app, "first")[0][0].startswith("Now: Confirmed; Likely")
    assert content(Path(app.outdir)) == clean_content(make_app, src, tmp_path)


def test_parallel_build_matches_serial(make_app, rootdir, tmp_path):
    serial = content(Path(build(make_app, copy_root(rootdir, tmp_path, "claims")).outdir))
    src = copy_root(rootdir, tmp_path, "claims", dest="parallel")
    app = make_app("html", srcdir=src, parallel=2)
    app.build()
    assert content(Path(app.outdir)) == serial
    shutil.rmtree(src / "_build", ignore_errors=True)


def test_demo_deleting_the_tracker_restores_the_lead_brief(make_app, tmp_path):
    """Acceptance: the lead brief's pledge box and the register lose the re-assessment
    when the 28 June tracker is deleted, exactly as in a clean build."""
    from helpers import copy_demo

    src = copy_demo(tmp_path / "demo")
    lead = "briefs/2025-06-21-north-korea-iran-support"
    app = build(make_app, src)
    box = main(app, lead).select("aside.nb-uncertainty")[0]
    assert box.select_one(".nb-claim-state").get_text(" ", strip=True).startswith("Now: ")
    history = main(app, "register").select("ul.nb-claim-history")
    assert history  # the pledge and the troops scenario
    tracker = "briefs/2025-06-28-tracker-what-remains-unconfirmed.md"
    (src / tracker).unlink()
    app = build(make_app, src)
    assert main(app, lead).select(".nb-claim-state") == []
    assert main(app, "register").select("ul.nb-claim-history") == []
    boxes = [str(b) for b in main(app, lead).select("aside.nb-uncertainty, span.nb-claim")]
    register = str(main(app, "register"))
    clean_src = copy_demo(tmp_path / "clean")
    (clean_src / tracker).unlink()
    clean = build(make_app, clean_src, freshenv=True)
    assert boxes == [
        str(b) for b in main(clean, lead).select("aside.nb-uncertainty, span.nb-claim")
    ]
    assert register == str(main(clean, "register"))
    # (the rest of the lead brief differs only where its update note links to the
    # deleted article: Sphinx does not re-resolve links to a deleted page)

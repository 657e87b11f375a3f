"""Printable briefs and PDF editions (``newsbrief_pdf``).

The LaTeX sources are checked for every run; where TeX Live is installed
(``make test`` installs it) the documents are compiled and the PDFs checked
with ``pdftotext`` and ``pdfinfo``: what a reader sees on page one, the
document information, and that hostile titles and names in Korean, Persian
and Cyrillic print as text.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from helpers import build, copy_demo, copy_root, needs_tex, newsbrief_warnings, pdf_text

HOSTILE = r"Odd </script> \end{document} 100% #1 $5 & a_b {x} ~y ^z \input{/etc/passwd}"


def pdf_info(outdir: Path, name: str) -> dict[str, str]:
    run = subprocess.run(
        ["pdfinfo", f"{name}.pdf"], cwd=outdir, capture_output=True, text=True, check=True
    )
    pairs = (line.split(":", 1) for line in run.stdout.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


# -- LaTeX sources ------------------------------------------------------------------


def test_one_document_per_article_and_edition(rootdir, tmp_path, make_app):
    src = copy_root(rootdir, tmp_path, "pdf")
    app = build(make_app, src, "latex")
    assert newsbrief_warnings(app) == []
    out = Path(app.outdir)
    names = sorted(p.stem for p in out.glob("*.tex"))
    assert names == [
        "edition-2025-w25",
        "edition-2025-w26",
        "hostile",
        "plain",
        "second",
        "testdesk",  # the project's own document, as latex_documents gives it
    ]
    brief = (out / "hostile.tex").read_text(encoding="utf-8")
    assert r"\nbtitleblock{" in brief
    assert r"\sphinxtableofcontents" not in brief and r"\printindex" not in brief
    assert r"\sphinxmaketitle" not in brief
    assert r"\usepackage{sphinxnewsbrief}" in brief
    assert (out / "sphinxnewsbrief.sty").is_file()
    # the author's text is escaped: no raw command from the title reaches LaTeX
    assert brief.split(r"\begin{document}", 1)[1].count(r"\end{document}") == 1
    assert r"\input{/etc/passwd}" not in brief
    assert r"\textbackslash{}input\{/etc/passwd\}" in brief
    edition = (out / "edition-2025-w25.tex").read_text(encoding="utf-8")
    assert r"\nbmasthead{" in edition and r"\nbcontents" in edition
    assert edition.index("Odd") < edition.index("Second article of the first edition")
    for appendix in ("Uncertainty register", "Open questions", "Reactions by actor", "Tag index"):
        assert f"{{{appendix}}}" in edition
    labels = re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", edition)
    assert labels and len(labels) == len(set(labels))  # no label twice (LaTeX would warn)
    # xelatex (for the scripts) with makeindex: Sphinx would pick xindy, not in TeX Live's base
    assert (app.config.latex_engine, app.config.latex_use_xindy) == ("xelatex", False)
    # the project's own PDF gets the same fonts (Termes and Heros, as pdflatex had)
    site = (out / "testdesk.tex").read_text(encoding="utf-8")
    assert r"\usepackage{sphinxnewsbriefscripts}" in site and "FreeSerif" not in site
    assert (out / "sphinxnewsbriefscripts.sty").is_file()


def test_the_projects_own_documents_win(rootdir, tmp_path, make_app):
    src = copy_root(rootdir, tmp_path, "pdf")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text()
        + 'latex_documents = [("briefs/plain", "plain.tex", "Mine", "Me", "howto"),'
        + ' ("index", "site.tex", "Site", "Me", "manual")]\n'
    )
    app = build(make_app, src, "latex")
    out = Path(app.outdir)
    assert sorted(p.stem for p in out.glob("*.tex")) == [
        "edition-2025-w25",
        "edition-2025-w26",
        "hostile",
        "plain",
        "second",
        "site",
    ]
    assert r"\title{Mine}" in (out / "plain.tex").read_text(encoding="utf-8")


def test_a_deleted_article_takes_its_pdf_with_it(rootdir, tmp_path, make_app):
    src = copy_root(rootdir, tmp_path, "pdf")
    out = Path(build(make_app, src, "latex").outdir)
    (out / "second.pdf").write_text("stale")  # as latexmk left it
    (src / "briefs" / "second.md").unlink()
    build(make_app, src, "latex")
    assert not (out / "second.tex").exists() and not (out / "second.pdf").exists()
    assert (out / "hostile.tex").exists()


def test_off_by_default(rootdir, tmp_path, make_app):
    src = copy_root(rootdir, tmp_path, "pdf")
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace("newsbrief_pdf =", "unused ="))
    app = build(make_app, src, "latex")
    assert sorted(p.stem for p in Path(app.outdir).glob("*.tex")) == ["testdesk"]
    assert app.config.latex_engine == "pdflatex"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"yes"', "must be a dict with the keys 'briefs', 'editions'"),
        ('{"brief": True}', "unknown key 'brief'"),
        ('{"briefs": "yes"}', "['briefs'] must be True or False"),
    ],
)
def test_a_bad_value_warns(rootdir, tmp_path, make_app, value, problem):
    src = copy_root(rootdir, tmp_path, "pdf")
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + f"newsbrief_pdf = {value}\n")
    app = make_app("latex", srcdir=src)
    found = newsbrief_warnings(app, "pdf")
    assert len(found) == 1 and problem in found[0], found
    assert app.config.newsbrief_pdf == {}


def test_pdflatex_warns_about_scripts_it_cannot_print(rootdir, tmp_path, make_app):
    src = copy_root(rootdir, tmp_path, "pdf")
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + 'latex_engine = "pdflatex"\n')
    app = build(make_app, src, "latex")
    found = newsbrief_warnings(app, "pdf")
    assert found and "use 'xelatex'" in found[0]


# -- the printed pages -----------------------------------------------------------------


@needs_tex
def test_hostile_text_and_every_script_print(rootdir, tmp_path, make_app):
    src = copy_root(rootdir, tmp_path, "pdf")
    app = build(make_app, src, "latex")
    out = Path(app.outdir)
    text = " ".join(pdf_text(out, "hostile").split())
    assert "Odd </script> \\end{document} 100% #1 $5 & a_b {x} ~y ^z \\input{/etc/passwd}" in text
    for name in ("북한", "대한민국", "Россия"):
        assert name in text
    # joined Persian letters come out as presentation forms, with direction marks
    plain = unicodedata.normalize("NFKC", text).translate(dict.fromkeys(range(0x202A, 0x202F)))
    assert "ایران" in plain
    # the whole-site PDF includes the article, in the same fonts
    site = pdf_text(out, "testdesk")
    assert "대한민국" in site and "Россия" in site
    info = pdf_info(out, "hostile")
    assert info["Title"] == " ".join(HOSTILE.split())
    assert info["Author"] == "Ana Example, Ed & Co"
    assert info["Keywords"].startswith("News, 북한")
    assert "Россия" in info["Keywords"]


@needs_tex
def test_the_demo_prints_briefs_and_editions(make_app, tmp_path):
    src = copy_demo(tmp_path / "demo")
    app = make_app("latex", srcdir=src, freshenv=True)
    app.build()
    assert newsbrief_warnings(app) == []
    out = Path(app.outdir)
    _check_lead_brief(out)
    _check_edition(out)


def _check_lead_brief(out: Path) -> None:
    name = "2025-06-21-north-korea-iran-support"
    pages = pdf_text(out, name, layout=True).split("\f")
    first = " ".join(pages[0].split())
    assert "North Korea reportedly pledges military support to Iran" in first
    assert "21 June 2025" in first and "Nov" not in first  # the article's date, not the build's
    assert "Unverified reports say Pyongyang has offered Tehran military help" in first
    assert "Tags: News, North Korea, Iran" in first
    assert "Contents" not in first
    assert "Page 1 of" in first
    info = pdf_info(out, name)
    assert int(info["Pages"]) <= 4
    assert info["Title"] == "North Korea reportedly pledges military support to Iran"
    assert info["Keywords"] == "News, North Korea, Iran"
    assert info["Author"] == "Newsbrief desk"
    last = " ".join(pages[-2 if not pages[-1].strip() else -1].split())
    assert "https://newsbrief.example.org/briefs/2025-06-18-method-how-we-label-uncertainty" in last
    # the record over time prints too: a later re-assessment, the update and the correction
    whole = " ".join(" ".join(pages).split())
    assert "Corrected 24 June 2025" in first
    assert "Now: Unconfirmed; Unlikely (20\N{EN DASH}45" in whole
    assert "Update, 28 June 2025" in whole and "Correction, 24 June 2025" in whole


def _check_edition(out: Path) -> None:
    text = pdf_text(out, "edition-2025-w25", layout=True)
    first = " ".join(text.split("\f")[0].split())
    assert "Newsbrief" in first and "Edition 2025-W25" in first
    assert "16 June 2025 \N{EN DASH} 21 June 2025" in first
    for title in (
        "Explainer — the UN sanctions on North Korea and Iran",
        "How we label uncertainty",
        "North Korea reportedly pledges military support to Iran",
        "Uncertainty register",
        "Open questions",
    ):
        assert title in first
    rest = " ".join(text.split())
    assert "Will North Korea actually deliver support" in rest
    assert "[partly answered]" in rest
    info = pdf_info(out, "edition-2025-w25")
    assert info["Title"] == "Newsbrief: Edition 2025-W25"


def test_the_reactions_appendix_fits_the_page(rootdir, tmp_path, make_app):
    """Six articles with reactions: two tables of at most four articles, not one of six."""
    src = copy_root(rootdir, tmp_path, "pdf")
    for day in range(1, 7):
        (src / "briefs" / f"r{day}.md").write_text(
            f"---\ntitle: Reactions {day}\ndate: 2025-06-{10 + day}\nedition: big\n---\n\n"
            f"# Reactions {day}\n\n:::{{reactions}}\n- actor: Actor {day}\n  stance: concern\n"
            "  summary: Concerned.\n- actor: Everyone\n  stance: neutral\n  summary: Calm.\n:::\n"
        )
    app = build(make_app, src, "latex")
    assert newsbrief_warnings(app) == []
    edition = (Path(app.outdir) / "edition-big.tex").read_text(encoding="utf-8")
    appendix = edition.split("{Reactions by actor}", 1)[1].split("{Tag index}", 1)[0]
    tables = appendix.split(r"\begin{longtable}")[1:]
    assert len(tables) == 2
    first, second = tables
    assert "Reactions 4" in first and "Reactions 5" not in first
    assert "Reactions 5" in second and "Reactions 6" in second
    # each table keeps only the actors who reacted to one of its articles
    assert "Actor 1" in first and "Actor 5" not in first and "Everyone" in second

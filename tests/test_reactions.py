"""Reactions: tables from YAML and CSV, bad rows, matrix, builders, files, incremental."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import (
    build,
    content,
    copy_root,
    main,
    needs_tex,
    newsbrief_warnings,
    pdf_text,
    warnings,
)

from sphinx_newsbrief.reactions import rows_from_csv, rows_from_yaml


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "reactions"))


def _tables(page):
    out = {}
    for table in page.select("table.nb-reactions"):
        caption = table.select_one("caption .caption-text")
        rows = [
            [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in table.select("tbody tr")
        ]
        out[caption.get_text() if caption else ""] = (table, rows)
    return out


def test_yaml_table(built):
    table, rows = _tables(main(built, "lead"))["International reactions"]
    assert [th.get_text() for th in table.select("thead th")] == [
        "Actor",
        "Stance",
        "Summary",
        "Source",
        "Date",
    ]
    actors = [r[0].split(" \N{WARNING SIGN}")[0] for r in rows]
    assert actors == ["Israel", "Missing summary", "Nowhere", "South Korea", "United States"]
    us = rows[-1]
    assert us[1] == "Condemn (expected)"
    assert us[2] == "Would likely condemn it, citing UN resolutions."
    assert us[3] == "example.org" and us[4] == "21 June 2025"
    assert rows[0][1] == "Oppose (reported)"
    trs = table.select("tbody tr")
    assert "nb-basis-expected" in trs[-1]["class"]
    assert trs[-1].select("td")[2].select_one("em").get_text() == "likely"
    assert trs[-1].select_one("a.reference.external")["href"] == "https://example.org/statement"


def test_special_characters_are_text(built):
    _table, rows = _tables(main(built, "lead"))["International reactions"]
    assert rows[3][2] == "Pipes | and & and % and _ and <script>alert(1)</script>"
    raw = (Path(built.outdir) / "lead.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw


def test_bad_rows_warn_and_are_shown(built):
    _table, rows = _tables(main(built, "lead"))["International reactions"]
    assert "invalid row" in rows[1][0] and "invalid row" in rows[2][0]
    assert rows[2][1] == "shrug"
    found = newsbrief_warnings(built, "reactions")
    text = "\n".join(found)
    assert "lead.md:24: WARNING: reactions row 4: unknown stance 'shrug'" in text
    assert "lead.md:27: WARNING: reactions row 5: missing 'summary'" in text
    assert "row 5: unknown basis 'rumoured'; allowed: 'stated', 'expected', 'reported'" in text
    assert "row 5: unknown field 'colour'" in text
    assert "row 5: 'date' '2025-99-01' is not a date" in text
    assert "reactions.csv:4: WARNING: reactions row 3: missing 'summary'" in text
    assert "lead.md:46: WARNING: reactions: malformed YAML" in text
    assert "too many values" in text
    assert ":file: '../outside.csv' is outside the source directory" in text
    assert ":file: 'data/nope.csv' does not exist" in text


def test_failed_body_is_still_shown(built):
    page = main(built, "lead")
    assert "- actor: [unclosed" in page.get_text()


def test_files_and_columns(built):
    tables = _tables(main(built, "lead"))
    table, rows = tables["From CSV"]
    assert [th.get_text() for th in table.select("thead th")] == [
        "Actor",
        "Stance",
        "Basis",
        "Summary",
    ]
    assert rows[0] == ["US", "Condemn", "stated", "Condemned it, in a statement."]
    _table, rows = tables["From YAML file"]
    assert [r[0] for r in rows] == ["China", "Japan"]  # sorted by stance: neutral, concern


def test_numref_and_caption(built):
    link = main(built, "index").select_one("a[href^='lead.html#reactions-lead']")
    assert link.get_text() == "Table 1"
    caption = main(built, "lead").select_one("#reactions-lead caption")
    assert caption.get_text(" ", strip=True).startswith("Table 1 International reactions")


def test_matrix(built):
    page = main(built, "index")
    matrices = page.select("table.nb-reactionmatrix")
    heads = [th.get_text(" ", strip=True) for th in matrices[0].select("thead th")]
    assert heads == ["Actor", "Lead 21 June 2025", "Later 28 June 2025"]
    rows = {
        tr.select("td")[0].get_text(): [td.get_text(strip=True) for td in tr.select("td")[1:]]
        for tr in matrices[0].select("tbody tr")
    }
    assert rows["United States"] == ["Condemn", "Condemn"]  # US and us are the same actor
    assert rows["South Korea"] == ["Concern (expected)", ""]
    assert "Nowhere" not in rows  # invalid rows stay out of the matrix
    news_only = [th.get_text(" ", strip=True) for th in matrices[1].select("thead th")]
    assert news_only == ["Actor", "Lead 21 June 2025"]


def _man_tables(text: str) -> list[list[list[str]]]:
    """The tbl tables of a man page: rows of cells, font escapes and hyphen escapes undone."""
    tables = []
    for block in re.findall(r"^\.TS\n.*?\.\n(.*?)^\.TE$", text, re.M | re.S):
        rows = []
        for row in block.split("\n_\n"):
            cells = re.findall(r"T\{\n(.*?)T\}", row, re.S)
            if not cells:  # docutils 0.20 ends a table with a rule line of its own
                continue
            rows.append(
                [re.sub(r"\\f[IBPR]|\\[%:]", "", c).replace("\\-", "-").strip() for c in cells]
            )
        tables.append(rows)
    return tables


def _texinfo_tables(text: str) -> list[list[list[str]]]:
    """The multitables of a Texinfo file: rows of cells, emphasis quotes undone."""
    tables = []
    for block in re.findall(r"^@multitable[^\n]*\n(.*?)^@end multitable", text, re.M | re.S):
        rows = re.split(r"^@(?:headitem|item)$", block, flags=re.M)[1:]
        tables.append(
            [
                [
                    re.sub(r"`([^`']*)'", r"\1", c).strip()
                    for c in re.split(r"^@tab$", row, flags=re.M)
                ]
                for row in rows
            ]
        )
    return tables


def _output_tables(outdir: Path, builder: str) -> list[list[list[str]]]:
    """Every table of the output of the test-reactions project, as rows of cell texts."""
    if builder == "man":
        return _man_tables((outdir / "reactions.1").read_text(encoding="utf-8"))
    if builder == "texinfo":
        return _texinfo_tables((outdir / "reactions.texi").read_text(encoding="utf-8"))
    pages = [
        BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
        for page in ("lead.xhtml", "later.xhtml")
    ]
    return [
        [[cell.get_text(" ", strip=True) for cell in tr.select("th, td")] for tr in table("tr")]
        for soup in pages
        for table in soup.select("table.nb-reactions")
    ]


@pytest.mark.parametrize("builder", ["man", "texinfo", "epub"])
def test_builders_show_every_table(make_app, rootdir, tmp_path, builder):
    """man and texinfo (one output with the articles added) and epub show the rows."""
    app = build(make_app, copy_root(rootdir, tmp_path, "reactions"), builder)
    tables = _output_tables(Path(app.outdir), builder)
    by_head: dict[tuple[str, ...], list[list[str]]] = {}
    for head, *rows in tables:
        by_head.setdefault(tuple(head), []).extend(rows)
    lead = by_head["Actor", "Stance", "Summary", "Source", "Date"]
    us = next(row for row in lead if row[0] == "United States")
    # the expected stance is marked as such, the summary keeps its text, the date is shown
    assert us[1:3] == ["Condemn (expected)", "Would likely condemn it, citing UN resolutions."]
    assert us[4] == "21 June 2025"
    assert "example.org" in us[3]
    south_korea = next(row for row in lead if row[0] == "South Korea")
    assert south_korea[2] == "Pipes | and & and % and _ and <script>alert(1)</script>"
    # the :file: table with its own columns, and the later article's table
    csv = by_head["Actor", "Stance", "Basis", "Summary"]
    assert ["US", "Condemn", "stated", "Condemned it, in a statement."] in csv
    later = by_head["Actor", "Stance", "Summary", "Date"]
    assert later == [["us", "Condemn", "Formal statement.", "27 June 2025"]]


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_builders(make_app, rootdir, tmp_path, builder):
    app = build(make_app, copy_root(rootdir, tmp_path, "reactions"), builder)
    if builder == "text":
        text = (Path(app.outdir) / "lead.txt").read_text(encoding="utf-8")
        assert "| Condemn" in text and "*(expected)*" in text and "United States" in text
    if builder == "latex":
        tex = (Path(app.outdir) / "lead.tex").read_text(encoding="utf-8")
        assert r"\begin{longtable}" in tex
        assert r"\endhead" in tex  # the header repeats on every page
        assert r"Pipes | and \& and \% and \_ and \textless{}script\textgreater{}" in tex


def test_data_file_is_a_dependency(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "reactions")
    out = Path(build(make_app, src).outdir)
    data = src / "data" / "reactions.csv"
    data.write_text(data.read_text().replace("Declined to comment.", "Said nothing."))
    stat = data.stat()
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    build(make_app, src)
    assert "Said nothing." in main(type("A", (), {"outdir": out})(), "lead").get_text()
    clean = tmp_path / "clean"
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build"))
    assert content(out) == content(Path(build(make_app, clean, freshenv=True).outdir))


def test_matrix_incremental_and_parallel(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "reactions")
    out = Path(build(make_app, src).outdir)
    (src / "later.rst").unlink()
    build(make_app, src)
    got = content(out)
    got.pop("later.html")
    clean = tmp_path / "clean"
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build"))
    assert got == content(Path(build(make_app, clean, freshenv=True).outdir))
    results = []
    for jobs in (1, 2):
        copy = copy_root(rootdir, tmp_path, "reactions", dest=f"j{jobs}")
        for i in range(8):
            (copy / f"x{i}.md").write_text(
                f"---\ndate: 2025-05-{i + 1:02d}\n---\n# X{i}\n\n:::{{reactions}}\n"
                f"- actor: A{i % 3}\n  stance: support\n  summary: S.\n:::\n"
            )
        results.append(content(Path(build(make_app, copy, parallel=jobs).outdir)))
    assert results[0] == results[1]


@pytest.fixture
def small(make_app, rootdir, tmp_path):
    return build(make_app, copy_root(rootdir, tmp_path, "small-reactions"))


@pytest.mark.parametrize(
    ("where", "message"),
    [
        # a problem with the option: at the directive in the document
        ("index.md:6", ":file: 'data/notes.txt' must end in '.csv', '.yaml', '.yml'"),
        ("twin.rst:6", ":file: 'data/notes.txt' must end in '.csv', '.yaml', '.yml'"),
        ("index.md:14", ":file: 'data' is a directory, not a data file"),
        ("twin.rst:9", ":file: 'data/' is a directory, not a data file"),
        # a file that cannot be read as text: at the directive, naming the file and its line
        ("index.md:10", ":file: 'data/latin1.csv' is not UTF-8 text (byte 0xe7 on its line 3)"),
    ],
)
def test_data_file_problems_are_located(small, where, message):
    located = {
        Path(w.split(": WARNING:")[0]).as_posix(): w for w in newsbrief_warnings(small, "reactions")
    }
    found = [w for location, w in located.items() if location.endswith(f"/{where}")]
    assert len(found) == 1, located
    assert message in found[0]


def test_directory_is_not_called_missing(small):
    assert not [w for w in newsbrief_warnings(small, "reactions") if "does not exist" in w]
    assert len(newsbrief_warnings(small, "reactions")) == 5


def test_row_parsers():
    rows = rows_from_yaml("- actor: A\n  stance: support\n\n- actor: B\n", 10)
    assert [(r.number, r.line, r.values["actor"]) for r in rows] == [(1, 10, "A"), (2, 13, "B")]
    csv_rows = rows_from_csv('actor,summary\nA,"multi\nline"\nB,x\n')
    assert [(r.number, r.line) for r in csv_rows] == [(1, 3), (2, 4)]


def _big_csv(path: Path, n: int = 500) -> None:
    lines = ["actor,stance,basis,summary,source,date"]
    lines += [
        f'Actor {i:03d},condemn,expected,"Summary {i} with | & % _ and a comma, too",'
        f"https://example.org/{i},2025-06-{i % 28 + 1:02d}"
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_500_rows_html(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "reactions")
    _big_csv(src / "data" / "big.csv")
    (src / "big.md").write_text(
        "---\ndate: 2025-07-01\n---\n# Big\n\n:::{reactions} Many\n:file: data/big.csv\n:::\n"
    )
    app = build(make_app, src)
    _table, rows = _tables(main(app, "big"))["Many"]
    assert len(rows) == 500


@needs_tex
def test_500_rows_pdf_repeats_header(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "reactions")
    _big_csv(src / "data" / "big.csv")
    (src / "big.md").write_text(
        "---\ndate: 2025-07-01\n---\n# Big\n\n:::{reactions} Many\n:file: data/big.csv\n:::\n"
    )
    app = build(
        make_app,
        src,
        "latex",
        confoverrides={"latex_documents": [("big", "big.tex", "", "Desk", "howto")]},
    )
    pages = pdf_text(Path(app.outdir), "big", layout=True).split("\f")
    table_pages = [p for p in pages if "Actor 2" in p or "Actor 4" in p]
    assert len(table_pages) > 5
    assert all("Actor" in p and "Stance" in p and "Summary" in p for p in table_pages)
    assert "Actor 499" in pages[-2] + pages[-1]


@pytest.mark.sphinx("html", testroot="small-listings", freshenv=True)
@pytest.mark.parametrize(("docname", "line"), [("index", "index.md:14"), ("twin", "twin.rst:15")])
def test_matrix_body_is_shown_after_the_matrix(app, docname, line):
    app.build()
    matrix = main(app, docname).select_one("table.nb-reactionmatrix")
    para = matrix.find_next_sibling("p")
    assert para.get_text() == "Who said what, by article."
    assert para.select_one("em").get_text() == "by article"
    found = [w for w in newsbrief_warnings(app, "reactions") if f"{line}:" in w]
    assert len(found) == 1, newsbrief_warnings(app)
    assert "reactionmatrix: this directive takes no content" in found[0]
    assert not [w for w in warnings(app) if "newsbrief" not in w]  # no "Has content" error

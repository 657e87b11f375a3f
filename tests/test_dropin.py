"""Joining an existing project changes nothing it did not ask for.

Each test root here is shaped like a real documentation project. It is built
without and with the extension; with no article and no directive in use, the
same warnings appear, the same files are written (the stylesheets aside) and
every page has the same text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import warnings

ROOTS = ("dropin-rst", "dropin-myst")
BUILDERS = ("html", "dirhtml", "text", "latex")
#: What the extension adds to every HTML project: its stylesheets.
OWN_FILES = re.compile(r"^_static/newsbrief[\w-]*\.css$")
OWN_LINK = re.compile(r'<link [^>]*href="[^"]*_static/newsbrief[\w-]*\.css[^"]*"[^>]*/?>')


def _copy(rootdir: Path, tmp_path: Path, root: str, name: str) -> Path:
    dest = tmp_path / name
    shutil.copytree(Path(rootdir) / f"test-{root}", dest)
    return dest


def _build(
    make_app: Any, src: Path, builder: str, extensions: list[str], out: Path | None = None
) -> Any:
    """Build, then undo the app's global registrations so that a second app starts clean."""
    overrides = {"extensions": extensions}
    app = make_app(builder, srcdir=src, builddir=out, freshenv=True, confoverrides=overrides)
    app.build()
    app.cleanup()
    return app


def _files(outdir: Path) -> set[str]:
    return {
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*")
        if p.is_file() and not p.relative_to(outdir).as_posix().startswith(".doctrees")
    } - {".buildinfo"}


def _page_text(path: Path) -> str:
    """What a reader gets from a page: the whole file, minus our stylesheet links."""
    text = path.read_text(encoding="utf-8")
    if path.name == "searchindex.js":  # it names every extension and domain with its version
        text = re.sub(r',\s*"(newsbrief|sphinx_newsbrief)":\s*\d+', "", text)
    lines = text.splitlines()
    return "\n".join(line for line in lines if not OWN_LINK.search(line))


def _warnings(app: Any) -> list[str]:
    return sorted(w.replace(str(app.srcdir), "<src>") for w in warnings(app))


def _extensions(src: Path) -> list[str]:
    namespace: dict[str, Any] = {"__file__": str(src / "conf.py")}
    exec((src / "conf.py").read_text(encoding="utf-8"), namespace)
    return list(namespace.get("extensions", []))


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("root", ROOTS)
def test_joining_changes_nothing(make_app, rootdir, tmp_path, root, builder):
    # one source folder (its path shows in todo lists and search terms), two outputs
    src = _copy(rootdir, tmp_path, root, "src")
    extensions = _extensions(src)
    plain = _build(make_app, src, builder, extensions, tmp_path / "plain")
    added = _build(make_app, src, builder, [*extensions, "sphinx_newsbrief"], tmp_path / "added")
    assert "sphinx_newsbrief" in added.extensions
    assert _warnings(added) == _warnings(plain)
    plain_out, added_out = Path(plain.outdir), Path(added.outdir)
    ours = {f for f in _files(added_out) if OWN_FILES.match(f)}
    assert _files(added_out) - ours == _files(plain_out)
    assert bool(ours) == (builder in ("html", "dirhtml"))
    for name in sorted(_files(plain_out)):
        if Path(name).suffix in (".html", ".txt", ".tex", ".js"):
            assert _page_text(added_out / name) == _page_text(plain_out / name), name


@pytest.mark.sphinx("html", testroot="dropin-rst", freshenv=True)
def test_rst_project_keeps_its_source_suffix(make_app, rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "dropin-rst", "src")
    app = make_app(
        "html",
        srcdir=src,
        freshenv=True,
        warningiserror=True,
        confoverrides={"extensions": [*_extensions(src), "sphinx_newsbrief"]},
    )
    app.build()  # -W: a stray README.md in no toctree would fail the build
    assert dict(app.config.source_suffix) == {".rst": "restructuredtext"}
    assert "README" not in app.env.found_docs
    assert "docs/README" not in app.env.found_docs
    # MyST is loaded (directives work in any .md the project adds to source_suffix)
    assert "myst_parser" in app.extensions


def test_explicit_markdown_suffix_is_kept(make_app, rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "dropin-rst", "src")
    (src / "docs" / "README.md").unlink()
    (src / "README.md").write_text("---\norphan: true\n---\n# Readme\n", encoding="utf-8")
    overrides = {
        "extensions": [*_extensions(src), "sphinx_newsbrief"],
        "source_suffix": {".rst": "restructuredtext", ".md": "markdown"},
    }
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    assert "README" in app.env.found_docs


def test_project_without_source_suffix_gets_markdown(make_app, rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "dropin-rst", "src")
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(conf.replace('source_suffix = ".rst"\n', ""), encoding="utf-8")
    app = make_app(
        "html",
        srcdir=src,
        freshenv=True,
        confoverrides={"extensions": [*_extensions(src), "sphinx_newsbrief"]},
    )
    app.build()
    assert dict(app.config.source_suffix)[".md"] == "markdown"
    assert "README" in app.env.found_docs


@pytest.mark.sphinx("html", testroot="dropin-myst", freshenv=True)
def test_myst_settings_are_the_projects(make_app, rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "dropin-myst", "src")
    app = _build(make_app, src, "html", ["myst_parser", "sphinx_newsbrief"])
    assert list(app.config.myst_enable_extensions) == []
    soup = BeautifulSoup((Path(app.outdir) / "glossary.html").read_text("utf-8"), "html.parser")
    body = soup.find(attrs={"role": "main"})
    assert body.find("dl") is None  # "Apple / : a fruit" is not a definition list
    notes = body.select("div.admonition.note")
    assert len(notes) == 1  # the ::: block stays a paragraph
    assert ":::{note}" in body.get_text()


@pytest.mark.parametrize("builder", ["man", "texinfo"])
def test_single_output_builders_include_articles(make_app, rootdir, tmp_path, builder):
    src = _copy(rootdir, tmp_path, "headings", "src")
    site = {"newsbrief_site_url": "https://news.example.org/"}
    app = make_app(builder, srcdir=src, freshenv=True, confoverrides=site)
    app.build()
    (out,) = [p for p in Path(app.outdir).rglob("*") if p.suffix in (".1", ".texi")]
    text = _roff_text(out.read_text(encoding="utf-8"))
    for title in ("Only second-level headings", "An rST post with a field title"):
        assert text.count(title) >= 2, title  # listed on the index, and the article itself
    assert "Background" in text and "Part two" in text  # article bodies, not only titles
    assert "<>" not in text  # no empty link targets
    if builder == "texinfo":  # links between articles stay inside the manual
        assert "@anchor{h2-only doc}" in text
        assert "https://news.example.org" not in text


def test_man_links_without_uri_use_the_site(make_app, rootdir, tmp_path):
    from sphinx_newsbrief.nodes import doc_uri

    src = _copy(rootdir, tmp_path, "headings", "src")
    site = {"newsbrief_site_url": "https://news.example.org/", "man_show_urls": True}
    app = make_app("man", srcdir=src, freshenv=True, confoverrides=site)
    app.build()
    assert doc_uri(app, "index", "h2-only") == "https://news.example.org/h2-only.html"
    text = _roff_text(next(Path(app.outdir).rglob("*.1")).read_text(encoding="utf-8"))
    assert "Only second-level headings <https://news.example.org/h2-only.html>" in text


def _roff_text(text: str) -> str:
    """Man page source with roff's escapes for hyphens, breaks, fonts and links undone."""
    text = re.sub(r"\\X'tty: link[^']*'|\\f[BIPR]", "", text)
    return text.replace("\\-", "-").replace("\\:", "").replace("\\%", "")


ARTICLE_MD = """---
date: 2025-06-21
tags: [Harvest, Apples]
summary: The apple harvest came in early.
---
# Early apple harvest

Growers report an early crop.
"""

ARTICLE_RST = """:date: 2025-06-23
:tags: Harvest
:summary: Pears follow.

Pear harvest follows
====================

Pears come in two days later.
"""

ORDINARY_PAGE = """# Supply notes

```{uncertainty} Crop size
:status: reported
:likelihood: likely
Growers expect a larger crop than last year.
```

```{questions} Open points
:id-prefix: supply
- Will prices fall? {#prices}
```
"""

OVERVIEW = """# Overview

```{briefs}
```

```{uncertaintylist}
```

```{questionlist}
```

## Articles only

```{uncertaintylist}
:article: all
```

```{questionlist}
:article: all
```
"""


def test_existing_project_with_articles_added(make_app, rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "dropin-myst", "src")
    (src / "news").mkdir()
    (src / "news" / "apples.md").write_text(ARTICLE_MD, encoding="utf-8")
    (src / "news" / "pears.rst").write_text(ARTICLE_RST, encoding="utf-8")
    (src / "supply.md").write_text(ORDINARY_PAGE, encoding="utf-8")
    (src / "overview.md").write_text(OVERVIEW, encoding="utf-8")
    index = (src / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(index.replace("reference\n", "reference\nsupply\noverview\n"))
    app = _build(make_app, src, "html", ["myst_parser", "sphinx_newsbrief"])
    assert _warnings(app) == []
    out = Path(app.outdir)

    def page(name: str) -> Any:
        soup = BeautifulSoup((out / f"{name}.html").read_text("utf-8"), "html.parser")
        return soup.find(attrs={"role": "main"})

    overview = page("overview")
    titles = [a.get_text(strip=True) for a in overview.select(".nb-brief-title a")]
    assert titles == ["Pear harvest follows", "Early apple harvest"]
    (register,) = overview.select("table.nb-register")
    assert "Supply notes" in register.get_text() and "Crop size" in register.get_text()
    (questions,) = overview.select(".nb-questionlist")
    assert "Supply notes" in questions.get_text() and "Will prices fall?" in questions.get_text()
    # :article: all lists articles only, and these have no boxes or questions
    empty = [p.get_text() for p in overview.select("p.nb-empty")]
    assert empty == ["No uncertain claims recorded.", "No questions match."]
    harvest = page("tags/harvest").get_text(" ")
    assert "Early apple harvest" in harvest and "Pear harvest follows" in harvest
    assert (out / "tags" / "apples.html").is_file()
    # the project's own pages are still what they were
    glossary = page("glossary")
    assert glossary.find("dl") is None and len(glossary.select("div.admonition.note")) == 1


def test_unchanged_project_is_not_reported_as_reconfigured(rootdir, tmp_path):
    """A second ``sphinx-build`` of an unchanged project finds nothing to do.

    (The stylesheet folder used to be put on ``html_static_path`` when the builder
    started, after Sphinx had saved the configuration: every rebuild then said
    "The configuration has changed".)
    """
    import subprocess
    import sys

    src = _copy(rootdir, tmp_path, "dropin-myst", "src")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            '["myst_parser"]', '["myst_parser", "sphinx_newsbrief"]'
        ),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(tmp_path / "out")]
    subprocess.run(command, check=True, capture_output=True, text=True)
    again = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    assert "The configuration has changed" not in again
    assert "0 added, 0 changed, 0 removed" in again

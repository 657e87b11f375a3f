"""MyST-NB projects: both extension orders build, notebooks become articles.

MyST-NB sets MyST up without putting ``myst_parser`` into ``app.extensions``;
loading ``myst_parser`` after it fails, so the extension must notice it in the
project's list whatever the order. Notebook metadata (``.ipynb``) and text
notebooks' front matter are article metadata.
"""

from __future__ import annotations

import pytest
from helpers import main, warnings

from sphinx_newsbrief.domain import get_store
from sphinx_newsbrief.records import ARTICLE

pytest.importorskip("myst_nb", reason="MyST-NB is not installed (make test installs the extra)")

ORDERS = (["myst_nb", "sphinx_newsbrief"], ["sphinx_newsbrief", "myst_nb"])


@pytest.mark.parametrize("extensions", ORDERS, ids=["myst_nb-first", "newsbrief-first"])
def test_notebooks_are_articles(make_app, rootdir, tmp_path, extensions):
    from helpers import copy_root

    src = copy_root(rootdir, tmp_path, "mystnb")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"extensions": extensions})
    app.build()
    assert "myst_nb" in app.extensions and "sphinx_newsbrief" in app.extensions
    assert "myst_parser" not in app.extensions  # MyST-NB set MyST up; nothing loaded twice
    assert not warnings(app)
    store = get_store(app.env)
    (notebook,) = store.get(ARTICLE, "notebook")
    assert notebook.title == "A notebook brief"
    assert notebook.date == "2025-06-24"
    assert notebook.authors == ("A. Analyst", "B. Writer")
    assert notebook.tags == ("Data", "Iran")
    (text,) = store.get(ARTICLE, "text-notebook")
    assert text.title == "A text notebook brief"
    assert text.date == "2025-06-25"
    listed = [a.get_text(strip=True) for a in main(app, "index").select(".nb-brief-title a")]
    assert listed == ["A text notebook brief", "A notebook brief"]
    body = main(app, "text-notebook")
    h1 = body.find("h1")
    assert "A text notebook brief" in h1.get_text()
    assert "nb-article-header" in h1.find_next_sibling()["class"]
    assert "Findings" in main(app, "notebook").find("h2").get_text()


def test_notebook_metadata_problems_have_lines(make_app, rootdir, tmp_path):
    import json

    from helpers import copy_root, newsbrief_warnings

    src = copy_root(rootdir, tmp_path, "mystnb")
    path = src / "notebook.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"]["date"] = "2025-13-45"
    notebook["metadata"]["summray"] = "A typo of summary."
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"extensions": ORDERS[0]})
    app.build()
    lines = path.read_text(encoding="utf-8").splitlines()

    def line(key: str) -> int:
        return next(n for n, text in enumerate(lines, 1) if f'"{key}"' in text)

    date, typo = newsbrief_warnings(app, "article")
    assert f"notebook.ipynb:{line('date')}" in date and "2025-13-45" in date
    # keys Jupyter tools write (toc-autonumbering, hide_input, ...) are not reported,
    # but a misspelt article key is
    assert f"notebook.ipynb:{line('summray')}" in typo and "did you mean 'summary'" in typo

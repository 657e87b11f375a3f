"""Snapshots of the rendered output of every directive and role, in MyST and in rST.

Two small projects (``tests/roots/test-snapshot-md`` and its rST twin
``test-snapshot-rst``) use every directive and role: ``{briefs}`` (list and
table), ``{tags}``, ``{tag}``, ``{tagindex}``, ``{uncertainty}``, ``{claim}``,
``{uncertaintylist}``, ``{uncertaintylegend}``, ``{reactions}`` (YAML body and
``:file:`` CSV), ``{reactionmatrix}``, ``{questions}``, ``{question}``,
``{answer}``, ``{questionlist}``, plus the article header and the previous/next
links of three articles. Each project is built once per builder, and the
snapshots in ``tests/test_snapshots/`` hold:

- HTML: the main content of every page, generated pages included, prettified
  (:func:`helpers.main_html`);
- LaTeX: the body of each document's ``.tex`` (one per document, see the roots'
  ``latex_documents``);
- text: each document's ``.txt``.

Paths, the Sphinx and docutils versions and asset hashes are normalised;
``SOURCE_DATE_EPOCH`` and ``today`` fix the build date. The output must not
depend on dict or set ordering (checked by running with two ``PYTHONHASHSEED``
values).

After an intended change of output, regenerate and review the diff::

    python -m pytest tests/test_snapshots.py --force-regen
    git diff tests/test_snapshots/
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import docutils
import pytest
import sphinx
from bs4 import BeautifulSoup
from helpers import main_html, normalise, warnings
from sphinx.testing.util import SphinxTestApp

#: The snapshots are recorded on these releases; older Sphinx and docutils write the
#: same content with other markup details (the version matrix runs the rest there).
if sphinx.version_info[:2] < (9, 0) or docutils.__version_info__[:2] < (0, 22):
    pytest.skip("snapshots are recorded on Sphinx 9.0 and docutils 0.22", allow_module_level=True)

ROOTS = ("md", "rst")
BUILDERS = ("html", "latex", "text")
DOCS = ("index", "early", "lead", "later")
GENERATED = (
    "tags/index",
    "tags/explainer",
    "tags/iran",
    "tags/news",
    "tags/north-korea",
    "tags/sanctions",
    "tags/update",
    "archive/index",
    "archive/2025",
    "authors/index",
    "authors/background-desk",
    "authors/desk-analyst",
    "authors/second-writer",
    "editions/index",
    "editions/2025-w24",
    "editions/2025-w25",
    "editions/2025-w26",
)
#: 2025-12-31 00:00 UTC: after every article, so none is ever in the future.
SOURCE_DATE_EPOCH = "1767139200"


@dataclass(frozen=True)
class Built:
    outdir: Path
    paths: dict[str, Path]
    warnings: list[str]


@pytest.fixture(scope="module")
def built(rootdir, tmp_path_factory):
    """``built(root, builder)``: that root built once with that builder (cached)."""
    cache: dict[tuple[str, str], Built] = {}

    def get(root: str, builder: str) -> Built:
        if (root, builder) not in cache:
            tmp = tmp_path_factory.mktemp(f"snapshot-{root}-{builder}")
            src = tmp / "src"
            shutil.copytree(rootdir / f"test-snapshot-{root}", src)
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
                app = SphinxTestApp(builder, srcdir=src, freshenv=True)
                try:
                    app.build()
                finally:
                    app.cleanup()
            paths = {"<tmp>": tmp, "<srcdir>": src, "<outdir>": Path(app.outdir)}
            cache[root, builder] = Built(Path(app.outdir), paths, warnings(app))
        return cache[root, builder]

    return get


def _name(root: str, builder: str, page: str) -> str:
    return f"{root}-{builder}-{page.replace('/', '-')}"


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("root", ROOTS)
def test_builds_cleanly_and_writes_the_expected_pages(built, root, builder):
    out = built(root, builder)
    assert out.warnings == []
    if builder == "html":
        written = {
            p.relative_to(out.outdir).with_suffix("").as_posix()
            for p in out.outdir.rglob("*.html")
            if not p.relative_to(out.outdir).as_posix().startswith("_")
        }
        assert written == {*DOCS, *GENERATED, "genindex", "search"}
    else:
        suffix = ".tex" if builder == "latex" else ".txt"
        assert {p.stem for p in out.outdir.glob(f"*{suffix}")} == set(DOCS)


@pytest.mark.parametrize("page", DOCS + GENERATED)
@pytest.mark.parametrize("root", ROOTS)
def test_html(built, file_regression, root, page):
    out = built(root, "html")
    soup = BeautifulSoup((out.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    file_regression.check(
        normalise(main_html(soup), out.paths),
        basename=_name(root, "html", page),
        extension=".html",
    )


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("root", ROOTS)
def test_latex(built, file_regression, root, doc):
    out = built(root, "latex")
    tex = (out.outdir / f"{doc}.tex").read_text(encoding="utf-8")
    start = tex.index(r"\begin{document}") + len(r"\begin{document}")
    body = tex[start : tex.index(r"\end{document}")].strip() + "\n"
    file_regression.check(
        normalise(body, out.paths), basename=_name(root, "latex", doc), extension=".tex"
    )


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("root", ROOTS)
def test_text(built, file_regression, root, doc):
    out = built(root, "text")
    text = (out.outdir / f"{doc}.txt").read_text(encoding="utf-8")
    file_regression.check(
        normalise(text, out.paths), basename=_name(root, "text", doc), extension=".txt"
    )

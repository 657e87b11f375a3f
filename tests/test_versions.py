"""What must hold on every supported Sphinx, MyST-Parser and docutils.

``make test`` runs the whole suite on the oldest and newest of them too
(``nox -s lowest newest``, see noxfile.py); these tests pin down the parts
that differ between those releases.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from helpers import build, warnings

import sphinx_newsbrief

CONF = """\
extensions = ["sphinx_newsbrief"]
project = "versions"
exclude_patterns = ["_build"]
latex_documents = [
    ("box", "box.tex", "Box", "Desk", "howto"),
    ("note", "note.tex", "Note", "Desk", "howto"),
]
"""

INDEX = """\
Versions
========

.. toctree::

   box
   note
"""

TABLE = """\
{title}
==========

.. list-table::
   :header-rows: 1

   * - Claim
     - Box
   * - Sanctions were tightened
     - {box}

          Inside a table cell.
"""

BOX = ".. uncertainty:: In a table\n          :status: confirmed"
NOTE = ".. note::"
TABLE_ENVS = ("tabular", "tabulary", "longtable")


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    (src / "box.rst").write_text(TABLE.format(title="Box table", box=BOX), encoding="utf-8")
    (src / "note.rst").write_text(TABLE.format(title="Note table", box=NOTE), encoding="utf-8")
    return src


def _table_envs(tex: str) -> list[str]:
    return [env for env in TABLE_ENVS if f"\\begin{{{env}}}" in tex]


def test_version_is_declared_once(make_app, tmp_path):
    """The package metadata and setup() both report ``__version__``."""
    assert version("sphinx-newsbrief") == sphinx_newsbrief.__version__
    app = build(make_app, _project(tmp_path))
    assert app.extensions["sphinx_newsbrief"].version == sphinx_newsbrief.__version__


def test_box_in_table_is_laid_out_as_core_admonitions(make_app, tmp_path):
    """A table holding a box gets the table type core gives one holding a note.

    Sphinx 7.4.5+ turns such a table from ``tabulary`` into ``tabular`` (a
    box inside ``tabulary`` stops pdflatex: Missing \\endgroup); 9.0 keeps
    ``tabulary``. Either way, the box must follow core.
    """
    app = build(make_app, _project(tmp_path), "latex")
    out = Path(app.outdir)
    box = (out / "box.tex").read_text(encoding="utf-8")
    note = (out / "note.tex").read_text(encoding="utf-8")
    assert "\\begin{sphinxadmonition}{tip}{In a table}" in box  # confirmed: tip colours
    assert "Inside a table cell." in box and "Inside a table cell." in note
    assert _table_envs(note), note
    assert _table_envs(box) == _table_envs(note)
    assert not warnings(app)

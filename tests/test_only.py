"""Records are collected from the doctree as it will be written.

A box or a question inside ``{only} latex`` is in the PDF's register and not
in the HTML one (whose links would point at an anchor that does not exist),
and the other way round.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import broken_links, main


@pytest.mark.sphinx("html", testroot="only", freshenv=True)
def test_html_register_shows_what_html_shows(app):
    app.build()
    register = main(app, "index").select_one("table.nb-register").get_text(" ")
    assert "Seen everywhere" in register and "Web only" in register
    assert "Printed only" not in register
    assert "Only asked on paper?" not in main(app, "index").get_text(" ")
    assert broken_links(Path(app.outdir)) == []


@pytest.mark.sphinx("latex", testroot="only", freshenv=True)
def test_latex_register_shows_what_latex_shows(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    body = re.sub(r"\s+", " ", tex.split(r"\begin{document}")[1])
    assert body.count("Printed only") == 2  # the box and its register row
    assert body.count("Only asked on paper?") == 2  # the list and the tracker
    assert "Web only" not in body

"""Links inside the PDFs point at labels that exist.

The whole-site PDF (the LaTeX document that starts at the root document)
includes the published articles, which are in no toctree; registers, trackers
and question links then point inside the PDF, at the anchors of boxes,
claims and answers, which get LaTeX labels. A brief's own PDF links to other
briefs only where they are in it.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import copy_demo, newsbrief_warnings

_REF = re.compile(r"\\hyperref\[\\detokenize\{([^}]*)\}\]")
_LABEL = re.compile(r"\\label\{\\detokenize\{([^}]*)\}\}")


def test_every_pdf_link_has_its_label(make_app, tmp_path):
    src = copy_demo(tmp_path / "demo")
    app = make_app("latex", srcdir=src, freshenv=True)
    app.build()
    assert newsbrief_warnings(app) == []
    texs = sorted(Path(app.outdir).glob("*.tex"))
    assert len(texs) == 12  # the whole site, 7 briefs, 4 editions (newsbrief_pdf)
    for tex in texs:
        text = tex.read_text(encoding="utf-8")
        missing = set(_REF.findall(text)) - set(_LABEL.findall(text))
        assert missing == set(), (tex.name, sorted(missing))
    site = (Path(app.outdir) / "newsbrief-demo.tex").read_text(encoding="utf-8")
    for brief in ("North Korea reportedly pledges military support to Iran", "Reading the signals"):
        assert brief in site
    # the register in the whole-site PDF links to a claim inside it
    assert (
        r"\label{\detokenize{briefs/2025-06-21-north-korea-iran-support:nb-uncertainty-1}}" in site
    )

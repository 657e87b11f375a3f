"""Translated labels: the shipped French catalogue covers every label and is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from helpers import build, copy_root, main

PACKAGE = Path(__file__).parent.parent / "src" / "sphinx_newsbrief"
CATALOG = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "sphinx_newsbrief"


def _labels() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(re.findall(r'\b_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', path.read_text()))
    return found


def test_french_catalog_covers_every_label():
    with CATALOG.with_suffix(".po").open("rb") as f:
        po = read_po(f)
    with CATALOG.with_suffix(".mo").open("rb") as f:
        mo = read_mo(f)
    labels = _labels()
    assert labels
    assert labels <= {m.id for m in po if m.id and m.string}
    assert {m.id: m.string for m in po if m.id} == {m.id: m.string for m in mo if m.id}


@pytest.mark.parametrize("language", ["fr"])
def test_labels_follow_the_language(make_app, rootdir, tmp_path, language):
    app = build(
        make_app, copy_root(rootdir, tmp_path, "articles"), confoverrides={"language": language}
    )
    header = main(app, "md-article").select_one(".nb-article-header")
    text = header.get_text(" ", strip=True)
    assert "Mots-clés :" in text
    assert "min de lecture" in text
    assert "21 juin 2025" in text

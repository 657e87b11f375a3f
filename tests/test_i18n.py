"""Translated labels: the shipped catalogues cover every label and are used.

French and German ship. Every ``_()`` label of the package and every default
vocabulary word (status, likelihood, confidence and stance labels and
descriptions, Admiralty meanings) has a translation in each, and a site built
in either language shows no English label around the author's own text.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from helpers import build, copy_demo, copy_root, main, warnings
from sphinx.locale import _TranslationProxy

from sphinx_newsbrief import vocabularies
from sphinx_newsbrief.util import MESSAGE_CATALOG

PACKAGE = Path(__file__).parent.parent / "src" / "sphinx_newsbrief"
LANGUAGES = ["fr", "de"]
LEAD = "briefs/2025-06-21-north-korea-iran-support"


def _catalog(language: str) -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES" / "sphinx_newsbrief"


def _labels() -> set[str]:
    """Every literal given to ``_()`` (or marked ``N_()``) in the package."""
    found = set()
    literal = r"\bN?_\(\s*(?:\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)')\s*\)"
    for path in PACKAGE.rglob("*.py"):
        for double, single in re.findall(literal, path.read_text(encoding="utf-8")):
            found.add(double or single)
    return found


def _vocabulary_labels() -> set[str]:
    """Every word of the default vocabularies and the Admiralty grades, as in English."""
    found = {
        *vocabularies.ADMIRALTY_RELIABILITY.values(),
        *vocabularies.ADMIRALTY_CREDIBILITY.values(),
    }
    for vocabulary in (
        vocabularies.DEFAULT_STATUSES,
        vocabularies.DEFAULT_LIKELIHOOD,
        vocabularies.DEFAULT_CONFIDENCE,
        vocabularies.DEFAULT_STANCES,
    ):
        for entry in vocabulary.values():
            found |= {entry[field] for field in ("label", "description") if entry.get(field)}
    return found


def _translations(language: str) -> dict[str, str]:
    with _catalog(language).with_suffix(".po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string}


def test_vocabulary_labels_are_marked():
    """Each default vocabulary word is a catalogue message (so it is translated when shown)."""
    assert _vocabulary_labels() <= _labels()
    assert _vocabulary_labels() == vocabularies.DEFAULT_MESSAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_covers_every_label(language):
    with _catalog(language).with_suffix(".po").open("rb") as f:
        po = read_po(f)
    with _catalog(language).with_suffix(".mo").open("rb") as f:
        mo = read_mo(f)
    labels = _labels() | _vocabulary_labels()
    assert len(_vocabulary_labels()) > 40
    missing = labels - {m.id for m in po if m.id and m.string}
    assert missing == set()
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


# -- the demo in French and German: no English label left -------------------------------

#: The elements of an article page that hold the extension's own words (labels,
#: badges, field names, table headers), not the author's: the author's prose,
#: box titles, sources, actors, summaries and questions are English in the demo.
LABEL_ELEMENTS = (
    ".nb-article-header .nb-label",
    ".nb-byline",
    ".nb-dateline .nb-date",
    ".nb-labels > dt",
    ".nb-labels > dd.nb-status",
    ".nb-labels > dd.nb-likelihood",
    ".nb-labels > dd.nb-confidence",
    ".nb-labels > dd.nb-grade",
    ".nb-claim-marker",
    ".nb-stance-label",
    ".nb-basis",
    "table.nb-reactions thead",
    ".nb-status-label",
    ".nb-comments h2",
    ".nb-comments-lead",
    ".nb-article-nav .nb-label",
)
_PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]")


def _english_words(language: str) -> set[str]:
    """English labels that the language spells differently (placeholders left out)."""
    translations = _translations(language)
    words = {"June", "July"}  # dates are the reader's too
    for label in _labels() | _vocabulary_labels():
        if translations.get(label, label) == label:
            continue  # the same word in both languages ("Date", "Source" in French)
        for chunk in _PLACEHOLDER.split(label):
            chunk = chunk.strip(" ()")
            if sum(c.isalpha() for c in chunk) >= 3:
                words.add(chunk)
    return words


def _label_texts(page) -> list[str]:
    texts = []
    for selector in LABEL_ELEMENTS:
        found = page.select(selector)
        assert found, selector  # the check is not vacuous: each kind of label is there
        texts += [el.get_text(" ", strip=True) for el in found]
    texts += [abbr["title"] for abbr in page.select(".nb-claim-marker abbr[title]")]
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_article_has_no_english_label(make_app, tmp_path, language):
    src = copy_demo(tmp_path / "demo")
    app = build(make_app, src, freshenv=True, confoverrides={"language": language})
    assert warnings(app) == []  # builds with -W
    texts = _label_texts(main(app, LEAD))
    english = _english_words(language)
    left = sorted(
        (word, text)
        for text in texts
        for word in english
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    )
    assert left == []
    translations = _translations(language)
    joined = "\n".join(texts)
    for word in ("Unconfirmed", "Roughly even chance", "Low", "Condemn", "expected"):
        assert translations[word] in joined


@pytest.mark.parametrize(("builder", "output"), [("text", "lead.txt"), ("latex", "lead.tex")])
def test_text_and_latex_use_the_translations(make_app, rootdir, tmp_path, builder, output):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "uncertainty"),
        builder,
        confoverrides={"language": "fr"},
    )
    text = (Path(app.outdir) / output).read_text(encoding="utf-8")
    assert "Statut" in text
    assert "Non confirmé" in text
    assert "À peu près autant de chances que non" in text
    assert "habituellement fiable, probablement vraie" in text
    assert not re.search(r"\b(Unconfirmed|Roughly even chance|usually reliable)\b", text)


def test_project_labels_are_shown_as_written(make_app, rootdir, tmp_path):
    """A project's own label is not looked up; one equal to a default label is translated.

    The environment and the doctrees keep plain strings: no lazy translation proxy.
    """
    statuses = {
        "unconfirmed": {"label": "Unconfirmed", "tone": "caution"},  # a default label
        "denied": {"label": "Draft", "tone": "negative"},  # a catalogue word, not a default
        "reported": {"label": "Gemeldet (hauseigen)", "description": "Notre définition."},
    }
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "uncertainty"),
        "text",
        confoverrides={"language": "fr", "newsbrief_statuses": statuses},
    )
    text = (Path(app.outdir) / "lead.txt").read_text(encoding="utf-8")
    assert "Statut: Non confirmé" in text
    assert "Statut: Draft" in text
    assert "Brouillon" not in text
    assert "Statut: Gemeldet (hauseigen)" in text
    assert app.config.newsbrief_statuses["unconfirmed"]["label"] == "Unconfirmed"
    pickles = [Path(app.doctreedir) / "environment.pickle"]
    pickles += sorted(Path(app.doctreedir).glob("*.doctree"))
    assert len(pickles) > 1
    for path in pickles:
        assert _our_proxies(pickle.loads(path.read_bytes())) == [], path.name


def _our_proxies(root: object) -> list[str]:
    """The messages of this extension's lazy translation proxies anywhere in ``root``."""
    found, seen, stack = [], set(), [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, type)):
            continue
        seen.add(id(obj))
        if isinstance(obj, _TranslationProxy):
            if obj._catalogue == MESSAGE_CATALOG:
                found.append(obj._message)
        elif isinstance(obj, dict):
            stack += [*obj.keys(), *obj.values()]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack += list(obj)
        else:
            stack += list(getattr(obj, "__dict__", {}).values())
            stack += [getattr(obj, n, None) for n in getattr(type(obj), "__slots__", ())]
    return found

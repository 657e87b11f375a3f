"""Configuration values: registration, validation, MyST defaults, setup()."""

from __future__ import annotations

import pytest
from helpers import newsbrief_warnings

import sphinx_newsbrief
from sphinx_newsbrief.config import OPTIONS


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_every_option_is_registered_with_its_default(app):
    for opt in OPTIONS:
        assert getattr(app.config, opt.name) == opt.default
        assert opt.help


BAD_VALUES = {
    "newsbrief_article_patterns": [3],
    "newsbrief_articles_in_toctree": 2,
    "newsbrief_article_header": 1,
    "newsbrief_edition_by": "fortnight",
    "newsbrief_date_format": 5,
    "newsbrief_words_per_minute": 0,
    "newsbrief_metadata_keys": [1],
    "newsbrief_page_size": -3,
    "newsbrief_tags": {"x": {"colour": "red"}},
    "newsbrief_feeds": "yes",
    "newsbrief_statuses": {"x": {"tone": "loud"}},
    "newsbrief_likelihood_scale": {"x": {"label": "X", "range": [80, 20]}},
    "newsbrief_confidence_levels": [],
    "newsbrief_stances": {"x": "not a dict"},
    "newsbrief_actor_aliases": {"US": ["United States"]},
    "newsbrief_feed_length": 0,
    "newsbrief_tag_aliases": {"DPRK": 3},
    "newsbrief_site_url": ["x"],
    "newsbrief_publisher": 5,
}


def test_bad_values_cover_every_option():
    assert set(BAD_VALUES) == {opt.name for opt in OPTIONS}


@pytest.mark.parametrize(("name", "value"), sorted(BAD_VALUES.items()))
def test_bad_value_warns_and_falls_back(make_app, rootdir, tmp_path, name, value):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefs", src)
    app = make_app("html", srcdir=src, confoverrides={name: value})
    default = next(o.default for o in OPTIONS if o.name == name)
    assert getattr(app.config, name) == default
    found = newsbrief_warnings(app, "config")
    assert len(found) == 1 and name in found[0], found


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_setup_metadata_and_myst(app):
    meta = app.extensions["sphinx_newsbrief"]
    assert meta.parallel_read_safe and meta.parallel_write_safe
    assert meta.metadata["env_version"] == sphinx_newsbrief.ENV_VERSION
    assert meta.version == sphinx_newsbrief.__version__
    assert "myst_parser" in app.extensions
    # MyST's own settings are the project's: nothing is switched on for it.
    assert list(app.config.myst_enable_extensions) == []


@pytest.mark.sphinx(
    "html",
    testroot="briefs",
    freshenv=True,
    confoverrides={"myst_enable_extensions": ["dollarmath"]},
)
def test_user_myst_extensions_are_kept(app):
    assert list(app.config.myst_enable_extensions) == ["dollarmath"]

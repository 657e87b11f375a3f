"""Configuration values: registration, validation, MyST defaults, setup()."""

from __future__ import annotations

import pytest
from helpers import newsbrief_warnings

import sphinx_newsbrief
from sphinx_newsbrief.config import OPTIONS


@pytest.mark.sphinx("html", testroot="briefs", freshenv=True)
def test_defaults_pass_their_own_validation(app):
    """Every option is registered and documented; no default is rejected by its check."""
    for opt in OPTIONS:
        assert opt.help, opt.name
        assert opt.check is None or opt.check(opt.default) is None, opt.name
        assert getattr(app.config, opt.name) == opt.default
    assert newsbrief_warnings(app, "config") == []


#: A usable value, other than the default, for every option.
GOOD_VALUES = {
    "newsbrief_article_patterns": ["briefs/*"],
    "newsbrief_articles_in_toctree": True,
    "newsbrief_article_header": False,
    "newsbrief_edition_by": "month",
    "newsbrief_date_format": "%Y-%m-%d",
    "newsbrief_words_per_minute": 180,
    "newsbrief_metadata_keys": ["rating"],
    "newsbrief_page_size": 10,
    "newsbrief_tags": {"news": {"name": "News", "description": "Reporting."}, "iran": "Iran"},
    "newsbrief_feeds": False,
    "newsbrief_statuses": {"firm": {"label": "Firm", "tone": "positive"}},
    "newsbrief_likelihood_scale": {"maybe": {"label": "Maybe", "range": [40, 60]}},
    "newsbrief_confidence_levels": {"some": {"label": "Some"}},
    "newsbrief_stances": {"back": {"label": "Back", "tone": "positive"}},
    "newsbrief_actor_aliases": {"US": "United States"},
    "newsbrief_feed_length": 5,
    "newsbrief_feed_content": "full",
    "newsbrief_excerpt_words": 30,
    "newsbrief_authors": {"jdoe": {"name": "J. Doe", "url": "https://example.org/jd"}, "x": "X"},
    "newsbrief_show_future": True,
    "newsbrief_pdf": {"briefs": True},
    "newsbrief_comments": {"provider": "utterances", "repo": "example/news"},
    "newsbrief_tag_aliases": {"DPRK": "North Korea"},
    "newsbrief_site_url": "https://example.org/news/",
    "newsbrief_publisher": "Example desk",
}


def test_good_values_cover_every_option():
    assert set(GOOD_VALUES) == {opt.name for opt in OPTIONS}
    defaults = {opt.name: opt.default for opt in OPTIONS}
    assert [name for name, value in GOOD_VALUES.items() if value == defaults[name]] == []


def test_good_values_are_kept(make_app, rootdir, tmp_path):
    """Validation lets a usable value through untouched: the fallback is for bad ones only."""
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefs", src)
    app = make_app("html", srcdir=src, confoverrides=GOOD_VALUES)
    assert newsbrief_warnings(app, "config") == []
    assert {name: getattr(app.config, name) for name in GOOD_VALUES} == GOOD_VALUES


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
    "newsbrief_feed_content": "everything",
    "newsbrief_excerpt_words": -1,
    "newsbrief_authors": ["J. Doe"],
    "newsbrief_show_future": 2,
    "newsbrief_pdf": {"brief": True},
    "newsbrief_comments": {"provider": "disqus"},
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
    subtype = next(o.subtype for o in OPTIONS if o.name == name)
    found = newsbrief_warnings(app, subtype)
    # one warning, or one per bad entry of a dict plus the fallback when none is left
    assert found and all(name in w for w in found), found
    assert len(found) <= 2, found


#: One bad entry next to good ones, for every option whose value is a dict of entries.
MIXED_ENTRIES = {
    "newsbrief_authors": (
        {"jdoe": {"name": "J. Doe"}, "x": {"name": "X", "email": "x@example.org"}},
        {"jdoe": {"name": "J. Doe"}},
    ),
    "newsbrief_tags": ({"news": "News", "x": {"colour": "red"}}, {"news": "News"}),
    "newsbrief_tag_aliases": ({"DPRK": "North Korea", "X": 3}, {"DPRK": "North Korea"}),
    "newsbrief_statuses": (
        {"firm": {"label": "Firm"}, "x": {"label": "X", "tone": "loud"}},
        {"firm": {"label": "Firm"}},
    ),
    "newsbrief_likelihood_scale": (
        {"maybe": {"label": "Maybe", "range": [40, 60]}, "x": {"label": "X", "range": [9, 1]}},
        {"maybe": {"label": "Maybe", "range": [40, 60]}},
    ),
    "newsbrief_confidence_levels": (
        {"some": {"label": "Some"}, "x": "no label"},
        {"some": {"label": "Some"}},
    ),
    "newsbrief_stances": (
        {"back": {"label": "Back"}, "x": {"tone": "positive"}},
        {"back": {"label": "Back"}},
    ),
    "newsbrief_actor_aliases": ({"US": "United States", "X": ["Y"]}, {"US": "United States"}),
}


def test_mixed_entries_cover_every_dict_option():
    assert set(MIXED_ENTRIES) == {opt.name for opt in OPTIONS if opt.entry is not None}


@pytest.mark.parametrize(("name", "values"), sorted(MIXED_ENTRIES.items()))
def test_bad_entry_is_dropped_alone(make_app, rootdir, tmp_path, name, values):
    import shutil

    from sphinx_newsbrief.config import settings

    value, kept = values
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-briefs", src)
    app = make_app("html", srcdir=src, confoverrides={name: value})
    assert getattr(app.config, name) == kept
    (found,) = newsbrief_warnings(app, "config")
    assert f"{name}[" in found and "this entry is left out" in found
    assert settings(app.config) is settings(app.config)  # made once per configuration


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

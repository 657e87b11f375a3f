"""Parsing of author metadata: table tests and property-based tests."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_newsbrief import frontmatter as fm


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-21", "2025-06-21"),
        ("2025-06-21T14:30", "2025-06-21T14:30:00"),
        ("2025-06-21 14:30:05", "2025-06-21T14:30:05"),
        ("2025-06-21T14:30:00Z", "2025-06-21T14:30:00+00:00"),
        ("2025-06-21T14:30:00+0200", "2025-06-21T14:30:00+02:00"),
        ("2025-13-45", None),
        ("2025-02-30", None),
        ("21/06/2025", None),
        ("20250621", None),
        ("yesterday", None),
        (20250621, None),
        (None, None),
        (date(2025, 6, 21), "2025-06-21"),
    ],
)
def test_parse_date(value, expected):
    assert fm.parse_date(value) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_parse_date_roundtrips_dates(day):
    assert fm.parse_date(day.isoformat()) == day.isoformat()


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 1, 1)),
    st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_parse_date_roundtrips_datetimes(moment, offset):
    aware = moment.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=offset)))
    assert datetime.fromisoformat(fm.parse_date(aware.isoformat())) == aware


@settings(max_examples=300)
@given(st.text())
def test_read_markdown_never_raises(text):
    raw = fm.read_markdown("---\n" + text + "\n---\n# T\n")
    fm.validate(raw)
    fixed = fm.sanitised_front_matter("---\n" + text + "\n---\n# T\n", raw, force=True)
    assert fixed is not None
    # line numbers after the front matter are kept
    assert fixed.count("\n") >= ("---\n" + text + "\n---\n# T\n").count("\n") - 1


@settings(max_examples=300)
@given(st.text())
def test_read_rst_never_raises(text):
    fm.validate(fm.read_rst(text))


@given(
    st.dictionaries(
        st.sampled_from(fm.ARTICLE_KEYS),
        st.one_of(
            st.text(max_size=20),
            st.integers(),
            st.booleans(),
            st.none(),
            st.lists(st.text(max_size=10), max_size=4),
            st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
        ),
    )
)
def test_validate_reports_or_accepts_every_field(data):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n"
    raw = fm.read_markdown(text)
    values, problems = fm.validate(raw)
    for key in raw.fields:
        lines = {p.line for p in problems}
        assert key in values or raw.fields[key].line in lines or key == "author"


def test_lines_of_keys():
    raw = fm.read_markdown("---\ntitle: T\n\ndate: 2025-06-21\ntags:\n  - a\n---\nbody\n")
    assert {k: f.line for k, f in raw.fields.items()} == {"title": 2, "date": 4, "tags": 5}


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
        f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    text = f"---\n{bomb}tags: *i\ndate: 2025-01-01\n---\n"
    raw = fm.read_markdown(text)
    assert "tags" not in raw.fields
    assert any("aliases (*name) repeat more than" in p.message for p in raw.problems)
    assert raw.fields["date"].value == "2025-01-01"
    fixed = fm.sanitised_front_matter(text, raw, force=True)
    assert fixed is not None and len(fixed) < 8 * fm.NODE_BUDGET


def test_a_long_list_written_out_is_kept():
    """2,000 tags written out were dropped as "too large (YAML aliases?)" (issue 15 item 18)."""
    tags = "".join(f"  - Tag {i}\n" for i in range(2500))
    text = f"---\ndate: 2025-01-01\ntags:\n{tags}authors: [A, B]\n---\n"
    raw = fm.read_markdown(text)
    assert raw.problems == []
    assert len(raw.fields["tags"].value) == 2500
    assert raw.fields["authors"].value == ["A", "B"]
    # a few aliases are fine too; only what they repeat counts
    raw = fm.read_markdown("---\nx: &x [a, b]\ny: *x\nz: [*x, *x]\n---\n")
    assert raw.problems == [] and raw.fields["z"].value == [["a", "b"], ["a", "b"]]


def test_sanitised_front_matter_keeps_myst_working():
    text = "---\ndate: 2025-13-45\ntags: [a, b]\nmyst:\n  x: 1\n---\n# T\n"
    raw = fm.read_markdown(text)
    fixed = fm.sanitised_front_matter(text, raw)
    assert fixed is not None
    assert fixed.splitlines()[6] == "# T"
    block = fixed[fixed.index("\n") + 1 : fixed.index("\n---")]
    assert yaml.safe_load(block) == {"date": "2025-13-45", "tags": ["a", "b"], "myst": {"x": 1}}
    assert fm.sanitised_front_matter("---\ndate: 2025-06-21\n---\n", fm.read_markdown("")) is None


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.text(max_size=8),
        st.one_of(st.text(max_size=20), st.lists(st.text(max_size=10), max_size=3)),
        max_size=4,
    )
)
def test_sanitised_front_matter_is_yaml_myst_reads(data):
    """Whatever is handed back to MyST loads with PyYAML (issue 15 item 9): control
    characters written as escapes are removed, line separators stay escaped."""
    text = "---\n" + json.dumps(data) + "\n---\n# T\n"  # every character escaped
    raw = fm.read_markdown(text)
    fixed = fm.sanitised_front_matter(text, raw, force=True)
    assert fixed is not None
    start, end = fm.front_matter_span(fixed)
    loaded = yaml.safe_load(fixed[start:end])
    assert set(loaded) == set(raw.fields)


def test_control_characters_are_reported_and_removed():
    """A DEL (raw, or as an escape) in one value and a bad date in another lost every
    MyST front-matter value ("Malformed YAML")."""
    text = (
        '---\ndate: 2025-13-45\nsummary: "a\\x7fb"\nlocation: Se\x7foul\n'
        "myst:\n  html_meta:\n    keywords: k\n---\n# T\n"
    )
    raw = fm.read_markdown(text)
    assert raw.fields["summary"].value == "ab"
    assert raw.fields["location"].value == "Seoul"
    assert [(p.line, "U+007F" in p.message) for p in raw.problems] == [(4, True), (3, True)]
    fixed = fm.sanitised_front_matter(text, raw, force=True)
    start, end = fm.front_matter_span(fixed)
    loaded = yaml.safe_load(fixed[start:end])
    assert loaded["myst"] == {"html_meta": {"keywords": "k"}}
    assert loaded["summary"] == "ab" and loaded["date"] == "2025-13-45"
    assert fixed.splitlines()[8] == "# T"


def test_rst_fields_with_continuation():
    raw = fm.read_rst(
        "\n:date: 2025-06-21\n:summary: A long\n   summary.\n:tags: a; b, c\n\nTitle\n"
    )
    assert raw.fields["summary"].value == "A long summary."
    values, _ = fm.validate(raw)
    assert values["tags"] == ["a", "b, c"]
    assert raw.fields["tags"].line == 5


@pytest.mark.parametrize(
    ("by", "expected"),
    [("day", "2025-06-21"), ("week", "2025-W25"), ("month", "2025-06"), ("none", "")],
)
def test_edition_of(by, expected):
    assert fm.edition_of("2025-06-21", by) == expected

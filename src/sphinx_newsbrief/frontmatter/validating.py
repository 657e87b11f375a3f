"""Validating metadata field by field: text, lists, flags, dates and editions.

:func:`validate` returns the usable values and the problems found, each at
its line; :func:`unknown_keys` lists keys that are no article key, no key of
Sphinx, MyST or a common theme, and not allowed by the project.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .reading import Problem

if TYPE_CHECKING:
    from .reading import Field, RawMetadata

#: Keys an article's metadata may carry.
ARTICLE_KEYS = (
    "title",
    "date",
    "updated",
    "authors",
    "summary",
    "tags",
    "location",
    "edition",
    "draft",
    "comments",
)

#: Keys read by Sphinx, MyST-Parser, docutils or common themes: never "unknown".
FOREIGN_KEYS = frozenset(
    {
        "author",
        "orphan",
        "nocomments",
        "nosearch",
        "tocdepth",
        "myst",
        "mystnb",
        "substitutions",
        "html_meta",
        "jupytext",
        "kernelspec",
        "language_info",
        "file_format",
        "hide-toc",
        "hide-navigation",
        "hide-footer-icons",
        "description",
        "keywords",
        "copyright",
        "version",
        "revision",
        "status",
        "organization",
        "address",
        "contact",
        "dedication",
        "abstract",
        "short_title",
        "subtitle",
        "blogpost",
        "sd_hide_title",
        # notebook metadata written by Jupyter, JupyterLab and editors
        "widgets",
        "vscode",
        "colab",
        "toc",
        "celltoolbar",
        "interpreter",
    }
)

#: Keys of ABlog posts that articles have no field for, and where the information goes.
ABLOG_KEYS = {
    "category": "add the category to 'tags' (articles have tags, not categories)",
    "language": "a site has one language: set 'language' in conf.py",
    "image": "put the image in the article's body; for social cards set "
    "sphinxext-opengraph's 'og:image' field",
    "redirect": "redirects are configured in conf.py with a redirect extension "
    "(such as sphinx-reredirects), not in the article",
    "excerpt": "write the excerpt as 'summary'; without one, the first paragraph is "
    "the excerpt (newsbrief_excerpt_words)",
}

_DATE_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def parse_date(value: Any) -> str | None:
    """Normalise an ISO date or datetime to ISO text, or return None if invalid."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not _DATE_RE.match(text):
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        normal = text.replace(" ", "T", 1)
        if normal.endswith("Z"):
            normal = normal[:-1] + "+00:00"
        if re.search(r"[+-]\d{4}$", normal):
            normal = f"{normal[:-2]}:{normal[-2:]}"
        return datetime.fromisoformat(normal).isoformat()
    except ValueError:
        return None


def _split(text: str) -> list[str]:
    sep = ";" if ";" in text else ","
    return [part.strip() for part in text.split(sep) if part.strip()]


def _text(f: Field, problems: list[Problem]) -> str | None:
    if isinstance(f.value, str):
        return f.value.strip()
    if isinstance(f.value, (int, float)) and not isinstance(f.value, bool):
        return str(f.value)
    problems.append(Problem(f.line, f"{f.key!r} must be text, not {_kind(f.value)}"))
    return None


def _text_list(f: Field, syntax: str, problems: list[Problem]) -> list[str] | None:
    value = f.value
    if isinstance(value, str):
        if f.key == "authors" and syntax == "markdown":
            return [value.strip()] if value.strip() else []
        return _split(value)
    if isinstance(value, (list, tuple)):
        items: list[str] = []
        for item in value:
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                if str(item).strip():
                    items.append(str(item).strip())
            else:
                problems.append(
                    Problem(f.line, f"{f.key!r} items must be text; ignored {_kind(item)}")
                )
        return items
    problems.append(
        Problem(f.line, f"{f.key!r} must be a list or a comma-separated string, not {_kind(value)}")
    )
    return None


def _flag(f: Field, problems: list[Problem]) -> bool | None:
    if isinstance(f.value, bool):
        return f.value
    text = str(f.value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    problems.append(Problem(f.line, f"{f.key!r} must be true or false, not {f.value!r}"))
    return None


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {value!r}"


def _date_field(f: Field, problems: list[Problem]) -> str | None:
    parsed = parse_date(f.value)
    if parsed is None and (f.value is None or str(f.value).strip() == ""):
        problems.append(
            Problem(
                f.line,
                f"{f.key!r} is empty; give an ISO date such as 2025-06-21 (or a datetime "
                "such as 2025-06-21T14:30:00+00:00) or leave the key out",
            )
        )
    elif parsed is None:
        problems.append(
            Problem(
                f.line,
                f"{f.key!r} is not a valid date: {f.value!r} (use an ISO date such as "
                "2025-06-21 or a datetime such as 2025-06-21T14:30:00+00:00)",
            )
        )
    return parsed


def validate(raw: RawMetadata) -> tuple[dict[str, Any], list[Problem]]:
    """Check each known key; return the usable values and the problems found.

    Unknown keys are not reported here (see :func:`unknown_keys`), since plain
    documents may carry any metadata.
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, f in raw.fields.items():
        result: Any
        if key in ("date", "updated"):
            result = _date_field(f, problems)
        elif key in ("authors", "author", "tags"):
            result = _text_list(f, raw.syntax, problems)
            key = "authors" if key == "author" else key
        elif key in ("draft", "comments"):
            result = _flag(f, problems)
        elif key in ("title", "summary", "location", "edition"):
            result = _text(f, problems)
        else:
            continue
        if result is not None:
            values[key] = result
    updated, published = values.get("updated"), values.get("date")
    if updated and published and updated[:10] < published[:10]:
        problems.append(
            Problem(
                raw.fields["updated"].line,
                f"'updated' ({updated}) is before 'date' ({published}); ignored",
            )
        )
        del values["updated"]
    return values, problems


def ablog_keys(raw: RawMetadata, extra: tuple[str, ...] = ()) -> list[Field]:
    """Keys of ABlog posts that have no place in an article (unless the project allows them)."""
    return [f for key, f in raw.fields.items() if key in ABLOG_KEYS and key not in extra]


def unknown_keys(raw: RawMetadata, extra: tuple[str, ...] = ()) -> list[Field]:
    """Keys that are neither article keys, well-known foreign keys nor ``extra``."""
    allowed = set(ARTICLE_KEYS) | FOREIGN_KEYS | set(extra) | set(ABLOG_KEYS)
    return [
        f
        for key, f in raw.fields.items()
        if key not in allowed
        and "." not in key
        and ":" not in key
        and (not raw.open_keys or difflib.get_close_matches(key, ARTICLE_KEYS, n=1, cutoff=0.75))
    ]


def iso_week(day: str) -> str:
    """Return the ISO week label (``2025-W25``) of an ISO date string."""
    year, week, _ = date.fromisoformat(day[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def edition_of(day: str, by: str) -> str:
    """Default edition key of an article dated ``day`` (``''`` when none)."""
    if not day or by == "none":
        return ""
    if by == "day":
        return day[:10]
    if by == "month":
        return day[:7]
    return iso_week(day)

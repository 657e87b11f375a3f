"""A post's ABlog options as article metadata, with a note for each.

The same options come from a ``post`` directive, from front matter with
``blogpost: true`` or from notebook metadata; :func:`convert` turns them into
the metadata of a sphinx-newsbrief article (DESIGN "Articles") and says, per
option, what became of it or why it had no place to go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...util import tag_slug
from .dates import ablog_date
from .site import Site

#: The options of ABlog's ``post`` directive, which are also its front-matter keys.
POST_OPTIONS = (
    "tags",
    "author",
    "category",
    "location",
    "language",
    "redirect",
    "title",
    "image",
    "excerpt",
    "exclude",
    "nocomments",
    "canonical_link",
    "external_link",
)
#: Front-matter keys that belong to ABlog (replaced by article metadata).
ABLOG_KEYS = frozenset({"blogpost", "date", *POST_OPTIONS})

#: Why an option has no place in an article.
NO_PLACE = {
    "language": "an article has no language of its own (the site's `language` applies)",
    "redirect": "no redirect pages are made (set redirects up on the web server)",
    "image": "listings show no image",
    "excerpt": "the excerpt is the `summary`, else the first paragraph",
    "canonical_link": "the canonical link is the article's own address",
    "external_link": "an article is a page of this site",
    "exclude": "an excerpt kept out of the post has no place (there was no text)",
}
_FALSE = {"false", "no", "off", "0"}


@dataclass
class Converted:
    """Article metadata made from a post's options, and what happened to each option."""

    fields: dict[str, Any] = field(default_factory=dict)
    converted: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def as_list(value: Any) -> list[str]:
    """ABlog's comma-separated values (or a YAML list, or MyST's list as text)."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (list, tuple)):
        return [text for text in (" ".join(str(v).split()) for v in value) if text]
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    parts = (" ".join(part.split()).strip("'\"").strip() for part in text.split(","))
    return [p for p in parts if p]


def flag(value: Any) -> bool:
    """Whether a flag option (``:nocomments:``, ``exclude: true``) is set."""
    return value is not False and str(value).strip().lower() not in _FALSE


def convert(options: dict[str, Any], date: Any, site: Site, excerpt: str = "") -> Converted:
    """Article metadata for a post with ``options``, dated ``date``."""
    out = Converted()
    title = options.get("title")
    if isinstance(title, str) and title.strip():
        out.fields["title"] = " ".join(title.split())
        out.converted.append("title")
    _date(out, date, site)
    _authors(out, options, site)
    if excerpt and "exclude" in options and flag(options["exclude"]):
        out.fields["summary"] = " ".join(excerpt.split())
        out.converted.append("excerpt kept out of the post (:exclude:) -> summary")
    _tags(out, options)
    _location(out, options, site)
    if "nocomments" in options and flag(options["nocomments"]):
        out.fields["comments"] = False
        out.converted.append("nocomments -> comments: false")
    if "orphan" in out.fields:
        out.fields["orphan"] = out.fields.pop("orphan")  # last, after the article's keys
    for key in POST_OPTIONS:
        if key in NO_PLACE and key in options and not (key == "exclude" and excerpt):
            shown = _shown(options[key])
            out.dropped.append(f"{key}{shown}: {NO_PLACE[key]}")
    return out


def _shown(value: Any) -> str:
    if value is None or value is True or value == "":
        return ""
    items = as_list(value)
    return " " + ", ".join(repr(i) for i in items) if items else f" {value!r}"


def _date(out: Converted, value: Any, site: Site) -> None:
    raw = " ".join(str(value).split()) if value is not None else ""
    if not raw:
        out.fields["orphan"] = True
        out.dropped.append(
            "no date: ABlog kept it as a draft; without a `date` it is an ordinary page "
            "(marked orphan, as ABlog did); give it a `date` (and `draft: true`) to make it "
            "an article"
        )
        return
    iso = ablog_date(value, site.post_date_format)
    if iso is None:
        out.fields["date"] = raw
        out.dropped.append(f"date {raw!r} not understood: written as it is; make it an ISO date")
        return
    out.fields["date"] = iso
    out.converted.append(f"date {raw!r} -> {iso}" if raw != iso else f"date {iso}")


def _authors(out: Converted, options: dict[str, Any], site: Site) -> None:
    authors = as_list(options.get("author"))
    if authors:
        out.converted.append("author -> authors: " + ", ".join(authors))
    elif site.default_authors:
        authors = list(site.default_authors)
        out.converted.append("blog_default_author -> authors: " + ", ".join(authors))
    if authors:
        out.fields["authors"] = authors


def _tags(out: Converted, options: dict[str, Any]) -> None:
    tags = as_list(options.get("tags"))
    if tags:
        out.converted.append("tags: " + ", ".join(tags))
    slugs = {tag_slug(t) for t in tags}
    for category in as_list(options.get("category")):
        if tag_slug(category) in slugs:
            out.converted.append(f"category {category!r}: already a tag")
            continue
        tags.append(category)
        slugs.add(tag_slug(category))
        out.converted.append(f"category {category!r} -> tag")
    if tags:
        out.fields["tags"] = tags


def _location(out: Converted, options: dict[str, Any], site: Site) -> None:
    keys = as_list(options.get("location"))
    source = "location"
    if not keys and site.default_location:
        keys, source = list(site.default_location), "blog_default_location"
    if not keys:
        return
    names = [site.locations.get(k, k) for k in keys]
    out.fields["location"] = ", ".join(names)
    spelled = [
        f"{k!r} -> {n!r} (blog_locations)" for k, n in zip(keys, names, strict=True) if k != n
    ]
    note = f"{source} -> location: {out.fields['location']}"
    if spelled:
        note += "; " + "; ".join(spelled)
    if len(keys) > 1:
        note += " (several locations joined into one dateline)"
    out.converted.append(note)

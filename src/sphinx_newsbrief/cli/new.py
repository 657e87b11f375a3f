"""``newsbrief new``: write a dated article file with front matter, never overwriting.

The file is ``<dir>/<date>-<slug>.md`` (MyST front matter) or, with ``--rst``,
``.rst`` (docinfo fields, then the title with an over- and underline). Values
are written so that they read back exactly as given: the front matter is
dumped by PyYAML (a title with ``:``, quotes, ``#`` or line breaks stays one
string), and the rST title is escaped and adorned to its display width.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from docutils.utils import column_width

from ..util import slugify
from .common import CommandError

#: Sources that Sphinx would read as the same document as the new file.
_SOURCE_SUFFIXES = (".md", ".rst", ".ipynb", ".txt")
#: Longest slug in a file name (in characters; bytes are limited too).
_SLUG_CHARS = 80
_SLUG_BYTES = 160
_LEAD = "Lead paragraph: what happened, and why it matters."


@dataclass(frozen=True)
class Brief:
    """What ``newsbrief new`` writes."""

    title: str
    day: date
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    summary: str = ""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "new",
        help="write a new dated article (front matter included)",
        description="Write <dir>/<date>-<slug>.md (or .rst) with the article's front matter "
        "and print its path. An existing file is never overwritten.",
    )
    parser.add_argument("title", type=_title, help="the article's title")
    parser.add_argument("--tags", type=_tags, default=(), help="comma-separated tags: a,b")
    parser.add_argument("--dir", default="briefs", help="folder of the project (default: briefs)")
    parser.add_argument("--rst", action="store_true", help="write reStructuredText, not MyST")
    parser.add_argument("--date", type=_day, help="YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        dest="authors",
        metavar="NAME",
        help="an author (repeat for several)",
    )
    parser.add_argument("--summary", default="", help="one-sentence summary (the dek)")
    parser.add_argument("--project", default=".", help="the Sphinx project folder (default: .)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    brief = Brief(
        title=args.title,
        day=args.date or today(),
        tags=args.tags,
        authors=tuple(a.strip() for a in args.authors if a.strip()),
        summary=" ".join(args.summary.split()),
    )
    suffix = ".rst" if args.rst else ".md"
    folder = Path(args.project) / args.dir
    path = folder / (file_stem(brief) + suffix)
    _refuse_existing(path)
    folder.mkdir(parents=True, exist_ok=True)
    text = rst_text(brief) if args.rst else myst_text(brief)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise CommandError(f"{path} exists; not overwriting it") from None
    print(path)
    return 0


# -- arguments -----------------------------------------------------------------------


def _title(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("the title is empty")
    return value.strip()


def _tags(value: str) -> tuple[str, ...]:
    return tuple(t for t in (" ".join(part.split()) for part in value.split(",")) if t)


def _day(value: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def today() -> date:
    """Today's date, or the UTC date of ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise CommandError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None


# -- the file --------------------------------------------------------------------------


def file_stem(brief: Brief) -> str:
    """``<date>-<slug>``: a usable, non-empty file name for any title."""
    slug = slugify(brief.title)[:_SLUG_CHARS]
    while len(slug.encode("utf-8")) > _SLUG_BYTES:
        slug = slug[:-1]
    if len(slug) < len(slugify(brief.title)) and "-" in slug[_SLUG_CHARS // 2 :]:
        slug = slug.rsplit("-", 1)[0]  # cut at a word boundary
    return f"{brief.day.isoformat()}-{slug.strip('-') or 'brief'}"


def _refuse_existing(path: Path) -> None:
    for suffix in _SOURCE_SUFFIXES:
        other = path.with_suffix(suffix)
        if other.exists():
            same = "exists" if other == path else f"exists ({other.name} is the same document)"
            raise CommandError(f"{other} {same}; not overwriting it")


class _Dumper(yaml.SafeDumper):
    """Writes text with line breaks or unusual characters double-quoted, on one line."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if re.search(r"[\r\n\x85\u2028\u2029]", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_front_matter(fields: dict[str, Any]) -> str:
    """``fields`` as YAML lines that ``yaml.safe_load`` reads back as they are."""
    return yaml.dump(
        fields,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=1_000_000,
    )


def myst_text(brief: Brief) -> str:
    """A MyST article: front matter (the title is the page title), then a lead paragraph."""
    fields: dict[str, Any] = {"title": brief.title, "date": brief.day}
    if brief.authors:
        fields["authors"] = list(brief.authors)
    if brief.summary:
        fields["summary"] = brief.summary
    if brief.tags:
        fields["tags"] = list(brief.tags)
    return f"---\n{dump_front_matter(fields)}---\n\n{_LEAD}\n"


_RST_MARKUP = re.compile(r"([\\*`_|\[\]:<>])")
#: A line of one punctuation character repeated: docutils reads it as an adornment.
_RST_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1*")


def rst_field(key: str, value: str) -> str:
    """One docinfo line; line breaks in ``value`` become spaces."""
    text = " ".join(value.split())
    return f":{key}: {text}" if text else f":{key}:"


def rst_list(items: tuple[str, ...] | list[str]) -> str:
    """Items of a docinfo list: comma-separated, or by ``;`` when an item has a comma."""
    return ("; " if any("," in i for i in items) else ", ").join(items)


def rst_title(title: str) -> str:
    """The title escaped (no inline markup), between an overline and an underline."""
    text = _RST_MARKUP.sub(r"\\\1", " ".join(title.split()))
    if _RST_ADORNMENT.fullmatch(text):
        text = "\\ " + text  # an escaped space: not shown, and the line is no adornment
    rule = "=" * max(column_width(text), 4)  # docutils takes shorter lines for text
    return f"{rule}\n{text}\n{rule}\n"


def rst_text(brief: Brief) -> str:
    """An rST article: docinfo fields (where the extension reads them), the title, a lead."""
    fields = [rst_field("date", brief.day.isoformat())]
    if brief.authors:
        fields.append(rst_field("authors", rst_list(brief.authors)))
    if brief.summary:
        fields.append(rst_field("summary", brief.summary))
    if brief.tags:
        fields.append(rst_field("tags", rst_list(brief.tags)))
    return "\n".join(fields) + f"\n\n{rst_title(brief.title)}\n{_LEAD}\n"

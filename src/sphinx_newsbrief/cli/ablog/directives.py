"""ABlog's ``postlist`` and ``update`` directives, in rST and MyST.

``postlist`` becomes ``briefs`` (DESIGN "Listings"): the number argument is
``:limit:``, ``:tags:`` and ``:category:`` (categories are tags now) are
``:tags:``, ``:sort:`` (oldest first) is ``:sort: date``, ``:format:`` is
``:format: list``, and a list without filters leaves out the page it is on,
as ABlog's did (``:exclude-current:``). ``update`` keeps its text and gets an
ISO date (DESIGN "Updates and corrections").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .dates import ablog_date
from .myst import Fence, code_lines, find_fences
from .options import as_list
from .rst import Directive, find_directives, literal_lines
from .site import Site

#: ``postlist`` options with no counterpart in ``briefs``, and why.
NO_PLACE = {
    "author": "`briefs` has no author filter: the list shows every author's articles",
    "location": "`briefs` has no location filter: the list shows articles from anywhere",
    "language": "`briefs` has no language filter",
    "date": "dates are shown in `newsbrief_date_format`",
    "list-style": "the list's style is the theme's",
    "expand": "titles are the links to the articles",
}


@dataclass
class Change:
    """One directive converted: where (1-based line in the converted file) and how."""

    line: int
    what: str
    dropped: list[str] = field(default_factory=list)


def briefs_options(options: dict[str, Any], argument: str) -> tuple[list[tuple[str, str]], Change]:
    """The ``briefs`` options for a ``postlist``'s, and what happened to each."""
    out: list[tuple[str, str]] = []
    change = Change(0, "postlist -> briefs")
    tags = as_list(options.get("tags")) + as_list(options.get("category"))
    if tags:
        out.append(("tags", ", ".join(tags)))
        if len(tags) > 1:
            change.dropped.append(
                "ABlog listed posts with every one of " + ", ".join(repr(t) for t in tags)
                + "; `briefs` lists articles with any of them"
            )  # fmt: skip
    if argument.strip().isdigit() and int(argument) > 0:
        out.append(("limit", argument.strip()))
    elif argument.strip():
        change.dropped.append(f"argument {argument.strip()!r} is not a number of posts")
    if "sort" in options:
        out.append(("sort", "date"))
    if "format" in options:
        out.append(("format", "list"))
        change.dropped.append(
            f"format {options['format']!r}: the list shows title, date, tags and summary"
        )
    if not tags and not any(k in options for k in ("author", "location", "language")):
        out.append(("exclude-current", ""))
    for key, value in options.items():
        if key in NO_PLACE:
            shown = f" {value!r}" if value else ""
            change.dropped.append(f"{key}{shown}: {NO_PLACE[key]}")
        elif key == "excerpts":
            change.what += " (summaries are always shown)"
        elif key not in ("tags", "category", "sort", "format"):
            change.dropped.append(f"{key}: not a postlist option")
    return out, change


def convert_rst_directives(lines: list[str], site: Site) -> list[Change]:
    """Convert ``postlist`` and ``update`` in rST ``lines`` (in place)."""
    changes = []
    while blocks := find_directives(lines, "postlist"):  # one at a time: lines move
        changes.append(_rst_postlist(lines, blocks[0]))
    changes += [
        _update(lines, block.start, block.argument, site)
        for block in find_directives(lines, "update", literal_lines(lines))
    ]
    return sorted(changes, key=lambda c: c.line)


def _rst_postlist(lines: list[str], block: Directive) -> Change:
    options, change = briefs_options(block.options, block.argument)
    head = f"{block.indent}.. briefs::"
    body = [f"{block.indent}   :{k}: {v}".rstrip() for k, v in options]
    option_end = block.start + 1
    while option_end < block.end and lines[option_end].strip():
        option_end += 1
    lines[block.start : option_end] = [head, *body]
    change.line = block.start + 1
    return change


def _update(lines: list[str], number: int, argument: str, site: Site) -> Change:
    iso = ablog_date(argument, site.post_date_format)
    if iso is None:
        return Change(number + 1, "update", [f"date {argument!r} not understood: left as it is"])
    if argument:
        at = lines[number].rindex(argument)
        lines[number] = lines[number][:at] + iso + lines[number][at + len(argument) :]
    return Change(number + 1, f"update {argument!r} -> {{update}} {iso}")


def convert_myst_directives(lines: list[str], site: Site) -> list[Change]:
    """Convert ``{postlist}`` and ``{update}`` fences in MyST ``lines`` (in place)."""
    changes = []
    while fences := find_fences(lines, "postlist"):  # one at a time: lines move
        changes.append(_myst_postlist(lines, fences[0]))
    changes += [
        _update(lines, fence.start, fence.argument, site)
        for fence in find_fences(lines, "update", code_lines(lines))
    ]
    return sorted(changes, key=lambda c: c.line)


def _myst_postlist(lines: list[str], fence: Fence) -> Change:
    options, change = briefs_options(fence.options, fence.argument)
    head = f"{fence.indent}{fence.marker}{{briefs}}"
    body = [f"{fence.indent}:{k}: {v}".rstrip() for k, v in options]
    lines[fence.start : fence.body] = [head, *body]
    change.line = fence.start + 1
    return change

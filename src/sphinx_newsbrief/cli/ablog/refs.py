"""References to ABlog's labels, pointed at sphinx-newsbrief's.

ABlog makes a label for each of its pages (ablog/blog.py): ``blog-posts``,
``blog-archives``, ``blog-tags``, ``blog-authors``, ``blog-categories``,
``blog-locations``, ``blog-languages``, ``blog-drafts``, ``blog-feed``, and per
collection ``tag-<slug>``, ``author-<slug>``, ``category-<slug>``,
``location-<slug>``, ``language-<slug>``, ``archive-<year>``; a post is
``<file name>`` (or its folder's name for an ``index``). The extension's
generated pages have ``newsbrief-*`` labels and an article's label is its
docname (DESIGN "Articles -> Labels"); an author's slug is the ``tag_slug``
of their ``newsbrief_authors`` key (or of their name). References with a
counterpart are rewritten; the others are left as written and reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...util import tag_slug

#: ABlog pages with a sphinx-newsbrief counterpart.
PAGES = {
    "blog-posts": "newsbrief-archive",
    "blog-archives": "newsbrief-archive",
    "blog-tags": "newsbrief-tags",
    "blog-categories": "newsbrief-tags",  # categories are tags now
    "blog-authors": "newsbrief-authors",
}
#: ABlog pages without one, and why.
NO_PAGE = {
    "blog-drafts": "drafts are not listed on any page",
    "blog-feed": "the feed (feed.xml) is a file, not a page with a label",
    "blog-locations": "there are no location pages",
    "blog-languages": "there are no language pages",
    "location": "there are no location pages",
    "language": "there are no language pages",
}


def ablog_slug(text: str) -> str:
    """ABlog's ``slugify`` (ablog/blog.py), lowercased as Sphinx reads labels."""
    text = unicodedata.normalize("NFKD", str(text))
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@dataclass
class Labels:
    """What the site's labels mean: built from its posts, then used on every file."""

    tags: dict[str, str] = field(default_factory=dict)  # ABlog slug -> tag slug
    authors: dict[str, str] = field(default_factory=dict)  # ABlog slug -> author slug
    posts: dict[str, str] = field(default_factory=dict)  # post label -> docname
    defined: set[str] = field(default_factory=set)  # labels the site defines itself

    def add_tags(self, names: Iterable[str]) -> None:
        for name in names:
            self.tags.setdefault(ablog_slug(name), tag_slug(name))

    def add_authors(self, names: Iterable[str]) -> None:
        for name in names:
            self.authors.setdefault(ablog_slug(name), tag_slug(name))

    def add_post(self, docname: str) -> None:
        folder, _, label = docname.rpartition("/")
        if label == "index" and folder:
            folder, _, label = folder.rpartition("/")
        if label and label.lower() != docname.lower():
            self.posts[label.lower()] = docname


@dataclass
class Target:
    """Where a label points now: ``new``, or None with the ``reason`` (None: not ABlog's)."""

    new: str | None = None
    reason: str | None = None


def target(label: str, labels: Labels, *, known: bool = False) -> Target:
    """The sphinx-newsbrief label for an ABlog ``label``.

    With ``known``, only labels of this site's tags, categories and authors
    count (a Markdown link's ``#tag-x`` may be an ordinary heading anchor).
    """
    name = label.strip().lower()
    kind, _, rest = name.partition("-")
    if name in labels.defined or (known and _unknown(kind, rest, labels)):
        return Target()
    if name in PAGES:
        return Target(PAGES[name])
    if name in NO_PAGE:
        return Target(reason=NO_PAGE[name])
    if not rest:
        return Target(new=labels.posts.get(name))
    if kind in ("tag", "category"):
        return Target(f"newsbrief-tag-{labels.tags.get(rest, tag_slug(rest))}")
    if kind == "author":
        return Target(f"newsbrief-author-{labels.authors.get(rest, tag_slug(rest))}")
    if kind == "archive" and re.fullmatch(r"\d{4}", rest):
        return Target(f"newsbrief-archive-{rest}")
    if kind in NO_PAGE:
        return Target(reason=NO_PAGE[kind])
    return Target(new=labels.posts.get(name))


def _unknown(kind: str, rest: str, labels: Labels) -> bool:
    if kind in ("tag", "category"):
        return rest not in labels.tags
    if kind == "author":
        return rest not in labels.authors
    return False


@dataclass
class RefResult:
    """References converted (line, old, new) and left as written (line, label, reason)."""

    converted: list[tuple[int, str, str]] = field(default_factory=list)
    left: list[tuple[int, str, str]] = field(default_factory=list)


_RST_ROLE = re.compile(r"(:(?:std:)?ref:`)([^`]+)(`)")
_MYST_ROLE = re.compile(r"(\{(?:std:)?ref\}`)([^`]+)(`)")
_MYST_LINK = re.compile(r"(\]\((?:project:)?#)([^)\s]+)(\))|(<project:#)([^>\s]+)(>)")
_RST_LITERAL = re.compile(r"(?<!`)``(?!`).+?``(?!`)", re.S)
_BACKTICKS = re.compile(r"`+")
_FENCE_LINE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})")


def _masked(text: str, skip_lines: set[int], syntax: str) -> str:
    """``text`` with skipped lines (and MyST fence lines) blanked, offsets unchanged."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if number in skip_lines or (syntax == "myst" and _FENCE_LINE.match(line)):
            lines[number] = " " * len(line)
    return "\n".join(lines)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """MyST inline code spans (a role's `` {ref}`...` `` is not one)."""
    spans = []
    at = 0
    while match := _BACKTICKS.search(text, at):
        run = match.group()
        close = re.compile(rf"(?<!`){run}(?!`)").search(text, match.end())
        if close is None:
            at = match.end()
            continue
        if not text[: match.start()].endswith("}"):
            spans.append((match.start(), close.end()))
        at = close.end()
    return spans


def _protected(text: str, syntax: str) -> list[tuple[int, int]]:
    if syntax == "rst":
        return [m.span() for m in _RST_LITERAL.finditer(text)]
    if syntax == "myst":
        return _code_spans(text)
    return []


def convert_refs(
    text: str, labels: Labels, syntax: str, skip_lines: set[int] | None = None
) -> tuple[str, RefResult]:
    """Rewrite references to ABlog labels in ``text`` (``rst``, ``myst`` or ``ipynb``)."""
    skip_lines = skip_lines or set()
    patterns = {"rst": [_RST_ROLE], "myst": [_MYST_ROLE, _MYST_LINK]}.get(
        syntax, [_RST_ROLE, _MYST_ROLE, _MYST_LINK]
    )
    protected = _protected(_masked(text, skip_lines, syntax), syntax)
    tables = _table_lines(text) if syntax == "rst" else set()
    result = RefResult()
    edits: list[tuple[int, int, str]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            inside = any(a < match.end() and match.start() < b for a, b in protected)
            if line - 1 in skip_lines or inside:
                continue
            edit = _edit(match, labels, line, result, link=pattern is _MYST_LINK)
            if edit and line - 1 in tables:
                edit = _keep_columns(text, edit, match.end(), line, result)
            if edit:
                edits.append(edit)
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, result


#: A simple table's rule: two or more runs of ``=`` (a section underline is one run).
_RULE_LINE = re.compile(r"^[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_GRID_LINE = re.compile(r"^[ \t]*[+|]")


def _table_lines(text: str) -> set[int]:
    """Indexes of lines inside rST tables (simple tables between their rules, grid tables)."""
    lines = text.split("\n")
    found: set[int] = set()
    inside = False
    for index, line in enumerate(lines):
        if _RULE_LINE.match(line):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            # a rule followed by a blank line (or the end) closes the table
            inside = not inside or bool(following.strip())
            continue
        if inside or _GRID_LINE.match(line):
            found.add(index)
    return found


def _keep_columns(
    text: str, edit: tuple[int, int, str], role_end: int, line: int, result: RefResult
) -> tuple[int, int, str] | None:
    """An edit inside a table row that keeps the columns where they were.

    A longer label takes spaces from the gap after the reference (at least one
    space stays); a shorter one adds spaces there. Where the gap is too narrow
    the reference is left as written and reported.
    """
    start, end, new = edit
    delta = len(new) - (end - start)
    line_end = text.find("\n", role_end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[role_end:line_end]
    gap = len(rest) - len(rest.lstrip(" "))
    if not rest.strip() or delta == 0:
        return edit  # the last column may grow; nothing moves
    if gap - delta < 1:
        _line, old, _new = result.converted.pop()  # the conversion just counted
        result.left.append(
            (line, old, f"in a table too narrow for {new!r}: widen the column and convert by hand")
        )
        return None
    middle = text[end:role_end]
    return start, role_end + gap, new + middle + " " * (gap - delta)


def _edit(
    match: re.Match[str], labels: Labels, line: int, result: RefResult, *, link: bool
) -> tuple[int, int, str] | None:
    group = 2 if match.group(2) is not None else 5
    body = match.group(group)
    start, end = match.span(group)
    explicit = re.match(r"(?s)(.*<)([^<>]+)>\s*$", body) if not link else None
    if explicit:
        label = explicit.group(2)
        start += len(explicit.group(1))
        end = start + len(label)
    else:
        label = body.strip()
    where = target(label, labels, known=link)
    if where.new:
        result.converted.append((line, label, where.new))
        return start, end, where.new
    if where.reason:
        result.left.append((line, label, where.reason))
    return None

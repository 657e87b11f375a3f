"""ABlog posts in reStructuredText: the ``post`` directive, or ``:blogpost: true`` fields.

The post's metadata becomes the docinfo field list at the very top of the
document (or right after the title, where a post already had its fields),
where the extension reads it (DESIGN "Articles": in ``.rst`` the
keys are docinfo fields). The directive itself is removed; text inside it (an
excerpt) stays in the post unless ``:exclude:`` kept it out, in which case it
becomes the ``summary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..new import rst_field, rst_list
from .options import ABLOG_KEYS, POST_OPTIONS, Converted, convert, flag
from .site import Site

_FIELD = re.compile(r"^:([^:\s][^:]*?):(?:[ \t]+(.*))?$")
_OPTION = re.compile(r"^[ \t]+:([^:\s][^:]*?):(?:[ \t]+(.*))?$")


@dataclass
class Directive:
    """An rST directive block, lines ``start`` (the directive) to ``end`` (exclusive)."""

    start: int
    end: int
    indent: str
    argument: str
    options: dict[str, Any] = field(default_factory=dict)
    content: list[str] = field(default_factory=list)


_CODE_DIRECTIVE = re.compile(r"^[ \t]*\.\.[ \t]+(?:code-block|code|sourcecode)::")
_EXPLICIT = re.compile(r"^[ \t]*\.\.[ \t]")


def literal_lines(lines: list[str]) -> set[int]:
    """Lines inside literal blocks (after a ``::`` paragraph) and code directives.

    Examples of ABlog syntax shown in a literal block are text, not markup:
    they are never converted.
    """
    literal: set[int] = set()
    for number, line in enumerate(lines):
        if number in literal or not line.strip():
            continue
        code = _CODE_DIRECTIVE.match(line)
        if not code and (not line.rstrip().endswith("::") or _EXPLICIT.match(line)):
            continue
        margin = _indent(line)
        after = number + 1
        while after < len(lines) and (not lines[after].strip() or _indent(lines[after]) > margin):
            if lines[after].strip():
                literal.add(after)
            after += 1
    return literal


def find_directives(lines: list[str], name: str, skip: set[int] | None = None) -> list[Directive]:
    """Every ``.. name::`` block in ``lines`` outside literal blocks, in order."""
    head = re.compile(rf"^([ \t]*)\.\.[ \t]+{re.escape(name)}::(?:[ \t]+(.*))?$")
    skip = literal_lines(lines) if skip is None else skip
    found = []
    for number, line in enumerate(lines):
        match = head.match(line) if number not in skip else None
        if match:
            found.append(_block(lines, number, match.group(1), (match.group(2) or "").strip()))
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _block(lines: list[str], start: int, indent: str, argument: str) -> Directive:
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > len(indent)):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    block = Directive(start, end, indent, argument)
    number = start + 1
    last: str | None = None
    while number < end and lines[number].strip():
        match = _OPTION.match(lines[number])
        if match:
            last = match.group(1).strip()
            block.options[last] = (match.group(2) or "").strip() or None
        elif last is not None:
            block.options[last] = f"{block.options[last] or ''} {lines[number].strip()}".strip()
        else:
            block.argument = f"{block.argument} {lines[number].strip()}".strip()
        number += 1
    body = lines[number:end]
    while body and not body[0].strip():
        body.pop(0)
    margin = min((_indent(line) for line in body if line.strip()), default=0)
    block.content = [line[margin:] if line.strip() else "" for line in body]
    return block


@dataclass
class TopFields:
    """The docinfo field list: at the very top, or right after the document's title."""

    start: int = 0
    end: int = 0  # first line after it (equal to start: there is none)
    fields: dict[str, str] = field(default_factory=dict)


_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1+[ \t]*$")
_COMMENT = re.compile(r"^\.\.(?:[ \t]|$)(?!.*::)")


def _fields_at(lines: list[str], start: int) -> TopFields:
    top = TopFields(start, start)
    last: str | None = None
    for number in range(start, len(lines)):
        line = lines[number]
        match = _FIELD.match(line)
        if match:
            if last is None:
                top.start = number
            last = match.group(1).strip()
            top.fields[last] = (match.group(2) or "").strip()
            top.end = number + 1
        elif last is not None and line[:1] in (" ", "\t") and line.strip():
            top.fields[last] = f"{top.fields[last]} {line.strip()}".strip()
            top.end = number + 1
        elif line.strip() or last is not None:
            break
    return top


def _after_title(lines: list[str]) -> int | None:
    """The line after the document's title (comments and targets before it skipped)."""
    at = 0
    while at < len(lines) and (not lines[at].strip() or _COMMENT.match(lines[at])):
        at += 1
        while at < len(lines) and lines[at][:1] in (" ", "\t"):
            at += 1  # a comment's indented lines
    text = lines[at : at + 3]
    if len(text) == 3 and _ADORNMENT.match(text[0]) and text[1].strip() and text[2] == text[0]:
        return at + 3
    if len(text) >= 2 and text[0].strip() and _ADORNMENT.match(text[1]):
        return at + 2
    return None


def top_fields(lines: list[str]) -> TopFields:
    """The docinfo fields, where the extension reads them (top, or after the title)."""
    top = _fields_at(lines, 0)
    if top.fields:
        return top
    after = _after_title(lines)
    found = _fields_at(lines, after) if after is not None else top
    return found if found.fields else TopFields()


@dataclass
class PostResult:
    """What became of one post."""

    converted: Converted
    notes: list[str] = field(default_factory=list)


def convert_rst(text: str, docname: str, site: Site) -> tuple[str, PostResult | None]:
    """``text`` with its ABlog post metadata as docinfo fields, or unchanged (None)."""
    lines = text.splitlines()
    posts = find_directives(lines, "post")
    top = top_fields(lines)
    own = "blogpost" in top.fields and flag(top.fields["blogpost"])
    if not posts and not own and docname not in site.pattern_posts:
        return text, None
    if posts:
        first = posts[0]
        excerpt = "\n".join(first.content)
        result = PostResult(convert(first.options, first.argument, site, excerpt))
        result.notes += _more_posts(posts[1:])
        _unknown_options(result, first)
        for post in reversed(posts):
            _remove_post(lines, post)
    else:
        options = {k: v for k, v in top.fields.items() if k in POST_OPTIONS}
        result = PostResult(convert(options, top.fields.get("date"), site))
    top = top_fields(lines)  # again: the post directives are gone
    kept = {k: v for k, v in top.fields.items() if k not in ABLOG_KEYS}
    fields = rst_fields(result.converted.fields, kept)
    if top.fields and top.start > 0:  # after the title: they stay there
        lines[top.start : top.end] = fields
        return "\n".join(lines) + "\n", result
    rest = lines[top.end :]
    while rest and not rest[0].strip():
        rest.pop(0)
    return "\n".join([*fields, "", *rest]) + "\n", result


def rst_fields(values: dict[str, Any], kept: dict[str, str]) -> list[str]:
    """Docinfo lines: the article's fields, then the document's other fields."""
    out = []
    for key, value in values.items():
        if isinstance(value, bool):
            out.append(rst_field(key, "" if key == "orphan" else str(value).lower()))
        elif isinstance(value, list):
            out.append(rst_field(key, rst_list(value)))
        else:
            out.append(rst_field(key, str(value)))
    out += [rst_field(k, v) for k, v in kept.items() if k not in values]
    return out


def _remove_post(lines: list[str], post: Directive) -> None:
    keep = [] if "exclude" in post.options and flag(post.options["exclude"]) else post.content
    lines[post.start : post.end] = [f"{post.indent}{line}".rstrip() for line in keep]
    at = post.start + len(keep)
    while at < len(lines) and not lines[at].strip() and (at == 0 or not lines[at - 1].strip()):
        del lines[at]


def _more_posts(others: list[Directive]) -> list[str]:
    notes = []
    for post in others:
        options = ", ".join(f":{k}:" for k in post.options) or "no options"
        notes.append(
            f"another post directive (line {post.start + 1}, {post.argument or 'undated'}; "
            f"{options}): a document is one article, so this section post was dropped "
            "(its text stays)"
        )
    return notes


def _unknown_options(result: PostResult, post: Directive) -> None:
    for key in post.options:
        if key not in POST_OPTIONS:
            result.converted.dropped.append(f":{key}: is not an ABlog post option: dropped")

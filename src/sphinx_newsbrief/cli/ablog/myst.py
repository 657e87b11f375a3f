"""ABlog posts in MyST: ``blogpost: true`` front matter, or a ``{post}`` directive.

The post's metadata becomes front-matter keys (DESIGN "Articles"). Only the
keys that change are rewritten: other keys, their formatting and comments in
the front matter stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from ...frontmatter import front_matter_span, load_yaml
from ...frontmatter.loader import StringDateLoader
from ..new import dump_front_matter
from .options import ABLOG_KEYS, POST_OPTIONS, convert, flag
from .rst import PostResult
from .site import Site

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,}|:{3,})[ \t]*(.*)$")
_OPTION = re.compile(r"^:([^:\s][^:]*?):(?:[ \t]+(.*))?$")


@dataclass
class Fence:
    """A fenced MyST directive, lines ``start`` to ``end`` (exclusive, closing fence included)."""

    start: int
    end: int
    indent: str
    marker: str
    argument: str
    options: dict[str, Any] = field(default_factory=dict)
    content: list[str] = field(default_factory=list)
    #: Lines ``start + 1`` to ``body`` hold the options (``:key: value`` or a YAML block).
    body: int = 0


def _closing(lines: list[str], start: int, marker: str) -> int:
    """The line of the fence closing the one opened at ``start`` (or the last line)."""
    close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
    for number in range(start + 1, len(lines)):
        if close.match(lines[number]):
            return number
    return len(lines) - 1


def code_lines(lines: list[str]) -> set[int]:
    """Lines of fenced code blocks (not directives): never converted."""
    code: set[int] = set()
    directives: list[str] = []  # markers of the directive fences open here
    number = 0
    while number < len(lines):
        match = _FENCE.match(lines[number])
        if match:
            marker, info = match.group(2), match.group(3).strip()
            if directives and _closes(marker, info, directives[-1]):
                directives.pop()
            elif info.startswith("{"):
                directives.append(marker)
            else:
                end = _closing(lines, number, marker)
                code.update(range(number, end + 1))
                number = end
        number += 1
    return code


def _closes(marker: str, info: str, opened: str) -> bool:
    return not info and marker[0] == opened[0] and len(marker) >= len(opened)


def find_fences(lines: list[str], name: str, skip: set[int] | None = None) -> list[Fence]:
    """Every ``{name}`` directive fence outside code blocks, in order."""
    skip = code_lines(lines) if skip is None else skip
    found = []
    for number, line in enumerate(lines):
        match = _FENCE.match(line) if number not in skip else None
        info = match.group(3) if match else ""
        if match and re.match(rf"\{{{re.escape(name)}\}}(?:[ \t]|$)", info):
            end = _closing(lines, number, match.group(2))
            fence = Fence(number, end + 1, match.group(1), match.group(2), "")
            fence.argument = info[len(name) + 2 :].strip()
            _options(fence, lines[number + 1 : end])
            found.append(fence)
    return found


def _options(fence: Fence, inner: list[str]) -> None:
    margin = len(fence.indent)
    inner = [line[margin:] if line[:margin].isspace() else line.lstrip() for line in inner]
    used = 0
    if inner and inner[0].strip() == "---":
        close = next((n for n in range(1, len(inner)) if inner[n].strip() == "---"), None)
        if close is not None:
            data = load_yaml("\n".join(inner[1:close])).data
            fence.options = dict(data) if isinstance(data, dict) else {}
            used = close + 1
    else:
        while used < len(inner) and _OPTION.match(inner[used]):
            match = _OPTION.match(inner[used])
            assert match is not None
            fence.options[match.group(1).strip()] = (match.group(2) or "").strip() or None
            used += 1
    fence.body = fence.start + 1 + used
    content = inner[used:]
    while content and not content[0].strip():
        content.pop(0)
    fence.content = content


@dataclass
class Entry:
    """One top-level front-matter key: its value and its lines in the block."""

    key: str
    value: Any
    start: int
    end: int


def front_matter_entries(block: str) -> list[Entry] | None:
    """The keys of a front-matter block, or None when it is not a YAML mapping."""
    loader = StringDateLoader(block)
    try:
        root = loader.get_single_node()
        if root is None:
            return []
        if not isinstance(root, yaml.MappingNode):
            return None
        entries = []
        for key, value in root.value:
            end = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)
            data = loader.construct_object(value, deep=True)
            entries.append(Entry(str(key.value), data, key.start_mark.line, end))
        return entries
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()


def convert_myst(text: str, docname: str, site: Site) -> tuple[str, PostResult | None]:
    """``text`` with its ABlog post metadata as front matter, or unchanged (None)."""
    span = front_matter_span(text)
    block = text[span[0] : span[1]] if span else ""
    entries = front_matter_entries(block) if span else []
    if entries is None:
        if re.search(r"^blogpost[ \t]*:", block, re.M):
            result = PostResult(convert({}, None, site))
            result.notes.append("front matter is not valid YAML: the post was left as it is")
            return text, result
        return text, None
    body_start = text.find("\n", span[1]) + 1 if span else 0
    body = text[body_start:].splitlines()
    front = {e.key: e.value for e in entries}
    posts = find_fences(body, "post")
    own = "blogpost" in front and flag(front["blogpost"])
    if not posts and not own and docname not in site.pattern_posts:
        return text, None
    if posts:
        first = posts[0]
        excerpt = "\n".join(first.content)
        result = PostResult(convert(first.options, first.argument, site, excerpt))
        for post in reversed(posts):
            _remove_fence(body, post)
        if len(posts) > 1:
            result.notes.append(f"{len(posts) - 1} more {{post}} directive(s): dropped")
    else:
        options = {k: v for k, v in front.items() if k in POST_OPTIONS}
        result = PostResult(convert(options, front.get("date"), site))
    fields = result.converted.fields
    new_block = _rewrite_block(block, entries, fields)
    return f"---\n{new_block}---\n" + "\n".join(body) + "\n", result


def _remove_fence(body: list[str], post: Fence) -> None:
    excluded = "exclude" in post.options and flag(post.options["exclude"])
    keep = [] if excluded else [f"{post.indent}{line}".rstrip() for line in post.content]
    body[post.start : post.end] = keep
    at = post.start + len(keep)
    while at < len(body) and not body[at].strip() and (at == 0 or not body[at - 1].strip()):
        del body[at]


def yaml_value(key: str, value: Any) -> Any:
    """A value as it should be dumped: ISO dates as YAML dates (written unquoted)."""
    if key in ("date", "updated") and isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _rewrite_block(block: str, entries: list[Entry], fields: dict[str, Any]) -> str:
    """The front matter with ABlog's keys replaced by ``fields``; other lines kept."""
    lines = block.splitlines()
    dumped = dump_front_matter({k: yaml_value(k, v) for k, v in fields.items()}).splitlines()
    gone = [e for e in entries if e.key in ABLOG_KEYS or e.key in fields]
    at = gone[0].start if gone else len(lines)
    for entry in reversed(gone):
        del lines[entry.start : max(entry.end, entry.start + 1)]
    lines[at:at] = dumped
    return "".join(f"{line}\n" for line in lines)

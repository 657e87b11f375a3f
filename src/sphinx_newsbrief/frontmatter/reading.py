"""Reading the metadata block of a source: Markdown, reStructuredText or a notebook.

Each key is kept with its raw value and its 1-based line (:class:`Field`), and
every problem with its line (:class:`Problem`). Front matter that MyST would
reject as a whole is rewritten so that only the bad values are lost
(:func:`sanitised_front_matter`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .loader import NODE_BUDGET, StringDateLoader, expansion

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)
_RST_FIELD_RE = re.compile(r"^:([^:\s][^:]*?):(?:[ \t]+(.*))?$")
#: Characters YAML does not allow in a stream (PyYAML's ``Reader.NON_PRINTABLE``).
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What must be escaped when re-emitting: the above, and what YAML reads as a line break.
_ESCAPE_IN_YAML = re.compile(_NON_PRINTABLE.pattern + "|[\x85\u2028\u2029]")


@dataclass
class Field:
    """One metadata key as written: its raw value and 1-based line."""

    key: str
    value: Any
    line: int


@dataclass
class Problem:
    """Something wrong with the metadata, at a 1-based line."""

    line: int
    message: str


@dataclass
class RawMetadata:
    """The metadata block of one source file."""

    fields: dict[str, Field] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: 1-based line of the block (the opening ``---`` in Markdown).
    line: int = 1
    #: "markdown" or "rst": decides how plain strings are split into lists.
    syntax: str = "markdown"
    #: Top-level keys seen in a block that failed to parse, with their lines.
    broken_keys: dict[str, int] = field(default_factory=dict)
    #: Other tools write their own keys here (notebook metadata): only keys that
    #: look like misspelt article keys are reported as unknown.
    open_keys: bool = False

    def has_key(self, key: str) -> bool:
        return key in self.fields or key in self.broken_keys


def front_matter_span(text: str) -> tuple[int, int] | None:
    """Return ``(start, end)`` offsets of the YAML between the ``---`` fences."""
    match = _FRONT_MATTER_RE.match(text)
    return (match.start(1), match.end(1)) if match else None


def read_markdown(text: str) -> RawMetadata:
    """Read the YAML front matter of a MyST document (empty if there is none)."""
    raw = RawMetadata(syntax="markdown")
    span = front_matter_span(text)
    if span is None:
        return raw
    offset = 2  # YAML line 0 is the file's line 2
    block = _without_control_characters(raw, text[span[0] : span[1]], offset)
    loader: StringDateLoader | None = None
    try:
        loader = StringDateLoader(block)
        root = loader.get_single_node()
        if root is None:
            return raw
        if not isinstance(root, yaml.MappingNode):
            raw.problems.append(Problem(1, "front matter is not a mapping of keys to values"))
            return raw
        _construct_fields(raw, loader, root, offset)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + offset if mark else 1
        raw.problems.append(Problem(line, f"malformed YAML front matter: {err.problem}"))
        _keep_keys(raw, block, offset)
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        raw.problems.append(Problem(1, f"malformed YAML front matter: {err}"))
        _keep_keys(raw, block, offset)
    finally:
        if loader is not None:
            loader.dispose()
    return raw


def _construct_fields(
    raw: RawMetadata, loader: StringDateLoader, root: yaml.MappingNode, offset: int
) -> None:
    """Build each key's value, refusing values whose aliases repeat too much.

    Values written out are all kept (the size of the text bounds them); what
    aliases (``*name``) repeat counts against :data:`NODE_BUDGET` for the
    whole front matter, so a few lines cannot expand to millions of values.
    """
    spent = 0
    seen: set[int] = set()
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raw.problems.append(Problem(line, "front-matter key is not plain text"))
            continue
        size = expansion(value_node, NODE_BUDGET - spent, seen)
        if spent + size > NODE_BUDGET:
            raw.problems.append(
                Problem(
                    line,
                    f"value of {key_node.value!r} left out: its YAML aliases (*name) repeat "
                    f"more than {NODE_BUDGET - spent} values; write the values out",
                )
            )
            continue
        spent += size
        value = loader.construct_object(value_node, deep=True)
        key = str(key_node.value)
        (key, value), named = _strip_control_characters([key, value])
        if named:
            raw.problems.append(Problem(line, f"control character {named} in {key!r} removed"))
        if key in raw.fields:
            first = raw.fields.pop(key).line
            twice = f"{key!r} is given twice (lines {first} and {line}); the last is used"
            raw.problems.append(Problem(line, twice))
        if key in _NAME_KEYS and _blank(value):
            # docutils would fail on an empty bibliographic field, at line 0
            raw.problems.append(Problem(line, f"{key!r} is empty; give a name or leave it out"))
            continue
        raw.fields[key] = Field(key, value, line)


def _control_characters(text: str) -> str:
    """The control characters of ``text``, named (``U+007F``), each once."""
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in _NON_PRINTABLE.findall(text))
    return ", ".join(found)


def _without_control_characters(raw: RawMetadata, block: str, offset: int) -> str:
    """``block`` without the characters YAML refuses, each line that had one reported.

    PyYAML (and so MyST) rejects the whole front matter for one such character.
    """
    if not _NON_PRINTABLE.search(block):
        return block
    lines = block.split("\n")
    for number, line in enumerate(lines):
        named = _control_characters(line)
        if named:
            raw.problems.append(
                Problem(
                    number + offset,
                    f"control character {named} in the front matter removed (YAML allows "
                    "no control characters other than tab and line breaks)",
                )
            )
            lines[number] = _NON_PRINTABLE.sub("", line)
    return "\n".join(lines)


def _strip_control_characters(value: Any) -> tuple[Any, str]:
    """``value`` without control characters in its strings (written as YAML escapes
    such as ``"\\x7f"``), and the characters removed."""
    if isinstance(value, str):
        return _NON_PRINTABLE.sub("", value), _control_characters(value)
    if isinstance(value, list):
        pairs = [_strip_control_characters(item) for item in value]
        return [item for item, _ in pairs], ", ".join(dict.fromkeys(n for _, n in pairs if n))
    if isinstance(value, dict):
        pairs = [_strip_control_characters([key, item]) for key, item in value.items()]
        return dict(pair for pair, _ in pairs), ", ".join(dict.fromkeys(n for _, n in pairs if n))
    return value, ""


#: Keys docutils reads as bibliographic fields of names: empty, they stop its DocInfo.
_NAME_KEYS = ("authors", "author")


def _blank(value: Any) -> bool:
    """Whether a name field holds no name: nothing, white space, or a list of those."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    return False


def _keep_keys(raw: RawMetadata, block: str, offset: int) -> None:
    """After a parse failure, remember which top-level keys the block had."""
    raw.fields.clear()
    for lineno, line in enumerate(block.splitlines()):
        match = re.match(r"([A-Za-z_][\w-]*)[ \t]*:", line)
        if match:
            raw.broken_keys.setdefault(match.group(1), lineno + offset)


def read_notebook(text: str) -> RawMetadata:
    """Read the metadata of a Jupyter notebook (``.ipynb`` JSON text).

    Its top-level ``metadata`` object is the notebook's front matter (MyST-NB
    renders it as such). Each key gets the line where it is written in the
    JSON; a notebook that is not valid JSON is left to MyST-NB to report.
    """
    raw = RawMetadata(syntax="markdown", open_keys=True)
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError):
        return raw
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    if not isinstance(metadata, dict):
        return raw
    lines = text.splitlines()
    raw.line = _top_level_line(lines, "metadata", 0)
    for key, value in metadata.items():
        line = _top_level_line(lines, str(key), raw.line - 1)
        raw.fields[str(key)] = Field(str(key), value, line)
    return raw


def _top_level_line(lines: list[str], key: str, start: int) -> int:
    """1-based line of the least indented ``"key":`` at or after ``start`` (0-based)."""
    pattern = re.compile(r'^(\s*)"' + re.escape(key) + r'"\s*:')
    best: tuple[int, int] | None = None
    for number in range(start, len(lines)):
        match = pattern.match(lines[number])
        if match and (best is None or len(match.group(1)) < best[0]):
            best = (len(match.group(1)), number + 1)
    return best[1] if best else max(start + 1, 1)


_RST_ADORNMENT_RE = re.compile(r"""^([!-/:-@\[-`{-~])\1+\s*$""")


def _after_title(lines: list[str]) -> int:
    """Index of the first line after a section title at the top of ``lines`` (0 if none).

    docutils reads a field list right after the document title as its docinfo
    too (as ABlog posts and many rST projects write it).
    """
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    rest = lines[index : index + 3]
    overlined = (
        len(rest) >= 3
        and _RST_ADORNMENT_RE.match(rest[0])
        and _RST_ADORNMENT_RE.match(rest[2])
        and rest[1].strip()
        and rest[0].strip()[0] == rest[2].strip()[0]
    )
    if overlined:
        return index + 3
    underlined = (
        len(rest) >= 2
        and rest[0].strip()
        and not rest[0][:1].isspace()
        and _RST_ADORNMENT_RE.match(rest[1])
        and len(rest[1].rstrip()) >= len(rest[0].rstrip())
    )
    return index + 2 if underlined else 0


def read_rst(text: str) -> RawMetadata:
    """Read the field list at the top of a reStructuredText document (or right after
    its title)."""
    raw = RawMetadata(syntax="rst")
    current: Field | None = None
    lines = text.splitlines()
    start = _after_title(lines) if not _RST_FIELD_RE.match(lines[0] if lines else "") else 0
    for lineno, line in enumerate(lines[start:], start=start + 1):
        match = _RST_FIELD_RE.match(line)
        if match:
            current = Field(match.group(1).strip(), (match.group(2) or "").strip(), lineno)
            raw.fields[current.key] = current
        elif current is not None and line[:1] in (" ", "\t") and line.strip():
            current.value = f"{current.value} {line.strip()}".strip()
        elif not line.strip() and current is None:
            continue
        else:
            break
    if raw.fields:
        raw.line = min(f.line for f in raw.fields.values())
    return raw


#: A field value docutils reads as no paragraph but an error alone: a transition or
#: section adornment (4+ of one punctuation mark), or explicit markup (``.. raw:: html``
#: without content).
_TRANSITION_RE = re.compile(r"""^(?:([!-/:-@\[-`{-~])\1{3,}\s*$|\.\.(?:\s|$))""")


def escaped_rst_fields(text: str, raw: RawMetadata) -> str | None:
    """``text`` with field values that look like a transition escaped, or None if none do.

    docutils fails with an ``IndexError`` on a bibliographic field whose body is
    only ``----``, ``{{{{`` or ``.. raw:: html`` (the body becomes an error message,
    no paragraph).
    A backslash before the value makes it text; lines keep their numbers.
    """
    if not raw.fields:
        return None
    lines = text.splitlines(keepends=True)
    last = max(field.line for field in raw.fields.values())
    changed = False
    for index in range(raw.line - 1, min(last + 20, len(lines))):
        line = lines[index]
        match = _RST_FIELD_RE.match(line.rstrip("\r\n"))
        value_start = match.start(2) if match and match.group(2) else None
        if value_start is None and not match and line[:1] in (" ", "\t"):
            value_start = len(line) - len(line.lstrip(" \t"))
        if value_start is not None and _TRANSITION_RE.match(line[value_start:]):
            lines[index] = line[:value_start] + "\\" + line[value_start:]
            changed = True
    return "".join(lines) if changed else None


_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})")
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
#: Characters that MyST would read as markup in a heading made from the title.
_MARKUP_RE = re.compile(r"[\\`*_\[\]{}<>#&$~\n]")


def first_heading_level(body: str) -> int | None:
    """Level of the first ATX heading of a Markdown body, outside fenced blocks."""
    fence = ""
    for line in body.splitlines():
        match = _FENCE_RE.match(line)
        if match:
            mark = match.group(1)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :]:
                fence = ""
            continue
        heading = _ATX_RE.match(line)
        if heading and not fence:
            return len(heading.group(1))
    return None


def needs_title_heading(text: str, raw: RawMetadata) -> bool:
    """Whether MyST should make the front-matter ``title`` the page's heading.

    True when the title is plain text and the body does not start its
    headings at ``#`` (only ``##`` headings, or none): MyST's own
    ``title_to_header`` then nests those headings under the title, and does
    not warn that the document's headings start at H2.
    """
    title = raw.fields.get("title")
    if title is None or not isinstance(title.value, str) or not title.value.strip():
        return False
    if _MARKUP_RE.search(title.value):
        return False
    myst = raw.fields.get("myst")
    if myst is not None and (not isinstance(myst.value, dict) or "title_to_header" in myst.value):
        return False
    span = front_matter_span(text)
    if span is None:
        return False
    closing = text.find("\n", span[1])
    body = text[closing + 1 :] if closing >= 0 else ""
    return first_heading_level(body) != 1


def sanitised_front_matter(
    text: str,
    raw: RawMetadata,
    *,
    force: bool = False,
    myst: dict[str, Any] | None = None,
    dates_as_text: bool = False,
) -> str | None:
    """Return ``text`` with front matter MyST can load, or None if it already can.

    PyYAML turns ``date: 2025-13-45`` into an invalid date and MyST then drops
    the whole front matter. When that would happen, the block is rewritten as
    JSON (valid YAML) of the values read here, with dates kept as strings and
    invalid or oversized values left out, on the same number of lines so that
    line numbers in the rest of the document do not move. ``force`` rewrites
    even when PyYAML would succeed (used when a value was left out); ``myst``
    adds MyST settings for this file (the ``myst`` key), and forces a rewrite.
    ``dates_as_text`` rewrites whenever a value looks like a date: MyST-NB
    loads text notebooks' front matter with PyYAML and then fails to save a
    ``date`` object in the notebook's JSON.
    """
    span = front_matter_span(text)
    if span is None:
        return None
    block = text[span[0] : span[1]]
    breaks = _looks_like_date if dates_as_text else _breaks_pyyaml
    if not force and not myst and not any(breaks(v) for v in _strings(raw)):
        return None
    data = {k: f.value for k, f in raw.fields.items()}
    if myst:
        own = data.get("myst")
        data["myst"] = {**(own if isinstance(own, dict) else {}), **myst}
    dumped = _ESCAPE_IN_YAML.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, default=str)
    )
    lines = block.count("\n")
    return text[: span[0]] + dumped + "\n" * max(lines, 1) + text[span[1] :]


_TIMESTAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")


def _strings(raw: RawMetadata) -> list[str]:
    """Every string value in the metadata, nested ones included."""
    out: list[str] = []
    stack: list[Any] = [f.value for f in raw.fields.values()]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return out


def _looks_like_date(value: str) -> bool:
    return bool(_TIMESTAMP.match(value))


def _breaks_pyyaml(value: str) -> bool:
    """Whether PyYAML's own loader (used by MyST) fails on this plain scalar.

    The only values it rejects that this module accepts are date-like ones
    that are not real dates, such as ``2025-13-45``.
    """
    if not _TIMESTAMP.match(value):
        return False
    try:
        yaml.safe_load(value)
    except (yaml.YAMLError, ValueError, OverflowError):
        return True
    return False

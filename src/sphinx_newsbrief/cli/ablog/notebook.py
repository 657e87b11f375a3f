"""ABlog posts in Jupyter notebooks.

Two forms: notebook metadata with ``blogpost: true`` (read as front matter by
MyST-NB), and nbsphinx's raw reStructuredText cell holding a ``.. post::``
directive. Either way the post's metadata becomes top-level notebook
metadata, where the extension reads a notebook's front matter. Only the
JSON values that change (``metadata``, and ``cells`` when a raw cell changed)
are written again, in the notebook's own indentation; the rest of the file
stays byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

from .options import ABLOG_KEYS, POST_OPTIONS, convert, flag
from .rst import PostResult, find_directives
from .site import Site

_DECODER = json.JSONDecoder()


def convert_notebook(text: str, docname: str, site: Site) -> tuple[str, PostResult | None]:
    """``text`` (a notebook) with its ABlog post metadata as notebook metadata."""
    notebook = json.loads(text)
    if not isinstance(notebook, dict):
        return text, None
    metadata = notebook.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    cells = notebook.get("cells")
    cells = cells if isinstance(cells, list) else []
    found = _raw_post(cells)
    own = "blogpost" in metadata and flag(metadata["blogpost"])
    if found is None and not own and docname not in site.pattern_posts:
        return text, None
    changes: dict[str, Any] = {}
    if found is not None:
        index, options, argument, rest = found
        result = PostResult(convert(options, argument, site))
        new_cells = list(cells)
        if rest.strip():
            new_cells[index] = {**cells[index], "source": _source(rest)}
        else:
            del new_cells[index]
            result.converted.converted.append("the raw cell that held the post was removed")
        changes["cells"] = new_cells
    else:
        options = {k: v for k, v in metadata.items() if k in POST_OPTIONS}
        result = PostResult(convert(options, metadata.get("date"), site))
    kept = {k: v for k, v in metadata.items() if k not in ABLOG_KEYS}
    changes["metadata"] = {**result.converted.fields, **kept}
    if list(metadata) == sorted(metadata):  # Jupyter writes keys sorted
        changes["metadata"] = dict(sorted(changes["metadata"].items()))
    return splice(text, changes), result


def _raw_post(cells: list[Any]) -> tuple[int, dict[str, Any], str, str] | None:
    """The raw cell with a ``.. post::`` directive: index, options, date, the cell without it."""
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "raw":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        lines = source.splitlines()
        posts = find_directives(lines, "post")
        if posts:
            post = posts[0]
            rest = lines[: post.start] + lines[post.end :]
            return index, post.options, post.argument, "\n".join(rest).strip("\n")
    return None


def _source(text: str) -> list[str]:
    """Cell source as Jupyter writes it: a list of lines, each but the last ending in \\n."""
    lines = text.splitlines(keepends=True)
    return lines or [""]


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def top_level_spans(text: str) -> dict[str, tuple[int, int, int]]:
    """Each top-level key's value: (start, end) offsets and the key's indentation."""
    at = _skip(text, 0)
    if text[at : at + 1] != "{":
        raise ValueError("a notebook is a JSON object")
    spans = {}
    at = _skip(text, at + 1)
    while at < len(text) and text[at] != "}":
        key_at = at
        key, at = _DECODER.raw_decode(text, at)
        at = _skip(text, at)
        if text[at : at + 1] != ":":
            raise ValueError("malformed notebook JSON")
        start = _skip(text, at + 1)
        _, end = _DECODER.raw_decode(text, start)
        line_start = text.rfind("\n", 0, key_at) + 1
        spans[str(key)] = (start, end, key_at - line_start)
        at = _skip(text, end)
        if text[at : at + 1] == ",":
            at = _skip(text, at + 1)
    return spans


def splice(text: str, changes: dict[str, Any]) -> str:
    """``text`` with the values of top-level keys replaced, each in the file's indentation.

    A key that is not in the notebook yet (no metadata at all) makes the whole
    notebook written again, as Jupyter writes it.
    """
    spans = top_level_spans(text)
    if any(key not in spans for key in changes):
        return json.dumps({**json.loads(text), **changes}, indent=1, ensure_ascii=False) + "\n"
    for key in sorted(changes, key=lambda k: -spans[k][0]):
        start, end, indent = spans[key]
        if indent:
            dumped = json.dumps(changes[key], indent=indent, ensure_ascii=False)
            dumped = dumped.replace("\n", "\n" + " " * indent)
        else:
            dumped = json.dumps(changes[key], ensure_ascii=False)
        text = text[:start] + dumped + text[end:]
    return text

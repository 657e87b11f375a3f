"""Automatic excerpts: an article's first paragraph, with its inline markup.

An article without a ``summary`` is shown in listings, feeds and page
metadata by an excerpt: the first paragraph of its body (directly in a
section, not in the header, a box, a list or a table), cut at
``newsbrief_excerpt_words`` words. It is kept as a tuple of
:class:`.records.Segment` (text, emphasis, strong, inline code, external
links), read once when the article is read, and rendered by each output: as
docutils nodes in ``{briefs}`` listings, as HTML on generated pages, as text
in feeds and metadata. A leaf module: features use it, it uses no feature.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape

from docutils import nodes

from .records import Segment

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
#: Inline node classes kept as markup; everything else is shown as its text.
_KINDS: tuple[tuple[type[nodes.Node], str], ...] = (
    (nodes.emphasis, "emphasis"),
    (nodes.strong, "strong"),
    (nodes.literal, "literal"),
)
#: Nodes whose text is not part of what a reader sees in the paragraph.
_SKIPPED = (
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.target,
    nodes.raw,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
)
#: The class of decorative icons (a claim's status icon): not text.
_DECORATIVE = "nb-icon"
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_SPACE = re.compile(r"\s+")


def first_paragraph(document: nodes.Node) -> nodes.paragraph | None:
    """The first paragraph directly in a section or the document that has text."""
    for paragraph in document.findall(nodes.paragraph):
        if (
            isinstance(paragraph.parent, (nodes.section, nodes.document))
            and paragraph.astext().strip()
        ):
            return paragraph
    return None


def excerpt_of(document: nodes.Node, words: int) -> tuple[Segment, ...]:
    """The excerpt of ``document``: its first paragraph, at most ``words`` words."""
    paragraph = first_paragraph(document)
    if paragraph is None:
        return ()
    return cut(merge(_segments(paragraph, "text", "")), max(1, words))


def _segments(node: nodes.Node, kind: str, uri: str) -> Iterator[Segment]:
    """The runs of text under ``node``; the outermost markup wins."""
    for child in node.children:
        if isinstance(child, _SKIPPED) or (
            isinstance(child, nodes.Element) and _DECORATIVE in child["classes"]
        ):
            continue
        if isinstance(child, nodes.Text):
            yield Segment(kind, str(child), uri if kind == "link" else "")
            continue
        child_kind, child_uri = kind, uri
        if kind == "text":
            for cls, name in _KINDS:
                if isinstance(child, cls):
                    child_kind = name
            refuri = str(child.get("refuri", "")) if isinstance(child, nodes.reference) else ""
            if refuri.startswith(_SAFE_SCHEMES):
                child_kind, child_uri = "link", refuri
        yield from _segments(child, child_kind, child_uri)


def merge(segments: Iterable[Segment]) -> list[Segment]:
    """Neighbouring runs of the same markup joined, whitespace folded to single spaces."""
    merged: list[Segment] = []
    for segment in segments:
        text = _SPACE.sub(" ", segment.text)
        if (not merged or merged[-1].text.endswith(" ")) and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        last = merged[-1] if merged else None
        if last is not None and (last.kind, last.uri) == (segment.kind, segment.uri):
            merged[-1] = Segment(last.kind, last.text + text, last.uri)
        else:
            merged.append(Segment(segment.kind, text, segment.uri))
    if merged and merged[-1].text.endswith(" "):
        last = merged.pop()
        if last.text.strip():
            merged.append(Segment(last.kind, last.text.rstrip(), last.uri))
    return merged


def cut(segments: list[Segment], words: int) -> tuple[Segment, ...]:
    """``segments`` cut after ``words`` words, ending with an ellipsis when cut."""
    kept: list[Segment] = []
    left = words
    for index, segment in enumerate(segments):
        parts = segment.text.split(" ")
        count = sum(1 for p in parts if p)
        if count <= left:
            kept.append(segment)
            left -= count
            rest = any(s.text.strip() for s in segments[index + 1 :])
            if left == 0 and rest:
                break
            continue
        taken: list[str] = []
        for part in parts:
            if part:
                if left == 0:
                    break
                left -= 1
            taken.append(part)
        kept.append(Segment(segment.kind, " ".join(taken).rstrip(), segment.uri))
        break
    else:
        return tuple(kept)
    last = kept[-1]
    ending = last.text.rstrip().rstrip(",;:")
    kept[-1] = Segment(last.kind, ending, last.uri)
    return (*kept, Segment("text", " " + ELLIPSIS))


def to_nodes(segments: Iterable[Segment]) -> list[nodes.Node]:
    """The segments as inline docutils nodes (every builder)."""
    out: list[nodes.Node] = []
    for segment in segments:
        if segment.kind == "link":
            out.append(nodes.reference(segment.text, segment.text, refuri=segment.uri))
        elif segment.kind == "emphasis":
            out.append(nodes.emphasis(segment.text, segment.text))
        elif segment.kind == "strong":
            out.append(nodes.strong(segment.text, segment.text))
        elif segment.kind == "literal":
            out.append(nodes.literal(segment.text, segment.text))
        else:
            out.append(nodes.Text(segment.text))
    return out


_HTML_TAGS = {"emphasis": "em", "strong": "strong", "literal": "code"}


def to_html(segments: Iterable[Segment]) -> str:
    """The segments as HTML, every text escaped."""
    parts: list[str] = []
    for segment in segments:
        text = escape(segment.text, quote=False)
        if segment.kind == "link":
            parts.append(f'<a class="reference external" href="{escape(segment.uri)}">{text}</a>')
        elif segment.kind in _HTML_TAGS:
            tag = _HTML_TAGS[segment.kind]
            extra = ' class="docutils literal notranslate"' if tag == "code" else ""
            parts.append(f"<{tag}{extra}>{text}</{tag}>")
        else:
            parts.append(text)
    return "".join(parts)

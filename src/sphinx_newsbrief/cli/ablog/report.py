"""The import report: per post what was converted and what had no place to go,
then listings and updates, references, ``conf.py`` and what was not copied.

It is printed and written to ``newsbrief-import-report.txt`` in the converted
site: a ``.txt`` file, so Sphinx never reads it as a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .confpy import ConfReport
from .directives import Change
from .refs import RefResult
from .rst import PostResult

FILE_NAME = "newsbrief-import-report.txt"


@dataclass
class FileReport:
    """What happened in one source file."""

    path: str
    post: PostResult | None = None
    directives: list[Change] = field(default_factory=list)
    refs: RefResult = field(default_factory=RefResult)
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    src: Path
    dst: Path
    files: list[FileReport] = field(default_factory=list)
    conf: ConfReport = field(default_factory=ConfReport)
    not_copied: list[str] = field(default_factory=list)

    def posts(self) -> list[FileReport]:
        return [f for f in self.files if f.post is not None]

    def left_refs(self) -> list[tuple[str, int, str, str]]:
        """References left as written: (path, line, label, reason)."""
        return [(f.path, *item) for f in self.files for item in f.refs.left]


def _heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]


def render(report: Report) -> str:
    """The report as plain text."""
    title = "newsbrief import-ablog report"
    lines = [
        title,
        "=" * len(title),
        f"ABlog site:     {report.src}",
        f"Converted copy: {report.dst}",
    ]
    lines += _posts(report)
    lines += _directives(report)
    lines += _refs(report)
    lines += _conf(report.conf)
    notes = [(f.path, n) for f in report.files for n in f.notes]
    if notes or report.not_copied:
        lines += _heading("Other files")
        lines += [f"{path}: {note}" for path, note in notes]
        lines += [
            f"{name}: not copied (build output or version control)" for name in report.not_copied
        ]
    return "\n".join(lines) + "\n"


def _posts(report: Report) -> list[str]:
    posts = report.posts()
    lines = _heading(f"Posts ({len(posts)})")
    lines.append("Categories became tags: sphinx-newsbrief has tags only.")
    for file in posts:
        assert file.post is not None
        converted = file.post.converted
        lines += ["", file.path, "  converted:"]
        lines += [f"    - {item}" for item in converted.converted] or ["    (nothing)"]
        dropped = converted.dropped + file.post.notes
        if dropped:
            lines.append("  no place to go:")
            lines += [f"    - {item}" for item in dropped]
    return lines


def _directives(report: Report) -> list[str]:
    changes = [(f.path, c) for f in report.files for c in f.directives]
    if not changes:
        return []
    lines = _heading("Listings and updates")
    for path, change in changes:
        lines.append(f"{path}:{change.line}: {change.what}")
        lines += [f"    no place to go: {item}" for item in change.dropped]
    return lines


def _refs(report: Report) -> list[str]:
    converted = [(f.path, *item) for f in report.files for item in f.refs.converted]
    left = report.left_refs()
    if not converted and not left:
        return []
    lines = _heading("References to ABlog labels")
    lines.append(f"Converted ({len(converted)}):")
    lines += [f"  {path}:{line}: {old} -> {new}" for path, line, old, new in converted]
    if left:
        lines.append(f"Left as written, no sphinx-newsbrief label ({len(left)}):")
        lines += [f"  {path}:{line}: {label} ({why})" for path, line, label, why in left]
    return lines


def _conf(conf: ConfReport) -> list[str]:
    lines = _heading("conf.py")
    lines += ["Converted:", *(f"  - {item}" for item in conf.converted)]
    if conf.unmapped:
        lines += ["Not mapped:", *(f"  - {item}" for item in conf.unmapped)]
    if conf.ablog_uses:
        lines += ["Still naming ABlog:", *(f"  - {item}" for item in conf.ablog_uses)]
    return lines

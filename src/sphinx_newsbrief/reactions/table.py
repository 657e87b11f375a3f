"""The ``{reactions}`` directive: rows from its body or a data file, as a table.

Each row is checked (a problem warns with the row number and field, and the
row is still shown, marked); the table's valid rows are stored as
:class:`.rows.Reaction` records for the matrix.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes

from .. import frontmatter
from ..domain import note_record
from ..nodes import OutsideHtml, make_date
from ..settings import settings
from ..shared import NewsbriefDirective
from ..util import _, table_group
from ..warnings import allowed, did_you_mean, warn
from .rows import (
    BASES,
    FIELDS,
    REACTION,
    REQUIRED,
    RawRow,
    Reaction,
    RowsError,
    basis_label,
    rows_from_csv,
    rows_from_yaml,
    stances,
)

DEFAULT_COLUMNS = ("actor", "stance", "summary", "source", "date")
SORTS = ("", "actor", "stance", "date")
DATA_SUFFIXES = (".csv", ".yaml", ".yml")
_LEADS_NOWHERE = (
    ":file: %r is a symbolic link that leads nowhere (a loop or a missing target); not read"
)
WARNING_SIGN = "\N{WARNING SIGN}"
#: The class of the invalid-row sign, dropped outside HTML (see :class:`.DropSigns`).
SIGN_CLASS = "nb-warning-sign"
_URL = re.compile(r"^(https?|ftp)://\S+$")


@dataclass
class Row:
    """One row after its checks: stance, basis and date normalised, problems kept."""

    values: dict[str, str]
    stance: str
    basis: str
    date: str
    problems: list[str]
    number: int


class ReactionsDirective(NewsbriefDirective):
    """``{reactions} [caption]``: a table of reactions by actor."""

    subtype = "reactions"
    known_options = ("file", "columns", "sort", "name", "class")
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        columns = self._columns()
        sort = self.choice("sort", SORTS[1:], "actor") if self.options.get("sort") else ""
        try:
            raw_rows = self._read()
        except RowsError as err:
            warn("reactions", f"reactions: {err}", self._where(err.line))
            return self._fallback()
        rows = [self._check(r) for r in raw_rows]
        if not rows:
            self.warn("reactions: no rows; give a YAML list in the body or a :file:")
            return self._fallback()
        if sort:
            rows.sort(key=lambda r: self._sort_key(r, sort))
        if not self.options.get("columns"):  # leave out optional columns nobody filled
            columns = tuple(
                c for c in columns if c in REQUIRED or any(r.values.get(c) for r in rows)
            )
        table = self._table(rows, columns)
        for row in rows:
            if row.problems:
                continue
            key, name = settings(self.env.config).actor(row.values["actor"])
            reaction = Reaction(self.env.docname, name, key, row.stance, row.basis, row.date)
            note_record(table, REACTION, reaction)
        return [table]

    # reading

    #: The data file being read, if any (for warning locations).
    _file = ""

    def _where(self, line: int | None) -> Any:
        """A warning location: the data file's ``path:line`` or the document's line.

        ``None`` is the directive itself, for problems with its options.
        """
        if line is None:
            return self.get_location()
        return f"{self._file}:{line}" if self._file else (self.env.docname, line)

    def _read(self) -> list[RawRow]:
        filename = self.text_option("file")
        if not filename:
            return rows_from_yaml("\n".join(self.content), self._content_line())
        if self.content:
            self.warn("reactions: both :file: and a body given; the body is ignored")
        try:
            full = self._data_path(filename)
        except RuntimeError as err:  # Path.resolve() before Python 3.13: a symlink loop
            raise RowsError(_LEADS_NOWHERE % filename) from err
        except (OSError, ValueError) as err:  # a name too long for the file system
            shown = filename if len(filename) <= 80 else filename[:77] + "..."
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise RowsError(f":file: {shown!r} cannot be used as a path: {reason}") from err
        suffix = full.suffix.lower()
        if suffix not in DATA_SUFFIXES:
            raise RowsError(f":file: {filename!r} must end in {allowed(DATA_SUFFIXES)}; not read")
        self.env.note_dependency(str(full))
        text = self._read_text(full, filename)
        self._file = str(full)  # from here on, problems are in the file, at its own lines
        return rows_from_csv(text) if suffix == ".csv" else rows_from_yaml(text, 1)

    def _data_path(self, filename: str) -> Path:
        """The data file's path, checked: inside the sources, an existing regular file."""
        rel, path = self.env.relfn2path(filename, self.env.docname)
        given = Path(path)
        if any(len(part.encode("utf-8")) > 255 for part in given.parts):
            raise OSError(errno.ENAMETOOLONG, "File name too long")
        if given.is_symlink() and not given.exists():
            raise RowsError(_LEADS_NOWHERE % filename)
        full = given.resolve()
        srcdir = Path(self.env.srcdir).resolve()
        if not full.is_relative_to(srcdir):
            raise RowsError(f":file: {filename!r} is outside the source directory; not read")
        if full.is_dir():
            raise RowsError(f":file: {filename!r} is a directory, not a data file ({rel})")
        if not full.exists():
            raise RowsError(f":file: {filename!r} does not exist ({rel})")
        if not full.is_file():
            raise RowsError(f":file: {filename!r} is not a regular file ({rel}); not read")
        return full

    def _read_text(self, full: Path, filename: str) -> str:
        """The data file as text; a bad byte is reported with its line in the file."""
        try:
            data = full.read_bytes()
        except OSError as err:
            raise RowsError(f":file: {filename!r} cannot be read: {err}") from err
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as err:  # reported at the directive, naming the file
            line = data[: err.start].count(b"\n") + 1
            raise RowsError(
                f":file: {filename!r} is not UTF-8 text (byte {data[err.start]:#04x} on its "
                f"line {line}); save it as UTF-8"
            ) from err

    def _content_line(self) -> int:
        """1-based line of the first line of the body in the source file."""
        if type(self.state).__module__.startswith("myst_parser"):
            return self.lineno + self.content_offset + 1  # MyST: offset within the directive
        return self.content_offset + 1

    def _columns(self) -> tuple[str, ...]:
        wanted = [c.lower() for c in self.csv_option("columns")]
        if not wanted:
            return DEFAULT_COLUMNS
        good = tuple(c for c in wanted if c in FIELDS)
        for bad in (c for c in wanted if c not in FIELDS):
            hint = did_you_mean(bad, FIELDS)
            self.warn(f"reactions: unknown column {bad!r}{hint}; allowed: {allowed(FIELDS)}")
        if "actor" not in good:
            good = ("actor", *good)
        return good

    def _check(self, raw: RawRow) -> Row:
        """Validate one row; problems are warned and kept for marking."""
        values = raw.values
        where = self._where(raw.line)
        problems = [f"missing {name!r}" for name in REQUIRED if not values.get(name)]
        for name in sorted(set(values) - set(FIELDS)):
            hint = did_you_mean(name, FIELDS) if name != "_extra" else ""
            label = "extra cells" if name == "_extra" else f"unknown field {name!r}{hint}"
            problems.append(f"{label} (fields: {', '.join(FIELDS)})")
        known = stances(self.env)
        stance = values.get("stance", "").strip().lower().replace(" ", "-")
        if values.get("stance") and stance not in known:
            hint = did_you_mean(stance, known)
            problems.append(f"unknown stance {values['stance']!r}{hint}; allowed: {allowed(known)}")
            stance = ""
        basis = (values.get("basis") or "stated").strip().lower()
        if basis not in BASES:
            problems.append(f"unknown basis {values['basis']!r}; allowed: {allowed(BASES)}")
            basis = "stated"
        day = values.get("date", "")
        parsed = frontmatter.parse_date(day) if day else ""
        if day and parsed is None:
            problems.append(f"'date' {day!r} is not a date (use e.g. 2025-06-21)")
        for problem in problems:
            warn("reactions", f"reactions row {raw.number}: {problem}", where)
        return Row(values, stance, basis, parsed or "", problems, raw.number)

    def _sort_key(self, row: Row, sort: str) -> tuple[Any, ...]:
        if sort == "stance":
            order = list(stances(self.env))
            return (
                order.index(row.stance) if row.stance in order else len(order),
                row.values.get("actor", "").casefold(),
            )
        if sort == "date":
            return (row.date or "9999", row.values.get("actor", "").casefold())
        return (row.values.get("actor", "").casefold(),)

    def _fallback(self) -> list[nodes.Node]:
        """Show the author's text when no table can be made from it."""
        if not self.content:
            return []
        block = nodes.literal_block(
            "\n".join(self.content), "\n".join(self.content), classes=["nb-invalid"]
        )
        self.set_source_info(block)
        return [block]

    # rendering

    def _table(self, rows: list[Row], columns: tuple[str, ...]) -> nodes.table:
        headers = {
            "actor": _("Actor"),
            "stance": _("Stance"),
            "basis": _("Basis"),
            "summary": _("Summary"),
            "source": _("Source"),
            "date": _("Date"),
        }
        widths = {"actor": 16, "stance": 14, "basis": 10, "summary": 44, "source": 16, "date": 12}
        classes = ["nb-reactions", "longtable", "colwidths-given", *self.csv_option("class")]
        table = nodes.table(classes=classes)
        if self.arguments:
            title = nodes.title(self.arguments[0], "", *self.inline_markup(self.arguments[0]))
            table += title
        self.add_name(table)
        self.set_source_info(table)
        table += table_group(
            [headers[c] for c in columns],
            [[self._cell(row, c) for c in columns] for row in rows],
            [widths[c] for c in columns],
            [[f"nb-basis-{r.basis}"] + (["nb-invalid"] if r.problems else []) for r in rows],
        )
        return table

    def _cell(self, row: Row, column: str) -> nodes.Element:
        para = nodes.paragraph()
        value = row.values.get(column, "")
        if column == "stance":
            para += self._stance(row)
        elif column == "summary" and value:
            para.extend(self.inline_markup(value))
        elif column == "source" and value:
            if _URL.match(value):
                para += nodes.reference(value, _short_url(value), refuri=value)
            else:
                para += nodes.Text(value)
        elif column == "date" and row.date:
            para += make_date(row.date, self.config)
        elif column == "basis":
            para += nodes.Text(basis_label(row.basis))
        elif value:
            para += nodes.Text(value)
        if row.problems and column == "actor":
            label = _("invalid row")
            marker = nodes.inline(classes=["nb-invalid-marker"])
            marker += nodes.Text(" ")
            # the sign is decoration: LaTeX (pdflatex has no glyph for it) drops it
            marker += nodes.inline(WARNING_SIGN, WARNING_SIGN, classes=[SIGN_CLASS])
            marker += nodes.Text(" " + label)
            para += marker
        return para

    def _stance(self, row: Row) -> nodes.Node:
        info = stances(self.env).get(row.stance)
        text = info.shown_label if info else row.values.get("stance", "") or "?"
        tone = info.tone if info else "neutral"
        badge = nodes.inline(
            classes=["nb-stance", f"nb-stance-{row.stance or 'unknown'}", f"nb-tone-{tone}"]
        )
        badge += nodes.inline(text, text, classes=["nb-stance-label"])
        if row.basis != "stated":
            marker = f"({basis_label(row.basis)})"
            badge += nodes.Text(" ")
            badge += nodes.emphasis(marker, marker, classes=["nb-basis"])
        return badge


def _short_url(url: str) -> str:
    host = re.sub(r"^[a-z]+://(www\.)?", "", url).split("/")[0]
    return host or url


class DropSigns(OutsideHtml):
    """Outside HTML: drop the invalid-row sign (pdflatex has no glyph for U+26A0)."""

    def apply_outside_html(self) -> None:
        for sign in list(self.document.findall(nodes.inline)):
            if SIGN_CLASS in sign["classes"]:
                sign.parent.remove(sign)

"""Reactions as data: the stored record, and rows read from YAML or CSV.

:class:`Reaction` is what the collector keeps of each valid row (for the
matrix). :func:`rows_from_yaml` and :func:`rows_from_csv` read rows as
written, with their row numbers and lines; checking them is the directive's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import frontmatter
from ..domain import RecordKind
from ..settings import Term, settings
from ..util import _

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

BASES = ("stated", "expected", "reported")
FIELDS = ("actor", "stance", "basis", "summary", "source", "date")
REQUIRED = ("actor", "stance", "summary")


@dataclass(frozen=True)
class Reaction:
    """One actor's reaction in one article (for the matrix)."""

    docname: str
    actor: str
    actor_key: str
    stance: str
    basis: str
    date: str


REACTION: RecordKind[Reaction] = RecordKind("reaction")


def stances(env: BuildEnvironment) -> Mapping[str, Term]:
    """The stance vocabulary in use, by key (normalised once per configuration)."""
    return settings(env.config).stances


def basis_label(basis: str) -> str:
    """A basis (``stated``, ``expected``, ``reported``) in the reader's language."""
    return {"stated": _("stated"), "expected": _("expected"), "reported": _("reported")}.get(
        basis, basis
    )


# -- reading rows ------------------------------------------------------------------


@dataclass
class RawRow:
    """One row as written, with the line it starts on (1-based, in its file)."""

    number: int
    line: int
    values: dict[str, str]


class RowsError(Exception):
    """The rows could not be read at all (``line`` None: the directive itself is wrong)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return repr(value)
    return str(value).strip()


def rows_from_yaml(text: str, first_line: int) -> list[RawRow]:
    """Rows of a YAML list of mappings; ``first_line`` is the text's first line."""
    loaded = frontmatter.load_yaml(text)
    if loaded.error:
        raise RowsError(loaded.error, first_line + loaded.line)
    if loaded.data is None:
        return []
    if not isinstance(loaded.data, list):
        raise RowsError("the reactions must be a YAML list of rows (- actor: ...)", first_line)
    starts = [first_line + n for n, line in enumerate(text.splitlines()) if line.startswith("-")]
    rows = []
    for number, item in enumerate(loaded.data, start=1):
        line = starts[number - 1] if number - 1 < len(starts) else first_line
        if isinstance(item, dict):
            values = {str(k).strip().lower(): _cell(v) for k, v in item.items()}
        else:
            values = {"summary": _cell(item)}
        rows.append(RawRow(number, line, values))
    return rows


def rows_from_csv(text: str) -> list[RawRow]:
    """Rows of a CSV file with a header row."""
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        if not header:
            return []
        names = [h.strip().lower() for h in header]
        rows = []
        for number, cells in enumerate(reader, start=1):
            if not any(c.strip() for c in cells):
                continue
            values = {names[i]: c.strip() for i, c in enumerate(cells) if i < len(names)}
            if len(cells) > len(names):
                values["_extra"] = ", ".join(c for c in cells[len(names) :] if c)
            rows.append(RawRow(number, reader.line_num, values))
        return rows
    except csv.Error as err:
        raise RowsError(f"malformed CSV: {err}", reader.line_num) from err

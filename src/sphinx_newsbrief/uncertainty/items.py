"""The record of one uncertainty box or claim."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import RecordKind


@dataclass(frozen=True)
class Item:
    """One uncertainty block or claim, as stored in the collector."""

    docname: str
    position: int
    anchor: str
    kind: str  # "block" or "claim"
    text: str
    status: str
    likelihood: str
    confidence: str
    as_of: str
    source: str
    grade: str
    #: The id of the claim it assesses (``:id:`` / ``id=``); "" when not tracked.
    claim_id: str = ""
    line: int = 0


#: The record kind of boxes and claims.
ITEM: RecordKind[Item] = RecordKind("uncertainty")

"""The claim record (DESIGN.md §4): what the extractor writes and the store, the timeline and
the exports read. It depends on :mod:`geo.columns` only, so readers of claims never import the
extractor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import pandas as pd

from geo.columns import CLAIM_FIELDS


@dataclass(frozen=True)
class Claim:
    """A claim of a control change (DESIGN.md §4); ``quote == text[start:end]``."""

    article: str
    claim_id: str
    quote: str
    start: int
    end: int
    place_id: str | None
    place: str | None
    place_type: str | None
    lat: float | None
    lon: float | None
    actor: str
    action: str
    extent: str | None
    event_date: date
    date_precision: int
    claimant: str
    status: str
    confidence: float

    def as_json(self) -> dict[str, Any]:
        """The record as printed by ``frontline extract`` (dates as ISO strings)."""
        record = {name: getattr(self, name) for name in CLAIM_FIELDS}  # asdict deep-copies
        record["event_date"] = self.event_date.isoformat()
        return record


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """Claims as a DataFrame with the DESIGN.md §4 columns."""
    return pd.DataFrame([asdict(c) for c in claims], columns=list(CLAIM_FIELDS))

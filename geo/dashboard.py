"""Pure helpers behind ``streamlit_app.py``: data in, DataFrames and page fragments out."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from geo import columns as C
from geo import io
from geo.errors import ArticleError

EVIDENCE_COLUMNS = [
    "event_date",
    "place",
    "actor",
    "action",
    "extent",
    "status",
    "claimant",
    "outlet",
    "quote",
    "article",
    "claim_id",
]
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: environment variable that turns on writing from the page (adding articles, reviews)
WRITE_ENV = "FRONTLINE_WRITE"


def writes_enabled(environ: Mapping[str, str]) -> bool:
    """Whether the page may change the store: only when ``FRONTLINE_WRITE`` is 1/true/yes.

    The page has no accounts, so whoever can reach it can write; writing is opt-in, as is
    serving beyond 127.0.0.1.
    """
    return environ.get(WRITE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class AddedArticle:
    """An article a user added in the page (hashable, so runs can be cached by it)."""

    name: str
    text: str
    outlet: str | None
    published: date | None

    def as_article(self) -> io.Article:
        return io.Article(
            name=self.name, text=self.text, published=self.published, outlet=self.outlet
        )


def added_article(
    text: str | None,
    upload: bytes | None,
    filename: str | None,
    outlet: str | None,
    published: date | None,
    existing: Iterable[str] = (),
) -> AddedArticle:
    """Validate the "add an article" form; bad input raises :class:`ArticleError`.

    Exactly one of pasted ``text`` and ``upload`` (bytes of a file) must be given. The name is
    the upload's file name, or ``pasted-<hash>.txt``; a name already in ``existing`` is refused.
    """
    pasted = (text or "").strip()
    if pasted and upload:
        raise ArticleError("form", "paste text or upload a file, not both")
    if upload is not None and len(upload) > 0:
        if len(upload) > MAX_UPLOAD_BYTES:
            raise ArticleError(
                filename or "upload",
                f"file too large ({len(upload):,} bytes; limit {MAX_UPLOAD_BYTES:,})",
            )
        source = filename or "upload.txt"
        body = io.decode_article(upload, source)
        name = source.rsplit("/", 1)[-1]
    elif pasted:
        body = text or ""
        name = f"pasted-{hashlib.sha1(body.encode('utf-8')).hexdigest()[:10]}.txt"
    else:
        raise ArticleError("form", "no article: paste its text or upload a .txt file")
    if name in set(existing):
        raise ArticleError(name, "an article with this name was already added")
    return AddedArticle(
        name=name, text=body, outlet=(outlet or "").strip() or None, published=published
    )


def claims_table(
    claims: pd.DataFrame,
    outlets: dict[str, str],
    *,
    day: date | None = None,
    place_id: str | None = None,
) -> pd.DataFrame:
    """Claims (of a day, or about a place) with outlets, for the evidence table."""
    rows = claims
    if day is not None:
        rows = rows[pd.to_datetime(rows["event_date"]).dt.date == day]
    if place_id is not None:
        rows = rows[rows[C.PLACE_ID] == place_id]
    out = rows.assign(outlet=rows["article"].map(lambda a: outlets.get(a) or a))
    out = out.assign(place=out[C.PLACE].fillna("(unnamed)"))
    columns = [*EVIDENCE_COLUMNS, *(["review"] if "review" in out else [])]
    return out.sort_values(["event_date", "article", "start"])[columns].reset_index(drop=True)


def place_history(timeline: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """The runs of one place: from, to, controller, state, claimed by, sources, claims."""
    rows = timeline[timeline[C.PLACE_ID] == place_id]
    runs = rows.drop_duplicates([C.VALID_FROM, C.CONTROLLER, C.STATE, C.CLAIMED_BY])
    out = pd.DataFrame(
        {
            "from": runs[C.VALID_FROM].dt.date,
            "to": runs[C.VALID_TO].dt.date,
            "controller": runs[C.CONTROLLER],
            "state": runs[C.STATE],
            "claimed_by": runs[C.CLAIMED_BY],
            "independent_sources": runs[C.N_SOURCES],
            "claims": runs[C.CLAIM_IDS].map(lambda s: len([i for i in s.split(";") if i])),
        }
    )
    return out.reset_index(drop=True)


def places_with_claims(timeline: pd.DataFrame) -> list[tuple[str, str]]:
    """(place_id, label) of places whose state rests on claims, most evidence first."""
    has = timeline[timeline[C.CLAIM_IDS] != ""]
    counts = has.groupby([C.PLACE_ID, C.NAME])[C.CLAIM_IDS].agg(
        lambda s: len({i for ids in s for i in ids.split(";") if i})
    )
    ordered = counts.sort_values(ascending=False)
    return [
        (str(key[0]), f"{key[1]} ({n} claims)")  # type: ignore[index]
        for key, n in ordered.items()
    ]


def area_series(areas: pd.DataFrame) -> pd.DataFrame:
    """Long table ``date, controller, area_km2`` for a stacked chart."""
    out = areas[[C.DATE, C.CONTROLLER, "area_km2"]].copy()
    # nanoseconds: charts read Arrow timestamps as milliseconds-based, and a datetime64[s] column
    # put every day in the same instant (the chart was a thin strip)
    out[C.DATE] = pd.to_datetime(out[C.DATE]).astype("datetime64[ns]")
    return out.sort_values([C.DATE, C.CONTROLLER]).reset_index(drop=True)


def day_index(days: Sequence[date], day: date) -> int:
    """Position of ``day`` in ``days`` (the first day when absent)."""
    return days.index(day) if day in days else 0


def changes_table(record: Mapping[str, Any]) -> pd.DataFrame:
    """One row per place that changed on the day: from → to, state, and its evidence as text
    ("outlet (claimant, status): quote", one per claim)."""
    rows = []
    for place in record.get("places", []):
        state = place["state"]
        if state == "claimed" and place.get("claimed_by"):
            state = f"claimed by {place['claimed_by']}"
        rows.append(
            {
                "place": place["name"],
                "from": place["from"],
                "to": place["to"],
                "state": state,
                "claims": len(place["claims"]),
                "evidence": " · ".join(
                    f"{c['outlet']} ({c['claimant']}, {c['status']}): “{c['quote']}”"
                    for c in place["claims"]
                ),
                "place_id": place["place_id"],
            }
        )
    return pd.DataFrame(
        rows, columns=["place", "from", "to", "state", "claims", "evidence", "place_id"]
    )


def km2_table(record: Mapping[str, Any]) -> pd.DataFrame:
    """km² held, gained and lost per side on the day."""
    return pd.DataFrame(
        [
            {"side": side, "km² held": v["held"], "gained": v["gained"], "lost": v["lost"]}
            for side, v in record.get("km2", {}).items()
        ],
        columns=["side", "km² held", "gained", "lost"],
    )


def view_from_url(
    params: Mapping[str, str], days: Sequence[date], places: Iterable[str]
) -> tuple[date | None, str | None]:
    """The day and place a shared link asks for (``?day=2024-12-05&place=hama``); a value that
    is malformed, outside the timeline or unknown is ignored (None)."""
    day: date | None = None
    try:
        asked = date.fromisoformat(str(params.get("day", "")))
        day = asked if asked in days else None
    except ValueError:
        day = None
    place = params.get("place")
    return day, (place if place in set(places) else None)

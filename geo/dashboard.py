"""Pure helpers behind ``streamlit_app.py``: data in, DataFrames and deck.gl layer specs out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import pandas as pd

from geo import columns as C
from geo.gazetteer import Mention

#: Syria's rough centre and a zoom that shows the whole country, (lat, lon).
SYRIA_VIEW = {"latitude": 35.0, "longitude": 38.3, "zoom": 5.6}


def mention_counts(mentions: Iterable[Mention]) -> pd.DataFrame:
    """One row per resolved place: how many mentions, in how many articles, and where."""
    frame = pd.DataFrame(
        [m.as_json() for m in mentions if m.place_id is not None], columns=list(C.MENTION_FIELDS)
    )
    if frame.empty:
        return pd.DataFrame(
            columns=[C.PLACE_ID, C.PLACE, C.PLACE_TYPE, C.LAT, C.LON, "mentions", "articles"]
        )
    grouped = frame.groupby(C.PLACE_ID, as_index=False).agg(
        place=(C.PLACE, "first"),
        place_type=(C.PLACE_TYPE, "first"),
        lat=(C.LAT, "first"),
        lon=(C.LON, "first"),
        mentions=(C.SURFACE, "size"),
        articles=(C.ARTICLE, "nunique"),
    )
    return grouped.sort_values("mentions", ascending=False, ignore_index=True)


def point_layer_data(counts: pd.DataFrame, syria_only: bool = True) -> list[dict[str, Any]]:
    """Records for a deck.gl ScatterplotLayer (``position`` is [lon, lat], deck.gl order).

    With ``syria_only``, countries and points outside Syria's bounding box are left out.
    """
    rows = counts
    if syria_only and not rows.empty:
        inside = rows[C.LAT].between(32.0, 37.5) & rows[C.LON].between(35.5, 42.5)
        rows = rows[inside & (rows[C.PLACE_TYPE] != "country")]
    records = cast(list[dict[str, Any]], rows.to_dict("records"))
    return [
        {
            "position": [float(r[C.LON]), float(r[C.LAT])],
            "name": str(r[C.PLACE]),
            "kind": str(r[C.PLACE_TYPE]),
            "mentions": int(r["mentions"]),
            "articles": int(r["articles"]),
            "radius_m": 2_000 + 1_500 * int(r["mentions"]) ** 0.5,
        }
        for r in records
    ]

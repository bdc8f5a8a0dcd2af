"""The checks of a gazetteer table (``frontline gazetteer validate``, ``make gazetteer``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from geo import columns as C
from geo.normalize import name_keys

#: How far outside Syria's (de-facto) outline a Syrian point may lie, in degrees (~1 km).
OUTLINE_TOLERANCE_DEG = 0.01
_DOCUMENTED_OUTSIDE = "outside Natural Earth"


def validate_gazetteer(frame: pd.DataFrame, outline: Any | None = None) -> list[str]:
    """Every problem in a gazetteer table, one line each (empty list: valid).

    Checks unique non-empty ids and names, the place-type vocabulary, coordinate ranges, parent
    references, Syrian points inside ``outline`` (a shapely geometry in lon/lat; rows whose note
    documents that they lie outside Natural Earth's de-facto outline are exempt), and that no
    alias maps to two places the matcher cannot tell apart (same governorate, type and
    population). Line numbers count the CSV header as line 1.
    """
    import shapely

    problems: list[str] = []
    frame = frame.reset_index(drop=True)
    lines = frame.index + 2
    ids = frame[C.PLACE_ID].astype(str)
    for line, pid in zip(lines[ids.duplicated()], ids[ids.duplicated()], strict=True):
        problems.append(f"line {line}: duplicate place_id {pid!r}")
    for col in (C.PLACE_ID, C.NAME, C.ADMIN1):
        empty = frame[col].astype(str).str.strip() == ""
        problems += [f"line {line}: empty {col}" for line in lines[empty]]
    bad_type = ~frame[C.PLACE_TYPE].isin(C.PLACE_TYPES)
    problems += [
        f"line {line}: unknown place_type {t!r}"
        for line, t in zip(lines[bad_type], frame[C.PLACE_TYPE][bad_type], strict=True)
    ]
    lat = pd.to_numeric(frame[C.LAT], errors="coerce")
    lon = pd.to_numeric(frame[C.LON], errors="coerce")
    bad = lat.isna() | lon.isna() | ~lat.between(-90, 90) | ~lon.between(-180, 180)
    problems += [f"line {line}: lat/lon out of range" for line in lines[bad]]
    known = set(ids)
    parents = frame[C.PARENT_ID].astype(str)
    orphan = (parents != "") & (parents != "nan") & ~parents.isin(known)
    problems += [
        f"line {line}: parent_id {p!r} is not a place"
        for line, p in zip(lines[orphan], parents[orphan], strict=True)
    ]
    admin1 = frame[C.ADMIN1].astype(str)
    syrian = (admin1 == C.SYRIA) | admin1.str.startswith(C.SYRIA + "-")
    if outline is not None:
        area = outline.buffer(OUTLINE_TOLERANCE_DEG)
        inside = shapely.contains_xy(area, lon.fillna(0).to_numpy(), lat.fillna(0).to_numpy())
        exempt = frame[C.NOTE].astype(str).str.contains(_DOCUMENTED_OUTSIDE, regex=False)
        outside = syrian & ~inside & ~exempt & ~bad
        problems += [
            f"line {line}: Syrian place {pid!r} at ({la}, {lo}) (lat, lon) is outside Syria"
            for line, pid, la, lo in zip(
                lines[outside], ids[outside], lat[outside], lon[outside], strict=True
            )
        ]
    owners: dict[str, set[int]] = {}
    named: list[tuple[int, str]] = []
    for i, (name, aliases) in enumerate(zip(frame[C.NAME], frame[C.ALIASES], strict=True)):
        names = [str(name)]
        if isinstance(aliases, str) and aliases:
            names += aliases.split(C.ALIAS_SEPARATOR)
        for alias in names:
            if not alias.strip():
                problems.append(f"line {i + 2}: empty alias")
                continue
            named.append((i, alias))
    for (i, _), keys in zip(named, name_keys([a for _, a in named]), strict=True):
        for k in keys:  # one vectorised pass over every alias
            owners.setdefault(k, set()).add(i)
    pops = pd.to_numeric(frame[C.POPULATION], errors="coerce").fillna(0)
    lat_values, lon_values = lat.to_numpy(dtype=float), lon.to_numpy(dtype=float)
    for k, rows in owners.items():
        if len(rows) < 2:
            continue
        signatures = [  # homonyms apart on the ground are told apart by the article's places
            (
                admin1[i],
                frame[C.PLACE_TYPE][i],
                int(pops[i]),
                round(float(lat_values[i]), 3),
                round(float(lon_values[i]), 3),
            )
            for i in sorted(rows)
        ]
        if len(set(signatures)) < len(signatures):
            clash = ", ".join(ids[i] for i in sorted(rows))
            problems.append(f"alias {k!r} maps to places the matcher cannot tell apart: {clash}")
    return problems

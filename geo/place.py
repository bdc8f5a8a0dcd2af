"""One place of the gazetteer: a row of ``data/gazetteer.csv``, or a place the gazetteer made
on demand (:mod:`geo.madeplaces`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo import columns as C


@dataclass(frozen=True)
class Place:
    """One gazetteer row. ``lat``/``lon`` are WGS84 degrees."""

    place_id: str
    name: str
    place_type: str
    lat: float
    lon: float
    admin1: str
    parent_id: str | None = None
    population: int | None = None
    precision: int | None = None  # geo_precision where it is not that of the place type

    @property
    def geo_precision(self) -> int:
        """DESIGN.md §3 ``geo_precision`` for this kind of place (or its own)."""
        return self.precision or C.GEO_PRECISION_BY_TYPE[self.place_type]

    @property
    def in_syria(self) -> bool:
        """True for places inside Syria (``admin1`` is ``SY`` or ``SY-…``)."""
        return self.admin1 == C.SYRIA or self.admin1.startswith(C.SYRIA + "-")

    def as_json(self) -> dict[str, Any]:
        """The ``frontline gazetteer resolve`` record (DESIGN.md §6)."""
        return {
            C.PLACE_ID: self.place_id,
            C.NAME: self.name,
            C.PLACE_TYPE: self.place_type,
            C.LAT: self.lat,
            C.LON: self.lon,
            C.ADMIN1: self.admin1,
        }

"""A geopy-compatible geocoder over the offline gazetteer.

A geopy user can swap it in for Nominatim::

    from geo.geocoder import FrontlineGeocoder
    geolocator = FrontlineGeocoder()            # instead of Nominatim(user_agent=...)
    location = geolocator.geocode("Tel Rifaat")
    location.latitude, location.longitude       # (lat, lon), WGS84

Nothing goes to the network unless a ``fallback`` geocoder is given explicitly (online geocoding
is opt-in): ``FrontlineGeocoder(fallback=Nominatim(user_agent="frontline"))``.
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.place import Place


def _location(place: Place, distance_m: float | None = None) -> Location:
    raw: dict[str, Any] = place.as_json() | {"population": place.population}
    if distance_m is not None:
        raw["distance_m"] = distance_m
    return Location(place.name, Point(place.lat, place.lon), raw)


class FrontlineGeocoder(Geocoder):
    """geopy ``Geocoder`` answering from Frontline's gazetteer, offline.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the committed ``data/gazetteer.csv``.
    fallback : geopy.geocoders.base.Geocoder, optional
        Asked only for names the gazetteer does not know (for example ``Nominatim``); ``None``
        (the default) keeps everything offline.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        fallback: Geocoder | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or load_gazetteer()
        self.fallback = fallback

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = None, **kwargs: Any
    ) -> Location | list[Location] | None:
        """Place(s) named ``query``, most likely first; ``None`` if unknown."""
        found = self.gazetteer.candidates(query) if isinstance(query, str) else []
        if not found:
            if self.fallback is not None:
                return self.fallback.geocode(
                    query, exactly_one=exactly_one, timeout=timeout, **kwargs
                )
            return None
        locations = [_location(p) for p in found]
        return locations[0] if exactly_one else locations

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = None, **kwargs: Any
    ) -> Location | list[Location] | None:
        """Nearest settlement(s) to ``query`` — a ``(lat, lon)`` pair, ``Point`` or string."""
        point = Point(query)
        nearest = self.gazetteer.nearest(point.latitude, point.longitude, k=1 if exactly_one else 5)
        locations = [_location(p, d) for p, d in nearest]
        return locations[0] if exactly_one else locations

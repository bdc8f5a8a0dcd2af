"""The geopy adapter: a drop-in for Nominatim that never touches the network."""

from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoder import FrontlineGeocoder


class _Fallback(Geocoder):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def geocode(self, query, exactly_one=True, timeout=None, **kwargs):
        self.asked.append(query)
        return None


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return FrontlineGeocoder(gazetteer)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Tall Rif'at")
    assert isinstance(loc, Location)
    assert loc.address == "Tel Rifaat"
    assert (loc.latitude, loc.longitude) == pytest.approx((36.47229, 37.09471))
    assert loc.raw["place_id"] == "tel-rifaat"


def test_unknown_is_none_and_homonyms_list(geocoder):
    assert geocoder.geocode("Atlantis") is None
    both = geocoder.geocode("Suran", exactly_one=False)
    assert {loc.raw["place_id"] for loc in both} >= {"suran-hama", "suran-aleppo"}


def test_reverse_finds_nearest_settlement(geocoder):
    loc = geocoder.reverse((35.132, 36.758))  # (lat, lon) in central Hama
    assert loc.raw["place_id"] == "hama" and loc.raw["distance_m"] < 500


def test_fallback_is_used_only_for_unknown_names(gazetteer):
    fallback = _Fallback()
    geocoder = FrontlineGeocoder(gazetteer, fallback=fallback)
    geocoder.geocode("Hama")
    geocoder.geocode("Atlantis")
    assert fallback.asked == ["Atlantis"]

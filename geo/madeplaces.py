"""Places the gazetteer makes on demand, named by the places they belong to: a road by the two
settlements it links ("the Mhardeh–Suqaylabiyah road"), a facility by its village ("the Khattab
ammunition depot", nouns from ``data/facility_nouns.txt``). Their ids name their parts
("a--b-road", "khattab--ammunition-depot"), so any process resolves them. Mixed into
:class:`geo.gazetteer.Gazetteer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from geo import columns as C
from geo.mentions import Mention
from geo.place import Place

_SETTLEMENT_TYPES = frozenset({"city", "town", "village"})
_MADE_ROAD_ID = re.compile(r"(.+?)--(.+)-road")
_MADE_FACILITY_ID = re.compile(r"(.+?)--([a-z]+(?:-[a-z]+){0,4})")


class MadePlaces:
    """Roads and facilities made on demand; they read the gazetteer's tables."""

    _places: dict[str, Place]
    _roads_between: dict[str, Place]
    _facilities_made: dict[str, Place]
    _facility_nouns: frozenset[str]
    roads: dict[str, tuple[str, ...]]
    lookup: Callable[..., Any]

    def _made(self, place_id: object) -> Place | None:
        """A place made on demand, by its id, in any process: a road :meth:`road_between`
        makes ("a--b-road") or a facility :meth:`facility_at` makes ("a--military-camp")."""
        if not isinstance(place_id, str):
            return None
        ends = _MADE_ROAD_ID.fullmatch(place_id)
        if ends:
            return self.road_between(ends.group(1), ends.group(2))
        parts = _MADE_FACILITY_ID.fullmatch(place_id)
        return self.facility_at(parts.group(1), parts.group(2).replace("-", " ")) if parts else None

    def facility_at(self, place_id: str, noun: str) -> Place | None:
        """The facility a village or town names ("the Khattab ammunition depot"): a place of
        type ``facility`` made for it at the village's point (lat/lon), with geo_precision 2
        (near a place). ``noun`` must end with a noun of ``data/facility_nouns.txt``; ``None``
        otherwise, and for places other than Syrian villages and towns."""
        here = self._places.get(place_id)
        words = noun.lower().split()
        if (
            words
            and words[-1].endswith("s")
            and " ".join([*words[:-1], words[-1][:-1]]) in self._facility_nouns
        ):
            words[-1] = words[-1][:-1]  # "the Khattab ammunition depots": one facility
        if (
            here is None
            or here.place_type not in ("village", "town")
            or not here.in_syria
            or not any(
                " ".join(words[i:]) in self._facility_nouns for i in range(min(3, len(words)))
            )
        ):
            return None
        made_id = f"{place_id}--{'-'.join(words)}"
        if made_id not in self._facilities_made:
            self._facilities_made[made_id] = self._places[made_id] = Place(
                place_id=made_id,
                name=f"{here.name} {' '.join(words)}",
                place_type="facility",
                lat=here.lat,
                lon=here.lon,
                admin1=here.admin1,
                parent_id=place_id,
                precision=2,
            )
        return self._facilities_made[made_id]

    def road_between(self, a: str, b: str) -> Place | None:
        """The road named by the two settlements it links: the gazetteer's road through both
        ("the Hama–Homs road" is the M5), else a place of type ``road`` made for it ("the
        Mhardeh–Suqaylabiyah road") at the midpoint of the two (lat/lon), the same whichever
        way round it is written. ``None`` unless both are Syrian settlements."""
        ends = [self._places.get(a), self._places.get(b)]
        if a == b or any(p is None or p.place_type not in _SETTLEMENT_TYPES for p in ends):
            return None
        ours = [r for r, towns in self.roads.items() if a in towns and b in towns]
        if len(ours) == 1:
            return self._places[ours[0]]  # "the Hama–Homs road" is the M5
        first, second = sorted((p for p in ends if p is not None), key=lambda p: p.place_id)
        place_id = f"{first.place_id}--{second.place_id}-road"
        if place_id not in self._roads_between:
            self._roads_between[place_id] = self._places[place_id] = Place(
                place_id=place_id,
                name=f"{first.name}–{second.name} road",
                place_type="road",
                lat=round((first.lat + second.lat) / 2, 5),
                lon=round((first.lon + second.lon) / 2, 5),
                admin1=first.admin1 if first.admin1 == second.admin1 else C.SYRIA,
            )
        return self._roads_between[place_id]

    def _facility_named(self, name: str, context: Sequence[Mention]) -> Place | None:
        """ "Khattab ammunition depot": the facility :meth:`facility_at` makes at the village
        the name begins with (resolved in ``context``), trying the longest noun first."""
        words = name.split()
        for cut in range(max(1, len(words) - 4), len(words)):
            head, noun = " ".join(words[:cut]), " ".join(words[cut:])
            if not any(  # the noun, or its last words: "Khattab ammunition depot", "… depot"
                " ".join(words[i:]).lower() in self._facility_nouns for i in range(cut, len(words))
            ):
                continue
            head = re.sub(r"^(?:the|a)\s+", "", head, flags=re.IGNORECASE)
            place = self.lookup(head, context)
            if place is not None:
                made = self.facility_at(place.place_id, noun)
                if made is not None:
                    return made
        return None

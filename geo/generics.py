"""Generic nouns and roads named by their places: "the airport", "the citadel", "its central
prison", "the highway", "the Damascus highway", "the Mhardeh–Suqaylabiyah road". A generic
noun binds only to a place the text gives it: the place that locates it right after ("the
prison of Hama"), a place of its sentence, or the town the text is about; a road noun to the
road linking the places after it. Mixed into :class:`geo.gazetteer.Gazetteer` beside
:class:`geo.mentions.MentionFinder`, whose mentions it completes.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from geo.mentions import Mention, place_mention

#: "the Damascus highway", "the Aleppo–Damascus motorway": a road named by its cities
_CITY_ROAD = re.compile(
    r"\b(?:the|a)\s+(?P<a>[A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)(?:\s?[-–—]\s?(?P<b>[A-Z][\w'’]+"
    r"(?:\s[A-Z][\w'’]+)?))?\s+(?P<noun>highway|motorway|road|expressway)\b"
)
#: two place names joined by a dash before a road noun: "Mhardeh–Suqaylabiyah road"
_ROAD_BETWEEN_PLACES = re.compile(
    r"(?P<a>[A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)\s?[-–—]\s?(?P<b>[A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)"
    r"\s+(?P<noun>highway|motorway|road|expressway)\b"
)
#: Determiners before a generic noun ("the highway", "its airport").
GENERIC_DETERMINERS = ("the", "its", "their", "this", "that", "s")  # "s": "Aleppo's airport"
#: Adjectives that may stand between the determiner and a generic facility noun.
GENERIC_ADJECTIVES = ("medieval", "ancient", "old", "historic", "main", "famous", "notorious")
#: Generic road nouns; resolved from the places that follow them.
ROAD_NOUNS = ("highway", "motorway", "road", "expressway")
_LINK_WORDS = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:linking|connecting|between|to|from|toward|towards)\b"
)
#: how far back a facility looks for the town the text is about
_TOPIC_WINDOW_CHARS = 1500
_GENERIC_WINDOW_CHARS = 600
#: what joins a generic facility to the place it belongs to: "… south-west of", "… of the
#: city of", "… in", "… outside", "… near"
_FACILITY_LOCATOR = re.compile(
    r"\s+(?:(?:just\s+|some\s+|about\s+\d+\s*km\s+)?(?:north|south|east|west)"
    r"(?:[- ]?(?:east|west))?\s+of|of|in|outside|near|at)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?",
    re.IGNORECASE,
)
_ROAD_WINDOW_CHARS = 80
#: a destination's preposition right before a place
_TOWARDS = re.compile(r"\btowards?\s+(?:the\s+)?$", re.IGNORECASE)


class GenericNouns:
    """The generic-noun and road resolution of mention finding."""

    _places: dict[str, Any]
    _facility_kinds: dict[str, list[str]]
    _facility_owner: dict[str, str]
    roads: dict[str, tuple[str, ...]]
    # what mention finding and the gazetteer give it (geo.mentions, geo.gazetteer)
    _mention: Callable[..., Mention]
    _countryside_before: Callable[..., str | None]
    road_between: Callable[[str, str], Any]
    facility_at: Callable[[str, str], Any]
    _facility_after: re.Pattern[str] | None

    def _named_facilities(
        self, text: str, found: list[Mention], occupied: bytearray, article: str
    ) -> list[Mention]:
        """A village or town named right before a facility noun names a facility there ("the
        Khattab ammunition depot", "Sarouj military camp"): its mention becomes the facility's
        (:meth:`geo.gazetteer.Gazetteer.facility_at`)."""
        if self._facility_after is None:
            return found
        out = []
        for m in found:
            after = (
                self._facility_after.match(text, m.end)
                if m.place_id and m.place_type in ("village", "town")
                else None
            )
            if after and m.place_id and 1 not in occupied[after.start(1) : after.end(1)]:
                made = self.facility_at(m.place_id, " ".join(after.group(1).split()))
                if made is not None:
                    occupied[m.end : after.end()] = b"\x01" * (after.end() - m.end)
                    m = place_mention(
                        made, article, text[m.start : after.end()], m.start, after.end()
                    )
            out.append(m)
        return out

    def _resolve_generics(
        self,
        text: str,
        generics: list[tuple[int, int, str]],
        mentions: list[Mention],
        occupied: bytearray,
        article: str,
    ) -> list[Mention]:
        if not generics:
            return []
        out: list[Mention] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in ordered]
        for start, end, noun in generics:
            noun_start = _noun_start(text, start, end)  # the surface is the noun alone
            if 1 in occupied[noun_start:end]:
                continue
            if noun == "countryside":  # "Deir ez-Zor city and its countryside"
                place_id = self._countryside_before(text, start, ordered, starts)
            else:
                place_id = (
                    self._road_for(text, end, ordered, starts)
                    if noun in ROAD_NOUNS
                    # the place that locates it right after ("the prison of Hama") comes first
                    else self._facility_of_next(text, noun, end, ordered, starts)
                    or self._facility_for(text, noun, noun_start, ordered, starts)
                )
            if place_id is not None:
                out.append(self._mention(text, noun_start, end, place_id, article))
                occupied[noun_start:end] = b"\x01" * (end - noun_start)
        return out

    def _city_roads(
        self, text: str, mentions: list[Mention], occupied: bytearray, article: str
    ) -> list[Mention]:
        """ "the Damascus highway", "the Aleppo-Damascus road": the one road through the city
        (both cities) named before the noun."""
        out: list[Mention] = []
        by_span = {(m.start, m.end): m.place_id for m in mentions if m.place_id}
        for m in _CITY_ROAD.finditer(text):
            noun_start, end = m.span("noun")
            if 1 in occupied[noun_start:end]:
                continue
            cities = [by_span.get(m.span(g)) for g in ("a", "b") if m.group(g)]
            if not cities or None in cities:
                continue
            roads = [r for r, towns in self.roads.items() if all(c in towns for c in cities)]
            if len(roads) == 1:
                out.append(self._mention(text, noun_start, end, roads[0], article))
                occupied[noun_start:end] = b"\x01" * (end - noun_start)
        for m in _ROAD_BETWEEN_PLACES.finditer(text):
            a, b = by_span.get(m.span("a")), by_span.get(m.span("b"))
            start, end = m.start("a"), m.end("noun")
            if not a or not b or 1 in occupied[m.end("b") : end]:
                continue
            if any(a in towns and b in towns for towns in self.roads.values()):
                continue  # "the Hama–Homs road" is the M5, found above
            road = self.road_between(a, b)  # "villages on Mhardeh–Suqaylabiyah road"
            if road is not None:
                out.append(place_mention(road, article, text[start:end], start, end))
                occupied[m.end("b") : end] = b"\x01" * (end - m.end("b"))
        return out

    def _road_for(
        self, text: str, end: int, ordered: list[Mention], starts: list[int]
    ) -> str | None:
        window = text[end : end + _ROAD_WINDOW_CHARS]
        stop = re.search(r"[.;!?\n]", window)
        window = window[: stop.start()] if stop else window
        if not _LINK_WORDS.match(window):
            return None
        lo = bisect.bisect_left(starts, end)
        hi = bisect.bisect_left(starts, end + len(window))
        following = {m.place_id for m in ordered[lo:hi] if m.place_id}
        best, hits = None, 0
        for road, towns in self.roads.items():
            n = len(following & set(towns))
            if n > hits:
                best, hits = road, n
        return best

    def _facility_of_next(
        self, text: str, noun: str, end: int, ordered: list[Mention], starts: list[int]
    ) -> str | None:
        """The facility of kind ``noun`` of the place that locates it right after: "the air
        base south-west of Hama", "the airport of the city of Aleppo", "the prison in Sednaya"."""
        i = bisect.bisect_left(starts, end)
        if i >= len(ordered) or ordered[i].place_id is None:
            return None
        if not _FACILITY_LOCATOR.fullmatch(text, end, ordered[i].start):
            return None
        owner = ordered[i].place_id
        own = [
            f for f in self._facility_kinds.get(noun, []) if self._facility_owner.get(f) == owner
        ]
        return own[0] if len(own) == 1 else None

    def _facility_for(
        self, text: str, noun: str, start: int, ordered: list[Mention], starts: list[int]
    ) -> str | None:
        """The facility of kind ``noun`` ("airport", "military academy") of a place named
        before it in the same sentence: the place's own facility, or the one facility of that
        kind in a governorate or countryside named there; of several such places, the one the
        text names most. With no place before it in its sentence, the facility of the town the
        text is about (:meth:`_facility_of_topic`), else of the one place after it in its
        sentence that has one; else none: a bare "the airport" is not bound to some city's
        airport at random."""
        kinds = self._facility_kinds.get(noun, [])
        sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
        lo = bisect.bisect_left(starts, max(sentence_start, start - _GENERIC_WINDOW_CHARS))
        hi = bisect.bisect_left(starts, start)
        found: list[str] = []  # the facility each place before it owns, nearest first
        destinations: set[str] = set()
        for m in reversed(ordered[lo:hi]):
            if m.place_id is None or m.end > start:
                continue
            here = self._places[m.place_id]
            # a facility or district named before stands for its city ("Sheikh Najjar … the
            # military academy": the academy of Aleppo)
            anchor = here.parent_id if here.place_type in ("facility", "neighbourhood") else None
            own = [fid for fid in kinds if self._facility_owner.get(fid) in (m.place_id, anchor)]
            if here.place_type in ("governorate", "countryside"):
                own = own or [fid for fid in kinds if self._places[fid].admin1 == here.admin1]
            if len(own) == 1 and own[0] not in found:
                if _TOWARDS.search(text, max(0, m.start - 12), m.start):
                    destinations.add(own[0])  # "withdrew towards Homs": where troops went
                found.append(own[0])
        if len(found) > len(destinations) > 0:
            found = [f for f in found if f not in destinations]
        if len(found) > 1:
            # "… entered Hama after troops withdrew towards Homs … the central prison": the
            # facility of the town the text names most so far (nearest on a tie)
            counts = Counter(
                m.place_id for m in ordered[:hi] if m.place_id is not None and m.end <= start
            )
            owner = {f: self._facility_owner.get(f, "") for f in found}
            return max(found, key=lambda f: (counts[owner[f]], -found.index(f)))
        if found:
            return found[0]
        topic = self._facility_of_topic(text, kinds, sentence_start, ordered, starts)
        if topic is not None:
            return topic
        # "took control of the airport and several neighbourhoods in the north of Aleppo": the
        # one place later in its sentence that has a facility of that kind
        stop = min((i for i in (text.find(c, start) for c in ".!?\n") if i >= 0), default=len(text))
        later = {
            fid
            for m in ordered[bisect.bisect_left(starts, start) :]
            if m.start < stop and m.place_id is not None
            for fid in kinds
            if self._facility_owner.get(fid) == m.place_id
        }
        return later.pop() if len(later) == 1 else None

    def _facility_of_topic(
        self,
        text: str,
        kinds: list[str],
        sentence_start: int,
        ordered: list[Mention],
        starts: list[int],
    ) -> str | None:
        """ "Rebels entered Aleppo on Friday. By Saturday they held the citadel": with no place
        before it in its sentence, a facility is that of the town the text is about: of the
        towns named shortly before that have one of that kind, the one named most (nearest
        on a tie)."""
        lo = bisect.bisect_left(starts, sentence_start - _TOPIC_WINDOW_CHARS)
        hi = bisect.bisect_left(starts, sentence_start)
        counts: Counter[str] = Counter()
        nearest: dict[str, int] = {}
        for m in ordered[lo:hi]:
            if m.place_id is not None and self._places[m.place_id].place_type in ("city", "town"):
                counts[m.place_id] += 1
                nearest[m.place_id] = m.start
        owned = {
            town: own
            for town in counts
            if len(own := [f for f in kinds if self._facility_owner.get(f) == town]) == 1
        }
        if not owned:
            return None
        town = max(owned, key=lambda t: (counts[t], nearest[t]))
        return owned[town][0]


def _noun_start(text: str, start: int, end: int) -> int:
    """Start of the noun in a "determiner noun" span."""
    space = text.find(" ", start, end)
    i = space + 1 if space >= 0 else start
    while i < end and not text[i].isalpha():
        i += 1
    return i

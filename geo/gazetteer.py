"""Place resolution: the gazetteer, and place mentions found in one pass over an article.

``Gazetteer.lookup`` returns ``None`` for an unknown name, ``Gazetteer.resolve`` raises
:class:`~geo.errors.GazetteerError`. ``Gazetteer.find_mentions`` runs one Aho-Corasick pass of
every alias (and every generic facility/road noun) over the normalised text, keeps the longest
match at each place in the text, then applies the context rules:

* **sense** — a governorate capital is the governorate after ``province of``, ``all of``,
  ``the provinces of X and``, before ``front``/``provinces`` or an apposition naming a province;
  otherwise a bare name is the city (``Hama province`` is its own alias);
* **support** — a long-tail village (Who's On First locality) is kept only if the article names
  its governorate, a place noun stands before it, or a list goes on from a place; never when it
  looks like part of a person's name ("Bashar al-Assad");
* **romanisation** — a capitalised name no alias matched is resolved by its romanisation key
  (:mod:`geo.romanize`) where the key picks one place of the article's region;
* **homonyms** — an alias shared by several places goes to the candidate whose governorate the
  rest of the article names most, else to the most populous;
* **generic nouns** — ``the highway`` / ``the road`` followed by ``linking``/``to``/``between``
  and places on a known road resolve to that road; ``its airport`` / ``the military academy``
  resolve to the facility of that kind of a place named before it in the same sentence;
* **unresolved** — a capitalised name after ``the town of`` / ``the village of`` … that the
  gazetteer does not know is reported with ``place_id=None``, never silently dropped.

Coordinates are WGS84; every API here that takes or returns a coordinate pair says ``(lat, lon)``.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import math
import os
import pickle
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np
import pandas as pd

from geo import columns as C
from geo.errors import GazetteerError
from geo.normalize import key, name_keys, normalize, normalize_many, normalize_name
from geo.romanize import roman_from_key, roman_many, usable

#: Determiners before a generic noun ("the highway", "its airport").
GENERIC_DETERMINERS = ("the", "its", "their", "this", "that", "s")  # "s": "Aleppo's airport"
#: Generic road nouns; resolved from the places that follow them.
ROAD_NOUNS = ("highway", "motorway", "road", "expressway")
_LINK_WORDS = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:linking|connecting|between|to|from|toward|towards)\b"
)
_GOVERNORATE_CUE = re.compile(
    r"(?:province|governorate|enclave|pocket)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_NAME = r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?"
#: after the name: "the Idlib front", "In Sweida, the Druze-majority province", "Idlib, Hama
#: and Aleppo provinces"
_GOVERNORATE_AFTER = re.compile(
    r"\s+(?:front|axis|enclave|pocket|frontline|provinces|governorates)\b"
    r"|['’]s\s+(?:provincial\s+)?governor\b"  # "Sweida's governor": the governorate's
    r"|\s*,\s*(?:the|a)\s+(?:[\w-]+\s+){0,3}(?:province|governorate)\b"
    rf"|(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|&)\s+{_NAME}\s+(?:provinces|governorates)\b"
    r"|\s+and\s+(?:the\s+)?[\w-]+\s+(?:provinces|governorates)\b"
)
#: before the name: "the provinces of Daraa and Sweida"
_PROVINCES_OF = re.compile(
    rf"\b(?:provinces|governorates)\s+of\s+(?:{_NAME}\s*,\s*)*(?:{_NAME},?\s+and\s+)?$"
)
#: "all of Idlib", "the whole of Daraa": the governorate, unless a city is said
_WHOLE_CUE = re.compile(r"\b(?:all|whole|entirety|rest)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CITY_AFTER = re.compile(
    r"\s*(?:city\b|,\s*(?:Syria['’]s|the\s+country['’]s|its|the)\s+(?:\w+\s+){0,2}city\b)",
    re.IGNORECASE,
)
_UNRESOLVED_CUE = re.compile(
    r"\b(?:town|city|village|district|neighbou?rhood|suburb|province|governorate|region|area)"
    r"\s+of\s+"
    r"((?:(?:al|el|ad|an|as|ash|at|ar|az)[-\s])?[A-Z][\w'’‘]+"
    r"(?:[-\s](?:(?:al|el|ad|an|as|ash|at|ar|az)[-\s])?[A-Z][\w'’‘]+){0,3})"
)
_ART = r"(?:al|el|ad|an|as|ash|at|ar|az|ad-|ul)"
#: runs of capitalised words (with articles inside): candidates for romanisation-key matching
_CAPITAL_RUN = re.compile(
    rf"(?<![\w'’])(?:{_ART}[-\s])?[A-Z][\w'’‘]*(?:[-\s](?:{_ART}[-\s])?[A-Z][\w'’‘]*){{0,3}}"
)
_WORD = re.compile(r"[^\W_][\w'’‘]*")
#: a capitalised word just before a name, which may belong to it ("Tal Malah")
_NAME_PREFIX = re.compile(r"(?<![\w'’-])([A-Z][a-z'’]{2,})[\s-]$")
#: a place noun before a name: "the villages of X", "the town of X"
_PLACE_NOUN_CUE = re.compile(
    r"\b(?:towns?|villages?|cities|city|hamlets?|localities|areas?|districts?|neighbou?rhoods?"
    r"|suburbs?)\s+(?:of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
#: a list separator: the name goes on a list of places ("X, Y and Z")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?)$")
_CASE_ANY, _CASE_PROPER, _CASE_EXACT = 0, 1, 2
#: ``source`` of the long-tail localities (scripts/build_gazetteer.py): "minor" villages
LOCALITY_SOURCE = "via Who's On First"
_GENERIC_WINDOW_CHARS = 600
#: what joins a generic facility to the place it belongs to: "… south-west of", "… of the
#: city of", "… in", "… outside", "… near"
_FACILITY_LOCATOR = re.compile(
    r"\s+(?:(?:just\s+|some\s+|about\s+\d+\s*km\s+)?(?:north|south|east|west)"
    r"(?:[- ]?(?:east|west))?\s+of|of|in|outside|near|at)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?",
    re.IGNORECASE,
)
#: places that tell homonyms apart by distance, and how near the right one must lie
_ANCHOR_TYPES = frozenset({"city", "town", "village", "facility", "neighbourhood"})
_HOMONYM_RADIUS_M = 60_000.0
_ANCHOR_WINDOW_CHARS = 3_000
_ROAD_WINDOW_CHARS = 80


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

    @property
    def geo_precision(self) -> int:
        """DESIGN.md §3 ``geo_precision`` for this kind of place."""
        return C.GEO_PRECISION_BY_TYPE[self.place_type]

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


@dataclass(frozen=True)
class Mention:
    """A place mention (DESIGN.md §4). ``place_id`` is ``None`` for an unresolved candidate."""

    article: str
    surface: str
    start: int
    end: int
    place_id: str | None
    place: str | None
    place_type: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None

    def as_json(self) -> dict[str, Any]:
        """The record as printed by ``frontline mentions``."""
        return asdict(self)


@dataclass
class _Entry:
    """What one matcher key stands for."""

    length: int
    places: list[tuple[str, int]] = field(default_factory=list)  # (place_id, case mode)
    generic: str | None = None  # generic noun (road or facility kind), for determiner keys


def _case_mode(alias: str) -> int:
    letters = [c for c in alias if c.isalpha()]
    if not any(c.isupper() or c.islower() for c in letters):
        return _CASE_ANY  # scripts without case (Arabic)
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return _CASE_EXACT  # acronyms: US, UK, UAE
    if any(c.isupper() for c in letters):
        return _CASE_PROPER
    return _CASE_ANY  # common-noun phrases written lower-case in the gazetteer


def _tail_upper(name: str) -> bool:
    """Does the last word of ``name`` start with a capital ("Al Seen", not "Hama province")?"""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in _GENERIC_TAILS]
    return bool(words) and words[-1][0].isupper()


#: nouns that end a place name in either case ("Idlib City" = "Idlib city")
_GENERIC_TAILS = frozenset(
    "city town village province governorate district region countryside area airport base "
    "airbase crossing camp dam bridge square prison hospital academy college zone".split()
)


@dataclass(frozen=True)
class _Anchors:
    """Places of a text that tell homonyms apart: their offsets and (lat, lon) in radians."""

    starts: list[int]
    points: np.ndarray

    def near(self, at: int, window: int = _ANCHOR_WINDOW_CHARS) -> np.ndarray:
        """The points named within ``window`` characters of offset ``at`` (a long text's far
        paragraphs do not decide a homonym, and the cost stays linear)."""
        lo = bisect.bisect_left(self.starts, at - window)
        hi = bisect.bisect_right(self.starts, at + window)
        return self.points[lo:hi]


class Gazetteer:
    """Places and their aliases, with a one-pass mention matcher.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with the ``data/gazetteer.csv`` columns (:data:`geo.columns.GAZETTEER_COLUMNS`).
    roads : mapping of str to sequence of str, optional
        For each road ``place_id``, the ``place_id`` of the towns it passes (used to resolve
        "the highway linking Aleppo to Damascus").
    blocked : iterable of str, optional
        Names that contain a place name but are not places ("France 24", "Voice of America").
        They take part in the longest-match contest, so the place inside them is not reported.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        roads: Mapping[str, Sequence[str]] | None = None,
        blocked: Iterable[str] | None = None,
        roman_stopwords: Iterable[str] | None = None,
    ) -> None:
        missing = set(C.GAZETTEER_COLUMNS) - set(frame.columns)
        if missing:
            raise GazetteerError(f"gazetteer lacks columns: {sorted(missing)}")
        frame = frame.copy()
        for col in (C.LAT, C.LON, C.POPULATION):
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
        self.frame = frame.set_index(C.PLACE_ID, drop=False)
        if not self.frame.index.is_unique:
            dupes = sorted(self.frame.index[self.frame.index.duplicated()].unique())
            raise GazetteerError(f"duplicate place_id in gazetteer: {dupes[:10]}")
        self.roads = {k: tuple(v) for k, v in (roads or {}).items()}
        self._places: dict[str, Place] = {}
        self._alias_lists: dict[str, list[str]] = {}
        for rec in self.frame.to_dict("records"):
            pid, pop, parent = str(rec[C.PLACE_ID]), rec[C.POPULATION], rec[C.PARENT_ID]
            self._places[pid] = Place(
                place_id=pid,
                name=str(rec[C.NAME]),
                place_type=str(rec[C.PLACE_TYPE]),
                lat=float(rec[C.LAT]),
                lon=float(rec[C.LON]),
                admin1=str(rec[C.ADMIN1]),
                parent_id=parent if isinstance(parent, str) and parent not in ("", "nan") else None,
                population=int(pop) if pd.notna(pop) else None,
            )
            aliases = rec[C.ALIASES]
            self._alias_lists[pid] = [str(rec[C.NAME])] + (
                aliases.split(C.ALIAS_SEPARATOR) if isinstance(aliases, str) and aliases else []
            )
        pairs = [(pid, alias) for pid in self._places for alias in self.aliases(pid)]
        self._alias_keys = name_keys([alias for _, alias in pairs])
        self._pairs = pairs
        self._keys_of: dict[str, set[str]] = {pid: set() for pid in self._places}
        for (pid, _), keys in zip(pairs, self._alias_keys, strict=True):
            self._keys_of[pid] |= keys
        # romanisation keys: a fallback for spellings no alias lists (geo/romanize.py)
        folded = normalize_many([alias for _, alias in pairs], fold_spaced_articles=True)
        self._roman: dict[str, list[str]] = {}
        for (pid, _), rk in zip(pairs, roman_many(folded), strict=True):
            if usable(rk):
                owners = self._roman.setdefault(rk, [])
                if pid not in owners:
                    owners.append(pid)
        self._roman_stop: frozenset[str] = frozenset(roman_stopwords or ())
        self._minor = frozenset(
            self.frame.index[
                (self.frame[C.PLACE_TYPE] == "village")
                & self.frame[C.SOURCE].astype(str).str.contains(LOCALITY_SOURCE, regex=False)
            ]
        )
        #: names that need support from the article: the long-tail villages and the districts
        #: of cities ("Sulaymaniyah" is an Aleppo district only in an article about Aleppo)
        self._supported = self._minor | frozenset(
            self.frame.index[self.frame[C.PLACE_TYPE] == "neighbourhood"]
        )
        self._capital_of = self._find_capitals()
        self._facility_kinds = self._find_facility_kinds()
        self._owned_re: re.Pattern[str] | None = None
        self._blocked = set(blocked or ())
        self._entries: list[_Entry] = []
        self._keys: dict[str, int] = {}
        self._alias_letters: dict[tuple[int, str], str] = {}
        self._tail_upper: set[tuple[int, str]] = set()
        self._build_matcher()

    # --- construction --------------------------------------------------------------------
    def aliases(self, place_id: str) -> list[str]:
        """The name and every alias of ``place_id``, as written in the gazetteer."""
        return list(self._alias_lists[place_id])

    def _priority(self, place_id: str) -> tuple[int, int, int, str]:
        place = self._places[place_id]
        rank = {"country": 0, "governorate": 1, "city": 2, "town": 3}.get(place.place_type, 4)
        return (rank, self.minor(place_id), -(place.population or 0), place_id)

    def _find_capitals(self) -> dict[str, str]:
        """City place_id → its governorate's place_id, for governorate capitals."""
        capitals: dict[str, str] = {}
        for place in self._places.values():
            if place.place_type != "governorate":
                continue
            stem = key(re.sub(r"\s+governorate$", "", place.name, flags=re.IGNORECASE))
            for other in self._places.values():
                if (
                    other.admin1 == place.admin1
                    and other.place_type == "city"
                    and stem in self._keys_of[other.place_id]
                ):
                    capitals[other.place_id] = place.place_id
        return capitals

    def _find_facility_kinds(self) -> dict[str, list[str]]:
        """Generic noun ("airport", "military academy") → facility place_ids of that kind."""
        kinds: dict[str, list[str]] = {}
        for place in self._places.values():
            if place.place_type != "facility" or not place.parent_id:
                continue
            if place.parent_id not in self._places:
                continue
            parent_keys = self._keys_of[place.parent_id]
            for k in self._keys_of[place.place_id]:
                for pk in parent_keys:
                    for form in (pk + " s ", pk + " "):
                        if k.startswith(form) and len(k) > len(form):
                            kinds.setdefault(k[len(form) :], []).append(place.place_id)
        return {k: sorted(set(v)) for k, v in kinds.items()}

    def owned_facility(self, text: str, owner: Mention) -> tuple[str, int] | None:
        """The facility a possessive names after ``owner``: "the city's medieval citadel",
        "Aleppo's main prison" (owner resolved to Aleppo): (its place_id, the end of the
        phrase in ``text``), if the owner has exactly one facility of that kind."""
        if owner.place_id is None or not text.startswith(("'s", "’s"), owner.end):
            return None
        if self._owned_re is None:
            nouns = sorted(
                (k for k in self._facility_kinds if not k.startswith("s ")), key=len, reverse=True
            )
            self._owned_re = re.compile(
                r"['’]s\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(map(re.escape, nouns)) + r")\b",
                re.IGNORECASE,
            )
        m = self._owned_re.match(text, owner.end, owner.end + 60)
        if not m:
            return None
        own = [
            fid
            for fid in self._facility_kinds.get(m.group(1).lower(), [])
            if self._places[fid].parent_id == owner.place_id
        ]
        return (own[0], m.end()) if len(own) == 1 else None

    def _entry(self, norm_key: str) -> _Entry:
        idx = self._keys.get(norm_key)
        if idx is None:
            idx = len(self._entries)
            self._keys[norm_key] = idx
            self._entries.append(_Entry(length=len(norm_key) + 1))
        return self._entries[idx]

    def _build_matcher(self) -> None:
        for (place_id, alias), keys in zip(self._pairs, self._alias_keys, strict=True):
            mode = _case_mode(alias)
            letters = "".join(c for c in alias if c.isalpha())
            for k in keys:
                entry = self._entry(k)
                if all(p != place_id for p, _ in entry.places):
                    entry.places.append((place_id, mode))
                    self._alias_letters[(self._keys[k], place_id)] = letters
                    if _tail_upper(alias):
                        self._tail_upper.add((self._keys[k], place_id))
        for entry in self._entries:
            entry.places.sort(key=lambda pm: self._priority(pm[0]))
        for phrase in self._blocked:
            for k in normalize_name(phrase):
                self._entry(k)  # an entry with no places: matched, then dropped
        generics = list(ROAD_NOUNS) + list(self._facility_kinds)
        for noun in generics:
            for det in GENERIC_DETERMINERS:
                self._entry(f"{det} {noun}").generic = noun
        automaton = ahocorasick.Automaton()
        for k, idx in self._keys.items():
            automaton.add_word(" " + k, idx)
        automaton.make_automaton()
        self._automaton = automaton

    # --- lookup ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def place(self, place_id: str) -> Place:
        """The place with this ``place_id``; raises :class:`GazetteerError` if there is none."""
        try:
            return self._places[place_id]
        except KeyError:
            raise GazetteerError(f"no place with place_id {place_id!r}") from None

    @property
    def places(self) -> list[Place]:
        """Every place, in gazetteer order."""
        return list(self._places.values())

    def capital_of(self, place_id: str) -> str | None:
        """The capital city of a governorate, or of the governorate a countryside is part of."""
        place = self._places.get(place_id)
        if place is None:
            return None
        gov = place_id if place.place_type == "governorate" else place.parent_id
        for city, governorate in self._capital_of.items():
            if governorate == gov:
                return city
        return None

    def name_keys(self, place_id: str) -> set[str]:
        """The normalised keys of every name and alias of ``place_id``."""
        return set(self._keys_of.get(place_id, set()))

    def candidates(self, name: str) -> list[Place]:
        """Every place ``name`` can denote, most likely first (empty if unknown)."""
        if not isinstance(name, str):
            raise TypeError(f"place name must be str, not {type(name).__name__}")
        if name in self._places:
            return [self._places[name]]
        text = name.strip()
        if not text or len(text) > 200:
            return []
        for variant in (text, re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)):
            for k in normalize_name(variant):
                idx = self._keys.get(k)
                if idx is not None and self._entries[idx].places:
                    return [self._places[p] for p, _ in self._entries[idx].places]
        owners = self._roman.get(roman_from_key(key(text)), [])
        return [self._places[owners[0]]] if len(owners) == 1 else []  # only where unique

    def roman_candidates(self, name: str) -> list[Place]:
        """Every place whose romanisation key equals that of ``name``."""
        return [self._places[p] for p in self._roman.get(roman_from_key(key(name)), [])]

    def lookup(self, name: object, context: Sequence[Mention] = ()) -> Place | None:
        """The place ``name`` most likely denotes, or ``None``.

        ``context``: the mentions of the text the name comes from (:meth:`find_mentions`).
        A name several places share then goes to the one in the governorates the text names,
        nearest its other places; and a spelling no alias knows resolves by its romanisation
        key to the one place with that key there, or the one spelled clearly closest, or the
        one clearly nearest ("Sheikh Hadid" in an article about Afrin: Shaykh al Hadid, not
        the village in Hama). Without a context, a romanisation key resolves only where one
        place in all of Syria has it.

        ``None``, NaN and the empty string give ``None``; a non-string raises ``TypeError``.
        """
        if name is None or (isinstance(name, float) and math.isnan(name)):
            return None
        if not isinstance(name, str):
            raise TypeError(f"place name must be str, not {type(name).__name__}")
        found = self.candidates(name)
        if not context:
            return found[0] if found else None
        region = self._region(list(context))
        anchors = self._anchors(context).points
        if found:
            local = [p.place_id for p in found if p.admin1 in region]
            if len(local) > 1:
                best = self._nearest(local, anchors)
                return self._places[best] if best else found[0]
            if local:
                return self._places[local[0]]
        # a spelling of a place in the region ("al-Majdal" near Hama, not Majdal in Hasakah)
        local = []
        if usable(roman_from_key(key(name))):
            local = [
                p.place_id
                for p in self.roman_candidates(name)
                if p.admin1 in region and p.in_syria and p.place_type in C.CONTROL_TYPES
            ]
        if len(local) > 1:
            best = self._closest(key(name), local, anchors)
            return self._places[best] if best else (found[0] if found else None)
        return self._places[local[0]] if local else (found[0] if found else None)

    def resolve(self, name: object) -> Place:
        """Like :meth:`lookup`, but an unknown name raises :class:`GazetteerError`."""
        place = self.lookup(name)
        if place is None:
            hint = ""
            if isinstance(name, str) and 0 < len(name) <= 200:
                close = difflib.get_close_matches(key(name), list(self._keys), n=3, cutoff=0.8)
                if close:
                    hint = f"; did you mean {', '.join(close)}?"
            raise GazetteerError(f"unknown place: {name!r}{hint}")
        return place

    def suggest(self, name: str, n: int = 5) -> list[tuple[Place, str, float]]:
        """The places whose names are nearest to ``name``: (place, the name's key, distance),
        distance 0 for the same key or the same romanisation key, else 1 - difflib's ratio."""
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            return []
        k = key(name)
        out: dict[str, tuple[Place, str, float]] = {}
        for p in self.candidates(name) + self.roman_candidates(name):
            out.setdefault(p.place_id, (p, k, 0.0))
        for close in difflib.get_close_matches(k, list(self._keys), n=n * 3, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, k, close).ratio()
            for pid, _ in self._entries[self._keys[close]].places:
                out.setdefault(pid, (self._places[pid], close, round(1 - ratio, 3)))
        return sorted(out.values(), key=lambda t: (t[2], self._priority(t[0].place_id)))[:n]

    def nearest(self, lat: float, lon: float, k: int = 1) -> list[tuple[Place, float]]:
        """The ``k`` settlements nearest to (``lat``, ``lon``), with great-circle distance in m."""
        settlements = [
            p for p in self._places.values() if p.place_type in {"city", "town", "village"}
        ]
        lats = np.radians([p.lat for p in settlements])
        lons = np.radians([p.lon for p in settlements])
        la, lo = math.radians(lat), math.radians(lon)
        hav = (
            np.sin((lats - la) / 2) ** 2 + np.cos(la) * np.cos(lats) * np.sin((lons - lo) / 2) ** 2
        )
        distance_m = 2 * 6_371_008.8 * np.arcsin(np.sqrt(np.clip(hav, 0, 1)))
        order = np.argsort(distance_m)[:k]
        return [(settlements[i], float(distance_m[i])) for i in order]

    # --- mentions -------------------------------------------------------------------------
    def find_mentions(self, text: str, article: str = "-") -> list[Mention]:
        """Every place mention in ``text``, in text order (DESIGN.md §4).

        Parameters
        ----------
        text : str
            Article text (any size; garbage is fine).
        article : str
            Value for the records' ``article`` field (the file name, or ``-``).
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if not text:
            return []
        norm = normalize(text)
        haystack = " " + norm.text
        spans: list[tuple[int, int, int, list[str]]] = []  # (start, end, entry, place_ids)
        generics: list[tuple[int, int, str]] = []
        for end_idx, entry_idx in self._automaton.iter(haystack):
            entry = self._entries[entry_idx]
            n_end = end_idx  # exclusive end in norm coordinates (haystack has 1 leading space)
            n_start = n_end - entry.length + 1
            if n_end < len(norm.text) and norm.text[n_end] != " ":
                o_last = int(norm.index[n_end - 1])
                nxt = o_last + 1
                if not (
                    nxt < len(text) and text[nxt].isupper() and text[o_last].islower()
                ):  # "provinceImage": a scrape artefact still ends the word
                    continue
            o_start, o_end = norm.span(n_start, n_end)
            if o_end < len(text) and text[o_end] == "." and "." in text[o_start:o_end]:
                o_end += 1  # an abbreviation keeps its final dot: "U.S."
            surface = text[o_start:o_end]
            if entry.generic is not None:
                generics.append((o_start, o_end, entry.generic))
                continue
            ok = []
            upper = surface != surface.lower()
            tail: bool | None = None  # computed once, if some alias needs it
            for p, mode in entry.places:
                if mode == _CASE_ANY:
                    ok.append(p)
                elif mode == _CASE_PROPER:
                    # a proper name is capitalised; one whose last word is ("Al Seen") is so
                    # in the text too
                    if upper and (entry_idx, p) in self._tail_upper:
                        tail = _tail_upper(surface) if tail is None else tail
                        if tail:
                            ok.append(p)
                    elif upper:
                        ok.append(p)
                elif (
                    "".join(c for c in surface if c.isalpha())
                    == self._alias_letters[(entry_idx, p)]
                ):
                    ok.append(p)
            if ok or not entry.places:  # a blocked phrase still claims its span
                spans.append((o_start, o_end, entry_idx, ok))
        occupied = bytearray(len(text))
        chosen = [span for span in _longest_non_overlapping(spans, occupied) if span[3]]
        mentions = self._in_context(text, self._resolve_senses(text, chosen, article))
        mentions += self._nested_rivers(text, spans, chosen, article)
        mentions = self._longer_names(text, mentions, occupied, article)
        mentions += self._romanised(text, mentions, occupied, article)
        mentions += self._resolve_generics(text, generics, mentions, occupied, article)
        mentions += self._unresolved(text, occupied, article)
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _mention(
        self, text: str, start: int, end: int, place_id: str | None, article: str
    ) -> Mention:
        if place_id is None:
            return Mention(article, text[start:end], start, end, None, None, None, None, None, None)
        p = self._places[place_id]
        return Mention(
            article,
            text[start:end],
            start,
            end,
            p.place_id,
            p.name,
            p.place_type,
            p.lat,
            p.lon,
            p.geo_precision,
        )

    def _resolve_senses(
        self, text: str, chosen: list[tuple[int, int, int, list[str]]], article: str
    ) -> list[Mention]:
        support = Counter(self._places[ids[0]].admin1 for _, _, _, ids in chosen if len(ids) == 1)
        out = []
        for start, end, _, ids in chosen:
            place_id = ids[0]
            if len(ids) > 1:
                # a town the reference lists know beats a long-tail village of the same name
                # ("Hamah" in an article that also names Aleppo: the city, not the hamlet)
                ids = [p for p in ids if not self.needs_support(p)] or ids
                place_id = max(ids, key=lambda p: (support[self._places[p].admin1], -ids.index(p)))
            gov = self._capital_of.get(place_id)
            if gov and (
                _GOVERNORATE_CUE.search(text[max(0, start - 40) : start])
                or _PROVINCES_OF.search(text[max(0, start - 60) : start])
                or _GOVERNORATE_AFTER.match(text, end)
                or (
                    _WHOLE_CUE.search(text[max(0, start - 30) : start])
                    and not _CITY_AFTER.match(text, end)
                    and "city" not in text[start:end].lower()  # "all of Syria's largest city"
                )
            ):
                place_id = gov  # "the province of Idlib", "all of Idlib" (not "all of Aleppo city")
            out.append(self._mention(text, start, end, place_id, article))
        return out

    def minor(self, place_id: str) -> bool:
        """A village known only from the long-tail locality list (Who's On First): its name
        needs support from the article before it is taken as a place, and maps show it only
        where a claim names it."""
        return place_id in self._minor

    def needs_support(self, place_id: str) -> bool:
        """A name taken as a place only with support from the article (its governorate named,
        or a list or place cue before it): a minor village, or a district of a city."""
        return place_id in self._supported

    def _region(self, found: list[Mention]) -> set[str]:
        """Governorates the article names through places that need no support."""
        return {
            self._places[m.place_id].admin1
            for m in found
            if m.place_id and not self.needs_support(m.place_id) and m.place_type != "country"
        }

    def _in_context(self, text: str, found: list[Mention]) -> list[Mention]:
        """Drop minor villages that stand alone: outside the governorates the article names
        and after no list or place cue, or that look like part of a person's name
        ("Bashar al-Assad", "President Bashar")."""
        region = self._region(found)
        ends = {m.end for m in found if m.place_id and not self.needs_support(m.place_id)}
        out = []
        for m in sorted(found, key=lambda m: m.start):
            if m.place_id and self.needs_support(m.place_id):
                if _person_like(text, m.start, m.end):
                    continue
                in_region = self._places[m.place_id].admin1 in region
                if not in_region and not _cued(text, m.start, ends):
                    continue
            ends.add(m.end)
            out.append(m)
        return out

    def _romanised(
        self, text: str, found: list[Mention], occupied: bytearray, article: str
    ) -> list[Mention]:
        """Capitalised names no alias matched, resolved by their romanisation key where it
        picks one place: the only place with that key, in a governorate the article names or
        after a list or place cue; or the only one of several in such a governorate."""
        runs = []
        for run in _CAPITAL_RUN.finditer(text):
            if 1 not in occupied[run.start() : run.end()]:
                base = run.start()
                runs.append([(base + w.start(), base + w.end()) for w in _WORD.finditer(run[0])])
        if not runs:
            return []
        # every window of every run, keyed in one vectorised pass (linear in the text)
        windows = [
            (words[i][0], words[j - 1][1])
            for words in runs
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
        ]
        folded = normalize_many([text[a:b] for a, b in windows], fold_spaced_articles=True)
        keyed = {
            w: rk for w, rk in zip(windows, roman_many(folded), strict=True) if rk in self._roman
        }
        if not keyed:
            return []
        region = self._region(found)
        anchors = self._anchors(found)  # what tells homonyms apart, near each name
        ends = {m.end for m in found if m.place_id}
        out: list[Mention] = []
        for words in runs:
            i = 0
            while i < len(words):
                hit = None
                for j in range(len(words), i, -1):  # longest window first
                    a, b = words[i][0], words[j - 1][1]
                    rk = keyed.get((a, b))
                    hit = (
                        self._roman_hit(text, a, b, rk, region, anchors.near(a), ends)
                        if rk
                        else None
                    )
                    if hit:
                        ends.add(b)
                        out.append(self._mention(text, a, b, hit, article))
                        occupied[a:b] = b"\x01" * (b - a)
                        i = j
                        break
                if not hit:
                    i += 1
        return out

    def _nested_rivers(
        self,
        text: str,
        spans: list[tuple[int, int, int, list[str]]],
        chosen: list[tuple[int, int, int, list[str]]],
        article: str,
    ) -> list[Mention]:
        """The river a region is named by ("east of the Euphrates" names the Euphrates too):
        a mention inside the region's."""
        rivers = [
            (a, b, pid)
            for a, b, _, ids in spans
            for pid in ids[:1]
            if self._places[pid].place_type == "river"
        ]
        if not rivers:
            return []
        starts = [c[0] for c in chosen]
        out = []
        for a, b, pid in rivers:
            i = bisect.bisect_right(starts, a) - 1
            if i >= 0 and chosen[i][1] >= b and (chosen[i][0], chosen[i][1]) != (a, b):
                out.append(self._mention(text, a, b, pid, article))
        return out

    def _longer_names(
        self, text: str, found: list[Mention], occupied: bytearray, article: str
    ) -> list[Mention]:
        """A name matched after a capitalised word no entry joins to it ("Tal| Malah",
        "Tell| Hamid"): where the longer name's romanisation key picks a place
        (:meth:`_roman_hit`), that place replaces the shorter name's."""
        region: set[str] | None = None
        anchors = _Anchors([], np.empty((0, 2)))
        ends = {m.end for m in found if m.place_id}
        out = []
        for m in found:
            before = _NAME_PREFIX.search(text, max(0, m.start - 24), m.start) if m.start else None
            if before and before.group(1).lower() not in self._roman_stop:
                if region is None:
                    region, anchors = self._region(found), self._anchors(found)
                rk = roman_from_key(key(text[before.start() : m.end]))
                hit = (
                    self._roman_hit(
                        text, before.start(), m.end, rk, region, anchors.near(m.start), ends
                    )
                    if rk in self._roman
                    else None
                )
                if hit and hit != m.place_id:
                    occupied[before.start() : m.end] = b"\x01" * (m.end - before.start())
                    m = self._mention(text, before.start(), m.end, hit, article)
            out.append(m)
        return out

    def _roman_hit(
        self,
        text: str,
        a: int,
        b: int,
        roman: str,
        region: set[str],
        anchors: np.ndarray,
        ends: set[int],
    ) -> str | None:
        words = [w.lower() for w in _WORD.findall(text[a:b])]
        if all(w in self._roman_stop or len(w) <= 2 for w in words):
            return None  # English words ("Army", "Sunday") and articles alone
        owners = [
            p
            for p in self._roman.get(roman, ())
            if self._places[p].in_syria and self._places[p].place_type in C.CONTROL_TYPES
        ]
        if not owners or _person_like(text, a, b):
            return None
        local = [p for p in owners if self._places[p].admin1 in region]
        if len(owners) == 1:
            return owners[0] if local or _cued(text, a, ends) else None
        if len(local) > 1:  # several in the region: the one spelled clearly closest, if any
            return self._closest(key(text[a:b]), local, anchors)
        return local[0] if local else None

    def _closest(
        self,
        folded: str,
        place_ids: list[str],
        anchors: np.ndarray | None = None,
        margin: float = 0.1,
    ) -> str | None:
        """The place whose name is spelled most like ``folded``, if it leads by ``margin``;
        among those spelled alike, the one clearly nearest the ``anchors`` (:meth:`_nearest`)."""
        scored = sorted(
            (
                max(difflib.SequenceMatcher(None, folded, k).ratio() for k in self._keys_of[p]),
                p,
            )
            for p in place_ids
        )
        best, second = scored[-1], scored[-2]
        if best[0] - second[0] >= margin:
            return best[1]
        if anchors is None or not len(anchors):
            return None
        return self._nearest([p for r, p in scored if best[0] - r < margin], anchors)

    def _anchors(self, mentions: Iterable[Mention]) -> _Anchors:
        """The settlements and facilities a text names through places that need no support,
        in text order: what tells homonyms apart."""
        found = [
            m
            for m in sorted(mentions, key=lambda m: m.start)
            if m.place_id
            and m.lat is not None
            and m.lon is not None
            and not self.needs_support(m.place_id)
            and m.place_type in _ANCHOR_TYPES
        ]
        points = np.radians(np.array([(m.lat, m.lon) for m in found], dtype=float).reshape(-1, 2))
        return _Anchors([m.start for m in found], points)

    def _nearest(self, place_ids: list[str], anchors: np.ndarray) -> str | None:
        """Of ``place_ids``, the one nearest an anchor if it is within
        ``_HOMONYM_RADIUS_M`` and under half as far as the next; otherwise none."""
        if not len(anchors) or len(place_ids) < 2:
            return place_ids[0] if len(place_ids) == 1 else None
        lat = np.radians([self._places[p].lat for p in place_ids])[:, None]
        lon = np.radians([self._places[p].lon for p in place_ids])[:, None]
        hav = (
            np.sin((anchors[:, 0] - lat) / 2) ** 2
            + np.cos(lat) * np.cos(anchors[:, 0]) * np.sin((anchors[:, 1] - lon) / 2) ** 2
        )
        distance_m = (2 * 6_371_008.8 * np.arcsin(np.sqrt(np.clip(hav, 0, 1)))).min(axis=1)
        order = np.argsort(distance_m)
        first, second = distance_m[order[0]], distance_m[order[1]]
        if first <= _HOMONYM_RADIUS_M and first < 0.5 * second:
            return place_ids[int(order[0])]
        return None

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
            place_id = (
                self._road_for(text, end, ordered, starts)
                if noun in ROAD_NOUNS
                else self._facility_for(text, noun, noun_start, ordered, starts)
                or self._facility_of_next(text, noun, end, ordered, starts)
            )
            if place_id is not None:
                out.append(self._mention(text, noun_start, end, place_id, article))
                occupied[noun_start:end] = b"\x01" * (end - noun_start)
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
        own = [f for f in self._facility_kinds.get(noun, []) if self._places[f].parent_id == owner]
        return own[0] if len(own) == 1 else None

    def _facility_for(
        self, text: str, noun: str, start: int, ordered: list[Mention], starts: list[int]
    ) -> str | None:
        """The facility of kind ``noun`` ("airport", "military academy") of a place named
        before it in the same sentence: the place's own facility, or the one facility of that
        kind in a governorate or countryside named there. Otherwise none: a bare "the airport"
        is left unresolved rather than bound to some other city's airport."""
        kinds = self._facility_kinds.get(noun, [])
        sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
        lo = bisect.bisect_left(starts, max(sentence_start, start - _GENERIC_WINDOW_CHARS))
        hi = bisect.bisect_left(starts, start)
        for m in reversed(ordered[lo:hi]):
            if m.place_id is None or m.end > start:
                continue
            here = self._places[m.place_id]
            # a facility or district named before stands for its city ("Sheikh Najjar … the
            # military academy": the academy of Aleppo)
            anchor = here.parent_id if here.place_type in ("facility", "neighbourhood") else None
            own = [fid for fid in kinds if self._places[fid].parent_id in (m.place_id, anchor)]
            if here.place_type in ("governorate", "countryside"):
                own = own or [fid for fid in kinds if self._places[fid].admin1 == here.admin1]
            if len(own) == 1:
                return own[0]
        return None

    def _unresolved(self, text: str, occupied: bytearray, article: str) -> list[Mention]:
        out = []
        for match in _UNRESOLVED_CUE.finditer(text):
            start, end = match.span(1)
            if 1 in occupied[start:end]:
                continue
            mention = self._mention(text, start, end, None, article)
            cue = match.group(0).split()[0].lower().replace("neighborhood", "neighbourhood")
            cue = {
                "province": "governorate",
                "suburb": "neighbourhood",
                "area": "region",
                "district": "region",
            }.get(cue, cue)
            out.append(replace(mention, place_type=cue if cue in C.PLACE_TYPES else None))
        return out

    # --- helpers for callers --------------------------------------------------------------
    def mentions_frame(self, mentions: Iterable[Mention]) -> pd.DataFrame:
        """Mentions as a DataFrame with the DESIGN.md §4 columns."""
        return pd.DataFrame([m.as_json() for m in mentions], columns=list(C.MENTION_FIELDS))


def unresolved_warnings(source: str, text: str, mentions: Iterable[Mention]) -> list[str]:
    """``file:line: unresolved place "X"`` for every candidate name no entry matched."""
    return [
        f'{source}:{text.count(chr(10), 0, m.start) + 1}: unresolved place "{m.surface}" '
        "(kept with place_id null)"
        for m in mentions
        if m.place_id is None
    ]


def _cued(text: str, start: int, ends: set[int]) -> bool:
    """Does a place noun ("the villages of") stand before ``start``, or a list separator right
    after a place (``ends``: where places found so far end)?"""
    if _PLACE_NOUN_CUE.search(text, max(0, start - 40), start):
        return True
    sep = _LIST_SEP.search(text, max(0, start - 16), start)
    return sep is not None and sep.start() in ends


def _person_like(text: str, start: int, end: int) -> bool:
    """Is a one-word name glued to another capitalised word, as in a person's name? ("Bashar
    al-Assad", "President Bashar", "Omar Abdulrahman"); a comma or "and" between words is a
    list, not a name."""
    if " " in text[start:end].strip():
        return False
    after = re.match(r"[ \t]+(?:(?:al|el|bin|ibn|abu|abd)[-\s])?([A-Z]\w+)", text[end : end + 30])
    before = re.search(r"([A-Z][\w.]*)[ \t]+$", text[max(0, start - 30) : start])
    sentence_start = before is not None and re.search(
        r"(?:^|[.!?\n]\s*)\S+[ \t]+$", text[max(0, start - 32) : start]
    )
    return bool(after) or bool(before and not sentence_start)


def _noun_start(text: str, start: int, end: int) -> int:
    """Start of the noun in a "determiner noun" span."""
    space = text.find(" ", start, end)
    i = space + 1 if space >= 0 else start
    while i < end and not text[i].isalpha():
        i += 1
    return i


def _longest_non_overlapping(
    spans: list[tuple[int, int, int, list[str]]], occupied: bytearray
) -> list[tuple[int, int, int, list[str]]]:
    """Keep the longest span wherever spans overlap (ties: the earlier one), in text order.

    ``occupied`` (one byte per character of the text) is marked where spans are kept.
    """
    chosen = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        s, e = span[0], span[1]
        if 1 in occupied[s:e]:
            continue
        occupied[s:e] = b"\x01" * (e - s)
        chosen.append(span)
    chosen.sort(key=lambda s: s[0])
    return chosen


def data_dir() -> Path:
    """The folder holding ``gazetteer.csv`` and the other committed data files.

    ``$FRONTLINE_DATA``, else ``data/`` of the source tree the package runs from, else the copy
    an installed wheel carries as ``geo/data``.
    """
    env = os.environ.get("FRONTLINE_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    source = here.parent / "data"
    return source if is_source_tree() else here / "data"


def is_source_tree() -> bool:
    """Whether the package runs from a checkout (``data/gazetteer.csv`` beside ``geo/``)."""
    return (Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv").is_file()


def gazetteer_cache_dir() -> Path:
    """Where the built gazetteer is cached: ``$FRONTLINE_CACHE``, else the user's cache folder
    (``$XDG_CACHE_HOME/frontline`` or ``~/.cache/frontline``)."""
    env = os.environ.get("FRONTLINE_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "frontline"


def _cache_file(inputs: Sequence[Path]) -> Path:
    """The cache file for these data files and this code: any change makes a new name."""
    digest = hashlib.sha256()
    for f in inputs:
        digest.update(f.read_bytes() if f.exists() else b"-")
    for module in ("gazetteer.py", "normalize.py", "romanize.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return gazetteer_cache_dir() / f"gazetteer-{digest.hexdigest()[:20]}.pickle"


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Load (once per path) the gazetteer from ``data/gazetteer.csv`` and ``data/m5.geojson``.

    Building the matcher over ~11k places takes about two seconds; the built object is kept in
    :func:`gazetteer_cache_dir` under a name that hashes the data files and the code, so later
    processes load it in well under a second. A cache that cannot be read or written is
    ignored (the gazetteer is then built).
    """
    base = Path(path) if path else data_dir() / "gazetteer.csv"
    inputs = [base] + [
        base.parent / n for n in ("m5.geojson", "not_places.csv", "roman_stopwords.txt")
    ]
    cached = _cache_file(inputs) if base.exists() else None
    if cached is not None and cached.is_file():
        try:
            with cached.open("rb") as fh:
                found = pickle.load(fh)  # written by this function only, in the user's cache
            if isinstance(found, Gazetteer):
                return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    gaz = _build_gazetteer(base)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cached)
            for old in cached.parent.glob("gazetteer-*.pickle"):
                if old != cached:  # built from older data or code
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return gaz


def _build_gazetteer(base: Path) -> Gazetteer:
    from geo import io

    frame = io.read_gazetteer_csv(base)
    roads = io.read_road_waypoints(base.parent / "m5.geojson")
    blocked = io.read_not_places(base.parent / "not_places.csv")
    stop_path = base.parent / "roman_stopwords.txt"
    stop = (
        [w for w in stop_path.read_text(encoding="utf-8").splitlines() if not w.startswith("#")]
        if stop_path.exists()
        else []
    )
    return Gazetteer(frame, roads=roads, blocked=blocked, roman_stopwords=stop)


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

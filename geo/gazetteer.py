"""Place resolution: the gazetteer (its places, aliases, loading and cache here; a row is a
:class:`geo.place.Place`), place mentions found in one pass over an article (:mod:`geo.mentions`),
places made on demand (:mod:`geo.madeplaces`) and the checks of its table (:mod:`geo.validation`).

``Gazetteer.lookup`` returns ``None`` for an unknown name (given a text's mentions, it resolves
spellings and homonyms in that text's region), ``Gazetteer.resolve`` raises
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
* **homonyms** — an alias shared by several places goes to a town of the reference lists over a
  long-tail village, then to the candidate whose governorate the rest of the article names
  most, else to the most populous; spellings alike in one governorate go to the place clearly
  nearest the places named around them;
* **generic nouns** — ``the highway`` / ``the road`` followed by ``linking``/``to``/``between``
  and places on a known road resolve to that road; ``its airport`` / ``the military academy``
  resolve to the facility of that kind of a place named before it in the same sentence, or
  of the place that locates it right after ("the air base south-west of Hama");
* **unresolved** — a capitalised name after ``the town of`` / ``the village of`` … that the
  gazetteer does not know is reported with ``place_id=None``, never silently dropped.

Coordinates are WGS84; every API here that takes or returns a coordinate pair says ``(lat, lon)``.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import math
import os
import pickle
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np
import pandas as pd

from geo import columns as C
from geo.errors import GazetteerError
from geo.generics import GENERIC_ADJECTIVES, GENERIC_DETERMINERS, ROAD_NOUNS, GenericNouns
from geo.madeplaces import MadePlaces
from geo.mentions import (
    _CASE_PROPER,
    ARTICLE_WORD,
    Mention,
    MentionFinder,
    _case_mode,
    _tail_upper,
)
from geo.normalize import key, name_keys, normalize_many, normalize_name
from geo.place import Place
from geo.romanize import roman_from_key, roman_many, usable
from geo.spellings import RomanSpellings

#: a name with a disambiguating qualifier: "Ashrafieh (Aleppo)"
_LEADING_ARTICLE = re.compile(rf"{ARTICLE_WORD}[\s'’-]", re.IGNORECASE)
#: "the Mhardeh–Suqaylabiyah road": a road named by the two places it links
_ROAD_BETWEEN = re.compile(
    r"^\s*(?:the\s+)?(.+?)\s?[-–—]\s?(.+?)\s+(?:road|highway|motorway|expressway)\s*$",
    re.IGNORECASE,
)
_QUALIFIED = re.compile(r"^\s*(.+?)\s*\(([^()]+)\)\s*$")
#: ``source`` of the long-tail localities (scripts/build_gazetteer.py): "minor" villages
LOCALITY_SOURCE = "via Who's On First"


@dataclass
class _Entry:
    """What one matcher key stands for."""

    length: int
    places: list[tuple[str, int]] = field(default_factory=list)  # (place_id, case mode)
    generic: str | None = None  # generic noun (road or facility kind), for determiner keys


class Gazetteer(MentionFinder, GenericNouns, MadePlaces, RomanSpellings):
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
        facility_nouns: Iterable[str] | None = None,
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
        self._roads_between: dict[str, Place] = {}  # roads named by two places, made on demand
        self._facilities_made: dict[str, Place] = {}  # facilities named by their place
        nouns = sorted({n.strip().lower() for n in facility_nouns or () if n.strip()}, key=len)
        self._facility_nouns = frozenset(nouns)
        alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in reversed(nouns))
        #: after a settlement's name: capitalised words, then a facility noun ("Khattab
        #: ammunition depot", "Morek Armoured Vehicles School")
        self._facility_after = (
            re.compile(rf"\s+((?:[A-Z][\w'’-]*\s+){{0,2}}?(?i:{alternation}))\b") if nouns else None
        )
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
        # the second key (i as y: Tir = Tayr) where it differs from the first; where it does
        # not, the first key's table holds it (:meth:`_second_owners`)
        self._roman_y: dict[str, list[str]] = {}
        firsts = roman_many(folded)
        seconds = roman_many(folded, i_as_y=True)
        for (pid, _), rk, rky in zip(pairs, firsts, seconds, strict=True):
            for index, k in ((self._roman, rk), (self._roman_y, rky if rky != rk else "")):
                if k and usable(k):
                    owners = index.setdefault(k, [])
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
        self._facility_owner = self._find_facility_owners()
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
            # the city of the governorate's name, else the town ("Quneitra")
            for kind in ("city", "town"):
                for other in self._places.values():
                    if (
                        other.admin1 == place.admin1
                        and other.place_type == kind
                        and stem in self._keys_of[other.place_id]
                    ):
                        capitals[other.place_id] = place.place_id
                if place.place_id in capitals.values():
                    break
        return capitals

    def _find_facility_owners(self) -> dict[str, str]:
        """Facility place_id → the settlement it belongs to: its parent, or, for a facility
        whose parent is its governorate, the town of that governorate whose name it starts
        with ("Albu Kamal border crossing": Albu Kamal)."""
        settlements: dict[str, list[tuple[str, str]]] = {}  # admin1 → (key, place_id)
        for place in self._places.values():
            if place.place_type in ("city", "town", "village"):
                for k in self._keys_of[place.place_id]:
                    settlements.setdefault(place.admin1, []).append((k, place.place_id))
        owners: dict[str, str] = {}
        for place in self._places.values():
            if place.place_type != "facility" or place.parent_id not in self._places:
                continue
            if self._places[place.parent_id].place_type != "governorate":
                owners[place.place_id] = place.parent_id
                continue
            named = [
                (len(sk), sid)
                for k in self._keys_of[place.place_id]
                for sk, sid in settlements.get(place.admin1, [])
                if k.startswith(sk + " ") and sid not in self._minor
            ]
            if named:
                owners[place.place_id] = max(named)[1]
        return owners

    def _find_facility_kinds(self) -> dict[str, list[str]]:
        """Generic noun ("airport", "military academy") → facility place_ids of that kind."""
        kinds: dict[str, list[str]] = {}
        for fid, owner in self._facility_owner.items():
            for k in self._keys_of[fid]:
                for pk in self._keys_of[owner]:
                    for form in (pk + " s ", pk + " "):
                        if k.startswith(form) and len(k) > len(form):
                            kinds.setdefault(k[len(form) :], []).append(fid)
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
            if self._facility_owner.get(fid) == owner.place_id
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
        tail_lower: set[tuple[int, str]] = set()  # written so by some alias of the key
        for (place_id, alias), keys in zip(self._pairs, self._alias_keys, strict=True):
            mode = _case_mode(alias)
            letters = "".join(c for c in alias if c.isalpha())
            tail = _tail_upper(alias)
            for k in keys:
                entry = self._entry(k)
                if not tail:
                    tail_lower.add((self._keys[k], place_id))
                if all(p != place_id for p, _ in entry.places):
                    entry.places.append((place_id, mode))
                    self._alias_letters[(self._keys[k], place_id)] = letters
                    if tail:
                        self._tail_upper.add((self._keys[k], place_id))
        # "Aleppo international airport" is an alias too: a lower-case tail is no bar then
        self._tail_upper -= tail_lower
        self._facility_spellings()
        self._homonym_spellings()
        for entry in self._entries:
            entry.places.sort(key=lambda pm: self._priority(pm[0]))
        for phrase in self._blocked:
            for k in normalize_name(phrase):
                self._entry(k)  # an entry with no places: matched, then dropped
        generics = list(ROAD_NOUNS) + list(self._facility_kinds)
        for noun in generics:
            for det in GENERIC_DETERMINERS:
                self._entry(f"{det} {noun}").generic = noun
                for adj in GENERIC_ADJECTIVES:  # "the medieval citadel", "its main prison"
                    if not noun.startswith(adj + " "):
                        self._entry(f"{det} {adj} {noun}").generic = noun
        for det in ("its", "their", "the surrounding", "its surrounding"):
            self._entry(f"{det} countryside").generic = "countryside"  # a city's countryside
        automaton = ahocorasick.Automaton()
        for k, idx in self._keys.items():
            automaton.add_word(" " + k, idx)
        automaton.make_automaton()
        self._automaton = automaton

    def _facility_spellings(self) -> None:
        """A facility named by its town under any spelling of the town: "Deir Ezzor military
        airport", "Dayr az Zawr's airport" (the gazetteer spells it "Deir ez-Zor military
        airport")."""
        for kind, ids in self._facility_kinds.items():
            for pid in ids:
                parent = self._places[pid].parent_id
                if not parent or self._places[parent].place_type not in ("city", "town"):
                    continue
                for pk in self._keys_of[parent]:
                    for k in (f"{pk} {kind}", f"{pk} s {kind}"):
                        entry = self._entry(k)
                        if all(p != pid for p, _ in entry.places):
                            entry.places.append((pid, _CASE_PROPER))

    def _homonym_spellings(self) -> None:
        """A spelling of one long-tail village is a spelling of its namesakes: GeoNames lists
        "Sheikh Aqil" for the Shaykh 'Aqil near al-Bab only, and the article's other places must be
        able to choose the one west of Aleppo (:meth:`_resolve_senses`)."""
        namesakes: dict[str, list[str]] = {}
        for pid in self._minor:  # long-tail villages only: a town keeps its own spellings
            namesakes.setdefault(key(self._places[pid].name), []).append(pid)
        groups = {pid: ids for ids in namesakes.values() if len(ids) > 1 for pid in ids}
        if not groups:
            return
        for idx, entry in enumerate(self._entries):
            for pid, mode in list(entry.places):
                for other in groups.get(pid, ()):
                    if all(p != other for p, _ in entry.places):
                        entry.places.append((other, mode))
                        letters = self._alias_letters.get((idx, pid))
                        if letters is not None:
                            self._alias_letters[(idx, other)] = letters
                        if (idx, pid) in self._tail_upper:
                            self._tail_upper.add((idx, other))

    # --- lookup ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._places) - len(self._roads_between) - len(self._facilities_made)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places or self._made(place_id) is not None

    def place(self, place_id: str) -> Place:
        """The place with this ``place_id``; raises :class:`GazetteerError` if there is none."""
        try:
            return self._places[place_id]
        except KeyError:
            made = self._made(place_id)
            if made is not None:
                return made
            raise GazetteerError(f"no place with place_id {place_id!r}") from None

    @property
    def places(self) -> list[Place]:
        """Every place of the gazetteer, in its order (not the roads and facilities made on
        demand)."""
        return [
            p
            for pid, p in self._places.items()
            if pid not in self._roads_between and pid not in self._facilities_made
        ]

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

    def governorate_of_capital(self, place_id: str) -> str | None:
        """The governorate whose capital ``place_id`` is ("hama" → "hama-governorate")."""
        return self._capital_of.get(place_id)

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
        idx = self._alias_entry(text)
        if idx is not None:
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
        between = _ROAD_BETWEEN.match(name) if not found else None
        if between:
            a, b = self.lookup(between.group(1), context), self.lookup(between.group(2), context)
            road = self.road_between(a.place_id, b.place_id) if a and b else None
            if road is not None:
                return road
        if not found:
            facility = self._facility_named(name, context)
            if facility is not None:
                return facility
        qualified = _QUALIFIED.match(name) if not found else None
        if qualified:
            # "east bank of the Euphrates (Deir ez-Zor)": the name, where the qualifier is
            base, where = qualified.group(1), self.lookup(qualified.group(2))
            inside = [p for p in self.candidates(base) if where and p.admin1 == where.admin1]
            return inside[0] if inside else self.lookup(base, context)
        if not context:
            return found[0] if found else None
        region = self._region(list(context))
        anchors = self._anchors(context).points
        if found:
            local = [p.place_id for p in found if p.admin1 in region]
            if len(local) > 1:
                best = self._nearest(local, anchors) or self._most_named(local, context)
                return self._places[best] if best else self._places[local[0]]
            if local:
                return self._places[local[0]]
            if any(p.place_type not in ("village", "town") for p in found):
                return found[0]  # "Syria", "Idlib Governorate": no village's romanisation
        # a spelling of a place in the region ("al-Majdal" near Hama, not Majdal in Hasakah)
        folded = key(name)
        owners = self._roman_owners(roman_from_key(folded))
        local = [p for p in owners if self._places[p].admin1 in region]
        if not local and usable(roman_from_key(folded)):  # "Tir Maalah" = Tayr Ma'lah
            owners_y = self._second_owners(roman_many([folded], i_as_y=True)[0])
            local = [p for p in owners_y if self._places[p].admin1 in region]
        # a place outside the article's region only where an alias names it: a romanisation
        # key alone ("Tir Maalah" ~ Tarmala in Idlib, for a village north of Homs) is no match
        aliased = found[0] if found and self._aliased(name) else None
        if (
            aliased
            and self.needs_support(aliased.place_id)
            and self._far(aliased.place_id, anchors)
        ):
            aliased = None  # "al-Qasimiyah" among villages west of Aleppo: not the Hasakah one
        if len(local) > 1:
            best = self._closest(key(name), local, anchors)
            return self._places[best] if best else aliased
        if local and self._far(local[0], anchors):
            return aliased  # a key's only reading far from every place the text names
        return self._places[local[0]] if local else aliased

    def _aliased(self, name: str) -> bool:
        """Does an alias of some place spell ``name`` (not only its romanisation key)?"""
        return self._alias_entry(name.strip()) is not None

    def _alias_entry(self, text: str) -> int | None:
        """The matcher entry an alias spelling of ``text`` reaches, with or without "the", and
        with "al-" where the name has no article ("Saan": every spelling has "al-")."""
        variants = [text, re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)]
        if not _LEADING_ARTICLE.match(text):
            variants.append(f"al-{text}")
        for variant in variants:
            for k in normalize_name(variant):
                idx = self._keys.get(k)
                if idx is not None and self._entries[idx].places:
                    return idx
        return None

    def _most_named(self, place_ids: list[str], context: Sequence[Mention]) -> str | None:
        """Of homonyms in several governorates the text names, the one in the governorate it
        names most ("al-Jubayn … in the western countryside of Hama … Idlib and Hama
        provinces": Hama's), if one governorate leads."""
        counts = Counter(
            self._places[m.place_id].admin1
            for m in context
            if m.place_id in self._places and m.place_type != "country"
        )
        ranked = sorted(place_ids, key=lambda p: -counts[self._places[p].admin1])
        top = counts[self._places[ranked[0]].admin1]
        if top and top > counts[self._places[ranked[1]].admin1]:
            return ranked[0]
        return None

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

    def minor(self, place_id: str) -> bool:
        """A village known only from the long-tail locality list (Who's On First): its name
        needs support from the article before it is taken as a place, and maps show it only
        where a claim names it."""
        return place_id in self._minor

    def needs_support(self, place_id: str) -> bool:
        """A name taken as a place only with support from the article (its governorate named,
        or a list or place cue before it): a minor village, or a district of a city."""
        return place_id in self._supported

    # --- helpers for callers --------------------------------------------------------------
    def mentions_frame(self, mentions: Iterable[Mention]) -> pd.DataFrame:
        """Mentions as a DataFrame with the DESIGN.md §4 columns."""
        return pd.DataFrame([m.as_json() for m in mentions], columns=list(C.MENTION_FIELDS))


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
    for module in (
        "gazetteer.py",
        "mentions.py",
        "generics.py",
        "madeplaces.py",
        "place.py",
        "normalize.py",
        "romanize.py",
        "spellings.py",
    ):
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
        base.parent / n
        for n in ("m5.geojson", "not_places.csv", "roman_stopwords.txt", "facility_nouns.txt")
    ]
    cached = _cache_file(inputs) if base.exists() else None
    if cached is not None and cached.is_file():
        try:
            with cached.open("rb") as fh:
                found = _unpickle(fh)  # written by this function only, in the user's cache
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


def _unpickle(fh: Any) -> Any:
    """``pickle.load`` with the cyclic garbage collector paused: the cached build is some
    million small objects, and collecting while they are made doubles the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


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
    nouns_path = base.parent / "facility_nouns.txt"
    nouns = (
        [w for w in nouns_path.read_text(encoding="utf-8").splitlines() if not w.startswith("#")]
        if nouns_path.exists()
        else []
    )
    return Gazetteer(
        frame, roads=roads, blocked=blocked, roman_stopwords=stop, facility_nouns=nouns
    )

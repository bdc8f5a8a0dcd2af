"""Place mentions: every place an article names, found in one pass over its text.

``MentionFinder.find_mentions`` (a :class:`geo.gazetteer.Gazetteer` method) runs one
Aho-Corasick pass of every alias (and every generic facility/road noun) over the normalised
text, keeps the longest match at each place in the text, then applies the context rules listed
in :mod:`geo.gazetteer`: sense, support, romanisation, homonyms, generic nouns, unresolved names.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from geo import columns as C

if TYPE_CHECKING:
    from geo.place import Place
from geo.normalize import normalize

#: the Arabic article as prose writes it: al-, an-, ar-, as-, ad-, at-, az-, el-, es- …, ash-
ARTICLE_WORD = r"(?:a[lnrsdtz]|el|e[snrdtz]|ash|esh)"
#: an Arabic article at the head of a folded name ("az zahra", "al jubayn")
_ARTICLE_HEAD = re.compile(rf"^{ARTICLE_WORD}\s+")
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
    # "displaced in Idlib and northern Aleppo": beside a part of a governorate, a governorate
    r"|\s+and\s+(?:the\s+)?(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+[A-Z]"
)
#: after the name: "the Hama and Homs countrysides", "Hama, Homs and Idlib countrysides"
_COUNTRYSIDES_AFTER = re.compile(
    rf"(?:(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|&)\s+{_NAME})?\s+countrysides\b", re.IGNORECASE
)
#: before the last name of a list: "the countryside of Idlib and", "the countrysides of Hama, "
_COUNTRYSIDES_OF = re.compile(
    rf"\bcountrysides?\s+of\s+(?:the\s+)?{_NAME}(?:\s*,\s*{_NAME})*\s*(?:,\s*)?(?:and|&)\s+$",
    re.IGNORECASE,
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
#: a place noun before a name: "the villages of X", "the town of X"
_PLACE_NOUN_CUE = re.compile(
    r"\b(?:towns?|villages?|cities|city|hamlets?|localities|areas?|districts?|neighbou?rhoods?"
    r"|suburbs?)\s+(?:of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
#: a list separator: the name goes on a list of places ("X, Y and Z")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?)$")
_CASE_ANY, _CASE_PROPER, _CASE_EXACT = 0, 1, 2
#: places that tell homonyms apart by distance, and how near the right one must lie
_ANCHOR_TYPES = frozenset({"city", "town", "village", "facility", "neighbourhood"})
_HOMONYM_RADIUS_M = 60_000.0
#: how far (characters) a place may stand from a homonym and still help choose its sense
_NEIGHBOUR_CHARS = 150
#: between a place and the place that locates it, a few words on ("al-Nayrab on the M4 east
#: of Idlib city", "Shaykh Aqil, 20 km west of Aleppo", "the village of Bala near Atarib")
_LOCATED_BY = re.compile(
    r"\s*,?\s*(?:[\w-]+\s+){0,4}?(?:(?:about|some|just|roughly)\s+)?"
    r"(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of|near|outside|close\s+to)"
    r"\s+(?:the\s+)?(?:(?:city|town|village|province)\s+of\s+)?",
    re.IGNORECASE,
)
#: a long-tail village this far from the city district named beside it is another place of the
#: same name (a district the gazetteer lacks)
_FAR_M = 20_000.0
_ANCHOR_WINDOW_CHARS = 3_000


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


def place_mention(place: Place, article: str, surface: str, start: int, end: int) -> Mention:
    """A mention of the gazetteer ``place`` on ``surface`` (``text[start:end]``)."""
    return Mention(
        article,
        surface,
        start,
        end,
        place.place_id,
        place.name,
        place.place_type,
        place.lat,
        place.lon,
        place.geo_precision,
    )


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


class MentionFinder:
    """Mention finding, mixed into :class:`geo.gazetteer.Gazetteer`, whose matcher and tables
    it reads."""

    _automaton: Any
    _entries: list[Any]
    _tail_upper: set[tuple[int, str]]
    _alias_letters: dict[tuple[int, str], str]
    _places: dict[str, Any]
    _roman: dict[str, list[str]]
    _roman_y: dict[str, list[str]]
    _roman_stop: frozenset[str]
    _keys_of: dict[str, set[str]]
    _facility_kinds: dict[str, list[str]]
    _blocked: set[str]
    _capital_of: dict[str, str]
    roads: dict[str, tuple[str, ...]]
    # generic nouns and roads named by their places (geo.generics, mixed in beside this)
    _resolve_generics: Callable[..., list[Mention]]
    _city_roads: Callable[..., list[Mention]]
    _named_facilities: Callable[..., list[Mention]]
    # spellings no alias lists (geo.spellings, mixed in beside this)
    _romanised: Callable[..., list[Mention]]
    _longer_names: Callable[..., list[Mention]]

    def minor(self, place_id: str) -> bool:  # pragma: no cover - the gazetteer defines it
        raise NotImplementedError

    def candidates(self, name: str) -> list[Any]:  # pragma: no cover - the gazetteer's
        raise NotImplementedError

    def needs_support(self, place_id: str) -> bool:  # pragma: no cover - the gazetteer's
        raise NotImplementedError

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
            if ok and surface.isupper() and surface in self._blocked:
                ok = []  # "SANA", "IRNA": an agency's acronym, not the village of that name
            if ok or not entry.places:  # a blocked phrase still claims its span
                spans.append((o_start, o_end, entry_idx, ok))
        occupied = bytearray(len(text))
        chosen = [span for span in _longest_non_overlapping(spans, occupied) if span[3]]
        mentions = self._in_context(text, self._resolve_senses(text, chosen, article))
        mentions += self._nested_rivers(text, spans, chosen, article)
        mentions = self._longer_names(text, mentions, occupied, article)
        # a name dropped for want of support ("al-Jabal" alone) frees its span for a longer
        # spelling around it ("Qubtan al-Jabal"), never for a spelling of itself alone
        kept = {(m.start, m.end) for m in mentions}
        dropped = [(a, b) for a, b, _, _ in chosen if (a, b) not in kept]
        for a, b in dropped:
            occupied[a:b] = bytes(b - a)
        for m in mentions:
            occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
        mentions += self._romanised(text, mentions, occupied, article, dropped)
        mentions = self._named_facilities(text, mentions, occupied, article)
        mentions += self._resolve_generics(text, generics, mentions, occupied, article)
        mentions += self._city_roads(text, mentions, occupied, article)
        mentions += self._unresolved(text, occupied, article)
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _mention(
        self, text: str, start: int, end: int, place_id: str | None, article: str
    ) -> Mention:
        if place_id is None:
            return Mention(article, text[start:end], start, end, None, None, None, None, None, None)
        return place_mention(self._places[place_id], article, text[start:end], start, end)

    def _resolve_senses(
        self, text: str, chosen: list[tuple[int, int, int, list[str]]], article: str
    ) -> list[Mention]:
        support = Counter(self._places[ids[0]].admin1 for _, _, _, ids in chosen if len(ids) == 1)
        out = []
        for i, (start, end, _, ids) in enumerate(chosen):
            place_id = ids[0]
            if len(ids) > 1:
                # a town the reference lists know beats a long-tail village of the same name
                # ("Hamah" in an article that also names Aleppo: the city, not the hamlet)
                ids = [p for p in ids if not self.needs_support(p)] or ids
                place_id = (
                    self._located_by(text, end, chosen[i + 1 : i + 3], ids)
                    or self._by_neighbours(text, i, chosen, ids)
                    or max(ids, key=lambda p: (support[self._places[p].admin1], -ids.index(p)))
                )
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
            if _COUNTRYSIDES_AFTER.match(text, end) or (
                # "the countryside of Idlib and Aleppo": Aleppo's countryside too
                _COUNTRYSIDES_OF.search(text[max(0, start - 80) : start])
            ):
                place_id = self._countryside_of(place_id) or place_id
            out.append(self._mention(text, start, end, place_id, article))
        return out

    def _located_by(
        self, text: str, end: int, after: list[tuple[int, int, int, list[str]]], ids: list[str]
    ) -> str | None:
        """Of the homonyms ``ids`` of a name ending at ``end``, the one clearly nearest the
        place that locates it in the next few words (``after``: the next names matched)."""
        for start, _, _, where in after:
            if start - end <= 80 and _LOCATED_BY.fullmatch(text, end, start):
                here = self._places[where[0]]
                if here.lat is None or here.lon is None:
                    return None
                return self._nearest(ids, np.radians([[here.lat, here.lon]]))
        return None

    def _by_neighbours(
        self, text: str, i: int, chosen: list[tuple[int, int, int, list[str]]], ids: list[str]
    ) -> str | None:
        """Of the homonyms ``ids`` of ``chosen[i]``, the one clearly nearest the places named
        beside it in its sentence ("Sheikh Aqil, Bala, Hawr and Anjara": the Shaykh 'Aqil
        by Hawr, not the one near al-Bab)."""
        start, end = chosen[i][0], chosen[i][1]
        points = []
        for j in range(max(0, i - 4), min(len(chosen), i + 5)):
            a, b, _, where = chosen[j]
            if j == i or len(where) != 1 or abs(a - start) > _NEIGHBOUR_CHARS:
                continue
            if re.search(r"[.!?\n]", text[b:start] if b <= start else text[end:a]):
                continue  # another sentence
            here = self._places[where[0]]
            if here.place_type in _ANCHOR_TYPES and here.lat is not None and here.lon is not None:
                points.append((here.lat, here.lon))
        return self._nearest(ids, np.radians(points)) if points else None

    def _countryside_before(
        self, text: str, start: int, ordered: list[Mention], starts: list[int]
    ) -> str | None:
        """The countryside of the city or governorate named last before ``start`` in its
        sentence ("Deir ez-Zor city and its countryside")."""
        i = bisect.bisect_left(starts, start)
        for m in reversed(ordered[max(0, i - 4) : i]):
            if re.search(r"[.!?\n]", text[m.end : start]):
                return None
            if m.place_id:
                return self._countryside_of(m.place_id)
        return None

    def _countryside_of(self, place_id: str) -> str | None:
        """The countryside of a city or governorate ("Hama" → "Hama countryside")."""
        here = self._places[place_id]
        if here.place_type not in ("city", "governorate"):
            return None
        name = re.sub(r"\s+Governorate$", "", here.name)
        found = [
            p
            for p in self.candidates(f"{name} countryside")
            # "Damascus countryside" is a governorate of its own (Rif Dimashq)
            if p.place_type == "countryside"
            or (p.place_type == "governorate" and p.place_id != here.parent_id)
        ]
        return found[0].place_id if found else None

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
        districts = [d for d in found if d.place_type == "neighbourhood" and d.place_id]
        out = []
        for m in sorted(found, key=lambda m: m.start):
            if m.place_id and self.needs_support(m.place_id):
                if _person_like(text, m.start, m.end):
                    continue
                in_region = self._places[m.place_id].admin1 in region
                if not in_region and (
                    not _cued(text, m.start, ends) or self._far_from_its_list(text, m, found)
                ):
                    continue
                if districts and self._beside_a_far_district(m, districts):
                    # "checkpoints in al-Jamiliyah and al-Aziziyah": beside a city's district,
                    # a district the gazetteer lacks, not the village of that name 64 km away
                    continue
            ends.add(m.end)
            out.append(m)
        return out

    def _far_from_its_list(self, text: str, m: Mention, found: list[Mention]) -> bool:
        """Is every settlement named beside ``m`` in its sentence far from it ("Sheikh Aqil,
        Bala, Hawr and al-Qasimiyah in the western countryside of Aleppo": no al-Qasimiyah
        in Hasakah, 430 km from Hawr)?"""
        near = [
            (o.lat, o.lon)
            for o in found
            if o is not m
            and o.place_id
            and o.place_type in _ANCHOR_TYPES
            and o.lat is not None
            and o.lon is not None
            and abs(o.start - m.start) <= _NEIGHBOUR_CHARS
            and not re.search(r"[.!?\n]", text[min(o.end, m.end) : max(o.start, m.start)])
        ]
        return bool(near) and m.place_id is not None and self._far(m.place_id, np.radians(near))

    def _beside_a_far_district(self, m: Mention, districts: list[Mention]) -> bool:
        """Is ``m`` named beside one of the text's city ``districts`` (within a few words) but
        far from it?"""
        near = [
            d.place_id
            for d in districts
            if d.place_id
            and d is not m
            and (0 <= d.start - m.end <= 40 or 0 <= m.start - d.end <= 40)
        ]
        if not near or m.place_id is None:
            return False
        points = np.radians([[self._places[p].lat, self._places[p].lon] for p in near])
        return bool(self._distances_m([m.place_id], points)[0] > _FAR_M)

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

    def _closest(
        self,
        folded: str,
        place_ids: list[str],
        anchors: np.ndarray | None = None,
        margin: float = 0.1,
    ) -> str | None:
        """The place whose name is spelled most like ``folded``, if it leads by ``margin``;
        among those spelled alike, the one clearly nearest the ``anchors`` (:meth:`_nearest`)."""
        bare = _ARTICLE_HEAD.sub("", folded)
        scored = sorted(
            (
                # "Zahraa" is spelled like "Az Zahra'" without its article, not like "Zahira"
                max(
                    difflib.SequenceMatcher(None, bare, _ARTICLE_HEAD.sub("", k)).ratio()
                    for k in self._keys_of[p]
                ),
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

    def _distances_m(self, place_ids: list[str], anchors: np.ndarray) -> np.ndarray:
        """Great-circle distance (metres) from each place to its nearest anchor (rows of
        radians lat, lon)."""
        lat = np.radians([self._places[p].lat for p in place_ids])[:, None]
        lon = np.radians([self._places[p].lon for p in place_ids])[:, None]
        hav = (
            np.sin((anchors[:, 0] - lat) / 2) ** 2
            + np.cos(lat) * np.cos(anchors[:, 0]) * np.sin((anchors[:, 1] - lon) / 2) ** 2
        )
        distances: np.ndarray = (2 * 6_371_008.8 * np.arcsin(np.sqrt(np.clip(hav, 0, 1)))).min(
            axis=1
        )
        return distances

    def _far(self, place_id: str, anchors: np.ndarray) -> bool:
        """Is ``place_id`` farther than a homonym may lie (``_HOMONYM_RADIUS_M``) from every
        anchor (rows of radians lat, lon)? No anchors: not far."""
        return bool(len(anchors) and self._distances_m([place_id], anchors)[0] > _HOMONYM_RADIUS_M)

    def _nearest(self, place_ids: list[str], anchors: np.ndarray) -> str | None:
        """Of ``place_ids``, the one nearest an anchor if it is within
        ``_HOMONYM_RADIUS_M`` and under half as far as the next; otherwise none."""
        if not len(anchors) or len(place_ids) < 2:
            return place_ids[0] if len(place_ids) == 1 else None
        distance_m = self._distances_m(place_ids, anchors)
        order = np.argsort(distance_m)
        first, second = distance_m[order[0]], distance_m[order[1]]
        if first <= _HOMONYM_RADIUS_M and first < 0.5 * second:
            return place_ids[int(order[0])]
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

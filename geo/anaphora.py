"""Anaphora: places a text names without their names.

* "the city", "the provincial capital", "the province", "the region", "the base": the last
  place of a compatible type named before (a place that only locates another is skipped:
  "Saraqib, a town in Idlib province … the town" is Saraqib);
* "the two villages", "both towns", "the four towns": the last list of that many places;
* epithets, "Syria's second city" (``data/lexicon/epithets.tsv``).

The claim extractor reads these as places; mention finding (:mod:`geo.gazetteer`) does not.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from geo.gazetteer import Gazetteer
from geo.lexicon import default_lexicon
from geo.lists import coordinated
from geo.mentions import Mention, place_mention

LEXICON = default_lexicon()
_WORDS = LEXICON.words
#: place types an anaphor's antecedent may be located by, and whose locators it skips
SETTLEMENT_OR_FACILITY = frozenset({"city", "town", "village", "neighbourhood", "facility"})
_ANAPHOR_KINDS = {
    w: kind
    for kind in ("settlement", "province", "region", "facility")
    for w in _WORDS[f"anaphor_{kind}"]
}
_ANAPHOR = re.compile(
    r"\b(?:the|its|their) (?:entire |whole |sprawling |strategic |key |besieged "
    r"|[a-z]*(?:north|south)?(?:east|west)?ern |central |ancient |provincial |embattled "
    r"|nearby |same |[a-z]+-(?:majority|dominated|populated) )?(?:air |military |border )?"
    r"(?P<kind>"
    + "|".join(sorted(_ANAPHOR_KINDS, key=len, reverse=True))
    # "the city centres of Hasakah and Qamishli" names its cities after it
    + r")\b(?!\s+(?:of|council|hall)\b|\s+cent(?:re|er)s?\s+of\b)",
    re.IGNORECASE,
)

#: "its eastern quarter", "its outskirts": a part of the town named before ("its" alone is
#: often an actor's: "its forces")
_POSSESSIVE_PART = re.compile(
    r"\bits\s+(?:(?:[a-z]*(?:north|south)?(?:east|west)?ern|central|old|main|outer|inner)\s+)?"
    r"(?:" + "|".join(sorted(_WORDS["settlement_part"], key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_SETTLEMENTS = frozenset({"city", "town", "village"})
_CENTRES = frozenset({"centre", "center"})
_SMALLER = frozenset({"town", "village"})  # than a city
_DASHES = frozenset("-–—")

_EPITHETS = [(place_id, re.compile(p.pattern, re.IGNORECASE)) for place_id, p in LEXICON.epithets]


def find_epithets(text: str, mentions: Sequence[Mention], gaz: Gazetteer) -> list[Mention]:
    """Places named by a description (``epithets.tsv``): "Syria's second city" = Aleppo."""
    out: list[Mention] = []
    article = mentions[0].article if mentions else "-"
    for place_id, pattern in _EPITHETS:
        if place_id not in gaz:
            continue
        p = gaz.place(place_id)
        out += [
            place_mention(p, article, m.group(0), m.start(), m.end())
            for m in pattern.finditer(text)
        ]
    return out


def find_anaphors(text: str, mentions: Sequence[Mention], gaz: Gazetteer) -> list[Mention]:
    """Resolve "the city", "the province", "the region" to the place they most likely mean,
    and "the two villages", "both towns" to the places they count."""
    resolved = [m for m in mentions if m.place_id is not None]
    starts = [m.start for m in resolved]
    longest = max((m.end - m.start for m in resolved), default=0)
    out: list[Mention] = _plural_anaphors(text, resolved, starts)
    for m in _ANAPHOR.finditer(text):
        i = bisect.bisect_left(starts, m.start())
        near = resolved[bisect.bisect_left(starts, m.start() - longest) : i + 2]
        if any(r.start < m.end() and m.start() < r.end for r in near):
            continue
        kind = m["kind"].lower()
        if kind in _CENTRES and "provincial" not in m[0].lower():
            continue  # "the centre" of a town is a part of it; "the provincial centre" a town
        target = None
        window = resolved[max(0, i - 12) : i]
        for j in range(len(window) - 1, -1, -1):
            prev = window[j]
            if m.start() - prev.end > 1500:
                break
            if (
                j > 0
                and kind not in _PLACE_KINDS_THAT_LOCATE
                and _locates(text, window[j - 1], prev)
            ):
                located = window[j - 1].place_type
                if kind == "city" and prev.place_type == "city" and located in _SMALLER:
                    target = prev.place_id  # "Souran, north of Hama … 10 km of the city": Hama
                    break
                continue  # "Saraqib, a town in Idlib province": the province only locates
            if (
                j > 1
                and _COUNTRY_OWNER.fullmatch(text, window[j - 1].start, prev.start)
                and _locates(text, window[j - 2], prev)
            ):
                continue  # "Palmyra in Syria's Homs province"
            if _in_list(text, window, j):
                continue  # "factions from Daraa, Sweida and Quneitra": no one of them
            if _SINCE_EVENT.search(text, max(0, prev.start - 50), prev.start):
                continue  # "…, six days after the fall of Aleppo, … the provincial capital"
            target = _anaphor_target(kind, prev, gaz, "provincial" in m.group(0).lower())
            if target:
                break
        if target:
            out.append(place_mention(gaz.place(target), prev.article, m[0], m.start(), m.end()))
        elif kind == "capital" and "provincial" not in m[0].lower() and "damascus" in gaz:
            # "Rebels are 20 miles from the capital", no place named before: the country's
            article = mentions[0].article if mentions else "-"
            out.append(place_mention(gaz.place("damascus"), article, m[0], m.start(), m.end()))
    return out + _possessive_parts(text, resolved, starts)


def _possessive_parts(text: str, resolved: list[Mention], starts: list[int]) -> list[Mention]:
    """ "They broke into its eastern quarter": "its" is the last town named before, in the
    same paragraph (a mention on the word "its")."""
    out: list[Mention] = []
    for m in _POSSESSIVE_PART.finditer(text):
        i = bisect.bisect_left(starts, m.start())
        paragraph = text.rfind("\n\n", 0, m.start())
        for prev in reversed(resolved[max(0, i - 8) : i]):
            if prev.end < paragraph or m.start() - prev.end > 600:
                break
            # "the Damascus–Aleppo highway" names a road, not a town
            compound = _DASHES & {text[prev.start - 1 : prev.start], text[prev.end : prev.end + 1]}
            if prev.place_type in _SETTLEMENTS and not compound:
                out.append(replace(prev, surface="its", start=m.start(), end=m.start() + 3))
                break
    return out


def _plural_anaphors(text: str, resolved: list[Mention], starts: list[int]) -> list[Mention]:
    """ "The four towns", "both neighbourhoods": the last places of that kind named before,
    as many as counted (one mention each, all on the anaphor's span)."""
    out: list[Mention] = []
    for m in _PLURAL_ANAPHOR.finditer(text):
        count = _COUNT_WORDS[(m["n"] or m["both"] or m["all"]).lower()]
        kind = (m["kind"] or "towns").lower().replace("neighborhood", "neighbourhood")
        types = PLURAL_KINDS[kind]
        i = bisect.bisect_left(starts, m.start())
        before = [
            p
            for p in resolved[max(0, i - 24) : i]
            if p.place_type in types and m.start() - p.end <= 1500
        ]
        picked = _counted_list(text, before, count)
        if not picked:  # no list of that length: the last places of that kind
            for prev in reversed(before):
                if len(picked) < count and all(p.place_id != prev.place_id for p in picked):
                    picked.append(prev)
        if len(picked) == count:
            out += [
                replace(p, surface=m[0], start=m.start(), end=m.end()) for p in reversed(picked)
            ]
    return out


def _counted_list(text: str, places: list[Mention], count: int) -> list[Mention]:
    """The last list of exactly ``count`` places in ``places`` ("the towns of al-Rastan and
    Talbisseh"), last item first; empty if there is none."""
    run: list[Mention] = []
    for p in reversed(places):
        if run and p.place_id == run[-1].place_id:
            continue  # "Homs, Syria's third-largest city": one place named twice
        if run and not coordinated(text[p.end : run[-1].start]):
            if len(run) == count:
                return run
            run = []
        run.append(p)
    return run if len(run) == count else []


_COUNT_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
PLURAL_KINDS = {
    "towns": frozenset({"town", "village", "city"}),
    "villages": frozenset({"village", "town"}),
    "cities": frozenset({"city", "town"}),
    "neighbourhoods": frozenset({"neighbourhood"}),
    "districts": frozenset({"neighbourhood"}),
    "bases": frozenset({"facility"}),
    "airports": frozenset({"facility"}),
}
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:(?:the|these|those|its|their)\s+(?P<n>two|three|four|five|six)|(?P<both>both)"
    r"(?:\s+(?:the|these|those))?)\s+(?:[\w-]+\s+)?(?P<kind>towns|villages|cities"
    r"|neighbou?rhoods|districts|bases|airports)\b(?!\s+of\b)"
    # "All four had been secured by the army": the last four places of a list
    r"|\b[Aa]ll\s+(?P<all>two|three|four|five|six)\b(?=\s+(?:had|have|has|were|are|fell|of\s+them))",
    re.IGNORECASE,
)
_DIRECTION_GAP = re.compile(
    r"\s*,\s*(?:(?:just|some|about|roughly|around)\s+)?(?:\d+\s*(?:km|kilometres|kilometers"
    r"|miles)\s+)?(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?\s+of|near|outside)\s+$",
    re.IGNORECASE,
)
_LOCATOR_GAP = re.compile(
    r"\s*,?\s*(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}(?:in|of)\s+(?:the\s+)?"
    r"(?:Syria['’]s\s+[\w-]*\s*)?$",  # "Palmyra in Syria's Homs province"
    re.IGNORECASE,
)
#: a country's possessive right before a place: "Syria's Homs province"
_COUNTRY_OWNER = re.compile(r"Syria['’]s\s+(?:[\w-]+\s+)?", re.IGNORECASE)


def _in_list(text: str, window: list[Mention], j: int) -> bool:
    """Is ``window[j]`` an item of a list of places ("Daraa, Sweida and Quneitra")? A singular
    anaphor ("the provincial capital") refers to none of them."""
    here = window[j]
    if here.place_type not in _LISTED_KINDS:
        return False  # "the Hamdaniyah and New Aleppo districts … the city": their city
    for k in (j - 1, j + 1):
        if 0 <= k < len(window):
            a, b = (window[k], here) if k < j else (here, window[k])
            if a.place_id == b.place_id:
                continue  # "Homs, Syria's third-largest city": one place named twice
            if (
                a.end <= b.start
                and a.place_type == b.place_type
                and _LIST_GAP.fullmatch(text, a.end, b.start)
            ):
                return True
    return False


#: anaphors whose antecedent may be the place that locates another ("the cities of Rastan and
#: Talbiseh in the northern countryside of Homs, after regime forces pulled out of the area")
_PLACE_KINDS_THAT_LOCATE = frozenset(
    w for w, kind in _ANAPHOR_KINDS.items() if kind in ("region", "province")
)
#: a place named only to date something ("six days after the fall of Aleppo", "since the
#: capture of Khan Shaykhun") is no antecedent
_SINCE_EVENT = re.compile(
    r"\b(?:after|since|before|following)\s+(?:the\s+|its\s+)?(?:fall|capture|loss|seizure"
    r"|takeover|liberation)\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)
_LISTED_KINDS = frozenset({"city", "town", "village", "governorate"})
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)", re.IGNORECASE)


def _locates(text: str, first: Mention, second: Mention) -> bool:
    """Does ``second`` only locate ``first`` (a settlement): "Saraqib, a town in Idlib
    province", "Saraqib in the eastern countryside of Idlib", "Salamiyah, southeast of Hama",
    "Khanasir, 60 km south-east of Aleppo"?"""
    if first.place_type not in SETTLEMENT_OR_FACILITY:
        return False
    if second.place_type in ("governorate", "countryside", "region"):
        return _LOCATOR_GAP.fullmatch(text, first.end, second.start) is not None
    return _DIRECTION_GAP.fullmatch(text, first.end, second.start) is not None


def _anaphor_target(
    word: str, prev: Mention, gaz: Gazetteer, provincial: bool = False
) -> str | None:
    """The place an anaphoric noun ("the city", "the town", "the province", "the base")
    refers to, if ``prev`` (an earlier mention) is of a compatible type."""
    place = gaz.place(prev.place_id or "")
    kind = _ANAPHOR_KINDS.get(word, "")
    if kind == "settlement" and (word == "capital" or (provincial and word in _CENTRES)):
        # "the capital", "the provincial capital", "the provincial centre"
        gov = place.place_id if place.place_type == "governorate" else place.parent_id
        return (gaz.capital_of(gov) if gov else None) if provincial else "damascus"
    if kind == "settlement" and place.place_type == "region":
        # "80 percent of the Manbij area … pushed into the city": the town the area is named for
        stem = re.sub(r"\s+(?:District|district|region|area|countryside)$", "", place.name)
        town = gaz.lookup(stem) if stem != place.name else None
        if town is not None and town.place_type in ("city", "town") and town.admin1 == place.admin1:
            place = town  # (not the Shahba in Suwayda for the Shahba region north of Aleppo)
    if kind == "settlement" and place.place_type in ("facility", "neighbourhood"):
        owner = gaz.place(place.parent_id) if place.parent_id and place.parent_id in gaz else None
        if owner is not None and owner.place_type == "city" and owner.name in place.name:
            place = owner  # "… freed inmates from Hama Central Prison … the city": Hama
    if kind == "settlement":
        if word == "city" and place.place_type in ("city", "town"):
            return place.place_id
        if word != "city" and place.place_type in ("city", "town", "village"):
            return place.place_id
        return gaz.capital_of(place.place_id) if word == "city" else None
    if kind == "province":
        if place.place_type == "governorate":
            return place.place_id
        parent = place.parent_id
        while parent and parent in gaz:
            if gaz.place(parent).place_type == "governorate":
                return parent
            parent = gaz.place(parent).parent_id
        return None
    if kind == "region":
        return place.place_id if place.place_type in ("countryside", "region") else None
    if kind == "facility":
        return place.place_id if place.place_type == "facility" else None
    return None

"""Where a claim's places stand: the argument finders of the claim extractor.

A trigger's frame (``data/lexicon/triggers.tsv``) says where its place is: after it (objects,
with fillers such as "most of the city of" between, lists, unnamed places, a city's parts), before
it (subjects of passives and ergatives, with the list they end, appositions and relative clauses
skipped), or in an adjective ("rebel-held X", "X, opposition-held throughout"). The extractor
(:mod:`geo.claims`) mixes these in; they read its text (``work``), its places and its dates.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from geo.anaphora import SETTLEMENT_OR_FACILITY
from geo.dates import DateFound
from geo.gazetteer import Gazetteer
from geo.lexicon import default_lexicon
from geo.lists import UNKNOWN_LEAD_ITEMS, UNKNOWN_LIST_TAIL, coordinated
from geo.mentions import Mention, place_mention

_WORDS = default_lexicon().words

LOCATIVE_PREPS = _WORDS["locative_preps"]

_SUBJECT_FILLER = _WORDS["subject_filler"]

_PLACE_HEADS = "|".join(sorted((re.escape(w) for w in _WORDS["place_head"]), key=len, reverse=True))

_QUANTIFIERS = "|".join(
    sorted((re.escape(w) for w in _WORDS["place_quantifier"]), key=len, reverse=True)
)

_GENERIC_PLACE = re.compile(  # used with .match(text, pos): no ^ anchor
    # "several villages", "a string of towns", "some 20 more settlements", "'several areas'"
    rf"\s*['‘\"“]?(?:(?:{_QUANTIFIERS}|more than \d+|\d+)\s+)*"
    rf"(?P<noun>{_PLACE_HEADS})\b"
    r"(?!\s+of\s+(?:the\s+)?[A-Z])",  # "the town of Morek" names its town
    re.IGNORECASE,
)

#: unnamed parts of a place ("several neighbourhoods in Aleppo"): the claim is on the place
_PARTS_OF_A_PLACE = frozenset(
    "neighbourhoods neighborhoods neighbourhood neighborhood districts district positions "
    "checkpoints points posts areas parts buildings branches offices".split()
)

#: settlements counted in an area: "four towns in the central province of Hama"
_SETTLEMENT_NOUNS = frozenset(_WORDS["counted_settlement"])
_IN_AREA = re.compile(
    r"\s+(?:in|across|throughout)\s+(?:the\s+)?(?:(?:\w+\s+){0,2}(?:province|governorate)"
    r"\s+of\s+)?",
    re.IGNORECASE,
)
#: parts of a city only ("the districts", "several neighbourhoods")
_CITY_PARTS = frozenset("neighbourhoods neighborhoods districts quarters streets squares".split())

_PART_OF = re.compile(
    r"\s+(?:in|of|around|across)\s+(?:the\s+)?(?:(?:\w+ern\s+)?(?:part|parts|outskirts|edge"
    r"|centre|center|heart|west|east|north|south)\s+of\s+(?:the\s+)?)?(?:(?:city|town)\s+of\s+)?",
    re.IGNORECASE,
)

#: a type word right after a name ("Deir Ezzor city", "Idlib province")
_TYPE_AFTER_NAME = re.compile(
    r"\s+(?:city|town|village|province|governorate|countryside|district|region)\b(?=\s*(?:,|and\b))",
    re.IGNORECASE,
)

#: a compass direction, and a distance or hedge that may stand before it ("some 20 km north")
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_HOW_FAR = r"(?:just|about|some|\d+\s*(?:km|kilometres|kilometers|miles))"

#: a direction before the object's city ("lines north of the city"): its countryside there
_SIDE_OF = re.compile(rf"\b({_COMPASS})\s+of\s+(?:the\s+(?:city\s+of\s+)?)?$", re.IGNORECASE)

#: unnamed places located by the place after them: "several villages west of Aleppo"
_UNNAMED_LOCATED = re.compile(
    rf"\b(?P<noun>{_PLACE_HEADS})\s+(?:{_HOW_FAR}\s+)?(?:{_COMPASS}|around|near|outside)\s+"
    r"(?:of\s+)?(?:the\s+(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)

#: between unnamed parts and a city: "positions north of Homs"
_SIDE_BETWEEN = re.compile(
    rf"\s+(?:{_HOW_FAR}\s+)?{_COMPASS}\s+of\s+(?:the\s+(?:city\s+of\s+)?)?", re.IGNORECASE
)

#: between a place and the place that locates it: ", south-east of ", ", 20 km north of "
_LOCATING_GAP = re.compile(
    r"\s*,\s*(?:(?:about|some|just|roughly)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)

#: a direction after a place ("the military airport to the south-west, which …")
_DIRECTION_AFTER = re.compile(
    r"^\s*(?:to\s+the\s+|just\s+)?(?:north|south|east|west)(?:[- ]?(?:east|west))?(?=\s*,)",
    re.IGNORECASE,
)
#: a place located by the next one ("the air base south-west of Hama")
_LOCATED_BY = re.compile(
    r"\s*,?\s*(?:(?:about|some|just|roughly)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:to\s+the\s+)?(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE,
)

#: a relative clause with no pronoun between a place and its trigger ("the city | his fighters |
#: seized"): a possessive or article, a force, an auxiliary
_CONTACT_RELATIVE = re.compile(
    r"\s+(?:(?:his|her|its|their|the)\s+(?:[\w-]+\s+)?(?:fighters|forces|troops|units|men"
    r"|rebels|insurgents|factions))\s+(?:(?:had|have|has)\s+)?(?:(?:just|already|also)\s+)?",
    re.IGNORECASE,
)

#: a hyphenated holder before a place ("Kurdish-held", "rebel-controlled")
_HELD_BY = re.compile(r"\w-(?:held|controlled|run|ruled)$")

#: a relative clause between a subject and its predicate: "Hass, which the regime had seized,"
_RELATIVE_CLAUSE = re.compile(
    r"^\s*,\s*(?:which|who|that|where|whose|a|an|the)\b[^,;]*,\s*|\s[–—]\s*$|^\s*\([^()]*\)\s*"
    # "Homs, after a night in which the army melted away, was declared taken"; "Salamiyah, for
    # example, appears to have been taken": an adverbial aside
    r"|^\s*,\s*(?:after|before|following|despite|during|like|unlike|for\s+example|for\s+instance"
    r"|however|meanwhile|too|in\s+turn|by\s+contrast)\b[^,;]*,\s*"
    # "The town, held by Kurdish fighters since 2016, fell": a participle that describes it
    r"|^\s*,\s*(?:held|controlled|run|ruled|besieged|located|situated)\s+(?:by|in|on|near)\b[^,;]*,\s*"
    # "Hama city itself, about 25 km further south, remains …": a distance that locates
    r"|\s*,\s*(?:about|some|roughly|around|just|only|barely|\d+)\s[^,;]*"
    r"\b(?:north|south|east|west|km|kilometres|kilometers|miles)\b[^,;]*,\s*"
    # "A, B and the villages around them – changed hands": the unnamed tail of the list
    r"|^\s*,?\s*and\s+(?:the\s+|several\s+|nearby\s+|other\s+|\w+\s+)?(?:villages|towns"
    r"|areas|positions|hills|farms|settlements)(?:\s+(?:around|near|surrounding)\s+\w+)?\s*"
)

#: a preposition that makes the place after it a location, not a list item ("In Aleppo, …")
_LOCATIVE_LEAD = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)

#: "Albu Kamal in Deir ez-Zor", "the dam on the Euphrates": the second place only locates the
#: first
_LOCATOR = re.compile(
    r"\s*,?\s+(?:in|of|on|near|outside|(?:north|south|east|west)(?:[- ]?(?:east|west))?\s+of)"
    r"\s+(?:the\s+)?(?:city\s+of\s+)?(?:Syria['’]s\s+)?$",
    re.IGNORECASE,
)

#: ", in the south of the province," / ", on the desert road south-east of Aleppo," / ", east of
#: Hama," between a subject and its trigger
_LOCATING_HEAD = (
    r"\s*,\s*(?:(?:just|some|about|roughly|around)\s+)?(?:in|on|near|at|along|outside|inside"
    r"|(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of|\d+\s*(?:km|kilometres"
    r"|kilometers|miles)\s+\w+(?:\s+of)?)\b[^,;()]*,"
)

#: ", a key town at the junction of the M4 and M5," between a subject and its trigger: a
#: description, whose places are not subjects
_DESCRIPTION = r"\s*,\s*(?:a|an|the)\s[^,;()]*,"
_DESCRIPTION_BETWEEN = re.compile(_DESCRIPTION + r"\s*(?:\w+\s+){0,4}", re.IGNORECASE)
_DESCRIPTION_HEAD = re.compile("^" + _DESCRIPTION, re.IGNORECASE)
#: ", where the M5 meets the M4," between a subject and its trigger: its places are not subjects
_RELATIVE_BETWEEN = re.compile(
    r"\s*,\s*(?:which|who|that|where|whose)\b[^,;()]*,\s*(?:\w+\s+){0,4}", re.IGNORECASE
)

_APPOSITIVE_LOCATOR = re.compile(_LOCATING_HEAD + r"\s*(?:\w+\s+){0,4}", re.IGNORECASE)

_APPOSITIVE_LOCATOR_HEAD = re.compile("^" + _LOCATING_HEAD, re.IGNORECASE)

#: an object no entry knows, then the places it includes: "the road, including the town of"
#: where and over what time the counted places lie ("to the city's northeast and west over
#: the past 24 hours")
_SPAN_WORDS = frozenset(_WORDS["span_filler"])
#: unknown names at the head of what a counted object includes: "the Armoured Vehicles School, "
_UNKNOWN_FIRST_ITEMS = re.compile(
    r"^(?:(?:the\s+)?[A-Z0-9][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}\s*,\s*(?:and\s+)?){1,3}(?:the\s+)?$"
)
#: a counted object's list of what it includes: "…, including (the villages of) X, Y and Z"
_INCLUDED = re.compile(
    r",\s*including\s+(?:the\s+)?(?:(?:towns?|villages?|cities|city|districts?|neighbou?rhoods?)"
    r"\s+of\s+)?",
    re.IGNORECASE,
)
_INCLUDING = re.compile(
    r"\s*(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s*,\s*including\s+(?:the\s+)?"
    r"(?:(?:towns?|villages?|cities|city|districts?|neighbou?rhoods?)\s+of\s+)?",
    re.IGNORECASE,
)
_ATTRIBUTION_SPAN = re.compile(r",\s*according to [^,]*,|,\s*(?:reportedly|sources said),")


#: an object described before its name: "the Syrian border town of", "Ismaili town of" (not
#: "toward the Iraqi town of": a preposition makes it no object)
_DESCRIBED_OBJECT = re.compile(
    r"\s*(?:the\s+|a\s+|an\s+)?(?:(?!(?:to|toward|towards|from|in|into|near|at|of|on|by)\b)"
    r"[\w’'-]+\s+){0,3}(?:city|town|village|suburb|district)\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unnamed:
    """An unnamed object ("a strategic town", "several nearby villages")."""

    start: int
    end: int


def _gap_ok(gap: str, filler: frozenset[str], need_prep: bool) -> bool:
    if re.search(r"[;.!?]", gap):
        return False
    # quote marks around words are not words ("entered 'large parts' of the city")
    words = [w.lower().replace("’", "'").strip("'") for w in re.findall(r"[\w’'-]+", gap)]
    words = [w for w in words if w]
    if len(words) > 9:
        return False
    if any(w not in filler and not w.isdigit() and not _HELD_BY.search(w) for w in words):
        return False  # "seize Kurdish-held Tal Rifaat": who holds it describes the place
    return not need_prep or any(w in LOCATIVE_PREPS for w in words) or not words


class Arguments:
    """The argument finders of the extractor, which it is mixed into."""

    work: str
    gaz: Gazetteer
    places: list[Mention]
    _place_starts: list[int]
    dates: list[DateFound]
    _date_starts: list[int]
    _longest_date: int

    def _objects(
        self,
        t1: int,
        e: int,
        places: list[Mention],
        filler: frozenset[str],
        action: str,
        *,
        locative: bool = False,
        allow_generic: bool = True,
    ) -> list[Mention | Unnamed]:
        trigger_tail = re.search(r"(\w+)\W*$", self.work[max(0, t1 - 12) : t1])
        if trigger_tail and trigger_tail.group(1).lower() in LOCATIVE_PREPS:
            locative = False  # "advanced in", "hold in": the preposition is in the trigger
        after = [p for p in places if p.start >= t1]
        out: list[Mention | Unnamed] = []
        cursor = t1
        first = True
        generic = _GENERIC_PLACE.match(self.work, t1, e) if allow_generic else None
        if generic and (not after or after[0].start >= generic.end()):
            inner = (
                generic.group("noun").lower() in _PARTS_OF_A_PLACE
                and after
                # "checkpoints in southern Syria": a region's parts are places of their own
                and after[0].place_type not in ("region", "country")
            )
            if inner and _PART_OF.fullmatch(self.work, generic.end(), after[0].start):
                # "pulled back from several neighbourhoods in the west of the city": the claim
                # is on the place the parts belong to
                return [after[0]]
            if (
                after
                and generic.group("noun").lower() in _SETTLEMENT_NOUNS
                and after[0].place_type in ("countryside", "governorate", "region")
                and _IN_AREA.fullmatch(self.work, generic.end(), after[0].start)
            ):
                # "seized four towns in the central province of Hama": the area they lie in,
                # and the places it names as included
                return [after[0], *self._included(after[0].end, e, after, filler)]
            side = (
                generic.group("noun").lower() in _PARTS_OF_A_PLACE
                and after
                and _SIDE_BETWEEN.fullmatch(self.work, generic.end(), after[0].start)
            )
            if side:
                # "abandoned positions north of Homs": the city's countryside on that side
                found = self._side_of(self.work[generic.end() : after[0].start], after[0])
                if found is not after[0]:
                    return [found]
            city = self._city_of_parts(generic, t1)
            if city is not None:
                return [city]
            out.append(Unnamed(generic.start("noun"), generic.end()))
            cursor = generic.end()
            first = False
        for p in after:
            same_span = out and isinstance(out[-1], Mention) and out[-1].start == p.start
            if same_span and out[-1].end == p.end:
                out.append(p)  # "entered both towns": the places one anaphor counts
                continue
            if (
                out
                and isinstance(out[-1], Mention)
                and out[-1].place_id == p.place_id
                and re.fullmatch(r"\s*,\s*", self.work[cursor : p.start])
            ):
                cursor = p.end  # "Aleppo, Syria's largest city, …": one place named twice
                continue
            if re.match(r"-[a-z]", self.work[p.end : p.end + 2]):
                continue  # "Britain-based", "Turkey-backed": a modifier, not a place object
            gap = self._gap(cursor, p.start)
            if first:
                if (
                    not _gap_ok(gap, filler, need_prep=locative)
                    and not _gap_ok(
                        # "the villages of Karnaz, Tal Malah, …": an unknown first item of a list
                        UNKNOWN_LEAD_ITEMS.sub(" ", gap),
                        filler,
                        need_prep=locative,
                    )
                    # "still holds the road, including the town of Suran": what it includes
                    and not _INCLUDING.fullmatch(gap)
                    # "left the Syrian border town of Qusayr": a place described before its name
                    and not (not locative and _DESCRIBED_OBJECT.fullmatch(gap))
                ):
                    if self._possessive(p):
                        continue
                    break
            elif re.search(r"(?:north|south|east|west)\w*\s+of\s+$", gap, re.I):
                continue  # "northeast of the city": a direction, not a list item
            else:
                if not coordinated(gap):
                    if self.work.startswith(("'s", "’s"), p.end) or self._possessive(p):
                        continue
                    break
                if self.work.startswith(("'s", "’s"), p.end) and not self._possessive(p):
                    break  # "seized Daraa, and Sweida's militias took …": a new clause's owner
            owned = self.gaz.owned_facility(self.work, p)
            if owned:  # "the city's medieval citadel": the object is the city's facility
                facility, end = self.gaz.place(owned[0]), owned[1]
                p = place_mention(facility, p.article, self.work[p.start : end], p.start, end)
            elif self._possessive(p):  # "Syria's largest city Aleppo": the owner is no object
                cursor = p.end + 2
                continue
            elif first:
                p = self._side_of(self.work[max(t1 - 20, p.start - 40) : p.start], p)
            out.append(p)
            cursor = p.end
            kind = _TYPE_AFTER_NAME.match(self.work, cursor, e)
            if kind:  # "Deir Ezzor city, al-Mayadin …": the type word is part of the item
                cursor = kind.end()
            first = False
            rest = self.work[cursor:e]
            co = re.match(r"\s*(?:,\s*)?(?:and|as well as)\s+", rest)
            if co and allow_generic:
                g = _GENERIC_PLACE.match(self.work, cursor + co.end(), e)
                nxt = [q for q in after if q.start >= cursor]
                leads_on = g and re.match(
                    r"\s+(?:in|near|around|of)\s+(?:the\s+)?$",
                    self.work[g.end() : nxt[0].start] if nxt else "",
                )
                parts_of_next = bool(
                    g is not None
                    and nxt
                    and g.group("noun").lower() in _PARTS_OF_A_PLACE
                    and nxt[0].place_type not in ("region", "country")
                    and _PART_OF.fullmatch(self.work, g.end(), nxt[0].start)
                )
                if (
                    g
                    and parts_of_next
                    and nxt[0].place_id not in {q.place_id for q in out if isinstance(q, Mention)}
                ):
                    # "the airport and several neighbourhoods in the north of Aleppo": the city
                    out.append(nxt[0])
                    cursor = nxt[0].end
                elif g and not leads_on and (not nxt or nxt[0].start >= g.end()):
                    out.append(Unnamed(g.start("noun"), g.end()))
                    cursor = g.end()
        if out and isinstance(out[-1], Unnamed):
            out += self._included(cursor, e, after, filler)
        return out

    def _included(
        self, cursor: int, e: int, after: list[Mention], filler: frozenset[str]
    ) -> list[Mention | Unnamed]:
        """ "seized 14 villages in the northern Hama countryside, including Souran and
        Maardis": the places a counted object includes, each an object of its own."""
        inc = _INCLUDED.search(self.work, cursor, min(e, cursor + 120))
        if inc is None:
            return []
        gap = list(self._gap(cursor, inc.start()))
        for p in after:  # the places that locate the counted ones are no words of the gap
            if cursor <= p.start and p.end <= inc.start():
                stop = p.end + 2 if self.work.startswith(("'s", "’s"), p.end) else p.end
                gap[p.start - cursor : stop - cursor] = " " * (stop - p.start)
        if not _gap_ok("".join(gap), filler | LOCATIVE_PREPS | _SPAN_WORDS, need_prep=False):
            return []
        out: list[Mention | Unnamed] = []
        end = inc.end()
        for p in after:
            if p.start < inc.end():
                continue
            gap_text = self.work[end : p.start]
            if not out:  # "including the Armoured Vehicles School, the Khattab depot …"
                gap_text = _UNKNOWN_FIRST_ITEMS.sub("", gap_text)
            if (not out and gap_text.strip()) or (out and not coordinated(gap_text)):
                break
            out.append(p)
            end = p.end
        return out

    def _city_of_parts(self, generic: re.Match[str], t1: int) -> Mention | None:
        """ "Vanished from the districts around the old citadel": districts named by no place
        are the city the paragraph is about, the last city named before them in it."""
        if generic.group("noun").lower() not in _CITY_PARTS:
            return None
        paragraph = self.work.rfind("\n\n", 0, t1)
        i = bisect.bisect_left(self._place_starts, t1)
        for p in reversed(self.places[max(0, i - 8) : i]):
            if p.start < paragraph:
                return None
            if p.place_type == "city":
                return p
        return None

    def _side_of(self, before: str, p: Mention) -> Mention:
        """ "Defensive lines north of Hama", "positions east of Aleppo": with no place of its
        own, the object is the city's countryside on that side, where the gazetteer has it."""
        side = _SIDE_OF.search(before)
        if side is None or p.place_type != "city":
            return p
        word = side.group(1).lower().replace("-", "")
        found = self.gaz.lookup(f"{word}ern {p.place} countryside")
        if found is None or found.place_type != "countryside":
            return p
        return place_mention(found, p.article, p.surface, p.start, p.end)

    def _possessive(self, p: Mention) -> bool:
        """Is ``p`` an owner, not an object: "Syria's largest city Aleppo", "Aleppo's
        international airport" (a facility of it follows)?"""
        if not self.work.startswith(("'s", "’s"), p.end):
            return False
        if p.place_type == "country":
            return True
        i = bisect.bisect_right(self._place_starts, p.end)
        return (
            i < len(self.places)
            and self.places[i].place_type == "facility"
            and self.places[i].start - p.end <= 30
        )

    def _gap(self, a: int, b: int) -> str:
        chars = list(self.work[a:b])
        lo = bisect.bisect_left(self._date_starts, a - self._longest_date)
        hi = bisect.bisect_left(self._date_starts, b)
        for d in self.dates[lo:hi]:  # dates and attributions may stand anywhere
            for i in range(max(a, d.start), min(b, d.end)):
                chars[i - a] = " "
        return _ATTRIBUTION_SPAN.sub(" ", "".join(chars))

    def _pronoun(self, t0: int) -> list[Mention | Unnamed]:
        """ "stormed it": the last settlement or facility named before, within a paragraph."""
        i = bisect.bisect_left(self._place_starts, t0)
        for p in reversed(self.places[max(0, i - 8) : i]):
            if t0 - p.end > 600:
                break
            if p.place_type in SETTLEMENT_OR_FACILITY and p.end <= t0:
                return [p]
        return []

    def _plural_pronoun(self, t0: int, places: list[Mention]) -> list[Mention | Unnamed]:
        """ "retook Suran and Maardis a day after abandoning them": the list of settlements or
        facilities that ends last before ``t0`` in the sentence, if it has two or more items."""
        near = [p for p in places if p.end <= t0 and p.place_type in SETTLEMENT_OR_FACILITY]
        listed = self._list_ending(near)
        return listed if len(listed) > 1 else []

    def _relative_antecedent(
        self, t0: int, s: int, places: list[Mention]
    ) -> list[Mention | Unnamed]:
        """ "Hama, which they also claimed to have entered": the object is the antecedent."""
        before = [p for p in places if p.end <= t0]
        if not before:
            return []
        p = before[-1]
        if len(before) > 1 and _LOCATED_BY.fullmatch(self.work, before[-2].end, p.start):
            p = before[-2]  # "the military airport south-west of Hama, which troops abandoned"
        gap = self.work[before[-1].end : t0]
        # "the Sheikh Najjar industrial zone, which the factions had captured": a lower-case
        # type noun may end the name; "the military airport to the south-west, which …": a
        # direction may follow it
        gap = _DIRECTION_AFTER.sub("", gap, count=1)
        if re.match(
            r"^(?:\s+[a-z]+){0,2}\s*,\s*(?:which|that|where)\b[^,;.]{0,60}$", gap, re.I
        ) and not re.search(r"\b(?:by|in|at|on)\b", gap):
            return [p]
        contact = _CONTACT_RELATIVE.fullmatch(gap)
        if contact and p.place_type in SETTLEMENT_OR_FACILITY:
            return [p]  # "the city his fighters seized last weekend": a relative with no "that"
        return []

    def _where_antecedent(self, t0: int, s: int, places: list[Mention]) -> list[Mention | Unnamed]:
        """ "… near Tishreen Dam, south-east of Manbij, where the SDF said it had repelled an
        attack": the place "where" refers to, past a place that only locates it."""
        where = self.work.rfind(", where ", s, t0)
        if where < 0:
            return []
        before = [p for p in places if p.end <= where]
        if not before:
            return []
        p = before[-1]
        if len(before) > 1 and _LOCATING_GAP.fullmatch(self.work, before[-2].end, p.start):
            p = before[-2]
        return [p]

    def _subject(self, t0: int, s: int, places: list[Mention]) -> list[Mention | Unnamed]:
        """The place before a passive or ergative trigger, with the list it ends ("A, B and C
        – is now held by"); a relative clause between them is skipped ("Hass, which the regime
        had seized in 2019, is now under …")."""
        # "Palmyra in Syria's Homs province": the country owns the province, no subject
        before = [
            p
            for p in places
            if p.end <= t0
            and not (p.place_type == "country" and self.work.startswith(("'s", "’s"), p.end))
        ]
        if not before:
            return []
        for k in range(len(before) - 2, -1, -1):
            # "Kafr Nubl, in the south of the province, also fell": the places inside a locating
            # apposition only locate; the subject stands before it
            if before[k + 1].start - before[k].end > 120:
                break
            if (
                _APPOSITIVE_LOCATOR.fullmatch(self.work, before[k].end, t0)
                or _RELATIVE_BETWEEN.fullmatch(self.work, before[k].end, t0)
                # "Saraqib, a key town at the junction of the M4 and M5 highways, came under …"
                or _DESCRIPTION_BETWEEN.fullmatch(self.work, before[k].end, t0)
            ):
                before = before[: k + 1]
                break
        located = _UNNAMED_LOCATED.search(
            self.work, max(s, before[-1].start - 60), before[-1].start
        )
        if (
            located
            # "positions around Morek were abandoned": parts of Morek, whose claim it is
            and located.group("noun").lower() not in _PARTS_OF_A_PLACE
            # "the air base south-west of Hama" is a place of its own
            and not any(p.start <= located.start("noun") < p.end for p in before)
            and _gap_ok(self._gap(before[-1].end, t0), _SUBJECT_FILLER, need_prep=False)
        ):
            # "Several villages west of Aleppo were overrun": the villages, not Aleppo
            return [Unnamed(located.start("noun"), located.end("noun"))]
        gap_start = before[-1].end
        if len(before) > 1 and _LOCATOR.fullmatch(self.work[before[-2].end : before[-1].start]):
            before = before[:-1]  # "Albu Kamal in Deir ez-Zor are …": the subject is the first
        # dates may stand anywhere in it ("Raqqa on Friday, leaving it to")
        raw_gap = self._gap(gap_start, t0)
        # "A, B and Qubtan al-Jabal were seized": the last item is a name no entry knows;
        # the list still ends at the trigger, so the named items are its subjects
        unknown_tail = UNKNOWN_LIST_TAIL.match(raw_gap)
        raw_gap = _APPOSITIVE_LOCATOR_HEAD.sub(" ", raw_gap)
        raw_gap = _DESCRIPTION_HEAD.sub(" ", raw_gap)
        gap = _RELATIVE_CLAUSE.sub(" ", raw_gap[unknown_tail.end() :] if unknown_tail else raw_gap)
        gap = gap.lower()
        # "Hama's fall": the possessive joins the place to its noun
        words = [w for w in re.findall(r"[\w’']+", gap) if w not in ("'s", "’s")]
        if len(words) > 8 or any(w not in _SUBJECT_FILLER for w in words) or ";" in gap:
            return []
        return self._list_ending(before)

    def _list_ending(self, before: list[Mention]) -> list[Mention | Unnamed]:
        """The list of places of one kind that ends with the last of ``before`` ("A, B and C")."""
        if not before:
            return []
        p = before[-1]
        out: list[Mention | Unnamed] = [p]
        kind = p.place_type in SETTLEMENT_OR_FACILITY
        for prev, nxt in zip(reversed(before[:-1]), reversed(before[1:]), strict=False):
            if (prev.start, prev.end) == (nxt.start, nxt.end):  # "the two towns": one span
                out.insert(0, prev)
                continue
            same_kind = (prev.place_type in SETTLEMENT_OR_FACILITY) == kind
            if not same_kind or not coordinated(self.work[prev.end : nxt.start]):
                break
            if nxt.place_type == "neighbourhood" and prev.place_type in ("city", "town"):
                owner = self.gaz.place(nxt.place_id).parent_id if nxt.place_id else None
                if owner == prev.place_id:
                    break  # "the districts in the north of the city, Sheikh Maqsoud and …"
            if re.fullmatch(
                r"\s*,\s*(?:the\s+)?", self.work[prev.end : nxt.start]
            ) and _LOCATIVE_LEAD.search(self.work, max(0, prev.start - 12), prev.start):
                break  # "In Aleppo, Sheikh Maqsoud … is held by": the first place only locates
            out.insert(0, prev)
        return out

    def _adjectival(
        self, t0: int, t1: int, s: int, e: int, places: list[Mention]
    ) -> list[Mention | Unnamed]:
        rest = self.work[t1:e]
        m = re.match(
            r"\s+(?:city|town|enclave|stronghold|bastion|territory|province|area"
            r"|region|village|district)\s+of\s+",
            rest,
        )
        if m:
            after = [p for p in places if p.start == t1 + m.end()]
            if after:
                return [after[0]]
        direct = re.match(r"\s+", rest)
        if direct:  # "Kurdish-held Manbij": the adjective names the place itself
            at = [p for p in places if p.start == t1 + direct.end()]
            if at and at[0].place_type in SETTLEMENT_OR_FACILITY | {"governorate"}:
                return [at[0]]
        before = [p for p in places if p.end <= t0]
        if (
            before
            and re.fullmatch(r"\s*,\s*", self.work[before[-1].end : t0])
            and re.match(r"\s*(?:[,;.]|$|throughout\b|since\b|until\b|for\b)", rest)
        ):
            # "Jisr al-Shughur and Idlib city, opposition-held throughout, …": the list before
            return self._list_ending(before)
        head = re.match(
            r"\s+(?:city|town|enclave|stronghold|bastion|territory|province|area"
            r"|region|village|district|neighbou?rhoods?)\b",
            rest,
        )
        if not head:
            return []
        if before:
            gap = self.work[before[-1].end : t0]
            if re.fullmatch(r"\s*,\s*(?:a|an|the|its)\s*", gap):
                return [before[-1]]
        return []

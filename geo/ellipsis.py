"""Ellipsis: a change told once for two places ("Daraa slipped from government control late on
6 December and Suwayda the following day"). The second place, with a date of its own and no
verb, takes the change of the clause before it. The extractor (:mod:`geo.claims`) mixes this in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date, timedelta

from geo.agency import regional_actor
from geo.dates import NEXT_BASIS, OFFSET_BASIS, SAME_DAY_BASIS, DateFound
from geo.gazetteer import Gazetteer
from geo.lexicon import default_lexicon
from geo.mentions import Mention
from geo.recording import Draft

LEXICON = default_lexicon()
_REGIONAL = {regional: actor for (_, actor), regional in LEXICON.regions.items()}
#: "… and | Suwayda the following day": the place after "and", at the start of a clause
_AND_BEFORE = re.compile(r"(?:,\s*|\s)and\s+(?:then\s+)?(?:the\s+(?:town|city)\s+of\s+)?$", re.I)
#: the date that ends the elided clause: the sentence or clause ends after it
_CLAUSE_END = re.compile(r"\s*(?:[.,;:]|$)")
_SETTLEMENTS = frozenset({"city", "town", "village"})


class Ellipsis:
    """The ellipsis finder of the extractor, which it is mixed into."""

    work: str
    gaz: Gazetteer
    places: list[Mention]
    _place_starts: list[int]
    dates: list[DateFound]
    _date_starts: list[int]

    def _gapped(self, drafts: list[Draft], s: int, e: int) -> list[Draft]:
        """Drafts for places a sentence adds with a date and no verb after its last change
        ("Hama fell on Thursday and Homs on Sunday"), with that change's action and side."""
        last = drafts[-1] if drafts else None
        if last is None or last.place is None or last.when is None:
            return []
        before = last.when.value
        named = {d.place.place_id for d in drafts if d.place is not None}
        out: list[Draft] = []
        i = bisect.bisect_left(self._place_starts, last.end)
        for p in self.places[i:]:
            if p.start >= e:
                break
            if p.place_id is None or p.place_id in named or p.place_type not in _SETTLEMENTS:
                continue
            if not _AND_BEFORE.search(self.work, max(s, p.start - 24), p.start):
                continue
            j = bisect.bisect_left(self._date_starts, p.end)
            when = self.dates[j] if j < len(self.dates) else None
            if (
                when is None
                or self.work[p.end : when.start].strip()
                or not _CLAUSE_END.match(self.work, when.end)
            ):
                continue
            value = _elided_date(when, before)
            if value is None:
                continue
            actor = regional_actor(self.gaz, p.place_id, _REGIONAL.get(last.actor, last.actor))
            out.append(
                replace(
                    last,
                    start=p.start,
                    end=when.end,
                    place=p,
                    actor=actor,
                    when=replace(when, value=value),
                )
            )
        return out


def _elided_date(when: DateFound, before: date) -> date | None:
    """The date of the elided clause: its own, or counted from the clause before ("the
    following day")."""
    if when.basis.startswith(NEXT_BASIS):
        return before + timedelta(days=int(when.basis[len(NEXT_BASIS) :]))
    if when.basis == SAME_DAY_BASIS:
        return before
    if when.basis.startswith(OFFSET_BASIS):
        return None
    return when.value

"""From a claim in the making to its record: the draft the extractor fills in, and how it
becomes a :class:`geo.records.Claim` — its id, date, confidence and status, a headline's
unnamed town, a denial's own record, one claim per change per trigger — and the dates a story
lends its headline, its lead and its retellings ("had taken X"). The extractor
(:mod:`geo.claims`) mixes this in.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from geo.anaphora import PLURAL_KINDS
from geo.attribution import DENIAL
from geo.columns import REPORTER
from geo.dates import DateFound
from geo.dating import HEADER_BASIS, SAID_BASIS
from geo.mentions import Mention
from geo.records import Claim

#: a headline's unnamed singular place ("… pulls back from town"), and how long a headline is
_HEADLINE_NOUN = re.compile(r"\b(town|city|village)$", re.IGNORECASE)
HEADLINE_CHARS = 200


#: "had taken", "had also seized": the pluperfect right before a trigger
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|also\s+|already\s+|just\s+)?$", re.IGNORECASE)
#: changes that happen once, so that a later "had taken X" retells the one already dated
_ONE_TIME = frozenset({"captured", "entered", "withdrew", "recaptured"})
#: the two sides of one change: one side withdraws, the other takes or enters
_TWO_SIDES = [{"withdrew", a} for a in ("captured", "entered", "recaptured")]


@dataclass
class Draft:
    """A claim in the making: its span, place (``None``: unnamed), actor, action, extent, the
    date found for it, and the sentence and trigger it comes from."""

    start: int
    end: int
    place: Mention | None
    actor: str
    action: str
    extent: str | None
    when: DateFound | None
    static: bool
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    negated: bool = False


class Recording:
    """How drafts become records; mixed into the extractor, whose text, places and
    publication date it reads."""

    text: str
    work: str
    article: str
    published: date
    places: list[Mention]
    _lead_end: int
    _place_starts: list[int]
    _headline_end: int
    _undated: set[str]
    channel: str | None

    def _headline_place(self, d: Draft) -> Mention | None:
        """ "Army pulls back from town 20 km from border": the headline's unnamed town is the
        first town the story names."""
        if d.end > self._headline_end:
            return None
        noun = _HEADLINE_NOUN.search(self.work, d.start, d.end)
        if noun is None:
            return None
        types = PLURAL_KINDS[noun.group(1).lower() + "s"]
        i = bisect.bisect_left(self._place_starts, self._headline_end)
        return next((p for p in self.places[i : i + 8] if p.place_type in types), None)

    def _story_top(self, c: Claim) -> int:
        """Where the part of the story that ``c`` may stand in ends: the headline for a
        headline claim, else the lead sentence."""
        return self._headline_end if c.end <= self._headline_end else self._lead_end

    def _date_headlines(self, claims: list[Claim]) -> list[Claim]:
        """An undated claim of the headline or the lead sentence takes the date the story
        gives the same change ("Fighters seize Tal Rifaat" over "… seized Tal Rifaat on
        Sunday"): both tell first what the story dates after them."""
        out = []
        for c in claims:
            top = self._story_top(c)
            if c.claim_id in self._undated and c.end <= top and c.action in _ONE_TIME:
                same = next(
                    (
                        b
                        for b in claims
                        if b.start > top
                        and (b.place_id, b.action, b.actor) == (c.place_id, c.action, c.actor)
                        and b.claim_id not in self._undated
                    ),
                    None,
                )
                if same is not None:
                    c = replace(c, event_date=same.event_date, date_precision=same.date_precision)
            out.append(c)
        # "New authorities take Deir ez-Zor as Kurdish-led forces pull back": the other side
        # of a change the story dated is of that date too
        redated = {c.claim_id: c for c, o in zip(out, claims, strict=True) if c != o}
        for i, c in enumerate(out):
            if (
                c.claim_id not in self._undated
                or c.claim_id in redated
                or c.end > self._story_top(c)
            ):
                continue
            other = next(
                (
                    b
                    for b in redated.values()
                    if b.place_id == c.place_id
                    and b.actor != c.actor
                    and {b.action, c.action} in _TWO_SIDES
                    and b.end <= max(self._headline_end, self._lead_end)
                ),
                None,
            )
            if other is not None:
                out[i] = replace(
                    c, event_date=other.event_date, date_precision=other.date_precision
                )
        return out

    def _date_retellings(self, claims: list[Claim]) -> list[Claim]:
        """An undated claim in the pluperfect takes the date the text gave the same change
        before it ("seized Tal Rifaat on Sunday … the monitor said the factions had taken Tal
        Rifaat"), or the other side of it (a withdrawal from a place taken): it retells what
        was already dated."""
        out: list[Claim] = []
        for c in claims:
            if (
                c.claim_id in self._undated
                and c.action in _ONE_TIME  # an advance goes on; a capture happens once
                and _PLUPERFECT.search(self.work, max(0, c.start - 16), c.start)
            ):
                dated = [
                    b
                    for b in reversed(out)
                    if b.place_id == c.place_id
                    and b.place_id is not None
                    and b.claim_id not in self._undated
                ]
                same = next(
                    (b for b in dated if (b.action, b.actor) == (c.action, c.actor)),
                    # "… occupied Tel Rifat on Sunday. The SDF said their fighters had
                    # withdrawn from the town": the other side of the same change
                    next(
                        (
                            b
                            for b in dated
                            if b.actor != c.actor and {b.action, c.action} in _TWO_SIDES
                        ),
                        None,
                    ),
                )
                if same is None and c.place_id is None and out:
                    # "had taken Tal Rifaat and nearby villages": the villages go with the town
                    last = out[-1]
                    if (last.start, last.action, last.actor) == (c.start, c.action, c.actor):
                        c = replace(
                            c, event_date=last.event_date, date_precision=last.date_precision
                        )
                if same is not None:
                    c = replace(c, event_date=same.event_date, date_precision=same.date_precision)
            out.append(c)
        return out

    def _claim(self, d: Draft, status: str, claimant: str) -> Claim:
        if self.channel and status == "reported":
            # a party's own channel: what it reports is its claim
            status, claimant = "claimed", (self.channel if claimant == REPORTER else claimant)
        claim = self._record(d, status, claimant)
        if d.when is None and not d.static:
            self._undated.add(claim.claim_id)
        return claim

    def _record(self, d: Draft, status: str, claimant: str) -> Claim:
        # a state ("the rebels held X") is of the publication date unless a date fronting its
        # verb dates it ("By evening the rebels held the citadel" below a date header; not "Idlib
        # city, a rebel-held stronghold, was struck on Saturday")
        undated = d.when is None or (
            d.static
            and (d.when.basis == HEADER_BASIS or d.when.start >= d.trigger[0])
            and d.when.basis != SAID_BASIS  # '"X is liberated," he said on Tuesday'
        )
        when = self.published if undated or d.when is None else d.when.value
        precision = 1 if undated or d.when is None else d.when.precision
        place = d.place if d.place is not None else self._headline_place(d)
        quote = self.text[d.start : d.end]
        key = f"{self.article}|{d.start}|{d.end}|{place.place_id if place else ''}|{d.action}"
        claim_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        confidence = {"reported": 0.8, "claimed": 0.5, "denied": 0.2}[status]
        confidence *= 1.0 if precision == 1 else 0.8
        if place is None:
            confidence *= 0.5
        return Claim(
            article=self.article,
            claim_id=claim_id,
            quote=quote,
            start=d.start,
            end=d.end,
            place_id=place.place_id if place else None,
            place=place.place if place else None,
            place_type=place.place_type if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            actor=d.actor,
            action=d.action,
            extent=d.extent,
            event_date=when,
            date_precision=precision,
            claimant=claimant,
            status=status,
            confidence=round(confidence, 3),
        )

    def _denial(self, claim: Claim, s: int, e: int, claimant: str) -> Claim:
        m = DENIAL.search(self.work, s, e)
        start, end = (m.start(), m.end()) if m else (s, e)
        # the quote: from the subject of the denied claims ("the regime's claims") to the verdict
        head = re.search(
            r"(?:the\s+)?[\w’']+\s+claims?\s+(?:were|was|are|is)\s+\w+$", self.work[s:end]
        )
        if head:
            start = s + head.start()
        key = f"{self.article}|{start}|{end}|denied|{claim.claim_id}"
        return replace(
            claim,
            claim_id=hashlib.sha1(key.encode()).hexdigest()[:12],
            quote=self.text[start:end],
            start=start,
            end=end,
            status="denied",
            claimant=claimant if claimant != REPORTER else "unnamed",
            confidence=0.2,
        )


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (place, action, actor) per trigger span; keep text order."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for c in sorted(claims, key=lambda c: (c.start, c.end)):
        k = (c.place_id, c.action, c.actor, c.start, c.status)
        k2 = (c.place_id, c.action, c.actor, c.end) if c.place_id else None
        if k in seen or (k2 and k2 in seen):
            continue
        seen.add(k)
        if k2:
            seen.add(k2)
        out.append(c)
    return out

"""Dating a claim: its clause, the date expression that governs it, and whether it is history.

A claim takes a date of its own clause (in a quotation, "now" is when it was said); else the
date of the clause a comma-less participle clause ends; "a day after ..." counted from the
sentence's date, or from the change the text dated before ("Two days after Hama fell"); "by
midday", "the next morning", "on the first day" counted from the date the text last gave; a date
fronting the sentence or the clause after a colon ("On Friday, as ..."); the date a quotation
was said; a date header above it (a liveblog's "Thursday 28 November"); else the publication
date. A year before 2024 in the claim's clause, or a relative clause recalling "that offensive",
makes it history, not a claim. (Retellings and headlines are dated later, in
:mod:`geo.recording`.)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date, timedelta

from geo.actors import first_actor
from geo.attribution import HELPED_BY
from geo.dates import (
    NEXT_BASIS,
    OFFSET_BASIS,
    PRECISION_DAY,
    SAME_DAY_BASIS,
    DateFound,
)
from geo.mentions import Mention

#: how far back (characters) "the next day" looks for the date it counts from
_ANCHOR_CHARS = 1500
#: a year before 2024 in a claim's clause: history, not a claim
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_HISTORY = re.compile(
    r"\b(?:in|of|during|by|until|the|since the|between)\s+(?:(?:early|late|mid-?)\s*)?(?:"
    + _MONTH
    + r"\s+)?(?:19\d\d|20(?:0\d|1\d|2[0-3]))\b"
    r"|\b(?:19\d\d|20(?:0\d|1\d|2[0-3]))\s+(?:battle|massacre|offensive|protests?|uprising|war"
    r"|siege|ceasefire|agreement|deal|takeover|campaign)",
    re.IGNORECASE,
)
#: an aside after the agent, before the claim's own date goes on
_ASIDE = re.compile(rf",\s*(?:{HELPED_BY})[^,;.]*,", re.IGNORECASE)
_DESCRIBED_PAST = re.compile(
    r"\b(?:that|which|who)\s+(?:had|have|has)\s+[^,;.]{0,80}?\b(?:19\d\d|20(?:0\d|1\d|2[0-3]))\b",
    re.IGNORECASE,
)
#: a participle or relative aside between commas ("The offensive, launched at dawn on Wednesday,")
_PARENTHETICAL = re.compile(r",\s*(?:which|who|\w+ed)\b[^,;()]*,", re.IGNORECASE)
_WHEN = re.compile(r",\s*when\b", re.IGNORECASE)
#: an earlier war named without its year ("in that offensive", "years ago")
_EARLIER_WAR = re.compile(
    r"\b(?:in|during)\s+(?:that|the\s+same|an\s+earlier|a\s+previous|the\s+previous)\s+"
    r"(?:offensive|campaign|battle|war|operation|assault)\b|\byears\s+(?:ago|earlier)\b",
    re.IGNORECASE,
)
_INNER_APPOSITION = re.compile(r",\s*(?:the|a|an)\s[^,;.]*,", re.IGNORECASE)
_INNER_RELATIVE = re.compile(r",\s*(?:which|that|who|whom|where)\b[^,;.]*,", re.IGNORECASE)
_HISTORY_FRONTED = re.compile(  # "The 2016 battle …", "In 2016, …", "Back in 2012 …"
    r"\W*(?:The|In|By|During|Until|Back in|In early|In late|In mid-?|After|Before|Since"
    r"|Following)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:19\d\d|20(?:0\d|1\d|2[0-3]))\b"
)
_CLAUSE_BREAK = re.compile(
    r"[;–—]|,\s+(?=(?:and|but|while|after|before|as|who|which|where|when|whose|leading|taking"
    r"|forcing|putting|approaching|seizing|killing|saying|adding)\b)"
    r"|\s+(?:before|after|while)\s+(?=\w+ing\b)|\b(?:before|after)\s+(?=\w+ing\b)"
    r"|\s(?=but\s)"  # "retook Suran on Sunday but lost it on Tuesday"
    # "pushed the attackers back overnight and were holding a line": a state of its own
    r"|\s(?=and\s+(?:were|was|are|is)\s+(?:still\s+|now\s+)?\w+ing\b)"
)
#: the break before a participle clause with no comma ("… last weekend before pushing into X";
#: ", before advancing into X" is a later step of its own)
_GERUND_CLAUSE = re.compile(r"(?<![,;])\s+(?:before|while)\s+(?=\w+ing\b)", re.IGNORECASE)
#: a quotation within a sentence
_QUOTED = re.compile(r"[\"“][^\"“”]{8,}[\"”]")
#: the speech verb of the attribution after a quotation, before its date
_SAID_BEFORE_DATE = re.compile(
    r"\b(?:said|says|told|wrote|posted|announced|added|declared)\b[^.;\"“”]{0,80}$", re.IGNORECASE
)
#: a speech verb right before a date ("said on Thursday that …")
_SAID_ON = re.compile(
    r"\b(?:said|says|announced|stated|added|reported|claimed|told\s+[\w\s]{1,20}?)\s+$",
    re.IGNORECASE,
)
#: a date fronting its sentence: "On Friday, as …", "Late on Saturday the army …"
_FRONTED_DATE = re.compile(
    r"\W*(?:(?:late|early|later|earlier|by|since|until)\s+)?(?:on\s+)?"
    r"(?:the\s+(?:evening|morning|night|afternoon|end)\s+of\s+)?$",  # "By the evening of 30 …"
    re.I,
)
#: a line that is a date and nothing else ("Thursday 28 November 2024"), or a paragraph that
#: opens with one as its own sentence ("Wednesday 27 November. The HTS-led …")
_DATE_HEADER = re.compile(
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}|[a-z]{3,9}\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*[.:]?",
    re.IGNORECASE,
)


#: the basis of a date that comes from a date header above the claim and nothing in its clause
HEADER_BASIS = "the date header above"
#: the basis of a quotation's date: when it was said (a state it tells holds from then)
SAID_BASIS = "the date the quotation was said"


class Dating:
    """The date and history tests of the extractor, which it is mixed into; they read its text
    (``work``), the dates found in it and the year positions."""

    work: str
    published: date
    dates: list[DateFound]
    header: date | None
    places: list[Mention]
    _place_starts: list[int]
    change_dates: dict[str, date]
    _date_starts: list[int]
    _years: list[int]

    def _clause(self, t0: int, s: int, e: int, t1: int | None = None) -> tuple[int, int]:
        start, end = s, e
        if t1 is not None and re.match(
            r"\W*(?:After|Before|While|Following|Having|Despite)\s+\w+ing\b", self.work[s:t1]
        ):
            # "After seizing X, Y, the rebels arrived on Tuesday": the fronted clause ends at
            # the comma before the main clause's subject
            main = first_actor(self.work, t1, e)
            if main:
                comma = self.work.rfind(",", t1, main.start())
                if comma > 0:
                    return s, comma
        for m in _CLAUSE_BREAK.finditer(self.work, s, e):
            if m.end() <= t0:
                start = m.end()
            elif m.start() >= t0:
                end = m.start()
                break
        return start, end

    def _date(self, clause: tuple[int, int], q0: int, q1: int, s: int, e: int) -> DateFound | None:
        """The date of a claim: a date of its clause; "a day after" in the sentence before it
        (counted from the sentence's own date); a date fronting the sentence ("On Friday, as
        …"); else a date header above it; else None (the publication date)."""
        lo = bisect.bisect_left(self._date_starts, s)
        hi = bisect.bisect_left(self._date_starts, e)
        in_sentence = [d for d in self.dates[lo:hi] if d.end <= e]
        plain = [d for d in in_sentence if not _relative_basis(d)]
        offsets = [d for d in in_sentence if d.basis.startswith(OFFSET_BASIS)]

        def across_offset(d: DateFound) -> bool:  # "on Saturday, a day after | they seized X"
            return any(
                (d.end <= o.start and o.end <= q0) or (q1 <= o.start and o.end <= d.start)
                for o in offsets
            )

        asides = [
            a.span()
            for a in _PARENTHETICAL.finditer(self.work, clause[0], clause[1])
            if not (a.start() < q1 and q0 < a.end())  # not the claim's own
        ]
        inside = [
            d
            for d in plain
            if clause[0] <= d.start
            and d.end <= clause[1]
            and not across_offset(d)
            # "The offensive, launched on Wednesday, has cost the army …": the aside's date
            and not any(a <= d.start and d.end <= b for a, b in asides)
        ]
        if len(inside) > 1:
            # "… said on Thursday that its fighters had beaten back attacks overnight": the
            # date after the speech verb dates the saying, where the claim has its own
            own = [
                d
                for d in inside
                if not (d.end <= q0 and _SAID_ON.search(self.work, max(s, d.start - 24), d.start))
            ]
            inside = own or inside
        said = self._said_date(q0, q1, s, e, plain) if inside else None
        if said is not None:
            # '"X is now liberated," he said late on Tuesday': the quotation's own dates, but
            # "now" is when it was said
            quoted = [d for d in inside if d.end <= said.start and d is not said]
            own = [d for d in quoted if not d.basis.endswith("= publication")]
            inside = own or [said]
        if inside:
            return min(inside, key=lambda d: min(abs(d.start - q1), abs(d.end - q0)))
        gerund = _GERUND_CLAUSE.search(self.work, max(s, clause[0] - 12), clause[0] + 24)
        if gerund is not None and gerund.end() == clause[0]:
            # "seized Aleppo last weekend … before pushing into the Hama countryside": a
            # participle clause with no date of its own takes the date of the clause it ends
            main = [d for d in plain if s <= d.start and d.end <= clause[0]]
            if main:
                return main[-1]
        # "Two days after Homs fell, southern fighters were in X": the offset dates its own
        # clause, not the main clause after the comma
        before = [o for o in offsets if o.end <= q0 and "," not in self.work[o.end : q0]]
        if before:
            off = before[-1]
            others = [d for d in plain if d.end <= off.start]
            known = None if others else self._event_dated_before(off, e)
            if known is not None:  # "Two days after Hama fell": Hama's fall as dated before
                return replace(off, value=known)
            anchor = others[-1].value if others else (self.header or self.published)
            days = int(off.basis[len(OFFSET_BASIS) :])
            return replace(off, value=anchor + timedelta(days=days))
        fronting = [
            o for o in offsets if o.end <= q0 and _FRONTED_DATE.match(self.work, s, o.start)
        ]
        if fronting:
            # "Two days after Hama fell, southern fighters were in X": two days after the fall
            # the text dated before
            off = fronting[0]
            known = (
                None if any(d.end <= off.start for d in plain) else self._event_dated_before(off, e)
            )
            if known is not None:
                days = int(off.basis[len(OFFSET_BASIS) :])
                return replace(off, value=known - timedelta(days=days))
        later = [
            d
            for d in in_sentence
            if (d.basis == SAME_DAY_BASIS or d.basis.startswith(NEXT_BASIS))
            and clause[0] <= d.start < clause[1]
        ]
        same = [d for d in later if d.basis == SAME_DAY_BASIS]
        if later and self.header is None:
            # "by midday", "the next morning": from the date the text last gave
            last = self._last_plain_date(later[0].start)
            if last is not None:
                days = (
                    int(later[0].basis[len(NEXT_BASIS) :])
                    if later[0].basis != SAME_DAY_BASIS
                    else 0
                )
                return replace(later[0], value=last + timedelta(days=days))
        # a date fronting the sentence, or the clause after a colon or semicolon that holds
        # the claim ("Aleppo fell within 48 hours: by the evening of 30 November insurgents …")
        cut = max(self.work.rfind(":", s, q0), self.work.rfind(";", s, q0))
        head = cut + 1 if cut >= s else s
        fronted = [
            d for d in plain if _FRONTED_DATE.match(self.work, head, d.start) and d.start >= head
        ] or [d for d in plain if _FRONTED_DATE.match(self.work, s, d.start)]
        if fronted and fronted[0].end <= q0:
            return fronted[0]
        said = self._said_date(q0, q1, s, e, plain)
        if said is not None:
            return said
        if self.header is not None and (same or not plain):
            if same:  # "By evening …" below "Saturday 30 November."
                return replace(same[0], value=self.header)
            return DateFound(self.header, PRECISION_DAY, q0, q0, HEADER_BASIS)
        return None

    def _event_dated_before(self, off: DateFound, e: int) -> date | None:
        """The date the text already gave the change an offset counts from ("two days after
        Hama fell", "a day after the fall of Hama"): the place named in the offset's clause,
        if an earlier claim dated a change of it."""
        end = self.work.find(",", off.end, e)
        end = e if end < 0 else end
        i = bisect.bisect_left(self._place_starts, off.end)
        named = [p for p in self.places[i : i + 3] if p.end <= end and p.place_id]
        return self.change_dates.get(named[0].place_id or "") if named else None

    def _said_date(
        self, q0: int, q1: int, s: int, e: int, plain: list[DateFound]
    ) -> DateFound | None:
        """The date a quotation holding ``[q0, q1)`` was said, where its attribution after it
        gives one ('"… are now completely liberated," the spokesman said late on Tuesday')."""
        quote = next(
            (m for m in _QUOTED.finditer(self.work, s, e) if m.start() < q0 and q1 < m.end()),
            None,
        )
        if quote is None:
            return None
        said = [d for d in plain if d.start >= quote.end()]
        if said and _SAID_BEFORE_DATE.search(self.work, quote.end(), said[0].start):
            return replace(said[0], basis=SAID_BASIS)
        return None

    def _last_plain_date(self, before: int) -> date | None:
        """The last day-precise date the text gives before offset ``before`` (within
        ``_ANCHOR_CHARS``), not itself relative: what "that evening" and "the next day" count
        from."""
        i = bisect.bisect_left(self._date_starts, before)
        for d in reversed(self.dates[max(0, i - 20) : i]):
            if before - d.end > _ANCHOR_CHARS:
                return None
            if d.precision == PRECISION_DAY and not _relative_basis(d) and d.end <= before:
                return d.value
        return None

    def _update_header(self, s: int, e: int) -> None:
        """A sentence that is a date and nothing else ("Wednesday 27 November.", a liveblog's
        "Thursday 28 November 2024") dates the undated sentences after it."""
        if not _DATE_HEADER.fullmatch(self.work[s:e].strip()):
            return
        lo = bisect.bisect_left(self._date_starts, s)
        hi = bisect.bisect_left(self._date_starts, e)
        days = [d for d in self.dates[lo:hi] if d.precision == PRECISION_DAY and d.end <= e]
        if days:
            self.header = days[0].value

    def _historic(self, q0: int, q1: int, s: int, e: int) -> bool:
        relative = next(
            (r for r in _INNER_RELATIVE.finditer(self.work, s, e) if r.start() < q1 <= r.end()),
            None,
        )
        if relative and _EARLIER_WAR.search(self.work, relative.start(), relative.end()):
            # "Kafr Nubl and Hass, which the regime had also seized in that offensive, …": what
            # a relative clause recalls of an earlier war
            return True
        lo = bisect.bisect_left(self._years, s)
        if lo >= len(self._years) or self._years[lo] >= e:
            return False  # no year in the sentence
        seg_start = self.work.rfind(",", s, q0)
        seg_start = s if seg_start < 0 else seg_start
        if _WHEN.match(self.work, seg_start):
            # "… in November 2012, when rebels overran the last army posts": the when-clause
            # happened at the time the clause before it names
            before = self.work.rfind(",", s, seg_start)
            seg_start = s if before < 0 else before
        seg_end = self.work.find(",", q1, e)
        seg_end = e if seg_end < 0 else seg_end
        aside = _ASIDE.match(self.work, seg_end, e)
        if aside:  # "… secured by government forces, with the help of Russian jets, in 2016"
            seg_end = self.work.find(",", aside.end(), e)
            seg_end = e if seg_end < 0 else seg_end
        # a year inside a relative clause that describes the subject dates the description,
        # not the event ("Factions that had signed deals in 2018 seized Daraa on Friday")
        described = _DESCRIBED_PAST.search(self.work, seg_start, q0)
        if described:
            seg_start = described.end()
        # and so does one inside a relative clause between a subject and its verb ("Saraqib,
        # which the regime had seized in 2020, is now under rebel control")
        # or an apposition there ("Daraa, the cradle of the 2011 uprising, fell on Friday")
        inner = [r.span() for r in _INNER_RELATIVE.finditer(self.work, q0, q1)]
        inner += [r.span() for r in _INNER_APPOSITION.finditer(self.work, q0, q1)]
        for h in _HISTORY.finditer(self.work, seg_start, seg_end):
            if not any(a <= h.start() and h.end() <= b for a, b in inner):
                return True
        return bool(_HISTORY_FRONTED.match(self.work, s, e))


def _relative_basis(d: DateFound) -> bool:
    return (
        d.basis.startswith(OFFSET_BASIS)
        or d.basis == SAME_DAY_BASIS
        or d.basis.startswith(NEXT_BASIS)
    )

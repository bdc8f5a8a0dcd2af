"""Claims: every sentence that claims a control change, as a dated, attributed record.

Pipeline for one article (pure; the gazetteer supplies the place mentions):

1. **Sentences** — :func:`geo.sentences.split_sentences`.
2. **Triggers** — the phrases of ``data/lexicon/triggers.tsv`` (loaded by :mod:`geo.lexicon`)
   are found with one head-word scan per article, the longest phrase winning at a position.
   Each has a *frame* that says where its place is: the object after it ("seized X"), a
   locative after it ("advanced in X"), the subject before it ("X fell to", "X, held by", with
   the list it ends), an adjective ("the rebel-held enclave of X"), an intransitive ("pulled
   out": after, else the place named before), a push ("pushed back an attack on X").
3. **Places** — the first place mention (or anaphor: "the city", "the province", "the region")
   in that position whose gap to the trigger holds only filler words ("most of the city of");
   then every place coordinated with it ("Sheikh Najjar, … the military academy and the field
   artillery college" gives three claims). Unnamed objects ("a strategic town", "dozens of
   towns") give a claim with ``place_id = None``.
4. **Actor** — a modifier of a nominal trigger ("a rebel advance"), an agent ("fell to
   insurgents"), else the nearest actor before the trigger in the sentence (parentheticals
   skipped); pronouns and "his fighters" take the actor of the previous claim.
   ``repelled`` is kept for defenders (government) pushing attackers back; attackers pushing
   defenders back is ``advancing`` (the gold convention, after ISW).
5. **Extent, date, status, claimant** — extent words in the trigger's span; the date expression
   of the trigger's clause, resolved against the publication date (no date: publication date;
   standing control such as "rebel-held" is dated at publication); ``claimed`` when the sentence
   attributes ("said", "according to", quotes) or says it is unconfirmed, ``denied`` when a
   denial covers it ("denied that rebels had entered X", "claims of recapturing X are lies"),
   when it is negated ("Hama has not fallen") or corrected ("earlier reports … were wrong");
   a denial alone in a sentence copies the previous claimed claim (:mod:`geo.attribution`).
   Dates also come from a date opening the sentence, "a day after X" (counted from the
   sentence's date), "the next morning" (from the date the text last gave) and date headers.

The place finders of step 3 are :mod:`geo.arguments`, the actor finder of step 4 is
:mod:`geo.agency`; lists of places are :mod:`geo.lists`;
"the city", "both towns" and "Syria's second city" are :mod:`geo.anaphora`; the record is
:class:`geo.records.Claim`.

Not claims: history (a year before 2024 in the claim's clause), airstrikes, hypotheticals and
purposes ("if Hama falls", "to try to repel", "vowed to advance"); the cues are
``data/lexicon/cues.tsv``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from geo.actors import Actor, find_actors
from geo.agency import _NOMINAL, DEFENDERS, REGIONAL_ACTORS, Agency, regional_actor
from geo.anaphora import SETTLEMENT_OR_FACILITY, find_anaphors, find_epithets
from geo.arguments import LOCATIVE_PREPS, Arguments, Unnamed
from geo.attribution import (
    DENIAL,
    DENIAL_HINTS,
    SPEECH,
    UNCONFIRMED,
    UNCONFIRMED_HINTS,
    channel_of,
    hinted,
)
from geo.columns import REPORTER, SYRIA
from geo.dates import (
    event_dates,
)
from geo.dating import Dating
from geo.ellipsis import Ellipsis
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.lexicon import default_lexicon
from geo.mentions import Mention, place_mention
from geo.modality import BLOCKED, NEGATED, mood_before, still_to_come
from geo.recording import HEADLINE_CHARS, Draft, Recording, dedupe
from geo.records import Claim
from geo.scan import RowScanner
from geo.sentences import split_sentences

#: Bumped whenever extraction changes, so stored articles can be re-extracted (``reextract``).
EXTRACTOR_VERSION = "4"


def _heads(spec: str) -> list[str]:
    """Head words from a spec string: space-separated, ``_`` joins a multi-word head."""
    return [h.replace("_", " ") for h in spec.split()]


# --- the lexicon (data/lexicon) ----------------------------------------------------------------
LEXICON = default_lexicon()
_WORDS = LEXICON.words
#: frame names of the lexicon -> the argument finder of each
_FORM = {
    "object": "obj",
    "object_inside": "obj_inside",
    "locative": "loc",
    "subject": "subj",
    "hold": "hold",
    "bring_under": "under",
    "adjective": "adj",
    "push": "push",
    "intransitive": "intrans",
}
_TRIGGERS: list[tuple[str, str, bool, str | None]] = [
    (t.action, _FORM[t.frame], t.static, t.actor) for t in LEXICON.triggers
]
TRIGGER_SCANNER = RowScanner(
    [(t.phrase.pattern, t.phrase.heads) for t in LEXICON.triggers], longest=True
)
_OBJECT_FILLER = _WORDS["object_filler"]
_LOCATIVE_FILLER = _OBJECT_FILLER | LOCATIVE_PREPS | _WORDS["locative_filler"]
_NOT_CONTROLLED = frozenset({"country", "river"})

#: a headline's source, before a colon or after one: "Kan: …", "…: monitor"
_HEADLINE_SOURCE = re.compile(
    r"^\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}):\s|:\s+((?:[a-z]+\s+)?(?:monitor|sources?"
    r"|state media|state TV|activists|observatory|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}))\s*$"
)
#: a participle after a comma that goes on from the clause before: ", heading toward …"
_RETREAT_HEADING = re.compile(r",\s*(?:heading|moving|retreating|fleeing|falling back)\b", re.I)
_NULL_PLACE_ACTIONS = frozenset({"captured", "recaptured", "withdrew", "entered"})

_EXTENT_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (extent, re.compile(rf"\b(?:{p.pattern})\b", re.IGNORECASE)) for extent, p in LEXICON.extents
]

_PUSHED_ATTACK = re.compile(
    r"\W*(?:(?:an?|the|their|its|several|repeated|multiple|all|every|a\s+\w+)\s+)?(?:[\w-]+\s+)?"
    r"(?:attacks?|assaults?|offensives?|advances?|incursions?|attempts?|attackers|infiltrations?"
    r"|aggression|raids?"
    r"|counter-?attacks?|pushes)\b",
    re.IGNORECASE,
)
_ATTACK_ON = re.compile(
    r"\b(?:on|against|targeting|to\s+(?:infiltrate|enter|storm|attack|seize|capture|take"
    r"|advance\s+on|break\s+into))\s+"
    # "repelling the aggression of terrorists in the Idlib de-escalation zone": where it was
    r"|^\s+(?:(?:of|by)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:in|near|around|at)\s+",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|is|are|being)\s+$", re.IGNORECASE)
_REPEATED_CHANGE = re.compile(
    r"\s+(?:twice|three times|several times|repeatedly|more than once|back and forth)\b",
    re.IGNORECASE,
)
_PLUPERFECT_BEFORE = re.compile(
    r"\bhad\s+(?:long\s+|previously\s+|once\s+|until\s+then\s+)?(?:been\s+)?$", re.IGNORECASE
)
#: a place, then the clause of a withdrawal from it: "Morek after the army pulled back"
_AFTER_LEAVING = re.compile(
    r"\s*(?:city\s+|town\s+)?,?\s*(?:after|as|when|once)\s+(?:[\w'’-]+\s+){1,5}", re.IGNORECASE
)
_DESTINATION = re.compile(
    # "withdrew towards Homs", "pulled its fighters back east of the Euphrates": where they went
    r"\W*(?:\w+\s+)?(?:to|toward|towards|into|across|beyond"
    r"|(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ward|wards)?\s+of|behind)\b\s*"
)
#: a one-word trigger that may be a participle used as an adjective ("the vacated buildings")
_PARTICIPLE_ADJECTIVE = re.compile(r"[a-z]+ed", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his)\s+$", re.IGNORECASE)
_OUT_OF = re.compile(r"\b(?:outside|from|out\s+of|away)\b", re.IGNORECASE)
#: the army's euphemisms for a withdrawal
_REDEPLOYED = re.compile(r"redeploy|reposition|regroup", re.IGNORECASE)
#: an actor's own unnamed places: "in their positions", "holding its posts"
_OWN_POSITIONS = re.compile(r"\b(?:its|their|his|our)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: the start of an apposition before an adjectival trigger (", a Kurdish-held town")
_APPOSITION_BEFORE = re.compile(r",\s*(?:a|an)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: a comparison that extends a subject's claim to a further list: "…, as are Halfaya and Suran"
_AS_ARE = re.compile(r",\s+as\s+(?:are|is|were|was|has|have|had)\s+", re.IGNORECASE)


# --- main entry --------------------------------------------------------------------------------
def extract_claims(
    text: str,
    *,
    published: date,
    article: str = "-",
    gazetteer: Gazetteer | None = None,
    mentions: Sequence[Mention] | None = None,
    outlet: str | None = None,
) -> list[Claim]:
    """Every control claim of one article, in text order.

    Parameters
    ----------
    text : str
        The article text; offsets in the result index into it.
    published : datetime.date
        Publication date, against which relative dates ("on Saturday") resolve.
    article : str
        The ``article`` field of the records (file name, or ``-``).
    gazetteer : Gazetteer, optional
        Defaults to :func:`geo.gazetteer.load_gazetteer`.
    mentions : sequence of Mention, optional
        Place mentions of ``text``, if already found.
    outlet : str, optional
        Who published the text (the manifest's ``outlet``). In a party's own channel (state
        media, an army or rebel statement: :func:`geo.attribution.channel_of`) what the text
        reports is that party's claim.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not isinstance(published, date):
        raise TypeError("published must be a datetime.date")
    gaz = gazetteer or load_gazetteer()
    found = list(mentions) if mentions is not None else gaz.find_mentions(text, article=article)
    # a name inside another ("the Euphrates" in "east of the Euphrates") is no list item
    found = [
        m
        for i, m in enumerate(found)
        if not any(
            o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
            for o in found[max(0, i - 3) : i + 3]
        )
    ]
    named = sorted(find_epithets(text, found, gaz), key=lambda m: m.start)
    if named:  # "Syria's second city": the city, not the country inside it
        starts = [e.start for e in named]

        def inside(m: Mention) -> bool:
            i = bisect.bisect_right(starts, m.start) - 1
            return i >= 0 and m.start < named[i].end

        found = sorted([m for m in found if not inside(m)] + named, key=lambda m: m.start)
    places = sorted(
        [m for m in found if m.place_id is not None] + find_anaphors(text, found, gaz),
        key=lambda m: m.start,
    )
    extractor = _Extractor(text, published, article, gaz, places)
    extractor.channel = channel_of(outlet)
    return extractor.run()


# --- the extractor -----------------------------------------------------------------------------


class _Extractor(Arguments, Agency, Dating, Recording, Ellipsis):
    def __init__(
        self, text: str, published: date, article: str, gaz: Gazetteer, places: list[Mention]
    ) -> None:
        self.text = text
        self.channel: str | None = None  # the party whose own channel the text is
        self.work = text.replace("\xa0", " ")  # same length: regexes run here, quotes from text
        self.published = published
        self.article = article
        self.gaz = gaz
        self.places = places
        self._place_starts = [m.start for m in places]
        self.dates = event_dates(self.work, published)
        # an actor word inside a place's name is part of the place ("the military academy",
        # "Army Hospital"): places are sorted and rarely overlap, so a bisect per actor
        self.actors = [a for a in find_actors(self.work) if not self._inside_place(a.start, a.end)]
        self._actor_starts = [a.start for a in self.actors]
        self.triggers = list(TRIGGER_SCANNER.scan(self.work))
        self._years = [m.start() for m in re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", self.work)]
        self._trigger_starts = [m.start() for _, m in self.triggers]
        self.last_actor: str | None = None
        self.last_attacker: str | None = None  # last actor (not a defender) to capture or enter
        self.last_claimant: str | None = None
        self._date_starts = [d.start for d in self.dates]
        self._longest_date = max((d.end - d.start for d in self.dates), default=0)
        self.header: date | None = None  # a date header ("Wednesday 27 November.")
        self._undated: set[str] = set()  # claims dated at publication for want of a date
        #: place_id -> the date the text gave its last change ("Two days after Hama fell")
        self.change_dates: dict[str, date] = {}
        # a headline: a short first line with the story below it
        first = self.work.find("\n")
        self._headline_end = (
            first if 0 < first <= HEADLINE_CHARS and self.work[first:].strip() else -1
        )
        self._lead_end = -1  # the end of the story's first sentence under a headline

    def _inside_place(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` end inside a resolved place's name ("the military" of "the
        military academy")? An actor that goes on past a place ("the Raqqa Military Council")
        or ends with the whole of one ("fighters from Daraa") is still an actor."""
        i = bisect.bisect_left(self._place_starts, end) - 1  # the last place starting before end
        if i < 0 or self.places[i].place_id is None:
            return False
        place = self.places[i]
        return place.start < end <= place.end and not (start < place.start and end == place.end)

    # -- per article --
    def run(self) -> list[Claim]:
        claims: list[Claim] = []
        previous: list[Claim] = []
        for s, e in split_sentences(self.work):
            sentence = self.work[s:e]
            if self._lead_end < 0 <= self._headline_end < s and sentence.strip():
                self._lead_end = e
            drafts = self._sentence(s, e)
            self._update_header(s, e)
            current: list[Claim] = []
            if drafts:
                status, claimant = self._status(s, e, drafts)
                tag = _HEADLINE_SOURCE.search(sentence) if e <= self._headline_end + 1 else None
                for d in drafts:
                    st = status(d)
                    if tag and st == "reported" and not d.static:  # "Kan: army pulls back …"
                        st, claimant = "claimed", (tag.group(1) or tag.group(2)).strip()
                    current.append(self._claim(d, st, claimant if st != "reported" else REPORTER))
            unconfirmed = (
                UNCONFIRMED.search(sentence) if hinted(sentence, UNCONFIRMED_HINTS) else None
            )
            if (
                not drafts
                and previous
                and unconfirmed
                # "…, a commander said; the claim could not be verified": its own claim
                and not SPEECH.search(sentence, 0, unconfirmed.start())
                and not any(c.status == "claimed" for c in previous)
            ):
                # "This could not be verified." qualifies what the last sentence reported
                claims = [replace(c, status="claimed") if c in previous else c for c in claims]
            denial = (
                DENIAL.search(sentence) if not drafts and hinted(sentence, DENIAL_HINTS) else None
            )
            if denial and not any(
                # "… dismissed as fabrications reports that Assad had left Damascus": a denial
                # with a place of its own denies that, not the last claim before it
                s + denial.end() <= p.start < e
                for p in self.places[bisect.bisect_left(self._place_starts, s + denial.end()) :][:1]
            ):
                denied = [c for c in reversed(claims) if c.status == "claimed"][:1]
                for c in denied:
                    current.append(self._denial(c, s, e, self._claimant(s, e)))
            claims += current
            previous = current
            for c in current:
                if c.place_id and c.claim_id not in self._undated and c.status != "denied":
                    self.change_dates[c.place_id] = c.event_date
        return dedupe(self._date_retellings(self._date_headlines(claims)))

    # -- per sentence --
    def _sentence(self, s: int, e: int) -> list[Draft]:
        lo = bisect.bisect_left(self._actor_starts, s)
        hi = bisect.bisect_left(self._actor_starts, e)
        actors = [a for a in self.actors[lo:hi] if a.end <= e]
        lo = bisect.bisect_left(self._place_starts, s)
        hi = bisect.bisect_left(self._place_starts, e)
        places = [m for m in self.places[lo:hi] if m.end <= e]
        drafts: list[Draft] = []
        covered = s  # "repelled an attack on X": the nested "attack on" is not its own claim
        lo = bisect.bisect_left(self._trigger_starts, s)
        hi = bisect.bisect_left(self._trigger_starts, e)
        for idx, m in self.triggers[lo:hi]:
            if m.end() > e or m.start() < covered:
                continue
            action, form, static_row, row_actor = _TRIGGERS[idx]
            t0 = m.start()
            if _PARTICIPLE_ADJECTIVE.fullmatch(m.group(0)) and _DETERMINER_BEFORE.search(
                self.work, max(s, t0 - 8), t0
            ):
                continue  # "moved into the vacated buildings": an adjective, not a verb
            mood = mood_before(self.work, s, t0, m.end())
            if mood == BLOCKED:  # "to repel the attack on X", "would force the SAA to defend"
                covered = self._cover_nested(m.end(), e)
                continue
            negated = mood == NEGATED
            new = self._trigger(action, form, static_row, row_actor, m, s, e, places, actors)
            if new and _NOMINAL.search(m.group(0)) and still_to_come(self.work, new[-1].end):
                continue  # "The fall of Homs would cut Damascus off": what may come, not a change
            if negated:  # "Hama has not fallen": a denial of the claim, never a capture
                new = [replace(d, negated=True) for d in new if d.place is not None]
                if not new:
                    covered = self._cover_nested(m.end(), e)
            if form == "push" and new:
                covered = max(d.end for d in new)
            if action == "advancing" and _RETREAT_HEADING.search(
                self.work, max(s, t0 - 4), t0 + 12
            ):
                retreat = {d.actor for d in drafts if d.action == "withdrew"}
                # "… have evacuated Deir Ezzor, heading toward the desert": where they retreat
                new = [d for d in new if d.actor not in retreat]
            drafts += new + self._lost_to(m, new, actors)
        drafts = self._one_regional_actor(drafts, actors)
        return drafts + self._gapped(drafts, s, e)  # "… and Suwayda the following day"

    def _trigger(
        self,
        action: str,
        form: str,
        static: bool,
        row_actor: str | None,
        m: re.Match[str],
        s: int,
        e: int,
        places: list[Mention],
        actors: list[Actor],
    ) -> list[Draft]:
        text = self.text
        t0, t1 = m.start(), m.end()
        targets: list[Mention | Unnamed] = []
        attack: re.Match[str] | None = None  # "pushed back an attack …" (push frame)
        extent_span = (t0, t1)
        if form == "obj_inside" and _PASSIVE_BEFORE.search(self.work, max(s, t0 - 12), t0):
            return []  # "factions that had been deployed in X": where they were, not a move
        if _REPEATED_CHANGE.match(self.work, t1, e):
            return []  # "X has changed hands twice: …": no single change; the details follow
        if static and _PLUPERFECT_BEFORE.search(self.work, max(s, t0 - 20), t0):
            # "the SDF, which had held Manbij since 2016", "Tal Rifaat … had been held by Kurdish
            # forces since 2016": a former state, not today's
            return []
        if form in ("obj", "obj_inside"):
            targets = self._objects(t1, e, places, _OBJECT_FILLER, action)
            if not targets:
                targets = self._relative_antecedent(t0, s, places)
            if not targets and (
                re.match(r"\s+it\b", self.work[t1 : t1 + 4])
                or re.search(r"\bits\s+\w+\W*$", m.group(0))  # "stand at its walls"
            ):
                targets = self._pronoun(t0)
            if not targets and re.match(r"\s+them\b", self.work[t1 : t1 + 6]):
                targets = self._plural_pronoun(t0, places)
            if m.group(0).lower().startswith(("arrived", "arriving")) and action == "advancing":
                gap = text[t1 : targets[0].start] if targets and targets[0] else ""
                if not re.search(r"outskirts|gates|edge", gap, re.I):
                    return []
        elif form in ("loc", "hold"):
            targets = self._objects(t1, e, places, _LOCATIVE_FILLER, action, locative=True)
            if not targets:
                targets = self._relative_antecedent(t0, s, places)
        elif form == "push":
            targets = self._objects(
                t1, e, places, _LOCATIVE_FILLER, action, locative=True, allow_generic=False
            )
            attack = _PUSHED_ATTACK.match(self.work, t1, e)
            on = (
                _ATTACK_ON.search(self.work[attack.end() : min(e, attack.end() + 60)])
                if attack
                else None
            )
            on_at = attack.end() + on.end() if attack and on else 0
            if not targets and on:
                # "beat back attacks by the factions on villages on the outskirts of Manbij":
                # the place attacked, named after "on"
                hit = [
                    p
                    for p in places
                    if p.start >= on_at
                    and p.start - on_at <= 80
                    and not re.search(r"[.;]", self.work[on_at : p.start])
                ]
                targets = [hit[0]] if hit else []
            if not targets:
                targets = self._where_antecedent(t0, s, places)
            if not targets:
                targets.extend([p for p in places if p.end <= t0][-1:])
        elif form == "intrans":  # "entered X after government forces pulled out"
            dest = _DESTINATION.match(self.work, t1, e)
            if dest and any(t1 <= p.start and p.start - dest.end() <= 25 for p in places):
                # "withdrew towards Homs": a destination, no claim on it; but "fighters are
                # inside Morek after the army pulled back towards Hama": they left Morek
                left = [p for p in places if p.end <= t0 and p.place_type in SETTLEMENT_OR_FACILITY]
                if not left or not _AFTER_LEAVING.fullmatch(self.work, left[-1].end, t0):
                    return []
                targets = [left[-1]]
            else:
                targets = self._objects(
                    t1, e, places, _LOCATIVE_FILLER, action, locative=True, allow_generic=False
                )
            if not targets:
                targets = self._objects(t1, e, places, _OBJECT_FILLER, action, allow_generic=False)
            if not targets and (
                re.match(
                    # "… along strong defensive lines backed by a range of weapons"
                    r"\W*(?:$|[,;.]|(?:overnight|on|late|early|in|at|this|last|and|backed"
                    r"|supported|reinforced|with)\b)",
                    self.work[t1:e],
                )
                or (dest and not any(p.start >= dest.end() for p in places))
            ):  # "… had been redeployed to prepare a counterattack": a purpose, not a place
                # "its units in Daraa and Sweida provinces had been redeployed": the whole list
                targets.extend(self._list_ending([p for p in places if p.end <= t0]))
        elif form == "subj":
            targets = self._subject(t0, s, places)
            also = _AS_ARE.search(self.work, t1, e)  # "X is now held by the factions, as are Y"
            if targets and also:
                targets += self._objects(
                    also.end(), e, places, _OBJECT_FILLER, action, allow_generic=False
                )
        elif form == "under":
            inner = (m.start("obj"), m.end("obj"))
            targets.extend([p for p in places if inner[0] <= p.start and p.end <= inner[1]][:1])
            extent_span = (t0, t1)
        elif form == "adj":
            targets = self._adjectival(t0, t1, s, e, places)
        targets = [  # a country or a river is no object of a control claim ("areas of Syria")
            t
            for t in targets
            if not isinstance(t, Mention)
            or (t.place_id is not None and t.place_type not in _NOT_CONTROLLED)
        ]
        if not targets:
            return []
        if action == "withdrew" and _REDEPLOYED.search(m.group(0)):
            lead = min(t.start for t in targets)  # "In Daraa and Sweida, …": the list's head
            targets = [self._province_of_redeployment(t, t1, lead) for t in targets]
        actor = row_actor or self._actor(form, m, t0, t1, s, e, actors, action)
        if actor is None and action == "defensive_line":
            # "The ministry added that units in the Hama countryside have established a line
            # of defence": the lines are the speaker's side's
            actor = self._speaker_side(s, e)
        if actor is None or actor == "air":
            return []
        if form == "push":
            # pushing back an attack is repelling it, whoever does it; pushing back forces is the
            # government's defence or an attacker's advance
            action = "repelled" if actor == "government" or attack else "advancing"
        drafts = []
        clause = self._clause(t0, s, e, t1)
        for target in targets:
            if target is None:
                continue
            unnamed = isinstance(target, Unnamed)
            if unnamed and action not in _NULL_PLACE_ACTIONS:
                continue
            if (
                unnamed
                and action in ("captured", "entered")
                and _OWN_POSITIONS.search(self.work, max(0, target.start - 24), target.start)
            ):
                continue  # "troops are in their positions", "holding its positions": held already
            q0, q1 = min(t0, target.start), max(t1, target.end)
            if self._historic(q0, q1, s, e):
                continue
            place = None if isinstance(target, Unnamed) else target
            extent = None if unnamed else self._extent(extent_span, place, form, m)
            who = actor
            if place is not None and place.place_id:
                who = regional_actor(self.gaz, place.place_id, actor)
            elif unnamed:
                who = self._region_of_sentence(places, s, e, actor)
            if form in ("obj", "obj_inside") and target.start < t0:
                # "retook X on Tuesday, two days after losing it": an object named before its
                # trigger (a pronoun's antecedent) is dated where the trigger stands
                when = self._date(clause, t0, t1, s, e)
            elif static and form == "adj":
                when = None  # "Idlib city, a rebel-held stronghold": held on the day of writing
            else:
                when = self._date(clause, q0, q1, s, e)
            act = LEXICON.actions.get((who, action, static), action)
            drafts.append(Draft(q0, q1, place, who, act, extent, when, static, (s, e), (t0, t1)))
        if drafts and not (
            form == "adj" and _APPOSITION_BEFORE.search(self.work, max(s, t0 - 30), t0)
        ):
            # "Tel Rifaat, a Kurdish-held town … that they had encircled": an apposition that
            # describes a place names no one who acts
            whos = {d.actor for d in drafts}
            # "… took Daraa province. They then reached Damascus": the regional opposition
            self.last_actor = whos.pop() if whos <= REGIONAL_ACTORS and len(whos) == 1 else actor
            if action in ("captured", "entered") and not static and actor not in DEFENDERS:
                self.last_attacker = actor
        return drafts

    def _province_of_redeployment(
        self, target: Mention | Unnamed, t1: int, lead: int
    ) -> Mention | Unnamed:
        """ "The army said it had redeployed in Daraa and Sweida": an army that redeploys "in" a
        provincial capital's name speaks of the province (not "outside Hama": the city)."""
        if not isinstance(target, Mention) or not target.place_id or target.surface[:1].islower():
            return target  # "its units in the city had been redeployed": the city
        gov = self.gaz.governorate_of_capital(target.place_id)
        if target.start >= t1:  # the trigger may end in its preposition
            between = self.work[t1 - 4 : target.start]
        else:  # "In Daraa and Sweida, our forces carried out redeployment …": fronted
            line = self.work.rfind("\n", 0, lead) + 1
            fronted = re.search(r"(?:^|[.!?]\s+)In\s+$", self.work[line:lead])
            between = " in " if fronted else ""
        if gov is None or not re.search(r"\bin\b", between) or _OUT_OF.search(between):
            return target
        return place_mention(
            self.gaz.place(gov), target.article, target.surface, target.start, target.end
        )

    def _region_of_sentence(self, places: list[Mention], s: int, e: int, actor: str) -> str:
        """ "Sweida's governor left his office as local fighters seized a string of
        checkpoints": an unnamed place lies where the sentence's named places all lie, and
        generic rebels there are that region's opposition (``regions.tsv``)."""
        admin1s = {
            self.gaz.place(p.place_id).admin1 for p in places if p.place_id and s <= p.start < e
        }
        admin1s = {a for a in admin1s if a.startswith(SYRIA + "-")}  # governorates
        if len(admin1s) != 1:
            return actor
        return LEXICON.regions.get((admin1s.pop(), actor), actor)

    def _cover_nested(self, t1: int, e: int) -> int:
        """End of a trigger nested right after ``t1`` ("repel | the attack on X"), so that a
        blocked or denied trigger does not leave its object to the nested one."""
        i = bisect.bisect_left(self._trigger_starts, t1)
        if i < len(self.triggers):
            nxt = self.triggers[i][1]
            if nxt.start() - t1 <= 15 and nxt.end() <= e:
                return nxt.end()
        return t1

    # -- extent, date, status --
    def _extent(
        self, span: tuple[int, int], target: Mention | None, form: str, m: re.Match[str]
    ) -> str | None:
        if form == "hold":
            return "part"
        a, b = span
        if target is not None:
            a, b = min(a, target.start), max(b, target.start)
        window = self.work[max(0, a - 25) : b] if form in ("subj", "obj") else self.work[a:b]
        if target is not None:
            window = self.work[max(0, a - 25) : a].split(",")[-1] + self.work[a:b]
        for extent, pattern in _EXTENT_WORDS:
            if pattern.search(window):
                return extent
        return None

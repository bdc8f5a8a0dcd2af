"""Attribution: who asserts a sentence's claims, and whether they are reported, claimed or
denied.

``reported`` is the outlet's own voice; ``claimed`` when the sentence attributes ("said",
"according to", quotes) or says it is unconfirmed ("could not be verified", "appears to have");
``denied`` when a denial covers the claim ("denied that rebels had entered X", "claims of
recapturing X are lies") or the outlet corrects itself ("earlier reports … were wrong"). The
cues are ``data/lexicon/cues.tsv``; canonical claimants are ``data/lexicon/claimants.tsv``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from geo.columns import REPORTER
from geo.lexicon import default_lexicon

LEXICON = default_lexicon()
#: who helps, in an aside between a subject and its verb: "…, with support from Russian jets, …"
HELPED_BY = (
    r"with\s+(?:the\s+)?(?:support|help|backing|cover|aid)\s+(?:of|from)|backed\s+by"
    r"|supported\s+by|aided\s+by|in\s+(?:cooperation|coordination|conjunction)\s+with"
)
#: an aside between commas or dashes ("…, led by HTS, …"): its words are not the subject's
PARENTHETICAL = re.compile(
    rf",\s*(?:led by|including|which|who|{HELPED_BY}|dominated by|propped up by"
    r"|carrying|transporting|escorting|after a|after an|following a|following an|held by"
    r"|controlled by|run by|ruled by)"
    r"[^,–—]*(?:,|(?=[–—]))|\s[–—]\s[^–—]*\s[–—]\s"
)
#: what follows a mid-sentence attribution tag: a comma or a new clause
_TAG_THEN_CLAUSE = re.compile(
    r"\s*(?:on\s+\w+day\s*)?(?:[,;–—]|\s(?:as|while|but|though|although|after|adding)\b)",
    re.IGNORECASE,
)
_SPEECH_CUES = LEXICON.cue_regex("speech")
#: a speech verb; "State" written with a capital is a name ("the Islamic State"), not "stated"
SPEECH = re.compile(
    r"(?-i:(?!State\b|States\b))(?:" + _SPEECH_CUES.pattern + ")", _SPEECH_CUES.flags
)
#: a denial that judges what stands before it: "… are lies", "… were untrue"
_VERDICT = re.compile(
    r"\b(?:(?:were|was|are|is)|as)\s+['‘\"“]?(?:completely\s+|entirely\s+|totally\s+|utterly\s+)?"
    r"(?:untrue|false|baseless|fabricated|lies|wrong|unfounded|incorrect|not true|groundless"
    r"|without foundation|without basis)\b",
    re.IGNORECASE,
)
_ACCORDING = LEXICON.cue_regex("according")
UNCONFIRMED = LEXICON.cue_regex("unconfirmed")
DENIAL = LEXICON.cue_regex("denial")
_CORRECTION = LEXICON.cue_regex("correction")
#: canonical claimant names ("the Observatory" = SOHR)
_CLAIMANT_ALIASES = [
    (re.compile(rf"\b(?:{p.pattern})\b", re.IGNORECASE), canonical)
    for canonical, p in LEXICON.claimants
]
#: words one of whose presence a cue needs (a cheap test before the regex)
UNCONFIRMED_HINTS = tuple(sorted(LEXICON.cue_heads("unconfirmed")))
DENIAL_HINTS = tuple(sorted(LEXICON.cue_heads("denial")))


#: an outlet that speaks for a side without naming a source ("rebel Telegram statement")
_PARTY_OUTLET = re.compile(
    r"\s*(?:rebel|opposition|insurgent|state media|state TV|state television|army|military"
    r"|ministry|government)\b",
    re.IGNORECASE,
)


#: a speech verb inside an adverbial clause after the claim: "…, hours after the army announced"
_SUBORDINATE_SPEAKER = re.compile(
    r"\s*(?:(?:hours|days|minutes|shortly|soon|just|a\s+day|a\s+week)\s+)?"
    r"(?:after|before|as|when|while|since|until|because)\b",
    re.IGNORECASE,
)
#: a verb whose object is the speech noun: "could not verify claims that …"
_VERIFY_BEFORE = re.compile(
    r"\b(?:verify|confirm|check|investigate|assess)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: the start of another clause, which a denial before it does not reach
_NEW_CLAUSE = re.compile(
    # "… denied that rebels had entered Homs, saying the army was in control": the speaker's own
    # claim after the denial
    r"\s(?:as|while|whereas|but|meanwhile)\s|[;:]|,\s+(?:saying|adding|insisting|stressing)\b",
    re.IGNORECASE,
)
#: a denial that is a verb ("denied", "dismissed"), not a verdict on what stands before it;
#: and one right before a verdict ("dismissed as lies")
_DENIAL_STEMS = r"(?:den|dismiss|reject|refut|rebut)"
_DENIAL_VERB = re.compile(_DENIAL_STEMS, re.IGNORECASE)
_DENIAL_VERB_BEFORE = re.compile(rf"\b{_DENIAL_STEMS}\w*\s+$", re.IGNORECASE)
_PRONOUNS = frozenset("he she it they we i you this that these those there".split())
#: an adverb that hedges the verb right after it ("likely seized", "probably withdrew")
_HEDGE_BEFORE = re.compile(r"\b(?:likely|probably|possibly)\s+$", re.IGNORECASE)


def channel_of(outlet: str | None) -> str | None:
    """The party whose own channel ``outlet`` is (a state news agency, an army or rebel
    statement): its canonical claimant name (``claimants.tsv``, a source with a ``side``), or
    the outlet itself for a side's channel no row names; ``None`` for an outlet of its own
    (a wire, a monitor, a newspaper)."""
    if not outlet:
        return None
    for pattern, canonical in _CLAIMANT_ALIASES:
        if pattern.search(outlet) and LEXICON.claimant_sides.get(canonical):
            return canonical
    if _PARTY_OUTLET.match(outlet):
        return outlet.strip()
    return None


def hinted(sentence: str, hints: tuple[str, ...]) -> bool:
    """Does ``sentence`` hold one of the ``hints`` (a cue's head words)?"""
    low = sentence.lower()
    return any(h in low for h in hints)


def _quoted_spans(sentence: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[“\"]([^”\"]{20,})[”\"]", sentence):
        spans.append((offset + m.start(), offset + m.end()))
    if sentence.lstrip().startswith("“") and "”" not in sentence:
        spans.append((offset, offset + len(sentence)))
    return spans


class DraftLike(Protocol):
    """What attribution reads of a claim draft."""

    @property
    def trigger(self) -> tuple[int, int]: ...
    @property
    def negated(self) -> bool: ...
    @property
    def static(self) -> bool: ...
    @property
    def action(self) -> str: ...
    @property
    def place(self) -> Any: ...


#: a liveblog's timestamp or label before the speaker: "10:45 GMT - Rebels say …"
#: a source named before a colon at the head of a sentence: "SANA: Army units repel …"
_SOURCE_PREFIX = re.compile(
    # "SANA: …", "HTS, on Telegram: '…'"
    r"\s*([A-Z][\w.'’ -]{1,40}?)(?:,\s*(?:on|in|via)\s+[\w.'’ -]{1,30}?)?\s*:\s+[\"“‘']?(?=[A-Z])"
)


def _prefixed_source(sentence: str) -> str | None:
    """The known source a sentence names before a colon ("SANA: Army units repel …"), also
    after a liveblog's time ("18:05 GMT – HTS, on Telegram: …")."""
    source = _SOURCE_PREFIX.match(_LIVEBLOG_PREFIX.sub("", sentence.lstrip(), count=1))
    if source:
        for pattern, canonical in _CLAIMANT_ALIASES:
            if pattern.search(source.group(1)):
                return canonical
    return None


_LIVEBLOG_PREFIX = re.compile(
    r"^(?:(?:\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|[AP]M|local(?:\s+time)?)?|UPDATE|BREAKING|Breaking|Update"
    r"|LIVE|Live)\s*[-–—:|]\s*)+"
)
#: the denial verb after a speaker: "The army dismissed as false reports that …"
_DENIAL_VERB_TAIL = re.compile(
    r"\s+(?:dismiss|dismisses|dismissed|deny|denies|denied|reject|rejects|rejected|refute"
    r"|refutes|refuted|described|describes|called|calls)\b.*$",
    re.IGNORECASE,
)
#: "since the fall of X" (a noun phrase after "since"; "has since stabilised" is an adverb)
_SINCE = re.compile(r"\bsince\s+the\s+$", re.IGNORECASE)
#: an adverbial clause before the speaker: "hours after those factions said …"
_LEADING_ADVERBIAL = re.compile(
    r"^.*\b(?:after|before|while|when|since|because|until|once)\s+(?=\S)", re.IGNORECASE
)


class Attribution:
    """Status and claimant of a sentence's claims; mixed into the extractor, whose text
    (``work``), actors and triggers it reads."""

    work: str
    last_claimant: str | None
    actors: list[Any]
    _actor_starts: list[int]
    _trigger_starts: list[int]
    _clause: Callable[..., tuple[int, int]]

    def _status(self, s: int, e: int, drafts: Sequence[DraftLike]) -> tuple[Any, str]:
        sentence = self.work[s:e]
        claimant = self._claimant(s, e)
        denials = list(DENIAL.finditer(sentence)) if hinted(sentence, DENIAL_HINTS) else []

        def in_denial(d: DraftLike) -> bool:
            """A denial covers what follows it ("denied that rebels had entered X") and, as a
            verdict ("the regime's claims of recapturing X are lies"), its own subject."""
            at = d.trigger[0] - s
            for m in denials:
                if m.start() <= at:
                    # "SDF denies leaving Deir ez-Zor as factions press on Manbij": the denial
                    # ends where another clause begins
                    if not _NEW_CLAUSE.search(sentence, m.end(), at):
                        return True
                    continue
                if _DENIAL_VERB.match(m.group(0)) or _DENIAL_VERB_BEFORE.search(
                    sentence, max(0, m.start() - 20), m.start()
                ):
                    continue  # "dismissed as lies reports that …": it covers what follows
                if _VERDICT.match(m.group(0)) or _VERDICT.search(sentence, m.start(), m.end()):
                    between = sentence[at : m.start()]
                    if not re.search(r"[;:]|\bbut\b|[–—]", between):
                        return True
            return False

        unconfirmed = hinted(sentence, UNCONFIRMED_HINTS) and bool(UNCONFIRMED.search(sentence))
        prefixed = _prefixed_source(sentence) is not None
        speech = list(SPEECH.finditer(sentence))
        according = list(_ACCORDING.finditer(sentence))
        quoted = _quoted_spans(sentence, s)

        corrections = list(_CORRECTION.finditer(sentence))

        def corrected_claim(d: DraftLike) -> bool:
            """ "Earlier reports that X had fallen were wrong": a correction covers its
            sentence, up to a colon or semicolon after it ("That was incorrect: the base
            remains in government hands" asserts what follows)."""
            at = d.trigger[0] - s
            return any(
                at < c.start()
                or not sentence[: c.start()].strip()  # "CORRECTION: …" labels all of it
                or not re.search(r"[:;]", sentence[c.end() : at])
                for c in corrections
            )

        corrected = bool(corrections)

        def status(d: DraftLike) -> str:
            if d.negated or corrected_claim(d) or in_denial(d):
                return "denied"
            if (
                d.static
                and d.action == "captured"
                and d.place is not None
                and self._adjectival_trigger(d)
            ):
                return "reported"  # "the rebel-held enclave": the outlet's own description
            if _SINCE.search(self.work, max(s, d.trigger[0] - 12), d.trigger[0] + 4):
                return "reported"  # "… admitted losing ground since the fall of X": background
            if _HEDGE_BEFORE.search(self.work, max(s, d.trigger[0] - 12), d.trigger[0]):
                return "claimed"  # "opposition forces likely seized X": an analyst's hedge
            if prefixed or unconfirmed or any(a <= d.trigger[0] < b for a, b in quoted):
                return "claimed"
            if according and self._in_scope_of_according(s, e, according[0], d):
                return "claimed"
            if not speech:
                return "reported"
            verb = speech[0]
            verb_at = s + verb.start()
            if d.trigger[0] >= verb_at:
                return "claimed"
            if self._trailing_attribution(s, e, verb):
                return "claimed"
            return "reported"  # "took X and claimed to have entered Y": X is the outlet's

        if corrected:
            claimant = REPORTER  # the outlet corrects itself: "earlier reports … were wrong"
        return status, claimant

    def _adjectival_trigger(self, d: DraftLike) -> bool:
        return bool(
            re.search(
                r"[-‐‑– ](?:held|controlled|ruled|run)$", self.work[d.trigger[0] : d.trigger[1]]
            )
        )

    def _in_scope_of_according(self, s: int, e: int, m: re.Match[str], d: DraftLike) -> bool:
        """ "According to X, …" and "…, according to X." cover the sentence; a parenthetical
        ", according to X," in mid-sentence covers its own clause."""
        sentence = self.work[s:e]
        if m.start() < 3:
            return True
        tail = sentence[m.end() :]
        if len(re.findall(r"[\w’'-]+", tail)) <= 12 and "," not in tail.strip(" .").rstrip(","):
            return True
        clause = self._clause(d.trigger[0], s, e, d.trigger[1])
        return clause[0] <= s + m.start() < clause[1]

    def _trailing_attribution(self, s: int, e: int, verb: re.Match[str]) -> bool:
        """Is the speech verb a tag at the end (", X said.") rather than a verb with a
        complement ("X said that …", "claimed to have entered …")?"""
        sentence = self.work[s:e]
        before = sentence[: verb.start()]
        after = sentence[verb.end() :]
        after_words = len(re.findall(r"[\w’'-]+", after))
        if after_words > 3 and re.match(r"\s*(?:that|to|it|they|he|she|we|there)\b", after):
            return False
        if re.search(r"[,”\"]\s*$", before[-3:] if len(before) >= 3 else before):
            return True
        last = max(before.rfind(","), before.rfind("”"), before.rfind('"'))
        if last >= 0 and _SUBORDINATE_SPEAKER.match(before[last + 1 :]):
            return False  # "…, hours after the army announced its withdrawal": no tag
        subject_words = len(re.findall(r"[\w’'-]+", before[last + 1 :])) if last >= 0 else 99
        if last >= 0 and subject_words <= 8 and _TAG_THEN_CLAUSE.match(after):
            return True  # "…, a war monitor said, as government forces withdrew …": a tag
        return (
            subject_words <= 10
            and after_words <= 10
            and not re.match(r"\s*(?:that|to|it|they|he|she)\b", after)
        )

    def _claimant(self, s: int, e: int) -> str:
        """Who asserts the sentence's claims: "according to X", a known monitor or agency, the
        subject of the speech verb, or a trailing "said X"; pronouns resolve to the previous
        claimant ("he") or the nearest actor ("they"). ``reporter`` when nobody is named."""
        sentence = self.work[s:e]
        source = _prefixed_source(sentence)
        if source:
            self.last_claimant = source
            return source
        verb = SPEECH.search(sentence) or _ACCORDING.search(sentence)
        if verb is None:
            return REPORTER
        if re.search(r"\b(?:been|was|were|is|are)\s+$", sentence[: verb.start()]):
            return "reports"  # "All four had been reported secured": nobody named
        if _VERIFY_BEFORE.search(sentence[: verb.start()]):
            return "reports"  # "Reuters could not verify claims that …": whose, it does not say
        name: str | None = None
        m = re.search(r"according to ([^,.;]+)", sentence, re.I)
        if m:
            name = m.group(1)
        if name is None:
            head = PARENTHETICAL.sub(lambda x: " " * len(x.group(0)), sentence[: verb.start()])
            cut = max(
                head.rfind(","),
                head.rfind("“"),
                head.rfind("”"),
                head.rfind('"'),
                head.lower().rfind(" that "),
                head.rfind("–"),
            )
            # "… from the SDF, Turkish officials said": the speaker is the verb's own subject,
            # not a source the sentence names elsewhere
            tag = sentence[cut + 1 : verb.end() + 60]
            own = re.findall(r"[\w’'-]+", head[cut + 1 :])
            named_speaker = 0 < len(own) <= 4 and own[0].lower() not in _PRONOUNS
            for pattern, canonical in _CLAIMANT_ALIASES:
                if pattern.search(tag if named_speaker else sentence[: verb.end() + 60]):
                    self.last_claimant = canonical
                    return canonical
            subject = head[cut + 1 :].strip(' ,“”"')
            subject = re.sub(r"\s+(?:has|have|had|also|then|now|later)$", "", subject)
            subject = re.sub(r"^(?:but|and|however|which|who|that|so)\s+", "", subject, flags=re.I)
            # "hours after those factions said …": the speaker is inside the adverbial clause
            subject = _LEADING_ADVERBIAL.sub("", subject)
            subject = _LIVEBLOG_PREFIX.sub("", subject)  # "10:45 GMT - Rebels say …"
            # "The army dismissed as false reports that …": the subject of the denial
            subject = _DENIAL_VERB_TAIL.sub("", subject)
            words = subject.split()
            if words and words[0].lower() in ("he", "she") and len(words) <= 2:
                return self.last_claimant or REPORTER
            subject_start = s + cut + 1  # the triggers and actors found once per article
            lo = bisect.bisect_left(self._trigger_starts, subject_start)
            has_trigger = lo < len(self._trigger_starts) and self._trigger_starts[lo] < (
                s + verb.start()
            )
            if words and (words[0].lower() in ("they", "it") or len(words) > 8 or has_trigger):
                lo = bisect.bisect_left(self._actor_starts, s)
                hi = bisect.bisect_left(self._actor_starts, e)
                first = next((a for a in self.actors[lo:hi] if a.actor not in ("ref", "air")), None)
                name = self.work[first.start : first.end] if first else None
            elif words:
                name = subject
        if name is None:
            m = re.search(
                r"(?:said|says|announced|told|reported)\s+(?:on \w+\s+)?(?:the\s+)?"
                r"([A-Z][\w’'\- ]{1,60})",
                sentence,
            )
            name = m.group(1) if m else None
        if not name:
            return self.last_claimant or REPORTER
        name = " ".join(name.strip(' ,“”"').split()[-8:])
        if re.fullmatch(
            r"(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            r"|reports?|however|but|and)(?: on \w+)?",
            name.lower(),
        ):
            return self.last_claimant or REPORTER
        if self.last_claimant and re.fullmatch(
            r"the (?:ministry|command|general command)", name, re.I
        ):
            return self.last_claimant  # "the ministry said": the ministry named before
        for pattern, canonical in _CLAIMANT_ALIASES:
            if pattern.search(name):
                name = canonical
                break
        self.last_claimant = name
        return name

"""Who makes a claim: the actor finder of the claim extractor.

The actor of a trigger is, in order: the side its phrase names ("rebel-held"); a modifier of a
nominal trigger ("a rebel advance"); the agent after "fell to", "seized by", "in the hands of";
the noun a participle modifies ("the factions now controlling it"); the subject before it in the
sentence (parentheticals and oblique phrases such as "from regime forces" skipped), a relative
pronoun's antecedent, a fronted clause's main subject ("After seizing X, the rebels …"). "They",
"its fighters" refer back to the last actor; "our forces" are the speaker's side
(``claimants.tsv``); a place that "fell" with no agent fell to the text's last attacker. A
taker named after "lost X to" captures it, and generic rebels who take a place of a region with
its own opposition are that opposition in their whole sentence. The extractor
(:mod:`geo.claims`) mixes this in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.actors import Actor, actor_of_word
from geo.attribution import PARENTHETICAL, SPEECH, Attribution
from geo.columns import REPORTER
from geo.gazetteer import Gazetteer
from geo.lexicon import default_lexicon
from geo.recording import Draft

LEXICON = default_lexicon()

#: a preposition before an actor term: the actor is not the subject ("from regime forces")
_OBLIQUE = re.compile(
    r"\b(?:from|against|with|between|among|than|versus|vs)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: actors whose captures are recaptures in this theatre (``actions.tsv``): the defenders, never
#: the unnamed captor of a place that "fell"
DEFENDERS = frozenset(
    actor for (actor, action, _), becomes in LEXICON.actions.items() if becomes == "recaptured"
)
#: a nominal trigger ("the fall of", "the capture of"): its actor may go unnamed
_NOMINAL = re.compile(
    r"\b(?:capture|fall|takeover|seizure|liberation|loss|recapture|entry|incursion)\s+(?:of|into)$"
)
_NOT_NAMED = frozenset({"ref", "air"})
_NOMINAL_WITHDRAWAL = re.compile(
    r"\b(?:withdrawal|pullback|pull back|pullout|retreat|evacuation)\s+(?:from|of)$"
)
#: a passive repulse whose subject is the attacker ("… but were repelled")
_WERE_REPELLED = re.compile(r"(?:but|and)\s+(?:was|were|had been|have been)\b", re.IGNORECASE)
#: a withdrawal named after what followed it, with no actor ("following an evening withdrawal")
_FOLLOWING_WITHDRAWAL = re.compile(r"(?:following|after)\s", re.IGNORECASE)
#: the owner of a noun right before it ("the regime's withdrawal")
_POSSESSOR_BEFORE = re.compile(r"((?:[\w-]+\s+){0,2}[\w-]+)['’]s\s+$")
#: what opens the clause of an intransitive "X fell" ("… as Damascus falls")
_FALL_CLAUSE = re.compile(
    r"\b(?:as|while|when|whereas|but|and|after|before|since|that)\s", re.IGNORECASE
)
_RELATIVE_SUBJECT = re.compile(r"\s*,?\s*(?:who|which|that)\s+(?:[\w’']+\s+){0,3}", re.IGNORECASE)
_SUBORDINATOR = re.compile(
    r"\b(?:after|before|as|while|when|once|since|until|because)\s+(?:the\s+)?$", re.IGNORECASE
)
_COORDINATED_ACTOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
#: between a noun and the participle that modifies it ("factions now controlling it")
_PARTICIPLE_GAP = re.compile(r"\s+(?:(?:now|still|already|reportedly)\s+)?", re.IGNORECASE)
#: a passive or ergative that names its agent next ("passed to", "in the hands of", "by")
_TO_AN_AGENT = re.compile(r"\b(?:to|of|by)\s*$")
#: "by" after a passive, with what may stand before its agent ("by the", "by Turkish-backed")
_BY_AGENT = re.compile(r"\s*by\s+(?:the\s+|its\s+|their\s+)?", re.IGNORECASE)
#: a first-person actor term ("we", "our forces"): the speaker's side
_FIRST_PERSON = re.compile(r"(?:we|our)\b", re.IGNORECASE)


#: a reference that, with no one named before it, is the speaker's own side ("the group", "his
#: forces"), unlike a bare "they", which goes on from the text before
_SPEAKERS_OWN = re.compile(r"(?:the|his|her|its|their)\s", re.IGNORECASE)
#: the rest of a verb phrase after its object, then a second verb of the same subject
#: ("… the attackers back overnight and were holding", "…, and restored")
_COORDINATED_VERB = re.compile(
    r"(?:\s+(?:back|away|out|off|overnight|again|there|in\s+[^,;.]{1,40}?))*\s*,?\s+and\s+"
    r"(?:(?:also|then|later)\s+)?(?:(?:had|have|has|were|was|are|is)\s+)?(?:\w+ly\s+)?",
    re.IGNORECASE,
)
#: a verb right after "and", with no subject of its own ("…, and ceded the city")
_AND_VERB = re.compile(
    r"(?:,\s*|\s)and\s+(?:(?:then|later|also|eventually|finally)\s+)?"
    r"(?:(?:had|have|has|were|was|are|is)\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
#: a word that opens a subordinate clause, whose subject a bare "and" goes on with
_SUBORDINATOR_WORD = re.compile(
    r"\b(?:after|as|while|when|because|since|before|until|once)\b", re.IGNORECASE
)
#: a speech verb right before such a reference ("said its forces", "says that his fighters")
_SAID_BEFORE = re.compile(r"\b(?:said|says|say|announced|stated|added|claimed)(?:\s+that)?\s+$")


#: "lost X to the SNA", "handed X over to local factions": the taker after the place
_LOST_TO = re.compile(r"\s+(?:over\s+|back\s+)?to\s+(?:the\s+)?", re.IGNORECASE)
_GIVEN_UP = re.compile(
    r"(?:los(?:e|es|t|ing)|hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|ced(?:e|es|ed|ing)"
    r"|surrender(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
#: the regional oppositions (``regions.tsv``: rebels in Daraa are the southern opposition)
REGIONAL_ACTORS = frozenset(LEXICON.regions.values())


def _ground_sides_before(actors: list[Actor], s: int, t0: int) -> list[Actor]:
    """The actors of the sentence before its trigger, air power left out: the attackers who
    "were repelled", the troops who "were cut off"."""
    return [a for a in actors if s <= a.start and a.end <= t0 and a.actor != "air"]


def regional_actor(gaz: Gazetteer, place_id: str, actor: str) -> str:
    """``actor`` as the governorate of ``place_id`` names it (``regions.tsv``: the opposition
    in Daraa is the southern opposition)."""
    return LEXICON.regions.get((gaz.place(place_id).admin1, actor), actor)


#: an actor term that names no particular force ("rebel forces", "the fighters")
_GENERIC_REBELS = re.compile(
    r"(?:the\s+|armed\s+|local\s+)*(?:rebels?|insurgents?|opposition|fighters|factions|militants"
    r"|gunmen)(?:\s+(?:forces|fighters|factions|groups))?\s*$",
    re.IGNORECASE,
)
_SPEAKER_NOUN = re.compile(
    r"\b(?:commanders?|spokes(?:man|men|person|woman)|officials?|leaders?|sources?)\s*$",
    re.IGNORECASE,
)


class Agency(Attribution):
    """The actor finder of the extractor (it needs the claimant of a sentence, hence the
    attribution it extends)."""

    last_actor: str | None
    last_attacker: str | None
    channel: str | None
    gaz: Gazetteer

    def _actor(
        self,
        form: str,
        m: re.Match[str],
        t0: int,
        t1: int,
        s: int,
        e: int,
        actors: list[Actor],
        action: str,
    ) -> str | None:
        word = m.group(0).lower()
        if form == "adj":
            prefix = re.split(r"[-‐‑– ](?:held|controlled|ruled|run)$", word)[0]
            return actor_of_word(prefix)
        if form == "hold":
            who = re.search(r"\b(they|rebels|insurgents)\s+(?:hold|held|control)", word)
            return self._resolve_actor("ref" if not who or who.group(1) == "they" else "opposition")
        if form == "under":
            found = [a for a in actors if a.start < t0]
            return self._resolve_actor(found[-1].actor if found else "ref")
        modifier = re.match(
            r"(?:the |a )?(rebel|insurgent|opposition|regime|government|army)\s", word
        )
        if modifier:
            return actor_of_word(modifier.group(1))
        if _NOMINAL_WITHDRAWAL.search(word):
            owner = _POSSESSOR_BEFORE.search(self.work, max(s, t0 - 50), t0)
            side = actor_of_word(owner.group(1)) if owner else None
            if side is not None and side != "air":
                return side  # "exploited the regime's withdrawal from X": the regime's
        if re.match(r"(?:the\s+)?fall\s+of\b", word):
            # "since the fall of Aleppo": a place falls to its attacker ("… to the SNA"), never
            # to the subject of the sentence ("the army has admitted losing ground since …")
            to = re.compile(r"\bto\s+(?:the\s+)?$")
            agent = [
                a
                for a in actors
                if t1 <= a.start < t1 + 80 and to.search(self.work, max(t1, a.start - 8), a.start)
            ]
            return (
                self._resolve_actor(agent[0].actor) if agent else self.last_attacker or "opposition"
            )
        if re.search(r"\b(?:entry|incursion|entrance)\s+of\s", word):
            inside = [a for a in actors if t0 <= a.start and a.end <= t1 and a.actor != "air"]
            if inside:  # "the entry of terrorists into X"
                return self._resolve_actor(inside[0].actor)
        if word.endswith("ing") and form == "intrans":  # "retreating government forces in X"
            after = [a for a in actors if a.start >= t1 and a.start - t1 <= 2]
            if after and after[0].actor not in _NOT_NAMED:
                return after[0].actor
        # an agent follows "fell to", "seized by", "in the hands of", but not an intransitive
        # "fell" ("Damascus fell the same morning, with fighters from the south …")
        intransitive_fall = re.search(
            r"\b(?:fall|falls|fell|fallen|changed? hands|free|freed)$", word
        )
        if action == "repelled" and _WERE_REPELLED.match(word):
            # "Turkish-backed factions attacked SDF positions but were repelled, the SDF said":
            # the subject attacked; the speaker's side (else the theatre's defender) repelled
            attackers = _ground_sides_before(actors, s, t0)
            if not attackers:
                return None
            side = self._resolve_actor(attackers[0].actor)
            speaker = self._speaker_side(s, e)
            if speaker not in (None, "air", side):
                return speaker
            return next(iter(DEFENDERS)) if side not in DEFENDERS and len(DEFENDERS) == 1 else None
        if (form == "subj" and not intransitive_fall) or word.endswith(
            ("advance of", "advance of ")
        ):
            agent = [a for a in actors if a.start >= t1 and a.start - t1 < 40]
            by = _BY_AGENT.match(self.work, t1)
            if by and agent:
                gap = self.work[by.end() : agent[0].start]
                if len(gap) > 20 or re.search(r"\b(?:that|which|who|where)\b", gap):
                    # "Hama is surrounded by areas that the regime controls": no actor's "by"
                    return None
            if (
                agent
                and agent[0].actor == "ref"
                and agent[0].start - t1 <= 4  # "under the control of | our forces"
                and _FIRST_PERSON.match(self.work, agent[0].start)
            ):
                # "The dam remains under the control of our forces, an SDF spokesman said"
                side = self._speaker_side(s, e)
                if side is not None and side != "air":
                    return side
            if agent:
                return self._resolve_actor(agent[0].actor)
            if re.match(r"\s*(?:them|him|us)\b", self.work[t1 : t1 + 8]):
                return self._resolve_actor("ref")  # "the city fell to them"
            if _TO_AN_AGENT.search(word):
                # "…, handing it over to local tribal forces": the taker is named there, and
                # one the lexicon does not know is no one else in the sentence
                return None
            besieged = _ground_sides_before(actors, s, t0)
            if action == "besieging" and not agent and besieged:
                # "Troops in Qamhana were cut off": the troops are the besieged; the besieger is
                # the other side (the text's last attacker, else the theatre's)
                side = self._resolve_actor(besieged[-1].actor)
                if besieged[-1].actor == "ref" and _SAID_BEFORE.search(
                    self.work, max(s, besieged[-1].start - 16), besieged[-1].start
                ):  # "The army said its units in Qamhana had been cut off"
                    side = self._nearest_speaker_side(s, e, besieged[-1].start) or side
                if self.last_attacker not in (None, side):
                    return self.last_attacker
                if side in DEFENDERS:
                    return "opposition"
                return next(iter(DEFENDERS)) if len(DEFENDERS) == 1 else None
        if intransitive_fall and form == "subj":
            # "SDF tightens hold on Deir ez-Zor as Damascus falls": the subject of another clause
            # is no captor of the place that fell in this one
            clause = list(_FALL_CLAUSE.finditer(self.work, s, t0))
            if clause:
                s = clause[-1].end()
        if re.match(r"(?:(?:now|still|already)\s+)?\w+ing\b", word):
            # "the armed factions now controlling it", "troops holding the town": the noun a
            # participle modifies is its actor, even inside an oblique phrase
            right = [
                a for a in actors if a.end <= t0 and _PARTICIPLE_GAP.fullmatch(self.work, a.end, t0)
            ]
            if right and right[-1].actor not in _NOT_NAMED:
                return right[-1].actor
        window = self.work[s:t0]
        blanked = PARENTHETICAL.sub(lambda x: " " * len(x.group(0)), window)
        before = [a for a in actors if a.end <= t0 and blanked[a.start - s : a.end - s].strip()]
        nearest = [a for a in actors if s <= a.start and a.end <= t0]
        if nearest and _RELATIVE_SUBJECT.fullmatch(self.work, nearest[-1].end, t0):
            # "…, which the rebels, who seized most of Aleppo, have surrounded": the relative
            # pronoun's antecedent, even inside a parenthetical
            return self._resolve_actor(nearest[-1].actor)
        # the subject, not an actor inside a prepositional phrase ("took X from regime forces",
        # "after government troops withdrew"), unless no other actor is there
        if before and _RELATIVE_SUBJECT.fullmatch(self.work, before[-1].end, t0):
            # "… no resistance from government troops, who had left X": the relative pronoun's
            # antecedent is the subject, even in an oblique phrase
            return self._resolve_actor(before[-1].actor)
        subjects = []
        oblique_prev: Actor | None = None
        for a in before:
            oblique = bool(_OBLIQUE.search(self.work, max(s, a.start - 12), a.start)) or (
                oblique_prev is not None  # "against Kurdish-led forces and government troops"
                and _COORDINATED_ACTOR.fullmatch(self.work, oblique_prev.end, a.start) is not None
            )
            oblique_prev = a if oblique else None
            if not oblique:
                subjects.append(a)
        if subjects or before:
            chosen = (subjects or before)[-1]
            pool = subjects or before
            if len(pool) > 1 and _COORDINATED_VERB.fullmatch(self.work, chosen.end, t0):
                # "its forces had pushed the attackers back overnight and were holding a line":
                # the object of the first verb is no subject of the second
                earlier = pool[-2]
                if earlier.actor != "air":
                    chosen = earlier
            elif len(pool) > 1 and (and_verb := _AND_VERB.search(self.work, max(s, t0 - 40), t0)):
                # "The SDF moved in as government forces pulled out, and ceded the city": a verb
                # with no subject of its own after ", and" has the main clause's (after the last
                # speech verb); after a bare "and", its own clause's ("after the army collapsed
                # and pulled out")
                comma = and_verb.group(0).startswith(",")
                heads = [v.end() for v in SPEECH.finditer(self.work, s, t0)]
                if not comma:
                    heads += [v.end() for v in _SUBORDINATOR_WORD.finditer(self.work, s, t0)]
                start = max(heads, default=s)
                main = [a for a in pool if a.start >= start]
                if main and main[0].actor != "air":
                    chosen = main[0]
            if chosen.actor == "ref" and _FIRST_PERSON.match(self.work, chosen.start):
                # "our forces restored control over X, SANA said": the speaker's side
                side = self._speaker_side(s, e)
                if side is not None:
                    return side
                if (
                    not self.channel
                    and re.match(r"we\b", self.work[chosen.start : chosen.start + 3], re.I)
                    and not re.search(r"[\"“‘']", self.work[s : chosen.start])  # not quoted
                    and self._claimant(s, e) == REPORTER
                ):
                    return None  # "We … have left it uncoloured": the writer, no side
            if chosen.actor == "ref":
                # "HTS said its fighters had entered X": the speaker; "… its fighters killed
                # dozens of soldiers as they took X": "they" continues the first reference,
                # not the object between
                first_ref = next(a for a in before if a.actor == "ref")
                if _SPEAKERS_OWN.match(self.work, chosen.start):
                    said = _SAID_BEFORE.search(self.work, max(s, chosen.start - 16), chosen.start)
                    side = self._nearest_speaker_side(s, e, chosen.start) if said else None
                    if side is not None and side != "air":
                        # "…: the factions announced they had taken it, a day after the
                        # Defence Ministry said its forces had secured the town": the speaker
                        return side
                named = [
                    a
                    for a in (subjects or before)
                    if a.end <= first_ref.start
                    and a.actor not in _NOT_NAMED
                    # the subject of "after regime forces withdrew" is no antecedent of "they"
                    and not _SUBORDINATOR.search(self.work, max(s, a.start - 14), a.start)
                ]
                if named:
                    return named[-1].actor
                if first_ref is not chosen:
                    return self._resolve_actor("ref")
                # "An SDF spokesman dismissed reports that the group had withdrawn", "An SDF
                # commander said his forces had reached X": "the group", "his forces" are the
                # speaker's own side (a bare pronoun goes on from the text before)
                side = (
                    self._nearest_speaker_side(s, e, chosen.start)
                    if _SPEAKERS_OWN.match(self.work, chosen.start)
                    else None
                )
                if side is not None and side != "air":
                    return side
            return self._resolve_actor(chosen.actor)
        if (
            # (a participle clause: "After a three-day battle, Manbij followed" has its subject)
            re.match(
                r"\W*(?:Having\b|(?:After|Before|While|Following|Since|Despite)\s+\w+ing\b)",
                self.work[s:t1],
            )
            and len(self.work[s:t0]) < 40
        ):
            main = [a for a in actors if a.start >= t1]  # "After seizing X, the rebels …"
            if main:
                return self._resolve_actor(main[0].actor)
        if action == "withdrew" and _NOMINAL_WITHDRAWAL.search(word):
            # "It described the pullback from the city as temporary" (an army statement): a
            # withdrawal no one is named for is the speaker's side's, where it has one
            return self._speaker_side(s, e)
        if action == "withdrew" and _FOLLOWING_WITHDRAWAL.match(word):
            # "X is under opposition control following an evening withdrawal": the defender's,
            # when the text's last attacker is the other side
            side = self._speaker_side(s, e)
            if side is None and len(DEFENDERS) == 1 and self.last_attacker not in DEFENDERS:
                side = next(iter(DEFENDERS))
            return side
        if form == "subj" and action == "recaptured" and len(DEFENDERS) == 1:
            # "Khanasir was recaptured on Saturday": the theatre's defender (actions.tsv)
            return next(iter(DEFENDERS))
        if (form == "subj" and action in ("captured", "entered", "besieging")) or _NOMINAL.search(
            word
        ):
            # "Saraqib fell on Friday", "the capture of Saraqib", "Qamhana was cut off": the
            # text's last attacker
            return self.last_attacker or "opposition"
        return None

    def _speaker_side(self, s: int, e: int) -> str | None:
        """The side the sentence's speaker speaks for (``claimants.tsv``), if known."""
        name = self._claimant(s, e)
        if name == REPORTER:
            name = self.last_claimant or REPORTER
        return LEXICON.claimant_sides.get(name) or actor_of_word(name)

    def _nearest_speaker_side(self, s: int, e: int, at: int) -> str | None:
        """The side of the speaker whose words hold offset ``at``: the clause of the last speech
        verb before it ("…, a day after the regime's Defence Ministry said its forces had
        secured the town" is the ministry's, not the first speaker's)."""
        verbs = list(SPEECH.finditer(self.work, s, at))
        if verbs:
            cut = max(self.work.rfind(c, s, verbs[-1].start()) for c in ",;:")
            s = cut + 1 if cut >= s else s
        return self._speaker_side(s, e)

    def _resolve_actor(self, actor: str) -> str | None:
        if actor == "ref":
            return self.last_actor or "opposition"
        return actor

    def _lost_to(self, m: re.Match[str], new: list[Draft], actors: list[Actor]) -> list[Draft]:
        """ "after losing Deir Hafer to the SNA", "handed over the city of Daraa to local
        factions": the taker named after "to" captured it."""
        if not _GIVEN_UP.match(m.group(0)):
            return []
        out = []
        for d in new:
            if d.action != "withdrew":
                continue
            end = d.place.end if d.place is not None else d.end  # "lost 20 villages to the SNA"
            to = _LOST_TO.match(self.work, end)
            taker = [
                a
                for a in actors
                if to and end < a.start <= to.end() and a.actor not in ("ref", "air")
            ]
            if taker:
                who = taker[0].actor  # the army's taking back is a recapture (actions.tsv)
                if d.place is not None and d.place.place_id:  # "to local factions" in Daraa
                    who = regional_actor(self.gaz, d.place.place_id, who)
                act = LEXICON.actions.get((who, "captured", False), "captured")
                out.append(replace(d, end=taker[0].end, actor=who, action=act))
        return out

    def _one_regional_actor(self, drafts: list[Draft], actors: list[Actor]) -> list[Draft]:
        """ "Rebels pushed to 20 km from Damascus, having taken Daraa province": when generic
        rebels take a place of a region with its own opposition (``regions.tsv``), their other
        claims in the sentence are that regional opposition's too."""
        regional = {d.actor for d in drafts if d.actor in REGIONAL_ACTORS}
        if len(regional) != 1 or not any(d.actor == "opposition" for d in drafts):
            return drafts
        # "… according to a war monitor and rebel commanders": a speaker is no force of its own
        generic = [
            a
            for a in actors
            if a.actor == "opposition" and not _SPEAKER_NOUN.search(self.work, a.start, a.end)
        ]
        if not generic or any(
            not _GENERIC_REBELS.match(self.work, a.start, a.end) for a in generic
        ):
            # "HTS took Hama as rebels took Daraa": two forces; "Two days after Hama fell,
            # southern fighters were in al-Sanamayn": no rebels whose other claims to carry
            return drafts
        (who,) = regional
        return [replace(d, actor=who) if d.actor == "opposition" else d for d in drafts]

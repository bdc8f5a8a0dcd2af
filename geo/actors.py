"""Actors in text: the terms of ``data/lexicon/actors.tsv`` ("HTS", "regime forces", "forces
opposed to Assad", "the mercenaries"), found with one head-word scan per text, the longest
term winning at a position; a term used as a modifier ("rebel positions", "Kurdish-held") is no
actor."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.lexicon import default_lexicon
from geo.scan import RowScanner

LEXICON = default_lexicon()
_WORDS = LEXICON.words
ACTOR_NAMES = [actor for actor, _ in LEXICON.actors]
ACTOR_SCANNER = RowScanner([(p.pattern, p.heads) for _, p in LEXICON.actors], longest=True)
_MODIFIED_HEADS = _WORDS.get("actor_modifier", frozenset())
#: modifiers that are verbs when not hyphen-joined ("Kurdish-held" vs "the Kurds held")
_PARTICIPLES = frozenset({"held", "controlled", "ruled", "run", "led", "backed", "allied"})


@dataclass(frozen=True)
class Actor:
    """An actor term in a text: its side (``columns.ACTORS``, or ``ref`` for a pronoun that
    refers back, ``air`` for air power) and where it stands."""

    actor: str
    start: int
    end: int


def find_actors(text: str, start: int = 0, end: int | None = None) -> list[Actor]:
    """Actor terms of ``text`` that stand as actors (not as modifiers: "rebel positions")."""
    out: list[Actor] = []
    terrorists: str | None = None  # whom "PKK/YPG terrorists" made the text's "terrorists"
    for row, m in ACTOR_SCANNER.scan(text, start, end):
        nxt = _POSSESSED.match(text, m.end(), m.end() + 30) or re.match(
            r"([\s-]*)([\w’']+)", text[m.end() : m.end() + 20]
        )
        # "rebel positions", "opposition-held"; but "the rebels held the citadel" is a verb
        if (
            nxt
            and nxt.group(2).lower().replace("’", "'") in _MODIFIED_HEADS
            and ("-" in nxt.group(1) or nxt.group(2).lower() not in _PARTICIPLES)
        ):
            continue
        actor = ACTOR_NAMES[row]
        if out and _WHOSE.fullmatch(text, out[-1].end, m.start()):
            actor = out[-1].actor  # "the SNA, whose fighters …": the antecedent's fighters
        epithet = _TERROR.search(m.group(0)) is not None
        if out and out[-1].actor != "air" and _ADJACENT.fullmatch(text, out[-1].end, m.start()):
            # "'Dawn of Freedom' factions", "HTS fighters": one actor, the specific one
            out[-1] = Actor(out[-1].actor, out[-1].start, m.end())
            if epithet and out[-1].actor not in ("ref", actor):
                terrorists = out[-1].actor
            continue
        if epithet and terrorists and actor == "opposition":
            # "PKK/YPG terrorists … the terrorists had vacated": an outlet's epithet keeps the
            # side it first named
            actor = terrorists
        out.append(Actor(actor, m.start(), m.end()))
    return out


#: what an actor's possessive owns: "the army's positions" (a modifier), "the army's forces"
_POSSESSED = re.compile(r"['’]s(\s+)([\w’']+)")
_TERROR = re.compile(r"\bterror", re.IGNORECASE)
_ADJACENT = re.compile(r"[\s'’\"”-]{1,3}")
_WHOSE = re.compile(r"\s*,\s*whose\s+(?:own\s+)?", re.IGNORECASE)


def actor_of_word(word: str) -> str | None:
    """The side a single term names ("rebel" → opposition), or ``None``."""
    for row, _ in ACTOR_SCANNER.scan(word):
        actor = ACTOR_NAMES[row]
        return None if actor == "ref" else actor
    return None


def first_actor(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first actor term in ``text[start:end]`` (modifiers included)."""
    return next(ACTOR_SCANNER.finditer(text, start, end), None)

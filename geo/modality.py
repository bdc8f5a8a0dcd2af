"""Modality: whether a trigger states a change or only what may come, is wanted, or did not
happen. Words just before it block it ("vowed to take", "would force the army to defend", "if
they take") or negate it ("has not fallen"); a modal after a nominal change makes it one to come
("The fall of Homs would cut Damascus off"). The words are ``cues.tsv``'s ``block`` and
``negation`` rows; the extractor (:mod:`geo.claims`) asks here before it reads a trigger.
"""

from __future__ import annotations

import re

from geo.lexicon import default_lexicon

LEXICON = default_lexicon()
#: what :func:`mood_before` returns
BLOCKED, NEGATED = "blocked", "negated"
#: how far before a trigger (characters) its mood is looked for
_WINDOW_CHARS = 70

#: a modal right after a nominal trigger's place: the change is one that may come ("will" is
#: left out: "The takeover of Saraqib will enable the factions to …" happened)
_MODAL_AFTER = re.compile(
    r"\s*(?:,[^,.;]{0,60},\s*)?(?:would|could|might|may"
    # "the liberation of the whole city is a matter of hours": still to come
    r"|(?:is|was)\s+(?:only\s+|just\s+)?a\s+matter\s+of\s+(?:hours|days|time)"
    r"|(?:is|was|seemed|seems)\s+(?:now\s+)?(?:imminent|expected|likely))\b",
    re.IGNORECASE,
)
#: a modal whose consequence is the trigger, a few words on ("would force the SAA to | defend")
_MODAL_REACH = re.compile(
    r"\b(?:would|could|might)\s+(?:not\s+)?(?:force|allow|enable|compel|push|lead|let|help)\s+"
    r"(?:[\w'’-]+\s+){1,3}?to\s+$",
    re.IGNORECASE,
)
_BLOCKED_BEFORE = re.compile(
    r"(?:\bif\b[^,.;]{0,60}|\b(?:"
    + "|".join(p.pattern for p in LEXICON.cues["block"])
    + r")\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:" + "|".join(p.pattern for p in LEXICON.cues["negation"]) + r")\s+(?:\w+\s+)?$|"
    r"n['’]t\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: "likely seized", "likely withdrew": an analyst's hedge on a past event (a claim), not "the
#: likely fall of" (an event to come)
_HEDGED_PAST = re.compile(
    r"\blikely\s+(?:\w+ed|took|overran|fell|won|drove|withdrew|retook|swept|broke|held|lost"
    r"|left|fled|seized|entered)\b",
    re.IGNORECASE,
)
_BLOCK_WORDS = LEXICON.cue_heads("block") | LEXICON.cue_heads("negation") | {"if", "to", "time"}


def _maybe_blocked(window: str) -> bool:
    """Cheap test: could :data:`_BLOCKED_BEFORE` match at the end of ``window``?"""
    words = re.findall(r"[\w’']+", window.lower())
    return "if" in words or any(w in _BLOCK_WORDS or w.endswith(("n't", "n’t")) for w in words[-3:])


def mood_before(text: str, s: int, t0: int, t1: int) -> str | None:
    """:data:`BLOCKED`, :data:`NEGATED` or ``None`` for the trigger ``text[t0:t1]`` of the
    sentence starting at ``s``, by the words just before it."""
    window = text[max(s, t0 - _WINDOW_CHARS) : t0]
    if _MODAL_REACH.search(window):
        return BLOCKED  # "would force the SAA to defend the city": a consequence to come
    if not _maybe_blocked(window):
        return None
    if _BLOCKED_BEFORE.search(window) and not _HEDGED_PAST.search(text, max(s, t0 - 12), t1):
        return BLOCKED
    return NEGATED if _NEGATED_BEFORE.search(window) else None


def still_to_come(text: str, end: int) -> bool:
    """Does a modal right after a nominal change ending at ``end`` make it one to come?"""
    return _MODAL_AFTER.match(text, end) is not None

"""Lists of places in running text: what joins two items of one list ("A, B and the C",
"Karnaz, Tal Malah, al-Jubayn and Hayalin") and what ends it ("Inkhil, a town in Daraa
province" locates; it adds no item). The words come from ``data/lexicon/words.tsv``."""

from __future__ import annotations

import re

from geo.lexicon import default_lexicon

_WORDS = default_lexicon().words
_COORDINATION_FILLER = _WORDS["coordination_filler"]
_PLACE_HEAD_WORDS = _WORDS["place_head"]
_LIST_PREPS = frozenset({"in", "around", "near", "north", "south", "east", "west", "of"})
_CONJUNCTION = re.compile(
    r"^[\s,]*(?:(?:and|or|as well as|plus|including|along with)\b|,)[\s,]*", re.IGNORECASE
)
_DESCRIBED_ITEM = re.compile(
    r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}(?:city|town|village|suburb|district|province)\s+of\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_ALSO_KNOWN = re.compile(r"^[\s,]*(?:also known as|known as|or)\s+(?:the\s+)?$", re.IGNORECASE)
_DIRECTIONAL = re.compile(
    r"^[\s,]*(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+"
    r"the\s+city|to\s+the\s+(?:north|south|east|west|northeast|northwest|southeast|southwest))"
    r"[\s,]*(?:and\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def coordinated(gap: str) -> bool:
    """Does ``gap`` join two places of one list ("A, B and the C", "A, also known as B")?
    Names no entry knows may stand between them ("Karnaz, Tal Malah, al-Jubayn and Hayalin":
    the list goes on past the unknown items)."""
    if _ALSO_KNOWN.match(gap) or _DIRECTIONAL.match(gap):
        return True
    gap = _UNKNOWN_ITEMS.sub(", ", gap)
    m = _CONJUNCTION.match(gap)
    if not m or re.search(r"[;.!?]", gap):
        return False
    if not re.search(r"\w", m.group(0)) and re.match(r"(?:a|an)\s", gap[m.end() :], re.I):
        return False  # "Inkhil, a town in Daraa province": an apposition that locates
    if _DESCRIBED_ITEM.fullmatch(gap, m.end()):
        return True  # "… and the mainly Druze city of Jaramana": a described item
    words = [w.lower() for w in re.findall(r"[\w’'-]+", gap[m.end() :])]
    if len(words) > 6:
        return False
    for i, w in enumerate(words):
        if w in _COORDINATION_FILLER:
            continue
        # "and towns in the countryside north of X": a preposition after a place noun leads on;
        # after a name it only locates ("Sanamayn, near Damascus")
        if w in _LIST_PREPS and any(v in _PLACE_HEAD_WORDS for v in words[:i]):
            continue
        return False
    return True


#: a proper name no entry may know: capitalised words, with Arabic articles ("Qubtan al-Jabal")
NAME_WORD = r"(?:(?:al|el|ad|as|ash|an|ar)-)?[A-Z][\w'’]*(?:-[\w'’]+)*"
UNKNOWN_NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}"
UNKNOWN_LEAD_ITEMS = re.compile(rf"(?:\s{UNKNOWN_NAME}\s*,){{1,3}}\s*$")  # "of Karnaz, …"
#: unknown names between two items of a list, and the unknown first word of the next item
#: ("Karnaz, Tal| Malah")
_UNKNOWN_ITEMS = re.compile(
    rf"^(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+){UNKNOWN_NAME}(?=\s*(?:,|\band\b)))+"
    rf"|(?:(?<=,)|(?<=\sand))\s+{NAME_WORD}\s+$"
)
UNKNOWN_LIST_TAIL = re.compile(  # ", and Qubtan al-Jabal" before the trigger
    rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+){UNKNOWN_NAME}(?=\s)"
)

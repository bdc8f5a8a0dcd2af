"""A romanisation key for Arabic place names: spellings that differ only by transliteration
habit get the same key (``Khan Sheikhoun`` = ``Khan Shaykhun``, ``Souran`` = ``Suran``,
``Ephes`` = ``Afis``, ``Tal Rifaat`` = ``Tell Refaat``).

The key is built from the folded name (:func:`geo.normalize.key`), word by word:

* the article (``al``/``el``/``an``/``ash`` …) is dropped;
* digraphs become one letter: ``sh``/``ch`` → ``S``, ``kh`` → ``x``, ``gh`` → ``g``,
  ``dh`` → ``z``, ``th`` → ``t``, ``ph`` → ``f``, ``dj`` → ``j``; ``q`` → ``k``;
* vowel spellings merge: ``ou``/``oo`` → ``u``, ``ee`` → ``i``, ``ei``/``ey``/``ai`` → ``ay``;
  a final ``-ah``/``-eh`` loses its ``h``;
* vowels are dropped, except that a word starting with a vowel keeps one ``a``
  (``Idlib`` = ``Edleb`` = ``adlb``); ``y`` and ``w`` stay (they are consonants in Arabic);
* doubled letters collapse (``Tall`` = ``Tal``, ``Tayyibat`` = ``Tayibat``).

A key stands for several names more often than an alias does, so the gazetteer uses it only as
a fallback, and only where it picks one place (:meth:`geo.gazetteer.Gazetteer.find_mentions`).
"""

from __future__ import annotations

import re

from geo.normalize import key

_ARTICLES = frozenset(
    "al el ul il an ar as ad at az ash ath adh esh eth edh en er es ed et ez".split()
)
_DIGRAPHS = [
    ("sch", "S"),
    ("sh", "S"),
    ("ch", "S"),
    ("kh", "x"),
    ("gh", "g"),
    ("dh", "z"),
    ("th", "t"),
    ("ph", "f"),
    ("dj", "j"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ay"),
    ("ey", "ay"),
    ("ai", "ay"),
    ("q", "k"),
    ("c", "k"),
    ("v", "f"),
]
_DIGRAPH_RE = re.compile("|".join(re.escape(a) for a, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_VOWELS = re.compile(r"[aeiou]")
_DOUBLE = re.compile(r"(.)\1+")
#: a key this short (letters) stands for too many places to be used
MIN_KEY_LETTERS = 3


def _word_key(word: str) -> str:
    if not word.isascii():
        return word  # Arabic script and others: the folded word is already the key
    w = re.sub(r"(?<=[aeiou])h$", "", word)  # Hamah = Hama, Raqqah = Raqqa
    w = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], w)
    initial = "a" if w[:1] in "aeiou" else ""
    w = initial + _VOWELS.sub("", w[1:] if initial else w)
    return _DOUBLE.sub(r"\1", w)


def roman_key(name: str) -> str:
    """The romanisation key of ``name`` (empty when nothing is left). Word breaks are dropped:
    ``Maarshahur`` = ``Maarr Shahur``."""
    return roman_from_key(key(name))


def roman_from_key(folded: str) -> str:
    """:func:`roman_key` of a name already folded by :func:`geo.normalize.key`."""
    words = folded.split()
    words = [w for i, w in enumerate(words) if i == len(words) - 1 or w not in _ARTICLES]
    return "".join(_word_key(w) for w in words)


def usable(roman: str) -> bool:
    """Is ``roman`` long enough to stand for a place?"""
    return sum(c.isalpha() for c in roman) >= MIN_KEY_LETTERS

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

Arabic *ya* is spelled ``i`` as often as ``ay``/``ei`` (``Tir Maalah`` = ``Tayr Ma'lah``,
``Dir`` = ``Deir``). Dropping the ``y`` from ``ay`` would merge ``Deir`` with ``Daraa``, so a
second key (``i_as_y=True``) reads an ``i`` before a consonant as a ``y`` instead. Mention
finding (:mod:`geo.spellings`) tries it where the first key finds nothing in the article's
region, and where both keys read places there takes the one nearest the places around it.
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
_ARTICLE_RE = re.compile(r"(?<![^ \n])(?:" + "|".join(sorted(_ARTICLES)) + r") (?=[^ \n])")
_FINAL_H = re.compile(r"(?<=[aeiou])h(?![^ \n])")  # Hamah = Hama, Raqqah = Raqqa
_INITIAL_VOWEL = re.compile(r"(?<![^ \n])[aeiou]")
_VOWELS = re.compile(r"[aeiou]")
_I_BEFORE_CONSONANT = re.compile(r"i(?=[^aeiouy \n])")  # not a final -i ("Sandi" is no "Sunday")
_DOUBLE = re.compile(r"([^ \n])\1+")
#: a key this short (letters) stands for too many places to be used
MIN_KEY_LETTERS = 3


def roman_key(name: str) -> str:
    """The romanisation key of ``name`` (empty when nothing is left). Word breaks are dropped:
    ``Maarshahur`` = ``Maarr Shahur``."""
    return roman_from_key(key(name))


def roman_from_key(folded: str) -> str:
    """:func:`roman_key` of a name already folded by :func:`geo.normalize.key`."""
    return roman_many([folded])[0]


def roman_many(folded: list[str], i_as_y: bool = False) -> list[str]:
    """:func:`roman_from_key` of many folded names at once (a few regex passes in all).

    ``i_as_y``: the second key, where an ``i`` (or ``ee``) before a consonant is the ``y``
    of a diphthong (``Tir`` = ``Tayr``, ``Shikh`` = ``Shaykh``)."""
    if not folded:
        return []
    text = "\n".join(" ".join(f.replace("\n", " ").split()) for f in folded)
    text = _ARTICLE_RE.sub("", text)
    text = _FINAL_H.sub("", text)
    text = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], text)
    text = _INITIAL_VOWEL.sub("A", text)
    if i_as_y:
        text = _I_BEFORE_CONSONANT.sub("y", text)
    text = _VOWELS.sub("", text).replace("A", "a")
    text = _DOUBLE.sub(r"\1", text)
    return text.replace(" ", "").split("\n")


def usable(roman: str) -> bool:
    """Is ``roman`` long enough to stand for a place?"""
    return sum(c.isalpha() for c in roman) >= MIN_KEY_LETTERS

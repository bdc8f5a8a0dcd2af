"""Text normalisation for place matching, with a map back to original character offsets.

The same function normalises article text and gazetteer aliases, so that one pass of a
multi-pattern matcher over the normalised text finds every spelling:

* case and diacritics are folded (``Ḩamāh`` → ``hamah``, ``Şūrān`` → ``suran``);
* apostrophe variants (``' ’ ‘ ʿ ʾ ` ´``) are unified; inside a word they are dropped
  (``Ma'arrat`` → ``maarrat``, ``Hay’at`` → ``hayat``), a possessive ``'s`` keeps its boundary
  (``Aleppo's`` → ``aleppo s``);
* hyphens and punctuation become spaces and runs of white space collapse to one;
* a hyphenated Arabic article becomes ``al`` (``an-Nu'man``, ``el-Numan``, ``ash-Shughur`` →
  ``al numan`` …). For gazetteer aliases, space-separated articles are folded too.

Work is vectorised: one ``str.translate`` plus numpy masks over the UTF-32 code points; no Python
loop runs per character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

APOSTROPHES = "'’‘ʿʾ`´′ʼ‛"
HYPHENS = "-‐‑‒–—―−"
_SPACE, _APOS, _HYPHEN, _DELETE = ord(" "), ord("'"), ord("-"), 1
_TABLE_LIMIT = 0x3000  # code points above this (CJK …) pass through unchanged
_EXTRA_FOLDS = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "s", "æ": "a", "œ": "o", "þ": "t"}

_ARTICLES_2 = "el|an|ar|as|ad|at|az|en|es|et|ed|er|ez|ul|il"
_ARTICLES_3 = "ash|ath|adh|esh|eth|edh|ush"
_SPACE_ARTICLE_2 = re.compile(rf"(?<![\w'])(?:{_ARTICLES_2}) (?=[^\W\d_])")
_SPACE_ARTICLE_3 = re.compile(rf"(?<![\w'])(?:{_ARTICLES_3}) (?=[^\W\d_])")


def _fold_char(ch: str) -> str:
    """Fold one character to exactly one character (``\\x01`` marks a deletion)."""
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS:
        return "-"
    low = ch.lower()
    if low in _EXTRA_FOLDS:
        return _EXTRA_FOLDS[low]
    category = unicodedata.category(ch)
    if category.startswith("M") or category == "Cf":  # combining marks, soft hyphen, ZWJ, BOM
        return "\x01"
    if category[0] in "LN":
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        base = "".join(_EXTRA_FOLDS.get(c, c) for c in base)
        if not base:
            return "\x01"
        return base[0] if base[0].isalnum() else " "
    return " "


@lru_cache(maxsize=1)
def _lookup() -> npt.NDArray[np.uint32]:
    """Code point → folded code point, for every code point below ``_TABLE_LIMIT``."""
    table = np.arange(_TABLE_LIMIT, dtype=np.uint32)
    for cp in range(_TABLE_LIMIT):
        if not 0xD800 <= cp <= 0xDFFF:
            table[cp] = ord(_fold_char(chr(cp)))
    return table


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and, for each of its characters, the index of the original character."""

    text: str
    index: npt.NDArray[np.int64]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the original text."""
        if end <= start:
            raise ValueError("empty span")
        return int(self.index[start]), int(self.index[end - 1]) + 1


_ARTICLE_2_SET = frozenset(_ARTICLES_2.split("|"))
_ARTICLE_3_SET = frozenset(_ARTICLES_3.split("|"))
_NOT_WORD = frozenset({_SPACE, _APOS, _HYPHEN, _DELETE})


def _fold_hyphen_articles(codes: npt.NDArray[np.uint32]) -> None:
    """In place: ``an-``/``el-``/``ash-`` … at a word start, before a letter, become ``al``.

    Only the few hyphens of a text are visited (a short loop), not every character.
    """
    n = len(codes)
    for h in np.flatnonzero(codes == _HYPHEN).tolist():
        if h + 1 >= n or codes[h + 1] in _NOT_WORD or not chr(codes[h + 1]).isalpha():
            continue
        for size, table in ((2, _ARTICLE_2_SET), (3, _ARTICLE_3_SET)):
            start = h - size
            if start < 0 or (start > 0 and codes[start - 1] not in _NOT_WORD):
                continue
            if "".join(map(chr, codes[start:h].tolist())) in table:
                codes[start] = ord("a")
                codes[start + 1] = ord("l")
                if size == 3:
                    codes[start + 2] = _SPACE
                break


def normalize(text: str, *, fold_spaced_articles: bool = False) -> NormalizedText:
    """Normalise ``text`` for matching and keep the offset map back to it.

    Parameters
    ----------
    text : str
        Any text; may be empty.
    fold_spaced_articles : bool
        Also fold articles written with a space (``an Nabk`` → ``al nabk``). Right for gazetteer
        aliases, wrong for prose (``as`` and ``at`` are English words).

    Returns
    -------
    NormalizedText
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    n = len(text)
    if n == 0:
        return NormalizedText("", np.zeros(0, dtype=np.int64), 0)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").copy()
    low = codes < _TABLE_LIMIT
    codes[low] = _lookup()[codes[low]]
    codes[(codes >= 0xD800) & (codes <= 0xDFFF)] = _SPACE  # lone surrogates
    if fold_spaced_articles:  # aliases only: short strings, a regex is fine
        folded = codes.tobytes().decode("utf-32-le", "surrogatepass")
        folded = _SPACE_ARTICLE_2.sub("al ", folded)
        folded = _SPACE_ARTICLE_3.sub("al  ", folded)
        codes = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype="<u4").copy()
    _fold_hyphen_articles(codes)
    codes[codes == _HYPHEN] = _SPACE

    word = (codes != _SPACE) & (codes != _APOS) & (codes != _DELETE)
    apos = codes == _APOS
    prev_word = np.concatenate(([False], word[:-1]))
    next_word = np.concatenate((word[1:], [False]))
    next_s = np.concatenate((codes[1:] == ord("s"), [False]))
    after_next_word = np.concatenate((word[2:], np.zeros(min(2, len(word)), dtype=bool)))
    possessive = next_s & ~after_next_word
    inside_word = apos & prev_word & next_word & ~possessive
    codes[apos & ~inside_word] = _SPACE

    keep = ~(inside_word | (codes == _DELETE))
    index = np.flatnonzero(keep)
    codes = codes[keep]
    space = codes == _SPACE
    keep = ~(space & np.concatenate(([False], space[:-1])))
    index = index[keep]
    codes = codes[keep]
    return NormalizedText(codes.tobytes().decode("utf-32-le", "surrogatepass"), index, n)


_SENTINEL = "\U000f0000"  # private use: passes the fold unchanged and is never a word character


def normalize_many(names: list[str], *, fold_spaced_articles: bool = False) -> list[str]:
    """Normalise many short strings in one vectorised pass (same result as one by one)."""
    if not names:
        return []
    # A name holding the separator itself cannot be batched: it is normalised on its own.
    batch = [n for n in names if _SENTINEL not in n]
    joined = f" {_SENTINEL} ".join(batch)
    parts = iter(normalize(joined, fold_spaced_articles=fold_spaced_articles).text.split(_SENTINEL))
    return [
        next(parts).strip()
        if _SENTINEL not in n
        else normalize(n, fold_spaced_articles=fold_spaced_articles).text.strip()
        for n in names
    ]


_SUN_LETTERS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n", "l")


def article_variants(folded_key: str) -> set[str]:
    """Prose spellings of the article in a folded key: ``al numan`` → ``an numan``, ``el numan``.

    Before a "sun letter" the Arabic article assimilates (``an-Nu'man``, ``ash-Shughur``,
    ``ar-Raqqah``); reporters also write ``el``. Hyphenated forms are folded in the text itself,
    these variants catch the space-separated ones.
    """
    words = folded_key.split(" ")
    if "al" not in words[:-1]:
        return set()
    assimilated, el = [], []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w == "al" and nxt:
            sun = next((p for p in _SUN_LETTERS if nxt.startswith(p)), None)
            assimilated.append("a" + sun if sun else "al")
            el.append("el")
        else:
            assimilated.append(w)
            el.append(w)
    return {" ".join(assimilated), " ".join(el)} - {folded_key}


def name_keys(names: list[str]) -> list[set[str]]:
    """:func:`normalize_name` for many names at once, plus :func:`article_variants`."""
    plain = normalize_many(names)
    folded = normalize_many(names, fold_spaced_articles=True)
    return [({a, b} | article_variants(b)) - {""} for a, b in zip(plain, folded, strict=True)]


def normalize_name(name: str) -> set[str]:
    """The keys under which a gazetteer alias is matched (prose-style and article-folded)."""
    return name_keys([name])[0]


def key(name: str) -> str:
    """One canonical key for comparing names (article-folded)."""
    return normalize(name, fold_spaced_articles=True).text.strip()

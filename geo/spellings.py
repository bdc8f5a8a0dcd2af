"""Spellings no alias lists, resolved by their romanisation keys (:mod:`geo.romanize`): a
capitalised name where it picks one place of the article's region, and a capitalised word
before a matched name that makes a longer one ("Tal| Malah"). Mixed into
:class:`geo.gazetteer.Gazetteer` beside :class:`geo.mentions.MentionFinder`, whose mentions it
completes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from geo import columns as C
from geo.mentions import Mention, _Anchors, _cued, _person_like
from geo.normalize import key, normalize_many
from geo.romanize import roman_from_key, roman_many, usable

_ART = r"(?:al|el|ad|an|as|ash|at|ar|az|ad-|ul)"
#: runs of capitalised words (with articles inside): candidates for romanisation-key matching
_CAPITAL_RUN = re.compile(
    rf"(?<![\w'’])(?:{_ART}[-\s])?[A-Z][\w'’‘]*(?:[-\s](?:{_ART}[-\s])?[A-Z][\w'’‘]*){{0,3}}"
)
_WORD = re.compile(r"[^\W_][\w'’‘]*")
#: a capitalised word just before a name, which may belong to it ("Tal Malah")
_NAME_PREFIX = re.compile(r"(?<![\w'’-])([A-Z][a-z'’]{2,})[\s-]$")


class RomanSpellings:
    """The romanisation-key matching of mention finding."""

    _places: dict[str, Any]
    _roman: dict[str, list[str]]
    _roman_y: dict[str, list[str]]
    _roman_stop: frozenset[str]
    # what mention finding gives it (geo.mentions)
    _mention: Callable[..., Mention]
    _region: Callable[[list[Mention]], set[str]]
    _anchors: Callable[..., _Anchors]
    _closest: Callable[..., str | None]
    _nearest: Callable[[list[str], np.ndarray], str | None]
    _far: Callable[[str, np.ndarray], bool]

    def _romanised(
        self,
        text: str,
        found: list[Mention],
        occupied: bytearray,
        article: str,
        dropped: Sequence[tuple[int, int]] = (),
    ) -> list[Mention]:
        """Capitalised names no alias matched, resolved by their romanisation key where it
        picks one place: the only place with that key, in a governorate the article names or
        after a list or place cue; or the only one of several in such a governorate.
        ``dropped``: spans of names dropped for want of support, which no window inside them
        brings back."""
        runs = []
        for run in _CAPITAL_RUN.finditer(text):
            if 1 not in occupied[run.start() : run.end()]:
                base = run.start()
                runs.append([(base + w.start(), base + w.end()) for w in _WORD.finditer(run[0])])
        if not runs:
            return []
        # every window of every run, keyed in one vectorised pass (linear in the text)
        windows = [
            (words[i][0], words[j - 1][1])
            for words in runs
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
        ]
        folded = normalize_many([text[a:b] for a, b in windows], fold_spaced_articles=True)
        firsts = roman_many(folded)
        # the second key differs only where an "i" (or "ee") is written
        with_i = [k for k, f in enumerate(folded) if "i" in f or "ee" in f]
        seconds = list(firsts)
        for k, rky in zip(
            with_i, roman_many([folded[k] for k in with_i], i_as_y=True), strict=True
        ):
            seconds[k] = rky
        keyed = {
            w: (rk, rky)
            for w, rk, rky in zip(windows, firsts, seconds, strict=True)
            if rk in self._roman or (rky != rk and (rky in self._roman or rky in self._roman_y))
        }
        if not keyed:
            return []
        region = self._region(found)
        anchors = self._anchors(found)  # what tells homonyms apart, near each name
        ends = {m.end for m in found if m.place_id}
        out: list[Mention] = []
        for words in runs:
            i = 0
            while i < len(words):
                hit = None
                for j in range(len(words), i, -1):  # longest window first
                    a, b = words[i][0], words[j - 1][1]
                    rks = keyed.get((a, b))
                    if rks and any(x <= a and b <= y for x, y in dropped):
                        continue
                    hit = (
                        self._roman_hit(text, a, b, rks, region, anchors.near(a), ends)
                        if rks
                        else None
                    )
                    if hit:
                        ends.add(b)
                        out.append(self._mention(text, a, b, hit, article))
                        occupied[a:b] = b"\x01" * (b - a)
                        i = j
                        break
                if not hit:
                    i += 1
        return out

    def _longer_names(
        self, text: str, found: list[Mention], occupied: bytearray, article: str
    ) -> list[Mention]:
        """A name matched after a capitalised word no entry joins to it ("Tal| Malah",
        "Tell| Hamid"): where the longer name's romanisation key picks a place
        (:meth:`_roman_hit`), that place replaces the shorter name's."""
        region: set[str] | None = None
        anchors = _Anchors([], np.empty((0, 2)))
        ends = {m.end for m in found if m.place_id}
        out = []
        for m in found:
            before = _NAME_PREFIX.search(text, max(0, m.start - 24), m.start) if m.start else None
            if before and before.group(1).lower() not in self._roman_stop:
                if region is None:
                    region, anchors = self._region(found), self._anchors(found)
                folded = key(text[before.start() : m.end])
                rks = (roman_from_key(folded), roman_many([folded], i_as_y=True)[0])
                hit = (
                    self._roman_hit(
                        text, before.start(), m.end, rks, region, anchors.near(m.start), ends
                    )
                    if rks[0] in self._roman or self._second_owners(rks[1])
                    else None
                )
                if hit and hit != m.place_id:
                    occupied[before.start() : m.end] = b"\x01" * (m.end - before.start())
                    m = self._mention(text, before.start(), m.end, hit, article)
            out.append(m)
        return out

    def _roman_hit(
        self,
        text: str,
        a: int,
        b: int,
        romans: tuple[str, str],
        region: set[str],
        anchors: np.ndarray,
        ends: set[int],
    ) -> str | None:
        """The place the name ``text[a:b]`` stands for by its two romanisation keys
        ``romans`` (:func:`~geo.romanize.roman_many`): one in the article's region by the first
        key, else by the second (i as y), else the only place with the first key after a list
        or place cue."""
        words = [w.lower() for w in _WORD.findall(text[a:b])]
        if all(w in self._roman_stop or len(w) <= 2 for w in words):
            return None  # English words ("Army", "Sunday") and articles alone
        owners = self._roman_owners(romans[0])
        # the second key only for a name the first key finds long enough ("This" is no Tuways)
        owners_y = self._second_owners(romans[1]) if usable(romans[0]) else []
        if not (owners or owners_y) or _person_like(text, a, b):
            return None
        local_y = [p for p in owners_y if self._places[p].admin1 in region and p not in owners]
        for candidates in (owners, owners_y):
            local = [p for p in candidates if self._places[p].admin1 in region]
            if len(local) > 1:  # several in the region: the one spelled clearly closest, if any
                return self._closest(key(text[a:b]), local, anchors)
            if local and local_y and candidates is owners:
                # "Orayma" west of Manbij: 'Uraymah by the first key, al-'Arimah by the second;
                # the one clearly nearest the places around it, else the first key's
                return self._nearest(local + local_y, anchors) or local[0]
            if local:
                return local[0]
        if len(owners) != 1 or not _cued(text, a, ends):
            return None
        # after a cue alone, not a village far from every place named around it ("al-Saan
        # and the Sarouj military camp" east of Hama: not Suruj in Hasakah)
        return None if self._far(owners[0], anchors) else owners[0]

    def _roman_owners(self, roman: str, index: dict[str, list[str]] | None = None) -> list[str]:
        """The Syrian places that can change hands whose romanisation key is ``roman`` in
        ``index`` (the first key's by default; keys too short to be
        :func:`~geo.romanize.usable` were never stored)."""
        return [
            p
            for p in (self._roman if index is None else index).get(roman, ())
            if self._places[p].in_syria and self._places[p].place_type in C.CONTROL_TYPES
        ]

    def _second_owners(self, roman_y: str) -> list[str]:
        """:meth:`_roman_owners` by the second key (i as y): the places whose second key is
        ``roman_y``, stored with their first key where the two are the same."""
        owners = self._roman_owners(roman_y) + self._roman_owners(roman_y, self._roman_y)
        return list(dict.fromkeys(owners))

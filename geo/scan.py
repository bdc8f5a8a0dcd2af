"""Fast regex scanning: try a lexicon's patterns only where one of its head words stands.

Python's ``re`` tries every alternative of an alternation at every character, and a Python
loop over every word is not much better. For lexicons of a few hundred phrases,
:class:`RowScanner` finds the head words (the first word of every alternative) with one
Aho-Corasick pass in C, then tries, at each head, only the rows that can start with it. The
semantics of ``finditer`` over the alternation of the rows are kept: leftmost,
non-overlapping, and the first row (in order) that matches wins. ``tests/test_claims.py`` checks
that this equals ``re.finditer`` on the seeds and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

Row = tuple[str | re.Pattern[str], Iterable[str]]
_NON_WORD = re.compile(r"[^\w]")


class _Scanner:
    """What both scanners share: matches only, from ``scan``."""

    def scan(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        raise NotImplementedError

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Like :meth:`scan`, matches only."""
        for _, m in self.scan(text, start, end):
            yield m


class RowScanner(_Scanner):
    """Scan text for rows of patterns, each with the head words it can start with.

    Parameters
    ----------
    rows : list of (pattern, heads)
        ``pattern`` matches only at the start of a word; ``heads`` are the lower-case words
        (letters or digits) its matches can begin with.
    flags : int
        Flags for patterns given as strings.
    longest : bool
        At one position, the longest match of any row wins (ties: the first row), instead of
        the first row that matches. Lexicons written by analysts use this, so the order of
        their rows does not matter.

    Notes
    -----
    ``match.lastgroup`` names the row as ``"t<row index>"`` for patterns given as strings.
    """

    def __init__(self, rows: list[Row], flags: int = re.IGNORECASE, longest: bool = False) -> None:
        self.longest = longest
        self.rows: list[re.Pattern[str]] = [
            pat if isinstance(pat, re.Pattern) else re.compile(rf"(?P<t{i}>(?:{pat})\b)", flags)
            for i, (pat, _) in enumerate(rows)
        ]
        by_head: dict[str, list[int]] = {}
        for i, (_, heads) in enumerate(rows):
            for h in heads:
                by_head.setdefault(h.lower(), []).append(i)
        self.by_head = {h: sorted(set(v)) for h, v in by_head.items()}
        self._automaton = ahocorasick.Automaton()
        for head in self.by_head:
            # a leading space: a head matches only at a word start (see heads_at)
            self._automaton.add_word(" " + head, head)
        self._automaton.make_automaton()

    def heads_at(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """(position, head) of every whole-word head in ``text[start:end]``, in order."""
        end = len(text) if end is None else end
        low = text[start:end].lower()
        if len(low) != end - start:  # a few characters change length when lower-cased
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text[start:end])
        # non-word characters become spaces (same length), so " head" matches only where a
        # word starts: the automaton never reports "a" inside "army" (one C pass, few hits)
        hay = " " + _NON_WORD.sub(" ", low)
        hits = []
        n = len(low)
        for last, head in self._automaton.iter(hay):
            pos = last - len(head)  # start of the head in ``low``
            end_at = last  # index in ``low`` just after the head
            glued = end_at < n and (low[end_at].isalnum() or low[end_at] == "_")
            if glued and not (head[-1].isdigit() and low[end_at].isalpha()):  # "27th" is ok
                continue
            hits.append((start + pos, head))
        hits.sort()
        return hits

    def scan(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """(row index, match) in ``text[start:end]``: leftmost, non-overlapping, first row
        wins."""
        end = len(text) if end is None else end
        candidates = ((pos, self.by_head[head]) for pos, head in self.heads_at(text, start, end))
        yield from _scan(self.rows, candidates, text, start, end, self.longest)


def _scan(
    rows: list[re.Pattern[str]],
    candidates: Iterable[tuple[int, Iterable[int]]],
    text: str,
    start: int,
    end: int,
    longest: bool,
) -> Iterator[tuple[int, re.Match[str]]]:
    """At each (position, row indices) in order, the first (or longest) row that matches;
    leftmost, non-overlapping."""
    last = start
    for pos, indices in candidates:
        if pos < last:
            continue
        best: tuple[int, re.Match[str]] | None = None
        for i in indices:
            m = rows[i].match(text, pos, end)
            if m is not None and m.end() > pos and (best is None or m.end() > best[1].end()):
                best = (i, m)
                if not longest:
                    break
        if best is not None:
            yield best
            last = best[1].end()


class PlainScanner(_Scanner):
    """The same semantics as :class:`RowScanner` without the head-word index: every row is
    tried at every word start. The reference the tests compare with, and the benchmark's
    baseline."""

    _WORD_START = re.compile(r"(?<![\w])[^\W_]")

    def __init__(self, scanner: RowScanner) -> None:
        self.rows = scanner.rows
        self.longest = scanner.longest

    def scan(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        end = len(text) if end is None else end
        every = range(len(self.rows))
        candidates = ((w.start(), every) for w in self._WORD_START.finditer(text, start, end))
        yield from _scan(self.rows, candidates, text, start, end, self.longest)

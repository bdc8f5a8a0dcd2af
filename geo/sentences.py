"""Sentences: an article cut into ``[start, end)`` spans, page chrome left out.

Lines are blocks (headlines, captions and liveblog entries stand alone); inside a block, a
sentence ends at ``. ! ?`` unless the word before is an abbreviation ("Col.", "U.S.", "Nov.").
Page chrome ("Skip to content", "This browser does not support the video element", video
lengths) yields no sentence. Cost is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof col gen lt maj capt sgt cpl brig adm gov sen rep st jr sr no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m mt ft".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_CHROME = re.compile(
    r"^\s*(?:\d+\.\s+)?skip\b|this browser does not support|^\s*\d{1,2}:\d{2}\s*$|"
    r"^\s*(?:advertisement|share|related|read more|most read|image|photo|video)\s*:?\s*$|"
    r"top story\s*$|more stories from|^\s*\w*[a-z][A-Z]\w*\s*$",
    re.IGNORECASE,
)


_LAST_TOKEN = re.compile(r"([\w.]+)[.!?]*$")
_LINE = re.compile(r"[^\r\n]+")
_CHROME_MAX_CHARS = 120  # page chrome is short lines; prose paragraphs are not checked
#: a "sentence" longer than this (a line with no full stop, a pasted table) is cut into
#: pieces at clause boundaries, so extraction stays linear in the article's size; the longest
#: sentence in the seeds and the corpus has 383 characters
MAX_SENTENCE_CHARS = 1000
_STRONG_BREAK = re.compile(r"[;,:]\s|\s(?:and|while|but|as)\s")
_WEAK_BREAK = re.compile(r"\s")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text``; chrome lines are left out."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if end - start <= _CHROME_MAX_CHARS and (
            not line.group(0).strip() or _CHROME.search(line.group(0))
        ):
            continue
        cut = start
        for m in _SENTENCE_END.finditer(text, start, end):
            word = _LAST_TOKEN.search(text, max(start, m.start() - 24), m.start() + 1)
            token = (word.group(1) if word else "").lower().rstrip(".")
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            spans.append((cut, m.end()))
            cut = m.end()
        spans.append((cut, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.extend(_pieces(text, s, e))
    return out


def _pieces(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """``[s, e)`` in pieces of at most :data:`MAX_SENTENCE_CHARS`, each cut after the last
    clause boundary (``;`` ``,`` ``:``, then a conjunction, then any space) in its window."""
    while e - s > MAX_SENTENCE_CHARS:
        limit = s + MAX_SENTENCE_CHARS
        cut = limit
        for pattern in (_STRONG_BREAK, _WEAK_BREAK):
            last = None
            for m in pattern.finditer(text, s + MAX_SENTENCE_CHARS // 2, limit):
                last = m
            if last is not None:
                cut = last.end()
                break
        yield s, cut
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        yield s, e

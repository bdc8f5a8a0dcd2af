"""The language data of the claim extractor: ``data/lexicon/*.tsv``, loaded and validated.

Analysts extend the lexicon without touching code (after the PETRARCH/VIINA dictionaries).
Every file is tab-separated with a header line; ``#`` starts a comment line. A *phrase* is
written in a small pattern language (``data/lexicon/README.md``):

- words match whole words, case-insensitively: ``took control of``;
- ``(a|b c)`` is a choice of word sequences, ``[a b]`` an optional sequence;
- ``seize+`` stands for the forms of a verb: seize, seizes, seized, seizing (irregular verbs
  are listed in ``verbs.tsv``: ``take+`` is take, takes, took, taken, taking);
- ``re:…`` is a raw Python regular expression for the rare phrase the language cannot say; it
  then needs its first words in the ``heads`` column.

Each phrase compiles to a regular expression and to the set of words its matches can begin
with, which :class:`geo.scan.RowScanner` uses to try each phrase only where it can start.
A malformed row raises :class:`LexiconError` naming ``file:line``.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.columns import ACTIONS, ACTORS, EXTENTS
from geo.errors import FrontlineError

#: Actor-lexicon values that are not actors: air power (no ground claim) and pronouns that
#: refer back to the last actor.
ACTOR_EXTRAS = ("air", "ref")
#: Where a trigger's place stands (README "Frames").
FRAMES = (
    "object",  # "seized X", "the capture of X"
    "object_inside",  # "fanned out across X"
    "locative",  # "advanced in X"
    "subject",  # "X fell to Y", "X was seized by Y", "X, held by Y"
    "hold",  # "towns they hold in X"
    "bring_under",  # "bringing X under their control"
    "adjective",  # "the rebel-held enclave of X"
    "push",  # "pushed back an attack on X"
    "intransitive",  # "government forces pulled out": the place after, else the one before
)
CUE_KINDS = (
    "speech",  # a speech verb: what follows (or a trailing tag) is attributed
    "according",  # "according to X"
    "unconfirmed",  # hedges: the sentence's claims are claimed
    "denial",  # the sentence denies (the claim or the previous claimed one)
    "block",  # words just before a trigger that make it no claim (modal, purpose, vow)
    "negation",  # words just before a trigger that deny it ("has not fallen"): `denied`
    "correction",  # "earlier reports that X had fallen were wrong"
)


class LexiconError(FrontlineError, ValueError):
    """A lexicon file or row is malformed; the message names ``file:line``."""


@dataclass(frozen=True)
class Phrase:
    """One compiled phrase: its regex source and the words it can begin with."""

    source: str
    pattern: str
    heads: tuple[str, ...]


@dataclass(frozen=True)
class Trigger:
    action: str
    frame: str
    static: bool
    actor: str | None
    phrase: Phrase


@dataclass(frozen=True)
class Lexicon:
    """Every table of ``data/lexicon``."""

    triggers: tuple[Trigger, ...]
    actors: tuple[tuple[str, Phrase], ...]
    cues: dict[str, tuple[Phrase, ...]]
    claimants: tuple[tuple[str, Phrase], ...]
    extents: tuple[tuple[str, Phrase], ...]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    regions: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (actor, action, static) -> the action it becomes (``actions.tsv``)
    actions: dict[tuple[str, str, bool], str] = field(default_factory=dict)
    #: (place_id, phrase): descriptions that name one place ("Syria's second city")
    epithets: tuple[tuple[str, Phrase], ...] = ()
    #: canonical claimant -> the side it speaks for ("our forces" in its statements)
    claimant_sides: dict[str, str] = field(default_factory=dict)

    def cue_regex(self, kind: str) -> re.Pattern[str]:
        """One alternation of the cues of ``kind`` (case-insensitive, whole words)."""
        return _alternation(tuple(p.pattern for p in self.cues.get(kind, ())))

    def cue_heads(self, kind: str) -> frozenset[str]:
        return frozenset(h for p in self.cues.get(kind, ()) for h in p.heads)


@functools.lru_cache(maxsize=64)
def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.IGNORECASE)


# --- the pattern language ----------------------------------------------------------------------
_TOKEN = re.compile(r"\(|\)|\[|\]|\||[^\s()\[\]|]+")


class _SyntaxError(ValueError):
    pass


def _verb_forms(lemma: str, irregular: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return (lemma, lemma + "s", lemma + "d", stem + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        stem = lemma[:-1]
        return (lemma, stem + "ies", stem + "ied", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


class _Parser:
    """Recursive descent over ``seq := item*; item := word | (seq|seq…) | [seq]``.

    Each node compiles to (regex, first words, can be empty)."""

    def __init__(self, text: str, irregular: dict[str, tuple[str, ...]]) -> None:
        self.tokens = _TOKEN.findall(text)
        self.pos = 0
        self.irregular = irregular

    def parse(self) -> tuple[str, set[str], bool]:
        out = self._choice(end=None)
        if self.pos != len(self.tokens):
            raise _SyntaxError(f"unexpected {self.tokens[self.pos]!r}")
        return out

    def _choice(self, end: str | None) -> tuple[str, set[str], bool]:
        alts = [self._seq(end)]
        while self.pos < len(self.tokens) and self.tokens[self.pos] == "|":
            self.pos += 1
            alts.append(self._seq(end))
        regex = alts[0][0] if len(alts) == 1 else "(?:" + "|".join(a[0] for a in alts) + ")"
        heads = set().union(*(a[1] for a in alts))
        return regex, heads, any(a[2] for a in alts)

    def _seq(self, end: str | None) -> tuple[str, set[str], bool]:
        items: list[tuple[str, set[str], bool]] = []  # (regex, first words, optional)
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if tok == "|" or tok in (")", "]"):
                if tok in (")", "]") and tok != end:
                    raise _SyntaxError(f"unbalanced {tok!r}")
                break
            self.pos += 1
            if tok in ("(", "["):
                close = ")" if tok == "(" else "]"
                regex, first, can_empty = self._choice(end=close)
                if self.pos >= len(self.tokens) or self.tokens[self.pos] != close:
                    raise _SyntaxError(f"missing {close!r}")
                self.pos += 1
                items.append((f"(?:{regex})", first, tok == "[" or can_empty))
            else:
                items.append(self._word(tok))
        # words are separated by whitespace, a hyphen or quote marks ("rebel held" matches
        # "rebel-held", "redeployment from" matches "'redeployment' from"); one quoted word
        # ("withdrew 'suddenly' from") or a day ("moved on Wednesday into") may stand between
        sep = rf"[\s\"“”‘’'-]+(?:[\"“‘'][\w-]+[\"”’']\s+|(?:{_A_DAY})\s+)?"
        heads: set[str] = set()
        regex = ""
        prefix = ""
        required = False
        for inner, first, optional in items:
            if not required:
                heads |= first
            if not required and optional:
                prefix += f"(?:{inner}{sep})?"
            elif not required:
                regex = prefix + inner
                required = True
            else:
                regex += f"(?:{sep}{inner})?" if optional else f"{sep}{inner}"
        if not required:
            if len(items) > 1:
                raise _SyntaxError("a sequence of optional parts only")
            return (f"{items[0][0]}?" if items else ""), heads, True
        return regex, heads, False

    def _word(self, tok: str) -> tuple[str, set[str], bool]:
        if tok.endswith("+") and len(tok) > 1:
            forms = _verb_forms(tok[:-1].lower(), self.irregular)
            regex = "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            return regex + ")", {_first_word(f) for f in forms}, False
        if not re.search(r"\w", tok):
            raise _SyntaxError(f"not a word: {tok!r}")
        word = re.sub(r"\\?['’‘]", "['’‘]", re.escape(tok))  # any apostrophe
        return word, {_first_word(tok)}, False


#: a day named between two words of a phrase: "moved on Wednesday into", "took late on Friday"
_A_DAY = (
    r"(?:(?:late|early)\s+)?(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?:\s+(?:night|morning|afternoon|evening))?|overnight|yesterday"
)


def _first_word(word: str) -> str:
    m = re.match(r"[^\W_]+", word.lower())
    return m.group(0) if m else word.lower()


def compile_phrase(
    text: str, irregular: dict[str, tuple[str, ...]] | None = None, heads: str = ""
) -> Phrase:
    """Compile one phrase of the pattern language (or a ``re:`` regex with explicit heads)."""
    text = text.strip()
    if not text:
        raise _SyntaxError("empty phrase")
    if text.startswith("re:"):
        source = text[3:].strip()
        try:
            re.compile(source)
        except re.error as exc:
            raise _SyntaxError(f"bad regular expression: {exc}") from exc
        words = tuple(h.replace("_", " ").lower() for h in heads.split())
        if not words:
            raise _SyntaxError("a re: phrase needs its first words in the heads column")
        return Phrase(text, source, words)
    regex, first, empty = _Parser(text, irregular or {}).parse()
    if empty:
        raise _SyntaxError("the phrase can match nothing (every part is optional)")
    extra = tuple(h.lower() for h in heads.split())
    return Phrase(text, regex, tuple(sorted(first)) + extra)


# --- files -------------------------------------------------------------------------------------
def lexicon_dir() -> Path:
    from geo.gazetteer import data_dir

    return data_dir() / "lexicon"


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a TSV lexicon file; blank and ``#`` lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read: {exc}") from exc
    header: list[str] | None = None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in columns if c not in header]
            if missing:
                raise LexiconError(f"{path}:{n}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{path}:{n}: {len(cells)} fields, header has {len(header)}")
        yield n, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}


def _check(path: Path, n: int, value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise LexiconError(f"{path}:{n}: unknown {what} {value!r} (one of {', '.join(allowed)})")


def _phrase(
    path: Path, n: int, row: dict[str, str], irregular: dict[str, tuple[str, ...]]
) -> Phrase:
    try:
        return compile_phrase(row["phrase"], irregular, row.get("heads", ""))
    except _SyntaxError as exc:
        raise LexiconError(f"{path}:{n}: phrase {row['phrase']!r}: {exc}") from exc


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """Read and validate every file of ``data/lexicon`` (or ``folder``)."""
    base = Path(folder) if folder is not None else lexicon_dir()
    if not base.is_dir():
        raise LexiconError(f"{base}: no lexicon folder")
    irregular: dict[str, tuple[str, ...]] = {}
    verbs = base / "verbs.tsv"
    for n, row in _rows(verbs, ("lemma", "forms")):
        forms = tuple(f.strip().lower() for f in row["forms"].split(",") if f.strip())
        if not row["lemma"] or not forms:
            raise LexiconError(f"{verbs}:{n}: a verb needs a lemma and its forms")
        irregular[row["lemma"].lower()] = forms
    path = base / "triggers.tsv"
    triggers = []
    for n, row in _rows(path, ("action", "frame", "phrase")):
        _check(path, n, row["action"], ACTIONS, "action")
        _check(path, n, row["frame"], FRAMES, "frame")
        actor = row.get("actor") or None
        if actor is not None:
            _check(path, n, actor, ACTORS, "actor")
        static = row.get("static", "").lower() in ("yes", "true", "1")
        triggers.append(
            Trigger(row["action"], row["frame"], static, actor, _phrase(path, n, row, irregular))
        )
    path = base / "actors.tsv"
    actors = []
    for n, row in _rows(path, ("actor", "phrase")):
        _check(path, n, row["actor"], ACTORS + ACTOR_EXTRAS, "actor")
        actors.append((row["actor"], _phrase(path, n, row, irregular)))
    path = base / "cues.tsv"
    cues: dict[str, list[Phrase]] = {k: [] for k in CUE_KINDS}
    for n, row in _rows(path, ("kind", "phrase")):
        _check(path, n, row["kind"], CUE_KINDS, "cue kind")
        cues[row["kind"]].append(_phrase(path, n, row, irregular))
    path = base / "claimants.tsv"
    claimants = []
    claimant_sides: dict[str, str] = {}
    for n, row in _rows(path, ("claimant", "phrase")):
        if not row["claimant"]:
            raise LexiconError(f"{path}:{n}: empty claimant")
        claimants.append((row["claimant"], _phrase(path, n, row, irregular)))
        if row.get("side"):
            _check(path, n, row["side"], ACTORS, "side")
            claimant_sides[row["claimant"]] = row["side"]
    path = base / "extents.tsv"
    extents = []
    for n, row in _rows(path, ("extent", "phrase")):
        _check(path, n, row["extent"], EXTENTS, "extent")
        extents.append((row["extent"], _phrase(path, n, row, irregular)))
    path = base / "words.tsv"
    words: dict[str, set[str]] = {}
    for n, row in _rows(path, ("set", "words")):
        if not row["set"]:
            raise LexiconError(f"{path}:{n}: empty set name")
        words.setdefault(row["set"], set()).update(w.lower() for w in row["words"].split())
    path = base / "regions.tsv"
    regions: dict[tuple[str, str], str] = {}
    if path.exists():
        for n, row in _rows(path, ("admin1", "actor", "regional_actor")):
            _check(path, n, row["actor"], ACTORS, "actor")
            _check(path, n, row["regional_actor"], ACTORS, "actor")
            regions[(row["admin1"], row["actor"])] = row["regional_actor"]
    path = base / "actions.tsv"
    actions: dict[tuple[str, str, bool], str] = {}
    if path.exists():
        for n, row in _rows(path, ("actor", "action", "static", "becomes")):
            _check(path, n, row["actor"], ACTORS, "actor")
            _check(path, n, row["action"], ACTIONS, "action")
            _check(path, n, row["becomes"], ACTIONS, "action")
            if row["static"] not in ("yes", "no"):
                raise LexiconError(f"{path}:{n}: static must be yes or no, not {row['static']!r}")
            actions[(row["actor"], row["action"], row["static"] == "yes")] = row["becomes"]
    path = base / "epithets.tsv"
    epithets = []
    if path.exists():
        for n, row in _rows(path, ("place_id", "phrase")):
            if not row["place_id"]:
                raise LexiconError(f"{path}:{n}: empty place_id")
            epithets.append((row["place_id"], _phrase(path, n, row, irregular)))
    return Lexicon(
        triggers=tuple(triggers),
        actors=tuple(actors),
        cues={k: tuple(v) for k, v in cues.items()},
        claimants=tuple(claimants),
        claimant_sides=claimant_sides,
        extents=tuple(extents),
        words={k: frozenset(v) for k, v in words.items()},
        regions=regions,
        actions=actions,
        epithets=tuple(epithets),
    )


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The committed lexicon, loaded once per process."""
    return load_lexicon()

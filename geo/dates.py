"""Dates: an article's publication date from its text, and event dates relative to it.

``date_precision`` follows UCDP: 1 exact day, 2 within 2–6 days, 3 a week, 4 a month.
Relative expressions resolve against the publication date: "on Saturday" is the latest Saturday
on or before it, "overnight" and "yesterday" the day before, "last week" seven days before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.scan import RowScanner

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# publication date patterns, most explicit first
_ISO = re.compile(
    r"\b(?:date[d:]?\s*)?(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", re.IGNORECASE
)
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
_DMY = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_WD_MD = re.compile(rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE)
_WD_DM = re.compile(rf"\b{_WEEKDAY},?\s+{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE)

# event date expressions
_EVENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "md",
        re.compile(
            rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.IGNORECASE
        ),
    ),
    (
        "dm",
        re.compile(
            rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH}\b(?:,?\s+{_YEAR})?", re.IGNORECASE
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>last|this|on|late on|early on|later on|earlier on)"
            rf"\s+)?{_WEEKDAY}\b",
            re.IGNORECASE,
        ),
    ),
    ("overnight", re.compile(r"\b(?:overnight|last night|yesterday)\b", re.IGNORECASE)),
    (
        "today",
        re.compile(
            r"\b(?:today|tonight|this morning|this afternoon|this evening|"
            r"after midnight|now)\b",
            re.IGNORECASE,
        ),
    ),
    ("lastweek", re.compile(r"\b(?:late |early )?last week\b", re.IGNORECASE)),
    ("thisweek", re.compile(r"\b(?:earlier|late|early) this week\b", re.IGNORECASE)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+ago\b", re.IGNORECASE
        ),
    ),
    ("weekend", re.compile(r"\b(?:last|over the|this past|at the) weekend\b", re.IGNORECASE)),
    (
        "earlier",
        re.compile(
            r"\b(?:the (?:day|night) before|the previous (?:day|night)"
            r"|(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+earlier)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "offset",
        re.compile(
            r"\b(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+(?P<dir>after|before)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "next",
        re.compile(
            r"\b(?:the (?:next|following) (?:day|morning|evening|night|afternoon)"
            r"|(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+later)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "same",
        re.compile(
            r"\b(?:that|the same) (?:day|evening|night|morning|afternoon)\b"
            r"|\bby (?:nightfall|evening|the evening|the afternoon|midday|noon)\b"
            r"|\blater that day\b"
            # "The offensive, launched on Wednesday, … X was seized on the first day"
            r"|\bon (?:its|the|their) (?:very )?first day\b",
            re.IGNORECASE,
        ),
    ),
    (
        "recent",
        re.compile(
            r"\b(?:in|over) (?:the )?(?:recent|past|last) (?:few |two |three |"
            r"several )?days\b|\bwithin (?:a few |several )?(?:days|hours)\b",
            re.IGNORECASE,
        ),
    ),
]
#: years a weekday-and-day date may be placed in, when the text gives no year
_YEAR_WINDOW = 30
PRECISION_DAY, PRECISION_DAYS, PRECISION_WEEK, PRECISION_MONTH = 1, 2, 3, 4
#: ``basis`` of "a day after X": the event X lies that many days from the sentence's own date
OFFSET_BASIS = "offset:"
#: ``basis`` of "that evening", "the same day": the date the text last gave
SAME_DAY_BASIS = "same day as the date before"
#: ``basis`` of "the next morning", "two days later": that many days after the date the text
#: last gave (the extractor anchors it)
NEXT_BASIS = "days after the date before:"


@dataclass(frozen=True)
class DateFound:
    """A date read from text: the date, its UCDP precision, where it was found and how."""

    value: date
    precision: int
    start: int
    end: int
    basis: str


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for_weekday(month: int, day: int, weekday: int, today: date) -> int | None:
    """The latest year (not after ``today``) in which month/day falls on ``weekday``."""
    for year in range(today.year, today.year - _YEAR_WINDOW, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= today and d.weekday() == weekday:
            return year
    return None


def publication_date(
    text: str, *, today: date | None = None, head_chars: int = 1500
) -> DateFound | None:
    """The publication date stated near the top of an article, or ``None``.

    Looks, in the first ``head_chars`` characters, for an ISO date ("date 2024-12-01"), a written
    date ("December 1, 2024", "1 December 2024"), or a weekday with a day ("on Sunday,
    December 1"), whose year is the latest one in which that day is that weekday.
    """
    if not isinstance(text, str) or not text:
        return None
    today = today or date.today()
    head = text[:head_chars]
    found: list[DateFound] = []
    for m in _ISO.finditer(head):
        d = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
        if d:
            found.append(DateFound(d, PRECISION_DAY, m.start(), m.end(), "ISO date in the text"))
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(head):
            d = _safe_date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
            if d:
                found.append(DateFound(d, PRECISION_DAY, m.start(), m.end(), "written date"))
    if found:
        return min(found, key=lambda f: f.start)
    for pattern in (_WD_MD, _WD_DM):
        for m in pattern.finditer(head):
            month, day = MONTHS[m["month"].lower()], int(m["day"])
            wd = WEEKDAYS.index(m["weekday"].lower())
            year = _year_for_weekday(month, day, wd, today)
            d = _safe_date(year, month, day) if year else None
            if d:
                found.append(
                    DateFound(
                        d,
                        PRECISION_DAY,
                        m.start(),
                        m.end(),
                        "weekday and day; year from the weekday",
                    )
                )
    return min(found, key=lambda f: f.start) if found else None


def weekdays_mentioned(text: str) -> set[int]:
    """Weekdays (0 = Monday) the text names."""
    return {WEEKDAYS.index(m.lower()) for m in re.findall("|".join(WEEKDAYS), text, re.I)}


def infer_from_neighbour(text: str, neighbour: date) -> date:
    """Publication date of an undated text that reports the same events as a dated one.

    The neighbour's date is kept when the text names its weekday ("later on Sunday"); otherwise
    the nearest day within three days whose weekday the text names; else the neighbour's date.
    """
    named = weekdays_mentioned(text)
    for delta in (0, 1, -1, 2, -2, 3, -3):
        d = neighbour + timedelta(days=delta)
        if d.weekday() in named:
            return d
    return neighbour


def _latest_weekday(weekday: int, on_or_before: date, strictly_before: bool = False) -> date:
    delta = (on_or_before.weekday() - weekday) % 7
    if strictly_before and delta == 0:
        delta = 7
    return on_or_before - timedelta(days=delta)


def _absolute(m: re.Match[str], published: date) -> date | None:
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    if m["year"]:
        return _safe_date(int(m["year"]), month, day)
    d = _safe_date(published.year, month, day)
    if d is not None and d > published + timedelta(days=7):
        d = _safe_date(published.year - 1, month, day)  # "December 30" read in January
    return d


_NUMBER_WORDS = ["a", "one", "two", "three", "four", "five", "six", "seven"] + [
    str(d) for d in range(10)
]
_NUMBERS = {
    w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven"])
}
_DAY_HEADS = [str(d) for d in range(1, 32)] + [f"0{d}" for d in range(1, 10)]
_ON = [f"on {w}" for w in (*WEEKDAYS, *MONTHS, *_DAY_HEADS)]
_EVENT_HEADS = {
    "md": [*_ON, *WEEKDAYS, *MONTHS],
    "dm": [*_ON, *WEEKDAYS, *_DAY_HEADS],
    "weekday": ["last", "this", *_ON, "late on", "early on", "later on", "earlier on", *WEEKDAYS],
    "overnight": ["overnight", "last night", "yesterday"],
    "today": [
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "after midnight",
        "now",
    ],
    "lastweek": ["late last", "early last", "last week"],
    "thisweek": ["earlier this", "late this", "early this"],
    "recent": [
        *(f"{a} {b}" for a in ("in", "over") for b in ("the", "recent", "past", "last")),
        "within",
    ],
    "ago": _NUMBER_WORDS,
    "weekend": ["last", "over", "this", "at"],
    "earlier": ["the day", "the night", "the previous", *_NUMBER_WORDS],
    "offset": _NUMBER_WORDS,
    "same": ["that", "the same", "by", "later", "on"],
    "next": ["the next", "the following", *_NUMBER_WORDS],
}
_SCANNER = RowScanner([(pattern, _EVENT_HEADS[kind]) for kind, pattern in _EVENT_PATTERNS])


def event_dates(text: str, published: date) -> list[DateFound]:
    """Every event-date expression in ``text``, resolved against ``published``, in text order.

    Where expressions overlap, the more specific kind wins ("Saturday Nov. 30" is a date, not a
    weekday). Patterns are tried only where a word can begin one (see :mod:`geo.scan`).
    """
    out: list[DateFound] = []
    for row, m in _SCANNER.scan(text):
        found = _resolve(_EVENT_PATTERNS[row][0], m, published)
        if found is not None:
            out.append(found)
    return out


def _resolve(kind: str, m: re.Match[str], published: date) -> DateFound | None:
    s, e = m.start(), m.end()
    if kind in ("md", "dm"):
        d = _absolute(m, published)
        return DateFound(d, PRECISION_DAY, s, e, "date in the text") if d else None
    if kind == "weekday":
        rel = (m["rel"] or "").lower()
        d = _latest_weekday(
            WEEKDAYS.index(m["weekday"].lower()), published, strictly_before=rel == "last"
        )
        return DateFound(d, PRECISION_DAY, s, e, f"'{m.group(0).strip()}' before publication")
    if kind == "overnight":
        return DateFound(
            published - timedelta(days=1), PRECISION_DAY, s, e, f"'{m.group(0)}' = publication - 1"
        )
    if kind == "today":
        return DateFound(published, PRECISION_DAY, s, e, f"'{m.group(0)}' = publication")
    if kind == "lastweek":
        return DateFound(
            published - timedelta(days=7), PRECISION_WEEK, s, e, "'last week' = publication - 7"
        )
    if kind == "thisweek":
        return DateFound(
            published - timedelta(days=2), PRECISION_DAYS, s, e, "'this week' = publication - 2"
        )
    if kind == "earlier":  # "the day before", "two days earlier": before the text's day
        word = (m["n"] or "one").lower()
        n = 1 if word in ("a", "one") else _NUMBERS.get(word, int(word) if word.isdigit() else 1)
        return DateFound(published - timedelta(days=n), PRECISION_DAY, s, e, f"{n} days earlier")
    if kind in ("ago", "offset"):
        word = m["n"].lower()
        n = 1 if word == "a" else _NUMBERS.get(word, int(word) if word.isdigit() else 1)
        if kind == "ago":
            return DateFound(published - timedelta(days=n), PRECISION_DAY, s, e, f"{n} days ago")
        sign = -1 if m["dir"].lower() == "after" else 1
        # "a day after X": X happened a day before the sentence's date; the extractor anchors it
        return DateFound(
            published + timedelta(days=sign * n), PRECISION_DAY, s, e, f"{OFFSET_BASIS}{sign * n}"
        )
    if kind == "weekend":
        if m.group(0).lower().startswith("last"):
            sat = _latest_weekday(5, published - timedelta(days=1))
            return DateFound(sat, PRECISION_DAYS, s, e, "'last weekend' = the Saturday before")
        # "over the weekend" (written on the Monday): the weekend just ended, up to its Sunday
        sun = published if published.weekday() == 5 else _latest_weekday(6, published)
        return DateFound(sun, PRECISION_DAYS, s, e, "'over the weekend' = the Sunday")
    if kind == "same":
        return DateFound(published, PRECISION_DAY, s, e, SAME_DAY_BASIS)
    if kind == "next":
        word = (m["n"] or "one").lower()
        n = 1 if word in ("a", "one") else _NUMBERS.get(word, int(word) if word.isdigit() else 1)
        return DateFound(published, PRECISION_DAY, s, e, f"{NEXT_BASIS}{n}")
    return DateFound(published, PRECISION_DAYS, s, e, "'recent days' = publication")

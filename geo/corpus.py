"""A batch of articles made ready for extraction: dates found, syndication marked.

Publication dates come, in order, from the caller (``--published``), the manifest, the text
("date 2024-12-01", "December 1, 2024", "on Sunday, December 1"), and finally from dated
articles in the same batch that report the same events (word 3-shingle containment at least
``NEIGHBOUR_CONTAINMENT``; see :func:`geo.dates.infer_from_neighbour`). An article with no
findable date is an error for that article alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from geo.dates import infer_from_neighbour, publication_date
from geo.errors import ArticleError
from geo.io import Article
from geo.syndication import near_duplicates, syndication_map

#: containment above which a dated article lends its date to an undated one ...
NEIGHBOUR_CONTAINMENT = 0.10
#: ... provided they share at least this many word 3-shingles (a one-line text shares a
#: stock phrase such as "a war monitor said" with many articles)
NEIGHBOUR_MIN_SHARED = 20


@dataclass(frozen=True)
class DatedArticle:
    """An article with its publication date and how it was found."""

    article: Article
    published: date
    date_basis: str
    syndicated_from: str | None


def unique_name(article: Article, taken: set[str]) -> Article:
    """The article under a name no earlier article has; the name is added to ``taken``.

    Claims, dates, syndication and reviews refer to articles by name, and two files may share
    one (``A/x.txt``, ``B/x.txt``). The later one takes its folder into its name
    (``B/x.txt``), or a counter when that is taken too (``x.txt (2)``).
    """
    name = article.name
    if name in taken and article.path:
        name = "/".join(Path(article.path).parts[-2:])
    stem, n = name, 2
    while name in taken:
        name, n = f"{stem} ({n})", n + 1
    taken.add(name)
    return article if name == article.name else replace(article, name=name)


def prepare(
    articles: list[Article],
    *,
    today: date | None = None,
    taken: set[str] | None = None,
    syndication: bool = True,
) -> tuple[list[DatedArticle], list[ArticleError]]:
    """Date every article and mark near-duplicates; undatable articles become errors.

    Articles that share a name are first renamed apart (:func:`unique_name`); ``taken`` holds
    the names of earlier batches of the same stream (and receives this batch's). With
    ``syndication=False`` copies are not looked for (claims do not depend on it; the timeline
    does), which saves comparing every pair of the batch.
    """
    taken = set() if taken is None else taken
    articles = [unique_name(a, taken) for a in articles]
    texts = {a.name: a.text for a in articles}
    known: dict[str, tuple[date, str]] = {}
    for a in articles:
        if a.published is not None:
            known[a.name] = (a.published, "given (manifest or --published)")
            continue
        found = publication_date(a.text, today=today)
        if found is not None:
            known[a.name] = (found.value, f"text: {found.basis}")
    undated = [a for a in articles if a.name not in known]
    if undated and known:
        pairs = near_duplicates(texts, threshold=NEIGHBOUR_CONTAINMENT)
        for a in undated:
            best = max(
                (
                    p
                    for p in pairs
                    if a.name in (p.copy, p.original)
                    and p.shared >= NEIGHBOUR_MIN_SHARED
                    and (p.original if p.copy == a.name else p.copy) in known
                ),
                key=lambda p: p.containment,
                default=None,
            )
            if best is None:
                continue
            other = best.original if best.copy == a.name else best.copy
            when = infer_from_neighbour(a.text, known[other][0])
            known[a.name] = (when, f"inferred from {other} (containment {best.containment})")
    syndicated = (
        syndication_map(near_duplicates(texts, published={k: v[0] for k, v in known.items()}))
        if syndication
        else {}
    )
    ready: list[DatedArticle] = []
    errors: list[ArticleError] = []
    for a in articles:
        if a.name not in known:
            errors.append(
                ArticleError(
                    a.path or a.name,
                    "no publication date found in the "
                    "text or manifest; pass --published YYYY-MM-DD",
                )
            )
            continue
        when, basis = known[a.name]
        source = a.syndicated_from or syndicated.get(a.name)
        ready.append(DatedArticle(replace(a, published=when), when, basis, source))
    return ready, errors

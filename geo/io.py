"""Reading: articles, manifests, and the committed data files. Everything that reads disk is here.

Readers never raise for one bad input in a batch: :func:`iter_articles` yields an
:class:`~geo.errors.ArticleError` in place of the article it could not read, naming the file (and
line), and goes on with the rest.
"""

from __future__ import annotations

import csv
import io as _io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from geo import columns as C
from geo.errors import ArticleError, GazetteerError, ManifestError, display_name

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "outlet", "published", "url", "language", "syndicated_from")
STDIN_NAME = "-"
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
# a page has document structure; a <script> or <img> inside prose is text that contains markup
_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|p|div|article|main|section)\b", re.I)
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "iframe",
        "template",
        "button",
        "select",
        "head",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "blockquote",
        "figcaption",
        "title",
        "ul",
        "ol",
        "table",
        "main",
        "figure",
    }
)


@dataclass(frozen=True)
class Article:
    """One article's text and what the manifest (or the caller) says about it."""

    name: str
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    syndicated_from: str | None = None
    path: str | None = None


# --- gazetteer and roads --------------------------------------------------------------------------
def _read_data_csv(path: Path, what: str, columns: set[str]) -> pd.DataFrame:
    """A committed data CSV as text columns; an empty, unreadable or incomplete file raises
    :class:`GazetteerError` naming the file."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError as exc:
        raise GazetteerError(f"{path}: the {what} file is empty") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise GazetteerError(f"{path}: cannot read the {what}: {exc}") from exc
    missing = columns - set(frame.columns)
    if missing:
        raise GazetteerError(f"{path}: missing columns {sorted(missing)}")
    return frame


def read_gazetteer_csv(path: str | Path, *, validate_numbers: bool = True) -> pd.DataFrame:
    """Read ``gazetteer.csv``; a malformed row raises :class:`GazetteerError` naming its line.

    With ``validate_numbers=False`` non-numeric coordinates become NaN (for
    :func:`geo.validation.validate_gazetteer` to report with the other problems).
    """
    path = Path(path)
    frame = _read_data_csv(path, "gazetteer", set(C.GAZETTEER_COLUMNS))
    for col in (C.LAT, C.LON):
        values = pd.to_numeric(frame[col], errors="coerce")
        bad = values.isna()
        if bad.any() and validate_numbers:
            line = int(bad.to_numpy().argmax()) + 2  # header is line 1
            raise GazetteerError(
                f"{path}:{line}: {col} is not a number: {frame[col][bad].iloc[0]!r}"
            )
        frame[col] = values.astype(float)
    for col in (C.POPULATION, C.GEONAMES_ID):
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="coerce").astype("Int64")
    for col in (C.PARENT_ID, C.NOTE, C.SOURCE, C.ALIASES, C.ADMIN1):
        frame[col] = frame[col].astype(str)
    return frame


def read_outline(path: str | Path) -> Any:
    """The union of the geometries of a GeoJSON file, as one shapely geometry (lon/lat)."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return unary_union([shape(f["geometry"]) for f in data["features"]])


def read_road_waypoints(path: str | Path) -> dict[str, list[str]]:
    """Road ``place_id`` → the ``place_id`` of the towns it passes, from ``m5.geojson``."""
    path = Path(path)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    roads: dict[str, list[str]] = {}
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        if props.get(C.PLACE_ID):
            roads[props[C.PLACE_ID]] = list(props.get("waypoint_place_ids") or [])
    return roads


def read_baseline_csv(path: str | Path) -> pd.DataFrame:
    """Read ``baseline_control.csv`` (``place_id, controller, as_of, source``).

    A row with an unknown controller or a bad date raises :class:`GazetteerError` naming its line.
    """
    path = Path(path)
    frame = _read_data_csv(path, "baseline", {"place_id", "controller", "as_of", "source"})
    bad = ~frame["controller"].isin(C.CONTROLLERS)
    if bad.any():
        line = int(bad.to_numpy().argmax()) + 2
        raise GazetteerError(
            f"{path}:{line}: unknown controller {frame['controller'][bad].iloc[0]!r}"
        )
    try:
        frame["as_of"] = pd.to_datetime(frame["as_of"], format="%Y-%m-%d").dt.date
    except ValueError as exc:
        raise GazetteerError(f"{path}: bad as_of date: {exc}") from exc
    return frame


def read_not_places(path: str | Path) -> list[str]:
    """Names that contain a place name but are not places (``not_places.csv``: phrase,reason)."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [r["phrase"].strip() for r in csv.DictReader(fh) if (r.get("phrase") or "").strip()]


# --- articles -------------------------------------------------------------------------------------
class _TextOfHtml(HTMLParser):
    """The visible text of a page, without scripts, styles and page chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """Visible text of an HTML page (scripts, styles, navigation, header and footer dropped)."""
    parser = _TextOfHtml()
    parser.feed(page)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    """Does the text look like an HTML page (rather than prose that mentions a tag)?"""
    head = text[:5000]
    return bool(_HTML_HINT.search(head)) and head.count("<") >= 3


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    codec = "utf-16-le" if odd_nul > 0.6 else "utf-16-be" if even_nul > 0.6 else None
    if codec is None:
        return None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _windows_1256(raw: bytes) -> str | None:
    """Arabic text in Windows-1256 (common in Syrian and Gulf sources), if it looks like it.

    Arabic words are runs of high bytes; a Western European text in Windows-1252 has single
    high bytes between Latin letters ("Gebäude"), which cp1256 would also map to Arabic
    letters. So most high bytes must stand next to another high byte.
    """
    text = raw.decode("cp1256", errors="replace")
    high = [i for i, c in enumerate(text) if ord(c) > 127]
    if not high:
        return None
    arabic = sum(1 for i in high if "\u0600" <= text[i] <= "\u06ff")
    high_set = set(high)
    in_runs = sum(1 for i in high if i - 1 in high_set or i + 1 in high_set)
    return text if arabic / len(high) >= 0.6 and in_runs / len(high) >= 0.6 else None


def _windows_1252(raw: bytes) -> str | None:
    """Western European text in Windows-1252 ("Gebäude", "prise de contrôle"), if every
    character decodes and the non-ASCII ones are letters or common punctuation."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    ok = sum(1 for c in high if c.isalpha() or c in "–—‘’“”„…€°«»·§ ")
    return text if high and ok / len(high) >= 0.9 else None


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode_article(raw: bytes, source: str) -> str:
    """Decode an article's bytes to text; raise :class:`ArticleError` for bad input.

    UTF-8 (with or without BOM) and UTF-16 (with or without BOM) are read as they are; text
    that is not UTF-8 but is Arabic in Windows-1256, or Western European in Windows-1252, is
    read as such; HTML pages are reduced to
    their visible text. Empty, binary, oversized and undecodable input is an error that names
    the reason (and, for bad UTF-8, the line).
    """
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            source, f"file too large ({len(raw):,} bytes; limit {MAX_ARTICLE_BYTES:,})"
        )
    text: str | None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(source, f"invalid UTF-16 text: {exc.reason}") from exc
    else:
        text = _utf16_without_bom(raw)
    if text is None:
        if b"\x00" in raw[:8192]:
            raise ArticleError(source, "binary file (NUL bytes), not text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _windows_1256(raw) or _windows_1252(raw)
            if text is None:
                line = raw[: exc.start].count(b"\n") + 1
                raise ArticleError(
                    source, f"not valid UTF-8 (byte {exc.start}: {exc.reason})", line=line
                ) from exc
    sample = text[:20000]
    controls = len(_CONTROL_CHARS.findall(sample))  # one regex pass, not a Python loop
    if controls > max(8, len(sample) // 100):
        raise ArticleError(source, "binary file (control characters), not text")
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise ArticleError(source, "empty article (no text)")
    return text


def parse_date(value: str, source: str, line: int | None = None) -> date:
    """Parse ``YYYY-MM-DD``; raise :class:`ArticleError` naming the source otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError) as exc:
        raise ArticleError(source, f"bad date {value!r}, expected YYYY-MM-DD", line=line) from exc


def read_manifest(path: str | Path) -> tuple[dict[str, dict[str, str]], list[ManifestError]]:
    """Read ``manifest.csv``: rows by file name, and the errors of the rows that were malformed."""
    path = Path(path)
    rows: dict[str, dict[str, str]] = {}
    errors: list[ManifestError] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return rows, [ManifestError(str(path), f"cannot read manifest: {exc}")]
    reader = csv.DictReader(_io.StringIO(text))
    if not reader.fieldnames or "file" not in reader.fieldnames:
        return rows, [ManifestError(str(path), "manifest has no 'file' column", line=1)]
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            errors.append(ManifestError(str(path), "wrong number of fields", line=line))
            continue
        name = (row.get("file") or "").strip()
        if not name:
            errors.append(ManifestError(str(path), "empty 'file' field", line=line))
            continue
        published = (row.get("published") or "").strip()
        if published:
            try:
                parse_date(published, str(path), line)
            except ArticleError as exc:
                errors.append(ManifestError(str(path), exc.reason, line=line))
                continue
        if name in rows:
            errors.append(
                ManifestError(
                    str(path),
                    f"second row for {name!r} (line {rows[name]['__line']} is used)",
                    line=line,
                )
            )
            continue
        rows[name] = {k: (v or "").strip() for k, v in row.items()} | {"__line": str(line)}
    return rows, errors


def _manifest_strays(
    folder: Path, rows: dict[str, dict[str, str]], entries: list[Path]
) -> Iterator[ArticleError]:
    """Manifest rows that name no article in the folder."""
    present = {e.name for e in entries}
    for name in rows:
        if name not in present:
            yield ManifestError(
                str(folder / MANIFEST_NAME), f"row names {name!r}, which is not in the folder"
            )


def _article(
    name: str, text: str, meta: dict[str, str] | None, published: date | None, path: str | None
) -> Article:
    meta = meta or {}
    pub = published
    if pub is None and meta.get("published"):
        pub = date.fromisoformat(meta["published"])
    return Article(
        name=name,
        text=text,
        published=pub,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        language=meta.get("language") or None,
        syndicated_from=meta.get("syndicated_from") or None,
        path=path,
    )


def iter_articles(
    paths: Sequence[str], *, published: date | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | ArticleError]:
    """Articles named by ``paths`` (files, directories, or ``-`` for stdin), in order.

    A directory contributes its ``*.txt`` files (sorted) and its ``manifest.csv`` when present;
    a file also takes its row from a ``manifest.csv`` beside it. ``published`` overrides the
    manifest. Unreadable inputs come out as :class:`ArticleError` items, not exceptions.
    """
    manifests: dict[Path, dict[str, dict[str, str]]] = {}

    def manifest_for(folder: Path) -> Iterator[ArticleError]:
        if folder in manifests:
            return
        manifests[folder] = {}
        mpath = folder / MANIFEST_NAME
        if mpath.exists():
            rows, errors = read_manifest(mpath)
            manifests[folder] = rows
            yield from errors

    for arg in paths:
        if arg == STDIN_NAME:
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield _article(
                    STDIN_NAME, decode_article(stream.read(), STDIN_NAME), None, published, None
                )
            except ArticleError as exc:
                yield exc
            continue
        path = Path(arg)
        if path.is_dir():
            yield from manifest_for(path)
            try:
                entries = sorted(path.glob("*.txt"))
            except OSError as exc:
                yield ArticleError(str(path), f"cannot read folder: {exc.strerror or exc}")
                continue
            files = []
            for entry in entries:
                if entry.is_file():
                    files.append(entry)
                elif entry.is_symlink():
                    yield ArticleError(str(entry), "broken or looping symbolic link")
            if not files and not entries:
                try:
                    next(os.scandir(path), None)  # an unreadable folder lists as empty
                except OSError as exc:
                    yield ArticleError(str(path), f"cannot read folder: {exc.strerror or exc}")
                    continue
                yield ArticleError(str(path), "directory has no *.txt articles")
            yield from _manifest_strays(path, manifests.get(path, {}), entries)
        elif path.is_file():
            yield from manifest_for(path.parent)
            files = [path]
        elif path.is_symlink():
            yield ArticleError(str(path), "broken or looping symbolic link")
            continue
        else:
            yield ArticleError(str(path), "no such file or directory")
            continue
        for file in files:
            try:
                size = file.stat().st_size
                if size > MAX_ARTICLE_BYTES:  # refused before reading
                    raise ArticleError(
                        str(file), f"file too large ({size:,} bytes; limit {MAX_ARTICLE_BYTES:,})"
                    )
                raw = file.read_bytes()
                text = decode_article(raw, str(file))
            except OSError as exc:
                yield ArticleError(str(file), f"cannot read: {exc.strerror or exc}")
                continue
            except ArticleError as exc:
                yield exc
                continue
            meta = manifests.get(file.parent, {}).get(file.name)
            yield _article(display_name(file.name), text, meta, published, display_name(str(file)))

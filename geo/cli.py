"""The ``frontline`` command line (DESIGN.md §6 is the contract).

JSON goes to stdout, one object per line; errors go to stderr as ``file[:line]: reason``.
Exit codes: 0 success, 1 not found, 2 usage, 3 some inputs failed (the rest were processed),
4 the command could not complete.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from geo.errors import ArticleError, FrontlineError, GazetteerError, OutputError, display_name

#: exit codes: 0 success, 1 not found (a place, a date, a store), 2 usage, 3 some inputs failed
#: (the rest were processed), 4 the command could not complete (an output or the store could not
#: be written, the data files are broken; nothing partial is left behind)
EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2, 3, 4
DEFAULT_INPUT = "seeds"


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a one-line message on usage errors."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {value!r}, expected YYYY-MM-DD") from None


def _emit(record: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _report(error: FrontlineError, err: TextIO) -> None:
    err.write(f"frontline: {error}\n")


STDOUT_NAME = "-"


def default_inputs() -> list[str]:
    """``seeds/`` of the working folder, else the seeds of the project this package runs from.

    Raises
    ------
    UsageError
        When neither exists (an installed package run from another folder).
    """
    if Path(DEFAULT_INPUT).is_dir():
        return [DEFAULT_INPUT]
    project = Path(__file__).resolve().parent.parent / DEFAULT_INPUT
    if project.is_dir():
        return [str(project)]
    raise UsageError(f"no article paths given and no {DEFAULT_INPUT}/ folder here; give paths")


def check_output(path: str, *, binary: bool = False) -> None:
    """Refuse an output path before any work is done: a folder, a folder that does not exist
    (a typo would otherwise create it), or ``-`` for a binary format.

    Raises
    ------
    OutputError
        With the path and the reason.
    """
    if path == STDOUT_NAME:
        if binary:
            raise OutputError("-: a GeoPackage cannot be written to stdout; give a file name")
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: the folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: the folder {str(parent)!r} is not writable")


def check_store(path: str | None, *, must_exist: bool) -> None:
    """Refuse a ``--db`` whose folder does not exist (a mistyped path would otherwise create
    folders and an empty store), or, for commands that only read, a store that does not exist."""
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; --db takes the store's file")
    if not target.parent.is_dir():
        raise OutputError(f"{path}: the folder {str(target.parent)!r} does not exist")
    if must_exist and not target.exists():
        raise StoreNotFoundError(f"{path}: no store here (create one with `frontline ingest --db`)")


class StoreNotFoundError(FrontlineError, FileNotFoundError):
    """``--db`` names no store, for a command that only reads one."""


def _articles(args: argparse.Namespace, err: TextIO, failures: list[int]) -> Iterator[Any]:
    from geo import io

    for item in io.iter_articles(args.paths or default_inputs(), published=args.published):
        if isinstance(item, ArticleError):
            _report(item, err)
            failures.append(1)
        else:
            yield item


def cmd_mentions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline mentions``: Mention records of every article."""
    from geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    failures: list[int] = []
    for article in _articles(args, err, failures):
        found = gazetteer.find_mentions(article.text, article=article.name)
        for mention in found:
            _emit(mention.as_json(), out)
        _warn_unresolved(article, found, err)
    return EXIT_PARTIAL if failures else EXIT_OK


def _warn_unresolved(article: Any, mentions: Any, err: TextIO) -> None:
    from geo.mentions import unresolved_warnings

    for line in unresolved_warnings(article.path or article.name, article.text, mentions):
        err.write(f"frontline: {line}\n")


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline extract``: Claim records of every article, streamed batch by batch."""
    from geo import io
    from geo.stream import extract_stream

    failures: list[int] = []

    def failed(error: ArticleError) -> None:
        _report(error, err)
        failures.append(1)

    if getattr(args, "dask", None):
        from geo.distributed import extract_dask

        return extract_dask(args, out, err)
    articles = io.iter_articles(args.paths or default_inputs(), published=args.published)
    for done in extract_stream(articles, workers=_workers(args), on_error=failed, err=err):
        for claim in done.claims:
            _emit(claim.as_json(), out)
        for line in done.warnings:
            err.write(f"frontline: {line}\n")
    return EXIT_PARTIAL if failures else EXIT_OK


def _workers(args: argparse.Namespace) -> int:
    from geo.stream import default_workers

    workers = getattr(args, "workers", None)
    if workers is None:
        return default_workers()
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    return int(workers)


def _run(args: argparse.Namespace, err: TextIO) -> tuple[Any, int]:
    """The run of the given paths (default ``seeds/``), or of the store with ``--db``."""
    from geo.pipeline import run_paths, run_store
    from geo.store import open_store

    if getattr(args, "parquet", None):
        from geo.distributed import read_parquet_claims
        from geo.pipeline import run_claims

        if args.paths or getattr(args, "db", None):
            raise UsageError("give one of --parquet, --db or article paths")
        return run_claims(read_parquet_claims(args.parquet)), EXIT_OK
    if getattr(args, "db", None):
        if args.paths:
            raise UsageError("give either --db or article paths, not both")
        with open_store(args.db) as store:
            return run_store(store), EXIT_OK
    result, failed = run_paths(args.paths or default_inputs(), published=args.published)
    for error in failed:
        _report(error, err)
    return result, EXIT_PARTIAL if failed else EXIT_OK


class UsageError(FrontlineError):
    """Arguments that do not go together."""


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline ingest``: add articles to the store; prints the counts as JSON."""
    from geo import io
    from geo.pipeline import ingest
    from geo.store import default_path, open_store

    failures: list[ArticleError] = []
    articles = []
    for item in io.iter_articles(args.paths or default_inputs(), published=args.published):
        if isinstance(item, ArticleError):
            failures.append(item)
        else:
            articles.append(item)
    with open_store(args.db or default_path()) as store:
        report, undated = ingest(store, articles, workers=_workers(args))
    for error in [*failures, *undated]:
        _report(error, err)
    for warning in report.warnings:
        err.write(f"frontline: warning: {warning}\n")
    result = report.as_json() | {"failed": report.failed + len(failures)}
    _emit(result, out)
    return EXIT_PARTIAL if result["failed"] else EXIT_OK


def cmd_reextract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline reextract``: run the current extractor over every stored article."""
    from geo.pipeline import reextract
    from geo.store import default_path, open_store

    with open_store(args.db or default_path()) as store:
        _emit(reextract(store), out)
    return EXIT_OK


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline review list|accept|reject|edit``."""
    from geo.store import StoreError, default_path, iter_claims, open_store

    with open_store(args.db or default_path()) as store:
        if args.review_command == "list":
            claims = store.reviewed_claims()
            if args.place:
                claims = claims[claims["place_id"] == args.place]
            if args.article:
                claims = claims[claims["article"] == args.article]
            records = claims.assign(event_date=claims["event_date"].astype(str))
            for rec in iter_claims(records.to_dict("records")):  # type: ignore[arg-type]
                _emit(rec, out)
            reviews = store.reviews()
            for rid, decision, who in reviews[reviews["orphaned"]][
                ["id", "decision", "reviewer"]
            ].itertuples(index=False):
                err.write(f"frontline: review {rid} ({decision} by {who}) has no claim any more\n")
            return EXIT_OK
        fields: dict[str, Any] = {}
        for item in getattr(args, "set", None) or []:
            if "=" not in item:
                raise UsageError(f"--set takes field=value, not {item!r}")
            name, value = item.split("=", 1)
            fields[name.strip()] = (
                None if value.strip().lower() in ("", "null", "none") else value.strip()
            )
        try:
            review_id = store.review(
                args.claim, args.review_command, args.by, fields or None, note=args.note
            )
        except StoreError as exc:
            err.write(f"frontline: {exc}\n")
            return EXIT_NOT_FOUND if "no stored claim" in str(exc) else EXIT_USAGE
        _emit(
            {
                "review_id": review_id,
                "claim": args.claim,
                "decision": args.review_command,
                "by": args.by,
                "fields": fields or None,
            },
            out,
        )
    return EXIT_OK


def cmd_gazetteer_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline gazetteer validate [PATH]``: every problem of a gazetteer CSV, with lines."""
    from geo import io
    from geo.gazetteer import data_dir
    from geo.validation import validate_gazetteer

    path = args.path or str(data_dir() / "gazetteer.csv")
    frame = io.read_gazetteer_csv(path, validate_numbers=False)
    problems = validate_gazetteer(frame, io.read_outline(data_dir() / "syria_outline.geojson"))
    for problem in problems:
        err.write(f"frontline: {path}: {problem}\n")
    _emit({"path": path, "rows": len(frame), "problems": len(problems)}, out)
    return EXIT_PARTIAL if problems else EXIT_OK


def _dates_as_text(frame: Any) -> Any:
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype).startswith("datetime64"):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


def cmd_timeline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline timeline``: control per place per day, as CSV or GeoJSON."""
    from geo import columns as C
    from geo.errors import DateRangeError
    from geo.timeline import control_on

    result, code = _run(args, err)
    timeline = result.timeline
    if args.date is not None:
        try:
            timeline = control_on(timeline, args.date)
        except DateRangeError as exc:
            err.write(f"frontline: {exc}\n")
            return EXIT_NOT_FOUND
    if args.format == "geojson":
        out.write(_dates_as_text(timeline).to_json(drop_id=True, ensure_ascii=False) + "\n")
    else:
        _dates_as_text(timeline[list(C.TIMELINE_COLUMNS)]).to_csv(
            out, index=False, lineterminator="\n"
        )
    return code


def cmd_corridor(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline corridor``: the front's position on the M5 per day, as CSV."""
    from geo.corridor import front_positions
    from geo.pipeline import m5

    result, code = _run(args, err)
    front_positions(result.timeline, m5()).to_csv(
        out, index=False, float_format="%.3f", lineterminator="\n"
    )
    return code


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline export``: GeoJSON (or ``.gpkg``) of one day or of every day."""
    from geo.errors import DateRangeError
    from geo.export import write_geojson, write_gpkg
    from geo.pipeline import export_features
    from geo.timeline import control_on

    result, code = _run(args, err)
    if args.date is not None:
        try:
            control_on(result.timeline, args.date)
        except DateRangeError as exc:
            err.write(f"frontline: {exc}\n")
            return EXIT_NOT_FOUND
    features = export_features(result, args.date)
    path = args.out
    n = sum(len(v) for v in features.values())
    if path == STDOUT_NAME:
        from geo.export import to_geojson

        out.write(to_geojson(features) + "\n")
        return code
    (write_gpkg if path.lower().endswith(".gpkg") else write_geojson)(path, features)
    err.write(f"frontline: wrote {n} features to {path}\n")
    return code


def cmd_snapshot(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline snapshot``: a self-contained offline HTML map of one day."""
    from geo.errors import DateRangeError
    from geo.export import write_html
    from geo.pipeline import snapshot

    result, code = _run(args, err)
    try:
        page = snapshot(result, args.date, tiles=args.tiles)
    except DateRangeError as exc:
        err.write(f"frontline: {exc}\n")
        return EXIT_NOT_FOUND
    if args.out == STDOUT_NAME:
        out.write(page)
        return code
    write_html(args.out, page)
    err.write(f"frontline: wrote {args.out} ({len(page.encode()) / 1e6:.2f} MB)\n")
    return code


def cmd_changes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline changes``: per day, the places whose state changed and km² per side."""
    from geo.changes import day_changes
    from geo.errors import DateRangeError
    from geo.export import outlets_of
    from geo.pipeline import map_layers

    result, code = _run(args, err)
    areas, _ = map_layers(result)
    try:
        records = day_changes(
            result.timeline, areas, result.claims, outlets_of(result.articles), args.date
        )
    except DateRangeError as exc:
        err.write(f"frontline: {exc}\n")
        return EXIT_NOT_FOUND
    for record in records:
        _emit(record, out)
    return code


def cmd_animate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline animate``: one frame per day, written as a GIF or an MP4."""
    from geo.animate import SUFFIXES, AnimationError, write_animation
    from geo.errors import DateRangeError
    from geo.pipeline import animation_frames

    if Path(args.out).suffix.lower() not in SUFFIXES:
        raise UsageError(f"--out must end in .gif or .mp4, not {args.out!r}")
    if not 0 < args.fps <= 60:
        raise UsageError(f"--fps must be between 0 and 60, not {args.fps}")
    result, code = _run(args, err)
    try:
        days, frames = animation_frames(result, args.start, args.end)
    except (DateRangeError, AnimationError) as exc:
        err.write(f"frontline: {exc}\n")
        return EXIT_NOT_FOUND
    write_animation(args.out, frames, args.fps)
    err.write(
        f"frontline: wrote {args.out} ({len(frames)} frames, {days[0]} to {days[-1]}, "
        f"{args.fps:g} per second)\n"
    )
    return code


def cmd_gazetteer_resolve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline gazetteer resolve NAME``: one place as JSON; exit 1 if unknown."""
    from geo.gazetteer import load_gazetteer

    try:
        place = load_gazetteer().resolve(args.name)
    except GazetteerError as exc:
        err.write(f"frontline: {exc}\n")
        return EXIT_NOT_FOUND
    _emit(place.as_json(), out)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline evaluate``: claims and mentions scored against gold, errors listed."""
    from geo.evaluate import DEFAULT_SEED_GOLD, evaluate, read_passages, read_seed_gold

    if args.seeds:
        passages = read_seed_gold(args.gold or DEFAULT_SEED_GOLD, args.seeds_dir)
        label = f"seeds ({args.gold or DEFAULT_SEED_GOLD})"
    elif args.gold:
        passages = read_passages(args.gold)
        label = str(args.gold)
    else:
        raise UsageError("give a gold JSONL file, or --seeds")
    report = evaluate(passages)
    if args.json:
        _emit({"gold": label, "passages": len(passages), **report.summary()}, out)
        return EXIT_OK
    out.write(f"== {label}: {len(passages)} passages\n")
    for line in report.lines(errors=not args.quiet):
        out.write(line + "\n")
    return EXIT_OK


def cmd_gazetteer_suggest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline gazetteer suggest NAME``: nearest entries by key, with their distance."""
    from geo.gazetteer import load_gazetteer

    found = load_gazetteer().suggest(args.name, n=max(1, args.n))
    for place, name_key, distance in found:
        _emit({**place.as_json(), "key": name_key, "distance": distance}, out)
    return EXIT_OK if found else EXIT_NOT_FOUND


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from geo.claims import EXTRACTOR_VERSION

    try:
        package = version("frontline")
    except PackageNotFoundError:  # run from a source tree that is not installed
        package = "unknown"
    return f"{package} (extractor {EXTRACTOR_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = _Parser(prog="frontline", description="News articles to a dated front-line map.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--published",
            type=_date,
            metavar="YYYY-MM-DD",
            help="publication date (overrides the manifest)",
        )
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files, directories (their *.txt + manifest.csv) or - for stdin "
            f"(default: {DEFAULT_INPUT}/)",
        )

    def with_workers(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--workers",
            type=int,
            default=None,
            metavar="N",
            help="processes for extraction (default: the number of cores); the output is the "
            "same as with one, in the same order",
        )

    p = sub.add_parser("mentions", help="place mentions as JSON lines")
    with_inputs(p)
    p.set_defaults(func=cmd_mentions)

    p = sub.add_parser("extract", help="control claims as JSON lines")
    with_workers(p)
    p.add_argument(
        "--dask",
        metavar="SCHEDULER",
        default=os.environ.get("FRONTLINE_DASK") or None,
        help="run on Dask: 'local' (a LocalCluster) or a scheduler address (tcp://host:8786); "
        "claims go to Parquet partitions under --parquet (default: FRONTLINE_DASK)",
    )
    p.add_argument(
        "--parquet",
        metavar="DIR",
        default=None,
        help="with --dask: the folder for the claims' Parquet partitions (default: stdout JSON)",
    )
    with_inputs(p)
    p.set_defaults(func=cmd_extract)

    def with_db(p: argparse.ArgumentParser, default_help: str) -> None:
        p.add_argument("--db", metavar="PATH", help=default_help)

    p = sub.add_parser("ingest", help="add articles to the store (idempotent)")
    with_db(p, "the store (default data/frontline.db)")
    with_workers(p)
    with_inputs(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("reextract", help="extract stored articles again; reviews follow")
    with_db(p, "the store (default data/frontline.db)")
    p.set_defaults(func=cmd_reextract)

    r = sub.add_parser("review", help="list, accept, reject or edit stored claims")
    rsub = r.add_subparsers(dest="review_command", required=True, parser_class=_Parser)
    p = rsub.add_parser("list", help="stored claims with their reviews, as JSON lines")
    with_db(p, "the store (default data/frontline.db)")
    p.add_argument("--place", metavar="PLACE_ID")
    p.add_argument("--article", metavar="NAME")
    p.set_defaults(func=cmd_review)
    for decision in ("accept", "reject", "edit"):
        p = rsub.add_parser(decision, help=f"{decision} a claim (by claim_id or claim_key)")
        with_db(p, "the store (default data/frontline.db)")
        p.add_argument("claim", metavar="CLAIM")
        p.add_argument("--by", required=True, metavar="NAME", help="who decides")
        p.add_argument("--note", default=None)
        if decision == "edit":
            p.add_argument(
                "--set",
                action="append",
                required=True,
                metavar="FIELD=VALUE",
                help="place_id, actor, action, extent, event_date, status, claimant",
            )
        p.set_defaults(func=cmd_review)

    p = sub.add_parser("timeline", help="control per place per day")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="one day only")
    p.add_argument("--format", choices=("csv", "geojson"), default="csv")
    with_db(p, "read the store (with its reviews) instead of article paths")
    p.add_argument(
        "--parquet",
        metavar="DIR",
        default=None,
        help="read the claims `extract --dask … --parquet DIR` wrote, instead of articles",
    )
    with_inputs(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("corridor", help="the front on the M5 per day, as CSV")
    with_db(p, "read the store (with its reviews) instead of article paths")
    with_inputs(p)
    p.set_defaults(func=cmd_corridor)

    p = sub.add_parser("export", help="GeoJSON (RFC 7946) or GeoPackage of the map layers")
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="one day (default: every day, with valid_from/valid_to)",
    )
    p.add_argument("--out", required=True, metavar="PATH", help="*.geojson or *.gpkg")
    with_db(p, "read the store (with its reviews) instead of article paths")
    with_inputs(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("snapshot", help="a self-contained offline HTML map of one day")
    p.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="PATH.html")
    p.add_argument(
        "--tiles",
        metavar="URL",
        default=None,
        help="opt-in tile server URL template (needs the network)",
    )
    with_db(p, "read the store (with its reviews) instead of article paths")
    with_inputs(p)
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser(
        "changes", help="per day, the places whose state changed and km² gained/lost per side"
    )
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="one day only")
    with_db(p, "read the store (with its reviews) instead of article paths")
    with_inputs(p)
    p.set_defaults(func=cmd_changes)

    p = sub.add_parser("animate", help="one frame per day, as a GIF or an MP4")
    p.add_argument("--out", required=True, metavar="PATH.gif|PATH.mp4")
    p.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="last day")
    p.add_argument("--fps", type=float, default=2.0, help="frames (days) per second (default 2)")
    with_db(p, "read the store (with its reviews) instead of article paths")
    with_inputs(p)
    p.set_defaults(func=cmd_animate)

    p = sub.add_parser("evaluate", help="score extraction against gold annotations")
    p.add_argument("gold", nargs="?", help="passages JSONL (or, with --seeds, the gold folder)")
    p.add_argument(
        "--seeds", action="store_true", help="score the seed articles (gold: tests/data/gold)"
    )
    p.add_argument("--seeds-dir", default=DEFAULT_INPUT, help="the seed articles (default seeds)")
    p.add_argument("--quiet", action="store_true", help="numbers only, no list of errors")
    p.add_argument("--json", action="store_true", help="the headline numbers as one JSON object")
    p.set_defaults(func=cmd_evaluate)

    g = sub.add_parser("gazetteer", help="gazetteer look-ups")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True, parser_class=_Parser)
    r = gsub.add_parser("resolve", help="resolve one place name")
    r.add_argument("name")
    r.set_defaults(func=cmd_gazetteer_resolve)
    g2 = gsub.add_parser("suggest", help="the places whose names are nearest to NAME")
    g2.add_argument("name")
    g2.add_argument("-n", type=int, default=5, help="how many (default 5)")
    g2.set_defaults(func=cmd_gazetteer_suggest)
    v = gsub.add_parser("validate", help="check a gazetteer CSV (default data/gazetteer.csv)")
    v.add_argument("path", nargs="?", default=None)
    v.set_defaults(func=cmd_gazetteer_validate)
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Entry point of the ``frontline`` console script; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.func
    try:
        check_store(getattr(args, "db", None), must_exist=args.command not in ("ingest",))
        out_path = getattr(args, "out", None)
        if out_path is not None:
            check_output(out_path, binary=out_path.lower().endswith(".gpkg"))
        return func(args, out, err)
    except BrokenPipeError:  # `frontline … | head`
        return EXIT_OK
    except UsageError as exc:
        _report(exc, err)
        return EXIT_USAGE
    except StoreNotFoundError as exc:
        _report(exc, err)
        return EXIT_NOT_FOUND
    except FrontlineError as exc:
        _report(exc, err)
        from geo.evaluate import GoldError

        return EXIT_PARTIAL if isinstance(exc, ArticleError | GoldError) else EXIT_FAILED
    except OSError as exc:  # an output that failed mid-way (disk full, permissions)
        where = display_name(str(exc.filename)) if exc.filename else "frontline"
        err.write(f"frontline: {where}: {exc.strerror or exc}\n")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())

"""The ``frontline`` command line (DESIGN.md §6 is the contract).

JSON goes to stdout, one object per line; errors go to stderr as ``file[:line]: reason``.
Exit codes: 0 success, 1 not found, 2 usage, 3 some inputs failed (the rest were processed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any, TextIO

from geo.errors import ArticleError, FrontlineError, GazetteerError

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
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


def _articles(args: argparse.Namespace, err: TextIO, failures: list[int]) -> Iterator[Any]:
    from geo import io

    for item in io.iter_articles(args.paths or [DEFAULT_INPUT], published=args.published):
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
        for mention in gazetteer.find_mentions(article.text, article=article.name):
            _emit(mention.as_json(), out)
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``frontline extract``: Claim records of every article."""
    from geo.claims import extract_claims
    from geo.corpus import prepare
    from geo.gazetteer import load_gazetteer

    failures: list[int] = []
    ready, undated = prepare(list(_articles(args, err, failures)))
    for error in undated:
        _report(error, err)
        failures.append(1)
    gazetteer = load_gazetteer()
    for item in ready:
        for claim in extract_claims(
            item.article.text,
            published=item.published,
            article=item.article.name,
            gazetteer=gazetteer,
        ):
            _emit(claim.as_json(), out)
    return EXIT_PARTIAL if failures else EXIT_OK


def _run(args: argparse.Namespace, err: TextIO) -> tuple[Any, int]:
    from geo.pipeline import run_paths

    result, failed = run_paths(args.paths or [DEFAULT_INPUT], published=args.published)
    for error in failed:
        _report(error, err)
    return result, EXIT_PARTIAL if failed else EXIT_OK


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
    (write_gpkg if path.lower().endswith(".gpkg") else write_geojson)(path, features)
    n = sum(len(v) for v in features.values())
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
    write_html(args.out, page)
    err.write(f"frontline: wrote {args.out} ({len(page.encode()) / 1e6:.2f} MB)\n")
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = _Parser(prog="frontline", description="News articles to a dated front-line map.")
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

    p = sub.add_parser("mentions", help="place mentions as JSON lines")
    with_inputs(p)
    p.set_defaults(func=cmd_mentions)

    p = sub.add_parser("extract", help="control claims as JSON lines")
    with_inputs(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("timeline", help="control per place per day")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="one day only")
    p.add_argument("--format", choices=("csv", "geojson"), default="csv")
    with_inputs(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("corridor", help="the front on the M5 per day, as CSV")
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
    with_inputs(p)
    p.set_defaults(func=cmd_snapshot)

    g = sub.add_parser("gazetteer", help="gazetteer look-ups")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True, parser_class=_Parser)
    r = gsub.add_parser("resolve", help="resolve one place name")
    r.add_argument("name")
    r.set_defaults(func=cmd_gazetteer_resolve)
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
        return func(args, out, err)
    except BrokenPipeError:  # `frontline … | head`
        return EXIT_OK
    except FrontlineError as exc:
        _report(exc, err)
        return EXIT_PARTIAL


if __name__ == "__main__":
    sys.exit(main())

"""Write the development corpus's passages as article files with a manifest.

``examples/offensive/`` then holds the 120 passages of ``tests/data/corpus/dev.jsonl`` (27 Nov -
12 Dec 2024, many outlet styles) as ``<id>.txt`` files and a ``manifest.csv`` (the corpus
README's recipe), so that ``frontline`` commands and ``make run`` can read them like any folder
of articles. Run: ``python scripts/build_examples.py`` (the output is committed).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(corpus: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    for old in out.glob("*.txt"):
        old.unlink()
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file", "outlet", "published", "url", "language", "syndicated_from"])
        for row in rows:
            name = f"{row['id']}.txt"
            (out / name).write_text(row["text"] + "\n", encoding="utf-8")
            writer.writerow([name, row["outlet_style"], row["published"], "", "en", ""])
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests/data/corpus/dev.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "examples/offensive")
    args = parser.parse_args()
    print(f"wrote {build(args.corpus, args.out)} articles to {args.out}")


if __name__ == "__main__":
    main()

"""Shared fixtures; accuracy reports collected by tests are printed at the end of the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.pipeline import Run, run_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "data" / "gold"

#: Lines that tests add; printed in the terminal summary so every run shows the scores.
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("Frontline accuracy and measurements")
        for line in REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def run() -> Run:
    """The seed corpus read, extracted and fused once for the session (shared: do not mutate)."""
    result, failed = run_paths([str(SEEDS)])
    assert failed == []
    return result


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold_mentions() -> list[dict]:
    with (GOLD / "mentions.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def gold_claims() -> list[dict]:
    with (GOLD / "claims.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]

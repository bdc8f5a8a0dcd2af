"""The lexicon is data: `data/lexicon/*.tsv` load, validate with `file:line` errors, and drive
the extractor (a phrase added to the files changes what is extracted, with no code change)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from geo.columns import ACTIONS
from geo.lexicon import LexiconError, compile_phrase, lexicon_dir, load_lexicon

IRREGULAR = {"take": ("take", "takes", "took", "taken", "taking")}


def test_committed_lexicon_loads_and_covers_every_action():
    lex = load_lexicon()
    assert {t.action for t in lex.triggers} == set(ACTIONS)
    assert {a for a, _ in lex.actors} >= {"government", "opposition", "sna", "sdf"}
    assert all(lex.cues[k] for k in ("speech", "according", "unconfirmed", "denial", "block"))
    assert lex.regions[("SY-DR", "opposition")] == "southern_opposition"


@pytest.mark.parametrize(
    ("phrase", "matches", "misses"),
    [
        ("seize+ control of", ["seized control of", "seizing control of"], ["seize of"]),
        ("take+ over", ["took over", "taken over", "takes over"], ["took  place"]),
        ("[full] control over", ["control over", "full control over"], ["full over"]),
        ("(fall+|pass+) to", ["fell to", "passed to", "falls to"], ["fall into"]),
        ("rebel held", ["rebel-held", "rebel held"], ["rebelheld"]),
        ("defensive line in", ['defensive line" in', "defensive line’ in"], []),
        ("Hay'at Tahrir", ["Hay’at Tahrir", "Hay'at Tahrir"], []),
        # a quote mark, or one quoted word, between the words of a phrase
        (
            "retreat+ from",
            ["retreated 'suddenly' from", 'retreated "suddenly" from'],
            ["retreated quite suddenly from", 'retreated "very suddenly" from'],
        ),
        ("redeployment from", ["redeployment' from"], []),
    ],
)
def test_phrase_language(phrase, matches, misses):
    irregular = {**IRREGULAR, "fall": ("fall", "falls", "fell", "fallen")}
    compiled = compile_phrase(phrase, irregular)
    pattern = re.compile(rf"(?:{compiled.pattern})\b", re.IGNORECASE)
    for text in matches:
        assert pattern.fullmatch(text), (phrase, text, compiled.pattern)
    for text in misses:
        assert not pattern.fullmatch(text), (phrase, text)


def test_heads_are_the_first_words():
    assert set(compile_phrase("[the] capture of").heads) == {"the", "capture"}
    assert set(compile_phrase("take+ over", IRREGULAR).heads) == {
        "take",
        "takes",
        "took",
        "taken",
        "taking",
    }


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), folder)
    return folder


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        ("triggers.tsv", "seized\tobject\t\t\tgrabbed", "unknown action 'seized'"),
        ("triggers.tsv", "captured\tsideways\t\t\tgrabbed", "unknown frame 'sideways'"),
        ("triggers.tsv", "captured\tobject\t\t\t(grab+|snatch+", "missing ')'"),
        ("triggers.tsv", "captured\tobject\t\t\tgrab+)", "unbalanced ')'"),
        ("triggers.tsv", "captured\tobject\t\t\t[grab]", "can match nothing"),
        ("triggers.tsv", "captured\tobject\t\t\tre:grab(", "bad regular expression"),
        ("triggers.tsv", "captured\tobject\t\t\tre:grab", "needs its first words"),
        ("triggers.tsv", "captured\tobject\t\tnobody\tgrab+", "unknown actor 'nobody'"),
        ("actors.tsv", "rebels\tthe lads", "unknown actor 'rebels'"),
        ("cues.tsv", "rumour\tword has it", "unknown cue kind 'rumour'"),
        ("extents.tsv", "some\tsome of", "unknown extent 'some'"),
        ("epithets.tsv", "\tSyria's fifth city", "empty place_id"),
        ("epithets.tsv", "latakia\t(Syria's main port", "missing ')'"),
        ("triggers.tsv", "captured\tobject\t\t\tgrab+\tx\ty\tz", "fields, header has"),
    ],
)
def test_bad_rows_are_named_by_file_and_line(tmp_path, file, row, message):
    folder = _copy(tmp_path)
    path = folder / file
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(folder)
    assert f"{path}:{len(lines) + 1}:" in str(info.value)
    assert message in str(info.value)


def test_missing_column_is_named(tmp_path):
    folder = _copy(tmp_path)
    (folder / "actors.tsv").write_text("who\tphrase\nsdf\tYPG\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"actors.tsv:1: header lacks column\(s\) actor"):
        load_lexicon(folder)


def test_a_phrase_added_to_the_data_is_extracted(tmp_path, gazetteer, monkeypatch):
    """Other wars need data, not code: a new trigger row is picked up by the extractor."""
    from geo import claims

    text = "Rebels commandeered Saraqib on Friday."
    before = claims.extract_claims(text, published=date(2024, 12, 1), gazetteer=gazetteer)
    assert before == []
    folder = _copy(tmp_path)
    with (folder / "triggers.tsv").open("a", encoding="utf-8") as fh:
        fh.write("captured\tobject\t\t\tcommandeer+\n")
    lexicon = load_lexicon(folder)
    monkeypatch.setattr(claims, "LEXICON", lexicon)
    monkeypatch.setattr(
        claims,
        "_TRIGGERS",
        [(t.action, claims._FORM[t.frame], t.static, t.actor) for t in lexicon.triggers],
    )
    monkeypatch.setattr(
        claims,
        "TRIGGER_SCANNER",
        claims.RowScanner(
            [(t.phrase.pattern, t.phrase.heads) for t in lexicon.triggers], longest=True
        ),
    )
    after = claims.extract_claims(text, published=date(2024, 12, 1), gazetteer=gazetteer)
    assert [(c.place_id, c.actor, c.action, c.event_date.isoformat()) for c in after] == [
        ("saraqib", "opposition", "captured", "2024-11-29")
    ]

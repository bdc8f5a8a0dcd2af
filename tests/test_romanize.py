"""Village-level gazetteer: spellings by rule (romanisation key), homonyms by context, minor
villages only with the article's support, and no false places in ordinary English."""

from __future__ import annotations

import random
import re

import pytest

from geo.normalize import key
from geo.romanize import roman_key, roman_many, usable
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Souran", "Suran"),
        ("Ephes", "Afis"),
        ("Tal Rifaat", "Tell Refaat"),
        ("Tayibat al-Imam", "Taybat al-Imam"),
        ("Maarat al-Numan", "Ma'arrat an-Nu'man"),
        ("Khanaser", "Khanasir"),
        ("Mork", "Morek"),
        ("Kuweires", "Kuwayris"),
        ("Hamah", "Hama"),
        ("Edleb", "Idlib"),
        ("Saraqeb", "Saraqib"),
        ("Maarshahur", "Maarr Shahur"),
        ("Deir Jamal", "Dayr Jamal"),
    ],
)
def test_transliterations_share_a_key(a, b):
    assert roman_key(a) == roman_key(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Tir Maalah", "Tayr Ma'lah", True),  # ya spelled i or ay
        ("Dir Hafer", "Deir Hafer", True),
        ("Shikh Hilal", "Shaykh Hilal", True),
        ("Tir Maalah", "Tarmala", False),  # the first key merges these; the second does not
        ("Deir", "Daraa", False),
        ("Sunday", "Sandi", False),  # a final -i is a vowel, not the y of English "-day"
        ("Ismaili", "Isma'iliyah", False),
    ],
)
def test_the_second_key_reads_i_as_the_y_of_a_diphthong(a, b, same):
    def second(name: str) -> str:
        return roman_many([key(name)], i_as_y=True)[0]

    assert (second(a) == second(b)) is same


def test_short_keys_stand_for_nothing():
    assert usable(roman_key("Khanaser")) and not usable(roman_key("Hama"))


@pytest.mark.parametrize(("a", "b"), [("Hama", "Homs"), ("Idlib", "Aleppo"), ("Daraa", "Deir")])
def test_different_names_differ(a, b):
    assert roman_key(a) != roman_key(b)


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Ephes", "afis"),
        ("Mork", "morek"),
        ("Maarshahur", "maarr-shahur"),
        ("Qudsaya", "qadsayya"),
        ("Deir Jamal", "dayr-jamal"),
        ("Anjara", "anjarah"),
        ("Urum al-Sughra", "urum-as-sughra"),
        ("Qubtan al-Jabal", "qabtan-al-jabal"),
        ("Khan Sheikhoun", "khan-shaykhun"),
        ("Kafr Nubl", "kafr-nabl"),
    ],
)
def test_village_spellings_resolve(gazetteer, name, place_id):
    assert gazetteer.resolve(name).place_id == place_id


def test_arabic_script_names_resolve(gazetteer):
    assert gazetteer.resolve("حلب").place_id == "aleppo"
    assert gazetteer.resolve("أورم الكبرى").place_id == "urum-al-kubra"


def test_village_list_resolves_in_context(gazetteer):
    text = (
        "Our forces have liberated the villages of Sheikh Aqil, Bala, Hawr and Anjara in the "
        "western countryside of Aleppo."
    )
    found = {m.surface: m.place_id for m in gazetteer.find_mentions(text) if m.place_id}
    # of two Shaykh 'Aqil in Aleppo, the one by Hawr and Anjara, not the one near al-Bab
    assert found["Sheikh Aqil"] == "shaykh-aqil"
    assert found["Anjara"] == "anjarah"
    assert gazetteer.place(found["Hawr"]).admin1 == "SY-HL"


@pytest.mark.parametrize(
    ("text", "surface", "place_id"),
    [
        ("Government forces retook Dir Hafer, east of Aleppo.", "Dir Hafer", "deir-hafer"),
        ("In Hama province, the army said Shikh Hilal was safe.", "Shikh Hilal", "shaykh-hilal"),
        # the first key reads 'Uraymah near Aleppo, the second al-'Arimah by Manbij: the nearer
        (
            "After Manbij, the SNA also took the town of Orayma to the west.",
            "Orayma",
            "al-arimah",
        ),
    ],
)
def test_spellings_of_ya_as_i_resolve_in_context(gazetteer, text, surface, place_id):
    found = {m.surface: m.place_id for m in gazetteer.find_mentions(text)}
    assert found.get(surface) == place_id
    assert "sandi" not in {m.place_id for m in gazetteer.find_mentions(text + " On Sunday.")}


@pytest.mark.parametrize(
    "text",
    [
        "President Bashar al-Assad spoke on Sunday.",
        "Omar Abdulrahman told reporters the talks had failed.",
        "The Syrian Observatory's Rami Abdel Rahman said so.",
    ],
)
def test_person_names_are_not_villages(gazetteer, text):
    assert [m for m in gazetteer.find_mentions(text) if m.place_id] == []


def _english_sentences(gazetteer, n: int, seed: int = 3) -> list[str]:
    """``n`` sentences of ordinary English: the seeds' words outside every place mention."""
    words: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = [(m.start, m.end) for m in gazetteer.find_mentions(text)]
        for w in re.finditer(r"[A-Za-z][a-z]+", text):
            place = gazetteer.lookup(w.group(0))
            named = place is not None and place.place_type in ("country", "city", "governorate")
            if not named and not any(s <= w.start() < e for s, e in spans):
                words.append(w.group(0))  # ("Syria" of the glued breadcrumb "ConflictsSyria")
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        picked = rng.sample(words, rng.randint(6, 16))
        out.append(" ".join([picked[0].capitalize(), *picked[1:]]) + ".")
    return out


def test_no_false_places_in_generated_english(gazetteer):
    sentences = _english_sentences(gazetteer, 1000)
    false = [
        (m.surface, m.place_id) for s in sentences for m in gazetteer.find_mentions(s) if m.place_id
    ]
    assert false == []


def test_cli_suggest_lists_nearest_entries_with_distance():
    import io as _io
    import json

    from geo.cli import main

    out, err = _io.StringIO(), _io.StringIO()
    assert main(["gazetteer", "suggest", "Khanaser", "-n", "3"], out, err) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[0]["place_id"] == "khanasir" and rows[0]["distance"] == 0.0
    assert len(rows) <= 3 and all(0.0 <= r["distance"] <= 1.0 for r in rows)
    assert main(["gazetteer", "suggest", "Qqqqxz"], _io.StringIO(), _io.StringIO()) == 1


def test_cli_reports_unresolved_names_by_file_and_line(tmp_path):
    import io as _io
    import json

    from geo.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Fighting.\nRebels seized the village of Khirbet Zaqzouqa today.\n")
    for command in ("mentions", "extract"):
        out, err = _io.StringIO(), _io.StringIO()
        assert main([command, "--published", "2024-12-01", str(article)], out, err) == 0
        assert f'{article}:2: unresolved place "Khirbet Zaqzouqa"' in err.getvalue()
    out = _io.StringIO()
    main(["mentions", "--published", "2024-12-01", str(article)], out, _io.StringIO())
    nulls = [r for r in map(json.loads, out.getvalue().splitlines()) if r["place_id"] is None]
    assert [r["surface"] for r in nulls] == ["Khirbet Zaqzouqa"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels controlled all of Idlib by Sunday.", [("Idlib", "idlib-governorate")]),
        (
            "Rebels now control almost all of Aleppo, Syria's second city.",
            [("Aleppo", "aleppo"), ("Syria", "syria")],
        ),
        (
            "They took the whole of Daraa and all of Suwayda.",
            [("Daraa", "daraa-governorate"), ("Suwayda", "suwayda-governorate")],
        ),
        (
            "Strikes hit Idlib, Hama and Aleppo provinces.",
            [
                ("Idlib", "idlib-governorate"),
                ("Hama", "hama-governorate"),
                ("Aleppo", "aleppo-governorate"),
            ],
        ),
        (
            "Checkpoints in the provinces of Daraa and Sweida fell.",
            [("Daraa", "daraa-governorate"), ("Sweida", "suwayda-governorate")],
        ),
        (
            "In Sweida, the Druze-majority province, it was calm.",
            [("Sweida", "suwayda-governorate")],
        ),
        ("Rebels seized Hama on Thursday.", [("Hama", "hama")]),  # the city by default
        (
            "Fighting in northwest Syria and north-west Syria spread to NES.",
            [
                ("northwest Syria", "northwestern-syria"),
                ("north-west Syria", "northwestern-syria"),
                ("NES", "northeastern-syria"),
            ],
        ),
        (
            "the Shahba region north of Aleppo",
            [("Shahba region", "shahba-region"), ("Aleppo", "aleppo")],
        ),
        ("The airport was quiet. Rebels took the airport.", []),  # no place named: unresolved
        (
            "Rebels entered Hama and seized its airport.",
            [("Hama", "hama"), ("airport", "hama-air-base")],
        ),
        ("In Idlib, the industrial zone was taken.", [("Idlib", "idlib")]),  # not Sheikh Najjar
    ],
)
def test_senses(gazetteer, text, expected):
    assert [
        (m.surface, m.place_id) for m in gazetteer.find_mentions(text) if m.place_id
    ] == expected


def test_countryside_points_lie_in_the_populated_part(gazetteer):
    """ "Homs countryside" lies within 30 km of Homs, not in the desert (it was 140 km out)."""
    from geopy.distance import geodesic

    homs, rural = gazetteer.place("homs"), gazetteer.place("homs-countryside")
    assert geodesic((homs.lat, homs.lon), (rural.lat, rural.lon)).km < 30

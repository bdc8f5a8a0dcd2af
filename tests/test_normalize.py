"""The normaliser: folding rules and the offset map back to the original text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.normalize import article_variants, key, normalize, normalize_many, normalize_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ma‘arrat an Nu‘mān", "maarrat an numan"),
        ("Maarat an-Numan", "maarat al numan"),
        ("Jisr ash-Shughur", "jisr al shughur"),
        ("Aleppo’s", "aleppo s"),
        ("Hay’at Tahrir", "hayat tahrir"),
        ("Ḩamāh", "hamah"),
        ("İdlib", "idlib"),
        ("Hama\u0304", "hama"),  # combining macron
        ("A  --  b", "a b"),
        ("ConflictsSyria", "conflictssyria"),
        ("حلب", "حلب"),
    ],
)
def test_folding(text, expected):
    assert normalize(text).text.strip() == expected


def test_spaced_articles_fold_only_for_names():
    assert normalize("such as Hama").text == "such as hama"
    assert key("An Nabk") == "al nabk"
    assert normalize_name("Ma‘arrat an Nu‘mān") >= {"maarrat an numan", "maarrat al numan"}


def test_article_variants_follow_sun_letters():
    assert article_variants("maarat al numan") == {"maarat an numan", "maarat el numan"}
    assert article_variants("jisr al shughur") == {"jisr ash shughur", "jisr el shughur"}
    assert article_variants("taybat al imam") == {"taybat el imam"}
    assert article_variants("aleppo") == set()


@pytest.mark.parametrize("bad", [None, 1, b"x"])
def test_wrong_type(bad):
    with pytest.raises(TypeError):
        normalize(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_offset_map_points_into_the_original(text):
    n = normalize(text)
    assert len(n.index) == len(n.text)
    assert all(0 <= i < len(text) for i in n.index)
    assert list(n.index) == sorted(set(n.index.tolist()))  # strictly increasing


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=20))
@example(["\U000f0000"])  # the batch separator inside a name
@example(["Tell Rif\u2019at", "a\U000f0000b", "Ma\u02bfarrat al-Nu\u02bfman", "\U000f0000"])
def test_batch_equals_one_by_one(names):
    assert normalize_many(names) == [normalize(n).text.strip() for n in names]

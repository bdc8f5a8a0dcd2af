"""The Streamlit page, driven in-process with AppTest (no browser)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.dashboard import added_article, claims_table, place_history, places_with_claims
from geo.errors import ArticleError
from tests.conftest import ROOT

APP = str(ROOT / "streamlit_app.py")


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory):
    """A store holding the seeds, made once; each test works on its own copy."""
    from geo import io
    from geo.pipeline import ingest
    from geo.store import open_store

    path = tmp_path_factory.mktemp("store") / "frontline.db"
    with open_store(path) as store:
        ingest(
            store, [a for a in io.iter_articles([str(ROOT / "seeds")]) if isinstance(a, io.Article)]
        )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def use_store_copy(seeded_store, tmp_path, monkeypatch, name: str = "frontline.db") -> None:
    """Point the page at a fresh copy of the seeded store (``name``: a path no earlier test
    cached a bundle for), with its own cache."""
    db = tmp_path / name
    db.write_bytes(seeded_store.read_bytes())
    monkeypatch.setenv("FRONTLINE_DB", str(db))
    monkeypatch.setenv("FRONTLINE_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def app(seeded_store, tmp_path, monkeypatch):
    use_store_copy(seeded_store, tmp_path, monkeypatch)
    monkeypatch.setenv("FRONTLINE_WRITE", "1")
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def map_args(at) -> dict:
    """The arguments the page gives the map component (page, page_key, day_index, playing)."""
    import json

    return json.loads(at.get("component_instance")[0].proto.json_args)


def srcdoc(at) -> str:
    return map_args(at)["page"]


def claims_of(at):
    """The table of claims dated on the chosen day (the one with a claim_id column)."""
    return next(d.value for d in at.dataframe if "claim_id" in d.value.columns)


def submit(at):
    next(b for b in at.button if b.label == "Add article").click().run()
    return at


def test_page_shows_the_map_charts_and_evidence(app):
    assert app.title[0].value == "Frontline"
    page = srcdoc(app)
    assert "frontline-player" in page and "http://" not in page and "https://" not in page
    assert app.select_slider(key="day").value == date(2024, 12, 4)  # the latest day first
    assert "2024-12-04" in app.metric[0].label
    assert len(app.get("vega_lite_chart")) == 2
    table = claims_of(app)
    assert set(table["event_date"].astype(str)) == {"2024-12-04"} and len(table) > 3
    labels = " ".join(str(b.proto.label) for b in app.get("download_button"))
    assert "GeoJSON" in labels and "offline HTML map" in labels and "animation (GIF" in labels


def test_slider_moves_the_day(app):
    app.select_slider(key="day").set_value(date(2024, 11, 30)).run()
    assert not app.exception
    assert map_args(app)["day_index"] == 4  # the page's own player is told; no new page
    assert "2024-11-30" in app.metric[0].label
    assert set(claims_of(app)["event_date"].astype(str)) == {"2024-11-30"}


def test_play_toggle_starts_the_map_playing(app):
    key = map_args(app)["page_key"]
    assert map_args(app)["playing"] is False
    app.toggle(key="playing").set_value(True).run()
    assert map_args(app)["playing"] is True and map_args(app)["page_key"] == key
    app.toggle(key="playing").set_value(False).run()
    assert map_args(app)["playing"] is False


def test_adding_a_good_article_updates_claims_and_map(app):
    before = srcdoc(app)
    app.text_area(key="paste").input(
        "Rebels captured Homs on Tuesday after government forces withdrew, "
        "according to the Observatory."
    )
    app.text_input(key="outlet").input("Test Wire")
    app.date_input(key="published").set_value(date(2024, 12, 4))
    submit(app)
    assert not app.exception and not app.error
    assert re.search(r"Added pasted-\w+\.txt: [12] claim\(s\)", app.success[0].value)
    assert srcdoc(app) != before  # the map was redrawn with the new article
    app.select_slider(key="day").set_value(date(2024, 12, 3)).run()
    table = claims_of(app)
    assert "Homs" in set(table["place"]) and "Test Wire" in set(table["outlet"])


def test_an_empty_store_is_filled_with_the_seeds(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_DB", str(tmp_path / "new.db"))
    monkeypatch.setenv("FRONTLINE_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception
    assert "5 articles" in at.sidebar.caption[-1].value


def test_the_page_is_read_only_unless_writing_is_turned_on(seeded_store, tmp_path, monkeypatch):
    use_store_copy(seeded_store, tmp_path, monkeypatch)
    monkeypatch.delenv("FRONTLINE_WRITE", raising=False)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    labels = {b.label for b in at.button}
    assert "Add article" not in labels and "Record review" not in labels
    assert any("FRONTLINE_WRITE=1" in c.value for c in at.sidebar.caption)
    assert len(at.get("component_instance")) == 1  # the map is still there


def test_the_dashboard_serves_localhost_only_by_default():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^HOST\s*\?=\s*127\.0\.0\.1$", makefile, re.M)
    assert re.search(r"^WRITE\s*\?=\s*$", makefile, re.M)
    assert "--server.address $(HOST)" in makefile


def test_a_store_that_cannot_be_drawn_gives_a_message_not_a_traceback(
    seeded_store, tmp_path, monkeypatch
):
    import geo.pipeline

    def broken(path):
        raise RuntimeError("/srv/secret/path: boom")

    use_store_copy(seeded_store, tmp_path, monkeypatch, "broken.db")
    monkeypatch.setattr(geo.pipeline, "store_bundle", broken)
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not app.exception
    assert app.error and "could not be drawn" in app.error[0].value
    assert "/srv/secret" not in app.error[0].value


def test_a_shared_link_restores_the_day_and_place(seeded_store, tmp_path, monkeypatch):
    use_store_copy(seeded_store, tmp_path, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["day"] = "2024-11-30"
    at.query_params["place"] = "hama"
    at.run()
    assert not at.exception
    assert at.select_slider(key="day").value == date(2024, 11, 30)
    assert at.selectbox(key="place").value == "hama"
    assert at.query_params["day"] == ["2024-11-30"] or at.query_params["day"] == "2024-11-30"
    at.select_slider(key="day").set_value(date(2024, 12, 1)).run()
    assert "2024-12-01" in str(at.query_params["day"])  # the URL follows the view


def test_a_bad_link_falls_back_to_the_latest_day(seeded_store, tmp_path, monkeypatch):
    use_store_copy(seeded_store, tmp_path, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["day"] = "<script>"
    at.query_params["place"] = "atlantis"
    at.run()
    assert not at.exception
    assert at.select_slider(key="day").value == date(2024, 12, 4)


def test_what_changed_lists_places_and_their_evidence(app):
    app.select_slider(key="day").set_value(date(2024, 11, 30)).run()
    changed = app.dataframe[0].value
    aleppo = changed[changed["place"] == "Aleppo"].iloc[0]
    assert (aleppo["from"], aleppo["to"]) == ("contested", "opposition")
    assert "took most of Aleppo" in aleppo["evidence"]
    km2 = app.dataframe[1].value
    assert "government" in set(km2["side"])


def test_review_from_the_evidence_table(app):
    app.select_slider(key="day").set_value(date(2024, 11, 30)).run()
    table = claims_of(app)
    hama = table[(table["place"] == "Hama") & (table["action"] == "entered")]
    claim = hama["claim_id"].iloc[0]
    app.selectbox(key="review-claim").set_value(claim)
    app.radio(key="review-decision").set_value("reject")
    app.text_input(key="review-by").input("analyst")
    next(b for b in app.button if b.label == "Record review").click().run()
    assert not app.exception and not app.error
    assert "Recorded: reject" in app.success[0].value
    table = claims_of(app)
    assert claim not in set(table["claim_id"])  # rejected claims leave the evidence and map


def test_review_needs_a_name(app):
    next(b for b in app.button if b.label == "Record review").click().run()
    assert app.error and "reviewer" in app.error[0].value


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "no article"), ("   ", "no article"), ("Rebels captured Homs.", "no publication date")],
)
def test_bad_articles_get_a_clear_message(app, text, message):
    if text:
        app.text_area(key="paste").input(text)
    submit(app)
    assert not app.exception
    assert app.error and message in app.error[0].value
    assert "Traceback" not in app.error[0].value


# --- the helpers behind the page ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((None, None, None), "no article"),
        (("", b"", None), "no article"),
        (("text", b"bytes", "a.txt"), "not both"),
        ((None, b"\x00\x01binary", "b.txt"), "binary"),
        ((None, b"caf\x81 \x90", "c.txt"), "UTF-8"),  # neither UTF-8 nor Windows-125x
        ((None, b"x" * (6 * 1024 * 1024), "big.txt"), "too large"),
    ],
)
def test_added_article_rejects_bad_input(args, message):
    text, upload, name = args
    with pytest.raises(ArticleError, match=message):
        added_article(text, upload, name, None, None)


def test_added_article_names_and_duplicates():
    a = added_article("Rebels took Hama.", None, None, " AP ", date(2024, 12, 1))
    assert a.name.startswith("pasted-") and a.outlet == "AP"
    b = added_article(None, b"Rebels took Hama.", "dir/up.txt", "", None)
    assert b.name == "up.txt" and b.outlet is None
    with pytest.raises(ArticleError, match="already added"):
        added_article(None, b"x", "up.txt", None, None, existing=["up.txt"])


def test_evidence_helpers():
    from geo.pipeline import run_paths

    result, _ = run_paths([str(ROOT / "seeds")])
    outlets = {a.article.name: a.article.outlet for a in result.articles}
    aleppo = claims_table(result.claims, outlets, place_id="aleppo")
    assert len(aleppo) > 10 and set(aleppo["place"]) == {"Aleppo"}
    history = place_history(result.timeline, "aleppo")
    assert list(history["controller"]) == ["government", "contested", "opposition"]
    assert [d.isoformat() for d in history["from"]] == ["2024-11-26", "2024-11-29", "2024-11-30"]
    assert places_with_claims(result.timeline)[0][0] == "aleppo"


def test_the_km2_chart_spreads_over_the_days(app):
    """Every dataset of the charts carries nanosecond timestamps: a second-based column is
    read as milliseconds in the browser and squeezed the km² chart into a strip."""
    import json

    import pyarrow as pa

    for chart in app.get("vega_lite_chart"):
        for data in chart.proto.datasets:
            table = pa.ipc.open_stream(data.data.data).read_all()
            if "date" in table.column_names:
                assert table.schema.field("date").type == pa.timestamp("ns")
        assert json.loads(chart.proto.spec)["layer"]

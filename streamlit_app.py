"""Frontline dashboard (thin: page config, cached loaders, widgets, rendering; logic in geo/).

The map is emitted first, so it starts loading while the rest of the page is built; the day
widgets under it are read through ``st.session_state``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

import geo
from geo import columns as C
from geo import io
from geo.changes import day_changes
from geo.dashboard import (
    WRITE_ENV,
    added_article,
    area_series,
    changes_table,
    claims_table,
    day_index,
    km2_table,
    place_history,
    places_with_claims,
    view_from_url,
    writes_enabled,
)
from geo.errors import FrontlineError
from geo.export import COLORS, LABELS, outlets_of, to_geojson
from geo.pipeline import Bundle, export_features, ingest, snapshot, store_bundle
from geo.store import default_path, open_store
from geo.timeline import timeline_days

SEEDS = Path(__file__).resolve().parent / "seeds"
DB = Path(os.environ.get("FRONTLINE_DB") or default_path())
#: adding articles and recording reviews change the store for every visitor: opt-in
WRITABLE = writes_enabled(os.environ)

st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")
#: the map as a component: day changes go to the page's own player, clicks come back as places
frontline_map = components.declare_component(
    "frontline_map", path=str(Path(geo.__file__).resolve().parent / "map_component")
)


@st.cache_resource(show_spinner="Reading the store and drawing the map…", max_entries=4)
def load(db: str, revision: int) -> Bundle:
    return store_bundle(Path(db))  # from the disk cache while the store is unchanged


def current() -> Bundle:
    """The bundle of the store; an empty store is first filled with the seed articles."""
    with open_store(DB) as store:
        if store.counts()["articles"] == 0:
            seeds = [i for i in io.iter_articles([str(SEEDS)]) if isinstance(i, io.Article)]
            ingest(store, seeds)
        revision = store.revision
    return load(str(DB), revision)


@st.cache_data(show_spinner=False)
def day_geojson(db: str, revision: int, day: date) -> str:
    return to_geojson(export_features(load(db, revision).run, day))


@st.cache_data(show_spinner=False)
def changes_of(db: str, revision: int, day: date) -> dict:
    b = load(db, revision)
    return day_changes(b.run.timeline, b.areas, b.run.claims, outlets_of(b.run.articles), day)[0]


@st.cache_data(show_spinner="Drawing one frame per day…")
def animation_gif(db: str, revision: int) -> bytes:
    import tempfile

    from geo.animate import write_animation
    from geo.pipeline import animation_frames

    _, frames = animation_frames(load(db, revision).run)
    with tempfile.TemporaryDirectory() as tmp:
        return write_animation(Path(tmp) / "offensive.gif", frames, fps=2).read_bytes()


@st.cache_data(show_spinner=False)
def day_snapshot(db: str, revision: int, day: date) -> str:
    return snapshot(load(db, revision).run, day)


try:
    bundle = current()
except Exception as exc:
    import logging

    logging.getLogger("frontline").exception("the map could not be drawn")
    st.error(
        f"The map could not be drawn from the store ({type(exc).__name__}). The server's log "
        "has the details; `frontline review` or removing the last article restores it."
    )
    st.stop()
revision = st.session_state["revision"] = bundle.revision
result = bundle.run
days = timeline_days(result.timeline)
options = places_with_claims(result.timeline)
if "url-read" not in st.session_state:  # a shared link (?day=…&place=…) restores its view once
    st.session_state["url-read"] = True
    url_day, url_place = view_from_url(st.query_params, days, [p for p, _ in options])
    if url_day is not None:
        st.session_state["day"] = url_day
    if url_place is not None:
        st.session_state["place"] = url_place
day: date = st.session_state.get("day", days[-1])
day = day if day in days else days[-1]
playing: bool = st.session_state.get("playing", False)

# --- map ------------------------------------------------------------------------------------------
st.title("Frontline")
map_col, side_col = st.columns([7, 3])
with map_col:
    clicked = frontline_map(
        page=bundle.map_page,
        page_key=f"{DB}|{revision}",
        day_index=day_index(days, day),
        playing=playing,
        height=640,
        key="map",
        default=None,
    )
if isinstance(clicked, dict) and clicked.get("at") != st.session_state.get("map-click"):
    st.session_state["map-click"] = clicked.get("at")  # a new click on a place in the map
    names = dict(zip(result.timeline[C.PLACE_ID], result.timeline[C.NAME], strict=False))
    if clicked.get("place") in names:
        if clicked["place"] not in dict(options):
            options.append((clicked["place"], names[clicked["place"]]))
        st.session_state["place"] = clicked["place"]
st.session_state["day"] = day  # the slider's value lives in the session (and the URL)
st.select_slider("Day", options=days, key="day", format_func=lambda d: d.isoformat())
st.toggle(
    "Play the map from this day",
    key="playing",
    help="The map's own ▶ button and slider step through the days without reloading.",
)
st.caption(
    "Control of the November–December 2024 Syrian offensive, day by day, from the "
    "articles' claims. Pick a day for its evidence."
)

# --- distance to Damascus and ground held ---------------------------------------------------------
with side_col:
    import altair as alt  # imported after the map is on its way to the browser

    front = bundle.front
    today = front[front["date"] == day.isoformat()].iloc[0]
    if isinstance(today["front_place"], str):
        st.metric(
            f"M5 front to Damascus, {day.isoformat()}",
            f"{today['road_km_to_damascus']:.0f} km",
            help=f"{today['front_place']}: {today['geodesic_km_to_damascus']:.0f} km "
            f"in a straight line",
        )
    series = front.assign(date=pd.to_datetime(front["date"]).astype("datetime64[ns]"))
    base = alt.Chart(series).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("road_km_to_damascus:Q", title="front to Damascus (km by road, M5)"),
    )
    # each place the front reached is named once, at the first day it was there
    named = series.dropna(subset=["front_place"]).drop_duplicates("front_place")
    line = base.mark_line(point=True).encode(
        tooltip=["date:T", "front_place:N", "road_km_to_damascus:Q", "advance_km_per_day:Q"]
    ) + alt.Chart(named).mark_text(align="left", dx=4, dy=-8, fontSize=11).encode(
        x="date:T",
        y="road_km_to_damascus:Q",
        text=alt.Text("label:N"),
    ).transform_calculate(
        label="datum.front_place + ' · ' + format(datum.road_km_to_damascus, '.0f') + ' km'"
    )
    rule = (
        alt.Chart(pd.DataFrame({"date": pd.to_datetime([day]).astype("datetime64[ns]")}))
        .mark_rule(color="#d1495b", strokeDash=[4, 3])
        .encode(x="date:T")
    )
    st.altair_chart((line + rule).properties(height=230), width="stretch")
    held = area_series(bundle.areas).assign(
        controller=lambda f: f["controller"].map(lambda c: LABELS.get(c, c))
    )
    stack = (
        alt.Chart(held)
        .mark_area()
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("area_km2:Q", stack=True, title="km² held"),
            color=alt.Color(
                "controller:N",
                scale=alt.Scale(domain=[LABELS[k] for k in COLORS], range=list(COLORS.values())),
                # two columns of short labels: the plot keeps its height beside the map
                legend=alt.Legend(
                    orient="bottom", columns=2, title=None, labelLimit=140, labelFontSize=10
                ),
            ),
            tooltip=["date:T", "controller:N", alt.Tooltip("area_km2:Q", format=",.0f")],
        )
    )
    st.altair_chart((stack + rule).properties(height=320), width="stretch")

# --- evidence -------------------------------------------------------------------------------------
st.subheader("Evidence")
outlets = outlets_of(result.articles)
changes_tab, day_tab, place_tab = st.tabs(
    ["What changed this day", "Claims dated this day", "One place"]
)
with changes_tab:
    record = changes_of(str(DB), revision, day)
    changed = changes_table(record)
    st.markdown(f"**{len(changed)} place(s) changed on {day.isoformat()}**")
    st.dataframe(changed.drop(columns=["place_id"]), hide_index=True, width="stretch")
    st.dataframe(km2_table(record), hide_index=True, width="stretch")
with day_tab:
    todays = claims_table(result.claims, outlets, day=day)
    st.dataframe(todays, hide_index=True, width="stretch")
    if len(todays) and WRITABLE:
        with st.form("review", clear_on_submit=True):
            st.markdown(
                "**Review a claim** (accepted claims count as confirmed; rejected ones "
                "are dropped from the map)"
            )
            quotes = dict(zip(todays["claim_id"], todays["quote"], strict=True))
            claim = st.selectbox(
                "Claim",
                list(quotes),
                key="review-claim",
                format_func=lambda c: f"{c}: {quotes[c][:80]}",
            )
            decision = st.radio(
                "Decision", ["accept", "reject"], horizontal=True, key="review-decision"
            )
            reviewer = st.text_input("Your name", key="review-by")
            note = st.text_input("Note", key="review-note")
            if st.form_submit_button("Record review"):
                try:
                    with open_store(DB) as store:
                        store.review(claim, decision, reviewer, note=note or None)
                    st.session_state.notice = f"Recorded: {decision} {claim}."
                    st.rerun()
                except FrontlineError as exc:
                    st.error(f"Could not record the review. {exc}")
with place_tab:
    if options:
        label = dict(options)
        place_id = st.selectbox(
            "Place", [p for p, _ in options], key="place", format_func=lambda p: label[p]
        )
        st.markdown("**Control history**")
        st.dataframe(place_history(result.timeline, place_id), hide_index=True, width="stretch")
        st.markdown("**Claims about it**")
        st.dataframe(
            claims_table(result.claims, outlets, place_id=place_id),
            hide_index=True,
            width="stretch",
        )

# the view as a link: the URL holds the day and the place
st.query_params["day"] = day.isoformat()
if st.session_state.get("place"):
    st.query_params["place"] = st.session_state["place"]

# --- downloads (built when clicked) ---------------------------------------------------------------
left, middle, right = st.columns(3)
left.download_button(
    "Download this day as GeoJSON",
    lambda: day_geojson(str(DB), revision, day),
    file_name=f"frontline-{day.isoformat()}.geojson",
    mime="application/geo+json",
    key="dl-geojson",
)
middle.download_button(
    "Download this day as an offline HTML map",
    lambda: day_snapshot(str(DB), revision, day),
    file_name=f"frontline-{day.isoformat()}.html",
    mime="text/html",
    key="dl-html",
)
right.download_button(
    "Download the animation (GIF, one frame per day)",
    lambda: animation_gif(str(DB), revision),
    file_name="frontline-offensive.gif",
    mime="image/gif",
    key="dl-gif",
)

# --- add an article -------------------------------------------------------------------------------
with st.sidebar:
    st.header("Add an article")
    if not WRITABLE:
        st.caption(
            f"Read-only: adding articles and reviewing claims are off. Start the dashboard "
            f"with {WRITE_ENV}=1 (`make run WRITE=1`) to turn them on."
        )
        st.caption(
            f"Store: {DB.name}, {len(result.articles)} articles, {len(result.claims)} claims."
        )
        st.stop()
    with st.form("add-article", clear_on_submit=True):
        pasted = st.text_area("Paste the article text", key="paste", height=180)
        upload = st.file_uploader("…or upload a .txt file", type=["txt"], key="upload")
        outlet = st.text_input("Outlet", key="outlet")
        published = st.date_input(
            "Publication date",
            value=None,
            key="published",
            help="Leave empty to read it from the text.",
        )
        submitted = st.form_submit_button("Add article")
    if submitted:
        try:
            new = added_article(
                pasted,
                upload.getvalue() if upload else None,
                upload.name if upload else None,
                outlet,
                published,
            )
            with open_store(DB) as store:
                report, errors = ingest(store, [new.as_article()])
            if errors:
                raise errors[0]
            if not report.articles_added:
                raise FrontlineError("this article is already in the store")
            st.session_state.notice = f"Added {new.name}: {report.claims_added} claim(s) found."
            st.rerun()  # draw the map again with the new article
        except FrontlineError as exc:
            st.error(f"Could not add the article. {exc}")
    if st.session_state.get("notice"):
        st.success(st.session_state.pop("notice"))
    st.caption(f"Store: {DB.name}, {len(result.articles)} articles, {len(result.claims)} claims.")

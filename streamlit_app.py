"""Frontline dashboard (thin: page config, cached loaders, widgets, rendering; logic in geo/).

The map is emitted first, so it starts loading while the rest of the page is built; the day
widgets under it are read through ``st.session_state``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import io
from geo.dashboard import (
    AddedArticle,
    added_article,
    area_series,
    claims_table,
    day_index,
    place_history,
    places_with_claims,
)
from geo.errors import FrontlineError
from geo.export import COLORS, LABELS, outlets_of, set_player, to_geojson
from geo.pipeline import Bundle, build_bundle, export_features, seed_bundle, snapshot
from geo.timeline import timeline_range

SEEDS = Path(__file__).resolve().parent / "seeds"

st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner="Reading the articles and drawing the map…")
def bundle(added: tuple[AddedArticle, ...]) -> tuple[Bundle, list[str]]:
    seeds, errors = seed_bundle(SEEDS)  # from the disk cache while the seeds are unchanged
    if not added:
        return seeds, [str(e) for e in errors + seeds.run.errors]
    items = [i for i in io.iter_articles([str(SEEDS)]) if isinstance(i, io.Article)]
    extra = build_bundle(items + [a.as_article() for a in added])
    return extra, [str(e) for e in errors + extra.run.errors]


@st.cache_data(show_spinner=False)
def day_geojson(added: tuple[AddedArticle, ...], day: date) -> str:
    return to_geojson(export_features(bundle(added)[0].run, day))


@st.cache_data(show_spinner=False)
def day_snapshot(added: tuple[AddedArticle, ...], day: date) -> str:
    return snapshot(bundle(added)[0].run, day)


added: tuple[AddedArticle, ...] = st.session_state.setdefault("added", ())
current, read_errors = bundle(added)
result = current.run
first, last = timeline_range(result.timeline)
days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
day: date = st.session_state.get("day", days[-1])
day = day if day in days else days[-1]
playing: bool = st.session_state.get("playing", False)

# --- map ------------------------------------------------------------------------------------------
st.title("Frontline")
map_col, side_col = st.columns([5, 3])
with map_col:
    st.iframe(set_player(current.map_page, day_index(days, day), playing), height=620)
for message in read_errors:
    st.warning(message)
st.select_slider("Day", options=days, value=day, key="day", format_func=lambda d: d.isoformat())
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

    front = current.front
    today = front[front["date"] == day.isoformat()].iloc[0]
    if isinstance(today["front_place"], str):
        st.metric(
            f"Front on the M5 on {day.isoformat()}",
            f"{today['road_km_to_damascus']:.0f} km to Damascus",
            help=f"{today['front_place']}: {today['geodesic_km_to_damascus']:.0f} km "
            f"in a straight line",
        )
    series = front.assign(date=pd.to_datetime(front["date"]))
    line = (
        alt.Chart(series)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("road_km_to_damascus:Q", title="front to Damascus (km by road)"),
            tooltip=["date:T", "front_place:N", "road_km_to_damascus:Q", "advance_km_per_day:Q"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"date": [pd.Timestamp(day)]}))
        .mark_rule(color="#d1495b", strokeDash=[4, 3])
        .encode(x="date:T")
    )
    st.altair_chart(line + rule, width="stretch")
    held = area_series(current.areas).assign(
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
            ),
            tooltip=["date:T", "controller:N", alt.Tooltip("area_km2:Q", format=",.0f")],
        )
    )
    st.altair_chart(stack + rule, width="stretch")

# --- evidence -------------------------------------------------------------------------------------
st.subheader("Evidence")
outlets = outlets_of(result.articles)
day_tab, place_tab = st.tabs(["Claims dated this day", "One place"])
with day_tab:
    st.dataframe(claims_table(result.claims, outlets, day=day), hide_index=True, width="stretch")
with place_tab:
    options = places_with_claims(result.timeline)
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

# --- downloads (built when clicked) ---------------------------------------------------------------
left, right = st.columns(2)
left.download_button(
    "Download this day as GeoJSON",
    lambda: day_geojson(added, day),
    file_name=f"frontline-{day.isoformat()}.geojson",
    mime="application/geo+json",
    key="dl-geojson",
)
right.download_button(
    "Download this day as an offline HTML map",
    lambda: day_snapshot(added, day),
    file_name=f"frontline-{day.isoformat()}.html",
    mime="text/html",
    key="dl-html",
)

# --- add an article -------------------------------------------------------------------------------
with st.sidebar:
    st.header("Add an article")
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
                existing=[a.name for a in added],
            )
            trial, trial_errors = bundle((*added, new))
            if any(new.name in e for e in trial_errors):
                raise FrontlineError(next(e for e in trial_errors if new.name in e))
            st.session_state.added = (*added, new)
            n = int((trial.run.claims["article"] == new.name).sum())
            st.session_state.notice = f"Added {new.name}: {n} claim(s) found."
            st.rerun()  # draw the map again with the new article
        except FrontlineError as exc:
            st.error(f"Could not add the article. {exc}")
    if st.session_state.get("notice"):
        st.success(st.session_state.pop("notice"))
    for a in added:
        st.caption(f"• {a.name} — {a.outlet or 'no outlet'}")

"""Frontline dashboard (thin: page config, cached loaders, widgets, rendering; logic in geo/)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

from geo import io
from geo.dashboard import SYRIA_VIEW, mention_counts, point_layer_data
from geo.gazetteer import data_dir, load_gazetteer

SEEDS = Path(__file__).resolve().parent / "seeds"

st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")


@st.cache_resource
def gazetteer():
    return load_gazetteer()


@st.cache_data
def geojson(name: str) -> dict:
    return json.loads((data_dir() / name).read_text(encoding="utf-8"))


@st.cache_data
def seed_mentions() -> tuple[pd.DataFrame, list[str]]:
    mentions, errors = [], []
    for item in io.iter_articles([str(SEEDS)]):
        if isinstance(item, Exception):
            errors.append(str(item))
        else:
            mentions += gazetteer().find_mentions(item.text, article=item.name)
    return mention_counts(mentions), errors


st.title("Frontline")
st.caption(
    "Places named in the seed articles (Nov–Dec 2024 Syrian offensive). "
    "Control, claims and the animated front arrive with the next stages."
)
counts, errors = seed_mentions()
for error in errors:
    st.error(error)

layers = [
    pdk.Layer(
        "GeoJsonLayer",
        geojson("syria_admin1.geojson"),
        stroked=True,
        filled=True,
        get_fill_color=[235, 235, 225, 255],
        get_line_color=[120, 120, 120, 255],
        line_width_min_pixels=1,
        pickable=False,
    ),
    pdk.Layer(
        "GeoJsonLayer",
        geojson("m5.geojson"),
        get_line_color=[200, 60, 40, 255],
        line_width_min_pixels=3,
    ),
    pdk.Layer(
        "ScatterplotLayer",
        point_layer_data(counts),
        get_position="position",
        get_radius="radius_m",
        get_fill_color=[30, 90, 160, 200],
        pickable=True,
    ),
]
st.pydeck_chart(
    pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**SYRIA_VIEW),
        map_provider=None,
        tooltip={"text": "{name} ({kind})\n{mentions} mentions in {articles} articles"},
    ),
    height=560,
)
st.subheader("Places mentioned")
st.dataframe(counts[["place", "place_type", "mentions", "articles", "lat", "lon"]], hide_index=True)

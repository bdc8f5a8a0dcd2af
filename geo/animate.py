"""The offensive as an animation: one frame per day, from the same GeoDataFrames as the map.

Each frame draws the day's control areas, the front line, the M5 with the front's place and its
road distance to Damascus, the date, a legend and the data credit. Frames are rendered with
matplotlib (Agg, no display, no browser, no network) at a fixed extent, so a lon/lat point
always falls on the same pixel (:func:`pixel_of`); GIFs are written with Pillow and MP4s with
imageio's ffmpeg.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import columns as C
from geo.errors import FrontlineError, OutputError
from geo.export import COLORS, DATA_CREDIT, LABELS

#: lon/lat extent of every frame: (west, east, south, north)
EXTENT = (35.4, 42.6, 32.2, 37.5)
#: frame size in pixels (width, height)
FRAME_PX = (960, 800)
_DPI = 100
#: the map occupies this part of the figure (left, bottom, width, height), in figure fractions
_MAP_AXES = (0.0, 0.1, 0.72, 0.84)
#: area fills are the side's colour mixed with this share of white (solid, so frames are exact)
FILL_WHITE_SHARE = 0.45
SUFFIXES = (".gif", ".mp4")


class AnimationError(FrontlineError, ValueError):
    """An animation cannot be made as asked (format, range, frame rate)."""


@dataclass(frozen=True)
class DayLayers:
    """What one frame shows."""

    day: date
    areas: gpd.GeoDataFrame  # controller, geometry (lon/lat)
    fronts: gpd.GeoDataFrame  # geometry (lon/lat)
    front: Mapping[str, Any] | None  # the day's row of geo.corridor.front_positions
    front_point: tuple[float, float] | None  # (lon, lat) of the front's place


def fill_color(controller: str) -> tuple[float, float, float]:
    """The solid RGB (0–1) a side's area has in a frame."""
    from matplotlib.colors import to_rgb

    base = np.array(to_rgb(COLORS.get(controller, COLORS["unknown"])))
    return tuple(float(v) for v in base * (1 - FILL_WHITE_SHARE) + FILL_WHITE_SHARE)  # type: ignore[return-value]


def pixel_of(lon: float, lat: float) -> tuple[int, int]:
    """The (column, row) pixel of a lon/lat point in every frame (row 0 at the top)."""
    west, east, south, north = EXTENT
    h_px = FRAME_PX[1]
    x0, y0, x1, y1 = _axes_box_px()
    fx = (lon - west) / (east - west)
    fy = (lat - south) / (north - south)
    col = x0 + fx * (x1 - x0)
    row_from_bottom = y0 + fy * (y1 - y0)
    return round(col), round(h_px - row_from_bottom)


def _axes_box_px() -> tuple[float, float, float, float]:
    """Pixel box (x0, y0, x1, y1, from the bottom left) the map's data extent fills: the largest
    box in :data:`_MAP_AXES` with the extent's shape, a degree of longitude drawn cos(lat) as
    long as a degree of latitude."""
    west, east, south, north = EXTENT
    left, bottom, width, height = _MAP_AXES
    w_px, h_px = FRAME_PX
    box_w, box_h = width * w_px, height * h_px
    aspect = 1 / np.cos(np.radians((south + north) / 2))  # y units per x unit on screen
    data_w, data_h = east - west, (north - south) * aspect
    scale = min(box_w / data_w, box_h / data_h)
    used_w, used_h = data_w * scale, data_h * scale
    x0 = left * w_px + (box_w - used_w) / 2
    y0 = bottom * h_px + (box_h - used_h) / 2
    return x0, y0, x0 + used_w, y0 + used_h


def day_layers(
    days: Sequence[date],
    areas: gpd.GeoDataFrame,
    fronts: gpd.GeoDataFrame,
    front_rows: Mapping[str, Mapping[str, Any]],
    timeline: pd.DataFrame,
) -> Iterator[DayLayers]:
    """The layers of each day, in order."""
    area_day = pd.to_datetime(areas[C.DATE]).dt.date
    front_day = pd.to_datetime(fronts[C.DATE]).dt.date if len(fronts) else pd.Series(dtype=object)
    first = timeline.drop_duplicates("name")
    where = {
        str(n): (float(x), float(y))
        for n, x, y in zip(first["name"], first[C.LON], first[C.LAT], strict=True)
    }
    for d in days:
        row = front_rows.get(d.isoformat())
        place = row.get("front_place") if row else None
        point = None
        if isinstance(place, str):
            point = where.get(place)
        yield DayLayers(
            d,
            areas[(area_day == d).to_numpy()],
            fronts[(front_day == d).to_numpy()] if len(fronts) else fronts,
            row,
            point,
        )


def render_frame(layers: DayLayers, road: gpd.GeoDataFrame, basemap: gpd.GeoDataFrame) -> Any:
    """One frame as an RGB array (rows × columns × 3, uint8)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    west, east, south, north = EXTENT
    fig = Figure(figsize=(FRAME_PX[0] / _DPI, FRAME_PX[1] / _DPI), dpi=_DPI, facecolor="white")
    x0, y0, x1, y1 = _axes_box_px()
    ax = fig.add_axes(
        (x0 / FRAME_PX[0], y0 / FRAME_PX[1], (x1 - x0) / FRAME_PX[0], (y1 - y0) / FRAME_PX[1])
    )
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_axis_off()
    ax.set_facecolor("white")
    for controller, group in layers.areas.groupby(C.CONTROLLER):
        group.plot(ax=ax, color=[fill_color(str(controller))], edgecolor="none", linewidth=0)
    basemap.boundary.plot(ax=ax, color="#666666", linewidth=0.4)
    if len(layers.fronts):
        layers.fronts.plot(ax=ax, color="black", linewidth=1.6)
    road.plot(ax=ax, color="#222222", linewidth=1.0, linestyle="--")
    front = layers.front or {}
    km = front.get("road_km_to_damascus")
    if layers.front_point is not None and km is not None and not pd.isna(km):
        lon, lat = layers.front_point
        ax.plot([lon], [lat], marker="o", markersize=9, color="black", markerfacecolor="white")
        ax.annotate(
            f"{front.get('front_place')}: {float(km):.0f} km",
            (lon, lat),
            xytext=(8, -4),
            textcoords="offset points",
            fontsize=10,
            fontweight="bold",
        )
    fig.text(0.02, 0.965, f"Frontline — control on {layers.day.isoformat()}", fontsize=15)
    distance = (
        f"Front on the M5: {front.get('front_place')}, {float(km):.0f} km by road to Damascus"
        if km is not None and not pd.isna(km)
        else "Front on the M5: no non-government place on the road"
    )
    fig.text(0.02, 0.935, distance, fontsize=10)
    handles = [
        Patch(facecolor=fill_color(k), edgecolor="#555555", label=LABELS[k])
        for k in COLORS
        if k != "unknown"
    ]
    fig.legend(handles=handles, loc="upper right", bbox_to_anchor=(0.99, 0.9), fontsize=9)
    fig.text(0.02, 0.02, _wrap(DATA_CREDIT, 150), fontsize=7, color="#444444", va="bottom")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, :3].copy()


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def write_animation(path: str | Path, frames: Sequence[Any], fps: float) -> Path:
    """Write frames as a GIF (Pillow) or an MP4 (imageio-ffmpeg), atomically."""
    from geo.export import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise AnimationError(f"{path}: write .gif or .mp4, not {suffix or 'no suffix'!r}")
    if not frames:
        raise AnimationError("no frames to write")
    if suffix == ".gif":
        import io

        from PIL import Image

        images = [Image.fromarray(f) for f in frames]
        buffer = io.BytesIO()
        images[0].save(
            buffer,
            format="GIF",
            save_all=True,
            append_images=images[1:],
            duration=round(1000 / fps),
            loop=0,
            optimize=False,
        )
        return write_atomic(path, buffer.getvalue())
    try:
        import imageio.v2 as imageio
    except ImportError as exc:  # pragma: no cover - imageio is a dependency
        raise OutputError(
            "MP4 needs imageio and imageio-ffmpeg (pip install imageio-ffmpeg)"
        ) from exc
    import tempfile

    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        movie = Path(tmp) / f"frames{suffix}"
        with imageio.get_writer(movie, fps=fps, codec="libx264", macro_block_size=16) as writer:
            for frame in frames:
                writer.append_data(frame)  # type: ignore[attr-defined]
        return write_atomic(path, movie.read_bytes())

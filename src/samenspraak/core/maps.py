"""What every map of the site needs: the background tiles, their attribution and the area
shapes, in one place (consultation's and budgeting's forms and the input list's map use it).

Tiles come from SAMENSPRAAK_MAP_TILES, by default PDOK's BRT-Achtergrondkaart (the Kadaster's
street map of the Netherlands: free, no key), shown with SAMENSPRAAK_MAP_ATTRIBUTION. The
Content-Security-Policy allows images from that one origin (settings). An empty
SAMENSPRAAK_MAP_TILES draws the area shapes alone and contacts no other origin.
"""

from __future__ import annotations

from django.conf import settings

#: PDOK BRT-Achtergrondkaart, standard style, Web Mercator tiles (WMTS REST, no key).
PDOK_TILES = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
PDOK_ATTRIBUTION = "Kaartgegevens © Kadaster"


def tiles() -> str:
    return getattr(settings, "SAMENSPRAAK_MAP_TILES", "") or ""


def attribution() -> str:
    return getattr(settings, "SAMENSPRAAK_MAP_ATTRIBUTION", "") or ""


def tile_origin(url: str) -> str:
    """scheme://host[:port] of a tile URL template, for the Content-Security-Policy."""
    return "/".join(url.split("/")[:3]) if url.startswith(("https://", "http://")) else ""


def shapes(areas) -> dict:
    """The shapes of `areas` (an Area queryset) as a GeoJSON FeatureCollection; one query."""
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": shape}
        for name, shape in areas.filter(shape__isnull=False).values_list("name", "shape")
    ]
    return {"type": "FeatureCollection", "features": features}


def context(areas) -> dict:
    """Template context for a map: `map_shapes`, `map_tiles`, `map_attribution`."""
    return {"map_shapes": shapes(areas), "map_tiles": tiles(), "map_attribution": attribution()}


def dots(rows, url_pattern: str) -> list[dict]:
    """The dots of a map with their text list: `rows` of (pk, title, latitude, longitude,
    place name) as dicts with `title`, `url` (`url_pattern` with `{pk}`), `lat`, `lon` and
    `place` (the street, else the numbers as `|floatformat:5` writes them in this language,
    without its Decimal arithmetic per dot). Built once per page, so 500 dots cost no 500
    template includes or reverse() calls."""
    from django.utils.formats import get_format
    from django.utils.translation import gettext

    comma = get_format("DECIMAL_SEPARATOR")
    near = gettext("Bij %(place)s")
    result = []
    for pk, title, latitude, longitude, place_name in rows:
        if place_name:
            where = near % {"place": place_name}
        else:
            where = f"{latitude:.5f}, {longitude:.5f}".replace(".", comma)
        result.append(
            {
                "title": title,
                "url": url_pattern.replace("{pk}", str(pk)),
                "lat": latitude,
                "lon": longitude,
                "place": where,
            }
        )
    return result


def url_pattern(url_name: str, *args) -> str:
    """The URL of `url_name` with `args` and a last argument `{pk}` (for `dots`)."""
    from django.urls import reverse

    prefix, suffix = reverse(url_name, args=[*args, 0]).rsplit("/0/", 1)
    return f"{prefix}/{{pk}}/{suffix}"

"""The map of Voorbeeldstad: eight wijken on a 4 x 2 grid, each split into buurten.

Fixed (not random): the same town every time, so screenshots, documentation and people's habits
stay valid. The shapes are GeoJSON Polygons in WGS84 with counter-clockwise exterior rings
(RFC 7946), tiling a rectangle near Utrecht without gaps or overlaps.
"""

from __future__ import annotations

from django.utils.text import slugify

#: CBS-style municipality code for the fictional Voorbeeldstad (no real municipality has it).
MUNICIPALITY_CODE = "9999"

#: Where the demo resident with verified claims lives (see generator.VERIFIED_RESIDENT_EMAIL).
VERIFIED_RESIDENT_BUURT = "Binnenstad"
VERIFIED_RESIDENT_AREA = "Binnenstad (Centrum)"

#: The rectangle the town covers: west, south, east, north (longitude, latitude).
BOUNDS = (5.06, 52.07, 5.18, 52.13)
COLUMNS, ROWS = 4, 2
DECIMALS = 6

#: Wijken row by row from the north-west; each with its buurten and a one-line description.
WIJKEN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Haven",
        "Oude havenkades, bedrijven aan het water en nieuwe woningen op de kop van de haven.",
        ("Oude Haven", "Kadebuurt"),
    ),
    (
        "Noord",
        "Rustige woonwijk uit de jaren zestig met veel groen en het Noorderpark.",
        ("Bloemenbuurt", "Noorderpark", "Dichtersbuurt"),
    ),
    (
        "Vogelwijk",
        "Eengezinswoningen uit de jaren dertig, genoemd naar de vogels in de straatnamen.",
        ("Merelbuurt", "Zwaluwbuurt"),
    ),
    (
        "Oost",
        "Gemengde wijk met het sportpark, het ziekenhuis en een grote weekmarkt.",
        ("Oosterhof", "Schildersbuurt", "Kastanjebuurt"),
    ),
    (
        "West",
        "Tuinwijk van na de oorlog, nu met veel nieuwe gezinnen en een brede school.",
        ("Westerkwartier", "Tuinwijk", "Julianapark"),
    ),
    (
        "Centrum",
        "De historische binnenstad met het stadhuis, winkels, horeca en het station.",
        ("Binnenstad", "Marktkwartier", "Stationsbuurt"),
    ),
    (
        "Molenwijk",
        "Rond de oude korenmolen: een dorpse wijk met hofjes en volkstuinen.",
        ("Korenmolen", "Molenvliet"),
    ),
    (
        "Zuid",
        "Nieuwbouwwijk aan de rivier met appartementen, een winkelcentrum en de uiterwaarden.",
        ("Zuiderpark", "Rivierenbuurt"),
    ),
)


def rectangle(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON Polygon for a rectangle, exterior ring counter-clockwise and closed."""
    w, s, e, n = (round(value, DECIMALS) for value in (west, south, east, north))
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def area_plan() -> list[dict]:
    """The wijken and buurten as `organisations.services.areas_create` takes them."""
    west, south, east, north = BOUNDS
    cell_width = (east - west) / COLUMNS
    cell_height = (north - south) / ROWS
    plan = []
    for index, (name, description, buurten) in enumerate(WIJKEN):
        row, column = divmod(index, COLUMNS)
        wijk_west = west + column * cell_width
        wijk_north = north - row * cell_height
        wijk_south = wijk_north - cell_height
        wijk_number = index + 1
        children = []
        # Buurten are vertical strips of their wijk, west to east.
        strip = cell_width / len(buurten)
        for buurt_index, buurt_name in enumerate(buurten):
            children.append(
                {
                    "name": buurt_name,
                    "slug": slugify(buurt_name),
                    "cbs_code": f"BU{MUNICIPALITY_CODE}{wijk_number:02d}{buurt_index + 1:02d}",
                    "description": f"Buurt in de wijk {name}.",
                    "shape": rectangle(
                        wijk_west + buurt_index * strip,
                        wijk_south,
                        wijk_west + (buurt_index + 1) * strip,
                        wijk_north,
                    ),
                }
            )
        plan.append(
            {
                "name": name,
                "slug": slugify(name),
                "cbs_code": f"WK{MUNICIPALITY_CODE}{wijk_number:02d}",
                "description": description,
                "shape": rectangle(wijk_west, wijk_south, wijk_west + cell_width, wijk_north),
                "children": children,
            }
        )
    return plan

"""Point-in-polygon in pure Python, for GeoJSON Polygon/MultiPolygon shapes (lon, lat)."""


def _polygons(geometry) -> list:
    if not isinstance(geometry, dict):
        return []
    kind = geometry.get("type")
    if kind == "Feature":
        return _polygons(geometry.get("geometry"))
    if kind == "FeatureCollection":
        return [p for f in geometry.get("features") or [] for p in _polygons(f)]
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        return []
    if kind == "Polygon":
        return [coordinates]
    if kind == "MultiPolygon":
        return [p for p in coordinates if isinstance(p, list)]
    return []


def _in_ring(lon: float, lat: float, ring) -> bool:
    """Ray casting: count the ring's edges crossed by a ray from the point to the east."""
    inside = False
    try:
        points = [(float(p[0]), float(p[1])) for p in ring]
    except (TypeError, ValueError, IndexError):
        return False
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_shape(lat: float, lon: float, shape) -> bool:
    """Is the point inside the shape (inside an outer ring and not in one of its holes)?"""
    for polygon in _polygons(shape):
        if not polygon or not isinstance(polygon[0], list):
            continue
        outer, *holes = polygon
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
            return True
    return False

"""Server-rendered SVG maps from GeoJSON geometry (WGS 84 lon/lat).

An equirectangular projection corrected for latitude is exact enough for a
county or a country at overview scale, and needs no GIS library.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MapArea:
    key: str
    label: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class SvgMap:
    width: int
    height: int
    areas: list[MapArea]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _rings(geometry: Mapping[str, Any]) -> Iterable[list[list[float]]]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coordinates
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            yield from polygon


def centroid(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """Mean of the outer vertices as (lat, lon): good enough for distances between municipalities."""
    xs: list[float] = []
    ys: list[float] = []
    for ring in _rings(geometry):
        for lon, lat in ring:
            xs.append(lon)
            ys.append(lat)
    if not xs:
        raise ValueError("geometry without coordinates")
    return sum(ys) / len(ys), sum(xs) / len(xs)


def render(features: Iterable[tuple[str, str, Mapping[str, Any]]], width: int = 560) -> SvgMap:
    """Project (key, label, geometry) triples into an SVG of the given width."""
    items = [(key, label, geometry) for key, label, geometry in features if geometry]
    if not items:
        return SvgMap(width, 0, [])
    lons = [lon for _, _, g in items for ring in _rings(g) for lon, _ in ring]
    lats = [lat for _, _, g in items for ring in _rings(g) for _, lat in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = (max_lon - min_lon) * k or 1.0
    span_y = (max_lat - min_lat) or 1.0
    margin = 4
    scale = (width - 2 * margin) / span_x
    height = int(span_y * scale + 2 * margin)

    def point(lon: float, lat: float) -> tuple[float, float]:
        return (margin + (lon - min_lon) * k * scale, margin + (max_lat - lat) * scale)

    areas = []
    for key, label, geometry in items:
        parts = []
        for ring in _rings(geometry):
            coords = [point(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
        lat, lon = centroid(geometry)
        cx, cy = point(lon, lat)
        areas.append(MapArea(key, label, "".join(parts), round(cx, 1), round(cy, 1)))
    return SvgMap(width, height, areas)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))

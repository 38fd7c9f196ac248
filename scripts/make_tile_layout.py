"""Make the tile-map layout of one municipal division from a boundaries GeoJSON.

    .venv/bin/python scripts/make_tile_layout.py BOUNDARIES.geojson --year 2022 \
        --output data/reference/tiles_2022.csv

How: each municipality's centroid is computed from its polygons (area-weighted, on
longitude scaled by cos(latitude) so that east-west and north-south distances compare).
The centroids are scaled onto a square grid with about 1.5 cells per municipality, and
every municipality gets its own cell by an optimal assignment (Hungarian algorithm,
``scipy.optimize.linear_sum_assignment``) that minimises the summed squared distance
between centroids and cell centres. So no two tiles overlap and each tile lies as close
to its real place as the grid allows. Short labels come from the name, with a few fixed
abbreviations for long names; edit the CSV by hand if a label reads badly.

The GeoJSON needs a code property per feature (``statcode`` such as GM0796, or
``regiocode`` such as G0796) and polygon or multipolygon geometry in longitude/latitude.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from vsv_analysis.geography.boundaries import ring_centroid

SHORT = {
    "Nuenen, Gerwen en Nederwetten": "Nuenen c.a.",
    "'s-Hertogenbosch": "'s-Hertogen-bosch",
    "Mill en Sint Hubert": "Mill en St. Hubert",
    "Sint-Michielsgestel": "Sint-Michiels-gestel",
    "Reusel-De Mierden": "Reusel-De Mierden",
    "Geertruidenberg": "Geertruiden-berg",
    "Drimmelen": "Drimme-len",  # a line of a tile holds eight or nine letters at the size of the map's names
}


def centroid(geometry: dict, scale_x: float) -> tuple[float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):  # holes count negatively
            points = [(x * scale_x, y) for x, y in ring[:-1] if True] or [(0, 0)]
            area, cx, cy = ring_centroid(points)
            area = abs(area) * (1 if index == 0 else -1)
            total += area
            sx += area * cx
            sy += area * cy
    return sx / total, sy / total


def code_of(properties: dict) -> str:
    if "statcode" in properties:
        return properties["statcode"]
    return "GM" + properties["regiocode"][1:]


def label_of(name: str) -> str:
    return SHORT.get(name, name)


def layout(features: list[dict], cells_per_municipality: float = 1.5) -> list[dict]:
    latitudes = [c[1] for f in features for c in _first_ring(f["geometry"])]
    scale_x = math.cos(math.radians(sum(latitudes) / len(latitudes)))
    points = np.array([centroid(f["geometry"], scale_x) for f in features])
    low, high = points.min(axis=0), points.max(axis=0)
    width, height = high - low
    cell = math.sqrt(width * height / (cells_per_municipality * len(points)))
    columns, rows = int(math.ceil(width / cell)) + 1, int(math.ceil(height / cell)) + 1
    grid = np.array([(c, r) for r in range(rows) for c in range(columns)], dtype=float)
    scaled = np.column_stack([(points[:, 0] - low[0]) / cell, (points[:, 1] - low[1]) / cell])
    cost = ((scaled[:, None, :] - grid[None, :, :]) ** 2).sum(axis=2)
    chosen_rows, chosen_cells = linear_sum_assignment(cost)
    result = []
    for feature_index, cell_index in zip(chosen_rows, chosen_cells):
        properties = features[feature_index]["properties"]
        column, row = grid[cell_index]
        name = properties.get("statnaam") or properties.get("name")
        result.append({"cbs_code": code_of(properties), "name": name, "label": label_of(name),
                       "column": int(column), "row": int(rows - 1 - row)})  # row 0 at the top (north)
    return sorted(result, key=lambda r: (r["row"], r["column"]))


def _first_ring(geometry: dict) -> list:
    return geometry["coordinates"][0][0] if geometry["type"] == "MultiPolygon" else geometry["coordinates"][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("boundaries", type=Path)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    features = json.loads(args.boundaries.read_text(encoding="utf-8"))["features"]
    tiles = layout(features)
    with open(args.output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["cbs_code", "name", "label", "column", "row", "source_id"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows({**tile, "source_id": "tiles"} for tile in tiles)
    print(f"wrote {len(tiles)} tiles for {args.year} to {args.output}")


if __name__ == "__main__":
    main()

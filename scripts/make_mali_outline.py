"""Write home/geodata/mali.json, the outline of Mali and of its regions drawn by the actor map
(home/actor_map.py), from Natural Earth's 1:10m « Admin 1 – States, Provinces » (public domain).

    .venv/bin/python scripts/make_mali_outline.py ne_10m_admin_1_states_provinces.topo.json[.gz]

The input is the TopoJSON conversion of that layer (see home/geodata/PROVENANCE.md for the copy
used). Each shared border (a TopoJSON arc) is simplified once with Douglas–Peucker, so that
neighbouring regions still meet; the projection is equirectangular with the cosine of the mean
latitude, in whole units of a small viewBox. Run it again only to change the drawing.
"""

import gzip
import json
import math
import sys
from pathlib import Path

COUNTRY = "MLI"
WIDTH = 600  # viewBox width in units; the height follows the country's shape
MARGIN = 6
TOLERANCE = 0.9  # Douglas–Peucker tolerance, in viewBox units (about 2.6 km)
TARGET = Path(__file__).resolve().parent.parent / "home" / "geodata" / "mali.json"


def read_topology(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def decode_arcs(topology):
    """Absolute (lon, lat) points of every arc (quantized, delta-encoded TopoJSON)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def rings_of(geometry):
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def douglas_peucker(points, tolerance):
    if len(points) < 3:
        return list(points)
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    farthest, index = -1.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if length:
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        else:
            distance = math.hypot(x - x1, y - y1)
        if distance > farthest:
            farthest, index = distance, i
    if farthest <= tolerance:
        return [points[0], points[-1]]
    left = douglas_peucker(points[: index + 1], tolerance)
    return left[:-1] + douglas_peucker(points[index:], tolerance)


def main(source):
    topology = read_topology(source)
    layer = next(iter(topology["objects"].values()))
    regions = [
        g for g in layer["geometries"] if (g.get("properties") or {}).get("adm0_a3") == COUNTRY
    ]
    arcs = decode_arcs(topology)
    used = {}
    for region in regions:
        for ring in rings_of(region):
            for ref in ring:
                index = ref if ref >= 0 else ~ref
                used[index] = used.get(index, 0) + 1

    points = [p for index in used for p in arcs[index]]
    lon_min, lon_max = min(p[0] for p in points), max(p[0] for p in points)
    lat_min, lat_max = min(p[1] for p in points), max(p[1] for p in points)
    cos = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((lon_max - lon_min) * cos)
    height = math.ceil((lat_max - lat_min) * scale + 2 * MARGIN)
    projection = {
        "lon_min": round(lon_min, 5),
        "lat_max": round(lat_max, 5),
        "cos": round(cos, 6),
        "scale": round(scale, 5),
        "margin": MARGIN,
    }

    def project(lon, lat):
        return (
            (lon - projection["lon_min"]) * projection["cos"] * projection["scale"] + MARGIN,
            (projection["lat_max"] - lat) * projection["scale"] + MARGIN,
        )

    simplified = {}
    for index in used:
        line = douglas_peucker([project(*p) for p in arcs[index]], TOLERANCE)
        rounded = []
        for x, y in line:
            point = (round(x), round(y))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        simplified[index] = rounded

    def ring_points(ring):
        out = []
        for ref in ring:
            line = simplified[ref] if ref >= 0 else simplified[~ref][::-1]
            out.extend(line if not out else line[1:])
        return out

    def path(lines):
        return "".join(
            "M" + " ".join(f"{x},{y}" for x, y in line) + ("Z" if line[0] == line[-1] else "")
            for line in lines
            if len(line) > 1
        )

    shapes = []
    for region in sorted(regions, key=lambda g: g["properties"]["iso_3166_2"]):
        rings = [ring_points(ring) for ring in rings_of(region)]
        outer = max(rings, key=len)
        xs, ys = [x for x, _ in outer], [y for _, y in outer]
        shapes.append(
            {
                "iso": region["properties"]["iso_3166_2"],
                "name": region["properties"]["name"],
                "d": path(r for r in rings if len(r) > 3),
                # Where its name goes: the middle of its outer ring's box.
                "cx": round((min(xs) + max(xs)) / 2),
                "cy": round((min(ys) + max(ys)) / 2),
            }
        )
    border = path(simplified[index] for index, count in sorted(used.items()) if count == 1)
    data = {
        "source": "Natural Earth 1:10m Admin 1 – States, Provinces (public domain)",
        "width": WIDTH,
        "height": height,
        "projection": projection,
        "regions": shapes,
        "border": border,
    }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{TARGET}: {TARGET.stat().st_size} bytes, {len(shapes)} regions")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

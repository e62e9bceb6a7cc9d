"""Synthetic but valid data directories at 1×, 10×, 100× and 1000× the real data.

``generate(scale, out_dir, seed)`` writes the six CSV files of a data directory
that ``python -m tracker validate`` accepts with no error and no warning. At
scale ``k`` it has (the real data has 13 / 3 / 13 / 4 / 9 / 9):

* ``13·k`` cities, spread over China: inside the province polygons of
  ``data/boundaries/provinces.geojson`` when that file exists, else in the
  lon/lat box 75–134 °E, 18–53 °N;
* ``round(3·√k)`` programmes and ``round(13·√k)`` focus areas (each programme
  has at least one);
* ``round(4/13 · cities)`` participation rows (≈30 % of cities; a few cities in
  several programmes, ≈25 % of rows with a limited scope);
* ``round(9/13 · cities)`` milestones (≈0.7 per city) and ``9·k`` sources.

Output is deterministic: the same ``scale`` and ``seed`` (and the same boundary
file, if any) give the same bytes. Every id is unique and every reference
(sources, programmes, cities, focus areas of the row's own programme) exists.

CLI::

    .venv/bin/python -m benchmarks.generate --scale 100 --out /tmp/c40-x100 [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

from tracker.schema import (
    CITIES,
    FOCUS_AREAS,
    MILESTONE_KINDS,
    MILESTONES,
    PARTICIPATION,
    PROGRAMMES,
    SOURCES,
    TableSpec,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROVINCES_GEOJSON = PROJECT_DIR / "data" / "boundaries" / "provinces.geojson"
BOX = (75.0, 18.0, 134.0, 53.0)  # lon min, lat min, lon max, lat max
REAL = {"cities": 13, "programmes": 3, "focus_areas": 13, "participation": 4, "milestones": 9, "sources": 9}

# Province-level divisions: adcode prefix, English, Chinese, rough centre (lon, lat).
PROVINCES: tuple[tuple[str, str, str, float, float], ...] = (
    ("11", "Beijing Municipality", "北京市", 116.4, 40.2),
    ("12", "Tianjin Municipality", "天津市", 117.3, 39.3),
    ("13", "Hebei", "河北省", 115.7, 39.0),
    ("14", "Shanxi", "山西省", 112.3, 37.6),
    ("15", "Inner Mongolia", "内蒙古自治区", 113.9, 44.1),
    ("21", "Liaoning", "辽宁省", 122.6, 41.3),
    ("22", "Jilin", "吉林省", 126.2, 43.7),
    ("23", "Heilongjiang", "黑龙江省", 127.7, 47.9),
    ("31", "Shanghai Municipality", "上海市", 121.5, 31.2),
    ("32", "Jiangsu", "江苏省", 119.5, 32.9),
    ("33", "Zhejiang", "浙江省", 120.1, 29.2),
    ("34", "Anhui", "安徽省", 117.2, 31.8),
    ("35", "Fujian", "福建省", 118.2, 26.1),
    ("36", "Jiangxi", "江西省", 115.7, 27.6),
    ("37", "Shandong", "山东省", 118.2, 36.3),
    ("41", "Henan", "河南省", 113.6, 33.9),
    ("42", "Hubei", "湖北省", 112.3, 30.9),
    ("43", "Hunan", "湖南省", 111.7, 27.6),
    ("44", "Guangdong", "广东省", 113.4, 23.3),
    ("45", "Guangxi", "广西壮族自治区", 108.8, 23.8),
    ("46", "Hainan", "海南省", 109.8, 19.2),
    ("50", "Chongqing Municipality", "重庆市", 107.9, 30.1),
    ("51", "Sichuan", "四川省", 102.7, 30.6),
    ("52", "Guizhou", "贵州省", 106.9, 26.8),
    ("53", "Yunnan", "云南省", 101.5, 24.9),
    ("54", "Tibet", "西藏自治区", 88.4, 31.5),
    ("61", "Shaanxi", "陕西省", 108.9, 35.2),
    ("62", "Gansu", "甘肃省", 100.9, 37.8),
    ("63", "Qinghai", "青海省", 96.0, 35.7),
    ("64", "Ningxia", "宁夏回族自治区", 106.2, 37.3),
    ("65", "Xinjiang", "新疆维吾尔自治区", 85.2, 41.1),
    ("71", "Taiwan", "台湾省", 121.0, 23.7),
    ("81", "Hong Kong SAR", "香港特别行政区", 114.17, 22.3),
    ("82", "Macao SAR", "澳门特别行政区", 113.55, 22.2),
)

SYLLABLES: tuple[tuple[str, str], ...] = (
    ("an", "安"), ("bao", "宝"), ("bei", "北"), ("chang", "长"), ("cheng", "城"), ("da", "大"),
    ("dong", "东"), ("feng", "丰"), ("fu", "福"), ("guang", "广"), ("hai", "海"), ("he", "河"),
    ("hu", "湖"), ("hua", "华"), ("ji", "吉"), ("jiang", "江"), ("jin", "金"), ("kang", "康"),
    ("lin", "林"), ("long", "龙"), ("lu", "鹿"), ("mei", "梅"), ("nan", "南"), ("ning", "宁"),
    ("ping", "平"), ("qing", "青"), ("quan", "泉"), ("rong", "荣"), ("shan", "山"), ("shui", "水"),
    ("song", "松"), ("tai", "泰"), ("tian", "天"), ("wu", "武"), ("xi", "西"), ("xin", "新"),
    ("yang", "阳"), ("yun", "云"), ("zhong", "中"), ("zhou", "州"),
)  # fmt: skip

TOPICS: tuple[tuple[str, str, str], ...] = (
    ("Clean air", "清洁空气", "Saubere Luft"),
    ("Low-carbon buildings", "低碳建筑", "CO2-arme Gebäude"),
    ("Climate action planning", "气候行动规划", "Klimaschutzplanung"),
    ("Zero-emission transport", "零排放交通", "Emissionsfreier Verkehr"),
    ("Urban heat", "城市高温", "Städtische Hitze"),
    ("Water resilience", "水韧性", "Wasserresilienz"),
    ("Waste to resources", "废物资源化", "Abfall zu Ressourcen"),
    ("Renewable energy", "可再生能源", "Erneuerbare Energie"),
    ("Green finance", "绿色金融", "Grüne Finanzierung"),
    ("Food systems", "食物系统", "Ernährungssysteme"),
    ("Clean construction", "清洁建造", "Sauberes Bauen"),
    ("Adaptation", "适应", "Anpassung"),
    ("Mitigation", "减缓", "Minderung"),
)
PUBLISHERS = ("C40 Cities", "China Today", "Climate Action", "CBCSD", "PR Newswire", "Cities Today")

SUMMARY_EN = (
    "Launched with city governments and national ministries. Offers technical assistance, peer exchange and "
    "training on {topic} for member cities over several years; sources name some of the cities taking part."
)
SUMMARY_ZH = (
    "与城市政府和国家部委共同发起。多年来为成员城市提供关于{topic}的技术援助、同行交流和培训；资料列出了部分参与城市。"
)
SUMMARY_DE = (
    "Mit Stadtregierungen und Ministerien gestartet. Bietet Mitgliedsstädten über mehrere Jahre technische Hilfe, "
    "Austausch und Schulungen zu {topic}; die Quellen nennen einige der teilnehmenden Städte."
)


@dataclass(frozen=True)
class Counts:
    """How many rows each table has at one scale."""

    cities: int
    programmes: int
    focus_areas: int
    participation: int
    milestones: int
    sources: int


def counts_for(scale: int) -> Counts:
    """Row counts at ``scale`` × the real data (1 gives exactly the real counts)."""
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    cities = REAL["cities"] * scale
    programmes = max(1, round(REAL["programmes"] * math.sqrt(scale)))
    return Counts(
        cities=cities,
        programmes=programmes,
        focus_areas=max(programmes, round(REAL["focus_areas"] * math.sqrt(scale))),
        participation=round(REAL["participation"] / REAL["cities"] * cities),
        milestones=round(REAL["milestones"] / REAL["cities"] * cities),
        sources=REAL["sources"] * scale,
    )


# ---------------------------------------------------------------------------- placement


@dataclass(frozen=True)
class Region:
    """A province: names, adcode prefix, and (when known) its polygons."""

    code: str
    name_en: str
    name_zh: str
    polygons: tuple[tuple[tuple[tuple[float, float], ...], ...], ...] = ()  # polygon → rings → points
    bbox: tuple[float, float, float, float] = BOX


def _ring_contains(ring: tuple[tuple[float, float], ...], x: float, y: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _region_contains(region: Region, x: float, y: float) -> bool:
    lon0, lat0, lon1, lat1 = region.bbox
    if not (lon0 <= x <= lon1 and lat0 <= y <= lat1):
        return False
    for rings in region.polygons:
        if rings and _ring_contains(rings[0], x, y) and not any(_ring_contains(h, x, y) for h in rings[1:]):
            return True
    return False


def _regions_from_geojson(path: Path) -> list[Region]:
    """Provinces with polygons from a GeoJSON file (empty list if unusable)."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    known = {code: (en, zh) for code, en, zh, _, _ in PROVINCES}
    regions = []
    for position, feature in enumerate(collection.get("features") or []):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        if geometry.get("type") == "Polygon":
            polys = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            polys = geometry["coordinates"]
        else:
            continue
        polygons = tuple(tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in poly) for poly in polys)
        points = [p for poly in polygons for ring in poly[:1] for p in ring]
        if not points:
            continue
        code = str(props.get("adcode") or "")[:2]
        if not (len(code) == 2 and code.isdigit()):
            code = f"{11 + position % 80:02d}"
        en, zh = known.get(code, ("", ""))
        name_zh = str(props.get("name_zh") or props.get("name") or zh or f"省{code}")
        name_en = str(props.get("name_en") or en or f"Province {code}")
        bbox = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
        regions.append(Region(code, name_en, name_zh, polygons, bbox))
    return regions


def _placer(rng: random.Random, boundaries: Path | None):
    """A function giving (lon, lat, region) for each new city."""
    regions = _regions_from_geojson(boundaries) if boundaries is not None and boundaries.is_file() else []
    if regions:
        # Pick a province weighted by its bounding-box area, then a point in it (rejection sampling).
        weights = [max(0.05, (r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1])) for r in regions]

        def place_on_land() -> tuple[float, float, Region]:
            for _ in range(200):
                region = rng.choices(regions, weights)[0]
                lon0, lat0, lon1, lat1 = region.bbox
                for _ in range(50):
                    x, y = rng.uniform(lon0, lon1), rng.uniform(lat0, lat1)
                    if _region_contains(region, x, y):
                        return x, y, region
            raise RuntimeError("could not place a point inside the province polygons")

        return place_on_land
    fallback = [Region(code, en, zh) for code, en, zh, _, _ in PROVINCES]
    centres = [(lon, lat) for *_, lon, lat in PROVINCES]

    def place_in_box() -> tuple[float, float, Region]:
        x, y = rng.uniform(BOX[0], BOX[2]), rng.uniform(BOX[1], BOX[3])
        nearest = min(range(len(centres)), key=lambda i: (centres[i][0] - x) ** 2 + (centres[i][1] - y) ** 2)
        return x, y, fallback[nearest]

    return place_in_box


# ---------------------------------------------------------------------------- values


def _partial_date(rng: random.Random, first_year: int, last_year: int) -> str:
    year = rng.randint(first_year, last_year)
    kind = rng.random()
    if kind < 0.3:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if kind < 0.5:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def _year(text: str) -> int:
    return int(text[:4])


def _pick(rng: random.Random, pool: list[str], low: int, high: int) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(low, high)))


def _unique_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (pinyin-like, Chinese) city names."""
    seen: set[str] = set()
    names = []
    while len(names) < count:
        parts = rng.sample(SYLLABLES, 2 if rng.random() < 0.5 else 3)
        en = "".join(p for p, _ in parts).capitalize()
        if en in seen:
            continue
        seen.add(en)
        names.append((en, "".join(z for _, z in parts)))
    return names


# ---------------------------------------------------------------------------- tables


def build_tables(scale: int, seed: int = 0, boundaries: Path | None = PROVINCES_GEOJSON) -> dict[str, list[dict]]:
    """The rows of every table (as dicts of CSV cells) at ``scale``."""
    counts = counts_for(scale)
    rng = random.Random(f"c40-bench:{scale}:{seed}")
    place = _placer(rng, boundaries)

    source_ids = [f"S{i}" for i in range(1, counts.sources + 1)]
    sources = []
    for number, source_id in enumerate(source_ids, start=1):
        topic = TOPICS[number % len(TOPICS)][0]
        sources.append(
            {
                "source_id": source_id,
                "title": f"{topic}: report {number} on C40 cities in China",
                "publisher": rng.choice(PUBLISHERS),
                "url": f"https://example.org/c40-china/sources/{number}",
                "language": rng.choice(("en", "en", "zh", "en;de")),
                "published": _partial_date(rng, 2012, 2024) if rng.random() < 0.8 else "",
                "note": f"Synthetic source {number} for benchmarks" if rng.random() < 0.2 else "",
            }
        )

    cities = []
    for en, zh in _unique_names(rng, counts.cities):
        lon, lat, region = place()
        joined = _partial_date(rng, 2006, 2023) if rng.random() < 0.5 else ""
        note = rng.random() < 0.3 and not joined
        cities.append(
            {
                "city_id": en.lower(),
                "name_en": en,
                "name_zh": zh,
                "name_de": en,
                "region_en": region.name_en,
                "region_zh": region.name_zh,
                "region_de": region.name_en,
                "adcode": f"{region.code}{rng.randint(1, 90):02d}00",
                "latitude": f"{lat:.4f}",
                "longitude": f"{lon:.4f}",
                "joined_c40": joined,
                "joined_note_en": "Member before 2014; year of joining not stated" if note else "",
                "joined_note_zh": "2014年前已是成员；加入年份未说明" if note else "",
                "joined_note_de": "Mitglied vor 2014; Beitrittsjahr nicht angegeben" if note else "",
                "source_ids": ";".join(_pick(rng, source_ids, 1, 3)),
            }
        )
    city_ids = [c["city_id"] for c in cities]

    programmes = []
    for number in range(1, counts.programmes + 1):
        topic_en, topic_zh, topic_de = TOPICS[(number - 1) % len(TOPICS)]
        start = _partial_date(rng, 2010, 2023)
        end = _partial_date(rng, _year(start) + 1, _year(start) + 5) if rng.random() < 0.3 else ""
        programmes.append(
            {
                "programme_id": f"prog-{number:03d}",
                "name_en": f"{topic_en} Programme {number}",
                "name_zh": f"{topic_zh}项目{number}",
                "name_de": f"Programm {topic_de} {number}",
                "short_en": f"{topic_en} {number}" if rng.random() < 0.7 else "",
                "short_zh": f"{topic_zh}{number}",
                "short_de": f"{topic_de} {number}",
                "kind": "office" if number == 1 else "programme",
                "start": start,
                "end": end,
                "participants": rng.choice(("listed", "not stated", "")),
                "summary_en": SUMMARY_EN.format(topic=topic_en.lower()),
                "summary_zh": SUMMARY_ZH.format(topic=topic_zh),
                "summary_de": SUMMARY_DE.format(topic=topic_de),
                "source_ids": ";".join(_pick(rng, source_ids, 1, 3)),
            }
        )
    programme_ids = [p["programme_id"] for p in programmes]

    focus_areas = []
    areas_of: dict[str, list[str]] = {p: [] for p in programme_ids}
    for number in range(1, counts.focus_areas + 1):
        # The first areas give each programme one; the rest go to random programmes.
        owner = programme_ids[number - 1] if number <= len(programme_ids) else rng.choice(programme_ids)
        topic_en, topic_zh, topic_de = TOPICS[rng.randrange(len(TOPICS))]
        area_id = f"area-{number:04d}"
        areas_of[owner].append(area_id)
        focus_areas.append(
            {
                "focus_area_id": area_id,
                "programme_id": owner,
                "name_en": f"{topic_en} {number}",
                "name_zh": f"{topic_zh}{number}",
                "name_de": f"{topic_de} {number}",
                "status": "explored" if rng.random() < 0.15 else "core",
                "description_en": f"Helping cities with {topic_en.lower()} (area {number}).",
                "description_zh": f"帮助城市推进{topic_zh}（领域{number}）。",
                "description_de": f"Unterstützung der Städte bei {topic_de} (Bereich {number}).",
                "source_ids": ";".join(_pick(rng, source_ids, 1, 3)),
            }
        )

    participation = []
    pairs: set[tuple[str, str]] = set()
    by_id = {c["city_id"]: c for c in cities}
    while len(participation) < counts.participation:
        programme_id, city_id = rng.choice(programme_ids), rng.choice(city_ids)
        if (programme_id, city_id) in pairs:
            continue
        pairs.add((programme_id, city_id))
        limited = rng.random() < 0.25
        district = rng.randint(1, 99)
        programme_start = _year(next(p["start"] for p in programmes if p["programme_id"] == programme_id))
        participation.append(
            {
                "programme_id": programme_id,
                "city_id": city_id,
                "scope_en": f"District {district} only" if limited else "",
                "scope_zh": f"仅第{district}区" if limited else "",
                "scope_de": f"Nur Bezirk {district}" if limited else "",
                "scope_adcode": f"{by_id[city_id]['adcode'][:4]}{district:02d}" if limited else "",
                "focus_area_ids": ";".join(_pick(rng, areas_of[programme_id], 1, 2)),
                "start": _partial_date(rng, programme_start, programme_start + 2),
                "source_ids": ";".join(_pick(rng, source_ids, 1, 3)),
            }
        )

    milestones = []
    for number in range(1, counts.milestones + 1):
        programme_id = rng.choice(programme_ids) if rng.random() < 0.6 else ""
        named = _pick(rng, city_ids, 0, 3)
        subject = ", ".join(by_id[c]["name_en"] for c in named) or "C40"
        subject_zh = "、".join(by_id[c]["name_zh"] for c in named) or "C40"
        milestones.append(
            {
                "milestone_id": f"m-{number:05d}",
                "date": _partial_date(rng, 2008, 2024),
                "kind": MILESTONE_KINDS[number % len(MILESTONE_KINDS)],
                "programme_id": programme_id,
                "city_ids": ";".join(named),
                "title_en": f"{subject}: milestone {number} of the C40 China network",
                "title_zh": f"{subject_zh}：C40中国网络第{number}个里程碑",
                "title_de": f"{subject}: Meilenstein {number} des C40-China-Netzwerks",
                "certainty": "verified" if rng.random() < 0.8 else "reported",
                "source_ids": ";".join(_pick(rng, source_ids, 1, 2)),
            }
        )

    return {
        "sources": sources,
        "cities": cities,
        "programmes": programmes,
        "focus_areas": focus_areas,
        "participation": participation,
        "milestones": milestones,
    }


_HEADERS: dict[str, TableSpec] = {
    spec.name: spec for spec in (SOURCES, CITIES, PROGRAMMES, FOCUS_AREAS, PARTICIPATION, MILESTONES)
}


def _header(spec: TableSpec, rows: list[dict]) -> list[str]:
    """Required columns in schema order, then the optional columns the rows use."""
    present = set(rows[0]) if rows else set(spec.columns)
    return [*spec.columns, *(c for c in spec.optional if c in present)]


def to_csv(spec: TableSpec, rows: list[dict]) -> bytes:
    """One table as UTF-8 CSV bytes with ``\\n`` line ends."""
    header = _header(spec, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8")


def generate(scale: int, out_dir: Path, seed: int = 0, boundaries: Path | None = PROVINCES_GEOJSON) -> Counts:
    """Write a valid data directory at ``scale`` × the real data into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = build_tables(scale, seed, boundaries)
    for name, rows in tables.items():
        spec = _HEADERS[name]
        (out_dir / spec.file_name).write_bytes(to_csv(spec, rows))
    return counts_for(scale)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.generate --scale 10 --out DIR [--seed 0]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="multiple of the real data (1, 10, 100, 1000)")
    parser.add_argument("--out", type=Path, required=True, help="data directory to write (created)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = generate(args.scale, args.out, args.seed)
    print(f"{args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Seeded synthetic data directories: N Japanese-partner city pairs that pass the real data contract.

The benchmark measures the real code path (validate -> load_dataset -> select_links -> build_network -> map), so
the synthetic network is written as the four CSVs of ``data/`` and loaded with :func:`c2c.core.dataset.load_dataset`
(or served to the real app with ``C2C_DATA_DIR``).

Shape (deterministic for a given ``n_pairs`` and ``seed``):

* ``n_pairs`` distinct (Japanese place, partner place) pairs: each is exactly one line on the map;
* Japanese municipalities scattered over Japan (at most 1,741, the number of Japanese municipalities);
* partner places in ~40 countries on every continent, including the Americas, Pacific islands on both sides of
  the antimeridian (Fiji, Samoa, Hawaii), Europe and Africa, so the antimeridian unwrapping is exercised;
* about 80 % of pairs are dated (one project row per fiscal year, a fifth of them with a second year),
  the rest are undated participation-list rows, like the bundled data;
* titles, lead organisations and summaries about as long as the bundled data's.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from c2c.core import schema

# code, name_ja, name_en, centre lat, centre lon, spread (deg), JCM partner
COUNTRIES = [
    ("VN", "ベトナム", "Viet Nam", 16.0, 107.0, 4.0, True),
    ("TH", "タイ", "Thailand", 15.0, 101.0, 3.5, True),
    ("ID", "インドネシア", "Indonesia", -3.0, 115.0, 8.0, True),
    ("MY", "マレーシア", "Malaysia", 3.5, 106.0, 4.0, True),
    ("PH", "フィリピン", "Philippines", 12.0, 122.0, 4.0, True),
    ("KH", "カンボジア", "Cambodia", 12.5, 104.8, 1.5, True),
    ("LA", "ラオス", "Lao PDR", 18.5, 103.5, 2.0, True),
    ("MM", "ミャンマー", "Myanmar", 19.5, 96.0, 3.5, True),
    ("MN", "モンゴル", "Mongolia", 47.0, 104.0, 4.0, True),
    ("BD", "バングラデシュ", "Bangladesh", 23.7, 90.3, 1.5, True),
    ("IN", "インド", "India", 21.0, 78.0, 6.0, True),
    ("LK", "スリランカ", "Sri Lanka", 7.5, 80.7, 0.8, True),
    ("MV", "モルディブ", "Maldives", 3.2, 73.2, 0.5, True),
    ("KR", "大韓民国", "Republic of Korea", 36.5, 127.8, 1.5, False),
    ("CN", "中国", "China", 32.0, 112.0, 8.0, False),
    ("TW", "台湾", "Taiwan", 23.7, 121.0, 1.0, False),
    ("PW", "パラオ", "Palau", 7.4, 134.5, 0.3, True),
    ("FJ", "フィジー", "Fiji", -17.8, 178.1, 1.2, False),  # straddles the antimeridian
    ("WS", "サモア", "Samoa", -13.8, -172.0, 0.5, False),
    ("AU", "オーストラリア", "Australia", -28.0, 140.0, 9.0, True),
    ("NZ", "ニュージーランド", "New Zealand", -41.0, 174.0, 3.0, False),
    ("US", "アメリカ合衆国", "United States", 38.0, -98.0, 13.0, False),  # Hawaii to Maine
    ("CA", "カナダ", "Canada", 50.0, -100.0, 12.0, False),
    ("MX", "メキシコ", "Mexico", 22.0, -101.0, 5.0, True),
    ("CR", "コスタリカ", "Costa Rica", 9.9, -84.0, 0.8, True),
    ("CL", "チリ", "Chile", -33.0, -71.0, 6.0, True),
    ("BR", "ブラジル", "Brazil", -12.0, -50.0, 10.0, False),
    ("AR", "アルゼンチン", "Argentina", -35.0, -64.0, 6.0, False),
    ("PE", "ペルー", "Peru", -10.0, -76.0, 4.0, False),
    ("GB", "英国", "United Kingdom", 53.0, -2.0, 2.5, False),
    ("FR", "フランス", "France", 46.5, 2.5, 3.0, False),
    ("DE", "ドイツ", "Germany", 51.0, 10.0, 2.5, False),
    ("ES", "スペイン", "Spain", 40.0, -3.5, 3.0, False),
    ("IT", "イタリア", "Italy", 42.5, 12.5, 3.0, False),
    ("SE", "スウェーデン", "Sweden", 60.0, 16.0, 4.0, False),
    ("KE", "ケニア", "Kenya", 0.5, 37.5, 2.5, True),
    ("ZA", "南アフリカ", "South Africa", -29.0, 25.0, 4.0, False),
    ("NG", "ナイジェリア", "Nigeria", 9.0, 8.0, 3.5, False),
    ("EG", "エジプト", "Egypt", 27.0, 30.0, 3.0, False),
    ("SA", "サウジアラビア", "Saudi Arabia", 24.0, 45.0, 4.0, True),
]
# Roughly where the bundled data's partners are: most in Asia, a long tail elsewhere.
_WEIGHTS = {"VN": 8, "TH": 7, "ID": 7, "MY": 6, "PH": 6, "KH": 3, "LA": 2, "MM": 3, "MN": 3, "IN": 4, "CN": 6,
            "KR": 5, "TW": 3, "US": 6, "CA": 2, "BR": 3, "CL": 2, "MX": 2, "FR": 2, "DE": 2, "GB": 2, "AU": 3}

JAPAN_MUNICIPALITIES = 1741
FIRST_YEAR, LAST_YEAR = schema.MIN_FISCAL_YEAR, 2025
UNDATED_SHARE = 0.2
SECOND_YEAR_SHARE = 0.2

_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
_TOPICS_JA = ["脱炭素都市形成支援事業", "廃棄物発電導入促進事業", "省エネ建築普及事業", "再生可能エネルギー導入支援事業",
              "スマート交通システム構築事業", "上下水道インフラ高度化事業", "工業団地の低炭素化推進事業"]
_TOPICS_EN = ["zero-carbon city development", "waste-to-energy deployment", "energy-efficient buildings",
              "renewable energy introduction", "smart transport systems", "water and sewerage upgrades",
              "low-carbon industrial parks"]


def _kana(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_KANA) for _ in range(n))


def _latin(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("aeioukstnhmrgbdpz") for _ in range(n)).capitalize()


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_synthetic_data(directory: str | Path, n_pairs: int, seed: int = 20240601) -> Path:
    """Write a valid data directory with exactly ``n_pairs`` distinct Japanese-partner pairs; return its path."""
    rng = random.Random(f"{seed}-{n_pairs}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)

    n_jp = min(JAPAN_MUNICIPALITIES, max(10, n_pairs // 5))
    n_partner = max(20, n_pairs // 3)
    if n_jp * n_partner < n_pairs:
        raise ValueError(f"cannot make {n_pairs} distinct pairs from {n_jp} x {n_partner} places")

    cities: list[list[object]] = []
    jp_ids = []
    for i in range(n_jp):
        # Honshu-Kyushu-Hokkaido band: a rough diagonal from (31N, 130E) to (44N, 145E)
        t = rng.random()
        lat = 31.5 + 12.0 * t + rng.uniform(-1.2, 1.2)
        lon = 130.5 + 13.5 * t + rng.uniform(-1.2, 1.2)
        place_id = f"jp-m{i:04d}"
        name = _kana(rng, rng.randint(2, 4))
        cities.append([place_id, "japan", f"{name}市", f"{_latin(rng, 6)} City", "", "JP", "city",
                       f"{lat:.5f}", f"{lon:.5f}", "manual", "synthetic"])
        jp_ids.append(place_id)

    weights = [_WEIGHTS.get(code, 1) for code, *_ in COUNTRIES]
    partner_ids = []
    for i in range(n_partner):
        code, name_ja, name_en, c_lat, c_lon, spread, _ = rng.choices(COUNTRIES, weights)[0]
        lat = max(-89.0, min(89.0, c_lat + rng.gauss(0, spread / 2)))
        lon = c_lon + rng.gauss(0, spread / 2)
        lon = (lon + 180.0) % 360.0 - 180.0  # stays in [-180, 180): Fiji and Samoa straddle the antimeridian
        place_id = f"{code.lower()}-p{i:05d}"
        name = _kana(rng, rng.randint(3, 5))
        cities.append([place_id, "partner", f"{name}市", f"{_latin(rng, 7)} City", _latin(rng, 7), code, "city",
                       f"{lat:.5f}", f"{lon:.5f}", "manual", "synthetic"])
        partner_ids.append(place_id)

    pairs: set[tuple[str, str]] = set()
    while len(pairs) < n_pairs:  # a few busy Japanese cities, a long tail, like the real programme
        jp = jp_ids[min(int(rng.paretovariate(1.2)) - 1, n_jp - 1) if rng.random() < 0.3 else rng.randrange(n_jp)]
        pairs.add((jp, rng.choice(partner_ids)))

    projects: list[list[object]] = []
    for k, (jp, partner) in enumerate(sorted(pairs)):
        topic = rng.randrange(len(_TOPICS_JA))
        org_ja = f"株式会社{_kana(rng, 4)}コンサルタンツ"
        org_en = f"{_latin(rng, 8)} Consultants Co., Ltd."
        if rng.random() < UNDATED_SHARE:
            years = [None]
        else:
            first = rng.randint(FIRST_YEAR, LAST_YEAR)
            years = [first]
            if rng.random() < SECOND_YEAR_SHARE and first < LAST_YEAR:
                years.append(rng.randint(first + 1, LAST_YEAR))
        for n, year in enumerate(years):
            evidence = "participation_list" if year is None else "listed"
            project_id = f"pl-{k:05d}" if year is None else f"fy{year}-s{k:05d}-{n}"
            title_ja = f"{_kana(rng, 4)}市における{_TOPICS_JA[topic]}" if year is not None else ""
            title_en = f"{_TOPICS_EN[topic].capitalize()} in {_latin(rng, 7)}" if year is not None else ""
            projects.append([project_id, "" if year is None else year, jp, partner, title_ja, title_en,
                             "translation" if year is not None else "", org_ja if year else "", org_en if year else "",
                             "", "要約" * 20 if year else "", "Summary " * 10 if year else "", evidence,
                             "synthetic", ""])

    _write(directory / "countries.csv", [c.name for c in schema.COUNTRIES.columns],
           [["JP", "日本", "Japan", "false", ""]]
           + [[code, ja, en, "true" if jcm else "false", ""] for code, ja, en, *_, jcm in COUNTRIES])
    _write(directory / "cities.csv", [c.name for c in schema.CITIES.columns], cities)
    _write(directory / "projects.csv", [c.name for c in schema.PROJECTS.columns], projects)
    _write(directory / "fiscal_years.csv", [c.name for c in schema.FISCAL_YEARS.columns],
           [[y, "", "", "", "", "", "synthetic programme", "synthetic", ""] for y in range(FIRST_YEAR, LAST_YEAR + 1)])
    _write(directory / "sources.csv", [c.name for c in schema.SOURCES.columns],
           [["synthetic", "publication", "", "", "［合成データ］", "[synthetic data]", "", "", "", ""]])
    return directory


def load_synthetic(directory: str | Path, n_pairs: int, seed: int = 20240601):
    """Write and load a synthetic dataset through the real loader (validation included)."""
    from c2c.core.dataset import load_dataset

    return load_dataset(write_synthetic_data(directory, n_pairs, seed))

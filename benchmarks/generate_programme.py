"""Write a synthetic programme in the project's own data format, at any size, for benchmarks and tests.

    .venv/bin/python benchmarks/generate_programme.py --initiatives 900 --mentions 5000 OUT_DIR

The folder gets ``programme.yaml``, ``sources.csv``, ``initiatives.csv``, ``involvements.csv`` and
``interpretations.csv``, as ``vsv-analysis init`` lays them out, and reads through ``vsv-analysis validate``
with the built-in Brabant reference:

- initiatives of the shipped kinds (pilots most often), with themes, spread over four dated sources;
- initiative sizes log-normal (sigma 1, as in ``bench_measures.py``), so a few initiatives name dozens of
  municipalities and most name a handful;
- the municipalities are the real ones of the geography year, chosen with a weight that grows with their
  population (larger municipalities take part more often), under their official names, and sometimes
  under a spelling the reference knows as an alias ("Den Bosch");
- about one mention in ten is another party (the province, a foundation, a company), one in forty a region
  (some counted for their members), a few are a name the reference lists as unknown;
- about one initiative in fifty gives a number of municipalities without naming them.

Nothing here describes a real programme: the names are made up, the numbers drawn at random (``--seed``).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

__all__ = ["SIZES", "generate"]

SIZES = {"builtin": None, "900": (900, 5_000), "4500": (4_500, 25_000), "9000": (9_000, 50_000)}
"""The benchmark's sizes: initiatives and mentions (``builtin`` is the data in ``data/``)."""

KINDS = (("pilot", 0.45), ("proeftuin", 0.2), ("method", 0.15), ("network", 0.1), ("programme", 0.05),
         ("fund", 0.05))
KIND_WORDS = {"pilot": "Pilot", "proeftuin": "Proeftuin", "method": "Methode", "network": "Netwerk",
              "programme": "Programma", "fund": "Fonds"}
THEMES = ("Armoede", "Energie", "Wonen", "Zorg", "Jeugd", "Werk", "Leefbaarheid", "Vergroening", "Taal",
          "Veiligheid", "Cultuur", "Sport")
WORDS = ("Samen", "Dichtbij", "Thuis", "Vooruit", "Buurt", "Dorp", "Wijk", "Netwerk", "Kracht", "Kompas")
ROLES = (("partner", 0.6), ("participant", 0.15), ("co-designer", 0.05), ("executor", 0.04), ("funder", 0.03),
         ("member", 0.04), ("exploring", 0.03), ("requester", 0.02), ("observer", 0.04))
PARTIES = (("Provincie Noord-Brabant", "province", "funder"), ("Stichting Buurtwerk Brabant", "foundation", "executor"),
           ("Stichting Samen Sterk", "foundation", "partner"), ("Bouwbedrijf De Hoeksteen", "company", "partner"),
           ("Energiecoöperatie Zuid", "company", "partner"), ("Bewonersgroep De Linde", "residents-group", "partner"))
REGIONS = (("Regio West-Brabant", "yes"), ("Metropoolregio Eindhoven", "no"), ("B5-gemeenten", "no"),
           ("gemeenten in West-Brabant", "yes"))
ALIASES = {"'s-Hertogenbosch": "Den Bosch", "Meierijstad": "Meijerijstad",
           "Nuenen, Gerwen en Nederwetten": "Nuenen c.a."}
UNKNOWN = ("Galderen", "municipality")
SOURCES = (("jaarverslag-2022", "Jaarverslag 2022", "het jaarverslag 2022", "2022-12-31"),
           ("jaarverslag-2023", "Jaarverslag 2023", "het jaarverslag 2023", "2023-12-31"),
           ("jaarverslag-2024", "Jaarverslag 2024", "het jaarverslag 2024", "2024-12-31"),
           ("subsidieregister", "Subsidieregister", "het subsidieregister", ""))


def _municipalities(year: int) -> tuple[list[str], np.ndarray]:
    from vsv_analysis.geography.reference import load_reference

    reference = load_reference(year=year)
    table = reference.municipalities
    weight = table["population"].fillna(table["population"].median()).to_numpy(float) ** 0.7
    return list(table["name"]), weight / weight.sum()


def _sizes(rng: np.random.Generator, count: int, total: int, cap: int) -> np.ndarray:
    """``count`` log-normal sizes between 1 and ``cap`` that add up to about ``total``."""
    raw = rng.lognormal(mean=0.0, sigma=1.0, size=count)
    sizes = np.clip(np.round(raw * total / raw.sum()), 1, cap).astype(int)
    for _ in range(20):  # clipping moves the sum; a few rescalings bring it back
        gap = total - sizes.sum()
        if abs(gap) <= count // 100:
            break
        sizes = np.clip(np.round(sizes * (1 + gap / sizes.sum())), 1, cap).astype(int)
    return sizes


def _choice(rng: np.random.Generator, options, size=None):
    values, weights = zip(*options)
    weights = np.asarray(weights, dtype=float)
    picked = rng.choice(len(values), size=size, p=weights / weights.sum())
    return values[picked] if size is None else [values[i] for i in picked]


def generate(folder: Path, initiatives: int, mentions: int, seed: int = 1, year: int = 2026) -> Path:
    """Write a programme of ``initiatives`` initiatives and about ``mentions`` mentions into ``folder``.

    The folder is made when missing and must hold no evidence files yet. Returns it.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any((folder / name).exists() for name in ("initiatives.csv", "involvements.csv")):
        raise FileExistsError(f"{folder} already holds evidence files")
    rng = np.random.default_rng(seed)
    names, weight = _municipalities(year)
    municipal_share = 0.87
    sizes = _sizes(rng, initiatives, max(initiatives, round(mentions * municipal_share)), len(names))
    kinds = _choice(rng, KINDS, initiatives)
    width = len(str(initiatives))
    (folder / "programme.yaml").write_text(
        "# A synthetic programme for benchmarks (benchmarks/generate_programme.py); nothing here is real.\n"
        "name: Proefprogramma Schaalbaar Samenwerken\nshort_name: PSS\nowner: Stichting Proefdata\n"
        "commissioned_by: de stuurgroep van het proefprogramma\naudience: leden van de stuurgroep\n",
        encoding="utf-8")
    with open(folder / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["source_id", "title", "referred_to_as", "author", "date", "date_is_inferred", "date_basis",
                         "note"])
        writer.writerows([sid, title, called, "Stichting Proefdata", date, "no", "", "synthetic"]
                         for sid, title, called, date in SOURCES)
    initiative_rows, mention_rows = [], []
    for index in range(initiatives):
        initiative_id = f"i{index:0{width}d}"
        kind = kinds[index]
        source = SOURCES[int(rng.integers(len(SOURCES)))][0]
        themes = "|".join(sorted(rng.choice(THEMES, size=int(rng.integers(0, 3)), replace=False)))
        reported = int(rng.integers(2, 12)) if rng.random() < 0.02 else ""
        name = f"{KIND_WORDS[kind]} {WORDS[index % len(WORDS)]} {THEMES[(index // len(WORDS)) % len(THEMES)]} " \
               f"{index + 1}"
        initiative_rows.append([initiative_id, name, kind, source, str(index + 1), name, themes, reported,
                                "participant" if reported else "", "2022-2024",
                                f"Een synthetisch initiatief rond {THEMES[index % len(THEMES)].lower()}."])
        chosen = rng.choice(len(names), size=int(sizes[index]), replace=False, p=weight)
        roles = _choice(rng, ROLES, len(chosen))
        for municipality, role in zip(chosen, roles):
            written = names[municipality]
            if written in ALIASES and rng.random() < 0.2:
                written = ALIASES[written]
            mention_rows.append([initiative_id, written, "municipality", role, ""])
        extra = rng.random()
        if extra < 0.6:
            party, party_kind, role = PARTIES[int(rng.integers(len(PARTIES)))]
            mention_rows.append([initiative_id, party, party_kind, role, ""])
        if extra < 0.12:
            region, expand = REGIONS[int(rng.integers(len(REGIONS)))]
            mention_rows.append([initiative_id, region, "region", "participant", expand])
        if rng.random() < 0.004:
            mention_rows.append([initiative_id, UNKNOWN[0], UNKNOWN[1], "partner", ""])
    with open(folder / "initiatives.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["initiative_id", "initiative_name", "kind", "source_id", "source_section", "source_heading",
                         "themes", "reported_municipalities", "reported_municipalities_role", "period",
                         "description"])
        writer.writerows(initiative_rows)
    with open(folder / "involvements.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["mention_id", "initiative_id", "name_as_written", "party_kind", "role", "expand_to_members",
                         "event_date", "note", "source_id"])
        digits = len(str(len(mention_rows)))
        writer.writerows([f"V{number:0{digits}d}", *row, "", "", ""] for number, row in enumerate(mention_rows, 1))
    with open(folder / "interpretations.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["interpretation_id", "is_uncertain", "topic", "explanation", "mention_ids", "initiative_id"])
        writer.writerow(["regio", "yes", "Regio's", "Waar een bron een regio noemt, staat niet welke gemeenten "
                         "meedoen.", "", ""])
        writer.writerow(["schaal", "no", "Eén regel per vermelding", "Elke vermelding is één regel.", "", ""])
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--initiatives", type=int, required=True)
    parser.add_argument("--mentions", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    generate(args.folder, args.initiatives, args.mentions, args.seed, args.year)
    print(f"wrote {args.folder}")


if __name__ == "__main__":
    main()

"""Benchmark the measure families on a synthetic national-scale network.

Run from the project root (not part of the test suite):

    .venv/bin/python benchmarks/bench_measures.py [--null-models 19] [--seed 1]

Generates 342 municipalities and 5,000 initiatives with about 50,000 edges (initiative
sizes skewed, larger municipalities more often involved), times each measure family,
and times networkx's own ``overlap_weighted_projected_graph`` on the same input for
comparison with the sparse overlap. Coverage is timed through the real loading path:
a synthetic evidence folder with 5,000 initiatives and 50,000 mentions over the 56
Brabant municipalities, loaded, checked and resolved, then measured.
Prints a Markdown table for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import platform
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.geography.reference import load_reference
from vsv_analysis.measures.centrality import bridging_municipalities, centrality_table
from vsv_analysis.measures.coverage import concentration, coverage_table
from vsv_analysis.measures.overlap import initiative_overlap, municipality_communities, nestedness

MUNICIPALITIES = 342
INITIATIVES = 5_000
TARGET_EDGES = 50_000


def synthetic_sizes(rng: np.random.Generator, count: int, mean: float, cap: int) -> np.ndarray:
    sizes = np.clip(np.round(rng.lognormal(mean=np.log(mean) - 0.5, sigma=1.0, size=count)), 1, cap).astype(int)
    return sizes


def synthetic_graph(seed: int) -> nx.Graph:
    rng = np.random.default_rng(seed)
    popularity = 1.0 / np.arange(1, MUNICIPALITIES + 1) ** 0.8  # Zipf-like: big cities take part more often
    popularity /= popularity.sum()
    sizes = synthetic_sizes(rng, INITIATIVES, TARGET_EDGES / INITIATIVES, MUNICIPALITIES)
    G = nx.Graph()
    G.add_nodes_from((f"I{i:05d}", {"bipartite": 0, "name": f"Initiative {i}"}) for i in range(INITIATIVES))
    G.add_nodes_from((f"GM{m:04d}", {"bipartite": 1, "name": f"Municipality {m}", "is_resolved": True})
                     for m in range(MUNICIPALITIES))
    for i, size in enumerate(sizes):
        chosen = rng.choice(MUNICIPALITIES, size=size, replace=False, p=popularity)
        G.add_edges_from(((f"I{i:05d}", f"GM{m:04d}") for m in chosen), weight=1.0)
    return G


def synthetic_data_dir(folder: Path, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    names = list(load_reference(year=2022).municipalities["name"])
    sizes = synthetic_sizes(rng, INITIATIVES, TARGET_EDGES / INITIATIVES, len(names))
    with open(folder / "initiatives.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["initiative_id", "initiative_name", "kind", "source_id", "reported_municipalities",
                         "reported_municipalities_role", "description"])
        writer.writerows([f"i{i}", f"Initiative {i}", "pilot", "synthetic", "", "", "synthetic"]
                         for i in range(INITIATIVES))
    with open(folder / "involvements.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["mention_id", "initiative_id", "name_as_written", "party_kind", "role"])
        mention = 0
        for i, size in enumerate(sizes):
            for index in rng.choice(len(names), size=size, replace=False):
                writer.writerow([f"m{mention}", f"i{i}", names[index], "municipality", "partner"])
                mention += 1
    (folder / "sources.csv").write_text("source_id,title\nsynthetic,Synthetic benchmark data\n", encoding="utf-8")
    return folder


def timed(label: str, results: list, function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    results.append((label, time.perf_counter() - start))
    print(f"{label}: {results[-1][1]:.2f} s", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--null-models", type=int, default=19)
    parser.add_argument("--skip-networkx", action="store_true", help="skip the slow networkx comparison")
    args = parser.parse_args()

    results: list[tuple[str, float]] = []
    G = timed("build synthetic graph", results, synthetic_graph, args.seed)
    print(f"graph: {INITIATIVES} initiatives, {MUNICIPALITIES} municipalities, {G.number_of_edges()} edges")
    table = timed("centrality: centrality_table (all measures, ranks)", results, centrality_table, G)
    print(f"  betweenness method: {table['betweenness_method'].iloc[0]}")
    timed("centrality: bridging_municipalities", results, bridging_municipalities, G)
    pairs = timed("overlap: initiative_overlap (sparse, all sharing pairs)", results, initiative_overlap, G)
    print(f"  {len(pairs)} overlapping initiative pairs")
    timed("overlap: municipality projection (newman) + Louvain", results, municipality_communities, G)
    if not args.skip_networkx:
        top = [n for n, b in G.nodes(data="bipartite") if b == 0]
        timed("overlap: networkx overlap_weighted_projected_graph (same input)", results,
              nx.bipartite.overlap_weighted_projected_graph, G, top)
    timed(f"nestedness: NODF + {args.null_models} curveball null models", results, nestedness, G,
          null_models=args.null_models, seed=args.seed)
    with tempfile.TemporaryDirectory() as folder:
        synthetic_data_dir(Path(folder), args.seed)
        data = timed("coverage: load + check + resolve 50,000 mentions", results, load_dataset, folder, 2022)
        timed("coverage: coverage_table (5 scenarios x 13 scopes)", results, coverage_table, data)
        timed("coverage: concentration (Gini, top-5)", results, concentration, data)

    print()
    print(f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"networkx {nx.__version__}, numpy {np.__version__}")
    print()
    print("| step | seconds |")
    print("|---|---:|")
    for label, seconds in results:
        print(f"| {label} | {seconds:.2f} |")


if __name__ == "__main__":
    main()

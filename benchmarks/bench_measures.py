"""Benchmark the measure families on a synthetic national-scale network.

Run from the project root (not part of the test suite):

    .venv/bin/python benchmarks/bench_measures.py [--null-models 19] [--seed 1]

Generates 342 municipalities and 5,000 initiatives with about 50,000 edges (initiative
sizes skewed, larger municipalities more often involved), times each measure family,
and times networkx's own ``overlap_weighted_projected_graph`` on the same input for
comparison with the sparse overlap, and igraph's betweenness, closeness and PageRank
(with the largest difference from ours). Nestedness is also timed at Brabant scale with
many initiatives (9,000 initiatives over 56 municipalities, about 50,000 edges), with
the effective sample size of its null models. Coverage is timed through the real loading
path: a synthetic evidence folder with 5,000 initiatives and 50,000 mentions over the 56
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
from vsv_analysis.measures.centrality import bridging_municipalities, centrality_table, pagerank
from vsv_analysis.measures.coverage import concentration, coverage_table
from vsv_analysis.measures.modularity import bipartite_communities, compare_with_projection
from vsv_analysis.measures.overlap import initiative_overlap, municipality_communities, nestedness
from vsv_analysis.measures.paths import _max_betweenness
from vsv_analysis.measures.projection import biadjacency, projection_matrix
from vsv_analysis.measures.significance import initiatives_needed, validated_pairs
from vsv_analysis.measures.specialisation import network_specialisation, node_specialisation

MUNICIPALITIES = 342
INITIATIVES = 5_000
TARGET_EDGES = 50_000


def synthetic_sizes(rng: np.random.Generator, count: int, mean: float, cap: int) -> np.ndarray:
    sizes = np.clip(np.round(rng.lognormal(mean=np.log(mean) - 0.5, sigma=1.0, size=count)), 1, cap).astype(int)
    return sizes


def synthetic_graph(seed: int, initiatives: int = INITIATIVES, municipalities: int = MUNICIPALITIES,
                    edges: int = TARGET_EDGES) -> nx.Graph:
    rng = np.random.default_rng(seed)
    popularity = 1.0 / np.arange(1, municipalities + 1) ** 0.8  # Zipf-like: big cities take part more often
    popularity /= popularity.sum()
    sizes = synthetic_sizes(rng, initiatives, edges / initiatives, municipalities)
    G = nx.Graph()
    G.add_nodes_from((f"I{i:05d}", {"bipartite": 0, "name": f"Initiative {i}"}) for i in range(initiatives))
    G.add_nodes_from((f"GM{m:04d}", {"bipartite": 1, "name": f"Municipality {m}", "is_resolved": True})
                     for m in range(municipalities))
    for i, size in enumerate(sizes):
        chosen = rng.choice(municipalities, size=size, replace=False, p=popularity)
        G.add_edges_from(((f"I{i:05d}", f"GM{m:04d}") for m in chosen), weight=1.0)
    return G


def igraph_comparison(G: nx.Graph, table, results: list) -> None:
    """igraph's exact betweenness, closeness and PageRank on the same graph, timed, with the largest difference."""
    try:
        import igraph
    except ImportError:
        print("igraph not installed (it is in the dev extra): comparison skipped")
        return
    top = sorted((n for n, b in G.nodes(data="bipartite") if b == 0), key=str)
    bottom = sorted((n for n, b in G.nodes(data="bipartite") if b == 1), key=str)
    order = top + bottom
    index = {n: i for i, n in enumerate(order)}
    H = igraph.Graph(n=len(order), edges=[(index[u], index[v]) for u, v in G.edges()])
    raw = timed("igraph: betweenness (exact, same graph)", results, H.betweenness, directed=False)
    maximum = np.array([_max_betweenness(len(top), len(bottom))] * len(top)
                       + [_max_betweenness(len(bottom), len(top))] * len(bottom))
    ours = table.set_index("node").loc[order]
    difference = np.abs(np.array(raw) / maximum - ours["betweenness"]).max()
    print(f"  largest difference in normalised betweenness: {difference:.1e}")
    inverse = timed("igraph: closeness (distance sums)", results, H.closeness, normalized=False)
    # networkx's normalisation from igraph's distance sums: (m + 2 (n - 1)) / d * reached / (N - 1).
    reached = np.array([len(c) for c in H.connected_components()])[H.connected_components().membership] - 1
    own = np.array([len(top)] * len(top) + [len(bottom)] * len(bottom))
    other = np.array([len(bottom)] * len(top) + [len(top)] * len(bottom))
    with np.errstate(divide="ignore", invalid="ignore"):
        theirs = np.nan_to_num((other + 2 * (own - 1)) * np.array(inverse, dtype=float) * reached / (len(order) - 1))
    from vsv_analysis.measures.paths import bipartite_closeness
    mine = bipartite_closeness(G, normalisation="networkx")
    print(f"  largest difference in closeness (networkx's normalisation): "
          f"{np.abs(theirs - np.array([mine[n] for n in order])).max():.1e}")
    B, rows, _ = biadjacency(G)
    W = projection_matrix(B.T.tocsr(), "newman").tocoo()
    P = igraph.Graph(n=W.shape[0], edges=list(zip(W.row.tolist(), W.col.tolist())), directed=True)
    ranks = timed("igraph: PageRank on the municipality projection", results, P.pagerank, weights=W.data.tolist())
    print(f"  largest difference in PageRank: {np.abs(np.array(ranks) - pagerank(W.tocsr())).max():.1e}")


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
    parser.add_argument("--null-models", type=int, nargs="+", default=[19, 199],
                        help="numbers of null models to time nestedness with (each one a run)")
    parser.add_argument("--skip-networkx", action="store_true", help="skip the slow networkx comparison")
    parser.add_argument("--skip-igraph", action="store_true", help="skip the igraph comparison")
    args = parser.parse_args()

    results: list[tuple[str, float]] = []
    G = timed("build synthetic graph", results, synthetic_graph, args.seed)
    print(f"graph: {INITIATIVES} initiatives, {MUNICIPALITIES} municipalities, {G.number_of_edges()} edges")
    table = timed("centrality: centrality_table (all measures, exact betweenness, ranks)", results,
                  centrality_table, G)
    print(f"  betweenness method: {table['betweenness_method'].iloc[0]}")
    timed("centrality: bridging_municipalities", results, bridging_municipalities, G)
    if not args.skip_igraph:
        igraph_comparison(G, table, results)
    pairs = timed("overlap: initiative_overlap (sparse, all sharing pairs)", results, initiative_overlap, G)
    print(f"  {len(pairs)} overlapping initiative pairs")
    timed("overlap: municipality projection (newman) + Louvain", results, municipality_communities, G)
    if not args.skip_networkx:
        top = [n for n, b in G.nodes(data="bipartite") if b == 0]
        timed("overlap: networkx overlap_weighted_projected_graph (same input)", results,
              nx.bipartite.overlap_weighted_projected_graph, G, top)
    for nulls in args.null_models:
        nested = timed(f"nestedness: NODF + {nulls} curveball null models", results, nestedness, G,
                       null_models=nulls, seed=args.seed)
        print(f"  effective null models: {nested['effective_null_models'].iloc[0]:.0f} of {nulls}")
    brabant = synthetic_graph(args.seed, 9_000, 56, 50_000)
    print(f"Brabant-scale graph: 9000 initiatives, 56 municipalities, {brabant.number_of_edges()} edges")
    for nulls in args.null_models:
        nested = timed(f"nestedness at 9,000 x 56: NODF + {nulls} null models", results, nestedness, brabant,
                       null_models=nulls, seed=args.seed)
        print(f"  effective null models: {nested['effective_null_models'].iloc[0]:.0f} of {nulls}")
    pairs = timed("co-involvement: validated_pairs, municipalities (BiCM, exact p, BH)", results, validated_pairs, G)
    print(f"  {pairs.attrs['tests']} pairs tested, {pairs.attrs['significant']} significant")
    pairs = timed("co-involvement: validated_pairs, initiatives (in blocks)", results, validated_pairs, G, "initiative")
    print(f"  {pairs.attrs['sharing']} sharing pairs of {pairs.attrs['tests']}, "
          f"{pairs.attrs['significant']} significant")
    timed("co-involvement: initiatives_needed (no pair given)", results, initiatives_needed, G)
    brabant_pairs = timed("co-involvement at 9,000 x 56: validated_pairs, municipalities", results, validated_pairs,
                          brabant)
    print(f"  {brabant_pairs.attrs['significant']} of {brabant_pairs.attrs['tests']} pairs significant")
    groups = timed("groups: bipartite_communities (DIRTLPAwb+, Barber's Q)", results, bipartite_communities, G)
    print(f"  Q_B {groups.attrs['modularity']:.3f}, {groups.attrs['restarts']} restarts")
    timed("groups: compare_with_projection (Louvain scored by Q_B)", results, compare_with_projection, G,
          municipality_communities(G), groups)
    timed("specialisation: node_specialisation (d' of every node)", results, node_specialisation, G)
    timed("specialisation: network_specialisation (connectance, H2')", results, network_specialisation, G)
    with tempfile.TemporaryDirectory() as folder:
        synthetic_data_dir(Path(folder), args.seed)
        data = timed("coverage: load + check + resolve 50,000 mentions", results, load_dataset, folder, 2022)
        timed("coverage: coverage_table (5 scenarios x 13 scopes)", results, coverage_table, data)
        timed("coverage: concentration (Gini, top-5)", results, concentration, data)

    print()
    try:
        import igraph
        igraph_version = f", igraph {igraph.__version__}"
    except ImportError:
        igraph_version = ""
    print(f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"networkx {nx.__version__}, numpy {np.__version__}{igraph_version}")
    print()
    print("| step | seconds |")
    print("|---|---:|")
    for label, seconds in results:
        print(f"| {label} | {seconds:.2f} |")


if __name__ == "__main__":
    main()

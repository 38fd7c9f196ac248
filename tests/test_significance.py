"""The BiCM and the validated projection: hand values, brute force, scipy, and the bicm package itself."""

import itertools

import networkx as nx
import numpy as np
import pytest
from helpers import bipartite
from scipy import stats

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.measures.bicm import fit_bicm
from vsv_analysis.measures.pvalues import correct, shared_tail
from vsv_analysis.measures.significance import initiatives_needed, validated_pairs
from vsv_analysis.network import build_network

# The bicm package compiles with numba, which warns about a feature it calls experimental.
pytestmark = pytest.mark.filterwarnings("ignore:First-class function type feature is experimental")


def graph_of(M):
    G = nx.Graph()
    G.add_nodes_from((f"i{r:03d}" for r in range(M.shape[0])), bipartite=0)
    G.add_nodes_from((f"m{c:02d}" for c in range(M.shape[1])), bipartite=1)
    G.add_edges_from((f"i{r:03d}", f"m{c:02d}") for r, c in zip(*np.nonzero(M)))
    return G


def planted(seed=4):
    """150 initiatives, 15 municipalities; municipalities 3 and 4 always together in the first 40."""
    rng = np.random.default_rng(seed)
    M = (rng.random((150, 15)) < np.linspace(0.05, 0.5, 15)).astype(int)
    M[:40, 3] = M[:40, 4] = 1
    M[40:, 4] = 0
    return M[M.sum(axis=1) > 0]


def test_bicm_by_hand():
    # Rows 1, 1 and columns 1, 1: by symmetry every link has probability 1/2.
    assert fit_bicm([1, 1], [1, 1]).probabilities() == pytest.approx(np.full((2, 2), 0.5))
    # The staircase is the only matrix with its degrees: every probability is 0 or 1, and no solving is needed.
    staircase = fit_bicm([3, 2, 1], [3, 2, 1])
    assert staircase.probabilities().tolist() == [[1, 1, 1], [1, 1, 0], [1, 0, 0]]
    assert (staircase.iterations, staircase.max_error) == (0, 0.0)
    model = fit_bicm([0, 2, 1, 4], [2, 2, 1, 1, 1, 0])  # an empty row and column, and the rest fitted
    P = model.probabilities()
    assert P[0].sum() == 0 and P[:, 5].sum() == 0
    assert P.sum(axis=1) == pytest.approx([0, 2, 1, 4]) and P.sum(axis=0) == pytest.approx([2, 2, 1, 1, 1, 0])
    # p = x y / (1 + x y): the odds of a link are a row number times a column number.
    odds = P[1:, :5] / (1 - P[1:, :5])
    assert odds / odds[:, :1] == pytest.approx(np.tile(odds[0] / odds[0, 0], (3, 1)))


def test_bicm_matches_the_bicm_package():
    bicm = pytest.importorskip("bicm")
    rng = np.random.default_rng(0)
    for shape in ((30, 20), (200, 56)):
        M = (rng.random(shape) < 0.4 * rng.random(shape[1])).astype(int)
        M = M[M.sum(axis=1) > 0][:, M.sum(axis=0) > 0]
        theirs = bicm.BipartiteGraph(biadjacency=M)
        theirs.solve_tool(verbose=False, print_error=False)
        assert fit_bicm(M.sum(axis=1), M.sum(axis=0)).probabilities() == pytest.approx(
            theirs.get_bicm_matrix(), abs=1e-7)


def test_shared_tail_against_enumeration():
    rng = np.random.default_rng(1)
    q, counts = rng.random((3, 4)), np.array([1, 2, 0, 3])
    flips = np.repeat(np.arange(4), counts)  # one coin per column, columns of a class alike
    for d in range(3):
        exact = np.zeros(len(flips) + 1)
        for outcome in itertools.product([0, 1], repeat=len(flips)):
            exact[sum(outcome)] += np.prod([q[d, g] if o else 1 - q[d, g] for o, g in zip(outcome, flips)])
        for shared in range(1, len(flips) + 1):
            tail, is_exact = shared_tail(q[d:d + 1], counts, np.array([shared]))
            assert tail[0] == pytest.approx(exact[shared:].sum(), abs=1e-12) and is_exact[0]


def test_long_tails_use_the_refined_normal_approximation_close_to_exact():
    q, counts = np.array([[0.3, 0.6, 0.1]]), np.array([400, 300, 500])
    binom = stats.binom  # the sum of three binomials, by convolving their full probability tables
    pmf = np.convolve(np.convolve(binom.pmf(np.arange(401), 400, 0.3), binom.pmf(np.arange(301), 300, 0.6)),
                      binom.pmf(np.arange(501), 500, 0.1))
    tail, is_exact = shared_tail(np.repeat(q, 3, axis=0), counts, np.array([380, 401, 420]))
    assert is_exact.tolist() == [True, False, False]  # above EXACT_MAX_SHARED = 400
    assert tail[0] == pytest.approx(pmf[380:].sum(), rel=1e-12)
    assert tail[1:] == pytest.approx([pmf[401:].sum(), pmf[420:].sum()], rel=0.02)  # p = 2e-4 and 7e-7


def test_corrections_by_hand_and_as_scipy_computes_them():
    p = np.array([0.01, 0.02, 0.04])  # with one more test of p = 1
    adjusted, significant = correct(p, tests=4)
    assert adjusted == pytest.approx([0.04, 0.04, 0.04 * 4 / 3])  # 4 * 0.02 / 2 = 0.04; 4 * 0.04 / 3
    assert significant.tolist() == [True, True, False]  # 0.02 <= 2 * 0.05 / 4; 0.04 > 3 * 0.05 / 4
    assert adjusted == pytest.approx(stats.false_discovery_control(np.append(p, 1.0))[:3])
    rng = np.random.default_rng(2)
    many = rng.random(200) ** 3
    assert correct(many, tests=300)[0] == pytest.approx(
        stats.false_discovery_control(np.append(many, np.ones(100)))[:200])
    bonferroni, significant = correct(p, tests=4, correction="bonferroni")
    assert bonferroni == pytest.approx([0.04, 0.08, 0.16]) and significant.tolist() == [True, False, False]
    with pytest.raises(ValueError, match="correction must be one of bh, bonferroni"):
        correct(p, tests=4, correction="holm")


@pytest.mark.parametrize("correction, method", [("bh", "fdr"), ("bonferroni", "bonferroni")])
def test_validated_projection_matches_the_bicm_package(correction, method):
    bicm = pytest.importorskip("bicm")
    M = planted()
    mine = validated_pairs(graph_of(M), "municipality", correction=correction)
    theirs = bicm.BipartiteGraph(biadjacency=M)
    theirs.solve_tool(verbose=False, print_error=False)
    # progress_bar=True: bicm 3.4 computes no exact p-values without it when threads_num is 1
    theirs.compute_projection(rows=False, alpha=0.05, approx_method="poibin", threads_num=1, progress_bar=True,
                              validation_method=method)
    for row in mine.itertuples():
        a, b = int(row.node_a[1:]), int(row.node_b[1:])
        p = theirs.cols_pvals[a][b] if b in theirs.cols_pvals.get(a, {}) else theirs.cols_pvals[b][a]
        assert row.p_value == pytest.approx(p, rel=1e-6, abs=1e-9)  # both fits to about 1e-9
    validated = {tuple(sorted((int(a), int(b)))) for a, bs in theirs.projected_cols_adj_list.items() for b in bs}
    assert {(int(r.node_a[1:]), int(r.node_b[1:])) for r in mine[mine["is_significant"]].itertuples()} == validated
    assert validated == {(3, 4)}
    assert mine.attrs["tests"] == 15 * 14 // 2


def test_a_pair_that_always_goes_together():
    # Two municipalities in the same 12 initiatives of 30, the others spread: only that pair stands out.
    M = planted()
    table = validated_pairs(graph_of(M), "municipality")
    top = table.iloc[0]
    assert (top["name_a"], top["name_b"], top["shared"]) == ("m03", "m04", 40)
    assert top["expected_shared"] < 40 and top["is_significant"] and table.attrs["significant"] == 1


def test_vsv_is_too_small_for_any_pair():
    G = build_network(load_dataset(year=2022))
    municipalities = validated_pairs(G, "municipality")
    assert (municipalities.attrs["tests"], municipalities.attrs["significant"]) == (78, 0)  # 13 municipalities
    assert len(municipalities) == len(list(nx.bipartite.projected_graph(
        G, [n for n, b in G.nodes(data="bipartite") if b == 1]).edges()))
    initiatives = validated_pairs(G, "initiative")
    assert (len(initiatives), initiatives.attrs["significant"]) == (6, 0)  # 6 pairs share a municipality; none passes
    # Not even two municipalities that always appear together could pass: the data are too few. Repeating the
    # programme's pattern, the first pair passes at 6 times the 6 initiatives with municipalities.
    needed = initiatives_needed(G)
    assert (needed["possible"], needed["needed"], needed["initiatives"]) == (False, 36, 6)


def test_needed_is_none_when_nothing_exceeds_expectation():
    # Every municipality in every initiative: every pair shares exactly what the model expects.
    G = bipartite(["a", "b"], ["x", "y"], [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")])
    assert initiatives_needed(G)["needed"] is None
    assert validated_pairs(G).attrs["significant"] == 0


def test_many_pairs_are_tested_in_blocks_with_the_same_result(monkeypatch):
    from vsv_analysis.measures import significance

    G = graph_of(planted().T)  # 15 initiatives x 150 municipalities: the municipality side has 11,175 pairs
    everything = significance.validated_pairs(G, "municipality")
    monkeypatch.setattr(significance, "LIST_ALL_MAX_PAIRS", 0)
    monkeypatch.setattr(significance, "_BLOCK_CELLS", 2000)  # blocks of 13 rows
    blocked = significance.validated_pairs(G, "municipality")
    assert blocked.attrs["listed"] == "p <= alpha" and everything.attrs["listed"] == "all"
    assert blocked.attrs["sharing"] == len(everything) and blocked.attrs["tests"] == everything.attrs["tests"]
    small = everything[everything["p_value"] <= 0.05].reset_index(drop=True)
    assert blocked["p_value"].tolist() == pytest.approx(small["p_value"].tolist())
    assert blocked["is_significant"].tolist() == small["is_significant"].tolist()

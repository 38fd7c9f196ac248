"""Nestedness (NODF) and its null model: textbook matrices, vegan's values, and a chain tested for uniformity."""

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from helpers import bipartite
from scipy.stats import chisquare

from vsv_analysis.measures.nestedness import nestedness, nodf
from vsv_analysis.measures.nullmodels import (
    DEFAULT_BURN_IN,
    curveball,
    curveball_chain,
    curveball_entries,
    effective_sample_size,
)
from vsv_analysis.measures.projection import biadjacency


def test_nodf_textbook_matrices():
    assert nodf(np.triu(np.ones((4, 4)))[::-1])["nodf"] == 100.0  # perfectly nested staircase
    checkerboard = [[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]]
    assert nodf(checkerboard)["nodf"] == 0.0
    # Rows 3,1,1: pairs (0,1) and (0,2) fully nested (100), (1,2) equal totals (0): 200/3.
    # Columns 2,2,1: (0,1) equal (0), (0,2) and (1,2) nested (100): 200/3.
    result = nodf([[1, 1, 1], [1, 0, 0], [0, 1, 0]])
    assert result["nodf_rows"] == pytest.approx(200 / 3)
    assert result["nodf_columns"] == pytest.approx(200 / 3)
    assert result["nodf"] == pytest.approx(400 / 6)


def test_empty_rows_and_columns_dropped_or_kept():
    padded = [[1, 1, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]]
    dropped = nodf(padded)
    assert dropped["nodf"] == pytest.approx(400 / 6) and (dropped["rows"], dropped["columns"]) == (3, 3)
    # Kept (vegan): the same sums over 6 row pairs and 6 column pairs instead of 3 and 3.
    kept = nodf(padded, empty="keep")
    assert kept["nodf_rows"] == pytest.approx(200 / 6) and kept["nodf"] == pytest.approx(400 / 12)
    with pytest.raises(ValueError, match="empty must be one of drop, keep"):
        nodf(padded, empty="vegan")


def test_almeida_neto_example():
    # The 5 x 5 example of Almeida-Neto et al. (Oikos 117, 2008): NODF 58.33. By hand: the ten row pairs sum to
    # 533.3 (rows 53.33), the ten column pairs to 633.3 (columns 63.33).
    M = [[1, 0, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [1, 1, 0, 0, 0], [1, 1, 0, 0, 0]]
    result = nodf(M)
    assert result["nodf"] == pytest.approx(58.333333)
    assert (result["nodf_rows"], result["nodf_columns"]) == (pytest.approx(53.333333), pytest.approx(63.333333))


def test_vsv_nodf_as_vegan_computes_it(vsv):
    # vegan 2.6-4, nestednodf() on the 9 x 13 built-in matrix: 21.28654971 (three initiatives without municipalities
    # kept as empty rows); on its 6 non-empty rows: 26.09318996.
    B = biadjacency(vsv)[0]
    assert nodf(B, empty="keep")["nodf"] == pytest.approx(21.28654971, abs=1e-8)
    assert nodf(B)["nodf"] == pytest.approx(26.09318996, abs=1e-8)


def naive_nodf(M):
    """NODF by the definition, pair by pair (independent of the counting implementation)."""
    M = [row for row in M if any(row)]
    M = [list(col) for col in zip(*M) if any(col)]
    M = [list(row) for row in zip(*M)]

    def paired(lines):
        values = []
        for a, b in itertools.combinations(lines, 2):
            big, small = (a, b) if sum(a) >= sum(b) else (b, a)
            values.append(0 if sum(a) == sum(b) else 100 * sum(x and y for x, y in zip(big, small)) / sum(small))
        return values

    values = paired(M) + paired([list(c) for c in zip(*M)])
    return sum(values) / len(values)


def test_nodf_agrees_with_the_definition_on_random_matrices():
    rng = np.random.default_rng(3)
    for shape in ((6, 14), (30, 20), (50, 80)):
        matrix = (rng.random(shape) < 0.3).astype(int)
        assert nodf(matrix)["nodf"] == pytest.approx(naive_nodf(matrix.tolist()))
        assert nodf(sp.csr_matrix(matrix))["nodf"] == pytest.approx(naive_nodf(matrix.tolist()))


def test_curveball_keeps_margins_and_repeats():
    M = sp.csr_matrix(np.array([[1, 1, 0, 0, 1], [0, 1, 1, 0, 0], [1, 0, 0, 1, 0], [0, 0, 1, 1, 1]]))
    R = curveball(M, np.random.default_rng(0))
    assert (R.sum(axis=0) == M.sum(axis=0)).all() and (R.sum(axis=1) == M.sum(axis=1)).all()
    assert (R != M).nnz > 0
    assert (curveball(M, np.random.default_rng(0)) != R).nnz == 0
    for draw in itertools.islice(curveball_chain(M, np.random.default_rng(1), burn_in=3, thin=1), 20):
        assert (draw.sum(axis=0) == M.sum(axis=0)).all() and (draw.sum(axis=1) == M.sum(axis=1)).all()
        assert draw.max() == 1


def _all_matrices(row_totals, column_totals):
    """Every binary matrix with these totals, each as a tuple of its rows' column tuples."""
    found = []

    def fill(row, left, rows):
        if row == len(row_totals):
            if not any(left):
                found.append(tuple(rows))
            return
        for columns in itertools.combinations(range(len(left)), row_totals[row]):
            if all(left[c] for c in columns):
                fill(row + 1, [n - (c in columns) for c, n in enumerate(left)], rows + [columns])

    fill(0, list(column_totals), [])
    return found


def _first_draws_uniformity(M, burn_in, draws_per_matrix=10, seed=5):
    space = {matrix: index for index, matrix in enumerate(_all_matrices(M.sum(axis=1), M.sum(axis=0)))}
    rng = np.random.default_rng(seed)
    counts = np.zeros(len(space))
    for _ in range(draws_per_matrix * len(space)):
        row, col = next(curveball_entries(M, rng, burn_in=burn_in))  # a fresh chain each time
        counts[space[tuple(tuple(sorted(col[row == r].tolist())) for r in range(M.shape[0]))]] += 1
    return len(space), chisquare(counts).pvalue


def test_burn_in_gives_uniform_first_draws_on_an_enumerable_matrix():
    # A 7 x 4 matrix has 156 matrices with its row and column totals. The first draw of a fresh chain, started from
    # the matrix itself, must be uniform over them after the default burn-in (50 global trades; 10 already pass
    # here), and is far from it after 5 (chi-square p about 1e-65).
    M = np.array([[0, 0, 1, 1], [0, 1, 0, 0], [0, 0, 0, 1], [1, 1, 0, 1], [0, 0, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]])
    size, p_default = _first_draws_uniformity(M, DEFAULT_BURN_IN)
    assert size == 156
    assert p_default > 0.01
    assert _first_draws_uniformity(M, 5)[1] < 1e-6


def test_effective_sample_size():
    rng = np.random.default_rng(0)
    independent = rng.normal(size=4000)
    assert effective_sample_size(independent) == pytest.approx(4000, rel=0.1)
    ar, noise = np.zeros(4000), np.random.default_rng(1).normal(size=4000)  # AR(1), coefficient 0.5: n / 3
    for t in range(1, len(ar)):
        ar[t] = 0.5 * ar[t - 1] + noise[t]
    assert effective_sample_size(ar) == pytest.approx(4000 / 3, rel=0.15)
    assert np.isnan(effective_sample_size(np.ones(50))) and np.isnan(effective_sample_size(np.arange(3.0)))


def test_nestedness_of_vsv_is_what_chance_gives(vsv):
    result = nestedness(vsv, null_models=99, seed=7).iloc[0]
    assert result["nodf"] == pytest.approx(26.093190, abs=1e-6)
    assert (result["rows"], result["columns"]) == (6, 13)
    assert result.equals(nestedness(vsv, null_models=99, seed=7).iloc[0])
    assert 0 < result["p_value"] <= 1 and abs(result["z_score"]) < 2
    assert 40 < result["effective_null_models"] <= 99  # five trades between draws: correlated, and said so
    assert result["p_value_se"] == pytest.approx(
        np.sqrt(result["p_value"] * (1 - result["p_value"]) / result["effective_null_models"]))
    kept = nestedness(vsv, null_models=99, seed=7, empty="keep").iloc[0]
    # Empty rows scale the observed and every null value alike: the test itself does not change.
    assert kept["nodf"] == pytest.approx(21.28654971, abs=1e-8)
    assert (kept["p_value"], kept["z_score"]) == (result["p_value"], pytest.approx(result["z_score"]))


def test_nestedness_of_a_unique_matrix():
    # The staircase is the only matrix with its margins: every null matrix equals it.
    G = bipartite(["a", "b", "c"], ["x", "y", "z"], [("a", "x"), ("a", "y"), ("a", "z"), ("b", "x"), ("b", "y"),
                                                     ("c", "x")])
    result = nestedness(G, null_models=19, seed=1).iloc[0]
    assert result["nodf"] == 100.0 and result["null_mean"] == 100.0 and result["null_sd"] == 0.0
    assert np.isnan(result["z_score"]) and result["p_value"] == 1.0
    assert np.isnan(result["effective_null_models"])

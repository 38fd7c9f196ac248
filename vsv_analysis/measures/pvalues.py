"""p-values of shared partners under a model of independent coin flips, and their correction for many tests.

Under the bipartite configuration model two rows share ``V = Σ_g Binomial(counts[g], q[g])``
partners: a Poisson-binomial count whose upper tail is computed exactly by convolution
(up to :data:`EXACT_MAX_SHARED`), else by the refined normal approximation (Volkova, 1996).
:func:`correct` then corrects the tails over every pair tested (Benjamini & Hochberg, or
Bonferroni). :mod:`.significance` applies both to the pairs of a network.
"""

from __future__ import annotations

import numpy as np
from scipy import special

__all__ = ["CORRECTIONS", "EXACT_MAX_SHARED", "class_tails", "correct", "shared_tail"]

CORRECTIONS = ("bh", "bonferroni")
"""Multiple-testing corrections: Benjamini–Hochberg (false discovery rate) or Bonferroni (family-wise error)."""

EXACT_MAX_SHARED = 400
"""Up to this many shared partners the p-value is exact; above, the refined normal approximation (Volkova, 1996)."""

_CELLS = 2_000_000


def _binomial_pmf(support: np.ndarray, n: int, q: np.ndarray) -> np.ndarray:
    """``P(X = k)`` for ``X ~ Binomial(n, q)``, one row per value of ``q`` (scipy.special only: scipy.stats is slow
    to import, and a report should not wait for it)."""
    k = support[None, :]
    log = (special.gammaln(n + 1) - special.gammaln(k + 1) - special.gammaln(n - k + 1)
           + special.xlogy(k, q[:, None]) + special.xlog1py(n - k, -q[:, None]))
    return np.exp(log)


def _convolve(first: np.ndarray, second: np.ndarray, length: int) -> np.ndarray:
    """Row-wise convolution of two batches of probability tables, by FFT, cut at ``length``."""
    size = 1 << (first.shape[1] + second.shape[1] - 2).bit_length()
    product = np.fft.rfft(first, size, axis=1) * np.fft.rfft(second, size, axis=1)
    return np.fft.irfft(product, size, axis=1)[:, :length]


def _batch_pmf(q: np.ndarray, counts: np.ndarray, length: int) -> np.ndarray:
    """The probabilities of 0 … length-1 for sums of binomials ``Binomial(counts[g], q[d, g])``, one row per d.

    Convolving one binomial after another, each truncated at ``length``: mass
    above never comes back, so what is kept is exact.
    """
    pmf = np.zeros((len(q), length))
    pmf[:, 0] = 1.0
    for g in np.flatnonzero(counts > 0):
        if not np.any(q[:, g] > 0):
            continue
        support = np.arange(min(int(counts[g]), length - 1) + 1)
        binomial = _binomial_pmf(support, int(counts[g]), q[:, g])
        if len(support) <= 16:
            step = np.zeros_like(pmf)
            for j, column in enumerate(binomial.T):
                step[:, j:] += column[:, None] * pmf[:, :length - j]
            pmf = step
        else:
            pmf = _convolve(pmf, binomial, length).clip(min=0.0)
    return pmf


def _normal_tail(q: np.ndarray, counts: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """``P(V ≥ shared)`` by the refined normal approximation of the Poisson-binomial (Volkova, 1996)."""
    mean = q @ counts
    variance = (q * (1 - q)) @ counts
    sd = np.sqrt(np.maximum(variance, 1e-300))
    skew = ((q * (1 - q) * (1 - 2 * q)) @ counts) / sd**3
    z = (shared - 0.5 - mean) / sd
    density = np.exp(-z**2 / 2) / np.sqrt(2 * np.pi)
    return np.clip(special.ndtr(-z) - skew * (1 - z**2) * density / 6, 0.0, 1.0)


def class_tails(q: np.ndarray, counts: np.ndarray, index: np.ndarray, shared: np.ndarray) -> tuple[np.ndarray,
                                                                                          np.ndarray]:
    """``P(V ≥ shared[i])`` where pair ``i`` follows distribution ``index[i]`` (a row of ``q``), and whether exact.

    Each distribution's probabilities are computed once, up to the largest
    number asked of it (at most :data:`EXACT_MAX_SHARED`); distributions of
    similar length go in one batch, so memory stays bounded.
    """
    tails = np.ones(len(shared))
    exact = shared <= EXACT_MAX_SHARED
    if (~exact).any():
        tails[~exact] = _normal_tail(q[index[~exact]], counts, shared[~exact])
    asked = exact & (shared > 0)
    length = np.zeros(len(q), dtype=np.int64)
    np.maximum.at(length, index[asked], shared[asked])
    wanted = np.flatnonzero(length > 0)
    wanted = wanted[np.argsort(length[wanted], kind="stable")]
    batch_of = np.full(len(q), -1)
    start, batch = 0, 0
    while start < len(wanted):
        stop = start + 1
        while stop < len(wanted) and length[wanted[stop]] <= 2 * length[wanted[start]] \
                and (stop - start + 1) * length[wanted[stop]] <= _CELLS:
            stop += 1
        members = wanted[start:stop]
        batch_of[members] = np.arange(len(members))
        cumulative = np.cumsum(_batch_pmf(q[members], counts, int(length[members].max())), axis=1)
        pairs = np.flatnonzero(asked & np.isin(index, members))
        tails[pairs] = np.clip(1.0 - cumulative[batch_of[index[pairs]], shared[pairs] - 1], 0.0, 1.0)
        start, batch = stop, batch + 1
    return tails, exact


def shared_tail(q: np.ndarray, counts: np.ndarray, shared: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``P(V ≥ shared[d])`` for ``V = Σ_g Binomial(counts[g], q[d, g])``, and whether each is exact.

    Exact (by convolution, see :func:`_batch_pmf`) up to :data:`EXACT_MAX_SHARED`;
    the refined normal approximation above.

    >>> tail, exact = shared_tail(np.array([[0.5]]), np.array([3]), np.array([2]))  # 2 or 3 heads in 3 flips
    >>> round(float(tail[0]), 12), bool(exact[0])
    (0.5, True)
    """
    q, shared = np.atleast_2d(np.asarray(q, dtype=float)), np.asarray(shared, dtype=np.int64)
    return class_tails(q, np.asarray(counts, dtype=float), np.arange(len(q)), shared)


def correct(p_values: np.ndarray, tests: int, alpha: float = 0.05, correction: str = "bh") -> tuple[np.ndarray,
                                                                                                     np.ndarray]:
    """Adjusted p-values and which are significant, over ``tests`` tests of which ``p_values`` are the ones < 1.

    ``bh``: Benjamini & Hochberg (1995): the ``k`` smallest are significant for
    the largest ``k`` with ``p_(k) ≤ k α / tests``; the adjusted value is
    ``min over j ≥ i of tests · p_(j) / j``. ``bonferroni``: ``tests · p``,
    significant when ``p ≤ α / tests``. Tests not listed have p-value 1.

    >>> correct(np.array([0.01, 0.02, 0.04]), tests=4)[0].round(3).tolist()
    [0.04, 0.04, 0.053]
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {', '.join(CORRECTIONS)}, not {correction!r}")
    p_values = np.asarray(p_values, dtype=float)
    if correction == "bonferroni":
        adjusted = np.minimum(1.0, tests * p_values)
        return adjusted, p_values <= alpha / max(tests, 1)
    order = np.argsort(p_values, kind="stable")
    ranked = tests * p_values[order] / np.arange(1, len(order) + 1)
    adjusted = np.empty_like(p_values)
    adjusted[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    passing = np.flatnonzero(p_values[order] <= alpha * np.arange(1, len(order) + 1) / max(tests, 1))
    significant = np.zeros(len(p_values), dtype=bool)
    if len(passing):
        significant[order[:passing[-1] + 1]] = True
    return adjusted, significant

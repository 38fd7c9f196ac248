"""Random matrices that keep every degree, and what a series of them is worth.

:func:`curveball_chain` draws binary matrices with the same row and column totals
as a given one, uniformly (Strona et al., *Nature Communications* 5, 2014, for the
curveball trade; Carstens et al., ESA 2018, for global trades, which pair every
row at once). Draws of one chain are correlated; :func:`effective_sample_size`
says how many independent draws a series of them is worth (Geyer, *Statistical
Science* 7, 1992), so that a p-value can be reported with the information it
really rests on.

Examples
--------
>>> rng = np.random.default_rng(0)
>>> M = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 0]]))
>>> R = curveball(M, rng)
>>> R.sum(axis=1).A1.tolist(), R.sum(axis=0).A1.tolist()
([2.0, 2.0, 1.0], [2.0, 2.0, 1.0])
>>> round(effective_sample_size(np.array([1.0, 2.0, 1.5, 3.0, 2.5, 2.0, 1.0, 3.5])), 1)
8.0
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

__all__ = ["DEFAULT_BURN_IN", "DEFAULT_THIN", "curveball", "curveball_chain", "curveball_entries",
           "effective_sample_size"]

DEFAULT_BURN_IN = 50
"""Global trades before the first draw of a chain.

A test enumerates the 156 binary 7 × 4 matrices with given totals and finds the
first draw of fresh chains uniform over them with this burn-in (10 already pass
there; 5 fail, chi-square p about 1e-65); larger matrices reach their stationary
NODF within a few global trades (see benchmarks/README.md).
"""

DEFAULT_THIN = 5
"""Global trades between two draws: each row trades five times.

NODF's autocorrelation falls to about 0.1 after five global trades, at every size
measured (a 9 × 13 to a 9,000 × 56 matrix; see benchmarks/README.md), so a draw
costs six trades' worth of work (five trades and one NODF) for three quarters or more
of an independent draw: more effective draws per second than longer thinning gives.
The nestedness test reports the effective sample size, whatever it turns out to be.
"""


def _global_trade(row: np.ndarray, col: np.ndarray, present: np.ndarray, columns: int,
                  rng: np.random.Generator) -> None:
    """One global curveball trade: pair all rows at random and let every pair trade, in place.

    ``row`` and ``col`` list the ones of the matrix (an entry keeps its column and
    may move to the other row of its pair); ``present`` is the same matrix as a
    flat boolean array with one extra row of ones, so that a row left without a
    partner (an odd number of rows) faces a row that has every column and keeps
    its ones. Within a pair, the columns that only one row has are dealt out
    anew, uniformly, each row keeping its number of them.
    """
    rows = len(present) // columns - 1
    order = rng.permutation(rows)
    half = rows // 2
    partner = np.full(rows, rows, dtype=np.int64)
    partner[order[:half]], partner[order[half:2 * half]] = order[half:2 * half], order[:half]
    moving = np.flatnonzero(~present[partner[row] * columns + col])
    if not len(moving):
        return
    moving = moving[rng.permutation(len(moving))]
    moving_row = row[moving]
    pair = np.minimum(moving_row, partner[moving_row])  # a pair is named by its lower row
    by_pair = np.argsort(pair.astype(np.int16 if rows < 2**15 else np.int64), kind="stable")  # keeps the random order
    moving, moving_row, pair = moving[by_pair], moving_row[by_pair], pair[by_pair]
    sizes = np.bincount(pair, minlength=rows)
    kept = np.bincount(pair[moving_row == pair], minlength=rows)  # how many the lower row has, and keeps
    position = np.arange(len(moving)) - (np.cumsum(sizes) - sizes)[pair]
    new_row = np.where(position < kept[pair], pair, partner[pair])
    moving_col = col[moving]
    present[moving_row * columns + moving_col] = False
    present[new_row * columns + moving_col] = True
    row[moving] = new_row


def curveball_entries(matrix, rng: np.random.Generator, burn_in: int = DEFAULT_BURN_IN,
                      thin: int = DEFAULT_THIN) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``(row, col)`` of the ones of random matrices with the margins of ``matrix``.

    The cheap form of :func:`curveball_chain` for a measure that needs only the
    positions of the ones: ``col`` is the same array every time, ``row`` is
    rewritten in place (copy it to keep a draw). Work per trade grows with the
    number of ones; memory is one byte per cell of the matrix, for the lookup.
    """
    entries = sp.coo_matrix(matrix)
    shape = entries.shape
    keep = entries.data != 0
    row, col = entries.row[keep].astype(np.int64), entries.col[keep].astype(np.int64)
    present = np.zeros((shape[0] + 1) * shape[1], dtype=bool)
    present[row * shape[1] + col] = True
    present[shape[0] * shape[1]:] = True
    trades = burn_in
    while True:
        for _ in range(trades if shape[0] >= 2 and len(row) else 0):
            _global_trade(row, col, present, shape[1], rng)
        yield row, col
        trades = thin


def curveball_chain(matrix, rng: np.random.Generator, burn_in: int = DEFAULT_BURN_IN,
                    thin: int = DEFAULT_THIN) -> Iterator[sp.csr_matrix]:
    """Yield random binary matrices with the same row and column totals as ``matrix``.

    The curveball algorithm (Strona et al., 2014): two rows trade the columns
    that only one of them has, which keeps every row and column total. Here
    every trade is global (Carstens et al., 2018): all rows are paired at
    random and every pair trades. The chain makes ``burn_in`` global trades
    (default :data:`DEFAULT_BURN_IN`) before the first matrix, then ``thin``
    (default :data:`DEFAULT_THIN`) before each next one.
    """
    shape = sp.coo_matrix(matrix).shape
    for row, col in curveball_entries(matrix, rng, burn_in, thin):
        yield sp.csr_matrix((np.ones(len(row)), (row, col)), shape=shape)


def curveball(matrix, rng: np.random.Generator, trades: int = DEFAULT_BURN_IN) -> sp.csr_matrix:
    """One random binary matrix with the same row and column totals, after ``trades`` global trades."""
    return next(curveball_chain(matrix, rng, burn_in=trades))


def effective_sample_size(values: np.ndarray) -> float:
    """How many independent draws a correlated series of draws is worth.

    ``n / τ`` with the integrated autocorrelation time ``τ = -1 + 2 Σ Γ_k``,
    where ``Γ_k = ρ_{2k} + ρ_{2k+1}`` are sums of neighbouring
    autocorrelations, summed while positive and made non-increasing (Geyer's
    initial monotone sequence, 1992). At most ``n``: a series is never worth
    more than as many independent draws. ``nan`` for fewer than four values or
    a series without spread (every draw the same).
    """
    values = np.asarray(values, dtype=float)
    n = len(values)
    centred = values - values.mean() if n else values
    if n < 4 or not np.any(np.abs(centred) > 1e-12 * max(1.0, np.abs(values).max())):
        return float("nan")
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    autocovariance = np.fft.irfft(spectrum * np.conj(spectrum), size)[:n]
    rho = autocovariance / autocovariance[0]
    pairs = rho[: n - n % 2].reshape(-1, 2).sum(axis=1)
    positive = np.flatnonzero(pairs <= 0)
    pairs = pairs[: positive[0] if len(positive) else len(pairs)]
    tau = -1.0 + 2.0 * np.minimum.accumulate(pairs).sum()
    return float(min(n, n / tau)) if tau > 0 else float(n)

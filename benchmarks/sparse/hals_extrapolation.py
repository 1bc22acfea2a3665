#!/usr/bin/python3
"""HALS with and without extrapolation (HER) on FOLDOC, a numpy model of nmf4j's sparse HALS.

docs/benchmarks.md, "HALS with extrapolation, tried and not kept". The model runs nmf4j's HALS
(FrobeniusHals: H then W, Gillis and Glineur's sweep budget with alpha = 0.5 and delta = 0.1,
each block of 256 rows or columns stopping on its own, entries floored at 1e-16 sqrt(rms / k))
and counts the iterations until the Frobenius error reaches TARGET (scikit-learn cd's error
after 50 iterations). From nmf4j's own start it reproduces the Java fit: 54 more iterations to
the same error to 1e-13 relative. Mode `her` adds Ang and Gillis's extrapolation ("Accelerating
nonnegative matrix factorization algorithms using extrapolation", Neural Computation 31, 2019):
beta0 = 0.5, eta = 1.5, gamma = 1.01, gamma_bar = 1.005, H extrapolated and projected (onto the
floor), W extrapolated, a restart when the error of (W_n, H_y) rises.

  /usr/bin/python3 benchmarks/sparse/hals_extrapolation.py plain|her [sklearn|W.npy,H.npy] [TARGET]

The start `sklearn` is scikit-learn's NNDSVDA; W.npy,H.npy are nmf4j's factors after one HALS
iteration, written by benchmarks/sparse/HalsStart.java.
"""
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg  # noqa: F401 (sp.linalg.norm)
from sklearn.decomposition._nmf import _initialize_nmf

MODE = sys.argv[1] if len(sys.argv) > 1 else "plain"
START = sys.argv[2] if len(sys.argv) > 2 else "sklearn"
TARGET = float(sys.argv[3]) if len(sys.argv) > 3 else 105.4109184
K, BLOCK, ALPHA, DELTA, MAX_ITERATIONS = 20, 256, 0.5, 0.1, 300

X = sp.load_npz("benchmarks/data/foldoc-bench.npz").tocsr().astype(np.float64)
XT = X.T.tocsr()
N, P = X.shape
NORM2 = sp.linalg.norm(X) ** 2
FLOOR = 1e-16 * np.sqrt(np.sqrt(NORM2 / (N * P)) / K)


def budget(rho):
    return int(min(100000, np.floor(1 + ALPHA * rho)))


SWEEPS_H = budget((N * P + N * K) / (P * K + P))
SWEEPS_W = budget((N * P + P * K) / (N * K + N))


def sweep_block(gram, target, x0, most):
    x = x0.copy()
    first = None
    for _ in range(most):
        change = 0.0
        for c in range(K):
            new = np.maximum(FLOOR, x[c] + (target[c] - gram[c] @ x) / gram[c, c])
            change += np.sum((new - x[c]) ** 2)
            x[c] = new
        if first is None:
            first = change
        elif change <= DELTA * DELTA * first:
            break
    return x


def sweeps(gram, target, x0, most):
    out = np.empty_like(x0)
    for b in range(0, x0.shape[1], BLOCK):
        out[:, b:b + BLOCK] = sweep_block(gram, target[:, b:b + BLOCK], x0[:, b:b + BLOCK], most)
    return out


def update_h(w, h):
    return sweeps(w.T @ w, (XT @ w).T, h, SWEEPS_H)


def update_w(h, w):
    vht = X @ h.T
    hht = h @ h.T
    return sweeps(hht, vht.T, w.T, SWEEPS_W).T, vht, hht


def error(w, vht, hht):
    return np.sqrt(max(0.0, NORM2 - 2 * np.sum(w * vht) + np.sum((w.T @ w) * hht)))


if START == "sklearn":
    W, H = _initialize_nmf(X, K, init="nndsvda", random_state=0)
else:
    W, H = (np.load(f) for f in START.split(","))
t0 = time.perf_counter()
e = np.inf
if MODE == "plain":
    for it in range(1, MAX_ITERATIONS + 1):
        H = update_h(W, H)
        W, VHT, HHT = update_w(H, W)
        e = error(W, VHT, HHT)
        if e <= TARGET:
            break
    print("plain: %d iterations, error %.10g, %.1f s" % (it, e, time.perf_counter() - t0))
else:
    beta, beta_max, previous_beta = 0.5, 1.0, 0.5
    wy, hy, previous, restarts = W.copy(), H.copy(), np.inf, 0
    for it in range(1, MAX_ITERATIONS + 1):
        hn = update_h(wy, hy)
        hy = np.maximum(FLOOR, hn + beta * (hn - H))
        wn, VHT, HHT = update_w(hy, wy)
        wy = wn + beta * (wn - W)
        e = error(wn, VHT, HHT)
        if it <= 40 or it % 20 == 0:
            print("  %3d error %.8f beta %.3f" % (it, e, beta))
        if e <= TARGET:
            break
        if e > previous:
            wy, hy = W.copy(), H.copy()
            beta_max, previous_beta, beta = previous_beta, beta, beta / 1.5
            restarts += 1
        else:
            W, H = wn, hn
            previous_beta, beta = beta, min(beta_max, beta * 1.01)
            beta_max = min(1.0, beta_max * 1.005)
        previous = e
    print("her: %d iterations, error %.10g, %d restarts, %.1f s"
          % (it, e, restarts, time.perf_counter() - t0))

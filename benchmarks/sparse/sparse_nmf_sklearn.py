#!/usr/bin/python3
"""scikit-learn's side of the sparse benchmark (docs/benchmarks.md, "Sparse NMF").

Reads the FOLDOC TF-IDF matrix that docs/topics/make_foldoc_tfidf.py bench writes
(benchmarks/data/foldoc-bench.npz, 11,843 x 20,080 CSR, 0.189% stored) and prints, for rank 20:
- mu: MU Frobenius and MU KL seconds per iteration: scikit-learn's own iteration loop
  (sklearn.decomposition._nmf._fit_multiplicative_update, what NMF(solver='mu') runs after its
  start) timed over 30 iterations from the NNDSVDA start with tol=0, so that neither the start
  nor a loss evaluation is counted; median of 5;
- cd: the reconstruction error after 50 iterations of NMF(solver='cd', init='nndsvda', tol=0)
  and the seconds those 50 iterations take (_fit_coordinate_descent, what NMF(solver='cd') runs
  after its start, timed alone from the same start; median of 3);
- kmeans: KMeans(n_clusters=20, n_init=1) on the CSR rows, whole fit, (a) from rows 0, n/20,
  2n/20, ... (the same start as SparseNmfBench), (b) k-means++ (random_state 0); median of 3.
With --cpu the process CPU time (time.process_time) instead of the wall clock; run it with
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 to compare with nmf4j's --cpu (one thread).

Run from the repository's root:
  /usr/bin/python3 benchmarks/sparse/sparse_nmf_sklearn.py [--cpu] [--loss=LOSS] \
      [mu|cd|kmeans ...] [FILE]
(--loss=frobenius or --loss=kullback-leibler: the mu mode times that loss only.)
"""
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg  # noqa: F401 (sp.linalg.norm)
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import (_fit_coordinate_descent, _fit_multiplicative_update,
                                        _initialize_nmf)
from sklearn.exceptions import ConvergenceWarning

warnings.simplefilter("ignore", ConvergenceWarning)
ARGS = sys.argv[1:]
CPU = "--cpu" in ARGS
MODES = [a for a in ARGS if a in ("mu", "cd", "kmeans")] or ["mu", "cd", "kmeans"]
LOSSES = [a.split("=", 1)[1] for a in ARGS if a.startswith("--loss=")] \
    or ["frobenius", "kullback-leibler"]
FILES = [a for a in ARGS if a.endswith(".npz")]
PATH = FILES[0] if FILES else "benchmarks/data/foldoc-bench.npz"
clock = time.process_time if CPU else time.perf_counter
REPEATS = 3
K = 20
x = sp.load_npz(PATH).tocsr().astype(np.float64)
print("data %s %dx%d nnz %d, scikit-learn %s, %s" % (PATH, x.shape[0], x.shape[1], x.nnz,
      sklearn.__version__, "process CPU time" if CPU else "wall clock"))


START = _initialize_nmf(x, K, init="nndsvda", random_state=0) if set(MODES) & {"mu", "cd"} \
    else None


if "mu" in MODES:
    for loss in LOSSES:
        per = []
        for _ in range(5):
            w, h = START[0].copy(), START[1].copy()
            t = clock()
            _fit_multiplicative_update(x, w, h, beta_loss=loss, max_iter=30, tol=0)
            per.append((clock() - t) / 30)
        print("mu %s: per iteration median %.4f s (runs %s)"
              % (loss, float(np.median(per)), " ".join("%.4f" % p for p in per)))

if "cd" in MODES:
    times = []
    for _ in range(REPEATS):
        w, h = START[0].copy(), START[1].copy()
        t = clock()
        w, h, _ = _fit_coordinate_descent(x, w, h, tol=0, max_iter=50, random_state=0)
        times.append(clock() - t)
    error = np.sqrt(max(0.0, sp.linalg.norm(x) ** 2 - 2 * np.sum(w * (x @ h.T))
                        + np.sum((w.T @ w) * (h @ h.T))))
    m = NMF(n_components=K, init="nndsvda", solver="cd", tol=0, max_iter=50, random_state=0)
    m.fit_transform(x)
    print("cd: error after 50 iterations %.10g (NMF.fit: %.10g), 50 iterations median %.4f s"
          " (runs %s)" % (error, m.reconstruction_err_, float(np.median(times)),
                          " ".join("%.4f" % t for t in times)))

if "kmeans" in MODES:
    n = x.shape[0]
    start = x[[c * n // K for c in range(K)]].toarray()
    for name, kw in (("same start", dict(init=start)),
                     ("k-means++", dict(init="k-means++", random_state=0))):
        times = []
        for _ in range(REPEATS):
            km = KMeans(n_clusters=K, n_init=1, max_iter=300, **kw)
            t = clock()
            km.fit(x)
            times.append(clock() - t)
        print("kmeans %s: %d iterations, inertia %.10g, median %.4f s (runs %s)"
              % (name, km.n_iter_, km.inertia_, float(np.median(times)),
                 " ".join("%.4f" % t for t in times)))

#!/usr/bin/python3
"""scikit-learn's side of the sparse benchmark (docs/benchmarks.md, "Sparse NMF").

Reads the FOLDOC TF-IDF matrix that docs/topics/make_foldoc_tfidf.py bench writes
(benchmarks/data/foldoc-bench.npz, 11,843 x 20,080 CSR, 0.189% stored) and prints, for rank 20:
- mu: MU Frobenius and MU KL seconds per iteration, (t(40 iterations) - t(10 iterations)) / 30
  of NMF(solver='mu', init='nndsvda', tol=0), so that the start is not counted; median of 3;
- cd: the reconstruction error after 50 iterations of NMF(solver='cd', init='nndsvda', tol=0)
  and the seconds those 50 iterations take (fit minus the same fit at max_iter=1, which is the
  start and one iteration; the one iteration is added back as 1/50 of the rest);
- kmeans: KMeans(n_clusters=20, n_init=1) on the CSR rows, whole fit, (a) from rows 0, n/20,
  2n/20, ... (the same start as SparseNmfBench), (b) k-means++ (random_state 0); median of 3.
With --cpu the process CPU time (time.process_time) instead of the wall clock; run it with
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 to compare with nmf4j's --cpu (one thread).

Run from the repository's root:
  /usr/bin/python3 benchmarks/sparse/sparse_nmf_sklearn.py [--cpu] [mu|cd|kmeans ...] [FILE]
"""
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

warnings.simplefilter("ignore", ConvergenceWarning)
ARGS = sys.argv[1:]
CPU = "--cpu" in ARGS
MODES = [a for a in ARGS if a in ("mu", "cd", "kmeans")] or ["mu", "cd", "kmeans"]
FILES = [a for a in ARGS if a.endswith(".npz")]
PATH = FILES[0] if FILES else "benchmarks/data/foldoc-bench.npz"
clock = time.process_time if CPU else time.perf_counter
REPEATS = 3
K = 20
x = sp.load_npz(PATH).tocsr().astype(np.float64)
print("data %s %dx%d nnz %d, scikit-learn %s, %s" % (PATH, x.shape[0], x.shape[1], x.nnz,
      sklearn.__version__, "process CPU time" if CPU else "wall clock"))


def fit_seconds(**kw):
    m = NMF(n_components=K, init="nndsvda", tol=0, random_state=0, **kw)
    t = clock()
    m.fit_transform(x)
    return clock() - t, m


if "mu" in MODES:
    for loss in ("frobenius", "kullback-leibler"):
        per = []
        for _ in range(REPEATS):
            t10, _m = fit_seconds(solver="mu", beta_loss=loss, max_iter=10)
            t40, _m = fit_seconds(solver="mu", beta_loss=loss, max_iter=40)
            per.append((t40 - t10) / 30)
        print("mu %s: per iteration median %.4f s (runs %s)"
              % (loss, float(np.median(per)), " ".join("%.4f" % p for p in per)))

if "cd" in MODES:
    times = []
    for _ in range(REPEATS):
        t1, _m = fit_seconds(solver="cd", max_iter=1)
        t50, m = fit_seconds(solver="cd", max_iter=50)
        times.append((t50 - t1) * 50 / 49)
    print("cd: error after 50 iterations %.10g, 50 iterations median %.4f s (runs %s)"
          % (m.reconstruction_err_, float(np.median(times)), " ".join("%.4f" % t for t in times)))

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

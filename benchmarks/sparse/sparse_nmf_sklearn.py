#!/usr/bin/python3
"""scikit-learn's side of the sparse NMF benchmark (docs/benchmarks.md, "Sparse NMF").

Reads the FOLDOC TF-IDF matrix that docs/topics/make_foldoc_tfidf.py bench writes
(benchmarks/data/foldoc-bench.npz, 11,843 x 20,080 CSR, 0.189% stored) and prints, for rank 20:
- MU Frobenius and MU KL: seconds per iteration, (t(40 iterations) - t(10 iterations)) / 30 of
  NMF(solver='mu', init='nndsvda', tol=0), so that the start is not counted; median of REPEATS;
- CD (HALS): the reconstruction error after 50 iterations of NMF(solver='cd', init='nndsvda',
  tol=0) and the seconds those 50 iterations take (fit minus the same fit at max_iter=1, which
  is the start and one iteration; the one iteration is added back as 1/50 of the rest);
Run from the repository's root: /usr/bin/python3 benchmarks/sparse/sparse_nmf_sklearn.py
"""
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

warnings.simplefilter("ignore", ConvergenceWarning)
PATH = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/data/foldoc-bench.npz"
REPEATS = 3
K = 20
x = sp.load_npz(PATH).tocsr().astype(np.float64)
print("data %s %dx%d nnz %d, scikit-learn %s" % (PATH, x.shape[0], x.shape[1], x.nnz,
                                                 sklearn.__version__))


def fit_seconds(**kw):
    m = NMF(n_components=K, init="nndsvda", tol=0, random_state=0, **kw)
    t = time.perf_counter()
    m.fit_transform(x)
    return time.perf_counter() - t, m


for loss in ("frobenius", "kullback-leibler"):
    per = []
    for _ in range(REPEATS):
        t10, _m = fit_seconds(solver="mu", beta_loss=loss, max_iter=10)
        t40, _m = fit_seconds(solver="mu", beta_loss=loss, max_iter=40)
        per.append((t40 - t10) / 30)
    print("mu %s: per iteration median %.4f s (runs %s)"
          % (loss, float(np.median(per)), " ".join("%.4f" % p for p in per)))

times = []
for _ in range(REPEATS):
    t1, _m = fit_seconds(solver="cd", max_iter=1)
    t50, m = fit_seconds(solver="cd", max_iter=50)
    times.append((t50 - t1) * 50 / 49)
print("cd: error after 50 iterations %.10g, 50 iterations median %.4f s (runs %s)"
      % (m.reconstruction_err_, float(np.median(times)), " ".join("%.4f" % t for t in times)))

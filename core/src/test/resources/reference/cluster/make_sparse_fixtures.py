#!/usr/bin/python3
"""Reference values for SparseKMeansTest (nmf4j): scikit-learn 1.2's KMeans(algorithm="lloyd")
on a scipy.sparse CSR matrix, which takes scikit-learn's sparse code path (distances |x|^2 -
2 x.c + |c|^2 from the stored entries, no centring; tolerance from the sparse column variances).

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_sparse_fixtures.py
It writes kmeans_sparse.txt beside this script, in the format of make_fixtures.py (blocks "name
rows cols" followed by rows of exact numbers). The points are stored as triplets (row, col, val,
in CSR order): 400 x 60, about 8% stored, five groups of rows that share a support of 15
features, row 17 and column 3 empty.
"""
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.cluster import KMeans

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(x.item()) for x in row))


rng = np.random.default_rng(2026)
n, d, groups, k = 400, 60, 5, 6
group = rng.integers(0, groups, n)
dense = np.zeros((n, d))
for i in range(n):
    support = (group[i] * 11 + np.arange(15)) % d
    keep = rng.random(15) < 0.32
    dense[i, support[keep]] = np.round(rng.random(keep.sum()) * 2 + 0.5, 3)
dense[17, :] = 0.0
dense[:, 3] = 0.0
x = sp.csr_matrix(dense)
init_rows = [5, 60, 110, 200, 250, 390]
init = dense[init_rows]
km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", max_iter=300,
            tol=1e-4).fit(x)
coo = x.tocoo()
out = ["# KMeans(init=rows %s, n_init=1, algorithm='lloyd', tol=1e-4) on a %dx%d CSR matrix"
       % (init_rows, n, d),
       "# made by make_sparse_fixtures.py with scikit-learn %s; do not edit" % sklearn.__version__]
block(out, "shape", np.array([n, d]))
block(out, "row", coo.row)
block(out, "col", coo.col)
block(out, "val", coo.data)
block(out, "init_rows", np.array(init_rows))
block(out, "labels", km.labels_)
block(out, "centers", km.cluster_centers_)
block(out, "inertia", np.array(km.inertia_))
block(out, "iterations", np.array(km.n_iter_))
with open(os.path.join(HERE, "kmeans_sparse.txt"), "w") as f:
    f.write("\n".join(out) + "\n")
print("stored", x.nnz, "iterations", km.n_iter_, "inertia", km.inertia_,
      "sizes", np.bincount(km.labels_))

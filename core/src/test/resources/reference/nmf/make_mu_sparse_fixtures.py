#!/usr/bin/python3
"""Reference values for SparseNmfReferenceTest (nmf4j): scikit-learn 1.2's multiplicative
updates on a scipy.sparse CSR matrix, which take scikit-learn's sparse code paths (safe_sparse_dot
for the products, _special_sparse_dot for WH at the stored entries in the KL update).

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_mu_sparse_fixtures.py
It writes mu_sparse.txt beside this script, in the format of make_mu_fixtures.py (blocks "name
rows cols" and rows of exact numbers; V is written densely, zeros included).

As in make_mu_fixtures.py, scikit-learn runs on X = V^T (here csr_matrix(V^T)) with
W_init = H0^T and H_init = W0^T, so that its W-first order is nmf4j's H-first order. V is 30 x 20
with about 20% of its entries stored, row 4 and column 7 empty.
"""
import os
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import non_negative_factorization

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
ITERATIONS = (1, 10, 100)
LOSSES = {"frobenius": "frobenius", "kl": "kullback-leibler"}


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(float(x)) for x in row))


rng = np.random.default_rng(12)
n, p, k = 30, 20, 3
v = 3.0 * rng.random((n, p))
v[rng.random((n, p)) >= 0.2] = 0.0
v[4, :] = 0.0
v[:, 7] = 0.0
w0 = 0.1 + rng.random((n, k))
h0 = 0.1 + rng.random((k, p))
out = []
block(out, "V", v)
block(out, "W0", w0)
block(out, "H0", h0)
x = sp.csr_matrix(v.T)
for short, loss in LOSSES.items():
    for t in ITERATIONS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w_sk, h_sk, n_iter = non_negative_factorization(
                x, W=h0.T.copy(), H=w0.T.copy(), n_components=k, init="custom",
                update_H=True, solver="mu", beta_loss=loss, tol=0, max_iter=t,
                alpha_W=0.0, alpha_H=0.0)
        assert n_iter == t
        block(out, "W_%s_%d" % (short, t), h_sk.T)
        block(out, "H_%s_%d" % (short, t), w_sk.T)
with open(os.path.join(HERE, "mu_sparse.txt"), "w") as f:
    f.write("\n".join(out) + "\n")
print("wrote mu_sparse.txt with scikit-learn", sklearn.__version__)

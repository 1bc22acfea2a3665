#!/usr/bin/python3
"""Reference values for MultiplicativeUpdateReferenceTest (nmf4j), made with scikit-learn 1.2.

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_mu_fixtures.py
It writes mu_<case>.txt beside this script.

scikit-learn updates W first, then H; nmf4j updates H first, then W. So scikit-learn runs on
X = V^T with W_init = H0^T and H_init = W0^T: its W-first order on V^T is then nmf4j's H-first
order on V, and nmf4j's (W, H) after t iterations is (H_sk^T, W_sk^T). tol = 0 turns off the
convergence test, so exactly max_iter iterations run.

File format: blocks "name rows cols" followed by `rows` lines of `cols` numbers (repr, exact).
"""
import os
import warnings

import numpy as np
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


def case(name, n, p, k, seed, zeros=0.0):
    rng = np.random.default_rng(seed)
    v = 3.0 * rng.random((n, p))
    if zeros > 0:
        v[rng.random((n, p)) < zeros] = 0.0
    # Strictly positive starts, so that no denominator is ever zero on either side.
    w0 = 0.1 + rng.random((n, k))
    h0 = 0.1 + rng.random((k, p))
    out = []
    block(out, "V", v)
    block(out, "W0", w0)
    block(out, "H0", h0)
    for short, loss in LOSSES.items():
        for t in ITERATIONS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                w_sk, h_sk, n_iter = non_negative_factorization(
                    v.T.copy(), W=h0.T.copy(), H=w0.T.copy(), n_components=k, init="custom",
                    update_H=True, solver="mu", beta_loss=loss, tol=0, max_iter=t,
                    alpha_W=0.0, alpha_H=0.0)
            assert n_iter == t
            block(out, "W_%s_%d" % (short, t), h_sk.T)
            block(out, "H_%s_%d" % (short, t), w_sk.T)
    with open(os.path.join(HERE, "mu_%s.txt" % name), "w") as f:
        f.write("\n".join(out) + "\n")


case("square", 12, 9, 3, seed=1)
case("tall", 25, 16, 4, seed=2, zeros=0.3)
case("wide", 8, 30, 2, seed=3)

#!/usr/bin/python3
"""Reference values for NndsvdReferenceTest (nmf4j), made with scikit-learn 1.2.

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_nndsvd_fixtures.py
It writes nndsvd_<case>.txt beside this script: V and scikit-learn's _initialize_nmf factors
for init='nndsvd' and 'nndsvda' (NNDSVDAR's random fill cannot match another generator; its
non-random entries are those of 'nndsvd').

Shapes keep rank + 10 >= min(n, p), where scikit-learn's randomized_svd spans the whole range
and is exact up to rounding, as nmf4j's Svd.truncated is; so both start from the same SVD (up to
the signs of the singular vectors, which NNDSVD does not depend on).

File format: blocks "name rows cols" followed by `rows` lines of `cols` numbers (repr, exact).
"""
import os

import numpy as np
import sklearn
from sklearn.decomposition._nmf import _initialize_nmf

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(float(x)) for x in row))


def case(name, n, p, k, seed, scale=1.0, zeros=0.0):
    rng = np.random.default_rng(seed)
    v = scale * rng.random((n, p))
    if zeros > 0:
        v[rng.random((n, p)) < zeros] = 0.0
    out = []
    block(out, "V", v)
    for init in ("nndsvd", "nndsvda"):
        w, h = _initialize_nmf(v, k, init=init, random_state=0)
        block(out, "W_" + init, w)
        block(out, "H_" + init, h)
    with open(os.path.join(HERE, "nndsvd_%s.txt" % name), "w") as f:
        f.write("\n".join(out) + "\n")


case("dense", 15, 12, 4, seed=11, scale=3.0)
case("sparse", 20, 9, 5, seed=12, scale=2.0, zeros=0.6)
case("wide", 6, 40, 3, seed=13, scale=250.0)

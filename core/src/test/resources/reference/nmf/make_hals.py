"""Reference values for the HALS tests, from scikit-learn 1.2's coordinate-descent NMF
(solver='cd', Cichocki and Phan 2009), which is HALS with one sweep per half-iteration.

Run with the system python:  /usr/bin/python3 make_hals.py
Writes
- hals_steps.txt: a 10 x 8 V, custom W0 (10 x 3), H0 (3 x 8), and W, H after 1, 10 and 100
  iterations. scikit-learn updates W first; nmf4j's HALS updates H first, so scikit-learn runs
  on V^T with the factors swapped and transposed, whose W-first order is then our H-first order.
- hals_reference.txt: the reconstruction error ||V - WH||_F and the relative error
  ||V - WH||_F / ||V||_F of NMF(solver='cd', init='nndsvda', tol=0, max_iter=N) for N in
  1, 10, 20, 50, 100, 200, on the faces-like set (200 x 625, rank 16) and the digits
  (1797 x 64, rank 10), both from ../data.
"""
import gzip
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _fit_coordinate_descent
from sklearn.exceptions import ConvergenceWarning

warnings.simplefilter("ignore", ConvergenceWarning)


def block(out, name, m):
    m = np.atleast_2d(np.asarray(m, dtype=float))
    out.write("matrix %s %d %d\n" % (name, m.shape[0], m.shape[1]))
    for row in m:
        out.write(" ".join(repr(float(v)) for v in row) + "\n")


rng = np.random.RandomState(7)
with open("hals_steps.txt", "w") as out:
    out.write("# made by make_hals.py (scikit-learn %s); do not edit\n" % sklearn.__version__)
    v = rng.uniform(0, 1, (10, 3)) @ rng.uniform(0, 1, (3, 8)) + 0.1 * rng.uniform(0, 1, (10, 8))
    w0 = rng.uniform(0.1, 1, (10, 3))
    h0 = rng.uniform(0.1, 1, (3, 8))
    block(out, "V", v)
    block(out, "W0", w0)
    block(out, "H0", h0)
    for n in (1, 10, 100):
        ht, wt, _ = _fit_coordinate_descent(v.T, h0.T.copy(), w0.T.copy(), tol=0, max_iter=n)
        block(out, "W%d" % n, wt.T)
        block(out, "H%d" % n, ht.T)

with gzip.open("../data/digits.csv.gz", "rt") as f:
    digits = np.loadtxt(f, delimiter=",")[:, :64]
with gzip.open("../data/faces_like.u8.gz", "rb") as f:
    faces = np.frombuffer(f.read(), dtype=np.uint8).reshape(200, 625) / 255.0

with open("hals_reference.txt", "w") as out:
    out.write("# made by make_hals.py (scikit-learn %s); do not edit\n" % sklearn.__version__)
    out.write("# per data set: 1 x 6 errors after N = 1 10 20 50 100 200 iterations\n")
    for name, x, k in (("faces", faces, 16), ("digits", digits, 10)):
        iters = (1, 10, 20, 50, 100, 200)
        errors, relative = [], []
        for n in iters:
            model = NMF(n_components=k, solver="cd", init="nndsvda", tol=0, max_iter=n,
                        random_state=0).fit(x)
            errors.append(model.reconstruction_err_)
            relative.append(model.reconstruction_err_ / np.linalg.norm(x))
        block(out, name + ".iterations", [iters])
        block(out, name + ".error", [errors])
        block(out, name + ".relativeError", [relative])

"""Reference values for SvdTest: numpy's LAPACK SVD (gesdd) with scikit-learn 1.2's svd_flip.

Run with the system python (scikit-learn 1.2, numpy):  /usr/bin/python3 make_svd.py
Writes svd.txt: for each case the input matrix A, then S (1 x r), U (m x r) and VT (r x n)
after sklearn.utils.extmath.svd_flip(U, VT) (u-based), printed with repr() so that every
double round-trips exactly.
"""
import numpy as np
from sklearn.utils.extmath import svd_flip


def block(out, name, m):
    m = np.atleast_2d(m)
    out.write("matrix %s %d %d\n" % (name, m.shape[0], m.shape[1]))
    for row in m:
        out.write(" ".join(repr(float(v)) for v in row) + "\n")


def case(out, name, a):
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    u, vt = svd_flip(u, vt)
    block(out, name + ".A", a)
    block(out, name + ".S", s[None, :])
    block(out, name + ".U", u)
    block(out, name + ".VT", vt)


rng = np.random.RandomState(20240607)
with open("svd.txt", "w") as out:
    out.write("# made by make_svd.py (numpy %s); do not edit\n" % np.__version__)
    case(out, "tall", rng.standard_normal((12, 5)))
    case(out, "wide", rng.standard_normal((4, 9)))
    case(out, "square", rng.uniform(0, 1, (7, 7)))
    # Graded spectrum: singular values 10^0 .. 10^-9, where QR-based SVDs lose relative accuracy.
    q1, _ = np.linalg.qr(rng.standard_normal((10, 6)))
    q2, _ = np.linalg.qr(rng.standard_normal((8, 6)))
    case(out, "graded", q1 @ np.diag(10.0 ** -np.arange(0, 12, 2)) @ q2.T)
    # Non-negative, as NNDSVD sees it.
    case(out, "nonnegative", rng.uniform(0, 5, (15, 6)))

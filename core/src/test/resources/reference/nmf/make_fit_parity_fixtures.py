#!/usr/bin/python3
"""Reference values for NmfSklearnParityTest (nmf4j): whole fits of scikit-learn 1.2's
NMF(solver='mu') with its default convergence test (tol=1e-4, max_iter=200) from NNDSVD and
NNDSVDA starts, for each loss, with and without penalties (alpha_H 'same', 0, or its own).

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_fit_parity_fixtures.py
It writes fit_parity.txt beside this script.

Order: scikit-learn updates W first, nmf4j H first, so scikit-learn runs on X = V^T (see
make_mu_fixtures.py); the NNDSVD starts of V^T are the transposed starts of V, nmf4j's alphaW
(scaled by V's columns) is scikit-learn's alpha_H on V^T and nmf4j's alphaH its alpha_W.
Each setting s (block P_<s>, 1 x 6: data (0: V, 1: VZ with zeros), init (0: nndsvd,
1: nndsvda), beta, alphaW, alphaH (-1: 'same'), l1Ratio) writes W_<s>, H_<s> (nmf4j's
orientation) and N_<s> (1 x 2: n_iter_, reconstruction_err_).

File format: blocks "name rows cols" followed by `rows` lines of `cols` numbers (repr, exact).
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import NMF

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
SAME = -1.0
# name: (data, init, beta, alphaW, alphaH, l1Ratio), nmf4j's naming
SETTINGS = {
    "nndsvd_frobenius": (0, 0, 2.0, 0.0, SAME, 0.0),
    "nndsvd_frobenius_zeros_pen": (1, 0, 2.0, 0.01, SAME, 0.5),
    "frobenius": (0, 1, 2.0, 0.0, SAME, 0.0),
    "frobenius_same": (0, 1, 2.0, 0.01, SAME, 0.5),
    "frobenius_w_only": (0, 1, 2.0, 0.02, 0.0, 1.0),
    "frobenius_zeros_h_only": (1, 1, 2.0, 0.0, 0.03, 0.2),
    "kl": (0, 1, 1.0, 0.0, SAME, 0.0),
    "kl_zeros_same": (1, 1, 1.0, 0.01, SAME, 0.5),
    "is": (0, 1, 0.0, 0.0, SAME, 0.0),
    "is_same": (0, 1, 0.0, 0.01, SAME, 0.5),
    "beta1_5_zeros": (1, 1, 1.5, 0.0, SAME, 0.0),
    "beta1_5_h_only": (0, 1, 1.5, 0.0, 0.03, 0.2),
}


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(float(x)) for x in row))


def main():
    rng = np.random.default_rng(3)
    v = 2.0 * rng.random((9, 7)) + 0.05
    vz = v.copy()
    vz[rng.random(v.shape) < 0.25] = 0.0
    out = []
    block(out, "V", v)
    block(out, "VZ", vz)
    for name, (data, init, beta, aw, ah, l1) in SETTINGS.items():
        block(out, "P_" + name, [data, init, beta, aw, ah, l1])
        x = (v, vz)[data]
        m = NMF(n_components=3, solver="mu", init=("nndsvd", "nndsvda")[init], beta_loss=beta,
                alpha_W=aw if ah == SAME else ah, alpha_H=aw, l1_ratio=l1, tol=1e-4,
                max_iter=200)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wt = m.fit_transform(x.T)
        block(out, "W_" + name, m.components_.T)
        block(out, "H_" + name, wt.T)
        block(out, "N_" + name, [m.n_iter_, m.reconstruction_err_])
    with open(os.path.join(HERE, "fit_parity.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference values for MiniBatchSklearnParityTest (nmf4j): scikit-learn 1.2's MiniBatchNMF with
its default stopping rules (tol=1e-4, max_no_improvement=10), and its transform.

Run with the system Python that has scikit-learn 1.2:
/usr/bin/python3 make_minibatch_parity_fixtures.py
It writes minibatch_parity.txt beside this script.

Each setting s (block P_<s>, 1 x 6: beta, alphaW, l1Ratio, batchSize, freshRestarts, tol; alpha_H
is 'same') runs MiniBatchNMF(init='nndsvda', max_iter=200) on V (n x p) and writes W_<s>
(fit_transform's result), H_<s> (components_), N_<s> (1 x 2: n_iter_, reconstruction_err_) and
T_<s>, transform(X) for new rows X. transform is _solve_W: W from sqrt(mean(X) / k), updated with
H fixed until ||W - W_prev||_F / ||W||_F <= tol, at most transform_max_iter (= max_iter) times.
ONLINE_T_<s> is transform(X) after partial_fit over the consecutive batches of V from H0.

File format: blocks "name rows cols" followed by `rows` lines of `cols` numbers (repr, exact).
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import MiniBatchNMF

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))

# name: (beta, alphaW, l1Ratio, batchSize, freshRestarts, tol)
SETTINGS = {
    "frobenius": (2.0, 0.0, 0.0, 16, False, 1e-4),
    "frobenius_pen": (2.0, 0.01, 0.5, 50, False, 1e-3),
    "frobenius_fresh": (2.0, 0.0, 0.0, 7, True, 1e-4),
    "kl": (1.0, 0.0, 0.0, 16, False, 1e-3),
    "is": (0.0, 0.0, 0.0, 50, False, 1e-3),
    "beta1_5_pen": (1.5, 0.005, 0.3, 16, False, 1e-4),
}


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(float(x)) for x in row))


def main():
    rng = np.random.default_rng(9)
    n, p, k = 50, 6, 3
    v = 0.01 + 3.0 * rng.random((n, p)) * rng.random((n, p))
    x = 0.01 + rng.random((4, p))
    h0 = 0.1 + rng.random((k, p))
    out = []
    block(out, "V", v)
    block(out, "X", x)
    block(out, "H0", h0)
    for name, (beta, aw, l1, bs, fresh, tol) in SETTINGS.items():
        block(out, "P_" + name, [beta, aw, l1, bs, 1.0 if fresh else 0.0, tol])
        m = MiniBatchNMF(n_components=k, init="nndsvda", beta_loss=beta, alpha_W=aw,
                         l1_ratio=l1, batch_size=bs, fresh_restarts=fresh, tol=tol,
                         max_iter=200, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = m.fit_transform(v)
        block(out, "W_" + name, w)
        block(out, "H_" + name, m.components_)
        block(out, "N_" + name, [m.n_iter_, m.reconstruction_err_])
        block(out, "T_" + name, m.transform(x))
        m = MiniBatchNMF(n_components=k, init="custom", beta_loss=beta, alpha_W=aw,
                         l1_ratio=l1, batch_size=bs, tol=tol, max_iter=200)
        for start in range(0, n, bs):
            batch = v[start:start + bs]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                m.partial_fit(batch, W=np.ones((batch.shape[0], k)), H=h0.copy())
        block(out, "ONLINE_T_" + name, m.transform(x))
    with open(os.path.join(HERE, "minibatch_parity.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

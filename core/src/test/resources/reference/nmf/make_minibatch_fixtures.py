#!/usr/bin/python3
"""Reference values for MiniBatchNmfReferenceTest (nmf4j): scikit-learn 1.2's MiniBatchNMF
(fit_transform and partial_fit) from custom starts.

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_minibatch_fixtures.py
It writes minibatch.txt beside this script.

Each setting s (block P_<s>, 1 x 7: beta, alphaW, alphaH, l1Ratio, batchSize, forgetFactor,
freshRestarts) runs MiniBatchNMF(init='custom', tol=0, max_no_improvement=None) for t passes
(max_iter = t) on V (n x p) from W0, H0 and writes W_<s>_<t> (fit_transform's result) and
H_<s>_<t> (components_), and E_<s>_<t>, reconstruction_err_. No transposition is needed:
scikit-learn's and nmf4j's mini-batch steps both update W, then H. PARTIAL_H_<s> is H after
partial_fit on the consecutive batches of one pass (H0 as start, batch size and forget factor
of the setting).

File format: blocks "name rows cols" followed by `rows` lines of `cols` numbers (repr, exact).
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import MiniBatchNMF

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))

# name: (beta, alphaW, alphaH, l1Ratio, batchSize, forgetFactor, freshRestarts)
SETTINGS = {
    "frobenius": (2.0, 0.0, 0.0, 0.0, 16, 0.7, False),
    "frobenius_pen_fresh": (2.0, 0.01, 0.005, 0.5, 16, 0.7, True),
    "kl": (1.0, 0.0, 0.0, 0.0, 20, 0.5, False),
    "kl_pen": (1.0, 0.01, 0.01, 0.5, 16, 0.7, False),
    "is": (0.0, 0.0, 0.0, 0.0, 16, 0.7, False),
    "is_fresh": (0.0, 0.0, 0.0, 0.0, 16, 0.7, True),
    "beta1_5": (1.5, 0.0, 0.0, 0.0, 16, 0.7, False),
    "beta3_pen": (3.0, 0.01, 0.01, 0.3, 25, 0.9, False),
}


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(float(x)) for x in row))


def main():
    rng = np.random.default_rng(1302)
    n, p, k = 50, 12, 3
    v = 0.05 + 3.0 * rng.random((n, p))
    w0 = 0.1 + rng.random((n, k))
    h0 = 0.1 + rng.random((k, p))
    out = []
    block(out, "V", v)
    block(out, "W0", w0)
    block(out, "H0", h0)
    for name, (beta, aw, ah, l1, bs, ff, fresh) in SETTINGS.items():
        block(out, "P_" + name, [beta, aw, ah, l1, bs, ff, 1.0 if fresh else 0.0])
        for t in (1, 3, 10):
            m = MiniBatchNMF(n_components=k, init="custom", beta_loss=beta, alpha_W=aw,
                             alpha_H=ah, l1_ratio=l1, batch_size=bs, forget_factor=ff,
                             fresh_restarts=fresh, tol=0.0, max_no_improvement=None,
                             max_iter=t)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                w = m.fit_transform(v, W=w0.copy(), H=h0.copy())
            assert m.n_iter_ == t, (name, t, m.n_iter_)
            block(out, "W_%s_%d" % (name, t), w)
            block(out, "H_%s_%d" % (name, t), m.components_)
            block(out, "E_%s_%d" % (name, t), [m.reconstruction_err_])
        m = MiniBatchNMF(n_components=k, init="custom", beta_loss=beta, alpha_W=aw, alpha_H=ah,
                         l1_ratio=l1, batch_size=bs, forget_factor=ff, tol=0.0)
        for start in range(0, n, bs):
            x = v[start:start + bs]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                m.partial_fit(x, W=np.ones((x.shape[0], k)), H=h0.copy())
        block(out, "PARTIAL_H_" + name, m.components_)
    with open(os.path.join(HERE, "minibatch.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference values for MuOptionsReferenceTest (nmf4j): scikit-learn 1.2's multiplicative
updates with penalties (alpha_W, alpha_H, l1_ratio) and beta-divergences, its transform with a
penalty, and its coordinate descent ('cd') with penalties at convergence.

Run with the system Python that has scikit-learn 1.2: /usr/bin/python3 make_mu_options_fixtures.py
It writes mu_options_<case>.txt beside this script.

Order: scikit-learn updates W first, then H; nmf4j updates H first, then W. So scikit-learn
runs on X = V^T with W_init = H0^T and H_init = W0^T: its W-first order on V^T is then nmf4j's
H-first order on V, and nmf4j's (W, H) after t iterations is (H_sk^T, W_sk^T). The penalties swap
with the factors: nmf4j's alphaW (scaled by V's columns p) is scikit-learn's alpha_H on V^T
(scaled by V^T's rows, p again), and nmf4j's alphaH is its alpha_W. tol = 0 turns off the
convergence test, so exactly max_iter iterations run.

Each case writes, per setting s and iteration count t, W_<s>_<t> and H_<s>_<t>; the settings'
parameters are in the block P_<s> (1 x 4: beta, alphaW, alphaH, l1Ratio in nmf4j's naming).
Settings with beta <= 0 are skipped for data with zeros (scikit-learn rejects them). E_<s>_<t>
(1 x 1) is scikit-learn's reconstruction error, _beta_divergence(..., square_root=True), of the
factors after t iterations.

File format: blocks "name rows cols" followed by `rows` lines of `cols` numbers (repr, exact).
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import NMF, MiniBatchNMF, non_negative_factorization
from sklearn.decomposition._nmf import _beta_divergence

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
ITERATIONS = (1, 10, 50)
# name: (beta, alphaW, alphaH, l1Ratio), nmf4j's naming
SETTINGS = {
    "frobenius_pen": (2.0, 0.01, 0.01, 0.5),
    "frobenius_split": (2.0, 0.02, 0.005, 0.3),
    "kl_pen": (1.0, 0.01, 0.01, 0.5),
    "kl_split": (1.0, 0.005, 0.02, 0.8),
    "is": (0.0, 0.0, 0.0, 0.0),
    "is_pen": (0.0, 0.002, 0.001, 0.5),
    "beta1_5": (1.5, 0.0, 0.0, 0.0),
    "beta3": (3.0, 0.0, 0.0, 0.0),
    "beta3_pen": (3.0, 0.01, 0.01, 0.3),
    "beta0_5": (0.5, 0.0, 0.0, 0.0),
    "beta_m0_5": (-0.5, 0.0, 0.0, 0.0),
    "beta2_5": (2.5, 0.0, 0.0, 0.0),
}


def block(out, name, a):
    a = np.atleast_2d(a)
    out.append("%s %d %d" % (name, a.shape[0], a.shape[1]))
    for row in a:
        out.append(" ".join(repr(float(x)) for x in row))


def objective(v, w, h, alpha_w, alpha_h, l1_ratio):
    """scikit-learn's documented objective for the Frobenius loss, in nmf4j's orientation."""
    n, p = v.shape
    data = 0.5 * np.sum((v - w @ h) ** 2)
    return (data + p * alpha_w * (l1_ratio * w.sum() + 0.5 * (1 - l1_ratio) * np.sum(w ** 2))
            + n * alpha_h * (l1_ratio * h.sum() + 0.5 * (1 - l1_ratio) * np.sum(h ** 2)))


def case(name, n, p, k, seed, zeros=0.0, settings=SETTINGS):
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
    for short, (beta, alpha_w, alpha_h, l1_ratio) in settings.items():
        if beta <= 0 and v.min() == 0:
            continue
        block(out, "P_" + short, [beta, alpha_w, alpha_h, l1_ratio])
        for t in ITERATIONS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                w_sk, h_sk, n_iter = non_negative_factorization(
                    v.T.copy(), W=h0.T.copy(), H=w0.T.copy(), n_components=k, init="custom",
                    update_H=True, solver="mu", beta_loss=beta, tol=0, max_iter=t,
                    alpha_W=alpha_h, alpha_H=alpha_w, l1_ratio=l1_ratio)
            assert n_iter == t
            block(out, "W_%s_%d" % (short, t), h_sk.T)
            block(out, "H_%s_%d" % (short, t), w_sk.T)
            block(out, "E_%s_%d" % (short, t),
                  [_beta_divergence(v, h_sk.T, w_sk.T, beta, square_root=True)])
        # transform: W alone for the fixed H0, from scikit-learn's constant start (no swap:
        # with H fixed the order does not matter)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w_t, _, n_iter = non_negative_factorization(
                v.copy(), H=h0.copy(), n_components=k, update_H=False, solver="mu",
                beta_loss=beta, tol=0, max_iter=10, alpha_W=alpha_w, alpha_H=alpha_h,
                l1_ratio=l1_ratio)
        assert n_iter == 10
        if beta == 1.0 and l1_ratio > 0:
            # NMF.transform with the KL loss caches H's row sums between iterations and adds
            # the L1 weight to them in place (`denominator = H_sum[np.newaxis, :]`, then
            # `denominator += l1_reg_W`), so its L1 weight grows by one every iteration: a bug
            # of scikit-learn 1.2 that its fit does not have (it recomputes H_sum after every H
            # update). The reference is scikit-learn's own uncached W update instead, as its
            # MiniBatchNMF.transform runs it (_solve_W, tol = 0: all iterations).
            mb = MiniBatchNMF(n_components=k, beta_loss=beta, tol=0, alpha_W=alpha_w,
                              alpha_H=alpha_h, l1_ratio=l1_ratio)
            mb._check_params(v)
            fixed = mb._solve_W(v.copy(), h0.copy(), 10)
            assert np.linalg.norm(fixed - w_t) > 1e-3 * np.linalg.norm(fixed)
            w_t = fixed
        block(out, "T_%s_10" % short, w_t)
    # HALS: scikit-learn's cd with penalties run to convergence from the same start; its
    # objective is the bound nmf4j's HALS must reach
    for short, (beta, alpha_w, alpha_h, l1_ratio) in settings.items():
        if beta != 2.0:
            continue
        model = NMF(n_components=k, init="custom", solver="cd", tol=1e-14, max_iter=20000,
                    alpha_W=alpha_w, alpha_H=alpha_h, l1_ratio=l1_ratio)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w_cd = model.fit_transform(v.copy(), W=w0.copy(), H=h0.copy())
        block(out, "CD_%s" % short,
              [objective(v, w_cd, model.components_, alpha_w, alpha_h, l1_ratio)])
    with open(os.path.join(HERE, "mu_options_%s.txt" % name), "w") as f:
        f.write("\n".join(out) + "\n")


case("square", 12, 9, 3, seed=11)
case("tall", 25, 16, 4, seed=12, zeros=0.3)
case("wide", 8, 30, 2, seed=13)


def zero_model_case():
    """mu_options_zero_model.txt: V with an all-zero column and a start whose H is zero in that
    column, so WH is exactly 0 there for the whole fit (as NNDSVD starts and pixels that are
    never lit give). scikit-learn's divergence counts WH^beta there as 0, not eps^beta; the
    test runs nmf4j with its default epsilon. Blocks: V, W0, H0, then per beta b and
    iteration count t, E_<b>_<t> (reconstruction_err_, sqrt(2 D))."""
    rng = np.random.default_rng(21)
    v = 3.0 * rng.random((7, 5))
    v[:, 2] = 0.0
    v[1, 4] = 0.0
    w0 = 0.1 + rng.random((7, 2))
    h0 = 0.1 + rng.random((2, 5))
    h0[:, 2] = 0.0
    out = []
    block(out, "V", v)
    block(out, "W0", w0)
    block(out, "H0", h0)
    for short, beta in (("beta0_5", 0.5), ("beta1_5", 1.5), ("beta3", 3.0)):
        for t in (1, 10):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                w_sk, h_sk, _ = non_negative_factorization(
                    v.T.copy(), W=h0.T.copy(), H=w0.T.copy(), n_components=2, init="custom",
                    solver="mu", beta_loss=beta, tol=0, max_iter=t)
            block(out, "E_%s_%d" % (short, t),
                  [_beta_divergence(v, h_sk.T, w_sk.T, beta, square_root=True)])
    with open(os.path.join(HERE, "mu_options_zero_model.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


zero_model_case()

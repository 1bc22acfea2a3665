"""Peer of nmf4j's OptionsCpuTime: the costs of scikit-learn 1.2's NMF penalties, beta-divergences
and MiniBatchNMF on one BLAS thread, in process CPU time.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/python/nmf_options_sklearn.py \
        penalty V.npy RANK mu|cd BETA A B ROUNDS    # plain vs alpha_W 0.01, l1_ratio 0.5
        iteration V.npy RANK BETA A B ROUNDS        # one multiplicative-update iteration
        minibatch V.npy RANK ROUNDS [PASSES [wall]]  # MiniBatchNMF with its defaults
        write V.npy                                 # 70000 x 784 uniform on [0, 1), seed 42
        fashion V.npy OFFSET                        # Fashion-MNIST, (pixel + OFFSET) / (255 + OFFSET)

`fashion` writes the 70000 x 784 images of Fashion-MNIST (Debian's dataset-fashion-mnist,
/usr/share/datasets/fashion-mnist: the 60000 training images, then the 10000 test images) as
float64 (pixel + OFFSET) / (255 + OFFSET): OFFSET 0 for the losses that take zeros, 1 for
Itakura-Saito, which rejects them (half the pixels are 0).

Per-iteration costs come from NMF(init='custom', tol=0) fits of A and B iterations from fixed
strictly positive factors: (cpu(B) - cpu(A)) / (B - A). In `penalty` the plain and the penalized
fits alternate within each round. `minibatch` with PASSES runs exactly that many passes (tol=0,
max_no_improvement=None; 0 keeps the defaults); with `wall` it times the wall clock instead of
the process CPU time (run it with OPENBLAS_NUM_THREADS=2 beside OptionsCpuTime's `wall 2`).
"""
import gzip
import os
import sys
import time
import warnings

import numpy as np
from sklearn.decomposition import NMF, MiniBatchNMF

warnings.simplefilter("ignore")


FASHION = "/usr/share/datasets/fashion-mnist/"


def fashion_mnist(offset):
    """Fashion-MNIST's 70000 images (training, then test) as (pixel + offset) / (255 + offset)."""
    parts = []
    for name in ("train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"):
        if not os.path.exists(FASHION + name):
            sys.exit("nmf_options_sklearn.py: %s not found: Fashion-MNIST comes from Debian's "
                     "package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                     % (FASHION + name))
        with gzip.open(FASHION + name) as f:
            parts.append(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784))
    return (np.vstack(parts).astype(np.float64) + offset) / (255 + offset)


def start(v, k):
    rng = np.random.default_rng(42)
    scale = np.sqrt(v.mean() / k)
    return (scale * (1 - rng.random((v.shape[0], k))),
            scale * (1 - rng.random((k, v.shape[1]))))


def fit_cpu(v, w0, h0, iterations, **kw):
    model = NMF(n_components=w0.shape[1], init="custom", tol=0, max_iter=iterations, **kw)
    t0 = time.process_time()
    model.fit_transform(v, W=w0.copy(), H=h0.copy())
    return time.process_time() - t0


def per_iteration(v, w0, h0, a, b, **kw):
    return (fit_cpu(v, w0, h0, b, **kw) - fit_cpu(v, w0, h0, a, **kw)) / (b - a) * 1e3


def summary(x):
    s = sorted(x)
    return "median %.4f (range %.4f-%.4f, %d rounds)" % (s[len(s) // 2], s[0], s[-1], len(s))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "write":
        np.save(path, np.random.default_rng(42).random((70000, 784)))
        return
    if mode == "fashion":
        np.save(path, fashion_mnist(float(sys.argv[3])))
        return
    v = np.load(path)
    k = int(sys.argv[3])
    if mode == "penalty":
        solver, beta = sys.argv[4], float(sys.argv[5])
        a, b, rounds = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
        w0, h0 = start(v, k)
        plain = dict(solver=solver, beta_loss=beta)
        pen = dict(solver=solver, beta_loss=beta, alpha_W=0.01, l1_ratio=0.5)
        fit_cpu(v, w0, h0, b, **plain)
        p, q = [], []
        for r in range(rounds):
            if r % 2 == 0:
                p.append(per_iteration(v, w0, h0, a, b, **plain))
                q.append(per_iteration(v, w0, h0, a, b, **pen))
            else:
                q.append(per_iteration(v, w0, h0, a, b, **pen))
                p.append(per_iteration(v, w0, h0, a, b, **plain))
        print("penalty %s beta %s, %s rank %d, fits of %d and %d: CPU ms per iteration plain %s,"
              " penalized %s, ratio per round %s" % (solver, beta, v.shape, k, a, b, summary(p),
                                                     summary(q), summary([y / x for x, y in zip(p, q)])))
    elif mode == "iteration":
        beta = float(sys.argv[4])
        a, b, rounds = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
        w0, h0 = start(v, k)
        fit_cpu(v, w0, h0, a, solver="mu", beta_loss=beta)
        t = [per_iteration(v, w0, h0, a, b, solver="mu", beta_loss=beta) for _ in range(rounds)]
        print("iteration beta %s, %s rank %d, fits of %d and %d: CPU ms per iteration %s"
              % (beta, v.shape, k, a, b, summary(t)))
    elif mode == "minibatch":
        passes = int(sys.argv[5]) if len(sys.argv) > 5 else 0
        fixed = dict(max_iter=passes, tol=0, max_no_improvement=None) if passes > 0 else {}
        wall = len(sys.argv) > 6 and sys.argv[6] == "wall"
        clock = time.perf_counter if wall else time.process_time
        for r in range(int(sys.argv[4])):
            m = MiniBatchNMF(n_components=k, random_state=0, **fixed)
            t0 = clock()
            m.fit_transform(v)
            t1 = clock()
            print("minibatch %s rank %d: %s s %.3f, passes %d, steps %d, error %.6f"
                  % (v.shape, k, "wall" if wall else "CPU", t1 - t0, m.n_iter_, m.n_steps_,
                     m.reconstruction_err_))


if __name__ == "__main__":
    main()

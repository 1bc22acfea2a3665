"""Side-by-side peer of nmf4j's MultiplicativeUpdateBenchmark: scikit-learn 1.2 NMF(solver='mu').

Dense V (70000 x 784, uniform on [0, 1)), rank 20, strictly positive starting factors scaled by
sqrt(mean(V) / k), as on the Java side. Two timings per loss, medians over the repeats:

  update:  one iteration of scikit-learn's _fit_multiplicative_update loop, i.e. its
           _multiplicative_update_w then _multiplicative_update_h (plus, for KL, the clamp of
           tiny H values), each iteration timed on its own: the updates alone;
  fit:     NMF(solver='mu', init='custom', max_iter=M, tol=1e-4).fit_transform, which also
           evaluates the loss every 10 iterations (for Frobenius on dense data it forms X - WH),
           divided by the iterations it ran.

Run with the system Python (scikit-learn 1.2, numpy with OpenBLAS), one BLAS thread count at a
time:
    OPENBLAS_NUM_THREADS=2 flock /tmp/nmf4j-bench.lock /usr/bin/python3 \
        benchmarks/python/nmf_mu_sklearn.py [repeats [frobenius|kullback-leibler|both
        [update|fit|both]]]
"""
import os
import statistics
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _multiplicative_update_h, _multiplicative_update_w

N_ROWS, N_COLS, RANK = 70000, 784, 20
ITERATIONS = {"frobenius": 10, "kullback-leibler": 3}
FIT_ITERATIONS = {"frobenius": 20, "kullback-leibler": 10}


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    which = sys.argv[2] if len(sys.argv) > 2 else "both"
    modes = sys.argv[3] if len(sys.argv) > 3 else "both"
    losses = ("frobenius", "kullback-leibler") if which == "both" else (which,)
    rng = np.random.default_rng(42)
    v = rng.random((N_ROWS, N_COLS))
    avg = np.sqrt(v.mean() / RANK)
    w0 = avg * (1 - rng.random((N_ROWS, RANK)))
    h0 = avg * (1 - rng.random((RANK, N_COLS)))
    print("scikit-learn %s, numpy %s, OPENBLAS_NUM_THREADS=%s"
          % (sklearn.__version__, np.__version__, os.environ.get("OPENBLAS_NUM_THREADS", "unset")))
    for loss in losses:
        n = ITERATIONS[loss]
        beta = 2 if loss == "frobenius" else 1
        times = []
        for _ in range(repeats if modes != "fit" else 0):
            w, h = w0.copy(), h0.copy()
            for _ in range(n):
                t0 = time.perf_counter()
                w, _, _, _ = _multiplicative_update_w(v, w, h, beta, 0, 0, 1.0)
                h = _multiplicative_update_h(v, w, h, beta, 0, 0, 1.0)
                if beta <= 1:
                    h[h < np.finfo(np.float64).eps] = 0.0
                times.append(time.perf_counter() - t0)
        if times:
            print("%-16s update: median %.1f ms/iteration (%d iterations: %s)"
                  % (loss, 1000 * statistics.median(times), len(times),
                     ", ".join("%.0f" % (1000 * t) for t in times)))
        if modes == "update":
            continue
        m = FIT_ITERATIONS[loss]
        times = []
        iters = 0
        for _ in range(repeats):
            model = NMF(n_components=RANK, solver="mu", beta_loss=loss, init="custom",
                        max_iter=m, tol=1e-4)
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.fit_transform(v, W=w0.copy(), H=h0.copy())
            iters = model.n_iter_
            times.append((time.perf_counter() - t0) / iters)
        print("%-16s fit:    median %.1f ms/iteration over %d iterations (runs: %s)"
              % (loss, 1000 * statistics.median(times), iters,
                 ", ".join("%.1f" % (1000 * t) for t in times)))


if __name__ == "__main__":
    main()

"""Peer of nmf4j's IterationCpuTime: the CPU cost of one scikit-learn 1.2 NMF iteration.

NMF(solver=cd|mu, init='custom', tol=0, max_iter=M) from fixed strictly positive random factors
scaled by sqrt(mean(V) / k), fits of A and of B iterations one after the other; one iteration is
(cpu(B) - cpu(A)) / (B - A) in process CPU time, so the checks, the start's copies and the
final error cancel out. Run with one BLAS thread, so the process CPU time is the fit's own work:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/python/iteration_sklearn.py \
        faces|mnist RANK cd|mu A B ROUNDS

faces: the 200 x 625 real photographs (realdata.faces()); mnist: 70000 x 784 uniform on [0, 1).
Prints the median and the range over the rounds, in milliseconds.

With `wall THREADS` at the end, OpenBLAS gets THREADS threads (OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS are set before numpy loads) and the fits are timed by the wall clock
(time.perf_counter), the peer of IterationCpuTime's wall mode; meaningful only on a quiet machine.
"""
import os
import sys
import time
import warnings

WALL = len(sys.argv) > 7 and sys.argv[7] == "wall"
if WALL:
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = sys.argv[8]

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

import realdata

warnings.simplefilter("ignore", ConvergenceWarning)


def main():
    which, k, solver = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    a, b, rounds = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    clock = time.perf_counter if WALL else time.process_time
    rng = np.random.default_rng(42)
    v = realdata.faces().astype(np.float64) if which == "faces" else rng.random((70000, 784))
    n, p = v.shape
    scale = np.sqrt(v.mean() / k)
    w0 = scale * (1 - rng.random((n, k)))
    h0 = scale * (1 - rng.random((k, p)))

    def fit(iterations):
        model = NMF(n_components=k, solver=solver, init="custom", tol=0, max_iter=iterations)
        t0 = clock()
        model.fit_transform(v, W=w0.copy(), H=h0.copy())
        return clock() - t0

    fit(b)  # warm-up
    per = []
    for _ in range(rounds):
        short = fit(a)
        long = fit(b)
        per.append((long - short) / (b - a) * 1e3)
    per.sort()
    print("%s %d x %d rank %d %s, OPENBLAS_NUM_THREADS=%s: %s ms per iteration (fits of %d "
          "and %d) median %.4f, range %.4f-%.4f over %d rounds"
          % (which, n, p, k, solver, os.environ.get("OPENBLAS_NUM_THREADS", "unset"),
             "wall" if WALL else "CPU", a, b,
             per[len(per) // 2], per[0], per[-1], rounds))


if __name__ == "__main__":
    main()

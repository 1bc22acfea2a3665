"""numpy/OpenBLAS side of the multiply benchmark (docs/benchmarks.md).

Run with the system python so that numpy uses Debian's OpenBLAS:
    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 benchmarks/python/gemm_numpy.py
Prints the median GFLOP/s of n = 256, 512, 1024 square DGEMM and of the three NMF products
(V 70000 x 784, rank 20) over 15 repetitions after 3 warm-up calls.
"""
import time

import numpy as np


def median_gflops(f, flops, reps=15, warmup=3):
    for _ in range(warmup):
        f()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    times.sort()
    return flops / times[len(times) // 2] / 1e9


def main():
    rng = np.random.default_rng(42)
    for n in (256, 512, 1024):
        a = rng.random((n, n))
        b = rng.random((n, n))
        print(f"square n={n}: {median_gflops(lambda: a @ b, 2 * n ** 3):.1f} GFLOP/s")
    n, p, k = 70000, 784, 20
    v = rng.random((n, p))
    w = rng.random((n, k))
    h = rng.random((k, p))
    b = np.ascontiguousarray(h.T)
    flops = 2 * n * p * k
    print(f"W^T V (20x70000 * 70000x784): {median_gflops(lambda: w.T @ v, flops):.1f} GFLOP/s")
    print(f"V H^T (70000x784 * 784x20, H^T a view): {median_gflops(lambda: v @ h.T, flops):.1f} GFLOP/s")
    print(f"V B (70000x784 * 784x20): {median_gflops(lambda: v @ b, flops):.1f} GFLOP/s")


if __name__ == "__main__":
    main()

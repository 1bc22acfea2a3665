"""Peer of nmf4j's KMeansParallelTiming: scikit-learn 1.2 KMeans with k-means++ seeding (it has
no k-means||) on the pixels of a photo.

Data: docs/figures/input/china.png (scikit-learn's china.jpg as PIL decodes it, 427 x 640),
273,280 RGB pixels scaled to [0, 1]. KMeans(n_clusters=k, init="k-means++", n_init=1,
algorithm="lloyd", random_state=seed), with max_iter=1 (the seeding and one Lloyd iteration)
and max_iter=300 (tolerance 1e-4, the default).

    OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/python/kmeans_parallel_sklearn.py [repeats] [k]
prints, per fit (seed = repeat index, after one warm-up fit), the wall and process CPU seconds,
the iterations and the inertia.
"""
import sys
import time
import warnings

from sklearn.cluster import KMeans

import realdata


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    warnings.simplefilter("ignore")
    x = realdata.china()
    for max_iter in (1, 300):
        def fit(seed):
            return KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm="lloyd",
                          max_iter=max_iter, random_state=seed).fit(x)
        fit(0)  # warm-up
        for seed in range(repeats):
            t = time.perf_counter()
            cpu = time.process_time()
            m = fit(seed)
            cpu = time.process_time() - cpu
            seconds = time.perf_counter() - t
            print(f"sklearn k-means++ maxIter={max_iter} k={k} seed={seed}: {seconds:.3f} s, "
                  f"CPU {cpu:.3f} s, {m.n_iter_} iterations, inertia {m.inertia_:.3f}",
                  flush=True)


if __name__ == "__main__":
    main()

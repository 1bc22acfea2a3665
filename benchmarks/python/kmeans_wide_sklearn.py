"""Side-by-side peer of nmf4j's KMeansWideBenchmark and SilhouetteBenchmark: k-means and the
silhouette on wide data with scikit-learn.

Data sets (the same on both sides):
  digits   scikit-learn's bundled digits, 1797 x 64 integer pixels (0..16), from
           sklearn/datasets/data/digits.csv.gz
  mnist    70000 x 784 synthetic MNIST-shaped images in [0, 1] (about a fifth non-zero), built
           with integer arithmetic only so that this script and
           io.github.nmf4j.benchmarks.cluster.SyntheticDigits produce bit-identical points
The initial centroids are the rows at indices floor((2j + 1) n / (2k)), j = 0..k-1, on both
sides, so both libraries run Lloyd's algorithm from the same start (max_iter=300, tol=1e-4):
KMeans(init=c, n_init=1, algorithm='lloyd').

Run with the system Python (scikit-learn 1.2, numpy with OpenBLAS):
    flock /tmp/nmf4j-bench.lock /usr/bin/python3 benchmarks/python/kmeans_wide_sklearn.py \
        [--repeats 5] [--data digits,mnist] [--k 10,64] [--kmeans++] [--silhouette] [--cpu]
Prints per data set and k the median fit time, the iterations, the final inertia and a label
checksum (sum of (i mod 1000) * label) that KMeansWideBenchmark.main prints too; with
--kmeans++ also whole fits with k-means++ seeding; with --silhouette the median time of
silhouette_score on the first 10000 rows (digits: all rows) with the labels of the fit at k = 10
(the input of io.github.nmf4j.benchmarks.metrics.SilhouetteBenchmark).
"""
import argparse
import gzip
import statistics
import time

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.metrics import silhouette_score

DIGITS = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
SIDE, FEATURES, STEPS = 28, 784, 6
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)
ANCHORS = [
    (4, 14, 10, 8, 20, 9, 23, 15, 14, 20),
    (5, 12, 4, 15, 14, 15, 23, 15, 23, 15),
    (7, 8, 4, 16, 12, 18, 23, 7, 23, 20),
    (5, 8, 8, 19, 13, 12, 18, 19, 23, 8),
    (4, 16, 16, 6, 16, 20, 10, 15, 23, 15),
    (4, 19, 4, 8, 12, 8, 17, 19, 23, 7),
    (4, 17, 13, 7, 23, 12, 18, 19, 14, 8),
    (5, 6, 5, 20, 13, 14, 19, 11, 23, 10),
    (4, 14, 12, 8, 23, 14, 12, 20, 4, 14),
    (23, 16, 14, 19, 5, 16, 8, 8, 14, 12),
]


def splitmix(counter, seed):
    """SplitMix64's output function applied to seed + (counter + 1) * golden (wrapping)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (counter.astype(np.uint64) + np.uint64(1)) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * MIX1
        z = (z ^ (z >> np.uint64(27))) * MIX2
        return z ^ (z >> np.uint64(31))


def prototypes():
    out = np.zeros((750, FEATURES), dtype=np.int64)
    r, c = np.meshgrid(np.arange(SIDE), np.arange(SIDE), indexing="ij")
    r, c = r.reshape(-1), c.reshape(-1)
    for cls, a in enumerate(ANCHORS):
        ys, xs = [], []
        for s in range(4):
            for t in range(STEPS):
                ys.append(a[2 * s] + (a[2 * s + 2] - a[2 * s]) * t // STEPS)
                xs.append(a[2 * s + 1] + (a[2 * s + 3] - a[2 * s + 1]) * t // STEPS)
        ys.append(a[8])
        xs.append(a[9])
        for dy in range(-2, 3):
            for dx in range(-2, 3):
                e = np.min([(r - dy - y) ** 2 + (c - dx - x) ** 2 for y, x in zip(ys, xs)], axis=0)
                for t in range(2, 5):
                    out[75 * cls + 15 * (dy + 2) + 3 * (dx + 2) + (t - 2)] = np.maximum(
                        0, 255 - 255 * e // (t * t))
    return out


def synthetic_digits(n=70000, seed=7):
    protos = prototypes()
    h = splitmix(np.arange(n, dtype=np.uint64), seed)
    ten, five, three = np.uint64(10), np.uint64(5), np.uint64(3)
    index = (75 * (h % ten) + 15 * ((h >> np.uint64(8)) % five)
             + 3 * ((h >> np.uint64(16)) % five) + (h >> np.uint64(24)) % three).astype(np.int64)
    x = np.empty((n, FEATURES))
    for start in range(0, n, 10000):
        end = min(n, start + 10000)
        v = protos[index[start:end]]
        counter = (np.arange(start, end, dtype=np.uint64)[:, None] * np.uint64(FEATURES)
                   + np.arange(FEATURES, dtype=np.uint64)[None, :])
        noise = ((splitmix(counter, seed + 1) >> np.uint64(11)) % np.uint64(41)).astype(np.int64) - 20
        v = np.where(v > 0, np.clip(v + noise, 0, 255), 0)
        x[start:end] = v / 255.0
    return x


def digits():
    with gzip.open(DIGITS, "rt") as f:
        a = np.loadtxt(f, delimiter=",")
    return a[:, :-1].copy()


def initial_centroids(x, k):
    n = x.shape[0]
    return x[[int((2 * j + 1) * n // (2 * k)) for j in range(k)]].copy()


def checksum(labels):
    return int(np.sum((np.arange(len(labels)) % 1000) * labels.astype(np.int64)))


def median_ms(times):
    return statistics.median(times) * 1000


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--data", default="digits,mnist")
    p.add_argument("--k", default="10,64")
    p.add_argument("--kmeans++", dest="plusplus", action="store_true")
    p.add_argument("--silhouette", action="store_true")
    p.add_argument("--cpu", action="store_true",
                   help="also the process CPU time of a fit (run with OMP_NUM_THREADS=1; "
                        "compare with KMeansCpuDriver digits)")
    args = p.parse_args()
    for name in args.data.split(","):
        x = digits() if name == "digits" else synthetic_digits()
        print(f"{name}: {x.shape}, sum {x.sum():.10f}, nonzero {np.count_nonzero(x) / x.size:.3f}")
        for k in (int(v) for v in args.k.split(",")):
            c0 = initial_centroids(x, k)
            times, cpus, model = [], [], None
            for _ in range(args.repeats):
                t = time.perf_counter()
                c = time.process_time()
                model = KMeans(n_clusters=k, init=c0, n_init=1, algorithm="lloyd",
                               max_iter=300, tol=1e-4).fit(x)
                cpus.append(time.process_time() - c)
                times.append(time.perf_counter() - t)
            cpu = (f", process cpu median {median_ms(cpus):.2f} ms (min {min(cpus) * 1000:.2f})"
                   if args.cpu else "")
            print(f"  sklearn lloyd same-init k={k}: median {median_ms(times):.1f} ms "
                  f"(min {min(times) * 1000:.1f}), iterations {model.n_iter_}, "
                  f"ms/iteration {median_ms(times) / model.n_iter_:.2f}, "
                  f"inertia {model.inertia_:.9g}, checksum {checksum(model.labels_)}{cpu}")
            if args.plusplus:
                times, inertias = [], []
                for seed in range(args.repeats):
                    t = time.perf_counter()
                    m = KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm="lloyd",
                               random_state=seed).fit(x)
                    times.append(time.perf_counter() - t)
                    inertias.append(m.inertia_)
                times_seed = []  # seeding alone, on the centred data as KMeans.fit seeds
                for seed in range(args.repeats):
                    t = time.perf_counter()
                    kmeans_plusplus(x - x.mean(axis=0), k, random_state=seed)
                    times_seed.append(time.perf_counter() - t)
                print(f"  sklearn k-means++ k={k}: fit median {median_ms(times):.1f} ms, "
                      f"median inertia {statistics.median(inertias):.6g}; "
                      f"seeding alone median {median_ms(times_seed):.1f} ms")
            if args.silhouette and k == 10:
                m = min(x.shape[0], 10000)
                labels = model.labels_[:m]
                times = []
                score = None
                for _ in range(args.repeats):
                    t = time.perf_counter()
                    score = silhouette_score(x[:m], labels)
                    times.append(time.perf_counter() - t)
                print(f"  sklearn silhouette_score first {m} rows k={k}: median "
                      f"{median_ms(times):.1f} ms, score {score:.12f}")


if __name__ == "__main__":
    main()

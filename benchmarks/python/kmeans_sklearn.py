"""Side-by-side peer of nmf4j's KMeansBenchmark: scikit-learn KMeans(algorithm='lloyd', n_init=1).

The data (273,280 pixels, 3 features in [0, 1]) is, with --image china (the default), the real
photograph docs/figures/input/china.png (scikit-learn's china.jpg as PIL decodes it, read by
realdata.china() and by io.github.nmf4j.benchmarks.cluster.RealImage alike), or with
--image synthetic a synthetic 427 x 640 RGB image built with integer arithmetic only, so that
this script and io.github.nmf4j.benchmarks.cluster.SyntheticImage produce bit-identical points. The initial
centroids are the pixels at indices floor((j + 0.5) * n / k), j = 0..k-1, on both sides, so both
libraries run Lloyd's algorithm from the same start (max_iter=300, tol=1e-4).

Run with the system Python (scikit-learn 1.2, numpy with OpenBLAS):
    flock /tmp/nmf4j-bench.lock /usr/bin/python3 benchmarks/python/kmeans_sklearn.py [repeats] \
        [--kmeans++] [--image china|synthetic]
Prints, for k = 16 and k = 64, the median fit time over the repeats, the iterations and the
final inertia; with --kmeans++ also a full fit with k-means++ seeding (n_init=1); with --cpu
also the process CPU time of a fit (with OMP_NUM_THREADS=1 the fit's own work, robust to other
load; compare with io.github.nmf4j.benchmarks.cluster.KMeansCpuDriver).
"""
import statistics
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

import realdata

ROWS, COLS = 427, 640
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)


def splitmix(counter, seed):
    """SplitMix64's output function applied to seed + (counter + 1) * golden (wrapping)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (counter.astype(np.uint64) + np.uint64(1)) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * MIX1
        z = (z ^ (z >> np.uint64(27))) * MIX2
        return z ^ (z >> np.uint64(31))


def synthetic_image(seed=42):
    """A 427 x 640 'photo': sky gradient, ground, sun, shaded discs, a striped building, noise."""
    r, c = np.meshgrid(np.arange(ROWS, dtype=np.int64), np.arange(COLS, dtype=np.int64), indexing="ij")
    red = np.where(r < 200, 90 + r * 60 // 200, 70 + c * 40 // 640 + (r - 200) * 30 // 227)
    green = np.where(r < 200, 140 + r * 50 // 200, 120 + c * 20 // 640 + (r - 200) * 50 // 227)
    blue = np.where(r < 200, 230 - r * 30 // 200, 50 + (r - 200) * 20 // 227)
    discs = [  # row, col, radius, colour
        (80, 520, 45, (250, 220, 90)),
        (300, 120, 70, (200, 40, 50)),
        (330, 330, 55, (40, 90, 180)),
        (260, 470, 40, (230, 230, 230)),
        (380, 560, 35, (120, 60, 160)),
    ]
    for dr, dc, rad, (cr, cg, cb) in discs:
        d2 = (r - dr) ** 2 + (c - dc) ** 2
        inside = d2 < rad * rad
        shade = d2 * 60 // (rad * rad)
        red = np.where(inside, cr - shade, red)
        green = np.where(inside, cg - shade, green)
        blue = np.where(inside, cb - shade, blue)
    building = (r >= 120) & (r < 260) & (c >= 200) & (c < 300)
    stripe = (r // 12) % 2 == 0
    red = np.where(building, np.where(stripe, 150, 90), red)
    green = np.where(building, np.where(stripe, 140, 85), green)
    blue = np.where(building, np.where(stripe, 120, 80), blue)
    channels = []
    for ch, value in enumerate((red, green, blue)):
        counter = (r * COLS + c) * 3 + ch
        noise = (splitmix(counter, seed) >> np.uint64(11)) % np.uint64(17)
        v = np.clip(value + noise.astype(np.int64) - 8, 0, 255)
        channels.append(v)
    pixels = np.stack(channels, axis=-1).reshape(-1, 3)
    return pixels.astype(np.float64) / 255.0


def initial_centroids(x, k):
    n = x.shape[0]
    idx = [int((2 * j + 1) * n // (2 * k)) for j in range(k)]
    return x[idx].copy()


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 7
    plusplus = "--kmeans++" in sys.argv
    image = sys.argv[sys.argv.index("--image") + 1] if "--image" in sys.argv else "china"
    x = synthetic_image() if image == "synthetic" else realdata.china()
    print(f"{image}: data {x.shape}, sum {x.sum():.10f}")
    for k in (16, 64):
        c0 = initial_centroids(x, k)
        times, cpus, model = [], [], None
        for _ in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            model = KMeans(n_clusters=k, init=c0, n_init=1, algorithm="lloyd",
                           max_iter=300, tol=1e-4).fit(x)
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        cpu = (f", process cpu median {statistics.median(cpus) * 1000:.1f} ms "
               f"(min {min(cpus) * 1000:.1f})") if "--cpu" in sys.argv else ""
        print(f"sklearn lloyd same-init k={k}: median {statistics.median(times) * 1000:.1f} ms "
              f"(min {min(times) * 1000:.1f}), iterations {model.n_iter_}, "
              f"inertia {model.inertia_:.6f}{cpu}")
        if plusplus:
            times, inertias = [], []
            for seed in range(repeats):
                t = time.perf_counter()
                m = KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm="lloyd",
                           random_state=seed).fit(x)
                times.append(time.perf_counter() - t)
                inertias.append(m.inertia_)
            print(f"sklearn k-means++ k={k}: median {statistics.median(times) * 1000:.1f} ms, "
                  f"median inertia {statistics.median(inertias):.6f}")


if __name__ == "__main__":
    main()

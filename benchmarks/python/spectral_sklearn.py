"""Peer of nmf4j's SpectralTiming: scikit-learn SpectralClustering(affinity='nearest_neighbors').

Data: make_moons(10000, noise=0.05, random_state=0) (10,000 points in 2-D, 2 clusters) and the
1,797 digits of docs/figures/input/digits.npy scaled to [0, 1] (10 clusters); 10 neighbours.

    /usr/bin/python3 benchmarks/python/spectral_sklearn.py DIR [repeats] [moons,digits]
writes DIR/moons.npy, DIR/moons-labels.csv, DIR/digits.npy, DIR/digits-labels.csv (for the Java
side) and prints, per data set, each fit's seconds and the adjusted Rand index against the
truth. Run with OMP_NUM_THREADS=1 for one thread; CPU is the process's CPU time.
"""
import os
import sys
import time
import warnings

import numpy as np
from sklearn.cluster import SpectralClustering
from sklearn.datasets import make_moons
from sklearn.metrics import adjusted_rand_score

HERE = os.path.dirname(os.path.abspath(__file__))


def data(out):
    x, y = make_moons(n_samples=10000, noise=0.05, random_state=0)
    digits = np.load(os.path.join(HERE, "../../docs/figures/input/digits.npy")) / 16.0
    truth = np.loadtxt(os.path.join(HERE, "../../docs/figures/input/digits-labels.csv"),
                       dtype=int, delimiter=",", ndmin=1)
    sets = {"moons": (x, y, 2), "digits": (digits, truth, 10)}
    for name, (points, labels, _) in sets.items():
        np.save(os.path.join(out, name + ".npy"), points)
        np.savetxt(os.path.join(out, name + "-labels.csv"), labels, fmt="%d")
    return sets


def main():
    out = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    wanted = sys.argv[3].split(",") if len(sys.argv) > 3 else ["moons", "digits"]
    os.makedirs(out, exist_ok=True)
    warnings.simplefilter("ignore")
    for name, (points, truth, k) in data(out).items():
        if name not in wanted:
            continue
        for _ in range(repeats):
            t = time.perf_counter()
            cpu = time.process_time()
            sc = SpectralClustering(n_clusters=k, affinity="nearest_neighbors", n_neighbors=10,
                                    random_state=0).fit(points)
            seconds = time.perf_counter() - t
            cpu = time.process_time() - cpu
            print(f"sklearn {name} {points.shape}: {seconds:.3f} s, CPU {cpu:.3f} s, "
                  f"ARI {adjusted_rand_score(truth, sc.labels_):.4f}", flush=True)


if __name__ == "__main__":
    main()

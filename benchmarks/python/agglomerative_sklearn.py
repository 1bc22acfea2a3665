"""Peer of nmf4j's AgglomerativeBenchmark: scikit-learn AgglomerativeClustering(n_clusters=8).

The points are pixels 0, 37, 74, ... of the synthetic image of kmeans_sklearn.py (the same
points as io.github.nmf4j.benchmarks.cluster.AgglomerativeBenchmark).

    flock /tmp/nmf4j-bench.lock /usr/bin/python3 benchmarks/python/agglomerative_sklearn.py [n]
Prints the median fit time of 5 runs per linkage.
"""
import statistics
import sys
import time

from sklearn.cluster import AgglomerativeClustering

from kmeans_sklearn import synthetic_image


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    x = synthetic_image()[::37][:n].copy()
    for linkage in ("single", "complete", "average", "ward"):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            AgglomerativeClustering(n_clusters=8, linkage=linkage).fit(x)
            times.append(time.perf_counter() - t)
        print(f"sklearn {linkage} n={n}: median {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Side-by-side peer of nmf4j's PcaDriver: scikit-learn 1.2's PCA fit on the same matrices.

- dense: the 70000 x 784 matrix of hals_sklearn.py (bit-identical on both sides), 20 components,
  svd_solver='auto' (which picks 'randomized' here, as nmf4j's AUTO does);
- digits: scikit-learn's 1797 x 64 digits, 10 components, svd_solver='auto' ('randomized').

Prints the median wall time of PCA(...).fit(X) over the repeats and the explained variance ratio
of the first component. Run with the system python, under the benchmark lock:
    flock /tmp/nmf4j-bench.lock /usr/bin/python3 benchmarks/python/pca_sklearn.py [repeats]
"""
import gzip
import os
import statistics
import sys
import time

import numpy as np
from sklearn.decomposition import PCA

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hals_sklearn import dense  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def run(name, x, k, repeats):
    times, ratio = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        pca = PCA(n_components=k, random_state=0).fit(x)
        times.append(time.perf_counter() - t0)
        ratio = pca.explained_variance_ratio_[0]
    print("%s %dx%d, %d components: PCA median %.4f s (runs: %s), ratio[0] %.10f"
          % (name, x.shape[0], x.shape[1], k, statistics.median(times),
             " ".join("%.4f" % t for t in times), ratio))
    sys.stdout.flush()


if __name__ == "__main__":
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    path = os.path.join(HERE, "..", "..", "core", "src", "test", "resources", "reference", "data",
                        "digits.csv.gz")
    with gzip.open(path, "rt") as f:
        digits = np.loadtxt(f, delimiter=",")[:, :64]
    run("digits", digits, 10, repeats * 4)
    run("dense", dense(), 20, repeats)

"""Reference values for the wide-data k-means and silhouette tests (KMeansWideTest,
SilhouetteTest), from scikit-learn 1.2.

Run from this directory with the system Python:  /usr/bin/python3 make_wide_fixtures.py
The points are not stored: they are made from integers by a SplitMix64 hash, so the Java test
rebuilds them bit for bit (it checks the stored checksums first). Output format as
make_fixtures.py: blocks "name rows cols" followed by rows of numbers (floats written with repr).
"""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_samples, silhouette_score

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


def uniform_int(counter, seed):
    """An integer in [-500, 500] from the hash of counter."""
    return ((splitmix(counter, seed) >> np.uint64(11)) % np.uint64(1001)).astype(np.int64) - 500


def hashed_blobs(n, d, blobs, seed):
    """x[i, f] = (3 * centre[label_i, f] + four uniform integers) / 1000, all integers hashed."""
    centres = uniform_int(np.arange(blobs * d, dtype=np.uint64), seed).reshape(blobs, d)
    labels = (splitmix(np.arange(n, dtype=np.uint64), seed + 1) % np.uint64(blobs)).astype(np.int64)
    cells = np.arange(n * d, dtype=np.uint64) * np.uint64(4)
    noise = sum(uniform_int(cells + np.uint64(q), seed + 2) for q in range(4)).reshape(n, d)
    return (3 * centres[labels] + noise) / 1000.0, labels


def write(path, header, blocks):
    with open(path, "w") as f:
        f.write(f"# {header}\n# made by make_wide_fixtures.py with scikit-learn 1.2; do not edit\n")
        for name, value in blocks:
            a = np.asarray(value)
            if a.ndim == 0:
                a = a.reshape(1, 1)
            elif a.ndim == 1:
                a = a.reshape(1, -1)
            f.write(f"{name} {a.shape[0]} {a.shape[1]}\n")
            for row in a:
                f.write(" ".join(repr(v.item()) for v in row) + "\n")


def main():
    n, d, blobs, k, seed = 1200, 120, 6, 8, 2024
    x, _ = hashed_blobs(n, d, blobs, seed)
    v = np.rint(x * 1000).astype(np.int64)  # the integers the points are made of
    # The initial centroids are the rows at floor((2j + 1) n / (2k)).
    init_rows = [(2 * j + 1) * n // (2 * k) for j in range(k)]
    km = KMeans(n_clusters=k, init=x[init_rows], n_init=1, algorithm="lloyd", max_iter=300,
                tol=1e-4).fit(x)
    write("kmeans_wide.txt",
          f"KMeans(init=rows {init_rows}, n_init=1, algorithm='lloyd', tol=1e-4) on hashed "
          f"blobs n={n} d={d} blobs={blobs} seed={seed}",
          [("shape", [n, d, blobs, seed]), ("checksum", [int(v.sum()), int((v * v).sum())]),
           ("init_rows", init_rows), ("labels", km.labels_), ("centers", km.cluster_centers_),
           ("inertia", km.inertia_), ("iterations", km.n_iter_)])
    print("iterations", km.n_iter_, "inertia", km.inertia_, "sizes", np.bincount(km.labels_))

    # Silhouette on 400 wide points: the blob labels, every 7th point moved to the next blob's
    # cluster (negative silhouettes) and point 5 alone in a cluster of its own (s = 0).
    n, d, blobs, seed = 400, 120, 6, 77
    x, labels = hashed_blobs(n, d, blobs, seed)
    v = np.rint(x * 1000).astype(np.int64)
    labels = labels.copy()
    labels[::7] = (labels[::7] + 1) % blobs
    labels[5] = blobs
    write("../metrics/silhouette_wide.txt",
          f"silhouette_samples and silhouette_score (euclidean) on hashed blobs n={n} d={d} "
          f"blobs={blobs} seed={seed}; labels[::7] += 1 mod {blobs}, labels[5] = {blobs}",
          [("shape", [n, d, blobs, seed]), ("checksum", [int(v.sum()), int((v * v).sum())]),
           ("labels", labels), ("samples", silhouette_samples(x, labels)),
           ("score", silhouette_score(x, labels))])


if __name__ == "__main__":
    main()

"""Reference values for io.github.nmf4j.cluster tests, from scikit-learn 1.2.

Run from this directory with the system Python:  /usr/bin/python3 make_fixtures.py
Each output file is plain text: blocks introduced by a line "name rows cols" followed by rows of
numbers (floats written with repr, so they round-trip exactly).
"""
import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans


def write(path, header, blocks):
    with open(path, "w") as f:
        f.write(f"# {header}\n# made by make_fixtures.py with scikit-learn 1.2; do not edit\n")
        for name, value in blocks:
            a = np.asarray(value)
            if a.ndim == 0:
                a = a.reshape(1, 1)
            elif a.ndim == 1:
                a = a.reshape(1, -1)
            f.write(f"{name} {a.shape[0]} {a.shape[1]}\n")
            for row in a:
                f.write(" ".join(repr(v.item()) for v in row) + "\n")


def overlapping_blobs(rng, n, d, centers, spread):
    labels = rng.integers(0, len(centers), size=n)
    return np.asarray(centers)[labels] + rng.normal(scale=spread, size=(n, d))


def kmeans_case(path, x, init):
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm="lloyd",
                max_iter=300, tol=1e-4).fit(x)
    write(path, f"KMeans(init=array, n_init=1, algorithm='lloyd', tol=1e-4) on {x.shape}",
          [("points", x), ("init", init), ("labels", km.labels_), ("centers", km.cluster_centers_),
           ("inertia", km.inertia_), ("iterations", km.n_iter_)])


def main():
    rng = np.random.default_rng(20240501)
    # Four features, five overlapping blobs: Lloyd needs several iterations.
    x = overlapping_blobs(rng, 300, 4, rng.uniform(-3, 3, size=(5, 4)), 1.2)
    kmeans_case("kmeans_4d.txt", x, x[[3, 50, 100, 150, 200]].copy())
    # Three features (the pixel kernel), values in [0, 1], eight clusters.
    x = np.clip(overlapping_blobs(rng, 400, 3, rng.uniform(0, 1, size=(6, 3)), 0.15), 0, 1)
    kmeans_case("kmeans_3d.txt", x, x[[0, 1, 2, 3, 4, 5, 6, 7]].copy())
    # Agglomerative: overlapping blobs in 3-D (4 clusters) and uniform points in 6-D (5).
    blobs = overlapping_blobs(rng, 150, 3, rng.uniform(-4, 4, size=(4, 3)), 1.0)
    uniform = rng.uniform(0, 1, size=(60, 6))
    for name, x, k in (("blobs", blobs, 4), ("uniform", uniform, 5)):
        blocks = [("points", x)]
        for linkage in ("single", "complete", "average", "ward"):
            ac = AgglomerativeClustering(n_clusters=k, linkage=linkage,
                                         compute_distances=True).fit(x)
            blocks += [(f"{linkage}_labels", ac.labels_), (f"{linkage}_children", ac.children_),
                       (f"{linkage}_distances", ac.distances_)]
        write(f"agglomerative_{name}.txt",
              f"AgglomerativeClustering(n_clusters={k}, linkage=..., compute_distances=True)",
              blocks)


if __name__ == "__main__":
    main()

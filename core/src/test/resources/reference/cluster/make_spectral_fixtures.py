"""Reference labels for SpectralClusteringReferenceTest, from scikit-learn 1.2.

Run from this directory with the system Python:  /usr/bin/python3 make_spectral_fixtures.py
Writes spectral_<case>.txt: blocks "name rows cols" followed by rows of numbers (floats written
with repr, so they round-trip): the points, scikit-learn's labels with each affinity and label
assignment, and the smallest eigenvalues of the normalized Laplacian of the k-NN graph.
"""
import numpy as np
from scipy.sparse.csgraph import laplacian
from sklearn.cluster import SpectralClustering
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.neighbors import kneighbors_graph



def write(path, header, blocks):
    with open(path, "w") as f:
        f.write(f"# {header}\n# made by make_spectral_fixtures.py with scikit-learn 1.2; do not edit\n")
        for name, value in blocks:
            a = np.asarray(value)
            a = a.reshape(1, -1) if a.ndim <= 1 else a
            f.write(f"{name} {a.shape[0]} {a.shape[1]}\n")
            for row in a:
                f.write(" ".join(repr(v.item()) for v in row) + "\n")


def case(name, x, k, gamma):
    blocks = [("points", x)]
    for affinity in ("nearest_neighbors", "rbf"):
        for assign in ("kmeans", "discretize"):
            sc = SpectralClustering(n_clusters=k, affinity=affinity, n_neighbors=10, gamma=gamma,
                                    assign_labels=assign, random_state=0).fit(x)
            blocks.append((f"{affinity}_{assign}", sc.labels_))
    c = kneighbors_graph(x, n_neighbors=10, include_self=True)
    a = (0.5 * (c + c.T)).toarray()
    lap = laplacian(a, normed=True)
    np.fill_diagonal(lap, 1.0)
    blocks.append(("knn_eigenvalues", np.linalg.eigvalsh(lap)[:k]))
    write(f"spectral_{name}.txt",
          f"SpectralClustering(n_clusters={k}, n_neighbors=10, gamma={gamma}, random_state=0) "
          f"on {name} {x.shape}", blocks)


def main():
    moons, _ = make_moons(n_samples=300, noise=0.05, random_state=0)
    circles, _ = make_circles(n_samples=300, factor=0.5, noise=0.05, random_state=0)
    blobs, _ = make_blobs(n_samples=300, centers=3, cluster_std=0.6, random_state=0)
    case("moons", moons, 2, 30.0)
    case("circles", circles, 2, 30.0)
    case("blobs", blobs, 3, 1.0)


if __name__ == "__main__":
    main()

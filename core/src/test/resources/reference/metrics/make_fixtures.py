"""Reference values for io.github.nmf4j.metrics tests, from scikit-learn 1.2 / numpy.

Run from this directory with the system Python:  /usr/bin/python3 make_fixtures.py
Output format as reference/cluster/make_fixtures.py: blocks "name rows cols" then the rows.
"""
import numpy as np
from sklearn.metrics import adjusted_rand_score, rand_score, silhouette_samples, silhouette_score


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


def main():
    rng = np.random.default_rng(7)
    # Pair-counting indices: several label pairs, including negative labels and gaps.
    cases = []
    for n, a, b in [(50, 3, 4), (200, 5, 5), (200, 2, 9), (1000, 10, 3), (37, 37, 2)]:
        truth = rng.integers(0, a, size=n)
        pred = np.where(rng.random(n) < 0.6, truth, rng.integers(0, b, size=n))
        cases.append((truth * 3 - 5, pred))  # arbitrary label values
    blocks = []
    for i, (t, p) in enumerate(cases):
        blocks += [(f"truth{i}", t), (f"predicted{i}", p),
                   (f"rand{i}", rand_score(t, p)), (f"ari{i}", adjusted_rand_score(t, p))]
    write("pair_counting.txt", "rand_score and adjusted_rand_score", blocks)

    # Silhouette: blobs in 4-D, 4 clusters with a singleton, labels with gaps.
    x = np.concatenate([rng.normal(loc=c, scale=1.0, size=(60, 4)) for c in (0, 3, 6)]
                       + [rng.normal(loc=10, size=(1, 4))])
    labels = np.array([0] * 60 + [7] * 60 + [3] * 60 + [9])
    labels[rng.choice(180, size=20, replace=False)] = 3  # some misassigned points
    write("silhouette.txt", "silhouette_samples and silhouette_score (euclidean)",
          [("points", x), ("labels", labels), ("samples", silhouette_samples(x, labels)),
           ("score", silhouette_score(x, labels))])


if __name__ == "__main__":
    main()

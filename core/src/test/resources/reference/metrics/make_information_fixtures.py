"""Reference values for ClusteringMetricsInformationTest, ClusteringMetricsSeparationTest and
LogGammaTest, from scikit-learn 1.2.1 and mpmath.

Run from this directory with the system Python:  /usr/bin/python3 make_information_fixtures.py
Output format as make_fixtures.py: blocks "name rows cols" then the rows (floats with repr).

information.txt: labelings "truth<i>"/"predicted<i>" and, for each, the scores "mi<i>",
"nmi<i>" (min, geometric, arithmetic, max), "ami<i>" (same order), "hcv<i>" (homogeneity,
completeness, V-measure with beta 1, 0.5, 2) and "fmi<i>". "formula<i>" cases store no labels
but the parameters (n, a, b) of labels any language can make: truth[s] = (s * 7919) % a,
predicted[s] = truth[s] if (s * 31) % 10 < 6 else (s * s) % b.
separation.txt: point sets "points<i>"/"labels<i>" with "db<i>" and "ch<i>".
log_gamma.txt: "x" and "loggamma", log Gamma(x) from mpmath at 40 digits, rounded to double
(scipy.special.gammaln loses relative accuracy just below 1 and 2: 3e-7 at 1 - 1e-9).
"""
import mpmath
import numpy as np
import sklearn
from sklearn.metrics import (adjusted_mutual_info_score, calinski_harabasz_score,
                             davies_bouldin_score, fowlkes_mallows_score,
                             homogeneity_completeness_v_measure, mutual_info_score,
                             normalized_mutual_info_score)


def write(path, header, blocks):
    """As make_fixtures.write, naming this script."""
    with open(path, "w") as f:
        f.write(f"# {header}\n# made by make_information_fixtures.py; do not edit\n")
        for name, value in blocks:
            a = np.asarray(value)
            if a.ndim == 0:
                a = a.reshape(1, 1)
            elif a.ndim == 1:
                a = a.reshape(1, -1)
            f.write(f"{name} {a.shape[0]} {a.shape[1]}\n")
            for row in a:
                f.write(" ".join(repr(v.item()) for v in row) + "\n")

assert sklearn.__version__ == "1.2.1", sklearn.__version__
AVERAGES = ["min", "geometric", "arithmetic", "max"]


def scores(t, p):
    hcv = homogeneity_completeness_v_measure(t, p)
    return [("mi", mutual_info_score(t, p)),
            ("nmi", [normalized_mutual_info_score(t, p, average_method=m) for m in AVERAGES]),
            ("ami", [adjusted_mutual_info_score(t, p, average_method=m) for m in AVERAGES]),
            ("hcv", [hcv[0], hcv[1], hcv[2],
                     homogeneity_completeness_v_measure(t, p, beta=0.5)[2],
                     homogeneity_completeness_v_measure(t, p, beta=2.0)[2]]),
            ("fmi", fowlkes_mallows_score(t, p))]


def formula_labels(n, a, b):
    s = np.arange(n, dtype=np.int64)
    truth = (s * 7919) % a
    return truth, np.where((s * 31) % 10 < 6, truth, (s * s) % b)


def information(rng):
    cases = []
    # Random labelings: n, classes, clusters, fraction of predictions copied from the truth.
    for n, a, b, agree in [(50, 3, 4, 0.6), (200, 5, 5, 0.6), (200, 2, 9, 0.3),
                           (1000, 10, 3, 0.5), (37, 37, 2, 0.5), (3000, 20, 25, 0.4),
                           (5000, 50, 40, 0.0), (400, 8, 8, 0.95), (120, 30, 60, 0.2),
                           (2, 2, 2, 0.0), (7, 3, 5, 0.0)]:
        truth = rng.integers(0, a, size=n)
        pred = np.where(rng.random(n) < agree, truth, rng.integers(0, b, size=n))
        cases.append((truth * 3 - 5, pred))  # arbitrary label values, negative too
    # Edge cases, each named in ClusteringMetrics' Javadoc.
    cases += [
        ([3, 3, 3], [-1, -1, -1]),                        # one cluster in both
        ([5], [3]),                                       # one sample
        ([0, 1], [1, 0]),                                 # all singletons, n = 2
        ([0, 1, 2, 3], [3, 2, 1, 0]),                     # all singletons, n = 4
        (list(range(10)), list(range(10, 0, -1))),        # all singletons, n = 10
        ([0, 0, 0, 0], [0, 1, 2, 3]),                     # one class, all singletons
        ([0, 0, 1, 1, 2], [7, 7, 7, 7, 7]),               # one cluster
        ([0, 1, 2, 3, 4], [0, 1, 2, 3, 3]),               # truth all singletons
        ([0, 0, 1, 1], [0, 1, 0, 1]),                     # independent: MI 0, AMI -1/2
        ([0, 0, 1, 1], [0, 0, 1, 2]),                     # homogeneous, not complete
        ([0, 0, 1, 2], [0, 0, 1, 1]),                     # complete, not homogeneous
        ([-2**31, -2**31, 2**31 - 1, 0, 0, 0], [9, 9, -4, 1, 1, 1]),  # perfect, extreme labels
        ([0, 0, 0, 1, 1, 1, 2, 2, 2], [1, 1, 1, 0, 0, 2, 2, 2, 2]),  # the guide's example
    ]
    blocks = []
    for i, (t, p) in enumerate(cases):
        blocks += [(f"truth{i}", np.asarray(t)), (f"predicted{i}", np.asarray(p))]
        blocks += [(f"{name}{i}", value) for name, value in scores(t, p)]
    blocks.append(("cases", len(cases)))
    # Larger n from a formula, for the log-gamma sums of the expected mutual information.
    formulas = [(20000, 6, 7), (100000, 4, 5), (60000, 40, 3)]
    for i, (n, a, b) in enumerate(formulas):
        t, p = formula_labels(n, a, b)
        blocks.append((f"formula{i}", [n, a, b]))
        blocks += [(f"formula_{name}{i}", value) for name, value in scores(t, p)]
    blocks.append(("formulas", len(formulas)))
    write("information.txt", "mutual_info_score, normalized_mutual_info_score, "
          "adjusted_mutual_info_score, homogeneity_completeness_v_measure, "
          "fowlkes_mallows_score; scikit-learn " + sklearn.__version__, blocks)


def separation(rng):
    sets = []
    # Blobs in 4-D, labels with gaps and negative values, a few points misassigned.
    x = np.concatenate([rng.normal(loc=c, scale=1.0, size=(40, 4)) for c in (0, 3, 6)])
    labels = np.repeat([-3, 7, 2], 40)
    labels[rng.choice(120, size=12, replace=False)] = 2
    sets.append((x, labels))
    # Anisotropic 2-D clusters of different sizes and a singleton cluster.
    x = np.concatenate([rng.normal(size=(30, 2)) * [4, 0.5], rng.normal(size=(10, 2)) + [0, 6],
                        [[20.0, -3.0]]])
    sets.append((x, np.array([0] * 30 + [1] * 10 + [2])))
    # Two clusters with the same centroid (left out of the maximum) and a third elsewhere.
    x = np.array([[-1.0, 0], [1, 0], [0, -1], [0, 1], [5, 5], [6, 6]])
    sets.append((x, np.array([0, 0, 1, 1, 2, 2])))
    # Every centroid the same: 0.
    x = np.array([[-1.0, 0], [1, 0], [0, -1], [0, 1], [-2, -2], [2, 2]])
    sets.append((x, np.array([0, 0, 1, 1, 2, 2])))
    # Clusters of identical points: spreads 0 (Davies-Bouldin 0), within-sum 0 (CH 1).
    x = np.array([[1.0, 2], [1, 2], [3, 1], [3, 1], [3, 1]])
    sets.append((x, np.array([4, 4, -4, -4, -4])))
    # Spreads all below 1e-8 but not 0.
    x = np.array([[0.0, 0], [3e-9, 0], [1, 1], [1, 1 + 2e-9]])
    sets.append((x, np.array([0, 0, 1, 1])))
    # 30 features, 5 clusters.
    centres = rng.normal(scale=3, size=(5, 30))
    labels = rng.integers(0, 5, size=150)
    sets.append((centres[labels] + rng.normal(size=(150, 30)), labels))
    blocks = []
    for i, (x, labels) in enumerate(sets):
        blocks += [(f"points{i}", x), (f"labels{i}", labels),
                   (f"db{i}", davies_bouldin_score(x, labels)),
                   (f"ch{i}", calinski_harabasz_score(x, labels))]
    blocks.append(("cases", len(sets)))
    write("separation.txt", "davies_bouldin_score and calinski_harabasz_score; scikit-learn "
          + sklearn.__version__, blocks)


def log_gamma():
    x = [1e-300, 1e-20, 1e-8, 0.001, 0.1, 0.2, 0.25, 0.26, 0.3, 0.5, 0.7, 0.74, 0.75, 0.76,
         0.9, 0.99, 1 - 1e-9, 1.0, 1 + 1e-9, 1.01, 1.1, 1.24, 1.25, 1.26, 1.4616321449683622,
         1.5, 1.74, 1.76, 1.9, 1.99, 2 - 1e-12, 2.0, 2 + 1e-12, 2.01, 2.1, 2.25, 2.26, 2.5, 3.0,
         3.7, 4.0, 5.5, 7.0, 8.999, 9.0, 9.5, 9.999999, 10.0, 10.5, 12.0, 22.5, 23.0, 50.25,
         100.0, 171.0, 1000.5, 12345.678, 1e5, 1e6 + 1, 2**31 + 1.0, 1e10, 1e15, 1e100, 1e300]
    mpmath.mp.dps = 40
    exact = [float(mpmath.loggamma(mpmath.mpf(v))) for v in x]
    write("log_gamma.txt", "log Gamma(x), mpmath " + mpmath.__version__ + " at 40 digits",
          [("x", np.array(x)), ("loggamma", np.array(exact))])


def main():
    rng = np.random.default_rng(11)
    information(rng)
    separation(rng)
    log_gamma()


if __name__ == "__main__":
    main()

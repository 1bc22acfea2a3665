"""Reference values for PcaTest: scikit-learn 1.2's PCA (svd_solver='full') on fixed inputs.

Run with the system python:  /usr/bin/python3 make_pca.py
Writes pca.txt: per case the input X (or, for digits, nothing: the test reads the first 300
images of ../data/digits.csv.gz), the explained variance, its ratio, the singular values, the
mean, the noise variance, the components and transform(X[:5]), printed with repr().
"""
import gzip
import numpy as np
import sklearn
from sklearn.decomposition import PCA


def block(out, name, m):
    m = np.atleast_2d(np.asarray(m, dtype=float))
    out.write("matrix %s %d %d\n" % (name, m.shape[0], m.shape[1]))
    for row in m:
        out.write(" ".join(repr(float(v)) for v in row) + "\n")


def case(out, name, x, k, write_x=True):
    pca = PCA(n_components=k, svd_solver="full").fit(x)
    if write_x:
        block(out, name + ".X", x)
    block(out, name + ".explainedVariance", pca.explained_variance_[None, :])
    block(out, name + ".explainedVarianceRatio", pca.explained_variance_ratio_[None, :])
    block(out, name + ".singularValues", pca.singular_values_[None, :])
    block(out, name + ".mean", pca.mean_[None, :])
    block(out, name + ".noiseVariance", [[pca.noise_variance_]])
    block(out, name + ".components", pca.components_)
    block(out, name + ".transform", pca.transform(x[:5]))


rng = np.random.RandomState(31)
with open("pca.txt", "w") as out:
    out.write("# made by make_pca.py (scikit-learn %s); do not edit\n" % sklearn.__version__)
    mix = rng.standard_normal((8, 8)) * np.array([5, 3, 2, 1, 0.5, 0.3, 0.2, 0.1])[:, None]
    case(out, "gauss", rng.standard_normal((60, 8)) @ mix + 10, 3)
    case(out, "wide", rng.uniform(0, 4, (12, 30)), 5)
    case(out, "all", rng.standard_normal((10, 4)) * [4, 3, 2, 1] - 2, None)
    with gzip.open("../data/digits.csv.gz", "rt") as f:
        digits = np.loadtxt(f, delimiter=",")[:300, :64]
    case(out, "digits", digits, 10, write_x=False)

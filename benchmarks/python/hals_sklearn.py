"""Side-by-side peer of nmf4j's HALS benchmark (io.github.nmf4j.benchmarks.nmf.HalsDriver):
scikit-learn 1.2's coordinate-descent NMF, NMF(solver='cd', init='nndsvda', tol=0).

Data, identical bit for bit on both sides (integer arithmetic only, SplitMix64 hashes):
- dense: 70000 x 784, V = (W0 H0 + E) / 64 with W0 (70000 x 20) and H0 (20 x 784) integers in
  [0, 8) and E integers in [0, 64): non-negative, dense, close to rank 20; factored at rank 20.
- faces: the 200 x 625 real photographs docs/figures/input/lfw-subset.npy (scikit-image's
  lfw_subset(): 100 faces from Labeled Faces in the Wild, then 100 background patches, 25 x 25
  in [0, 1]), factored at rank 16.
- faces-like: the synthetic 200 x 625 faces-like set of the tests
  core/src/test/resources/reference/data/faces_like.u8.gz (pixels / 255) that earlier
  measurements used, rank 16.

For each, prints scikit-learn's relative error ||V - WH||_F / ||V||_F after N iterations (50 for
dense, 200 for faces) and the median wall time of NMF(...).fit(V) over the repeats (init, N
iterations and the final error included). The Java driver then measures the time nmf4j's HALS
needs to reach that relative error.

The process CPU time is printed too: with OPENBLAS_NUM_THREADS=1 it is the fit's own work,
which other load on the machine does not inflate (compare with HalsDriver's thread CPU time on
one thread).

Run with the system python, under the benchmark lock:
    flock /tmp/nmf4j-bench.lock /usr/bin/python3 benchmarks/python/hals_sklearn.py [repeats] [dense|faces|faces-like]

With a third argument START_DIR (faces only), scikit-learn's own NNDSVDA start is written to
START_DIR/w0.npy and START_DIR/h0.npy, and the fits are also timed from that start given as
init='custom' (the same iterations without the start's cost). HalsDriver's fifth argument reads
the same files, so that both solvers run from one start: the iterations needed to reach an error
on a slowly converging plateau depend on small differences of the start (nmf4j's own NNDSVDA
start differs from scikit-learn's in the last components, where the randomized SVDs differ).
"""
import gzip
import os
import statistics
import sys
import time
import warnings

import numpy as np
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _initialize_nmf
from sklearn.exceptions import ConvergenceWarning

import realdata

warnings.simplefilter("ignore", ConvergenceWarning)

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)
HERE = os.path.dirname(os.path.abspath(__file__))


def splitmix(counter, seed):
    """SplitMix64's output function applied to seed + (counter + 1) * golden (wrapping)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (counter.astype(np.uint64) + np.uint64(1)) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * MIX1
        z = (z ^ (z >> np.uint64(27))) * MIX2
        return z ^ (z >> np.uint64(31))


def small_ints(count, seed, bound):
    """count integers in [0, bound) (bound a power of two): the top bits of SplitMix64."""
    bits = int(bound).bit_length() - 1
    return (splitmix(np.arange(count, dtype=np.uint64), seed) >> np.uint64(64 - bits)).astype(np.int64)


def dense(n=70000, p=784, k=20):
    w0 = small_ints(n * k, 1, 8).reshape(n, k).astype(np.float64)
    h0 = small_ints(k * p, 2, 8).reshape(k, p).astype(np.float64)
    noise = np.empty((n, p))
    step = 10000
    for r in range(0, n, step):  # in row blocks, to keep the temporaries small
        rows = min(step, n - r)
        idx = np.arange(r * p, (r + rows) * p, dtype=np.uint64)
        noise[r:r + rows] = (splitmix(idx, 3) >> np.uint64(58)).astype(np.float64).reshape(rows, p)
    v = w0 @ h0  # exact: integer sums far below 2^53
    v += noise
    v /= 64.0
    return v


def faces_like():
    path = os.path.join(HERE, "..", "..", "core", "src", "test", "resources", "reference",
                        "data", "faces_like.u8.gz")
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(200, 625) / 255.0


def run(name, v, k, iterations, repeats, start=None):
    norm = np.linalg.norm(v)
    times, cpus, err = [], [], None
    for _ in range(repeats):
        model = NMF(n_components=k, solver="cd", init="nndsvda" if start is None else "custom",
                    tol=0, max_iter=iterations, random_state=0)
        t0, c0 = time.perf_counter(), time.process_time()
        if start is None:
            model.fit(v)
        else:
            model.fit_transform(v, W=start[0].copy(), H=start[1].copy())
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        err = model.reconstruction_err_ / norm
    if start is not None:
        name += " (from the saved start)"
    print("%s %dx%d rank %d: scikit-learn cd %d iterations, relative error %.10f, "
          "median %.3f s (runs: %s); process cpu median %.3f s (min %.3f)"
          % (name, v.shape[0], v.shape[1], k, iterations, err, statistics.median(times),
             " ".join("%.3f" % t for t in times), statistics.median(cpus), min(cpus)))
    sys.stdout.flush()


if __name__ == "__main__":
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    which = sys.argv[2] if len(sys.argv) > 2 else "all"
    if which in ("all", "faces"):
        run("faces", realdata.faces(), 16, 200, repeats)
    if which == "faces" and len(sys.argv) > 3:
        faces = realdata.faces().astype(np.float64)
        w0, h0 = _initialize_nmf(faces, 16, init="nndsvda", random_state=0)
        os.makedirs(sys.argv[3], exist_ok=True)
        np.save(os.path.join(sys.argv[3], "w0.npy"), w0)
        np.save(os.path.join(sys.argv[3], "h0.npy"), h0)
        run("faces", faces, 16, 200, repeats, (w0, h0))
    if which == "faces-like":
        run("faces-like", faces_like(), 16, 200, repeats)
    if which in ("all", "dense"):
        v = dense()
        print("dense: sum %.6f, v[12345, 678] = %.6f" % (v.sum(), v[12345, 678]))
        run("dense", v, 20, 50, repeats)

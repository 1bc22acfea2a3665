"""Peer of nmf4j's MiniBatchTiming: scikit-learn 1.2 MiniBatchKMeans on the pixels of a photo.

Data: docs/figures/input/china.png (scikit-learn's china.jpg as PIL decodes it, 427 x 640),
273,280 RGB pixels scaled to [0, 1]; k = 16 and scikit-learn's defaults otherwise
(batch_size=1024, max_iter=100, max_no_improvement=10, reassignment_ratio=0.01, n_init=3).

    /usr/bin/python3 benchmarks/python/minibatch_sklearn.py [repeats] [k]
prints, per fit (seed = repeat index), the seconds, the steps and the inertia.
"""
import os
import sys
import time
import warnings

import numpy as np
from PIL import Image
from sklearn.cluster import MiniBatchKMeans

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    warnings.simplefilter("ignore")
    image = np.asarray(Image.open(os.path.join(HERE, "../../docs/figures/input/china.png"))
                       .convert("RGB"), dtype=np.float64) / 255.0
    x = np.ascontiguousarray(image.reshape(-1, 3))
    MiniBatchKMeans(n_clusters=k, n_init=3, random_state=0).fit(x)  # warm-up
    for seed in range(repeats):
        t = time.perf_counter()
        m = MiniBatchKMeans(n_clusters=k, n_init=3, random_state=seed).fit(x)
        seconds = time.perf_counter() - t
        print(f"sklearn china {x.shape} k={k} seed={seed}: {seconds:.3f} s, "
              f"{m.n_steps_} steps, inertia {m.inertia_:.3f}", flush=True)


if __name__ == "__main__":
    main()

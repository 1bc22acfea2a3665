"""scikit-learn's side of docs/benchmarks.md, "Image compression": its default NMF
(NMF(n_components=k), coordinate descent, 200 iterations, tol 1e-4, NNDSVDA start) on each
channel of scikit-learn's sample photograph china.jpg, as `nmf4j compress --rank k` does.

    /usr/bin/python3 benchmarks/python/compress_sklearn.py [china.png] [ranks...]

Without arguments it writes china.png (the photograph as Pillow decodes it, so that both sides
read identical pixels) and measures ranks 20, 40 and 80: median of 3 runs, PSNR of the
reconstruction clipped to [0, 1] over all channels (peak 1)."""
import sys
import time
import warnings

import numpy as np
from PIL import Image
from sklearn.datasets import load_sample_image
from sklearn.decomposition import NMF

warnings.filterwarnings("ignore")
path = sys.argv[1] if len(sys.argv) > 1 else "china.png"
ranks = [int(r) for r in sys.argv[2:]] or [20, 40, 80]
if len(sys.argv) <= 1:
    Image.fromarray(load_sample_image("china.jpg")).save(path)
img = np.asarray(Image.open(path).convert("RGB")).astype(np.float64) / 255.0
for k in ranks:
    times = []
    for rep in range(3):
        start = time.perf_counter()
        rec = np.empty_like(img)
        for c in range(3):
            model = NMF(n_components=k, random_state=0)
            w = model.fit_transform(img[:, :, c])
            rec[:, :, c] = np.clip(w @ model.components_, 0, 1)
        times.append(time.perf_counter() - start)
    psnr = 10 * np.log10(1 / np.mean((rec - img) ** 2))
    print(f"rank {k}: PSNR {psnr:.2f} dB, median {np.median(times):.2f} s "
          f"(runs {', '.join('%.2f' % t for t in times)})")

"""The real data sets of docs/figures/input/ (see README.md there), read as the Java harnesses
read them, so that both sides work on identical values."""
import os

import numpy as np
from PIL import Image

INPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "figures",
                     "input")


def china():
    """scikit-learn's china.jpg as PIL decodes it (china.png): 273,280 x 3 pixels, value / 255."""
    rgb = np.asarray(Image.open(os.path.join(INPUT, "china.png")).convert("RGB"))
    return rgb.reshape(-1, 3).astype(np.float64) / 255.0


def faces():
    """scikit-image's lfw_subset(): 200 x 625 (100 faces, then 100 background patches)."""
    return np.load(os.path.join(INPUT, "lfw-subset.npy"))

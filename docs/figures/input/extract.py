#!/usr/bin/python3
"""Extracts the real data sets of the guide and the benchmarks from installed Debian packages.

Writes, next to this script (docs/figures/input/; README.md there names each source and its
licence):

  lfw-subset.npy        float64 200 x 625: scikit-image's lfw_subset(), rows 0-99 faces,
                        rows 100-199 background patches ("non-faces"), each 25 x 25 row-major
  china.png             427 x 640 RGB: scikit-learn's china.jpg decoded by PIL, stored lossless
  summer-1am.png        400 x 640 RGB: the KDE wallpaper "summer 1am", a night photograph,
                        reduced from the package's 16:10 JPEG by area averaging
  digits.npy            uint8 1797 x 64: scikit-learn's handwritten digits (values 0-16)
  digits-labels.csv     the digit of each row, one per line
  austen-counts.npy     uint16 chapters x words: word counts of the chapters of Jane Austen's six
                        novels (janeaustenr), the 1,000 most frequent words after stop words
  austen-words.txt      those words, one per line, in the order of the columns
  austen-novels.csv     the novel of each chapter (0-5, the order of austen-novels in README.md)

Needs: python3-skimage, python3-sklearn, python3-pil, r-base-core and r-cran-janeaustenr, and the
wallpaper file (plasma-workspace-wallpapers; without installing it:
  apt-get download plasma-workspace-wallpapers && dpkg-deb -x plasma-workspace-wallpapers_*.deb x
and pass x/usr/share/wallpapers/summer_1am/contents/images/1280x800.jpg as --night).

Run from the repository's root:  /usr/bin/python3 docs/figures/input/extract.py [--night FILE]
The build and the tests never run it: they read the files it wrote, which are committed.
"""
import argparse
import collections
import os
import re
import subprocess
import tempfile

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
NOVELS = ["Sense & Sensibility", "Pride & Prejudice", "Mansfield Park", "Emma",
          "Northanger Abbey", "Persuasion"]
WORDS = 1000


def out(name):
    return os.path.join(HERE, name)


def faces():
    import skimage.data
    a = skimage.data.lfw_subset()                      # (200, 25, 25) float64 in [0, 1]
    np.save(out("lfw-subset.npy"), np.ascontiguousarray(a.reshape(200, 625), dtype="<f8"))


def china():
    from sklearn.datasets import load_sample_image
    Image.fromarray(load_sample_image("china.jpg")).save(out("china.png"), optimize=True)


def night(path):
    im = Image.open(path).convert("RGB")
    if im.size[0] * 10 != im.size[1] * 16:
        raise SystemExit(f"{path}: expected a 16:10 image, found {im.size}")
    im.resize((640, 400), Image.BOX).save(out("summer-1am.png"), optimize=True)


def digits():
    from sklearn.datasets import load_digits
    d = load_digits()
    np.save(out("digits.npy"), d.data.astype("u1"))
    with open(out("digits-labels.csv"), "w") as f:
        f.writelines(f"{t}\n" for t in d.target)


def austen():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    with tempfile.TemporaryDirectory() as tmp:
        tsv = os.path.join(tmp, "austen.tsv")
        subprocess.run(["Rscript", "-e",
                        "library(janeaustenr); b <- austen_books();"
                        f" write.table(data.frame(book = as.character(b$book), text = b$text),"
                        f" '{tsv}', sep = '\\t', quote = FALSE, row.names = FALSE,"
                        " col.names = FALSE, fileEncoding = 'UTF-8')"], check=True)
        with open(tsv, encoding="utf-8") as f:
            lines = [line.rstrip("\n").split("\t", 1) for line in f]
    # A chapter starts at a line "Chapter 1", "CHAPTER I", ...; text before the first is dropped.
    heading = re.compile(r"^chapter [\divxlc]+\.?$", re.IGNORECASE)
    chapters = []                                      # (novel, [tokens])
    for book, text in lines:
        if heading.match(text.strip()):
            chapters.append((NOVELS.index(book), []))
        elif chapters and chapters[-1][0] == NOVELS.index(book):
            chapters[-1][1].extend(re.findall(r"[a-z]+", text.lower().replace("_", "")))
    total = collections.Counter()
    for _, tokens in chapters:
        total.update(t for t in tokens if len(t) > 1 and t not in ENGLISH_STOP_WORDS)
    vocabulary = [w for w, _ in sorted(total.items(), key=lambda e: (-e[1], e[0]))[:WORDS]]
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = np.zeros((len(chapters), WORDS), dtype="<u2")
    for i, (_, tokens) in enumerate(chapters):
        for t in tokens:
            j = column.get(t)
            if j is not None:
                counts[i, j] += 1
    np.save(out("austen-counts.npy"), counts)
    with open(out("austen-words.txt"), "w") as f:
        f.writelines(w + "\n" for w in vocabulary)
    with open(out("austen-novels.csv"), "w") as f:
        f.writelines(f"{novel}\n" for novel, _ in chapters)
    print("austen:", counts.shape, "chapters per novel",
          np.bincount([n for n, _ in chapters]).tolist())


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--night", default="/usr/share/wallpapers/summer_1am/contents/images/"
                   "1280x800.jpg", help="a 16:10 JPEG of the wallpaper 'summer 1am'")
    args = p.parse_args()
    faces()
    china()
    night(args.night)
    digits()
    austen()

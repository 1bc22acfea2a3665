#!/usr/bin/python3
"""TF-IDF matrices from FOLDOC, the Free On-line Dictionary of Computing, for nmf4j.

FOLDOC (editor Denis Howe, GNU Free Documentation License 1.1 or later) is installed by the
Debian package dict-foldoc (`apt-get install dict-foldoc`, version 20230119-1 used here) as
/usr/share/dictd/foldoc.dict.dz (a gzip-compatible dictzip file) and foldoc.index (one line
per entry: headword, offset and length in base 64). Each entry is one document.

Needs Debian's python3-sklearn 1.2 and python3-scipy 1.10. Two uses:

  /usr/bin/python3 docs/topics/make_foldoc_tfidf.py topics docs/topics
      The small corpus of the guide page "Topics in text" (committed): the 1,500 entries with
      the most distinct words, TfidfVectorizer(min_df=5, max_df=0.5, English stop words,
      words of 2+ letters). Writes foldoc-tfidf.npz (csr), foldoc-words.txt (the vocabulary,
      one word per line, in column order) and foldoc-entries.txt (the headword of each row).

  /usr/bin/python3 docs/topics/make_foldoc_tfidf.py bench benchmarks/data
      The benchmark matrix (not committed, ~3.5 MB): every entry with at least 15 distinct
      words, TfidfVectorizer(min_df=2, English stop words, words of 2+ letters). Writes
      foldoc-bench.npz and foldoc-bench-words.txt. With dict-foldoc 20230119-1 this is
      11,843 documents x 20,080 words, 449,375 stored values (density 0.189%).

The text of an entry is cleaned before counting: the headword line is dropped, cross-reference
braces {...} and category brackets <...> are removed (their words kept), and the dates
"(1995-11-14)" that close most entries are deleted.
"""
import gzip
import os
import re
import sys

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

DICT = "/usr/share/dictd/foldoc.dict.dz"
INDEX = "/usr/share/dictd/foldoc.index"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
TOKEN = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"


def b64(s):
    v = 0
    for c in s:
        v = v * 64 + B64.index(c)
    return v


def entries():
    raw = gzip.open(DICT).read()
    out = []
    with open(INDEX, encoding="utf-8") as f:
        for line in f:
            head, off, length = line.rstrip("\n").split("\t")[:3]
            if head.startswith("00database"):
                continue
            body = raw[b64(off):b64(off) + b64(length)].decode("utf-8", "replace")
            body = body.split("\n", 1)[1] if "\n" in body else ""
            body = re.sub(r"\(\d{4}-\d{2}-\d{2}\)", " ", body)
            body = re.sub(r"[{}<>]", " ", body)
            out.append((head, body))
    return out


def distinct_words(text):
    return len(set(re.findall(TOKEN, text.lower())))


def main():
    mode, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    docs = entries()
    if mode == "topics":
        docs.sort(key=lambda e: (-distinct_words(e[1]), e[0]))
        docs = docs[:1500]
        vec = TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english", token_pattern=TOKEN)
        prefix = "foldoc"
    elif mode == "bench":
        docs = [e for e in docs if distinct_words(e[1]) >= 15]
        vec = TfidfVectorizer(min_df=2, stop_words="english", token_pattern=TOKEN)
        prefix = "foldoc-bench"
    else:
        raise SystemExit("mode must be topics or bench")
    x = vec.fit_transform([body for _, body in docs]).tocsr()
    x.sort_indices()
    sp.save_npz(os.path.join(out, prefix + "-tfidf.npz" if mode == "topics"
                             else prefix + ".npz"), x)
    with open(os.path.join(out, prefix + "-words.txt"), "w") as f:
        f.write("\n".join(vec.get_feature_names_out()) + "\n")
    if mode == "topics":
        with open(os.path.join(out, prefix + "-entries.txt"), "w") as f:
            f.write("\n".join(head for head, _ in docs) + "\n")
    print("%s: %d x %d, %d stored (density %.3f%%), scikit-learn %s"
          % (mode, x.shape[0], x.shape[1], x.nnz, 100.0 * x.nnz / x.shape[0] / x.shape[1],
             sklearn.__version__))


if __name__ == "__main__":
    main()

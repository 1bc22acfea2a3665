#!/usr/bin/python3
"""SciPy and NumPy archives whose members use a zip method Java cannot inflate, for SparseIoTest.

Run with the system Python (Debian's python3-scipy 1.10, numpy 1.24):
    cd core/src/test/resources/reference/sparse && /usr/bin/python3 make_zip_methods.py
Python's zipfile, and so numpy.load and scipy.sparse.load_npz, reads members compressed with
bzip2 (zip method 12) or lzma (method 14); save_npz and numpy.savez never write them (they store
or deflate), but an archive rewritten with zipfile can. java.util.zip reads only stored and
deflated members. It writes, beside itself:
- csr-bzip2.npz: the members of csr.npz (make_sparse_io.py) recompressed with ZIP_BZIP2;
- dense-lzma.npz: numpy.savez of dense.npy's matrix, its one member recompressed with ZIP_LZMA.
Both are checked to read back in SciPy/NumPy as the matrix of dense.npy.
"""
import io
import zipfile

import numpy as np
import scipy.sparse as sp


def recompress(source, target, method):
    """Copies the members of the zip archive in bytes `source` to `target` with `method`."""
    with zipfile.ZipFile(io.BytesIO(source)) as z, \
            zipfile.ZipFile(target, "w", compression=method) as out:
        for info in z.infolist():
            # a fixed date, so that the file is the same on every run
            out.writestr(zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0)), z.read(info),
                         compress_type=method)


dense = np.load("dense.npy")
with open("csr.npz", "rb") as f:
    recompress(f.read(), "csr-bzip2.npz", zipfile.ZIP_BZIP2)
buffer = io.BytesIO()
np.savez(buffer, dense)
recompress(buffer.getvalue(), "dense-lzma.npz", zipfile.ZIP_LZMA)

assert np.array_equal(sp.load_npz("csr-bzip2.npz").toarray(), dense)
with np.load("dense-lzma.npz") as z:
    assert np.array_equal(z["arr_0"], dense)
for name in ("csr-bzip2.npz", "dense-lzma.npz"):
    with zipfile.ZipFile(name) as z:
        print(name, [(i.filename, i.compress_type) for i in z.infolist()])

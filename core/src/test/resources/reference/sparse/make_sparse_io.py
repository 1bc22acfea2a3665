#!/usr/bin/python3
"""Sparse matrix files written by SciPy, for SparseIoTest (nmf4j).

Run with the system Python (Debian's python3-scipy 1.10, numpy 1.24):
    cd core/src/test/resources/reference/sparse && /usr/bin/python3 make_sparse_io.py
It writes, beside itself:
- dense.npy: the 6 x 7 matrix every good file holds (row 2 and column 5 empty; values with
  17 significant digits, one negative, one integer-valued);
- csr.npz, csr-uncompressed.npz, csc.npz, coo.npz: scipy.sparse.save_npz of that matrix in
  each format (compressed=True unless named), int32 indices as SciPy chooses them;
- csr-int64.npz, csc-int64.npz, coo-int64.npz: the same with int64 index arrays;
- coo-duplicates.npz: a COO matrix with a repeated (row, column) pair (load_npz keeps both;
  .tocsr() sums them);
- coordinate.mtx: scipy.io.mmwrite of the matrix (coordinate real general), and
  coordinate.mtx.gz the same gzip-compressed; symmetric.mtx: a symmetric 4 x 4 matrix written
  with symmetry='symmetric' (lower triangle stored) and symmetric.npy its dense form;
- bad-*.npz: files that must be refused: a bsr matrix (format not csr/csc/coo), indices and
  data of different lengths, a shape whose row pointer array would not fit a Java array;
  bad-coo-rows.npz, bad-csc-rows.npz: one entry in 2**31 - 2 rows, whose 8 GB of row pointers
  (fine for an array, not for the tests' 2 GB heap) come from the shape alone.
With --check, it instead reads back the files nmf4j wrote (java-*.npz, java-*.mtx, made by
SparseIoTest's writer and committed) with load_npz/mmread and compares them to dense.npy.
"""
import gzip
import shutil
import sys

import numpy as np
import scipy
import scipy.io
import scipy.sparse as sp

dense = np.array([
    [0.0, 1.5, 0.0, 0.0, 2.0, 0.0, 0.1],
    [3.0, 0.0, 0.0, 4.25, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 1.0 / 3.0, 0.0, 0.0, 0.0, 7.0],
    [5.0, 0.0, 0.0, 0.0, -6.5, 0.0, 0.0],
    [0.0, 2.0 ** -30, 0.0, 1e300, 0.0, 0.0, 9.0],
])

if len(sys.argv) > 1 and sys.argv[1] == "--check":
    for name in ("java-csr.npz",):
        got = sp.load_npz(name).toarray()
        assert np.array_equal(got, dense), name
        print(name, "reads back in SciPy", scipy.__version__, sp.load_npz(name).format)
    for name in ("java.mtx",):
        got = scipy.io.mmread(name).toarray()
        assert np.array_equal(got, dense), name
        print(name, "reads back in SciPy", scipy.__version__)
    sys.exit(0)

np.save("dense.npy", dense)
csr = sp.csr_matrix(dense)
sp.save_npz("csr.npz", csr)
sp.save_npz("csr-uncompressed.npz", csr, compressed=False)
sp.save_npz("csc.npz", sp.csc_matrix(dense))
sp.save_npz("coo.npz", sp.coo_matrix(dense))
for fmt in ("csr", "csc"):
    m = sp.csr_matrix(dense) if fmt == "csr" else sp.csc_matrix(dense)
    m.indices = m.indices.astype(np.int64)
    m.indptr = m.indptr.astype(np.int64)
    sp.save_npz(fmt + "-int64.npz", m)
coo = sp.coo_matrix(dense)
coo.row = coo.row.astype(np.int64)
coo.col = coo.col.astype(np.int64)
sp.save_npz("coo-int64.npz", coo)
sp.save_npz("coo-duplicates.npz", sp.coo_matrix(
    (np.array([1.0, 2.0, 4.0]), (np.array([0, 1, 0]), np.array([2, 0, 2]))), shape=(2, 3)))

scipy.io.mmwrite("coordinate.mtx", csr, comment="written by make_sparse_io.py", precision=17)
with open("coordinate.mtx", "rb") as f, gzip.open("coordinate.mtx.gz", "wb") as g:
    shutil.copyfileobj(f, g)
sym = np.array([[1.0, 2.0, 0.0, 0.0], [2.0, 0.0, 0.0, 3.5], [0.0, 0.0, 4.0, 0.0],
                [0.0, 3.5, 0.0, 0.0]])
np.save("symmetric.npy", sym)
scipy.io.mmwrite("symmetric.mtx", sp.coo_matrix(sym), symmetry="symmetric")

sp.save_npz("bad-bsr.npz", sp.bsr_matrix(dense[:6, :6], blocksize=(2, 2)))
np.savez("bad-lengths.npz", format=np.array("csr"), shape=np.array([6, 7]),
         indptr=csr.indptr, indices=csr.indices, data=csr.data[:-1])
np.savez("bad-shape.npz", format=np.array("csr"), shape=np.array([2 ** 31 + 5, 7]),
         indptr=np.zeros(3, dtype=np.int32), indices=np.zeros(0, dtype=np.int32),
         data=np.zeros(0))
np.savez("bad-coo-rows.npz", format=np.array("coo"), shape=np.array([2 ** 31 - 2, 7]),
         row=np.array([0], np.int32), col=np.array([3], np.int32), data=np.array([1.0]))
np.savez("bad-csc-rows.npz", format=np.array("csc"), shape=np.array([2 ** 31 - 2, 7]),
         indptr=np.array([0, 0, 0, 0, 1, 1, 1, 1], np.int32), indices=np.array([0], np.int32),
         data=np.array([1.0]))
print("wrote the fixtures with SciPy", scipy.__version__, "numpy", np.__version__)

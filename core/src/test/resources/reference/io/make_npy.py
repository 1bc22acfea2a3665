"""Makes the .npy fixtures read by MatrixIoNpyTest. Run from this directory with the system
numpy:  /usr/bin/python3 make_npy.py

Every 3x4 fixture holds A[i, j] = 4 * i + j + 1 transformed by dtype kind:
  float (f4, f8): A * 0.5 - 3     signed (i1..i8): A - 6     unsigned (u1..u8): A
  bool (b1): A % 2 == 1
in both byte orders (where the size is > 1) and in C and Fortran order."""
import numpy as np

A = np.arange(1, 13, dtype=np.int64).reshape(3, 4)


def values(kind):
    if kind == "f":
        return A * 0.5 - 3
    if kind == "i":
        return A - 6
    if kind == "u":
        return A
    return A % 2 == 1


for kind, sizes in [("f", [4, 8]), ("i", [1, 2, 4, 8]), ("u", [1, 2, 4, 8]), ("b", [1])]:
    for size in sizes:
        for order in ["<", ">"] if size > 1 else ["|"]:
            dtype = np.dtype(order + kind + str(size))
            endian = {"<": "le", ">": "be", "|": "na"}[order]
            for layout in ["C", "F"]:
                arr = np.array(values(kind), dtype=dtype, order=layout)
                assert arr.flags.f_contiguous == (layout == "F")
                np.save(f"{kind}{size}_{endian}_{layout}.npy", arr)

# format versions 2.0 and 3.0 of the float64 fixture
for version in [(2, 0), (3, 0)]:
    with open(f"f8_le_C_v{version[0]}.npy", "wb") as f:
        np.lib.format.write_array(f, np.array(values("f"), dtype="<f8"), version=version)

# 1-D and 0-D arrays, an empty 0x3 array and a 3-D array (rejected)
np.save("vector.npy", np.array([1.5, 2.5, 3.5, 4.5, 5.5]))
np.save("scalar.npy", np.array(7.25))
np.save("empty.npy", np.zeros((0, 3)))
np.save("cube.npy", np.zeros((2, 2, 2)))
np.save("complex.npy", np.zeros((2, 2), dtype=np.complex128))
np.save("labels.npy", np.array([0, 2, 1, 1, 0], dtype=np.int64))

# extremes of the integer types and a float32 that is not a float64
np.save("i8_extremes.npy", np.array([[np.iinfo(np.int64).min, np.iinfo(np.int64).max]]))
np.save("u8_extremes.npy", np.array([[np.iinfo(np.uint64).max, 2**63, 0]], dtype=np.uint64))
np.save("i1_extremes.npy", np.array([[-128, 127]], dtype=np.int8))
np.save("u4_extremes.npy", np.array([[4294967295, 0]], dtype=np.uint32))
np.save("f4_third.npy", np.array([[1 / 3]], dtype=np.float32))

package io.github.nmf4j.linalg.kernel;

import java.util.Arrays;

/** The copies around a {@link GemmTask}'s micro-kernel, shared by both implementations. */
public final class Packing {

  /**
   * Doubles per row array of a task's workspace. An array of 262 doubles takes 8 * 262 + 16 =
   * 2112 bytes, 33 cache lines: arrays allocated one after another (as a thread-local allocation
   * buffer places them, and as a garbage collector copying them in order keeps them) all start at
   * the same offset within a 64-byte line, so the loop that C2 aligns on one of them is aligned on
   * all; and consecutive rows lie 2112 bytes apart, 128 bytes apart modulo 4096, so a store to one
   * row is not mistaken for a dependence of a load from another (4K aliasing: the CPU compares
   * only the low 12 address bits). Rows sized to the request (256 doubles, 2064 bytes) put rows
   * {@code i} and {@code i + 2} 32 bytes apart modulo 4096 and left the line offsets to chance:
   * the scalar micro-kernel ran at 30-46 GFLOP/s depending on where the heap placed the rows,
   * against 53-63 with this capacity (docs/benchmarks.md, "Robust kernel speed").
   */
  static final int ROW_CAPACITY = GemmEngine.NC_MAX + 6;

  private Packing() {}

  /** {@code count} row arrays of {@link #ROW_CAPACITY}, allocated one after the other. */
  static double[][] rows(int count) {
    double[][] rows = new double[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = new double[ROW_CAPACITY];
    }
    return rows;
  }

  /** Zeroes columns {@code [0, n)} of the first {@code count} rows. */
  static void zero(double[][] rows, int count, int n) {
    for (int i = 0; i < count; i++) {
      Arrays.fill(rows[i], 0, n, 0.0);
    }
  }

  /** {@code coef[p * rows + q] = X[i + q][pc + p]} for {@code q < rows}, {@code p < kc}. */
  static void coefficients(Strided x, int i, int rows, int pc, int kc, double[] coef) {
    double[] a = x.a();
    int col = x.col();
    for (int q = 0; q < rows; q++) {
      int base = x.off() + (i + q) * x.row() + pc * col;
      for (int p = 0; p < kc; p++) {
        coef[p * rows + q] = a[base + p * col];
      }
    }
  }

  /** Copies {@code Y[pc:pc+kc, j0:j0+nc]} into the first kc row arrays of {@code panel}. */
  static void rowPanel(Strided y, int pc, int kc, int j0, int nc, double[][] panel) {
    double[] a = y.a();
    if (y.col() == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(a, y.off() + (pc + p) * y.row() + j0, panel[p], 0, nc);
      }
      return;
    }
    // A transposed view: read eight columns of the panel (eight sequential streams through
    // Y's storage) and write them as one cache line of each panel row.
    int yRow = y.row();
    int yCol = y.col();
    int j = 0;
    for (; j + 8 <= nc; j += 8) {
      int b = y.off() + (j0 + j) * yCol + pc * yRow;
      for (int p = 0; p < kc; p++) {
        gather8(a, b + p * yRow, yCol, panel[p], j);
      }
    }
    for (; j < nc; j++) {
      int base = y.off() + (j0 + j) * yCol + pc * yRow;
      for (int p = 0; p < kc; p++) {
        panel[p][j] = a[base + p * yRow];
      }
    }
  }

  /** Copies {@code Y[pc:pc+kc, j0:j0+nc]} into {@code panel}, row p at {@code p * ld}. */
  static void flatPanel(Strided y, int pc, int kc, int j0, int nc, double[] panel, int ld) {
    double[] a = y.a();
    int yRow = y.row();
    int yCol = y.col();
    if (yCol == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(a, y.off() + (pc + p) * yRow + j0, panel, p * ld, nc);
      }
      return;
    }
    int j = 0;
    for (; j + 8 <= nc; j += 8) {
      int b = y.off() + (j0 + j) * yCol + pc * yRow;
      for (int p = 0; p < kc; p++) {
        gather8(a, b + p * yRow, yCol, panel, p * ld + j);
      }
    }
    for (; j < nc; j++) {
      int base = y.off() + (j0 + j) * yCol + pc * yRow;
      for (int p = 0; p < kc; p++) {
        panel[p * ld + j] = a[base + p * yRow];
      }
    }
  }

  /**
   * {@code dst[r + q] = a[s + q * step]} for {@code q < 8}: eight columns of one panel row read
   * through a transposed view (eight sequential streams through Y's storage as p advances), written
   * as one cache line. Public for {@code nmf.BlockProducts}, which packs a block of V transposed
   * the same way (eight rows of the block per cache line of a panel row); the package is not
   * exported.
   */
  public static void gather8(double[] a, int s, int step, double[] dst, int r) {
    dst[r] = a[s];
    dst[r + 1] = a[s + step];
    dst[r + 2] = a[s + 2 * step];
    dst[r + 3] = a[s + 3 * step];
    dst[r + 4] = a[s + 4 * step];
    dst[r + 5] = a[s + 5 * step];
    dst[r + 6] = a[s + 6 * step];
    dst[r + 7] = a[s + 7 * step];
  }

  /** Writes columns {@code [0, nc)} of the first {@code rows} accumulator rows to C at (i0, j0). */
  static void writeBack(double[][] acc, int rows, int nc, Strided c, int i0, int j0) {
    double[] out = c.a();
    int cCol = c.col();
    for (int i = 0; i < rows; i++) {
      double[] row = acc[i];
      int base = c.off() + (i0 + i) * c.row() + j0 * cCol;
      if (cCol == 1) {
        System.arraycopy(row, 0, out, base, nc);
      } else {
        for (int j = 0; j < nc; j++) {
          out[base + j * cCol] = row[j];
        }
      }
    }
  }
}

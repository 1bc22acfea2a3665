package io.github.nmf4j.io;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the Matrix Market files that {@link MatrixMarket} reads, and SciPy's {@code mmread}:
 * a dense matrix as {@code array real general} (column by column, as the format orders it), a
 * sparse one as {@code coordinate real general}. Numbers are written as {@link Csv} writes
 * them, so that they read back to the same doubles ({@code -0.0} included, in SciPy too).
 */
final class MatrixMarketWriter {

  private MatrixMarketWriter() {}

  /**
   * Writes {@code m} as {@code array real general}, column by column; a matrix without elements
   * as {@code coordinate real general} with no entries, the one form of 0 x n that SciPy 1.10's
   * {@code mmread} reads (its array reader fails on {@code 0 3}, even its own {@code mmwrite}'s).
   */
  static void write(Writer out, Matrix m) throws IOException {
    if (m.rows() == 0 || m.cols() == 0) {
      writeSparse(out, SparseMatrix.of(m));
      return;
    }
    out.write("%%MatrixMarket matrix array real general\n");
    out.write("% written by nmf4j\n");
    out.write(m.rows() + " " + m.cols() + "\n");
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < m.cols(); j++) {
      for (int i = 0; i < m.rows(); i++) {
        sb.setLength(0);
        Csv.appendNumber(sb, m.get(i, j));
        sb.append('\n');
        out.write(sb.toString());
      }
    }
  }

  /** Writes {@code s} as {@code coordinate real general}, 1-based, row by row. */
  static void writeSparse(Writer out, SparseMatrix s) throws IOException {
    out.write("%%MatrixMarket matrix coordinate real general\n");
    out.write("% written by nmf4j\n");
    out.write(s.rows() + " " + s.cols() + " " + s.nonZeros() + "\n");
    int[] pointers = s.rowPointers();
    int[] columns = s.columnIndices();
    double[] values = s.values();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.rows(); i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        sb.setLength(0);
        sb.append(i + 1).append(' ').append(columns[q] + 1).append(' ');
        Csv.appendNumber(sb, values[q]);
        sb.append('\n');
        out.write(sb.toString());
      }
    }
  }
}

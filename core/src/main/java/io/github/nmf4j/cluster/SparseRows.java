package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.SparseAccess;
import io.github.nmf4j.linalg.kernel.SparseProducts;
import java.util.Arrays;

/**
 * The rows of a {@link SparseMatrix} as the sparse k-means path reads them, with its row
 * kernels: the CSR arrays without explicit zeros (so equal rows have equal storage; the
 * matrix's own arrays, read through {@link SparseAccess}, when it stores no zero), each row's
 * squared norm {@code |x_i|^2}, and, for fits, the same entries by column (the CSR form of the
 * transpose) for the update step. Nothing of size {@code n x d} is ever formed.
 *
 * <p>Kernels against dense centroids (row-major {@code k x d}, or transposed {@code d x k} as
 * {@code ct[f * k + j]}):
 *
 * <ul>
 *   <li>{@link #dots}: {@code x_i . c_j} for all {@code j} at once, one chain of fused
 *       multiply-adds per centroid over the row's stored entries in storage order, the inner
 *       loop running over the {@code k} contiguous centroid values of a feature;
 *   <li>{@link #exactDistance}: {@code sum_f (x_f - c_f)^2} over all {@code d} features, the
 *       fall-back where the product form's rounding could matter (a point on a centre);
 *   <li>{@link #distance}: {@code sum_{f stored} (x_f - c_f)^2 + (|c|^2 - sum_{f stored}
 *       c_f^2)}, the differences at the stored entries plus the centroid's mass elsewhere, at the
 *       cost of the stored entries (the inertia).
 * </ul>
 *
 * <p>All sums run in storage (or feature) order within one task, so results do not depend on the
 * number of threads.
 */
final class SparseRows {

  final int n;
  final int d;
  final int[] pointers;
  final int[] columns;
  final double[] values;
  /** {@code |x_i|^2}, in storage order. */
  final double[] norms;
  /** The CSR form of the transpose (null unless built {@code byColumn}). */
  private final int[] tPointers;
  private final int[] tRows;
  private final double[] tValues;

  private SparseRows(int n, int d, int[] pointers, int[] columns, double[] values,
      boolean byColumn) {
    this.n = n;
    this.d = d;
    this.pointers = pointers;
    this.columns = columns;
    this.values = values;
    this.norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        s = Math.fma(values[q], values[q], s);
      }
      norms[i] = s;
    }
    if (byColumn) {
      tRows = new int[values.length];
      tValues = new double[values.length];
      tPointers = SparseProducts.transpose(n, d, pointers, columns, values, tRows, tValues);
    } else {
      tPointers = null;
      tRows = null;
      tValues = null;
    }
  }

  /**
   * The rows of {@code m}, by column too if {@code byColumn}: its own arrays (never written),
   * or a copy without its explicit zeros if it stores any.
   *
   * @param name the argument's name, for messages
   * @param allowNoRows whether a matrix without rows is accepted (prediction)
   * @throws IllegalArgumentException if {@code m} is null, has no column, or no row and {@code
   *     allowNoRows} is false
   */
  static SparseRows of(SparseMatrix m, String name, boolean allowNoRows, boolean byColumn) {
    Arguments.requireNonNull(m, name);
    if (m.cols() == 0 || (m.rows() == 0 && !allowNoRows)) {
      throw new IllegalArgumentException(
          name + " must have at least one row and one column, was " + m.shape());
    }
    int n = m.rows();
    int[] pointers = SparseAccess.rowPointers(m); // read only; copied below if compacted
    int[] columns = SparseAccess.columnIndices(m);
    double[] values = SparseAccess.values(m);
    boolean explicitZero = false;
    for (double v : values) {
      explicitZero |= v == 0;
    }
    if (!explicitZero) {
      return new SparseRows(n, m.cols(), pointers, columns, values, byColumn);
    }
    pointers = pointers.clone();
    columns = columns.clone();
    values = values.clone();
    int kept = 0;
    for (int i = 0, from = 0; i < n; i++) {
      int to = pointers[i + 1];
      pointers[i] = kept;
      for (int q = from; q < to; q++) {
        if (values[q] != 0) {
          columns[kept] = columns[q];
          values[kept++] = values[q];
        }
      }
      from = to;
    }
    pointers[n] = kept;
    if (kept < values.length) {
      columns = Arrays.copyOf(columns, kept);
      values = Arrays.copyOf(values, kept);
    }
    return new SparseRows(n, m.cols(), pointers, columns, values, byColumn);
  }

  /**
   * These rows scaled to unit length, for the cosine distance: a copy of the stored values
   * (the pointers and columns shared), each row scaled as {@link SphericalAssignment#normalize}
   * scales a dense row, over the stored entries in order. The zeros a dense row adds to those
   * sums change nothing, so the values are bit for bit those of {@link
   * SphericalAssignment#unitRows} on the dense rows.
   *
   * @param name the argument's name, for messages
   * @param byColumn whether to build the transpose of the unit rows too (fits)
   * @throws IllegalArgumentException naming {@code name} and the row if a row is zero (stores
   *     no entry)
   */
  SparseRows unit(String name, boolean byColumn) {
    double[] v = values.clone();
    for (int i = 0; i < n; i++) {
      if (!SphericalAssignment.normalize(v, pointers[i], pointers[i + 1] - pointers[i])) {
        throw new IllegalArgumentException(name + " has a zero row at row " + i
            + "; the cosine distance needs rows of non-zero length");
      }
    }
    return new SparseRows(n, d, pointers, columns, v, byColumn);
  }

  /**
   * The rows {@code index[0], index[1], ...} of these rows (repeats allowed) as rows of their
   * own, not by column: a sample, of the size of its rows' stored entries.
   */
  SparseRows select(int[] index) {
    int m = index.length;
    int[] p = new int[m + 1];
    for (int r = 0; r < m; r++) {
      p[r + 1] = p[r] + pointers[index[r] + 1] - pointers[index[r]];
    }
    int[] c = new int[p[m]];
    double[] v = new double[p[m]];
    for (int r = 0; r < m; r++) {
      System.arraycopy(columns, pointers[index[r]], c, p[r], p[r + 1] - p[r]);
      System.arraycopy(values, pointers[index[r]], v, p[r], p[r + 1] - p[r]);
    }
    return new SparseRows(m, d, p, c, v, false);
  }

  /** The number of stored (non-zero) entries. */
  int nonZeros() {
    return values.length;
  }

  /**
   * {@code out[j] = x_i . c_j} for {@code j < k}, the centroids transposed by rows: {@code
   * ct[f][j]} is feature {@code f} of centroid {@code j}. The same chains of fused multiply-adds as
   * {@link #dots(int, double[], int, double[], int)}, so the same values, but four stored entries
   * per sweep over {@code out} and every loop indexed by the bare loop variable, the shape
   * HotSpot's C2 vectorizes: 2.2x faster on the FOLDOC TF-IDF rows at k = 20 (6.8 to 3.0 ms for
   * all 11,843 rows, one thread).
   */
  void dots(int i, double[][] ct, int k, double[] out) {
    Arrays.fill(out, 0, k, 0);
    int end = pointers[i + 1];
    int q = pointers[i];
    // the chains are sequential per centroid, so the grouping by four changes no value
    int fours = q + ((end - q) & ~3);
    while (q < fours) {
      fma4(out, ct[columns[q]], ct[columns[q + 1]], ct[columns[q + 2]], ct[columns[q + 3]],
          values[q], values[q + 1], values[q + 2], values[q + 3], k);
      q += 4;
    }
    while (q < end) {
      fma1(out, ct[columns[q]], values[q], k);
      q++;
    }
  }

  /** {@code c[j] = fma(v, y[j], c[j])}. */
  private static void fma1(double[] c, double[] y, double v, int k) {
    for (int j = 0; j < k; j++) {
      c[j] = Math.fma(v, y[j], c[j]);
    }
  }

  /** {@code c[j] = fma(v3, y3[j], fma(v2, y2[j], fma(v1, y1[j], fma(v0, y0[j], c[j]))))}. */
  private static void fma4(double[] c, double[] y0, double[] y1, double[] y2, double[] y3,
      double v0, double v1, double v2, double v3, int k) {
    for (int j = 0; j < k; j++) {
      c[j] = Math.fma(v3, y3[j], Math.fma(v2, y2[j], Math.fma(v1, y1[j],
          Math.fma(v0, y0[j], c[j]))));
    }
  }

  /**
   * {@code out[o + j] = x_i . c_j} for {@code j < k}, the centroids transposed in {@code ct}
   * ({@code ct[f * k + j]}): one entry at a time along offsets into {@code ct}, which C2 leaves
   * scalar (the mini-batch loop's form; the full-batch fit uses the rows form above).
   */
  void dots(int i, double[] ct, int k, double[] out, int o) {
    Arrays.fill(out, o, o + k, 0);
    for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
      double v = values[q];
      for (int j = 0, base = columns[q] * k; j < k; j++) {
        out[o + j] = Math.fma(v, ct[base + j], out[o + j]);
      }
    }
  }

  /** {@code sum_f (x_{if} - c_{jf})^2} over all features, for {@code c} row-major k x d. */
  double exactDistance(int i, double[] c, int j) {
    int co = j * d;
    double s = 0;
    int q = pointers[i];
    int end = pointers[i + 1];
    for (int f = 0; f < d; f++) {
      double x = q < end && columns[q] == f ? values[q++] : 0;
      double t = x - c[co + f];
      s = Math.fma(t, t, s);
    }
    return s;
  }

  /**
   * {@code |x_i - c_j|^2} as {@code sum_{f stored} (x_f - c_f)^2 + max(0, |c_j|^2 - sum_{f
   * stored} c_f^2)}, for {@code c} row-major k x d and {@code centroidNorm = |c_j|^2}. The second
   * term, the centroid's mass off the row's entries, errs by about {@code d 2^-53 |c_j|^2}.
   */
  double distance(int i, double[] c, int j, double centroidNorm) {
    int co = j * d;
    double differences = 0;
    double covered = 0;
    for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
      double cf = c[co + columns[q]];
      double t = values[q] - cf;
      differences = Math.fma(t, t, differences);
      covered = Math.fma(cf, cf, covered);
    }
    return differences + Math.max(0, centroidNorm - covered);
  }

  /** Writes row {@code i} densely into {@code out[o..o + d)}. */
  void densify(int i, double[] out, int o) {
    Arrays.fill(out, o, o + d, 0);
    for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
      out[o + columns[q]] = values[q];
    }
  }

  /** Whether row {@code i} equals row {@code j} of {@code c} (row-major k x d). */
  boolean equalsRow(int i, double[] c, int j) {
    int co = j * d;
    int q = pointers[i];
    int end = pointers[i + 1];
    for (int f = 0; f < d; f++) {
      double x = q < end && columns[q] == f ? values[q++] : 0;
      if (x != c[co + f]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cluster sums, transposed: {@code sums[f * k + j]} is the sum of feature {@code f} over
   * the points labelled {@code j}, added in point order (by column, so tasks own disjoint
   * features and nothing is combined across threads).
   */
  void clusterSums(int[] labels, int k, double[] sums, Parallel par) {
    int tasks = (int) Math.max(1, Math.min(Chunks.MAX_CHUNKS, values.length / (1L << 16)));
    par.forEach(tasks, t -> {
      int fromFeature = Chunks.start(d, tasks, t);
      int toFeature = Chunks.start(d, tasks, t + 1);
      Arrays.fill(sums, fromFeature * k, toFeature * k, 0);
      for (int f = fromFeature; f < toFeature; f++) {
        for (int q = tPointers[f], end = tPointers[f + 1]; q < end; q++) {
          sums[f * k + labels[tRows[q]]] += tValues[q];
        }
      }
    });
  }

  /**
   * The sum of feature {@code f} over the points labelled {@code label}, each term divided by
   * {@code count} first: the mean without overflow, for sums that overflowed.
   */
  double carefulMean(int f, int[] labels, int label, int count) {
    double s = 0;
    for (int q = tPointers[f], end = tPointers[f + 1]; q < end; q++) {
      if (labels[tRows[q]] == label) {
        s += tValues[q] / count;
      }
    }
    return s;
  }

  /**
   * The mean over features of the (biased) variance of each column, as numpy's var: per
   * feature {@code (sum_{stored} (x - m)^2 + (n - stored) m^2) / n}.
   */
  double meanVariance() {
    double total = 0;
    for (int f = 0; f < d; f++) {
      int from = tPointers[f];
      int to = tPointers[f + 1];
      double sum = 0;
      for (int q = from; q < to; q++) {
        sum += tValues[q];
      }
      double mean = sum / n;
      double squares = 0;
      for (int q = from; q < to; q++) {
        double t = tValues[q] - mean;
        squares += t * t;
      }
      squares += (n - (to - from)) * mean * mean;
      total += squares / n;
    }
    return total / d;
  }

  /** The number of distinct rows, counting at most {@code limit} (the scan stops there). */
  int distinctRows(int limit) {
    return Checks.distinct(n, limit, Row::new);
  }

  /** A row compared by its stored entries (no explicit zeros are kept, so this is equality). */
  private final class Row extends Checks.RowKey {
    private final int i;

    Row(int i) {
      super(rowHash(i));
      this.i = i;
    }

    @Override
    boolean sameAs(Checks.RowKey other) {
      int j = ((Row) other).i;
      return Arrays.equals(columns, pointers[i], pointers[i + 1], columns, pointers[j],
          pointers[j + 1])
          && Arrays.equals(values, pointers[i], pointers[i + 1], values, pointers[j],
          pointers[j + 1]);
    }
  }

  /** The hash of row {@code i}'s stored columns and values. */
  private int rowHash(int i) {
    int h = 1;
    for (int q = pointers[i]; q < pointers[i + 1]; q++) {
      h = 31 * (31 * h + columns[q]) + Double.hashCode(values[q]);
    }
    return h;
  }

  /** The largest magnitude stored in {@code m} (read in place; 0 for none). */
  static double largest(SparseMatrix m) {
    return Rescaling.largest(SparseAccess.values(m));
  }

  /** A copy of {@code m} times {@code 2^scale}, exactly (but for values that underflow). */
  static SparseMatrix scaled(SparseMatrix m, int scale) {
    return SparseMatrix.fromCsr(m.rows(), m.cols(), SparseAccess.rowPointers(m),
        SparseAccess.columnIndices(m), Rescaling.scaled(SparseAccess.values(m), scale));
  }
}

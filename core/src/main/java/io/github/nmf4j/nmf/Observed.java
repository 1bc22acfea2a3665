package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.kernel.Gemm;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.Arrays;

/**
 * V with unobserved entries ({@link MissingValues#IGNORE}): the observed entries in the stored
 * units of a {@link ScaledData}, in the form the masked solvers need, and the start and errors
 * of a masked fit.
 *
 * <ul>
 *   <li><b>Initialization</b> runs on {@link #start}: for a dense V a filled copy in which each
 *       NaN is replaced by the mean of the observed entries of its column (of all observed
 *       entries for a column with none), so that NNDSVD sees a complete matrix; for a sparse V
 *       the sparse V itself (unstored entries as zeros, the usual start for ratings).
 *   <li><b>The solvers</b> read the <em>complement</em> form for a dense V ({@link #filled}
 *       with zeros at the missing entries, plus the list of {@link #missing} entries, so that the
 *       large products stay dense products and only the corrections run over the missing
 *       entries) and the <em>observed</em> form for a sparse V (the list of {@link #observed}
 *       entries and their {@link #values}).
 * </ul>
 *
 * <p>All values are {@code V_s = V / 4^m} with the {@code m} of {@link #start} (the filled values
 * never exceed the largest observed one, so it is the scale of the observed entries).
 */
final class Observed {

  /** The data the initialization and the caller's units come from. */
  final ScaledData start;
  final int n;
  final int p;
  /** The complement form: {@code V_s} with 0 at the missing entries, {@code n x p}; or null. */
  final double[] filled;
  /** The complement form: the missing entries; or null. */
  final Entries missing;
  /** The observed form: the observed entries; or null. */
  final Entries observed;
  /** The observed form: {@code V_s} at the observed entries, CSR order; or null. */
  final double[] values;
  /** {@code sum of V_s^2} over the observed entries. */
  final double squaredNorm;
  /** The caller's dense V (with its NaN), for the exact errors; null for a sparse V. */
  private final double[] dense;

  /**
   * What {@link #ofDenseOrNothing} returns for a V whose every entry is NaN: no data, no
   * entries; never fitted.
   */
  static final Observed NOTHING = new Observed(null, null, null, null, null, 0, null);

  /**
   * The power of two {@code 2^-SUM_SHIFT} by which the column sums of the start are taken when
   * they overflow: fewer than {@code 2^31} values below {@code 2^1024}, so scaled, sum below
   * {@code 2^991}.
   */
  private static final int SUM_SHIFT = 64;

  private Observed(ScaledData start, double[] filled, Entries missing, Entries observed,
      double[] values, double squaredNorm, double[] dense) {
    this.start = start;
    this.n = start == null ? 0 : start.n;
    this.p = start == null ? 0 : start.p;
    this.filled = filled;
    this.missing = missing;
    this.observed = observed;
    this.values = values;
    this.squaredNorm = squaredNorm;
    this.dense = dense;
  }

  /**
   * The observed entries of a dense V whose NaN entries are missing, in the complement form
   * (every masked rule reads it for a dense V: the large products stay dense); null when V has
   * no NaN (the fit is then an ordinary one).
   *
   * @throws IllegalArgumentException if V is null or empty, holds a negative or infinite value
   *     (the message names its row, column and value), or has no observed entry at all
   */
  static Observed ofDense(Matrix matrix, String name, Parallel par) {
    Observed observed = ofDenseOrNothing(matrix, name, par);
    if (observed == NOTHING) {
      throw new IllegalArgumentException(name + " (" + matrix.shape() + ") has no observed "
          + "entry: every entry is NaN, so there is nothing to fit");
    }
    return observed;
  }

  /**
   * As {@link #ofDense}, but a V whose every entry is NaN gives {@link #NOTHING} (a transform's
   * zero rows) instead of an exception: one scan decides both.
   *
   * @throws IllegalArgumentException if V is null or empty, or holds a negative or infinite
   *     value (the message names its row, column and value)
   */
  static Observed ofDenseOrNothing(Matrix matrix, String name, Parallel par) {
    NmfChecks.nonEmpty(matrix, name);
    int n = matrix.rows();
    int p = matrix.cols();
    double[] v = MatrixAccess.data(matrix);
    double[] columnSums = new double[p];
    int[] columnCounts = new int[p];
    int missingCount = 0;
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      if (Double.isNaN(x)) {
        missingCount++;
      } else if (!(x >= 0 && x <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException(ScaledData.describeBad(name, x, i, p));
      } else {
        columnSums[i % p] += x;
        columnCounts[i % p]++;
      }
    }
    if (missingCount == 0) {
      return null;
    }
    if (missingCount == v.length) {
      return NOTHING;
    }
    double total = 0;
    long count = 0;
    for (int j = 0; j < p; j++) {
      total += columnSums[j];
      count += columnCounts[j];
    }
    // Sums of values near Double.MAX_VALUE overflow: then they are taken again scaled down by
    // 2^-SUM_SHIFT (exact for such data) and the means scaled back; ordinary data as before.
    int shift = 0;
    if (total == Double.POSITIVE_INFINITY) {
      shift = SUM_SHIFT;
      Arrays.fill(columnSums, 0);
      total = 0;
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          columnSums[i % p] += Math.scalb(v[i], -shift);
        }
      }
      for (int j = 0; j < p; j++) {
        total += columnSums[j];
      }
    }
    double overall = Math.scalb(total / count, shift);
    double[] startValues = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int j = i % p;
      startValues[i] = !Double.isNaN(v[i]) ? v[i]
          : columnCounts[j] > 0 ? Math.scalb(columnSums[j] / columnCounts[j], shift) : overall;
    }
    ScaledData start = ScaledData.of(Matrix.wrap(n, p, startValues), name, par);
    int[] rowStart = new int[n + 1];
    int[] column = new int[missingCount];
    double[] zeroFilled = new double[v.length];
    double squaredNorm = 0;
    int q = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0, off = i * p; j < p; j++) {
        double x = v[off + j];
        if (Double.isNaN(x)) {
          column[q++] = j;
        } else {
          double s = start.stored(x);
          squaredNorm += s * s;
          zeroFilled[off + j] = s;
        }
      }
      rowStart[i + 1] = q;
    }
    return new Observed(start, zeroFilled, new Entries(n, p, rowStart, column), null, null,
        squaredNorm, v);
  }

  /**
   * A sparse V whose stored entries are the observed ones (explicit zeros included).
   *
   * @throws IllegalArgumentException as {@link ScaledData#of(SparseMatrix, String, Parallel)},
   *     or if V stores no entry (nothing is observed, as a dense V of NaN only)
   */
  static Observed ofSparse(SparseMatrix matrix, String name, Parallel par) {
    ScaledData start = ScaledData.of(matrix, name, par);
    if (matrix.nonZeros() == 0) {
      throw new IllegalArgumentException(name + " (" + matrix.shape() + ") has no observed "
          + "entry: it stores none, and with MissingValues.IGNORE only the stored entries are "
          + "observed, so there is nothing to fit");
    }
    double[] values = matrix.values();
    double squaredNorm = 0;
    for (int q = 0; q < values.length; q++) {
      values[q] = start.stored(values[q]);
      squaredNorm += values[q] * values[q];
    }
    Entries entries = new Entries(start.n, start.p, matrix.rowPointers(),
        matrix.columnIndices());
    return new Observed(start, null, null, entries, values, squaredNorm, null);
  }

  /** The zero-filled V of the complement form as a dense {@link ScaledData} of scale 1. */
  ScaledData zeroFilled() {
    return DenseData.block(filled, n, p, 0, Double.NaN, squaredNorm);
  }

  /** The masked rule of the settings' solver and loss, starting from {@code start}. */
  UpdateRule rule(Problem problem, Factors factors) {
    return rule(problem, factors, true);
  }

  /**
   * The masked rule of the settings' solver and loss, starting from {@code start}: updating
   * both factors ({@code fit}) or W alone with H fixed (a transform).
   */
  UpdateRule rule(Problem problem, Factors factors, boolean fit) {
    NmfSettings settings = problem.settings();
    if (settings.solver() == Solver.HALS) {
      return filled != null
          ? new MaskedDenseHals(problem, factors, this, fit)
          : new MaskedHals(problem, factors, this, fit);
    }
    if (settings.loss() == Loss.FROBENIUS) {
      return filled != null
          ? new MaskedDenseFrobeniusMu(problem, factors, this, fit)
          : new MaskedFrobeniusMu(problem, factors, this, fit);
    }
    return filled != null
        ? new MaskedDenseKullbackLeiblerMu(problem, factors, this, fit)
        : new MaskedKullbackLeiblerMu(problem, factors, this, fit);
  }

  /**
   * The mean of the observed entries, in stored units (0 when there is none): the start of a
   * transform, {@code W = sqrt(mean / k)}, the same for a dense and a sparse form of one x.
   */
  double observedMean() {
    double sum = 0;
    for (double x : filled != null ? filled : values) {
      sum += x;
    }
    long count = observedCount();
    return count == 0 ? 0 : sum / count;
  }

  /** How many entries of V are observed: those not missing, or the stored ones. */
  long observedCount() {
    return filled != null ? (long) n * p - missing.size() : values.length;
  }

  /**
   * The exact errors over the observed entries, {@code sum (v_s - (WH))^2} and, when asked,
   * {@code sum (WH - v_s + v_s log(v_s / max(WH, eps)))}, for factors in stored units.
   */
  Residuals residuals(double[] w, double[] h, int k, double eps, boolean withDivergence,
      Parallel par) {
    int blocks = Entries.blocks(n);
    double[] squares = new double[blocks];
    double[] divergences = new double[blocks];
    if (dense != null) {
      par.forEach(blocks, b -> {
        int row0 = b * Entries.BLOCK;
        int rows = Math.min(n, row0 + Entries.BLOCK) - row0;
        double[] wh = new double[rows * p];
        double[] wb = new double[rows * k];
        System.arraycopy(w, row0 * k, wb, 0, rows * k);
        Gemm.multiply(rows, k, p, wb, h, wh, Parallel.serial());
        double sq = 0;
        double dv = 0;
        for (int t = 0, off = row0 * p; t < rows * p; t++) {
          double raw = dense[off + t];
          if (!Double.isNaN(raw)) {
            double x = start.stored(raw);
            double y = wh[t];
            sq += (x - y) * (x - y);
            if (withDivergence) {
              dv += divergenceTerm(x, y, eps);
            }
          }
        }
        squares[b] = sq;
        divergences[b] = dv;
      });
    } else {
      double[] ht = new double[p * k];
      Entries.transpose(h, k, p, ht);
      double[] wh = new double[observed.size()];
      observed.productAt(w, ht, k, wh, par);
      double sq = observed.sum(q -> (values[q] - wh[q]) * (values[q] - wh[q]), squares, par);
      double dv = withDivergence
          ? observed.sum(q -> divergenceTerm(values[q], wh[q], eps), divergences, par) : 0;
      return new Residuals(sq, withDivergence ? Math.max(0, dv) : Double.NaN);
    }
    double dv = MuKernels.sumInOrder(divergences, blocks);
    return new Residuals(MuKernels.sumInOrder(squares, blocks),
        withDivergence ? Math.max(0, dv) : Double.NaN);
  }

  /** {@code y - x + x log(x / max(y, eps))}, the log term 0 where {@code x = 0}. */
  static double divergenceTerm(double x, double y, double eps) {
    double s = y - x;
    if (x > 0) {
      s += x * Math.log(x / Math.max(y, eps));
    }
    return s;
  }
}

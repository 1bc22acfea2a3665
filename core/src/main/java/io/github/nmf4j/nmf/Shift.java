package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.Arrays;

/**
 * Makes signed data non-negative by adding a constant offset, so that NMF can factor it, and
 * takes the offset off again afterwards: {@code shifted = x + offset} and {@code x = shifted -
 * offset}, with one offset for the whole matrix or one per column.
 *
 * <pre>{@code
 * Shift shift = Shift.toNonNegative(waveforms);          // waveforms: signed, one per row
 * NmfModel model = Nmf.builder().rank(3).fit(shift.shifted());
 * Matrix inOriginalUnits = shift.inverse(model.inverseTransform(model.w()));
 * }</pre>
 *
 * <p>The offset is the smallest one that makes every value non-negative: {@code offset =
 * max(0, -min(x))} over the whole matrix ({@link Scope#GLOBAL}, the default) or over each column
 * ({@link Scope#PER_COLUMN}). Data that is already non-negative is left as it is (offset 0).
 * The global offset keeps the shapes of the rows (a spike waveform stays the same curve, raised);
 * the per-column offset gives every column a minimum of 0, like a min-max scaling without the
 * scaling. Either way the reconstruction of a shifted row, shifted back, is the reconstruction
 * of the row in its own units: {@code x - x_hat = shifted - shifted_hat}, so the error is the
 * same in both units.
 *
 * <p>Shifting changes what NMF sees: the offset is a constant part that every row now shares, and
 * NMF must spend some of each component on it. This is how signed spike waveforms are clustered
 * with NMF (see the guide's page "Clustering signed waveforms").
 *
 * <p>Immutable; the caller's matrices are never modified. A record of the scope, the offsets and
 * the shifted matrix, made by {@link #toNonNegative}; the canonical constructor (to rebuild a
 * shift from saved offsets) checks that they agree and copies the offsets, and {@link
 * #offsets()} returns a copy, so a shift is equal only to itself.
 *
 * @param scope whether one offset serves the whole matrix or each column has its own
 * @param offsets the offset added to each column, one per column (all equal for {@link
 *     Scope#GLOBAL})
 * @param shifted the shifted matrix, {@code x + offset}, every value {@code >= 0}
 */
public record Shift(Scope scope, double[] offsets, Matrix shifted) {

  /** Whether one offset serves the whole matrix or each column has its own. */
  public enum Scope {
    /** One offset for every value: {@code max(0, -min(x))}. */
    GLOBAL,
    /** One offset per column: {@code max(0, -min(column))}. */
    PER_COLUMN
  }

  /**
   * Checks that there is one finite, non-negative offset per column of {@code shifted}, all
   * equal for {@link Scope#GLOBAL}, and copies {@code offsets}.
   *
   * @throws IllegalArgumentException if an argument is null, if the number of offsets differs
   *     from the number of columns, or if an offset is negative, NaN, infinite or (global)
   *     differs from the first (the message names its index and value)
   */
  public Shift {
    Arguments.requireNonNull(scope, "scope");
    Arguments.requireNonNull(offsets, "offsets");
    Arguments.requireNonNull(shifted, "shifted");
    if (offsets.length != shifted.cols()) {
      throw new IllegalArgumentException("offsets has " + Phrases.count(offsets.length,
          "value") + " but shifted has " + Phrases.count(shifted.cols(), "column"));
    }
    for (int j = 0; j < offsets.length; j++) {
      if (!(offsets[j] >= 0 && offsets[j] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "offsets[" + j + "] must be finite and >= 0, was " + offsets[j]);
      }
      if (scope == Scope.GLOBAL && offsets[j] != offsets[0]) {
        throw new IllegalArgumentException("offsets[" + j + "] must equal offsets[0] ("
            + offsets[0] + ") in a GLOBAL shift, was " + offsets[j]);
      }
    }
    offsets = offsets.clone();
  }

  /**
   * Shifts {@code x} by one offset, {@code max(0, -min(x))}.
   *
   * @param x n x p, signed; not modified
   * @throws IllegalArgumentException if {@code x} is null, empty, or holds NaN or an infinity
   */
  public static Shift toNonNegative(Matrix x) {
    return toNonNegative(x, Scope.GLOBAL);
  }

  /**
   * Shifts {@code x} by one offset for the whole matrix or one per column.
   *
   * @param x n x p, signed; not modified
   * @param scope {@link Scope#GLOBAL} or {@link Scope#PER_COLUMN}
   * @throws IllegalArgumentException if {@code x} or {@code scope} is null, {@code x} is empty,
   *     or {@code x} holds NaN or an infinity
   */
  public static Shift toNonNegative(Matrix x, Scope scope) {
    Arguments.requireNonNull(x, "x");
    Arguments.requireNonNull(scope, "scope");
    if (x.rows() == 0 || x.cols() == 0) {
      throw new IllegalArgumentException(
          "x must have at least one row and one column, was " + x.shape());
    }
    int n = x.rows();
    int p = x.cols();
    double[] a = MatrixAccess.data(x);
    Arguments.requireFinite(a, p, "x");
    double[] minima = new double[p];
    Arrays.fill(minima, Double.POSITIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int o = i * p;
      for (int j = 0; j < p; j++) {
        minima[j] = Math.min(minima[j], a[o + j]);
      }
    }
    double[] offsets = new double[p];
    if (scope == Scope.GLOBAL) {
      double min = Double.POSITIVE_INFINITY;
      for (double m : minima) {
        min = Math.min(min, m);
      }
      Arrays.fill(offsets, Math.max(0.0, -min));
    } else {
      for (int j = 0; j < p; j++) {
        offsets[j] = Math.max(0.0, -minima[j]);
      }
    }
    // x >= min, so x + (-min) rounds to a value >= 0 (rounding is monotone and 0 is exact).
    return new Shift(scope, offsets, Matrix.wrap(n, p, add(a, n, p, offsets, 1.0)));
  }

  /**
   * The offset added to each column (a copy, one per column; all equal for {@link
   * Scope#GLOBAL}).
   */
  @Override
  public double[] offsets() {
    return offsets.clone();
  }

  /**
   * The offset of a {@link Scope#GLOBAL} shift.
   *
   * @throws IllegalStateException if the shift is {@link Scope#PER_COLUMN}
   */
  public double offset() {
    if (scope != Scope.GLOBAL) {
      throw new IllegalStateException("a PER_COLUMN shift has one offset per column; "
          + "use offsets()");
    }
    return offsets[0];
  }

  /**
   * Shifts new rows by the same offsets, {@code y + offset} (for {@link NmfModel#transform} of
   * data shifted like the training data). Values of {@code y} below the training minimum stay
   * negative.
   *
   * @param y m x p in the original units; not modified
   * @throws IllegalArgumentException if {@code y} is null, its number of columns differs from
   *     the shifted data's, or it holds NaN or an infinity
   */
  public Matrix apply(Matrix y) {
    return Matrix.wrap(y.rows(), y.cols(), add(check(y), y.rows(), y.cols(), offsets, 1.0));
  }

  /**
   * Takes the offsets off again, {@code y - offset}: the original units of shifted data or of a
   * reconstruction of it such as {@link NmfModel#inverseTransform}.
   *
   * @param y m x p shifted values; not modified
   * @throws IllegalArgumentException if {@code y} is null, its number of columns differs from
   *     the shifted data's, or it holds NaN or an infinity
   */
  public Matrix inverse(Matrix y) {
    return Matrix.wrap(y.rows(), y.cols(), add(check(y), y.rows(), y.cols(), offsets, -1.0));
  }

  private double[] check(Matrix y) {
    Arguments.requireNonNull(y, "y");
    if (y.cols() != offsets.length) {
      throw new IllegalArgumentException(
          "y has " + Phrases.count(y.cols(), "column") + " but the shift has "
              + offsets.length);
    }
    double[] a = MatrixAccess.data(y);
    Arguments.requireFinite(a, y.cols(), "y");
    return a;
  }

  /** {@code a + sign * offsets} row by row, into a new array. */
  private static double[] add(double[] a, int n, int p, double[] offsets, double sign) {
    double[] out = new double[n * p];
    for (int i = 0; i < n; i++) {
      int o = i * p;
      for (int j = 0; j < p; j++) {
        out[o + j] = a[o + j] + sign * offsets[j];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Shift[scope=" + scope + ", offsets=" + (scope == Scope.GLOBAL
        ? Double.toString(offsets[0]) : offsets.length + " columns") + "]";
  }
}

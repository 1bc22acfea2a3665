package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;

/**
 * Squared distances in product form, {@code |x - c|^2 = |x'|^2 + |c'|^2 - 2 x'.c'} on rows
 * centred by a fixed vector ({@code x' = x - mean}, {@code c' = c - mean}), the products {@code
 * x'.c'} of a block of rows with all rows of another set coming from one matrix product: the
 * kernel of k-means' assignment and k-means++ seeding on wide data and of the silhouette's
 * distances. Centring (as scikit-learn does before a fit) leaves distances unchanged but makes
 * the cancellation in the formula relative to the spread of the data, not its offset.
 *
 * <p><b>The rounding bound.</b> With {@code u = 2^-53}, the computed {@code |x'|^2 + |c'|^2 - 2
 * x'.c'} differs from the exact squared distance by at most {@code (d + 8) u (|x'| + |c'|)^2}:
 * each of the three dot products of length {@code d} (the two norms and the cross product,
 * whatever the order of their fused multiply-adds) errs by at most {@code d u} times the product
 * of the norms involved, the centring of each feature adds a relative {@code u} to every term,
 * and the final additions a few {@code u} of the largest term; the sum of these is below {@code
 * (d + 8) u (|x'|^2 + |c'|^2 + 2 |x'| |c'|)}. {@link #rounding} gives twice this coefficient,
 * {@code 2 (d + 8) u}, which also covers the rounding of the norms themselves; {@link #bound}
 * multiplies it by {@code (|x'| + |c'|)^2}. A computed value may therefore be slightly negative,
 * and two rows whose squared distances to {@code x} differ by less than twice the bound may be
 * ranked in either order. Where a value falls below the bound (near duplicates) the caller
 * computes the distance directly from the differences instead ({@link
 * Rows#squaredDistanceWide}, the fall-back), so a point equal to a centre is at distance 0.
 *
 * <p>Products are computed by {@link Gemm#multiplyTranspose} on one thread (the callers run
 * blocks in parallel); its kernel computes each product as one chain of fused multiply-adds in
 * feature order, whatever block a row falls in, so the same row gets the same values in any
 * block.
 */
public final class CentredProducts {

  /** The unit roundoff of double precision. */
  private static final double U = 0x1p-53;

  private CentredProducts() {}

  /**
   * {@code 2 (d + 8) u}: the coefficient of {@link #bound} for rows of {@code d} features (see
   * the class comment).
   */
  public static double rounding(int d) {
    return 2 * (d + 8) * U;
  }

  /**
   * {@code coefficient (|x'| + |c'|)^2} for {@code radius = |x'| + |c'|}: with {@code
   * coefficient = rounding(d)}, a bound on the error of the computed squared distance.
   */
  public static double bound(double coefficient, double radius) {
    return coefficient * radius * radius;
  }

  /** {@code out[t * d + f] = x[(first + t) * d + f] - mean[f]} for {@code t < count}. */
  public static void centre(double[] x, int d, int first, int count, double[] mean,
      double[] out) {
    for (int t = 0; t < count; t++) {
      centreRow(x, d, first + t, mean, out, t);
    }
  }

  /** {@code out[t * d + f] = x[rows[t] * d + f] - mean[f]} for {@code t < count}. */
  public static void centre(double[] x, int d, int[] rows, int count, double[] mean,
      double[] out) {
    for (int t = 0; t < count; t++) {
      centreRow(x, d, rows[t], mean, out, t);
    }
  }

  private static void centreRow(double[] x, int d, int i, double[] mean, double[] out, int t) {
    int xo = i * d;
    int o = t * d;
    for (int f = 0; f < d; f++) {
      out[o + f] = x[xo + f] - mean[f];
    }
  }

  /**
   * {@code dots[t * m + j] = block_t . centred_j} for the {@code count} rows of {@code block}
   * and the {@code m} rows of {@code centred}, both of width {@code d} (one thread).
   */
  public static void products(int count, int d, int m, double[] block, double[] centred,
      double[] dots) {
    Gemm.multiplyTranspose(count, d, m, block, centred, dots, Parallel.serial());
  }

  /**
   * {@code centred = c - mean} for the {@code k} rows of {@code c} (k x d), and their squared
   * norms into {@code norms}; returns the largest norm (not squared). The norms are {@link
   * Rows#squaredDistanceWide} from the row to {@code mean}, the same operations on the same
   * differences as a norm of the centred row.
   */
  public static double centreRows(double[] c, int k, int d, double[] mean, double[] centred,
      double[] norms) {
    centre(c, d, 0, k, mean, centred);
    double radius = 0;
    for (int j = 0; j < k; j++) {
      norms[j] = Rows.squaredDistanceWide(c, j, mean, 0, d);
      radius = Math.max(radius, norms[j]);
    }
    return Math.sqrt(radius);
  }

  /**
   * {@code |x_i - mean|^2} ({@link Rows#squaredDistanceWide}) for every row of {@code x} (n x
   * d), in {@code parts} parts (as {@link Rows#columnMeans}) run in parallel.
   */
  public static double[] centredNorms(double[] x, int n, int d, double[] mean, int parts,
      Parallel par) {
    double[] norms = new double[n];
    par.forEach(parts, p -> {
      for (int i = Rows.partStart(n, parts, p), end = Rows.partStart(n, parts, p + 1);
          i < end; i++) {
        norms[i] = Rows.squaredDistanceWide(x, i, mean, 0, d);
      }
    });
    return norms;
  }
}

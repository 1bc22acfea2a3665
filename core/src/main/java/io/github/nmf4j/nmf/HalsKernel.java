package io.github.nmf4j.nmf;

import java.util.Arrays;

/**
 * The inner sweeps of HALS on one block of a factor, on separate {@code double[]} rows so that
 * every loop runs along one contiguous array (the shape HotSpot's SuperWord vectorizes).
 *
 * <p>Both half-updates of HALS are the same problem: given a symmetric Gram matrix {@code G}
 * ({@code k x k}: {@code W'W} for H, {@code HH'} for W) and targets {@code T} ({@code W'V} for H,
 * {@code (VH')'} for W), improve {@code X} (H, or W transposed) for {@code min_{X >= f}
 * ||V - ...||^2}, one row of {@code X} at a time (Cichocki and Phan 2009):
 * <pre>
 *   X[c] = max(f, X[c] + (T[c] - sum_r G[c][r] X[r]) / G[c][c]),   c = 0, ..., k-1
 * </pre>
 * which minimizes the loss exactly over row {@code c} with the others fixed, so the loss never
 * increases. The problem separates over the columns of {@code X} (columns of H, rows of W), so a
 * block of columns is swept independently of the others; sweeps repeat until the block's change
 * {@code ||X_s - X_{s-1}||_F^2} falls to {@code delta^2} times that of the first sweep, or a
 * maximum count (Gillis and Glineur 2012, "Accelerated multiplicative updates and hierarchical
 * ALS algorithms for nonnegative matrix factorization", Neural Computation 24(4)).
 */
final class HalsKernel {

  /**
   * With {@code skipNegligible}, a row {@code c} whose {@code G[c][c]} is at most this fraction
   * of the largest diagonal entry is left as it is, as a zero {@code G[c][c]} always is
   * (scikit-learn's cd skips a coordinate whose Hessian is 0). Such a row belongs to a dead
   * component: the other factor's entries for it all sit at the floor ({@code 1e-16} of a
   * typical entry, so {@code G[c][c]} is about {@code 1e-32} of the others'), and the exact step
   * would divide by that {@code G[c][c]} and blow the row up to {@code 1e13}-{@code 1e15} times
   * the data's scale. A transform, whose other factor is fixed, skips such rows: the component
   * cannot come back there. A fit takes the exact step, which is how a dead component comes
   * back, and rebalances the component afterwards ({@link FrobeniusHals}).
   */
  static final double NEGLIGIBLE = 1e-24;

  private HalsKernel() {}

  /**
   * Runs the sweeps on one block in place and returns how many ran.
   *
   * @param g the Gram matrix, {@code k x k} row-major, symmetric
   * @param t the targets, {@code k} rows of at least {@code len} values
   * @param x the block of the factor, {@code k} rows of at least {@code len} values; updated
   * @param acc scratch of at least {@code len} values
   * @param change scratch of at least {@code len} values
   * @param maxSweeps at least 1
   * @param deltaSquared stop once a sweep changes the block by at most this times the first
   *     sweep's change (squared Frobenius norms)
   * @param floor the smallest value an entry may take, {@code >= 0}
   * @param skipNegligible whether to leave the rows of {@link #NEGLIGIBLE} diagonal entries
   */
  static int sweeps(double[] g, int k, double[][] t, double[][] x, int len, double[] acc,
      double[] change, int maxSweeps, double deltaSquared, double floor,
      boolean skipNegligible) {
    double negligible = skipNegligible ? NEGLIGIBLE * largestDiagonal(g, k) : 0;
    double first = 0;
    for (int s = 0; s < maxSweeps; s++) {
      Arrays.fill(change, 0, len, 0);
      for (int c = 0; c < k; c++) {
        double gcc = g[c * k + c];
        if (!(gcc > negligible)) {
          continue;
        }
        residual(g, c, k, t[c], x, len, acc);
        step(x[c], acc, change, 1 / gcc, len, floor);
      }
      double changed = sum(change, len);
      if (s == 0) {
        first = changed;
        if (first == 0) {
          return 1;
        }
      } else if (changed <= deltaSquared * first) {
        return s + 1;
      }
    }
    return maxSweeps;
  }

  /** The largest of the {@code k} diagonal entries of {@code g}; 0 if none is positive. */
  private static double largestDiagonal(double[] g, int k) {
    double largest = 0;
    for (int c = 0; c < k; c++) {
      largest = Math.max(largest, g[c * k + c]);
    }
    return largest;
  }

  /**
   * {@code acc = T[c] - sum_r G[c][r] X[r]}, four rows of X per pass (also the masked sweeps'
   * residual, {@link MaskedDenseHals}, across their lanes). The first pass reads {@code T[c]}
   * instead of a copy of it in {@code acc} (9-13% less time per residual at k = 16 in a
   * microbenchmark); each value is the same chain of subtractions in the order of r. The first
   * pass is written out rather than shared with the others through a variable source array: that
   * form ran one HALS iteration 8% slower on the faces (C2 compiled the shared loop worse).
   */
  static void residual(double[] g, int c, int k, double[] tc, double[][] x, int len,
      double[] acc) {
    int row = c * k;
    int r = 0;
    if (k >= 4) {
      double g0 = g[row];
      double g1 = g[row + 1];
      double g2 = g[row + 2];
      double g3 = g[row + 3];
      double[] x0 = x[0];
      double[] x1 = x[1];
      double[] x2 = x[2];
      double[] x3 = x[3];
      for (int i = 0; i < len; i++) {
        acc[i] = tc[i] - g0 * x0[i] - g1 * x1[i] - g2 * x2[i] - g3 * x3[i];
      }
      r = 4;
    } else {
      System.arraycopy(tc, 0, acc, 0, len);
    }
    for (; r + 3 < k; r += 4) {
      double g0 = g[row + r];
      double g1 = g[row + r + 1];
      double g2 = g[row + r + 2];
      double g3 = g[row + r + 3];
      double[] x0 = x[r];
      double[] x1 = x[r + 1];
      double[] x2 = x[r + 2];
      double[] x3 = x[r + 3];
      for (int i = 0; i < len; i++) {
        acc[i] = acc[i] - g0 * x0[i] - g1 * x1[i] - g2 * x2[i] - g3 * x3[i];
      }
    }
    for (; r < k; r++) {
      double g0 = g[row + r];
      double[] x0 = x[r];
      for (int i = 0; i < len; i++) {
        acc[i] = acc[i] - g0 * x0[i];
      }
    }
  }

  /**
   * {@code xc = max(floor, xc + acc * inv)}, adding each entry's squared change to {@code
   * change}: one vectorized loop, the sweep's total summed once after all {@code k} rows.
   */
  private static void step(double[] xc, double[] acc, double[] change, double inv, int len,
      double floor) {
    for (int i = 0; i < len; i++) {
      double old = xc[i];
      double updated = Math.max(floor, old + acc[i] * inv);
      xc[i] = updated;
      double d = updated - old;
      change[i] += d * d;
    }
  }

  /** {@code sum_i change[i]} over {@code len} values, in two chains (even, odd), then added. */
  private static double sum(double[] change, int len) {
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 1 < len; i += 2) {
      s0 += change[i];
      s1 += change[i + 1];
    }
    if (i < len) {
      s0 += change[i];
    }
    return s0 + s1;
  }
}

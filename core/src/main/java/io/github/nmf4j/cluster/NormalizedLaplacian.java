package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Lobpcg;

/**
 * The symmetric normalized Laplacian {@code L = I - D^-1/2 A D^-1/2} of an affinity graph
 * {@code A} with its diagonal left out, {@code D = diag(sum_{j != i} a_ij)} (scipy's {@code
 * csgraph.laplacian(normed=True)} as scikit-learn uses it, diagonal set to 1): as an operator on
 * blocks of vectors for {@link Lobpcg}. An isolated point (degree 0) keeps a row of the identity
 * and a square-root degree of 1, as in scipy.
 *
 * <p>Either sparse, from a {@link NeighborGraph}, or dense, from the RBF kernel ({@code 8 n^2}
 * bytes). Each output coordinate is a sum over its own row in a fixed order, so the product does
 * not depend on how rows are split between threads.
 */
final class NormalizedLaplacian implements Lobpcg.Operator {

  /** Rows per parallel task of a product. */
  private static final int ROWS_PER_TASK = 256;

  private final int n;
  private final Parallel par;
  private final double[] sqrtDegrees;
  /** Sparse: CSR of D^-1/2 A D^-1/2; dense: null. */
  private final int[] rowStart;
  private final int[] columns;
  /** Sparse: the CSR values; dense: the n x n row-major D^-1/2 A D^-1/2 (zero diagonal). */
  private final double[] values;

  private NormalizedLaplacian(int n, Parallel par, double[] sqrtDegrees, int[] rowStart,
      int[] columns, double[] values) {
    this.n = n;
    this.par = par;
    this.sqrtDegrees = sqrtDegrees;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /** The Laplacian of the k-nearest-neighbour graph (its values are copied and scaled). */
  static NormalizedLaplacian of(NeighborGraph g, Parallel par) {
    int n = g.n;
    double[] root = new double[n];
    for (int i = 0; i < n; i++) {
      double degree = 0;
      for (int p = g.rowStart[i]; p < g.rowStart[i + 1]; p++) {
        degree += g.values[p];
      }
      root[i] = degree > 0 ? Math.sqrt(degree) : 1;
    }
    double[] v = new double[g.values.length];
    for (int i = 0; i < n; i++) {
      for (int p = g.rowStart[i]; p < g.rowStart[i + 1]; p++) {
        v[p] = g.values[p] / root[i] / root[g.columns[p]];
      }
    }
    return new NormalizedLaplacian(n, par, root, g.rowStart, g.columns, v);
  }

  /**
   * The Laplacian of the RBF kernel {@code exp(-gamma |x_i - x_j|^2)} of the {@code x} (n x d)
   * points, held dense.
   */
  static NormalizedLaplacian rbf(double[] x, int n, int d, double gamma, Parallel par) {
    double[] k = new double[n * n];
    double[] root = new double[n];
    par.forEach(tasks(n), t -> {
      for (int i = t * ROWS_PER_TASK, end = Math.min(n, i + ROWS_PER_TASK); i < end; i++) {
        int xo = i * d;
        double degree = 0;
        for (int j = 0; j < n; j++) {
          if (j == i) {
            continue;
          }
          int yo = j * d;
          double s = 0;
          for (int f = 0; f < d; f++) {
            double u = x[xo + f] - x[yo + f];
            s += u * u;
          }
          double a = Math.exp(-gamma * s);
          k[i * n + j] = a;
          degree += a;
        }
        root[i] = degree > 0 ? Math.sqrt(degree) : 1;
      }
    });
    par.forEach(tasks(n), t -> {
      for (int i = t * ROWS_PER_TASK, end = Math.min(n, i + ROWS_PER_TASK); i < end; i++) {
        double ri = root[i];
        for (int j = 0; j < n; j++) {
          k[i * n + j] = k[i * n + j] / ri / root[j];
        }
      }
    });
    return new NormalizedLaplacian(n, par, root, null, null, k);
  }

  private static int tasks(int n) {
    return (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
  }

  /** {@code sqrt(degree)} of every point (1 for an isolated point); the live array. */
  double[] sqrtDegrees() {
    return sqrtDegrees;
  }

  /** The number of stored affinities (for the model's description). */
  long storedValues() {
    return values.length;
  }

  @Override
  public void apply(double[] x, int xFrom, double[] y, int yFrom, int count) {
    par.forEach(tasks(n), t -> {
      int from = t * ROWS_PER_TASK;
      int to = Math.min(n, from + ROWS_PER_TASK);
      for (int c = 0; c < count; c++) {
        int xo = xFrom + c * n;
        int yo = yFrom + c * n;
        for (int i = from; i < to; i++) {
          double s = 0;
          if (rowStart != null) {
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
              s += values[p] * x[xo + columns[p]];
            }
          } else {
            int ro = i * n;
            for (int j = 0; j < n; j++) {
              s += values[ro + j] * x[xo + j];
            }
          }
          y[yo + i] = x[xo + i] - s;
        }
      }
    });
  }
}

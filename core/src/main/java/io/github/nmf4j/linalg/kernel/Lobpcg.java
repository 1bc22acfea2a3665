package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;

/**
 * The smallest eigenvalues and their eigenvectors of a large symmetric operator, by the locally
 * optimal block preconditioned conjugate gradient method without a preconditioner (Knyazev,
 * "Toward the optimal preconditioned eigensolver: LOBPCG", SIAM J. Sci. Comput. 23(2), 2001).
 * The operator is only applied to blocks of vectors, so a sparse graph Laplacian of 20,000
 * points never becomes an {@code n x n} matrix.
 *
 * <p><b>Algorithm.</b> A block {@code X} of {@code b >= k} orthonormal vectors is improved by
 * Rayleigh-Ritz on the subspace spanned by {@code X}, the residuals {@code W = A X - X Lambda} and
 * the previous search directions {@code P}: with {@code S = [X W P]} made orthonormal, the
 * eigenvectors of the small matrix {@code S' A S} for its {@code b} smallest eigenvalues give the
 * new {@code X = S C} and {@code P = S_{WP} C_{WP}}. The basis is orthonormalized explicitly
 * every iteration (classical Gram-Schmidt applied twice, columns that become dependent dropped),
 * which is the stable variant of Hetmaniuk and Lehoucq ("Basis selection in LOBPCG", J. Comput.
 * Phys. 218, 2006); a column whose residual is below the tolerance stops contributing {@code W}
 * and {@code P} (soft locking). Extra block vectors beyond {@code k} speed up the convergence of
 * the wanted ones: the rate depends on the gap between the {@code k}-th and the {@code (b+1)}-th
 * eigenvalue rather than the {@code (k+1)}-th. A block method finds repeated eigenvalues (a graph
 * with several components has eigenvalue 0 once per component), which a single-vector Krylov
 * method cannot.
 *
 * <p><b>Cost per iteration.</b> Up to {@code 2b} operator applications and {@code O(n b^2)} for
 * the orthonormalization and the products, plus {@code O(b^3)} for the small dense eigenproblem
 * ({@link SymmetricEigen}).
 *
 * <p><b>Determinism.</b> Every sum over the {@code n} coordinates is split into fixed chunks of
 * the vector length and combined in chunk order, and the operator must itself give the same
 * result for any thread count: then the result is bit-identical for any thread count.
 *
 * <p>Blocks of vectors are stored one vector after the other ({@code v[c * n + i]} is coordinate
 * {@code i} of vector {@code c}).
 */
public final class Lobpcg {

  /** Coordinates per chunk of a reduction. */
  static final int CHUNK = 2048;

  /** A column whose norm falls below this fraction of its norm before projection is dropped. */
  private static final double DEPENDENT = 1e-10;

  private Lobpcg() {}

  /** A symmetric linear operator on vectors of length {@code n}. */
  @FunctionalInterface
  public interface Operator {
    /**
     * {@code y_c = A x_c} for the {@code count} vectors starting at {@code x[xFrom]}, written from
     * {@code y[yFrom]}, each of length {@code n}, one after the other. The result must not depend
     * on the number of threads.
     */
    void apply(double[] x, int xFrom, double[] y, int yFrom, int count);
  }

  /** Called after every iteration with the largest residual norm of the wanted vectors. */
  @FunctionalInterface
  public interface Observer {
    /** Iteration from 1; {@code residual} is {@code max_j |A x_j - lambda_j x_j|, j < k}. */
    void onIteration(int iteration, double residual);
  }

  /** The {@code k} smallest eigenpairs found. */
  public static final class Result {
    /** The eigenvalues, ascending. */
    public final double[] values;
    /** The unit eigenvectors, {@code k x n}, vector {@code j} at {@code j * n}. */
    public final double[] vectors;
    /** The iterations run. */
    public final int iterations;
    /** Whether every residual norm reached the tolerance. */
    public final boolean converged;
    /** The largest residual norm of the wanted vectors at the end. */
    public final double residual;

    Result(double[] values, double[] vectors, int iterations, boolean converged,
        double residual) {
      this.values = values;
      this.vectors = vectors;
      this.iterations = iterations;
      this.converged = converged;
      this.residual = residual;
    }
  }

  /**
   * The {@code k} smallest eigenpairs of {@code a}.
   *
   * @param a the symmetric operator, on vectors of length {@code n}
   * @param n the vector length
   * @param k the number of eigenpairs wanted, {@code 1 <= k <= b}
   * @param start {@code b x n}: the initial block ({@code b = start.length / n}, at most {@code
   *     n}); not modified. Columns that are dependent are replaced by unit vectors.
   * @param tolerance stop when every residual norm {@code |A x_j - lambda_j x_j|} for {@code j <
   *     k} is at most this
   * @param maxIterations the most iterations
   * @param par the threads of the reductions and products
   * @param observer told after every iteration; may throw to stop
   */
  public static Result smallest(Operator a, int n, int k, double[] start, double tolerance,
      int maxIterations, Parallel par, Observer observer) {
    int b = start.length / n;
    if (k < 1 || k > b || b > n || start.length != b * n) {
      throw new IllegalArgumentException(
          "need 1 <= k <= block <= n, was k = " + k + ", block = " + b + ", n = " + n);
    }
    Blocks blocks = new Blocks(n, par);
    // S = [X W P] and A S, X always in the first b columns.
    double[] s = new double[3 * b * n];
    double[] as = new double[3 * b * n];
    System.arraycopy(start, 0, s, 0, b * n);
    int kept = blocks.orthonormalize(s, 0, b);
    for (int e = 0; kept < b; e++) {
      Arrays.fill(s, kept * n, (kept + 1) * n, 0.0);
      s[kept * n + e] = 1;
      kept = blocks.orthonormalize(s, kept, kept + 1);
    }
    a.apply(s, 0, as, 0, b);
    double[] lambda = new double[b];
    double[] x = new double[b * n];
    double[] ax = new double[b * n];
    double[] p = new double[b * n];
    boolean hasP = false;
    rayleighRitz(blocks, s, as, b, b, lambda, x, ax, null);
    double[] residuals = new double[b];
    double[] r = new double[b * n];
    int iteration = 0;
    double worst = residuals(blocks, x, ax, lambda, b, r, residuals, k);
    while (worst > tolerance && iteration < maxIterations) {
      iteration++;
      System.arraycopy(x, 0, s, 0, b * n);
      System.arraycopy(ax, 0, as, 0, b * n);
      int m = b;
      for (int j = 0; j < b; j++) {
        if (residuals[j] > tolerance) {
          System.arraycopy(r, j * n, s, m * n, n);
          m++;
        }
      }
      if (hasP) {
        for (int j = 0; j < b; j++) {
          if (residuals[j] > tolerance) {
            System.arraycopy(p, j * n, s, m * n, n);
            m++;
          }
        }
      }
      m = blocks.orthonormalize(s, b, m);
      a.apply(s, b * n, as, b * n, m - b);
      rayleighRitz(blocks, s, as, m, b, lambda, x, ax, p);
      hasP = m > b;
      worst = residuals(blocks, x, ax, lambda, b, r, residuals, k);
      observer.onIteration(iteration, worst);
    }
    return new Result(Arrays.copyOf(lambda, k), Arrays.copyOf(x, k * n), iteration,
        worst <= tolerance, worst);
  }

  /**
   * Rayleigh-Ritz on the orthonormal {@code m} columns of {@code s}: the {@code b} smallest Ritz
   * pairs into {@code lambda}, {@code x = S C} and {@code ax = (A S) C}; if {@code p} is not null,
   * {@code p = S_{b..m} C_{b..m}} (the part of the new X outside the old one).
   */
  private static void rayleighRitz(Blocks blocks, double[] s, double[] as, int m, int b,
      double[] lambda, double[] x, double[] ax, double[] p) {
    double[] g = blocks.gram(s, m, as, m);
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double t = 0.5 * (g[i * m + j] + g[j * m + i]);
        g[i * m + j] = t;
        g[j * m + i] = t;
      }
    }
    double[] values = new double[m];
    double[] vectors = new double[m * m];
    SymmetricEigen.decompose(g, m, values, vectors);
    System.arraycopy(values, 0, lambda, 0, b);
    blocks.combine(s, 0, m, vectors, m, b, x);
    blocks.combine(as, 0, m, vectors, m, b, ax);
    if (p != null) {
      blocks.combine(s, b, m, vectors, m, b, p);
    }
  }

  /**
   * {@code r_j = A x_j - lambda_j x_j} and its norm for every column; returns the largest norm
   * of the first {@code k}.
   */
  private static double residuals(Blocks blocks, double[] x, double[] ax, double[] lambda,
      int b, double[] r, double[] norms, int k) {
    int n = blocks.n;
    for (int j = 0; j < b; j++) {
      int o = j * n;
      double l = lambda[j];
      for (int i = 0; i < n; i++) {
        r[o + i] = ax[o + i] - l * x[o + i];
      }
      norms[j] = Math.sqrt(blocks.dot(r, o, r, o));
    }
    double worst = 0;
    for (int j = 0; j < k; j++) {
      worst = Math.max(worst, norms[j]);
    }
    return worst;
  }

  /** Reductions and products on blocks of vectors of length {@code n}, in fixed chunks. */
  static final class Blocks {
    final int n;
    final Parallel par;
    final int chunks;

    Blocks(int n, Parallel par) {
      this.n = n;
      this.par = par;
      this.chunks = Math.max(1, Math.min(64, n / CHUNK));
    }

    int start(int c) {
      return (int) ((long) n * c / chunks);
    }

    /**
     * {@code u . v} for vectors at offsets {@code uo} and {@code vo}, chunk sums in order; within
     * a chunk, {@link Rows#dot}'s four interleaved chains.
     */
    double dot(double[] u, int uo, double[] v, int vo) {
      double total = 0;
      for (int c = 0; c < chunks; c++) {
        int i = start(c);
        total += Rows.dot(u, uo + i, v, vo + i, start(c + 1) - i);
      }
      return total;
    }

    /**
     * The {@code ca x cb} row-major matrix of dot products of the first columns of u and v, as
     * one {@link Gemm} product {@code U V'} (its split of a long reduction is fixed by the shape).
     */
    double[] gram(double[] u, int ca, double[] v, int cb) {
      double[] g = new double[ca * cb];
      GemmEngine.product(ca, n, cb, u, 0, n, 1, v, 0, 1, n, g, 0, par);
      return g;
    }

    /**
     * {@code out_j = sum_{r in [r0, r1)} coef[r * width + j] u_r} for {@code j < b}: a linear
     * combination of columns {@code r0..r1} of {@code u} by rows {@code r0..r1} of the row-major
     * {@code coef} with {@code width} columns.
     */
    void combine(double[] u, int r0, int r1, double[] coef, int width, int b, double[] out) {
      GemmEngine.product(b, r1 - r0, n, coef, r0 * width, 1, width, u, r0 * n, n, 1, out, 0,
          par);
    }

    /**
     * Makes columns {@code from..to} of {@code s} orthonormal and orthogonal to columns {@code
     * 0..from} (which must be orthonormal already): each new column is scaled to unit length, the
     * block is projected off columns {@code 0..from} twice as two {@link Gemm} products (block
     * classical Gram-Schmidt, applied twice), then the new columns are orthonormalized among
     * themselves by classical Gram-Schmidt applied twice; columns that turn out dependent are
     * dropped and the rest moved down.
     *
     * @return the number of columns now in use ({@code from} plus the columns kept)
     */
    int orthonormalize(double[] s, int from, int to) {
      int q = to - from;
      if (q <= 0) {
        return from;
      }
      boolean[] usable = new boolean[q];
      for (int c = from; c < to; c++) {
        int o = c * n;
        double before = Math.sqrt(dot(s, o, s, o));
        usable[c - from] = before > 0 && Double.isFinite(before);
        scale(s, o, usable[c - from] ? 1 / before : 0);
      }
      if (from > 0) {
        double[] coef = new double[from * q];
        double[] projection = new double[q * n];
        int o = from * n;
        for (int pass = 0; pass < 2; pass++) {
          // coef (from x q) = B Q', projection (q x n) = coef' B, Q -= projection.
          GemmEngine.product(from, n, q, s, 0, n, 1, s, o, 1, n, coef, 0, par);
          GemmEngine.product(q, from, n, coef, 0, 1, q, s, 0, n, 1, projection, 0, par);
          for (int i = 0; i < q * n; i++) {
            s[o + i] -= projection[i];
          }
        }
      }
      int m = from;
      double[] coef = new double[to];
      for (int c = from; c < to; c++) {
        int o = c * n;
        if (!usable[c - from]) {
          continue;
        }
        for (int pass = 0; pass < 2; pass++) {
          for (int j = from; j < m; j++) {
            coef[j] = dot(s, j * n, s, o);
          }
          for (int j = from; j < m; j++) {
            double w = coef[j];
            int oj = j * n;
            for (int i = 0; i < n; i++) {
              s[o + i] -= w * s[oj + i];
            }
          }
        }
        double after = Math.sqrt(dot(s, o, s, o));
        if (after <= DEPENDENT) {
          continue;
        }
        scale(s, o, 1 / after);
        if (m != c) {
          System.arraycopy(s, o, s, m * n, n);
        }
        m++;
      }
      return m;
    }

    private void scale(double[] s, int o, double f) {
      for (int i = 0; i < n; i++) {
        s[o + i] *= f;
      }
    }
  }
}

package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.SplittableRandom;

/**
 * Randomized truncated SVD (Halko, Martinsson and Tropp 2011, "Finding structure with
 * randomness", algorithms 4.4 and 5.1), arranged as scikit-learn's {@code randomized_svd}.
 *
 * <p>For a tall {@code A} ({@code m >= n}): draw a Gaussian {@code Omega} ({@code n x l}, {@code
 * l = rank + oversamples}), form {@code Y = A Omega}, run {@code q} power iterations {@code Y <-
 * A (A^T Y)} with an LU normalization (the permuted unit lower factor of partial pivoting, as
 * scipy's {@code lu(permute_l=True)}) after every product, orthonormalize {@code Y = Q R} by
 * Householder QR, and take the exact SVD of the small {@code B = Q^T A = U_B S V^T}; then {@code
 * U = Q U_B}. A wide {@code A} is handled as its transpose without forming it, so the range is
 * always found on the longer side, as scikit-learn does.
 *
 * <p>The tall-and-thin blocks are stored transposed ({@code l} rows of the long length), so every
 * product with {@code A} is one {@link Gemm} call and every normalization loop runs along
 * contiguous arrays. {@code A} is never copied: to keep every intermediate finite for entries
 * anywhere in the double range, the small operand of each product is scaled by a power of two
 * instead (exact), and the singular values are scaled back. The Gaussian draws come from one
 * {@link SplittableRandom} seeded by the caller, drawn serially; the products are bit-identical
 * for any thread count, so the whole result is.
 */
final class RandomizedSvd {

  private RandomizedSvd() {}

  /**
   * The leading {@code l = rank + oversamples} triplets (callers keep the first {@code rank}) of
   * the {@code m x n} row-major {@code a}; requires {@code l <= min(m, n)}.
   *
   * @return {@code ut} rows of length {@code m}, {@code vt} rows of length {@code n}
   */
  static JacobiSvd.Result compute(double[] a, int m, int n, int l, int powerIterations,
      long seed, Parallel par) {
    return compute(new Operator() {
      @Override
      public void toLong(boolean tall, int l, double[] inT, double[] outT) {
        rowsTimes(tall, a, m, n, l, inT, outT, par);
      }

      @Override
      public void toShort(boolean tall, int l, double[] inT, double inScale, double[] outT) {
        double[] in = inT;
        if (inScale != 1) {
          in = inT.clone();
          Vectors.scale(inScale, in);
        }
        rowsTimes(!tall, a, m, n, l, in, outT, par);
      }
    }, Vectors.maxAbs(a, 0, a.length), m, n, l, powerIterations, seed, par);
  }

  /**
   * The products of the randomized SVD with an {@code m x n} matrix A held in any form: {@code
   * toLong} maps {@code l} vectors of the short side (rows of {@code inT}) to the long side,
   * {@code toShort} back, as {@link RandomizedSvd#rowsTimes} does for a dense A.
   */
  interface Operator {
    /** {@code outT (l x big) = inT (l x small)} times {@code A^T} (tall) or {@code A} (wide). */
    void toLong(boolean tall, int l, double[] inT, double[] outT);

    /**
     * {@code outT (l x small) = (inScale inT) (l x big)} times {@code A} (tall) or {@code A^T}
     * (wide), {@code inScale} a power of two, {@code inT} left unchanged.
     */
    void toShort(boolean tall, int l, double[] inT, double inScale, double[] outT);
  }

  /** As {@link #compute(double[], int, int, int, int, long, Parallel)} for any operator. */
  static JacobiSvd.Result compute(Operator a, double maxAbs, int m, int n, int l,
      int powerIterations, long seed, Parallel par) {
    boolean tall = m >= n;
    int big = tall ? m : n;
    int small = tall ? n : m;
    double scale = Vectors.scaleFor(maxAbs);

    SplittableRandom random = new SplittableRandom(seed);
    double[] omegaT = new double[l * small];
    for (int i = 0; i < omegaT.length; i++) {
      omegaT[i] = random.nextGaussian() * scale;
    }
    // Memory: two blocks of l vectors live throughout, Y (l x big) and Omega, then Z (l x
    // small), each made once (4.8 and 2.8 MB for l = 30 and a 20,000 x 12,000 A); the columns
    // of the LU and the QR are split off a block only while they run, when no product holds a
    // copy of its input: a sparse fit's peak heap is set here (docs/benchmarks.md).
    double[] yT = new double[l * big];
    double[] zT = omegaT;
    a.toLong(tall, l, omegaT, yT);
    for (int it = 0; it < powerIterations; it++) {
      Parallel.checkInterrupt();
      normalize(yT, l, big, scale);
      a.toShort(tall, l, yT, 1, zT);
      normalize(zT, l, small, scale);
      a.toLong(tall, l, zT, yT);
    }
    double[][] yCols = Vectors.split(yT, l, big);
    HouseholderQr.factor(yCols);
    double[] qT = yT;
    Vectors.joinInto(yCols, qT);
    yCols = null;

    double[] small2 = zT;
    // tall: B = Q^T A (l x n), whose transpose B^T = U' S V'^T gives A ~ (Q V') S U'^T.
    // wide: C^T = Q^T A^T (l x m), C = A Q = U' S V'^T gives A ~ U' S (Q V')^T.
    a.toShort(tall, l, qT, scale, small2);
    JacobiSvd.Result inner = JacobiSvd.ofColumns(Vectors.split(small2, l, small), par);
    small2 = null;
    zT = null;
    double[] s = inner.s;
    for (int j = 0; j < s.length; j++) {
      s[j] /= scale;
    }
    double[] lifted = new double[l * big];
    Gemm.multiply(l, l, big, Vectors.join(inner.vt), qT, lifted, par);
    qT = null;
    yT = null;
    double[][] liftedRows = Vectors.split(lifted, l, big);
    return tall
        ? new JacobiSvd.Result(liftedRows, s, inner.ut)
        : new JacobiSvd.Result(inner.ut, s, liftedRows);
  }

  /**
   * {@code outT = inT A} ({@code inT} is {@code l x m}, {@code outT} {@code l x n}) or, when
   * {@code transpose}, {@code outT = inT A^T} ({@code l x n} to {@code l x m}): from the short
   * side to the long one with {@code transpose = tall}, back with {@code transpose = !tall}.
   */
  private static void rowsTimes(boolean transpose, double[] a, int m, int n, int l, double[] inT,
      double[] outT, Parallel par) {
    if (transpose) {
      Gemm.multiplyTranspose(l, n, m, inT, a, outT, par);
    } else {
      Gemm.multiply(l, m, n, inT, a, outT, par);
    }
  }

  /**
   * Replaces the {@code l} columns of length {@code len} held as rows of {@code flat} by the
   * permuted unit lower factor {@code P L} of their LU decomposition with partial pivoting
   * (entries at most 1 in magnitude), times {@code scale}.
   */
  private static void normalize(double[] flat, int l, int len, double scale) {
    double[][] cols = Vectors.split(flat, l, len);
    permutedLower(cols);
    for (double[] c : cols) {
      Vectors.scale(scale, c);
    }
    Vectors.joinInto(cols, flat);
  }

  /**
   * LU with partial pivoting of the tall matrix whose columns are {@code cols}, in place: the
   * columns become those of {@code P L} (scipy's {@code lu(..., permute_l=True)}), rows left in
   * their original order. A pivot row's later entries are eliminated by the update itself, and
   * earlier pivot rows hold exact zeros from then on, so they never win a later pivot search.
   */
  static void permutedLower(double[][] cols) {
    int k = cols.length;
    int m = cols[0].length;
    boolean[] pivoted = new boolean[m];
    for (int j = 0; j < k; j++) {
      double[] x = cols[j];
      int p = -1;
      double best = 0;
      for (int i = 0; i < m; i++) {
        double v = Math.abs(x[i]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (p < 0) {
        // The remaining column is zero: L gets a unit column at the first free row.
        p = 0;
        while (pivoted[p]) {
          p++;
        }
        x[p] = 1;
      } else {
        double u = x[p];
        for (int i = 0; i < m; i++) {
          x[i] /= u;
        }
        x[p] = 1;
      }
      pivoted[p] = true;
      for (int c = j + 1; c < k; c++) {
        double[] y = cols[c];
        double f = y[p];
        if (f != 0) {
          Vectors.axpy(-f, x, y, 0, m);
          y[p] = 0;
        }
      }
    }
  }
}

package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.internal.Parallel;

/**
 * A thin or truncated singular value decomposition {@code A ~ U diag(s) V^T}: {@code U} ({@code
 * m x r}) and {@code V} ({@code n x r}) with orthonormal columns, singular values {@code s} in
 * descending order. Immutable; the accessors return copies or immutable matrices.
 *
 * <p>{@link #exact} computes all {@code min(m, n)} triplets by Householder QR and one-sided Jacobi
 * (Hestenes 1958; Demmel and Veselić 1992): accurate to high relative precision, in {@code O(m n
 * min(m, n))} time, meant for small and medium matrices. {@link #truncated} computes the leading
 * {@code rank} triplets by the randomized range finder of Halko, Martinsson and Tropp (2011) with
 * scikit-learn's defaults ({@code randomized_svd}: {@value #OVERSAMPLES} extra samples, 7 power
 * iterations when {@code rank < 0.1 min(m, n)} and 4 otherwise, each normalized by LU with partial
 * pivoting), in {@code O(m n rank)} time; small matrices get the exact decomposition, truncated.
 *
 * <p>Signs follow scikit-learn's {@code svd_flip} (u-based): in each column of {@code U} the
 * entry of largest magnitude (the first, in a tie) is positive, and the matching row of {@code
 * V^T} is flipped with it. Left singular vectors for zero singular values are an arbitrary
 * orthonormal completion. The same input and seed give bit-identical results for any thread count.
 *
 * <p>A record of its three parts, made by {@link #exact} and {@link #truncated}; the canonical
 * constructor (for factors computed elsewhere, or read back from files) checks that the shapes
 * agree and copies the singular values, and {@link #singularValues()} returns a copy, so a
 * decomposition is equal only to itself.
 *
 * @param u the left singular vectors, {@code m x rank()}, orthonormal columns
 * @param singularValues the singular values, {@code rank()} of them, in descending order
 * @param vt the right singular vectors as rows, {@code rank() x n}, orthonormal rows
 */
public record Svd(Matrix u, double[] singularValues, Matrix vt) {

  /** Oversampling of the randomized range finder: {@code rank + 10} random samples. */
  public static final int OVERSAMPLES = 10;

  /**
   * {@link #truncated} computes the exact decomposition when {@code m n min(m, n)} is at most this
   * (about a millisecond of work, e.g. 64 x 64) or when {@code rank + OVERSAMPLES >= min(m, n)};
   * beyond, the randomized one is much faster (100 x 100, rank 5: 0.3 ms against 7 ms).
   */
  static final long SMALL_WORK = 1L << 18;

  /**
   * Checks that {@code u} has one column and {@code vt} one row per singular value, and copies
   * {@code singularValues}; the orthonormality and the order are the caller's to keep.
   *
   * @throws IllegalArgumentException if an argument is null, or if the shapes do not agree
   */
  public Svd {
    Arguments.requireNonNull(u, "u");
    Arguments.requireNonNull(singularValues, "singularValues");
    Arguments.requireNonNull(vt, "vt");
    if (u.cols() != singularValues.length || vt.rows() != singularValues.length) {
      throw new IllegalArgumentException("u (" + u.shape() + ") and vt (" + vt.shape()
          + ") must have " + Phrases.count(singularValues.length, "column") + " and "
          + Phrases.count(singularValues.length, "row") + ", one per singular value");
    }
    singularValues = singularValues.clone();
  }

  /**
   * The exact thin SVD of {@code a}, all {@code min(m, n)} triplets, on all available processors.
   *
   * @throws IllegalArgumentException if {@code a} is null or empty, or holds NaN or infinity
   */
  public static Svd exact(Matrix a) {
    return exact(a, Parallel.defaultThreadCount());
  }

  /**
   * The exact thin SVD of {@code a}, all {@code min(m, n)} triplets, using at most {@code threads}
   * threads for the final product; bit-identical for any thread count.
   *
   * @throws IllegalArgumentException if {@code a} is null or empty, holds NaN or infinity, or
   *     {@code threads < 1}
   */
  public static Svd exact(Matrix a, int threads) {
    checkMatrix(a);
    Parallel par = parallel(threads);
    return fromExact(a, Math.min(a.rows(), a.cols()), par);
  }

  /**
   * The leading {@code rank} singular triplets of {@code a} on all available processors; see
   * {@link #truncated(Matrix, int, long, int)}.
   *
   * @throws IllegalArgumentException as {@link #truncated(Matrix, int, long, int)}
   */
  public static Svd truncated(Matrix a, int rank, long seed) {
    return truncated(a, rank, seed, Parallel.defaultThreadCount());
  }

  /**
   * The leading {@code rank} singular triplets of {@code a}: randomized (Halko, Martinsson and
   * Tropp 2011, as scikit-learn's {@code randomized_svd} with {@code n_oversamples=10, n_iter=
   * 'auto'}) with Gaussian test vectors drawn from {@code seed}; the exact decomposition,
   * truncated, when {@code a} is small or {@code rank + 10 >= min(m, n)}. The products run on at
   * most {@code threads} threads; the result is bit-identical for any thread count.
   *
   * @throws IllegalArgumentException if {@code a} is null or empty or holds NaN or infinity, if
   *     {@code rank < 1} or {@code rank > min(m, n)}, or if {@code threads < 1}
   */
  public static Svd truncated(Matrix a, int rank, long seed, int threads) {
    checkMatrix(a);
    Parallel par = parallel(threads);
    int min = Math.min(a.rows(), a.cols());
    checkRank(rank, a);
    long work = (long) a.rows() * a.cols() * min;
    if (rank + OVERSAMPLES >= min || work <= SMALL_WORK) {
      return fromExact(a, rank, par);
    }
    return randomized(a, rank, OVERSAMPLES, defaultPowerIterations(rank, min), seed, par);
  }

  /**
   * The leading {@code rank} singular triplets of the sparse {@code a}, as {@link
   * #truncated(Matrix, int, long, int)}: the randomized decomposition multiplies {@code a} and
   * its transpose by blocks of {@code rank + 10} vectors ({@link SparseMatrix#multiply}), so the
   * dense form is never built; only a matrix small enough for the exact decomposition ({@code
   * rank + 10 >= min(m, n)}, or {@code m n min(m, n)} tiny) is densified first. Bit-identical
   * for any thread count.
   *
   * @throws IllegalArgumentException if {@code a} is null or empty, if {@code rank < 1} or
   *     {@code rank > min(m, n)}, or if {@code threads < 1}
   */
  public static Svd truncated(SparseMatrix a, int rank, long seed, int threads) {
    Arguments.requireNonNull(a, "a");
    if (a.rows() == 0 || a.cols() == 0) {
      throw new IllegalArgumentException("a must not be empty, was " + a.shape());
    }
    Parallel par = parallel(threads);
    int min = Math.min(a.rows(), a.cols());
    if (rank < 1 || rank > min) {
      throw new IllegalArgumentException(
          "rank must be in [1, min(rows, cols)] = [1, " + min + "] for a " + a.shape()
              + " matrix, was " + rank);
    }
    long work = (long) a.rows() * a.cols() * min;
    if (rank + OVERSAMPLES >= min || work <= SMALL_WORK) {
      return fromExact(a.toDense(), rank, par);
    }
    double maxAbs = 0;
    for (double v : a.values()) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    JacobiSvd.Result r = RandomizedSvd.compute(new SparseSvdOperator(a, par), maxAbs, a.rows(),
        a.cols(), rank + OVERSAMPLES, defaultPowerIterations(rank, min), seed, par);
    return assemble(r, rank);
  }

  /** scikit-learn's {@code n_iter='auto'}: 7 when {@code rank < 0.1 min(m, n)}, otherwise 4. */
  static int defaultPowerIterations(int rank, int min) {
    return rank < 0.1 * min ? 7 : 4;
  }

  /** The randomized path with explicit settings; requires {@code rank + oversamples <= min}. */
  static Svd randomized(Matrix a, int rank, int oversamples, int powerIterations, long seed,
      Parallel par) {
    JacobiSvd.Result r = RandomizedSvd.compute(Matrix.storage(a), a.rows(), a.cols(),
        rank + oversamples, powerIterations, seed, par);
    return assemble(r, rank);
  }

  private static Svd fromExact(Matrix a, int rank, Parallel par) {
    int m = a.rows();
    int n = a.cols();
    double[] data = Matrix.storage(a);
    if (m >= n) {
      // Columns of A as separate arrays.
      double[][] cols = Vectors.split(a.transpose().toRowMajorArray(), n, m);
      return assemble(JacobiSvd.ofColumns(cols, par), rank);
    }
    // A^T = U' S V'^T is tall and its columns are the rows of A; A = V' S U'^T.
    JacobiSvd.Result t = JacobiSvd.ofColumns(Vectors.split(data, m, n), par);
    return assemble(new JacobiSvd.Result(t.vt, t.s, t.ut), rank);
  }

  /** Keeps the first {@code rank} triplets, applies svd_flip and builds the matrices. */
  private static Svd assemble(JacobiSvd.Result r, int rank) {
    int m = r.ut[0].length;
    int n = r.vt[0].length;
    double[] u = new double[m * rank];
    double[] vt = new double[rank * n];
    double[] s = new double[rank];
    for (int j = 0; j < rank; j++) {
      double[] uj = r.ut[j];
      int arg = 0;
      for (int i = 1; i < m; i++) {
        if (Math.abs(uj[i]) > Math.abs(uj[arg])) {
          arg = i;
        }
      }
      double sign = uj[arg] < 0 ? -1 : 1;
      for (int i = 0; i < m; i++) {
        u[i * rank + j] = sign * uj[i];
      }
      double[] vj = r.vt[j];
      for (int i = 0; i < n; i++) {
        vt[j * n + i] = sign * vj[i];
      }
      s[j] = r.s[j];
    }
    return new Svd(Matrix.wrap(m, rank, u), s, Matrix.wrap(rank, n, vt));
  }

  private static Parallel parallel(int threads) {
    Arguments.requireAtLeast(threads, 1, "threads");
    return Parallel.of(threads);
  }

  private static void checkMatrix(Matrix a) {
    Arguments.requireNonNull(a, "a");
    if (a.size() == 0) {
      throw new IllegalArgumentException("a must not be empty, was " + a.shape());
    }
    Arguments.requireFinite(Matrix.storage(a), a.cols(), "a");
  }

  private static void checkRank(int rank, Matrix a) {
    int min = Math.min(a.rows(), a.cols());
    if (rank < 1 || rank > min) {
      throw new IllegalArgumentException("rank must be in [1, min(rows, cols)] = [1, " + min
          + "] for a " + a.shape() + " matrix, was " + rank);
    }
  }

  /** A copy of the singular values, {@code rank()} of them, in descending order. */
  @Override
  public double[] singularValues() {
    return singularValues.clone();
  }

  /** The number of triplets held: {@code min(m, n)} for {@link #exact}, else the requested rank. */
  public int rank() {
    return singularValues.length;
  }

  @Override
  public String toString() {
    return "Svd[" + u.rows() + "x" + vt.cols() + ", rank " + singularValues.length + "]";
  }
}

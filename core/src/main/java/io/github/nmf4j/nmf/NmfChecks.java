package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;

/**
 * The checks of {@link Nmf.Builder} that take more than a line: the initial factors, the rank
 * they imply, and which combinations of settings a fit supports. Each throws with a message that
 * names the settings and their values.
 */
final class NmfChecks {

  private NmfChecks() {}

  /**
   * Checks initial factors W0 and H0: neither null nor empty, finite and non-negative, and W0's
   * column count equal to H0's row count.
   */
  static void initialFactors(Matrix w0, Matrix h0) {
    factor(w0, "initial W");
    factor(h0, "initial H");
    if (w0.cols() != h0.rows()) {
      throw new IllegalArgumentException("initial W (" + w0.shape() + ") has "
          + Phrases.count(w0.cols(), "column") + " but initial H (" + h0.shape() + ") has "
          + Phrases.count(h0.rows(), "row") + "; both must equal the rank");
    }
  }

  private static void factor(Matrix m, String name) {
    nonEmpty(m, name);
    double[] a = MatrixAccess.data(m);
    for (int i = 0; i < a.length; i++) {
      if (!(a[i] >= 0 && a[i] <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException(ScaledData.describeBad(name, a[i], i, m.cols()));
      }
    }
  }

  /**
   * The rank of a fit: {@code rank} if set (it must then equal the initial factors' rank), else
   * the initial factors' rank.
   *
   * @param rank the rank set, or null
   * @param initialW the initial W, or null (then {@code initialH} is null too)
   * @throws IllegalStateException if neither gives a rank
   */
  static int rank(Integer rank, Matrix initialW, Matrix initialH) {
    Integer k = rank;
    if (initialW != null) {
      if (k == null) {
        k = initialW.cols();
      } else if (k != initialW.cols()) {
        throw new IllegalArgumentException("rank " + rank + " differs from the rank "
            + initialW.cols() + " of the initial factors (W " + initialW.shape() + ", H "
            + initialH.shape() + ")");
      }
    }
    if (k == null) {
      throw new IllegalStateException("rank must be set (or initial factors given)");
    }
    return k;
  }

  /**
   * Checks that the solver supports the loss, and that {@code normalizeColumnsOfW}, the
   * penalties and {@link MissingValues#IGNORE} are combined only where a fit supports them.
   */
  static void combination(NmfSettings s) {
    Loss loss = s.loss();
    Solver solver = s.solver();
    if (solver == Solver.HALS && loss != Loss.FROBENIUS) {
      throw new IllegalArgumentException("solver HALS minimizes the Frobenius loss only (as "
          + "scikit-learn's 'cd'); use MULTIPLICATIVE_UPDATE for " + loss
          + (loss == Loss.BETA_DIVERGENCE ? " (beta " + s.beta() + ")" : "")
          + ", or HALS with FROBENIUS");
    }
    if (s.normalizeColumnsOfW()
        && (loss != Loss.KULLBACK_LEIBLER || solver != Solver.MULTIPLICATIVE_UPDATE)) {
      throw new IllegalArgumentException("normalizeColumnsOfW is Lee and Seung's (1999) "
          + "Kullback-Leibler multiplicative update: it needs loss KULLBACK_LEIBLER and solver "
          + "MULTIPLICATIVE_UPDATE, was " + loss + " and " + solver);
    }
    boolean ignore = s.missingValues() == MissingValues.IGNORE;
    if (s.normalizeColumnsOfW() && s.penalized()) {
      throw new IllegalArgumentException("normalizeColumnsOfW rescales W after every update, "
          + "which a penalty on the factors would not survive; alphaW and alphaH must be 0, "
          + "were " + s.alphaW() + " and " + s.alphaH());
    }
    if (s.normalizeColumnsOfW() && ignore) {
      throw new IllegalArgumentException("normalizeColumnsOfW does not support missing values: "
          + "use missingValues REJECT with it, or drop it");
    }
    if (ignore && loss != Loss.FROBENIUS && loss != Loss.KULLBACK_LEIBLER) {
      throw new IllegalArgumentException("missing values (MissingValues.IGNORE) are supported "
          + "with the FROBENIUS and KULLBACK_LEIBLER losses, was " + loss);
    }
  }

  /**
   * Checks that {@code m} (named {@code name} in messages) is neither null nor empty.
   *
   * @throws IllegalArgumentException if it is null or has no row or no column
   */
  static void nonEmpty(Matrix m, String name) {
    if (m == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (m.size() == 0) {
      throw new IllegalArgumentException(name + " must not be empty, was " + m.shape());
    }
  }
}

package io.github.nmf4j.nmf;

/**
 * Lee and Seung's 1999 variant of an update rule ("Learning the parts of objects by non-negative
 * matrix factorization", Nature 401, 788-791): after each iteration of the wrapped rule, every
 * column of W is divided by its sum, {@code W[:,c] <- W[:,c] / sum_i W[i,c]}, H unchanged; the
 * starting W is normalized too. With the Kullback-Leibler update the H update's denominator
 * {@code W'1} is then 1 and the W update's per-column denominator {@code 1H'} cancels in the
 * normalization, so the iteration is exactly the paper's (where W holds the basis as columns),
 * in the order H, W, normalize. The normalization changes WH; the loss is nonetheless observed
 * not to rise from one iteration to the next (tested), but this is not a theorem.
 *
 * <p>The stored columns (in {@link ScaledData}'s units, where the epsilon guards are sized for
 * factors of order 1) are brought to sum 1; {@code Fitter} then returns W as stored and H times
 * the data's scale {@code 4^m} (exact), so the caller's W has columns summing to 1 too. Columns
 * summing to 0 are left alone. Serial, so the result does not depend on the thread count.
 */
final class ColumnNormalizedW implements UpdateRule {

  /**
   * Fit: the Kullback-Leibler update with W normalized after each iteration; transform: the plain
   * Kullback-Leibler update of W (H is fixed, so nothing is normalized).
   */
  static final UpdateRule.Factory FACTORY = new UpdateRule.Factory() {
    @Override
    public UpdateRule fit(Problem problem, Factors start) {
      return new ColumnNormalizedW(
          KullbackLeiblerMu.withOutsideChangesOfW(problem, start), problem.data(), start);
    }

    @Override
    public UpdateRule transform(Problem problem, Factors start) {
      return KullbackLeiblerMu.FACTORY.transform(problem, start);
    }
  };

  private final UpdateRule inner;
  private final double[] w;
  private final int n;
  private final int k;
  private final double target;
  private final double[] sums;

  private ColumnNormalizedW(UpdateRule inner, ScaledData data, Factors start) {
    this.inner = inner;
    this.w = start.w;
    this.n = data.n;
    this.k = start.rank;
    this.target = 1;
    this.sums = new double[k];
    normalize();
  }

  @Override
  public void iterate() {
    inner.iterate();
    normalize();
  }

  /** Brings every column of W with a positive sum to sum 1. */
  private void normalize() {
    java.util.Arrays.fill(sums, 0);
    for (int i = 0; i < n; i++) {
      int row = i * k;
      for (int c = 0; c < k; c++) {
        sums[c] += w[row + c];
      }
    }
    for (int c = 0; c < k; c++) {
      sums[c] = sums[c] > 0 && sums[c] < Double.POSITIVE_INFINITY ? target / sums[c] : 1;
    }
    for (int i = 0; i < n; i++) {
      int row = i * k;
      for (int c = 0; c < k; c++) {
        w[row + c] *= sums[c];
      }
    }
  }

  @Override
  public double loss() {
    return inner.loss();
  }
}

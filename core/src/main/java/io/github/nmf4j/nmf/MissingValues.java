package io.github.nmf4j.nmf;

/**
 * What a fit does with NaN entries of V ({@link Nmf.Builder#missingValues}).
 *
 * <p>With {@link #IGNORE}, a NaN entry of a dense V (or, for a {@link
 * io.github.nmf4j.linalg.SparseMatrix}, every entry that is not stored) is <em>unobserved</em>:
 * the fit minimizes the loss over the observed entries only, {@code sum_{(i,j) observed}
 * d(v_ij, (WH)_ij)}, the weighted NMF of Zhang, Wang, Ford and Makedon, "Learning from incomplete
 * ratings using non-negative matrix factorization", SIAM Data Mining 2006. With the penalties
 * ({@link Nmf.Builder#alphaW}, {@link Nmf.Builder#alphaH}) the fit minimizes that sum plus the
 * same penalty terms as a fit without missing values, scaled by V's whole shape. {@link
 * NmfModel#impute} then fills the unobserved entries with WH.
 *
 * <p>The setting is kept by the model ({@link NmfModel#settings()}) and applies to {@link
 * NmfModel#transform} as well: with {@code IGNORE}, NaN entries of new rows (a sparse x's
 * unstored entries) are unobserved, and each row's W minimizes the loss over its observed
 * entries plus the W penalties with H fixed; {@code inverseTransform(transform(x))} then
 * predicts the rest of the new rows. With {@code REJECT}, {@code transform} rejects NaN.
 */
public enum MissingValues {
  /**
   * The default: a NaN in V is an error ({@link IllegalArgumentException} naming its row and
   * column), as scikit-learn does; a sparse V's unstored entries are zeros.
   */
  REJECT,

  /**
   * NaN entries of a dense V, and the unstored entries of a sparse V, are unobserved and left out
   * of the loss, the convergence test, every update and the errors the model reports. Infinite
   * and negative values are still errors. A dense V without NaN is fitted exactly (bit for bit)
   * as with {@link #REJECT}, and a new x without NaN transformed so.
   */
  IGNORE
}

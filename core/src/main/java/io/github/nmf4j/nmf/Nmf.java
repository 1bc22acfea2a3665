package io.github.nmf4j.nmf;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;

/**
 * Non-negative matrix factorization: finds non-negative W ({@code n x k}) and H ({@code k x p})
 * with {@code V ~ WH} for a non-negative data matrix V ({@code n x p}, rows are samples).
 *
 * <pre>{@code
 * NmfModel model = Nmf.builder().rank(9).fit(v);
 * Matrix w = model.w();   // n x 9
 * Matrix h = model.h();   // 9 x p
 * }</pre>
 *
 * <p>An {@code Nmf} is an immutable, validated configuration, made by {@link #builder()}; it can
 * fit any number of matrices, from any number of threads at once.
 *
 * <p><b>Algorithm.</b> The {@link Builder#solver solver} updates H, then W, in each iteration:
 * by default the multiplicative updates of Lee and Seung (2001) for the Frobenius and
 * Kullback-Leibler losses and of Févotte and Idier (2011) for the other beta-divergences
 * ({@link Loss}); the formulas are on each {@link Solver} constant.
 *
 * <p>No loss increases from one iteration to the next. The guard {@code eps} of the updates'
 * denominators is {@link Builder#epsilon}; it applies to V scaled by a power of four so that
 * its largest value lies in {@code [1, 4)} (the scaling is exact and undone on the result, so
 * from a {@link Initialization#RANDOM} start {@code fit(4 V)} returns exactly twice the factors
 * of {@code fit(V)} when no penalty is set; the NNDSVD starts are not scale-free in this sense,
 * since their threshold, 1e-6, and NNDSVDA's fill, {@code mean(V)}, are in the caller's units,
 * as scikit-learn's).
 *
 * <p><b>Convergence</b>, as scikit-learn: every {@link Builder#checkEvery} iterations the loss is
 * computed and the fit stops when {@code (previous - current) / initial < tolerance}, where the
 * values compared are {@code ||V - WH||_F} (Frobenius) or {@code sqrt(2 D(V || WH))} (the
 * divergences). When the initial value is 0 (the start already reproduces V, as for V of zeros)
 * the first test stops the fit, converged; scikit-learn's test divides by that 0 and runs all
 * {@code maxIterations}. For {@link Solver#HALS} the initial value is capped at {@code ||V||}
 * (the error of {@code W = 0}): a start far worse than that (NNDSVDA at a high rank) made the
 * test stop HALS long before convergence; scikit-learn's cd tests its projected gradient
 * instead.
 *
 * <p><b>Determinism.</b> Every random value derives from {@link Builder#seed}; the same seed gives
 * bit-identical factors, losses and labels for any number of {@link Builder#threads threads}.
 *
 * <p><b>Progress.</b> The {@link Builder#listener listener} receives a {@link
 * io.github.nmf4j.estimator.Progress} after every iteration, with the loss (in the units of
 * {@link NmfModel#reconstructionError()}) every {@code checkEvery} iterations, and may cancel.
 */
public final class Nmf extends Estimator<NmfSettings> {

  private Nmf(NmfSettings settings, Builder builder) {
    super(settings, builder);
  }

  /** A builder with the defaults: see each method of {@link Builder}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Factors {@code v} ({@code n x p}, non-negative) into W and H. {@code v} is read in place,
   * never copied or modified.
   *
   * @throws IllegalArgumentException if {@code v} is null or empty or holds a negative or
   *     infinite value, or a NaN unless {@link Builder#missingValues} is {@link
   *     MissingValues#IGNORE} (the message names its row, column and value); if it holds a zero
   *     and the loss's beta is {@code <= 0} (see {@link Builder#betaLoss}; the message names its
   *     row and column); if every entry is NaN; if an NNDSVD
   *     initialization is chosen and {@code rank > min(n, p)}; or if the initial factors do not
   *     have the shapes {@code n x rank} and {@code rank x p}; or if {@code rank}
   *     is so large that W, H or a {@code rank x rank} product would not fit in a Java array
   * @throws java.util.concurrent.CancellationException if the listener cancelled the fit or the
   *     calling thread was interrupted (its interrupt flag stays set); no worker thread keeps
   *     running afterwards
   */
  public NmfModel fit(Matrix v) {
    return Parallel.using(executor().orElse(null), () -> Fitter.fit(this, v));
  }

  /**
   * Factors the sparse {@code v} ({@code n x p}, non-negative stored values) into dense W and H,
   * with every solver, loss and initialization of {@link #fit(Matrix)} and the same results up
   * to rounding, without ever forming V densely or WH: the products read V's stored entries
   * (and its transpose, built once), the KL terms are evaluated at the stored entries only (plus
   * {@code sum(WH) = (1'W)(H 1)}), the Frobenius loss comes from the trace identity, and the
   * NNDSVD starts from a randomized SVD through the sparse products. Memory beyond V is its
   * transpose, the factors and buffers of {@code k x p} and {@code n x k}.
   *
   * @throws IllegalArgumentException if {@code v} is null or empty or stores a negative value
   *     (the message names its row, column and value), and as {@link #fit(Matrix)}
   * @throws java.util.concurrent.CancellationException as {@link #fit(Matrix)}
   */
  public NmfModel fit(SparseMatrix v) {
    return Parallel.using(executor().orElse(null), () -> Fitter.fit(this, v));
  }

  /**
   * Collects and validates the settings of an {@link Nmf}. Each setter checks its argument at
   * once; {@link #build()} checks that they fit together. A builder is not thread-safe.
   *
   * <p>{@link #maxIterations}: the most iterations per restart, default 200. {@link
   * #tolerance}: of the convergence test {@code (previous - current) / initial < tolerance}
   * (see {@link Nmf}), default 1e-4; 0 runs all {@code maxIterations} iterations. {@link
   * #seed}: of every random value (the random starts, NNDSVDAR's fill), default 0.
   */
  public static final class Builder extends FactorizationBuilder<Builder> {

    private Solver solver = Solver.MULTIPLICATIVE_UPDATE;
    private int checkEvery = 10;
    private double epsilon = 1e-10;
    private int restarts = 1;
    private boolean normalizeColumnsOfW;
    private MissingValues missingValues = MissingValues.REJECT;

    private Builder() {
      super(200, 1e-4);
    }

    private Builder(Nmf nmf) {
      this();
      NmfSettings s = nmf.settings();
      copyFactorization(s, nmf);
      solver = s.solver();
      checkEvery = s.checkEvery();
      epsilon = s.epsilon();
      restarts = s.restarts();
      normalizeColumnsOfW = s.normalizeColumnsOfW();
      missingValues = s.missingValues();
    }

    /**
     * The solver; default {@link Solver#MULTIPLICATIVE_UPDATE}.
     *
     * @throws IllegalArgumentException if {@code solver} is null
     */
    public Builder solver(Solver solver) {
      this.solver = Arguments.requireNonNull(solver, "solver");
      return this;
    }

    /**
     * How many iterations between loss evaluations (convergence tests, {@link
     * NmfModel#lossHistory()} entries); default 10.
     *
     * @throws IllegalArgumentException if {@code checkEvery < 1}
     */
    public Builder checkEvery(int checkEvery) {
      this.checkEvery = Arguments.requireAtLeast(checkEvery, 1, "checkEvery");
      return this;
    }

    /**
     * The guard added to every denominator of an update (on V scaled to a maximum in
     * {@code [1, 4)}); default 1e-10.
     *
     * @throws IllegalArgumentException if {@code epsilon} is not finite and {@code > 0}
     */
    public Builder epsilon(double epsilon) {
      this.epsilon = Arguments.requireFinitePositive(epsilon, "epsilon");
      return this;
    }

    /**
     * Runs this many fits from different random starts and keeps the one with the lowest final
     * loss; default 1. Only random starts ({@link Initialization#RANDOM}, {@link
     * Initialization#NNDSVDAR}) differ; with the other initializations one fit is run.
     *
     * @throws IllegalArgumentException if {@code restarts < 1}
     */
    public Builder restarts(int restarts) {
      this.restarts = Arguments.requireAtLeast(restarts, 1, "restarts");
      return this;
    }

    /**
     * The variant of Lee and Seung, "Learning the parts of objects by non-negative matrix
     * factorization", Nature 401 (1999): after each W update of the Kullback-Leibler
     * multiplicative update, every column of W is divided by its sum, {@code W[:,c] <- W[:,c] /
     * sum_i W[i,c]}, so the columns of the returned W sum to 1 (H is not rescaled; the next H
     * update, whose denominator {@code W'1} is then 1, absorbs the scale). Default off. It needs
     * {@link Loss#KULLBACK_LEIBLER} and {@link Solver#MULTIPLICATIVE_UPDATE} ({@link #build()}
     * checks); {@code transform} keeps H fixed and does not normalize.
     */
    public Builder normalizeColumnsOfW(boolean normalize) {
      this.normalizeColumnsOfW = normalize;
      return this;
    }
    /**
     * What a fit does with NaN entries of V; default {@link MissingValues#REJECT} (an error).
     * With {@link MissingValues#IGNORE} a NaN entry of a dense V, and every unstored entry of a
     * {@link SparseMatrix}, is unobserved: every solver and loss then minimizes the loss over
     * the observed entries only (weighted multiplicative updates, HALS on the masked residual);
     * the initialization runs on a copy of V whose NaN entries are filled with the mean of the
     * observed entries of their column (a sparse V is used as it is); the convergence test,
     * {@link NmfModel#reconstructionError()} and {@link NmfModel#relativeError()} are over the
     * observed entries. The penalties ({@link #alphaW}, {@link #alphaH}, {@link #l1Ratio}) are
     * supported: the fit minimizes the data term over the observed entries plus the same
     * penalty terms as without missing values, still scaled by V's whole shape (p columns for
     * W's, n rows for H's); an L2 penalty keeps a low-rank fit from predicting wild values at
     * the unobserved entries. A row (column) of V with no observed entry gets a zero (for HALS:
     * a floor of about {@code 1e-16} times the data's scale, or 0 for a factor with an L1
     * penalty) row of W (column of H), so {@link NmfModel#impute} predicts about 0 there. A
     * dense V without NaN is fitted exactly as with {@code REJECT}, penalties included. The
     * model's {@link NmfModel#transform} then reads NaN entries of new rows as unobserved too
     * (the fold-in of a new user with a few ratings); with {@code REJECT} it rejects NaN.
     *
     * @throws IllegalArgumentException if {@code missingValues} is null
     */
    public Builder missingValues(MissingValues missingValues) {
      this.missingValues = Arguments.requireNonNull(missingValues, "missingValues");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException if no rank was set and no initial factors were given
     * @throws IllegalArgumentException if the rank differs from the initial factors' rank, if
     *     the solver is {@link Solver#HALS} and the loss is not {@link Loss#FROBENIUS}, or if
     *     {@link #normalizeColumnsOfW} is set without the Kullback-Leibler loss and the
     *     multiplicative update, with a penalty ({@link #alphaW}, {@link #alphaH}) or with
     *     {@link MissingValues#IGNORE}; or if a loss other than Frobenius and Kullback-Leibler
     *     is set with {@link MissingValues#IGNORE}
     */
    public Nmf build() {
      NmfSettings settings = new NmfSettings(resolvedRank(), lossValue(), solver,
          initializationValue(), initialWValue(), initialHValue(), maxIterationsValue(),
          toleranceValue(), checkEvery, epsilon, seedValue(), restarts, threadCount(),
          normalizeColumnsOfW, alphaWValue(), alphaHValue(), l1RatioValue(), betaValue(),
          missingValues);
      NmfChecks.combination(settings);
      return new Nmf(settings, this);
    }

    /**
     * {@link #build()} with rank {@code k}, leaving this builder as it was: how {@link
     * RankSelection} and {@link Consensus} read a template that may have no rank.
     */
    Nmf buildWithRank(int k) {
      Integer saved = rankOrNull();
      rank(k);
      try {
        return build();
      } finally {
        restoreRank(saved);
      }
    }

    /**
     * {@code build().fit(v)}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link #build()} and {@link Nmf#fit}
     * @throws java.util.concurrent.CancellationException as {@link Nmf#fit}
     */
    public NmfModel fit(Matrix v) {
      return build().fit(v);
    }

    /**
     * {@code build().fit(v)} for a sparse {@code v}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link #build()} and {@link Nmf#fit(SparseMatrix)}
     * @throws java.util.concurrent.CancellationException as {@link Nmf#fit(SparseMatrix)}
     */
    public NmfModel fit(SparseMatrix v) {
      return build().fit(v);
    }
  }
}

package io.github.nmf4j.nmf;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;

/**
 * Mini-batch NMF, scikit-learn 1.2's {@code MiniBatchNMF}: the online multiplicative updates of
 * Lefèvre, Bach and Févotte ("Online algorithms for nonnegative matrix factorization with the
 * Itakura-Saito divergence", WASPAA 2011), for data too large for the full updates or arriving
 * in pieces.
 *
 * <pre>{@code
 * NmfModel model = MiniBatchNmf.builder().rank(20).batchSize(1024).fit(v);
 * }</pre>
 *
 * <p><b>Algorithm.</b> V's rows are taken in consecutive batches of {@link Builder#batchSize}
 * rows, in order and cyclically (scikit-learn's {@code gen_batches}), {@link
 * Builder#maxIterations} passes at most. For each batch {@code X_b}, with its rows of W: one
 * multiplicative update of {@code W_b} for the fixed H (or, with {@link Builder#freshRestarts},
 * W solved from scratch), then H from running sums, {@code A <- rho A + H .* N(X_b, W_b, H)},
 * {@code B <- rho B + D(X_b, W_b, H)}, {@code H <- A ./ B} (N and D the numerator and
 * denominator of H's multiplicative update for the loss, the penalties in D; with the exponent
 * gamma of {@link Nmf.Builder#betaLoss} for beta outside [1, 2]); {@code rho =
 * forgetFactor^(batchSize / n)}, so statistics older than a pass weigh {@code forgetFactor}.
 * A starts as the initial H and B as ones. The fit stops when H's relative change in a step is at
 * most {@link Builder#tolerance}, or when the exponentially smoothed batch cost has not reached
 * a new low for {@link Builder#maxNoImprovement} steps. With fresh restarts W is then solved for
 * all rows with H fixed. From the same start the factors are scikit-learn's (a test checks them
 * to 1e-8).
 *
 * <p><b>The model.</b> {@link #fit} returns an {@link NmfModel}: W for every row (scikit-learn's
 * {@code fit_transform}), H, {@link NmfModel#reconstructionError()} in {@link Nmf}'s units
 * (Frobenius {@code ||V - WH||_F}, Kullback-Leibler {@code D}, the others {@code sqrt(2 D)}),
 * {@link NmfModel#iterations()} the passes started, and {@link NmfModel#lossHistory()} the
 * smoothed batch cost at the end of each pass. Its {@link NmfModel#transform} is scikit-learn's
 * {@code MiniBatchNMF.transform}: W from {@code sqrt(mean(X) / k)}, updated with H fixed until
 * {@code ||W - W_prev||_F / ||W||_F <= tolerance} (checked after every update) or {@link
 * Builder#transformMaxIterations} updates.
 *
 * <p><b>Huge and tiny values.</b> The arithmetic is scikit-learn's on V as given, for ordinary
 * data exactly (its fixtures are matched to 1e-8). When V's largest value is beyond what it
 * survives (about {@code 2^±400}, 1e±120, for beta in [0, 2]; less for larger {@code |beta|};
 * its squares overflow near 1e154), the fit runs on the copy {@code V / 4^m} whose largest
 * value is in {@code [1, 4)} and returns its factors times {@code 2^m}, exactly (scaling by a
 * power of two loses nothing), with the penalties' weights converted as {@link Nmf} converts
 * them (exactly for integer beta, within rounding otherwise) and the errors and costs in the
 * caller's units. So for {@code V} with its largest value in {@code [1, 4)}, {@code fit(V *
 * 2^600)} returns exactly {@code 2^300} times the factors of {@code fit(V)} when no penalty is
 * set, where scikit-learn's arithmetic returns NaN; likewise {@code fit(V * 2^-600)}. A cost
 * beyond the double range (the Frobenius batch cost of values above about 1e154) is reported
 * as infinite. (Unlike {@link Nmf}'s, the updates themselves are not scale-equivariant: for
 * ordinary data {@code fit(4 V)} is not exactly twice {@code fit(V)}.) The scaled fit holds a
 * copy of V.
 *
 * <p><b>Data arriving in pieces.</b> {@link Builder#start(int)} returns an {@link OnlineNmf}
 * whose {@link OnlineNmf#partialFit} takes one batch at a time (scikit-learn's {@code
 * partial_fit}).
 *
 * <p><b>Progress and determinism.</b> The listener receives a {@link
 * io.github.nmf4j.estimator.Progress} after every batch step, with the step's batch cost as the
 * loss and H's relative change; the same seed gives bit-identical results for any number of
 * threads (rows are split into fixed chunks whose sums are added in order).
 */
public final class MiniBatchNmf extends Estimator<MiniBatchNmfSettings> {

  private MiniBatchNmf(MiniBatchNmfSettings settings, Builder builder) {
    super(settings, builder);
  }

  /** A builder with scikit-learn's defaults: see each method of {@link Builder}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Factors {@code v} ({@code n x p}, non-negative, read in place and never modified).
   *
   * @throws IllegalArgumentException if {@code v} is null or empty or holds a negative, NaN or
   *     infinite value, or a zero with a beta {@code <= 0} (the message names its row and
   *     column); if an NNDSVD start is chosen with {@code rank > min(n, p)}; or if the initial
   *     factors do not have the shapes {@code n x rank} and {@code rank x p}; or if {@code rank}
   *     is so large that W, H or a {@code rank x rank} product would not fit in a Java array
   * @throws java.util.concurrent.CancellationException if the listener cancelled the fit or the
   *     calling thread was interrupted
   */
  public NmfModel fit(Matrix v) {
    return Parallel.using(executor().orElse(null), () -> MiniBatchFitter.fit(this, v));
  }

  /**
   * Factors the sparse {@code v} from its stored entries, never made dense (scikit-learn's
   * {@code MiniBatchNMF} on CSR input): the products with the factors read the stored entries,
   * the divergence is computed at them (plus its terms over the whole model, as scikit-learn);
   * the result is the dense fit's up to rounding. Only a loss other than Frobenius and
   * Kullback-Leibler forms {@code W_b H} densely, one block of {@link MiniBatchKernels#BLOCK}
   * rows per thread at a time.
   *
   * @throws IllegalArgumentException as {@link #fit(Matrix)}; a zero with a beta {@code <= 0}
   *     may be an unstored entry
   * @throws java.util.concurrent.CancellationException as {@link #fit(Matrix)}
   */
  public NmfModel fit(SparseMatrix v) {
    return Parallel.using(executor().orElse(null), () -> MiniBatchFitter.fit(this, v));
  }

  /**
   * Collects and validates the settings of a {@link MiniBatchNmf}; each setter checks its
   * argument at once. A builder is not thread-safe.
   *
   * <p>{@link #maxIterations}: the most passes over the data, default 200. {@link #tolerance}:
   * the fit stops when {@code ||H - H_previous||_F / ||H||_F <= tolerance} after a step,
   * default 1e-4, 0 disables the test; also the tolerance of the W solves of fresh restarts.
   * {@link #seed}: of the random starts, default 0. The rank, loss, start and penalties are set
   * as for {@link Nmf.Builder}, with these differences: {@link #initialization} runs on the
   * whole V for {@link #fit} and on the first batch for an {@link OnlineNmf}, which uses only H0
   * of {@link #initialFactors}; the penalties' scales ({@link #alphaW}) are taken from each
   * batch's rows.
   */
  public static final class Builder extends FactorizationBuilder<Builder> {

    private int batchSize = 1024;
    private double forgetFactor = 0.7;
    private int maxNoImprovement = 10;
    private boolean freshRestarts;
    private int freshRestartsMaxIterations = 30;
    /** 0: the same as maxIterations (scikit-learn's None). */
    private int transformMaxIterations;

    private Builder() {
      super(200, 1e-4);
    }

    private Builder(MiniBatchNmf m) {
      this();
      MiniBatchNmfSettings s = m.settings();
      copyFactorization(s, m);
      batchSize = s.batchSize();
      forgetFactor = s.forgetFactor();
      maxNoImprovement = s.maxNoImprovement();
      freshRestarts = s.freshRestarts();
      freshRestartsMaxIterations = s.freshRestartsMaxIterations();
      transformMaxIterations = s.transformMaxIterations() == s.maxIterations() ? 0
          : s.transformMaxIterations();
    }

    /**
     * The rows per mini-batch; default 1024 (at most the number of rows is used).
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = Arguments.requireAtLeast(batchSize, 1, "batchSize");
      return this;
    }

    /**
     * How much the statistics of the past weigh after a whole pass over the data; default 0.7.
     * Each batch multiplies them by {@code forgetFactor^(batchSize / n)}; an {@link OnlineNmf}
     * by {@code forgetFactor} (scikit-learn's {@code partial_fit}).
     *
     * @throws IllegalArgumentException if {@code forgetFactor} is negative, NaN or infinite
     */
    public Builder forgetFactor(double forgetFactor) {
      this.forgetFactor = Arguments.requireFiniteNonNegative(forgetFactor, "forgetFactor");
      return this;
    }

    /**
     * The fit stops after this many consecutive steps without a new lowest smoothed batch cost;
     * default 10; 0 disables the test (scikit-learn's {@code None}).
     *
     * @throws IllegalArgumentException if {@code maxNoImprovement < 0}
     */
    public Builder maxNoImprovement(int maxNoImprovement) {
      this.maxNoImprovement = Arguments.requireAtLeast(maxNoImprovement, 0,
          "maxNoImprovement");
      return this;
    }

    /**
     * Whether each step solves the batch's W from scratch ({@link
     * #freshRestartsMaxIterations} updates at most) instead of updating it once; default
     * false. Slower per step, often better per pass.
     */
    public Builder freshRestarts(boolean freshRestarts) {
      this.freshRestarts = freshRestarts;
      return this;
    }

    /**
     * The most W updates of a fresh restart (and of each {@link OnlineNmf#partialFit}); default
     * 30.
     *
     * @throws IllegalArgumentException if {@code maxIterations < 1}
     */
    public Builder freshRestartsMaxIterations(int maxIterations) {
      this.freshRestartsMaxIterations =
          Arguments.requireAtLeast(maxIterations, 1, "freshRestartsMaxIterations");
      return this;
    }

    /**
     * The most W updates of the final solve with fresh restarts and of the model's {@code
     * transform}; default: {@link #maxIterations}. As with {@code alphaH}'s default, a copy
     * from {@code toBuilder()} of an estimator whose two limits are equal keeps them equal: a
     * later {@link #maxIterations} moves both (settings record values, not which were set).
     *
     * @throws IllegalArgumentException if {@code maxIterations < 1}
     */
    public Builder transformMaxIterations(int maxIterations) {
      this.transformMaxIterations =
          Arguments.requireAtLeast(maxIterations, 1, "transformMaxIterations");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException if no rank was set and no initial factors were given
     * @throws IllegalArgumentException if the rank differs from the initial factors' rank
     */
    public MiniBatchNmf build() {
      MiniBatchNmfSettings s = new MiniBatchNmfSettings(resolvedRank(), lossValue(), betaValue(),
          batchSize, forgetFactor, maxIterationsValue(), toleranceValue(), maxNoImprovement,
          freshRestarts, freshRestartsMaxIterations,
          transformMaxIterations == 0 ? maxIterationsValue() : transformMaxIterations,
          alphaWValue(), alphaHValue(), l1RatioValue(), initializationValue(), initialWValue(),
          initialHValue(), seedValue(), threadCount());
      return new MiniBatchNmf(s, this);
    }

    /**
     * {@code build().fit(v)}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link #build()} and {@link MiniBatchNmf#fit}
     */
    public NmfModel fit(Matrix v) {
      return build().fit(v);
    }

    /**
     * {@code build().fit(v)} for a sparse {@code v}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link #build()} and {@link MiniBatchNmf#fit}
     */
    public NmfModel fit(SparseMatrix v) {
      return build().fit(v);
    }

    /**
     * An online fit of data with {@code features} columns whose rows arrive in batches: see
     * {@link OnlineNmf}. It takes the threads and executor of this builder, not its listener:
     * each {@link OnlineNmf#partialFit} is one step, cancelled by interrupting its thread.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link #build()}, or if {@code features < 1} or the
     *     initial H does not have {@code features} columns
     */
    public OnlineNmf start(int features) {
      Arguments.requireAtLeast(features, 1, "features");
      return new OnlineNmf(build(), features);
    }
  }
}

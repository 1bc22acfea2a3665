package io.github.nmf4j.nmf;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.IterativeBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;

/**
 * What the builders of {@link Nmf} and {@link MiniBatchNmf} share: the rank, the loss, the start
 * (an initialization rule or initial factors) and the elastic-net penalties, each set and checked
 * the same way, with one Javadoc. Each builder's class comment says where its estimator uses them
 * differently.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
abstract class FactorizationBuilder<B extends FactorizationBuilder<B>> extends IterativeBuilder<B> {

  /** Not set (null) unless given; {@code build()} takes it from the initial factors then. */
  private Integer rank;
  private Loss loss = Loss.FROBENIUS;
  private double beta = 2;
  /** Not set (null): the default rule, or the initial factors when they are given. */
  private Initialization initialization;
  private Matrix initialW;
  private Matrix initialH;
  private double alphaW;
  /** NaN: the same as {@link #alphaW} (scikit-learn's {@code alpha_H="same"}). */
  private double alphaH = Double.NaN;
  private double l1Ratio;

  FactorizationBuilder(int maxIterations, double tolerance) {
    super(maxIterations, tolerance);
  }

  /**
   * The number of components k (required unless {@link #initialFactors} gives it).
   *
   * @throws IllegalArgumentException if {@code rank < 1}
   */
  public final B rank(int rank) {
    this.rank = Arguments.requireAtLeast(rank, 1, "rank");
    return self();
  }

  /**
   * The loss to minimize; default {@link Loss#FROBENIUS}. For the beta-divergence of another
   * beta use {@link #betaLoss(double)}.
   *
   * @throws IllegalArgumentException if {@code loss} is null or {@link Loss#BETA_DIVERGENCE}
   *     (whose beta only {@link #betaLoss(double)} sets)
   */
  public final B loss(Loss loss) {
    Arguments.requireNonNull(loss, "loss");
    if (loss == Loss.BETA_DIVERGENCE) {
      throw new IllegalArgumentException("loss BETA_DIVERGENCE needs its beta: use "
          + "betaLoss(double) instead of loss(Loss)");
    }
    this.loss = loss;
    this.beta = loss.beta();
    return self();
  }

  /**
   * The beta-divergence to minimize, scikit-learn's {@code beta_loss}, for any real beta: 2 is
   * {@link Loss#FROBENIUS}, 1 {@link Loss#KULLBACK_LEIBLER}, 0 {@link Loss#ITAKURA_SAITO};
   * any other value is {@link Loss#BETA_DIVERGENCE} with that beta. The multiplicative updates
   * of Févotte and Idier (2011) for beta outside {@code [1, 2]} raise the update's ratio to the
   * power {@code gamma = 1 / (2 - beta)} (beta {@code < 1}) or {@code 1 / (beta - 1)} (beta
   * {@code > 2}), which makes the divergence never increase (scikit-learn's rule). Beta {@code
   * <= 0} needs a V without zeros (a fit rejects one, naming its row and column); only {@link
   * Solver#MULTIPLICATIVE_UPDATE} minimizes a loss other than Frobenius. Very large {@code
   * |beta|} overflows the powers of WH, as in scikit-learn.
   *
   * @throws IllegalArgumentException if {@code beta} is NaN or infinite
   */
  public final B betaLoss(double beta) {
    if (!Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be finite, was " + beta);
    }
    this.loss = Loss.ofBeta(beta);
    this.beta = beta == 0 ? 0 : beta;
    return self();
  }

  /**
   * How to choose the initial factors; replaces any {@link #initialFactors}. Default: {@link
   * Initialization#NNDSVDA} when {@code rank <= min(n, p)}, else {@link Initialization#RANDOM}.
   *
   * @throws IllegalArgumentException if {@code initialization} is null
   */
  public final B initialization(Initialization initialization) {
    this.initialization = Arguments.requireNonNull(initialization, "initialization");
    this.initialW = null;
    this.initialH = null;
    return self();
  }

  /**
   * Starts every fit from the given factors, W0 ({@code n x k}) and H0 ({@code k x p}), on the
   * scale of the data (W0 H0 ~ V); replaces any {@link #initialization}. Their shapes are
   * checked against V when fitting. With a zero in W0 or H0 that entry stays zero, as
   * multiplicative updates never move away from zero.
   *
   * @throws IllegalArgumentException if either is null or empty, if W0's column count differs
   *     from H0's row count, or if either holds a negative, NaN or infinite value (the message
   *     names its row, column and value)
   */
  public final B initialFactors(Matrix w0, Matrix h0) {
    NmfChecks.initialFactors(w0, h0);
    this.initialW = w0;
    this.initialH = h0;
    this.initialization = null;
    return self();
  }

  /**
   * The weight {@code alpha_W} of the elastic-net penalty on W, with scikit-learn 1.2's
   * meaning; default 0 (none). The fit minimizes
   * <pre>
   *   D(V || WH) + p alphaW (l1Ratio sum(W) + (1 - l1Ratio) / 2 ||W||_F^2)
   *              + n alphaH (l1Ratio sum(H) + (1 - l1Ratio) / 2 ||H||_F^2)
   * </pre>
   * for V of n rows (samples) and p columns (features), where D is half the squared
   * Frobenius distance or the divergence of the loss: W's penalty is scaled by the number of
   * features and H's by the number of samples, which keeps their effect about independent of
   * the data's size. The L1 part drives entries of the factor towards zero (sparse factors),
   * the L2 part keeps them small. Every solver and loss minimizes the penalized objective,
   * and {@link NmfModel#transform} applies W's penalty; {@link NmfModel#reconstructionError()},
   * the listener's loss and the convergence test use the data term D alone, as scikit-learn.
   * With HALS and an L1 part, entries of a penalized factor may reach exactly 0 (without an
   * L1 part HALS keeps them at a tiny positive floor). With {@code Nmf}'s {@link
   * MissingValues#IGNORE}, D runs over the observed entries and n and p stay V's whole shape.
   *
   * @throws IllegalArgumentException if {@code alphaW} is negative, NaN or infinite
   */
  public final B alphaW(double alphaW) {
    this.alphaW = Arguments.requireFiniteNonNegative(alphaW, "alphaW");
    return self();
  }

  /**
   * The weight {@code alpha_H} of the penalty on H (see {@link #alphaW}); default: the same
   * as {@code alphaW} (scikit-learn's {@code alpha_H="same"}), so {@code alphaW(a)} alone
   * penalizes both factors; {@code alphaH(0)} leaves H unpenalized.
   *
   * @throws IllegalArgumentException if {@code alphaH} is negative, NaN or infinite
   */
  public final B alphaH(double alphaH) {
    this.alphaH = Arguments.requireFiniteNonNegative(alphaH, "alphaH");
    return self();
  }

  /**
   * The share of the L1 part in the penalties of {@link #alphaW} and {@link #alphaH}: 0 (the
   * default) gives the L2 penalty alone, 1 the L1 penalty alone.
   *
   * @throws IllegalArgumentException if {@code l1Ratio} is NaN or outside {@code [0, 1]}
   */
  public final B l1Ratio(double l1Ratio) {
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio must be in [0, 1], was " + l1Ratio);
    }
    this.l1Ratio = l1Ratio;
    return self();
  }

  /**
   * Takes every value this class and its bases hold, for {@code toBuilder()}: the rank, loss,
   * start, penalties, iteration limit, tolerance, seed and threads from the fit's settings
   * {@code s}, the executor and listener from {@code estimator}. Equal penalty weights keep
   * scikit-learn's {@code alpha_H="same"}: a later {@code alphaW(a)} moves both.
   */
  final void copyFactorization(FactorizationSettings s, Estimator<?> estimator) {
    this.rank = s.rank();
    this.loss = s.loss();
    this.beta = s.beta();
    this.initialization = s.initialization().orElse(null);
    this.initialW = s.initialW().orElse(null);
    this.initialH = s.initialH().orElse(null);
    this.alphaW = s.alphaW();
    this.alphaH = s.alphaH() == s.alphaW() ? Double.NaN : s.alphaH();
    this.l1Ratio = s.l1Ratio();
    maxIterations(s.maxIterations()).tolerance(s.tolerance()).seed(s.seed());
    runAs(s.threads(), estimator);
  }

  /** The rank set, or the initial factors' ({@link NmfChecks#rank}). */
  final int resolvedRank() {
    return NmfChecks.rank(rank, initialW, initialH);
  }

  /** The rank as set (null: not set), for {@link Nmf.Builder#buildWithRank}. */
  final Integer rankOrNull() {
    return rank;
  }

  /** Sets the rank field back to {@code rank}, null included. */
  final void restoreRank(Integer rank) {
    this.rank = rank;
  }

  final Loss lossValue() {
    return loss;
  }

  final double betaValue() {
    return beta;
  }

  final Optional<Initialization> initializationValue() {
    return Optional.ofNullable(initialization);
  }

  final Optional<Matrix> initialWValue() {
    return Optional.ofNullable(initialW);
  }

  final Optional<Matrix> initialHValue() {
    return Optional.ofNullable(initialH);
  }

  final double alphaWValue() {
    return alphaW;
  }

  /** H's weight: {@link #alphaW}'s unless set. */
  final double alphaHValue() {
    return Double.isNaN(alphaH) ? alphaW : alphaH;
  }

  final double l1RatioValue() {
    return l1Ratio;
  }
}

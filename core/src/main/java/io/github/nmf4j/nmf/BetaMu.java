package io.github.nmf4j.nmf;

import java.util.Arrays;

/**
 * The multiplicative updates for the beta-divergence {@code D_beta(V || WH)} (Févotte and Idier,
 * "Algorithms for nonnegative matrix factorization with the beta-divergence", Neural Computation
 * 23(9), 2011) for a beta other than 1 and 2 (those have their own rules): Itakura-Saito (beta
 * 0) and any other real beta, as scikit-learn 1.2's {@code _multiplicative_update_w/h}. With
 * {@code Y = WH + eps}, H first:
 * <pre>
 *   H <- H .* ((W' (V .* Y^(beta-2))) ./ (W' Y^(beta-1) + l1H + l2H H + eps))^gamma
 *   W <- W .* (((V .* Y^(beta-2)) H') ./ (Y^(beta-1) H' + l1W + l2W W + eps))^gamma
 * </pre>
 * with {@code gamma = 1 / (2 - beta)} for beta {@code < 1}, {@code 1 / (beta - 1)} for beta
 * {@code > 2} and 1 in between, which makes each update a majorization-minimization step: the
 * divergence (plus the penalties) never increases. The penalties are {@link Penalties}'.
 *
 * <p>One pass over V in blocks of rows per iteration, as {@link KullbackLeiblerMu}: for each
 * block, with the new H, form {@code W_b H}, the terms {@code A_b = V_b .* Y_b^(beta-2)} and
 * {@code B_b = Y_b^(beta-1)}, and update the block's rows of W from {@code A_b H'} and {@code B_b
 * H'}; then with the new {@code W_b} form {@code W_b H} again and add {@code W_b' A_b} and {@code
 * W_b' B_b} to the chunk's sums for the next H update. Six {@code 2npk} products per iteration
 * (as scikit-learn's), V read once, WH never held whole ({@link BetaProducts}; a sparse V forms A
 * at its stored entries). The loss, when asked, costs the divergence's element-wise terms
 * inside the same pass.
 *
 * <p>The guard {@code eps} is added to WH and to the denominators (scikit-learn replaces exact
 * zeros by float32 epsilon), and nothing is clamped (scikit-learn sets entries below 2.2e-16 to
 * 0 for beta {@code < 1}); neither makes a difference unless factors reach such values. {@link
 * #loss()} is {@code D_beta(V_s || WH)} in stored units.
 */
final class BetaMu extends PassRule {

  /** Fit: H and W, sums carried between iterations; transform: W alone. */
  static final UpdateRule.Factory FACTORY = UpdateRule.Factory.of(BetaMu::new);

  private final ScaledData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  private final double gamma;
  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  private final Penalties.MuGuards guards;
  private final boolean updateH;
  private final RowBlocks blocks;
  private final BetaProducts products;
  /** {@code W'A} and {@code W'B} for the current factors: the next H update's. */
  private final double[] numerator;
  private final double[] denominator;
  private final double[] divergences;

  private BetaMu(Problem problem, Factors start, boolean updateH) {
    this.data = problem.data();
    this.w = start.w;
    this.h = start.h;
    this.k = start.rank;
    double beta = problem.settings().beta();
    double eps = problem.epsilon();
    this.gamma = BetaKernels.gamma(beta);
    guards = Penalties.of(problem).muGuards(eps);
    this.updateH = updateH;
    this.blocks = data.rowBlocks(k, problem.par());
    this.products = data.betaProducts(blocks, k, beta, eps);
    numerator = new double[updateH ? k * data.p : 0];
    denominator = new double[updateH ? k * data.p : 0];
    divergences = new double[blocks.chunks];
    pass(false, updateH, true);
  }

  /**
   * {@code D_beta(V_s || WH)} of {@code factors} in stored units, exactly as the rule computes
   * its loss (one pass over V): the final error of a fit.
   */
  static double divergence(Problem problem, Factors factors) {
    return new BetaMu(problem, factors, false).loss;
  }

  /**
   * Rejects a zero in V when the loss's beta is {@code <= 0}, as scikit-learn does: the
   * divergence and its updates divide by V's entries' model where V is 0, and the fit may
   * diverge.
   *
   * @throws IllegalArgumentException naming the first zero's row and column (row-major order)
   */
  static void requirePositiveIfNeeded(NmfSettings settings, ScaledData data, String name) {
    if (settings.beta() > 0) {
      return;
    }
    long zero = data.firstZero();
    if (zero >= 0) {
      throw new IllegalArgumentException("zero at row " + zero / data.p + ", column "
          + zero % data.p + " of " + name + ": the " + describe(settings)
          + " needs positive values (with beta <= 0 the fit may diverge where V is 0, as "
          + "scikit-learn warns); add a small positive value to V, or use a beta > 0");
    }
  }

  private static String describe(NmfSettings settings) {
    return settings.loss() == Loss.ITAKURA_SAITO ? "Itakura-Saito loss (beta = 0)"
        : "beta-divergence with beta = " + settings.beta();
  }

  @Override
  public void iterate() {
    if (updateH) {
      BetaKernels.step(h, numerator, denominator, guards.h(), guards.l2H(), gamma, h.length);
    }
    pass(true, updateH, lossRequested);
    lossRequested = false;
  }

  @Override
  void pass(boolean updateW, boolean nextH, boolean withLoss) {
    Arrays.fill(divergences, 0);
    products.clearSums();
    products.useH(h);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      int len = rows * k;
      System.arraycopy(w, row0 * k, ws.w, 0, len);
      if (updateW) {
        products.wTerms(row0, rows, ws, ws.rowsByK, ws.rowsByK2);
        BetaKernels.step(ws.w, ws.rowsByK, ws.rowsByK2, guards.w(), guards.l2W(), gamma, len);
        System.arraycopy(ws.w, 0, w, row0 * k, len);
      }
      if (nextH || withLoss) {
        divergences[c] += products.hTerms(c, row0, rows, ws, withLoss, nextH);
      }
    });
    if (nextH) {
      products.sums(numerator, denominator);
    }
    loss = withLoss
        ? products.divergence(MuKernels.sumInOrder(divergences, blocks.chunks)) : Double.NaN;
  }
}

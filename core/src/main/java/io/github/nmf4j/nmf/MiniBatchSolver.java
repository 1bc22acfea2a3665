package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The arithmetic of scikit-learn 1.2's {@code MiniBatchNMF} on raw (unscaled) row-major
 * {@code double[]} (V itself, or for values beyond what it survives a copy scaled by a power of
 * four, with the penalties' weights converted: see {@link MiniBatchScale}): one mini-batch step
 * ({@code _minibatch_step}: W's rows of the batch, the batch's cost, H's online update from the
 * running sums A and B), the W-only solve ({@code
 * _solve_W}) and the final errors. The updates are Févotte and Idier's multiplicative updates
 * for the beta-divergence, with scikit-learn's guards (a zero in WH or a denominator becomes
 * float32's epsilon; for beta below 1 entries of W, and for beta up to 1 entries of H, below
 * double's epsilon become 0), so that from the same start the factors are scikit-learn's.
 *
 * <p>A batch is processed in blocks of {@link MiniBatchKernels#BLOCK} rows fixed by the shapes
 * (the products of a block on {@code Gemm}, see {@link MiniBatchKernels}); each block writes its
 * share of {@code W'R} and {@code W'Q} (or {@code W'X} and {@code W'W} for Frobenius) to its own
 * slot and the slots are added in order, so results do not depend on the thread count. Nothing
 * of size {@code batch x p} is held beyond one block per thread.
 */
final class MiniBatchSolver {

  private static final int BLOCK = MiniBatchKernels.BLOCK;
  /** {@code np.finfo(np.float64).eps}, scikit-learn's clamp of small factors for beta < 1. */
  private static final double DOUBLE_EPS = Math.ulp(1.0);

  private final int p;
  private final int k;
  private final double beta;
  private final double gamma;
  private final double alphaW;
  private final double alphaH;
  private final double l1Ratio;
  /** The factors of the L1 and L2 weights for scaled data ({@link MiniBatchScale}); 1 for V. */
  private final double l1Unit;
  private final double l2Unit;
  private final Parallel par;
  private final MiniBatchKernels kernels;
  /** Per-block sums of one batch, {@code maxBlocks x k x p} each, and per-block scalars. */
  private final double[][] numerators;
  private final double[][] denominators;
  private final double[][] wColumnSums;
  private final double[] blockValues;
  private final double[] blockValues2;
  /** The denominator of the H update, {@code k x p}. */
  private final double[] hDenominator;
  /** Frobenius W-only solve: {@code X H'} of its rows ({@code rows x k}), formed once. */
  private double[] xht = new double[0];
  private final ConcurrentLinkedQueue<MiniBatchBlock> scratch =
      new ConcurrentLinkedQueue<>();

  MiniBatchSolver(int p, int k, double beta, double alphaW, double alphaH, double l1Ratio,
      MiniBatchScale scale, int maxBatchRows, Parallel par) {
    this.p = p;
    this.k = k;
    this.beta = beta;
    this.gamma = BetaKernels.gamma(beta);
    this.alphaW = alphaW;
    this.alphaH = alphaH;
    this.l1Ratio = l1Ratio;
    this.l1Unit = scale.l1Unit;
    this.l2Unit = scale.l2Unit;
    this.par = par;
    int blocks = (maxBatchRows + BLOCK - 1) / BLOCK;
    numerators = new double[blocks][k * p];
    denominators = new double[blocks][beta == 2 ? k * k : beta == 1 ? 0 : k * p];
    wColumnSums = new double[blocks][k];
    blockValues = new double[Math.max(blocks, 1)];
    blockValues2 = new double[Math.max(blocks, 1)];
    this.kernels = new MiniBatchKernels(p, k, beta);
    hDenominator = new double[k * p];
  }

  /**
   * One step on the {@code rows} rows of {@code x} from {@code row0} with their W at {@code
   * w[wOff ..]} ({@code fresh}: solved from scratch first, as a fresh restart or a partial fit
   * does; else one update from its current value), then H's online update with the running sums
   * {@code a} and {@code b} weighted by {@code rho}. Returns scikit-learn's batch cost: the
   * penalized objective of the batch (new W, old H) divided by its rows.
   */
  double step(MiniBatchRows x, int row0, int rows, double[] w, int wOff, double[] h,
      boolean fresh,
      int freshIterations, double tolerance, double[] a, double[] b, double rho) {
    double l1W = Penalties.weight(p * alphaW * l1Ratio, l1Unit);
    double l2W = Penalties.l2Weight(p * alphaW * (1 - l1Ratio), l2Unit);
    double l1H = Penalties.weight(rows * alphaH * l1Ratio, l1Unit);
    double l2H = Penalties.l2Weight(rows * alphaH * (1 - l1Ratio), l2Unit);
    if (fresh) {
      solveW(x, row0, rows, h, w, wOff, freshIterations, tolerance);
    }
    kernels.prepare(h, x.sparse());
    int blocks = (rows + BLOCK - 1) / BLOCK;
    par.forEach(blocks, c -> {
      MiniBatchBlock s = take();
      int from = c * BLOCK;
      int len = Math.min(rows, from + BLOCK) - from;
      int wRow = wOff + from * k;
      x.load(row0 + from, len, w, wRow, k, s);
      if (!fresh) {
        kernels.wTerms(len, h, false, s);
        kernels.updateW(len, l1W, l2W, s);
      }
      double penalty = 0;
      for (int i = 0; i < len * k; i++) {
        double v = s.w[i];
        if (beta < 1 && v < DOUBLE_EPS) {
          v = 0;
          s.w[i] = 0;
        }
        penalty += l1W * v + l2W * v * v;
      }
      System.arraycopy(s.w, 0, w, wRow, len * k);
      blockValues[c] = kernels.hTerms(len, h, numerators[c], denominators[c], wColumnSums[c],
          s);
      blockValues2[c] = penalty;
      scratch.add(s);
    });
    double divergence = MuKernels.sumInOrder(blockValues, blocks);
    double penalties = MuKernels.sumInOrder(blockValues2, blocks);
    sumBlocks(blocks);
    if (beta == 2) {
      double[] norms = x.squaredNorms(par);
      for (int i = row0; i < row0 + rows; i++) {
        divergence += norms[i];
      }
      divergence += kernels.frobeniusModelTerms(numerators[0], denominators[0], h);
    }
    divergence = kernels.finishDivergence(divergence, w, wOff, rows, h);
    double hPenalty = 0;
    for (double v : h) {
      hPenalty += l1H * v + l2H * v * v;
    }
    double batchCost = (divergence + penalties + hPenalty) / rows;
    updateH(h, l1H, l2H, a, b, rho);
    return batchCost;
  }

  /** Adds the blocks' sums of {@link #step} to the first block's slots, in block order. */
  private void sumBlocks(int blocks) {
    for (int c = 1; c < blocks; c++) {
      MuKernels.add(numerators[0], numerators[c], k * p);
      MuKernels.add(denominators[0], denominators[c], denominators[0].length);
      MuKernels.add(wColumnSums[0], wColumnSums[c], k);
    }
  }

  /**
   * scikit-learn's {@code _multiplicative_update_h} with the running sums A and B, from the
   * batch's sums in the first slots ({@link #sumBlocks}).
   */
  private void updateH(double[] h, double l1H, double l2H, double[] a, double[] b,
      double rho) {
    double[] num = numerators[0];
    double[] den;
    if (beta == 2) {
      den = hDenominator;
      Gemm.multiply(k, k, p, denominators[0], h, den, Parallel.serial());
    } else if (beta == 1) {
      double[] sums = wColumnSums[0];
      den = hDenominator;
      for (int c = 0; c < k; c++) {
        Arrays.fill(den, c * p, (c + 1) * p, sums[c] == 0 ? 1 : sums[c]);
      }
    } else {
      den = denominators[0];
    }
    for (int i = 0; i < h.length; i++) {
      double d = MiniBatchKernels.penalized(den[i], l1H, l2H, h[i]);
      double old = gamma != 1 ? MiniBatchKernels.power(h[i], 1 / gamma) : h[i];
      a[i] = a[i] * rho + num[i] * old;
      b[i] = b[i] * rho + d;
      double v = a[i] / b[i];
      if (gamma != 1) {
        v = MiniBatchKernels.power(v, gamma);
      }
      if (beta <= 1 && v < DOUBLE_EPS) {
        v = 0;
      }
      h[i] = v;
    }
  }

  /**
   * scikit-learn's {@code _solve_W}: W of the rows from the constant {@code sqrt(mean(X) / k)},
   * updated with H fixed until {@code ||W - W_prev||_F / ||W||_F <= tolerance} (when {@code
   * tolerance > 0}) or {@code maxIterations} updates. For Frobenius the numerator {@code X H'}
   * is formed once, the updates then cost {@code O(rows k^2)} each.
   */
  void solveW(MiniBatchRows x, int row0, int rows, double[] h, double[] w, int wOff,
      int maxIterations, double tolerance) {
    double sum = x.sum(row0, rows);
    double avg = Math.sqrt(sum / ((double) rows * p) / k);
    Arrays.fill(w, wOff, wOff + rows * k, avg);
    double l1W = Penalties.weight(p * alphaW * l1Ratio, l1Unit);
    double l2W = Penalties.l2Weight(p * alphaW * (1 - l1Ratio), l2Unit);
    kernels.prepare(h, x.sparse());
    boolean keepNumerator = beta == 2;
    if (keepNumerator && xht.length < rows * k) {
      xht = new double[rows * k];
    }
    int blocks = (rows + BLOCK - 1) / BLOCK;
    double[] changes = new double[blocks];
    double[] norms = new double[blocks];
    for (int it = 0; it < maxIterations; it++) {
      boolean numeratorReady = keepNumerator && it > 0;
      par.forEach(blocks, c -> {
        MiniBatchBlock s = take();
        int from = c * BLOCK;
        int len = Math.min(rows, from + BLOCK) - from;
        int wRow = wOff + from * k;
        if (numeratorReady) {
          s.rows = x;
          s.row0 = row0 + from;
          System.arraycopy(w, wRow, s.w, 0, len * k);
          System.arraycopy(xht, from * k, s.numW, 0, len * k);
        } else {
          x.load(row0 + from, len, w, wRow, k, s);
        }
        kernels.wTerms(len, h, numeratorReady, s);
        if (keepNumerator && !numeratorReady) {
          System.arraycopy(s.numW, 0, xht, from * k, len * k);
        }
        kernels.updateW(len, l1W, l2W, s);
        double change = 0;
        double norm = 0;
        for (int i = 0; i < len * k; i++) {
          double d = s.w[i] - w[wRow + i];
          change += d * d;
          norm += s.w[i] * s.w[i];
        }
        System.arraycopy(s.w, 0, w, wRow, len * k);
        changes[c] = change;
        norms[c] = norm;
        scratch.add(s);
      });
      double change = MuKernels.sumInOrder(changes, blocks);
      double norm = MuKernels.sumInOrder(norms, blocks);
      if (tolerance > 0 && Math.sqrt(change) / Math.sqrt(norm) <= tolerance) {
        break;
      }
    }
  }

  /**
   * scikit-learn's {@code _beta_divergence(X, W, H, beta)} of all {@code n} rows (W for them at
   * {@code w}), and {@code ||X - WH||_F^2} in {@code out[1]}; {@code out[0]} the divergence.
   */
  void errors(MiniBatchRows x, int n, double[] w, double[] h, double[] out) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    double[] div = new double[blocks];
    double[] sq = new double[blocks];
    par.forEach(blocks, c -> {
      MiniBatchBlock s = take();
      double[] terms = new double[1];
      int from = c * BLOCK;
      int len = Math.min(n, from + BLOCK) - from;
      x.load(from, len, w, from * k, k, s);
      sq[c] = kernels.errors(len, h, s, terms);
      div[c] = terms[0];
      scratch.add(s);
    });
    double d = MuKernels.sumInOrder(div, blocks);
    double q = MuKernels.sumInOrder(sq, blocks);
    out[0] = beta == 2 ? q / 2 : kernels.finishDivergence(d, w, 0, n, h);
    out[1] = q;
  }

  private MiniBatchBlock take() {
    MiniBatchBlock s = scratch.poll();
    return s != null ? s : new MiniBatchBlock(p, k);
  }
}

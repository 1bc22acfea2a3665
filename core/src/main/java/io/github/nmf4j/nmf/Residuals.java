package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/**
 * The exact final errors of a fit, {@code ||V_s - WH||_F^2} and (when asked) the generalized KL
 * divergence {@code D(V_s || WH)}, from one pass over V in row blocks (WH never held whole).
 */
final class Residuals {

  final double squaredFrobenius;
  /** {@code D(V_s || WH)}, or NaN when not asked for. */
  final double divergence;

  private Residuals(double squaredFrobenius, double divergence) {
    this.squaredFrobenius = squaredFrobenius;
    this.divergence = divergence;
  }

  static Residuals of(ScaledData data, double[] w, double[] h, int k, double eps,
      boolean withDivergence, Parallel par) {
    RowBlocks blocks = new RowBlocks(data.n, data.p, k, par);
    double[] squares = new double[blocks.chunks];
    double[] divergences = new double[blocks.chunks];
    int p = data.p;
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(data.v, w, h, row0, rows, ws);
      squares[c] += KlKernels.squaredDistance(ws.v, data.invScale, ws.wh, rows * p);
      if (withDivergence) {
        divergences[c] +=
            KlKernels.divergence(ws.v, data.invScale, ws.wh, rows * p, eps);
      }
    });
    double divergence = withDivergence
        ? Math.max(0, MuKernels.sumInOrder(divergences, blocks.chunks)) : Double.NaN;
    return new Residuals(MuKernels.sumInOrder(squares, blocks.chunks), divergence);
  }
}

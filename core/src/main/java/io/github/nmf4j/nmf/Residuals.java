package io.github.nmf4j.nmf;

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

  /** The final value of {@code loss} in scaled units, as {@link UpdateRule#loss()} reports it. */
  double of(Loss loss) {
    return loss == Loss.FROBENIUS ? Math.sqrt(squaredFrobenius) : divergence;
  }

  /** The errors of {@code factors}; the divergence only when the problem's loss is KL. */
  static Residuals of(Problem problem, Factors factors) {
    ScaledData data = problem.data();
    double[] w = factors.w;
    double[] h = factors.h;
    double eps = problem.epsilon();
    boolean withDivergence = problem.loss() == Loss.KULLBACK_LEIBLER;
    RowBlocks blocks = new RowBlocks(data.n, data.p, factors.rank, problem.par());
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

package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * The test oracle of the direct strategies: every distance computed on every step ({@link
 * NearestCentroid#assign}, the kernel of {@code predict}), no bounds. {@link HamerlyAssignment}
 * and {@link PixelAssignment} must give its results bit for bit.
 */
final class PlainAssignment extends DirectAssignment {

  private final NearestCentroid.Scratch[] scratch;

  PlainAssignment(double[] x, int n, int d, int k, Parallel par) {
    super(x, n, d, k, par);
    this.scratch = new NearestCentroid.Scratch[chunks()];
    for (int ch = 0; ch < scratch.length; ch++) {
      scratch[ch] = new NearestCentroid.Scratch();
    }
  }

  @Override
  void prepare(double[] centers, CentroidMoves moves) {}

  @Override
  boolean assignChunk(int ch, int from, int to, double[] centers, boolean bounded) {
    NearestCentroid.assign(x, d, from, to, centers, k, labels, dist, scratch[ch]);
    return scratch[ch].changed;
  }

  @Override
  void forget(int i) {}
}

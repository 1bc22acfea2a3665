package io.github.nmf4j.cluster;

import java.util.concurrent.atomic.LongAdder;

/**
 * Product-form bounds for tests: {@link #none()} never spares a point (the oracle the bounded
 * product steps must match bit for bit), {@link #counting} counts the points that took the
 * product under other bounds.
 */
final class UnboundedProduct {

  private UnboundedProduct() {}

  /** Bounds that never keep a point: every point takes the product on every step. */
  static Counting none() {
    return new Counting(null);
  }

  /** {@code bounds}, counting the points that take the product. */
  static Counting counting(ProductBounds bounds) {
    return new Counting(bounds);
  }

  /** Counts {@link #record} calls: one per point that took the product. */
  static final class Counting implements ProductBounds {
    private final ProductBounds bounds;
    private final LongAdder scanned = new LongAdder();

    private Counting(ProductBounds bounds) {
      this.bounds = bounds;
    }

    /** The points that took the product so far. */
    long scanned() {
      return scanned.sum();
    }

    @Override
    public void prepare(double[] centers, double[] centredNorms, double radius,
        CentroidMoves moves) {
      if (bounds != null) {
        bounds.prepare(centers, centredNorms, radius, moves);
      }
    }

    @Override
    public boolean keeps(int i, int own) {
      return bounds != null && bounds.keeps(i, own);
    }

    @Override
    public void record(int i, int label, double best, double second, double[] dots, int o) {
      scanned.increment();
      if (bounds != null) {
        bounds.record(i, label, best, second, dots, o);
      }
    }

    @Override
    public void forget(int i) {
      if (bounds != null) {
        bounds.forget(i);
      }
    }
  }
}

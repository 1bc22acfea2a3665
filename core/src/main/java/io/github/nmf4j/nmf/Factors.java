package io.github.nmf4j.nmf;

/**
 * The two factors of a fit in progress, W ({@code n x k}) and H ({@code k x p}), row-major, in
 * {@link ScaledData}'s stored units. A solver updates the arrays in place; the object itself
 * never changes which arrays it holds.
 */
final class Factors {

  /** W, {@code n x rank}, row-major. */
  final double[] w;
  /** H, {@code rank x p}, row-major. */
  final double[] h;
  /** The number of components k. */
  final int rank;

  Factors(double[] w, double[] h, int rank) {
    this.w = w;
    this.h = h;
    this.rank = rank;
  }

  /** Converts both factors from stored units to the caller's, in place. */
  void unscale(ScaledData data) {
    data.unscale(w);
    data.unscale(h);
  }
}

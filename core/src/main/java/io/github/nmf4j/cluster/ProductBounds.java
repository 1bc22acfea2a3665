package io.github.nmf4j.cluster;

/**
 * What {@link ProductAssignment} knows of each point's distances between steps, so that a point
 * that provably keeps its centroid is not even read. Implementations: {@link HamerlyBounds} and
 * {@link ElkanBounds} (both on {@link TriangleBounds}); the tests add one that never skips (the
 * oracle the bounded steps must match bit for bit).
 */
interface ProductBounds {

  /**
   * Takes the centroids of the next step: {@code centers} raw (k x d), their squared norms
   * after centring and the largest norm (not squared); {@code moves} is how far they moved since
   * the previous step, or null on the first step of a run (no point is then tested).
   */
  void prepare(double[] centers, double[] centredNorms, double radius, CentroidMoves moves);

  /**
   * Whether point {@code i}, of centroid {@code own} in the previous step, provably gets the
   * same label from the product form in this one; updates its bounds for the step.
   */
  boolean keeps(int i, int own);

  /**
   * Records what the product form gave point {@code i}: its new {@code label}, the smallest and
   * second smallest {@code |c'_j|^2 - 2 x'.c'_j} ({@code best}, {@code second}) and all of them
   * as {@code |c'_j|^2 - 2 dots[o + j]}.
   */
  void record(int i, int label, double best, double second, double[] dots, int o);

  /** Forgets point {@code i}'s bounds: its label was changed from outside. */
  void forget(int i);
}

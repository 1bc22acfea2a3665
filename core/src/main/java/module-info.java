/**
 * nmf4j: non-negative matrix factorization and k-means clustering in pure Java.
 *
 * <p>The module exports its public API packages only; {@code io.github.nmf4j.internal},
 * {@code io.github.nmf4j.linalg.kernel} and {@code io.github.nmf4j.linalg.access} hold the thread
 * layer, the raw {@code double[]} kernels and the zero-copy access to a matrix's storage, which
 * may change in any release.
 */
module io.github.nmf4j {
  requires transitive java.desktop;

  exports io.github.nmf4j.linalg;
  exports io.github.nmf4j.decomposition;
  exports io.github.nmf4j.estimator;
  exports io.github.nmf4j.io;
  exports io.github.nmf4j.image;
  exports io.github.nmf4j.cli;
  exports io.github.nmf4j.cluster;
  exports io.github.nmf4j.metrics;
  exports io.github.nmf4j.nmf;
}

/**
 * Quality measures: agreement between clusterings ({@link
 * io.github.nmf4j.metrics.ClusteringMetrics}: Rand and adjusted Rand index), cluster cohesion
 * ({@link io.github.nmf4j.metrics.Silhouette}), the k-means objective of any labelling ({@link
 * io.github.nmf4j.metrics.Inertia}) and reconstruction quality ({@link
 * io.github.nmf4j.metrics.ReconstructionMetrics}: relative error, PSNR).
 *
 * <p>Definitions follow scikit-learn's {@code sklearn.metrics}, against which they are tested.
 * All methods are static, pure and safe to call from any thread; they never modify their
 * arguments.
 */
package io.github.nmf4j.metrics;

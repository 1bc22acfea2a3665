/**
 * Quality measures: agreement between clusterings ({@link
 * io.github.nmf4j.metrics.ClusteringMetrics}: Rand, adjusted Rand and Fowlkes-Mallows indices;
 * mutual information, normalized and adjusted, homogeneity, completeness and V-measure), the
 * separation of clusters of points ({@code ClusteringMetrics}: Davies-Bouldin and
 * Calinski-Harabasz indices), cluster cohesion ({@link io.github.nmf4j.metrics.Silhouette}), the
 * k-means objective of any labelling ({@link io.github.nmf4j.metrics.Inertia}) and
 * reconstruction quality ({@link io.github.nmf4j.metrics.ReconstructionMetrics}: relative
 * error, PSNR).
 *
 * <p>Definitions follow scikit-learn's {@code sklearn.metrics}, against which they are tested.
 * All methods are static, pure and safe to call from any thread; they never modify their
 * arguments.
 */
package io.github.nmf4j.metrics;

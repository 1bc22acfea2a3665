/**
 * Clustering: k-means ({@link io.github.nmf4j.cluster.KMeans}, Lloyd's algorithm with k-means++
 * seeding; {@link io.github.nmf4j.cluster.MiniBatchKMeans} on random batches), agglomerative
 * hierarchical clustering and spectral clustering ({@link
 * io.github.nmf4j.cluster.SpectralClustering}, on an RBF or k-nearest-neighbour affinity graph).
 *
 * <p>Rows are samples and columns features. Configurations are immutable builders' products;
 * fitted models are immutable and return copies. Every fit is deterministic for a given seed,
 * whatever the number of threads.
 */
package io.github.nmf4j.cluster;

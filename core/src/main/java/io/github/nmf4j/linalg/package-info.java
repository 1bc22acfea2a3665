/**
 * Dense linear algebra: {@link io.github.nmf4j.linalg.Matrix}, the immutable row-major
 * {@code double} matrix that the whole public API speaks in, with the three products
 * non-negative matrix factorization needs ({@code A B}, {@code A^T B}, {@code A B^T}) computed by
 * cache-blocked, multithreaded kernels whose results do not depend on the thread count; and
 * {@link io.github.nmf4j.linalg.Svd}, the exact (Householder QR and one-sided Jacobi) and
 * randomized truncated (Halko, Martinsson and Tropp 2011) singular value decompositions behind
 * NNDSVD initialization and PCA.
 */
package io.github.nmf4j.linalg;

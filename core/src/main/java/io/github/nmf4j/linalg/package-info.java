/**
 * Dense linear algebra: {@link io.github.nmf4j.linalg.Matrix}, the immutable row-major
 * {@code double} matrix that the whole public API speaks in, with the three products
 * non-negative matrix factorization needs ({@code A B}, {@code A^T B}, {@code A B^T}) computed by
 * cache-blocked, multithreaded kernels whose results do not depend on the thread count.
 */
package io.github.nmf4j.linalg;

/**
 * Linear decompositions that are not NMF, for comparison with it: {@link
 * io.github.nmf4j.decomposition.Pca}, principal component analysis on the truncated SVD of
 * {@link io.github.nmf4j.linalg.Svd}, with scikit-learn's conventions.
 */
package io.github.nmf4j.decomposition;

/**
 * Internal: the raw {@code double[]} kernels behind {@code Matrix} (the
 * blocked, packed, multithreaded matrix products) and {@code SparseMatrix}.
 * They know only arrays, never a {@code Matrix}. Not exported by the module; may change in any
 * release.
 */
package io.github.nmf4j.linalg.kernel;

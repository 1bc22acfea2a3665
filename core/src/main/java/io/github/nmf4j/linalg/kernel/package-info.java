/**
 * Internal: the raw {@code double[]} kernels behind {@link io.github.nmf4j.linalg.Matrix} (the
 * blocked, packed, multithreaded matrix products) and the bridge that lets other packages of the
 * module reach a matrix's storage without a copy. Not exported by the module; may change in any
 * release.
 */
package io.github.nmf4j.linalg.kernel;

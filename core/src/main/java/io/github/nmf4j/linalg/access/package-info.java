/**
 * Internal: zero-copy read access to a {@link io.github.nmf4j.linalg.Matrix}'s storage for the
 * module's other packages (solvers, clustering, metrics, images). Not exported by the module; may
 * change in any release. It depends on {@code linalg}, never the other way round, and the kernels
 * of {@code linalg.kernel} know only {@code double[]}.
 */
package io.github.nmf4j.linalg.access;

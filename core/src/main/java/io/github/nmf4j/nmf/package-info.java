/**
 * Non-negative matrix factorization, {@code V ~ WH}: {@link io.github.nmf4j.nmf.Nmf} (a builder
 * and an immutable configuration), {@link io.github.nmf4j.nmf.NmfModel} (the fitted, immutable
 * result), the strategy enums {@link io.github.nmf4j.nmf.Loss}, {@link
 * io.github.nmf4j.nmf.Initialization} and {@link io.github.nmf4j.nmf.Solver}, and the progress
 * callback {@link io.github.nmf4j.nmf.NmfListener}; {@link io.github.nmf4j.nmf.Shift} makes signed
 * data non-negative and back.
 *
 * <p>Inside the package: {@code Fitter} drives a fit (restarts, convergence test, listener) and
 * a transform; each solver is an {@code UpdateRule} ({@code FrobeniusMu}, {@code
 * KullbackLeiblerMu}, {@code FrobeniusHals}), made for a fit or for a transform (H fixed) by its
 * {@code UpdateRule.Factory} ({@code Solvers} picks it from the solver and loss) from a {@code
 * Problem} (data, rank, settings, threads) and the {@code Factors} W and H it updates in place;
 * {@code UpdateRule} documents where new losses, penalties, sparse and masked data plug in.
 * The hot loops are package-private kernels on {@code double[]}
 * ({@code MuKernels}, {@code KlKernels}, {@code HalsKernel})
 * and whose large products are the shared {@code Gemm} kernels; {@code RowBlocks} streams V in
 * blocks of rows so that WH is never held whole; {@code ScaledData} validates V in place and
 * scales it by an exact power of two.
 */
package io.github.nmf4j.nmf;

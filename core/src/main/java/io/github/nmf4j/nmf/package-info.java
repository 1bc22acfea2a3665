/**
 * Non-negative matrix factorization, {@code V ~ WH}: {@link io.github.nmf4j.nmf.Nmf} (a builder
 * and an immutable configuration), {@link io.github.nmf4j.nmf.NmfModel} (the fitted, immutable
 * result), {@link io.github.nmf4j.nmf.NmfSettings} (the record of the settings a model came
 * from), the strategy enums {@link io.github.nmf4j.nmf.Loss}, {@link
 * io.github.nmf4j.nmf.Initialization} and {@link io.github.nmf4j.nmf.Solver}; {@link
 * io.github.nmf4j.nmf.Shift} makes signed data non-negative and back. Progress goes to the
 * {@link io.github.nmf4j.estimator.ProgressListener} every estimator takes.
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

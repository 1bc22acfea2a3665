/**
 * Benchmarks of the NMF solvers: one multiplicative-update iteration per loss on MNIST-sized
 * data ({@code MultiplicativeUpdateBenchmark}), and the peak heap of a whole fit ({@code
 * FitMemory}, a plain driver run under a heap limit).
 */
package io.github.nmf4j.benchmarks.nmf;

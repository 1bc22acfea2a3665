package io.github.nmf4j.linalg.kernel;

/**
 * A strided view of a matrix stored in a {@code double[]}: element {@code (i, j)} is
 * {@code a[off + i * row + j * col]}. A transpose is the same view with the strides swapped.
 */
record Strided(double[] a, int off, int row, int col) {}

/**
 * Matrix files: NumPy {@code .npy}, delimited text ({@code .csv}, {@code .tsv}) and Matrix
 * Market ({@code .mtx}), read and written by {@link io.github.nmf4j.io.MatrixIo} according to the
 * file name's extension. Writes are atomic.
 */
package io.github.nmf4j.io;

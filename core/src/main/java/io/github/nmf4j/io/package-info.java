/**
 * Matrix files: NumPy {@code .npy}, delimited text ({@code .csv}, {@code .tsv}, white-space
 * separated {@code .txt}), Matrix Market ({@code .mtx}) and SciPy sparse {@code .npz}, read and
 * written by {@link io.github.nmf4j.io.MatrixIo} according to the file name's extension. Every
 * size a file's header claims is checked against the file's length before anything is allocated
 * for it; writes are atomic.
 */
package io.github.nmf4j.io;

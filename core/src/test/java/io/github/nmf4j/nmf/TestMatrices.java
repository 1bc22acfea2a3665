package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;

/** Seeded test matrices. */
final class TestMatrices {

  private TestMatrices() {}

  /** Uniform values on [0, scale). */
  static Matrix uniform(int rows, int cols, double scale, long seed) {
    return Matrix.wrap(rows, cols, new SplittableRandom(seed).doubles(rows * cols, 0, scale)
        .toArray());
  }

  /** A low-rank product W0 H0 plus uniform noise of the given amplitude. */
  static Matrix noisyLowRank(int rows, int cols, int rank, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Matrix w = Matrix.wrap(rows, rank, r.doubles(rows * rank).toArray());
    Matrix h = Matrix.wrap(rank, cols, r.doubles(rank * cols).toArray());
    Matrix noiseMatrix = Matrix.wrap(rows, cols, r.doubles(rows * cols, 0, noise).toArray());
    return w.multiply(h).add(noiseMatrix);
  }

  /**
   * An exact product W0 H0 of well-separated components: each row of W0 and each column of H0
   * has one dominant entry (in [1, 2)) and small ones (in [0, 0.1)), so that the factorization
   * is essentially unique and well conditioned.
   */
  static Matrix planted(int rows, int cols, int rank, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = new double[rows * rank];
    double[] h = new double[rank * cols];
    for (int i = 0; i < rows; i++) {
      for (int l = 0; l < rank; l++) {
        w[i * rank + l] = l == i % rank ? 1 + r.nextDouble() : 0.1 + 0.2 * r.nextDouble();
      }
    }
    for (int l = 0; l < rank; l++) {
      for (int j = 0; j < cols; j++) {
        h[l * cols + j] = l == j % rank ? 1 + r.nextDouble() : 0.1 + 0.2 * r.nextDouble();
      }
    }
    return Matrix.wrap(rows, rank, w).multiply(Matrix.wrap(rank, cols, h));
  }

  static boolean allFiniteNonNegative(Matrix m) {
    for (double x : m.toRowMajorArray()) {
      if (!(x >= 0 && x <= Double.MAX_VALUE)) {
        return false;
      }
    }
    return true;
  }
}

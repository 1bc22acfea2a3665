package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;

/** The initial factors W ({@code n x k}) and H ({@code k x p}), in scaled units. */
final class Initializer {

  private Initializer() {}

  /**
   * The factors for {@code init}, or the custom factors of {@code config} when {@code init} is
   * null; {@code {w, h}}.
   */
  static double[][] initialize(Initialization init, Nmf config, ScaledData data, int k,
      SplittableRandom random, Parallel par) {
    if (init == null) {
      return custom(config.initialW().orElseThrow(), config.initialH().orElseThrow(), data);
    }
    switch (init) {
      case RANDOM:
        return random(data, k, random);
      default:
        throw new UnsupportedOperationException(init + " is not available yet");
    }
  }

  /** Uniform values on {@code (0, 1]} times {@code sqrt(mean(V) / k)}: W row by row, then H. */
  static double[][] random(ScaledData data, int k, SplittableRandom random) {
    double avg = Math.sqrt(data.mean() / k);
    double[] w = new double[data.n * k];
    double[] h = new double[k * data.p];
    for (int i = 0; i < w.length; i++) {
      w[i] = avg * (1 - random.nextDouble());
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = avg * (1 - random.nextDouble());
    }
    return new double[][] {w, h};
  }

  /** Copies of the caller's factors, scaled. */
  static double[][] custom(Matrix w0, Matrix h0, ScaledData data) {
    double[] w = w0.toRowMajorArray();
    double[] h = h0.toRowMajorArray();
    data.scale(w);
    data.scale(h);
    return new double[][] {w, h};
  }

  /** {@code n x k} values of {@code sqrt(mean(V) / k)}: the start of a transform (W alone). */
  static double[] constant(ScaledData data, int k) {
    double[] w = new double[data.n * k];
    java.util.Arrays.fill(w, Math.sqrt(data.mean() / k));
    return w;
  }
}

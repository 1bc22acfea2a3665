package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The initial factors W ({@code n x k}) and H ({@code k x p}), in scaled units. */
final class Initializer {

  /** The odd constant {@code 2^64 / phi}, the step between the rows' seeds before mixing. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private Initializer() {}

  /**
   * A truncated SVD of {@code V / 4^halfExponent} for the NNDSVD starts: of V itself
   * ({@code halfExponent} 0) unless V's singular values exceed the double range.
   */
  record ScaledSvd(Svd svd, int halfExponent) {}

  /** The most elements a Java array holds, as {@link Matrix} counts them. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * The factors for {@code init}, or the custom factors of {@code settings} when {@code init} is
   * null. {@code svd} is used by the NNDSVD variants only (null otherwise).
   */
  static Factors initialize(Initialization init, NmfSettings settings, ScaledData data, int k,
      ScaledSvd svd, SplittableRandom random) {
    if (init == null) {
      return custom(settings.initialW().orElseThrow(), settings.initialH().orElseThrow(), data);
    }
    return init == Initialization.RANDOM
        ? random(data, k, random)
        : Nndsvd.factors(data, k, svd, init, random);
  }

  /**
   * The initialization a fit of {@code data} uses: null when {@code settings} hold initial
   * factors (their shapes checked against the data here), else the one set, by default {@link
   * Initialization#NNDSVDA} when {@code k <= min(n, p)} and {@link Initialization#RANDOM}
   * otherwise (scikit-learn's rule). {@link Nmf} and {@link MiniBatchNmf} both choose here.
   *
   * @throws IllegalArgumentException if the initial factors are not {@code n x k} and {@code k x
   *     p}, if an NNDSVD start is chosen with {@code k > min(n, p)}, or if {@code k} is so large
   *     that W, H or a {@code k x k} product would not fit in a Java array
   */
  static Initialization choose(FactorizationSettings settings, ScaledData data) {
    int k = settings.rank();
    // A rank beyond min(n, p) is allowed (RANDOM), but W (n x k), H (k x p) and the k x k
    // products must each fit in an array: the largest rank for which they do.
    long widest = Math.max(data.n, data.p);
    long maxRank = widest * widest <= MAX_ARRAY ? (long) Math.sqrt(MAX_ARRAY) : MAX_ARRAY / widest;
    if (k > maxRank) {
      throw new IllegalArgumentException("rank must be <= " + maxRank + " for a " + data.n + "x"
          + data.p + " matrix (W, H and their k x k products must each fit in a Java array), was "
          + k);
    }
    if (settings.initialW().isPresent()) {
      Matrix w0 = settings.initialW().get();
      Matrix h0 = settings.initialH().get();
      if (w0.rows() != data.n || h0.cols() != data.p) {
        throw new IllegalArgumentException("initial factors must be " + data.n + "x" + k
            + " and " + k + "x" + data.p + " for a " + data.n + "x" + data.p
            + " matrix at rank " + k + ", were " + w0.shape() + " and " + h0.shape());
      }
      return null;
    }
    int smaller = Math.min(data.n, data.p);
    Initialization init = settings.initialization().orElse(
        k <= smaller ? Initialization.NNDSVDA : Initialization.RANDOM);
    if (init != Initialization.RANDOM && k > smaller) {
      throw new IllegalArgumentException(init + " needs rank <= min(n, p) = " + smaller
          + " for a " + data.n + "x" + data.p + " matrix, was " + k);
    }
    return init;
  }

  /**
   * The truncated SVD of V, or of {@code V_s} (a scaled copy) when V's singular values exceed
   * the double range; of a sparse V through its products, never densified.
   */
  static ScaledSvd svd(ScaledData data, int k, long seed, int threads) {
    return data.svd(k, seed, threads);
  }

  /** Whether {@code init} starts from a truncated SVD of V. */
  static boolean needsSvd(Initialization init) {
    return init == Initialization.NNDSVD || init == Initialization.NNDSVDA
        || init == Initialization.NNDSVDAR;
  }

  /**
   * Uniform values on {@code (0, 1]} times {@code sqrt(mean(V) / k)}. The first value drawn from
   * {@code random} seeds W, whose row i comes from a stream of its own ({@link #randomRow}), so
   * that any block of rows can be drawn alone, in any order, with the same values (a fit split by
   * rows draws each block's rows where they are); H comes from {@code random} after that value.
   */
  static Factors random(ScaledData data, int k, SplittableRandom random) {
    double avg = Math.sqrt(data.mean() / k);
    long wSeed = random.nextLong();
    double[] w = new double[data.n * k];
    for (int i = 0; i < data.n; i++) {
      randomRow(wSeed, i, avg, w, i * k, k);
    }
    return new Factors(w, randomH(random, k, data.p, avg), k);
  }

  /** H of a RANDOM start ({@code k x p}): the next values of {@code random}, times avg. */
  static double[] randomH(SplittableRandom random, int k, int p, double avg) {
    double[] h = new double[k * p];
    for (int i = 0; i < h.length; i++) {
      h[i] = avg * (1 - random.nextDouble());
    }
    return h;
  }

  /**
   * Row {@code row} of a RANDOM start of W: {@code k} values {@code avg * u}, {@code u} uniform on
   * {@code (0, 1]}, drawn from a {@link SplittableRandom} seeded by the mix of {@code wSeed} and
   * the row index, written to {@code out[off .. off + k)}.
   */
  static void randomRow(long wSeed, long row, double avg, double[] out, int off, int k) {
    SplittableRandom r = new SplittableRandom(mix64(wSeed + (row + 1) * GOLDEN_GAMMA));
    for (int c = 0; c < k; c++) {
      out[off + c] = avg * (1 - r.nextDouble());
    }
  }

  /** Stafford's "variant 13" 64-bit finalizer: a bijection that scatters nearby seeds. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Copies of the caller's factors, scaled. */
  static Factors custom(Matrix w0, Matrix h0, ScaledData data) {
    double[] w = w0.toRowMajorArray();
    double[] h = h0.toRowMajorArray();
    data.scale(w);
    data.scale(h);
    return new Factors(w, h, w0.cols());
  }

  /**
   * The start of a transform: W of {@code n x k} values {@code sqrt(mean(X) / k)} for the data,
   * beside the model's {@code h} converted to stored units.
   */
  static Factors forTransform(ScaledData data, Matrix h) {
    return forTransform(data, h, data.mean());
  }

  /**
   * The start of a transform with W of values {@code sqrt(mean / k)}, {@code mean} in stored
   * units (of a masked transform: the mean of the observed entries).
   */
  static Factors forTransform(ScaledData data, Matrix h, double mean) {
    int k = h.rows();
    double[] w = new double[data.n * k];
    Arrays.fill(w, Math.sqrt(mean / k));
    double[] stored = h.toRowMajorArray();
    data.scale(stored);
    return new Factors(w, stored, k);
  }
}

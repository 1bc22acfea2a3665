package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The initial factors W ({@code n x k}) and H ({@code k x p}), in scaled units. */
final class Initializer {

  /** The odd constant {@code 2^64 / phi}, the step between the rows' seeds before mixing. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  /** The distance in powers of two within which a transform stores H as the fit does. */
  static final int BALANCED = 8;

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
   * The largest rank {@code k} for which a factor of {@code widest x k} (or {@code k x widest})
   * and a {@code k x k} product each fit in a Java array.
   */
  static long maxRank(long widest) {
    return widest * widest <= MAX_ARRAY ? (long) Math.sqrt(MAX_ARRAY) : MAX_ARRAY / widest;
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
    requireRankSuits(k, Initialization.RANDOM, data.n, data.p, "");
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
    requireRankSuits(k, init, data.n, data.p, "");
    return init;
  }

  /**
   * Checks that a fit of an {@code n x p} V from {@code init} takes rank {@code k}: a rank
   * beyond {@code min(n, p)} is allowed (RANDOM), but W ({@code n x k}), H ({@code k x p}) and
   * the {@code k x k} products must each fit in an array, and the NNDSVD starts need {@code k
   * <= min(n, p)}; {@code note} ends the message.
   *
   * @throws IllegalArgumentException naming the limit, the shape and {@code k}
   */
  static void requireRankSuits(int k, Initialization init, int n, int p, String note) {
    long maxRank = maxRank(Math.max(n, p));
    if (k > maxRank) {
      throw new IllegalArgumentException("rank must be <= " + maxRank + " for a " + n + "x" + p
          + " matrix (W, H and their k x k products must each fit in a Java array), was " + k
          + note);
    }
    int smaller = Math.min(n, p);
    if (init != Initialization.RANDOM && k > smaller) {
      throw new IllegalArgumentException(init + " needs rank <= min(n, p) = " + smaller
          + " for a " + n + "x" + p + " matrix, was " + k + note);
    }
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
   * How far a transform's stored units of H lie from x's ({@link Problem#wShift}): 0 while the
   * largest entry of the model's {@code h} is within {@code 2^±}{@value #BALANCED} of {@code
   * 2^m} ({@code 4^m} x's scale), as it is for rows of the fit's scale, so that H is stored as
   * in the fit; beyond, the shift that stores H with its largest entry in {@code [1, 2)}. Else a
   * model applied to rows far from its data's scale saw H's stored entries of order {@code
   * 2^-d} and W's of {@code 2^d}: past {@code d} of about 30 the multiplicative updates' guard
   * outweighed {@code W H H'} (rows 1e20 times the fit's data got W = 0) and HALS's floor
   * outweighed W (rows 1e-40 times it kept their start).
   */
  static int transformShift(ScaledData data, Matrix h) {
    double max = 0;
    for (double x : MatrixAccess.data(h)) {
      max = Math.max(max, x);
    }
    if (!(max > 0 && max <= Double.MAX_VALUE)) {
      return 0;
    }
    // the true exponent of a subnormal or tiny max too: the H of a fit of V entirely subnormal
    // is of order 2^m, m down to -537 (clamped at -511, such H was stored at up to 2^-26)
    int b = Math.min(511, ScaledData.exponentOf(max));
    int d = data.halfExponent - b;
    return Math.abs(d) <= BALANCED ? 0 : d;
  }

  /**
   * The start of a transform with W of values {@code sqrt(mean / k)}, {@code mean} in stored
   * units, beside the model's {@code h} stored as the data's scale gives (no shift).
   */
  static Factors forTransform(ScaledData data, Matrix h, double mean) {
    return forTransform(data, h, mean, 0);
  }

  /**
   * The start of a transform with W of values {@code sqrt(mean / k)}, {@code mean} in stored
   * units (of a masked transform: the mean of the observed entries), and the model's {@code h}
   * stored as {@code H / 2^(m - wShift)} (see {@link #transformShift}). With a shift, the start
   * in the caller's units is {@code 2^wShift} times {@code sqrt(mean(x) / k)}: the start of rows
   * whose scale matches H's.
   */
  static Factors forTransform(ScaledData data, Matrix h, double mean, int wShift) {
    int k = h.rows();
    double[] w = new double[data.n * k];
    Arrays.fill(w, Math.sqrt(mean / k));
    double[] stored = h.toRowMajorArray();
    if (wShift == 0) {
      data.scale(stored);
    } else {
      int e = wShift - data.halfExponent;
      for (int i = 0; i < stored.length; i++) {
        stored[i] = Math.scalb(stored[i], e);
      }
    }
    return new Factors(w, stored, k);
  }

  /** Converts a transform's W from stored units ({@link Problem#wShift}) in place. */
  static void unscaleTransform(ScaledData data, double[] w, int wShift) {
    if (wShift == 0) {
      data.unscale(w);
      return;
    }
    int e = data.halfExponent + wShift;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.scalb(w[i], e);
    }
  }
}

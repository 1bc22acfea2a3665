package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;

/**
 * The units a {@link MiniBatchNmf} fit (or an {@link OnlineNmf}) computes in. {@link
 * MiniBatchSolver} is scikit-learn's arithmetic on the data as given, so it runs on V itself
 * unless V's largest value is beyond what that arithmetic survives ({@link #limit}); only then
 * the whole fit, its start included, runs on the copy {@code V / 4^m} (largest value in {@code
 * [1, 4)}, {@code m} = {@link ScaledData#halfExponent}), whose factors are {@code W / 2^m} and
 * {@code H / 2^m}. The penalties' weights are converted as {@link Penalties} does ({@code l1
 * s^(1/2 - beta)}, {@code l2 s^(1 - beta)} for {@code s = 4^m}), and the results are converted
 * back: the factors times {@code 2^m}, the batch costs (the objective divided by the batch's
 * rows) times {@code s^beta}, the model's errors in their own units.
 *
 * <p>Multiplying by a power of two is exact, so the fit of such a V is exactly {@code 2^m}
 * times the fit of the copy, whatever the loss (beta need not be an integer: the data, factors
 * and the solver's arithmetic are the copy's); unpenalized, it is the fit of the copy as
 * ordinary data, bit for bit. The weights' conversion is exact for integer beta; for other betas
 * {@code 2^(m (1 - 2 beta))} is {@link Math#pow} of a non-integer power of two, rounded. (Values
 * of V below {@code max(V) 2^-1022}, negligible beside the largest, may lose bits in the copy.)
 * The mini-batch updates themselves are not scale-equivariant (the running sums start at H and
 * at ones, scikit-learn's guards and the NNDSVD starts' threshold and fill are absolute), so for
 * ordinary data the fit of {@code 4 V} is not exactly twice that of V, and a huge V is fitted as
 * if its largest value were in {@code [1, 4)}, where scikit-learn's arithmetic overflows (huge
 * values) or, for tiny values and beta up to 1, sets H to 0 (its guard against entries below
 * double's epsilon).
 */
final class MiniBatchScale {

  /**
   * The binary exponent the largest power of the data's magnitude that the raw arithmetic forms
   * may reach: {@code M^degree <= 2^800} for values up to {@code M}, which leaves {@code 2^223}
   * below {@link Double#MAX_VALUE} (and above the normal range) for sums of up to {@code 2^62}
   * such terms and for factors whose scale is shared unevenly between W and H.
   */
  private static final double HEADROOM = 800;

  /** The power of four of the data: data {@code / 4^m}, factors {@code / 2^m}; 0: as given. */
  final int halfExponent;
  /** The factors of the L1 and L2 weights: {@code s^(1/2 - beta)} and {@code s^(1 - beta)}. */
  final double l1Unit;
  final double l2Unit;
  private final double beta;

  private MiniBatchScale(int halfExponent, double beta, double l1Unit, double l2Unit) {
    this.halfExponent = halfExponent;
    this.beta = beta;
    this.l1Unit = l1Unit;
    this.l2Unit = l2Unit;
  }

  /**
   * The units of a fit of {@code data} under the beta-divergence {@code beta}: the data as given
   * (units 1, nothing converted, so the arithmetic is exactly scikit-learn's) unless {@code
   * 4^m}, the power of four of its largest value, is beyond {@code 2^±}{@link #limit}.
   */
  static MiniBatchScale of(ScaledData data, double beta) {
    int m = data.halfExponent;
    if (Math.abs(2 * m) <= limit(beta)) {
      return new MiniBatchScale(0, beta, 1, 1);
    }
    return new MiniBatchScale(m, beta, units(m, 1 - 2 * beta), units(m, 2 - 2 * beta));
  }

  /**
   * For tests: the data and results as given, the penalties' weights converted as for data
   * scaled by {@code 4^halfExponent}; a fit with it is the fit of the scaled copy of {@code V
   * 4^halfExponent}.
   */
  static MiniBatchScale penaltiesOnly(int halfExponent, double beta) {
    return new MiniBatchScale(0, beta, units(halfExponent, 1 - 2 * beta),
        units(halfExponent, 2 - 2 * beta));
  }

  /** {@code 2^(m e)}, as {@link Penalties} computes it: exact for integer {@code e}. */
  private static double units(int m, double e) {
    return Math.pow(2, m * e);
  }

  /**
   * The largest binary exponent {@code e} of the data's largest value ({@code max(V)} about
   * {@code 2^e}) that the raw arithmetic runs on; beyond {@code 2^±limit} the data are scaled.
   * With the data's values of order M and the factors of order {@code M^(1/2)} (the starts are
   * {@code sqrt(mean(V) / k)} or drawn at that scale), the solver forms terms of the degrees 1
   * ({@code WH}, {@code sum(X)} and the {@code sqrt(mean(X) / k)} starts), 3/2 ({@code X H'},
   * {@code W'X}), {@code beta - 2} ({@code WH^(beta - 2)}, before its product with X: {@code
   * 1 / WH^2} for Itakura-Saito), {@code beta - 1} and {@code beta - 1/2} (the ratios and their
   * products with the factors), beta (the divergence's terms {@code x^beta}, {@code x
   * WH^(beta - 1)}), 2 ({@code ||X||^2}, {@code <W'W, HH'>}, the final {@code ||X - WH||^2},
   * and the running sum A of Frobenius, {@code H .* W'X}), and for the running sums with an
   * exponent gamma, {@code (beta + 1) / 2} (beta below 1) and {@code 3 beta / 2 - 1} (above 2).
   * So the largest degree is {@code max(2, |beta|, |beta - 2|, 3 beta / 2 - 1)}: 2 for beta in
   * [0, 2], for which the first to overflow are the squares ({@code ||X||^2} at about {@code
   * 2^510}, with Itakura-Saito's {@code 1 / WH^2} the first to overflow below {@code 2^-510}),
   * giving a limit of 400 (about 1e±120); 228 for beta 3. Data within it are left as they are.
   */
  static int limit(double beta) {
    double degree = Math.max(2, Math.max(Math.abs(beta), Math.abs(beta - 2)));
    if (beta > 2) {
      degree = Math.max(degree, 1.5 * beta - 1);
    }
    return (int) Math.floor(HEADROOM / degree);
  }

  /**
   * {@code data} in these units: V itself, or the checked copy {@code V / 4^m} (dense or sparse
   * as V), on which the fit then runs exactly as on ordinary data, its start included.
   */
  ScaledData data(ScaledData data, Parallel par) {
    if (halfExponent == 0) {
      return data;
    }
    // the caller's V is the held values times 4^(m - held): V itself, or V_s times 4^m for V
    // entirely subnormal (ScaledData.heldHalfExponent)
    int e = 2 * (data.halfExponent - data.heldHalfExponent - halfExponent);
    if (data instanceof SparseData) {
      SparseData s = (SparseData) data;
      int nnz = s.pointers[s.n];
      return ScaledData.of(SparseMatrix.wrapCsr(s.n, s.p, s.pointers.clone(),
          Arrays.copyOf(s.columns, nnz), scaled(s.values, nnz, e)), "v", par);
    }
    DenseData d = (DenseData) data;
    return ScaledData.of(Matrix.wrap(d.n, d.p, scaled(d.v, d.v.length, e)), "v", par);
  }

  private static double[] scaled(double[] values, int length, int exponent) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = Math.scalb(values[i], exponent);
    }
    return out;
  }

  /** Converts a factor in the caller's units to these, in place. */
  void toStored(double[] factor) {
    scale(factor, -halfExponent);
  }

  /** Converts a factor in these units to the caller's, in place. */
  void toCaller(double[] factor) {
    scale(factor, halfExponent);
  }

  private static void scale(double[] factor, int exponent) {
    if (exponent != 0) {
      for (int i = 0; i < factor.length; i++) {
        factor[i] = Math.scalb(factor[i], exponent);
      }
    }
  }

  /**
   * A batch cost (a value of the objective) in the caller's units, {@code cost s^beta}: infinite
   * when beyond the double range (the Frobenius cost of data above about 1e154).
   */
  double cost(double cost) {
    return halfExponent == 0 ? cost : timesPowerOfTwo(cost, 2 * halfExponent * beta);
  }

  /**
   * A model's error in the caller's units: the Frobenius norm {@code ||V - WH||_F} and the
   * Kullback-Leibler divergence times {@code 4^m}, {@code sqrt(2 D)} times {@code 2^(m beta)}.
   */
  double error(Loss loss, double error) {
    if (halfExponent == 0) {
      return error;
    }
    double exponent = loss == Loss.FROBENIUS || loss == Loss.KULLBACK_LEIBLER
        ? 2.0 * halfExponent : halfExponent * beta;
    return timesPowerOfTwo(error, exponent);
  }

  /** {@code x 2^e}: exact (but for overflow and underflow) when e is an integer. */
  private static double timesPowerOfTwo(double x, double e) {
    double whole = Math.floor(e);
    double fraction = e - whole;
    double y = fraction == 0 ? x : x * Math.pow(2, fraction);
    return Math.scalb(y, (int) Math.max(-4000, Math.min(4000, whole)));
  }
}

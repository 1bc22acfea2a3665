package io.github.nmf4j.nmf;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the rank of an NMF by cross-validation on held-out entries (as RcppML does): in each
 * of {@link Builder#repeats repeats}, a share {@link Builder#holdoutFraction} of the observed
 * entries of V, drawn at random from the seed, is hidden (set to NaN) and every rank is fitted
 * to the rest with {@link MissingValues#IGNORE}; the fitted {@code WH} then predicts the hidden
 * entries, and the error of that prediction is the rank's score. Too small a rank underfits,
 * too large a rank fits the noise of the observed entries and predicts the hidden ones worse:
 * the held-out error has its minimum near the rank of the data.
 *
 * <pre>{@code
 * RankSelectionResult result = RankSelection.builder().rankRange(2, 8).seed(1)
 *     .nmf(Nmf.builder().solver(Solver.HALS).maxIterations(500)).fit(v);
 * int k = result.bestRank();                 // lowest mean held-out error
 * int parsimonious = result.oneStandardErrorRank();
 * }</pre>
 *
 * <p>Every fit of a repeat hides the same entries, so the ranks are compared on the same data.
 * The fits use the {@link Builder#nmf template}'s loss, solver, initialization and stopping rule
 * with the rank and a seed of their own. NaN entries of V are missing already and are never
 * held out. Cost: {@code repeats x ranks} fits of masked NMF (see <a
 * href="https://github.com/nmf4j/nmf4j/blob/main/docs/missing-values.md">missing values</a>).
 *
 * <p>Results do not depend on the number of threads (each fit uses them; the fits run one after
 * the other). The {@link Builder#listener listener} receives a {@link
 * io.github.nmf4j.estimator.Progress} after every fit: {@code restart()} is the repeat, {@code
 * iteration()} the number of ranks done in it, {@code loss()} the fit's held-out error; it may
 * cancel, which takes effect after the running fit. Instances are immutable and safe to share;
 * {@code fit} never modifies its input.
 */
public final class RankSelection extends Estimator<RankSelectionSettings> {

  private final NmfTemplate template;

  private RankSelection(RankSelectionSettings settings, NmfTemplate template, Builder builder) {
    super(settings, builder);
    this.template = template;
  }

  /** A builder with the defaults: no ranks yet, holdout 0.05, 3 repeats, seed 0. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Computes the held-out error of every rank on {@code v} ({@code n x p}, non-negative; NaN
   * entries are missing).
   *
   * @throws IllegalArgumentException if {@code v} is null or empty, holds a negative or infinite
   *     value (the message names its row, column and value), if it has too few observed entries
   *     to hold out at least one and keep one, or if a rank does not suit it (as {@link Nmf#fit})
   * @throws java.util.concurrent.CancellationException if the listener cancelled or the calling
   *     thread was interrupted (the interrupt flag stays set)
   */
  public RankSelectionResult fit(Matrix v) {
    return Parallel.using(executor().orElse(null), () -> fitOnCaller(v));
  }

  private RankSelectionResult fitOnCaller(Matrix v) {
    RankSelectionSettings s = settings();
    int[] observed = observedEntries(v);
    int held = (int) s.heldOut(observed.length);
    if (held < 1 || held >= observed.length) {
      throw new IllegalArgumentException("holdoutFraction " + s.holdoutFraction() + " of the "
          + observed.length + " observed entries of v (" + v.shape() + ") holds out " + held
          + " entries; it must hold out at least one and keep at least one");
    }
    double[] data = MatrixAccess.data(v);
    int p = v.cols();
    int[] ranks = s.ranks().stream().mapToInt(Integer::intValue).toArray();
    double[][] errors = new double[s.repeats()][ranks.length];
    Monitor monitor = Monitor.of("rank selection", listener(), s.repeats());
    SplittableRandom random = new SplittableRandom(s.seed());
    boolean kl = s.nmf().loss() == Loss.KULLBACK_LEIBLER;
    for (int r = 0; r < s.repeats(); r++) {
      SplittableRandom repeat = random.split();
      int[] hidden = sample(observed, held, repeat);
      double[] masked = data.clone();
      for (int e : hidden) {
        masked[e] = Double.NaN;
      }
      Matrix train = Matrix.wrap(v.rows(), p, masked);
      long fitSeed = repeat.nextLong();
      for (int i = 0; i < ranks.length; i++) {
        NmfModel model = template.with(ranks[i], fitSeed, MissingValues.IGNORE, s.threads(),
            executor().orElse(null)).fit(train);
        errors[r][i] = heldOutError(model, data, p, hidden, kl);
        monitor.report(r, i + 1, ranks.length, errors[r][i], Double.NaN);
      }
    }
    return new RankSelectionResult(s, ranks, errors);
  }

  /** The flat indices of the non-NaN entries of v, after checking it. */
  private static int[] observedEntries(Matrix v) {
    Arguments.requireNonNull(v, "v");
    if (v.rows() == 0 || v.cols() == 0) {
      throw new IllegalArgumentException("v must not be empty, was " + v.shape());
    }
    double[] data = MatrixAccess.data(v);
    int[] observed = MatrixAccess.notNaN(v);
    for (int i : observed) {
      double x = data[i];
      if (!(x >= 0 && x <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException(ScaledData.describeBad("v", x, i, v.cols()));
      }
    }
    return observed;
  }

  /** {@code count} distinct entries of {@code from}, ascending (a partial Fisher-Yates shuffle). */
  static int[] sample(int[] from, int count, SplittableRandom random) {
    int[] pool = from.clone();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(pool.length - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    int[] chosen = Arrays.copyOf(pool, count);
    Arrays.sort(chosen);
    return chosen;
  }

  /**
   * The mean squared error (or KL divergence) of WH at the hidden entries. A sum that overflows
   * is taken again of the terms of {@code 2^-OVERFLOW_SHIFT V} and {@code 2^-OVERFLOW_SHIFT WH}
   * (exact scaling, the squared error homogeneous of degree 2, the divergence of degree 1) and
   * scaled back, so a representable mean is not lost to its sum.
   */
  private static double heldOutError(NmfModel model, double[] v, int p, int[] hidden,
      boolean kl) {
    double sum = heldOutSum(model, v, p, hidden, kl, 0);
    if (sum == Double.POSITIVE_INFINITY) {
      double scaled = heldOutSum(model, v, p, hidden, kl, -OVERFLOW_SHIFT);
      return Math.scalb(scaled / hidden.length, kl ? OVERFLOW_SHIFT : 2 * OVERFLOW_SHIFT);
    }
    return sum / hidden.length;
  }

  /** Below this ({@code 2^-500}) {@link #klTerm} scales its arguments by {@code 2^TINY_SHIFT}. */
  private static final double TINY = 0x1p-500;

  /** The power of two by which {@link #klTerm} scales arguments below {@link #TINY}. */
  private static final int TINY_SHIFT = 600;

  /** The power of two by which {@link #heldOutError} scales terms whose sum overflowed. */
  private static final int OVERFLOW_SHIFT = 600;

  /** The sum of the held-out terms, V and WH multiplied by {@code 2^shift}. */
  private static double heldOutSum(NmfModel model, double[] v, int p, int[] hidden, boolean kl,
      int shift) {
    double[] w = MatrixAccess.data(model.w());
    double[] h = MatrixAccess.data(model.h());
    int k = model.h().rows();
    double sum = 0;
    for (int e : hidden) {
      int i = e / p;
      int j = e % p;
      double wh = 0;
      for (int c = 0; c < k; c++) {
        wh += w[i * k + c] * h[c * p + j];
      }
      double x = Math.scalb(v[e], shift);
      wh = Math.scalb(wh, shift);
      if (kl) {
        sum += klTerm(x, wh);
      } else {
        sum += (x - wh) * (x - wh);
      }
    }
    return sum;
  }

  /**
   * {@code x log(x / y) - x + y} (0 log 0 = 0), {@code y} at least {@code Double.MIN_NORMAL} in
   * the logarithm: the KL error of a prediction {@code y} of a held-out {@code x}. When {@code x /
   * y} overflows (a prediction of 0 for an {@code x} above 4) or underflows, the logarithm is
   * taken as {@code log x - log y}, so the term stays finite. When x and y are both below
   * {@code 2^-500} the term is computed of {@code 2^600 x} and {@code 2^600 y} and scaled back
   * (it is homogeneous of degree 1): near the floor, or for subnormal x, it came out negative.
   * An infinite {@code y} (a prediction whose sum overflowed) gives an infinite term, not the NaN
   * of {@code -infinity + infinity}.
   */
  static double klTerm(double x, double y) {
    if (!(x > 0)) {
      return -x + y;
    }
    if (y == Double.POSITIVE_INFINITY) {
      return y; // a prediction beyond the double range: x log(x / y) - x + y tends to y
    }
    if (x < TINY && y < TINY) {
      return Math.scalb(klTerm(Math.scalb(x, TINY_SHIFT), Math.scalb(y, TINY_SHIFT)),
          -TINY_SHIFT);
    }
    double floored = Math.max(y, Double.MIN_NORMAL);
    double ratio = x / floored;
    double log = ratio > 0 && ratio < Double.POSITIVE_INFINITY ? Math.log(ratio)
        : Math.log(x) - Math.log(floored);
    return x * log - x + y;
  }

  /**
   * Configures a {@link RankSelection}; setters check their argument at once.
   *
   * <p>{@link #seed}: of the held-out sets and of the fits' starts, default 0.
   */
  public static final class Builder extends SeededBuilder<Builder> {
    private int[] ranks;
    private double holdoutFraction = 0.05;
    private int repeats = 3;
    private NmfTemplate template = NmfTemplate.DEFAULT;

    private Builder() {}

    private Builder(RankSelection selection) {
      RankSelectionSettings s = selection.settings();
      ranks = s.ranks().stream().mapToInt(Integer::intValue).toArray();
      holdoutFraction = s.holdoutFraction();
      repeats = s.repeats();
      seed(s.seed());
      template = selection.template;
      runAs(s.threads(), selection);
    }

    /**
     * The ranks to compare (required), in any order; they are compared ascending.
     *
     * @throws IllegalArgumentException if {@code ranks} is null or empty, holds a rank below 1
     *     (naming its position and value) or a rank twice
     */
    public Builder ranks(int... ranks) {
      Arguments.requireNonNull(ranks, "ranks");
      if (ranks.length == 0) {
        throw new IllegalArgumentException("ranks must not be empty");
      }
      for (int i = 0; i < ranks.length; i++) {
        if (ranks[i] < 1) {
          throw new IllegalArgumentException("ranks[" + i + "] must be >= 1, was " + ranks[i]);
        }
      }
      int[] sorted = ranks.clone();
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i] == sorted[i - 1]) {
          throw new IllegalArgumentException("ranks must be distinct, " + sorted[i]
              + " appears twice in " + Arrays.toString(ranks));
        }
      }
      this.ranks = sorted;
      return this;
    }

    /**
     * The ranks {@code from, from + 1, ..., to}.
     *
     * @throws IllegalArgumentException if {@code from < 1} or {@code to < from}
     */
    public Builder rankRange(int from, int to) {
      Arguments.requireAtLeast(from, 1, "from");
      if (to < from) {
        throw new IllegalArgumentException("to must be >= from (" + from + "), was " + to);
      }
      int[] range = new int[to - from + 1];
      for (int i = 0; i < range.length; i++) {
        range[i] = from + i;
      }
      this.ranks = range;
      return this;
    }

    /**
     * The share of the observed entries held out in each repeat (default 0.05).
     *
     * @throws IllegalArgumentException unless {@code 0 < fraction < 1}
     */
    public Builder holdoutFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("holdoutFraction must be in (0, 1), was " + fraction);
      }
      this.holdoutFraction = fraction;
      return this;
    }

    /**
     * The number of held-out sets, each fitted at every rank (default 3).
     *
     * @throws IllegalArgumentException if {@code repeats < 1}
     */
    public Builder repeats(int repeats) {
      this.repeats = Arguments.requireAtLeast(repeats, 1, "repeats");
      return this;
    }

    /**
     * The configuration of every fit: loss (Frobenius or Kullback-Leibler), solver,
     * penalties, initialization, iterations, tolerance (default {@code Nmf.builder()}'s). Its
     * rank, seed, missing values, threads, executor and listener are replaced. The builder is
     * copied now; later changes to it have no effect.
     *
     * @throws IllegalArgumentException if {@code template} is null, does not build, holds
     *     initial factors, or has a loss that missing values do not support
     */
    public Builder nmf(Nmf.Builder template) {
      NmfTemplate t = NmfTemplate.of(template);
      try {
        t.with(1, 0, MissingValues.IGNORE, 1, null);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("nmf template: " + e.getMessage(), e);
      }
      this.template = t;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException if no ranks were set
     */
    public RankSelection build() {
      if (ranks == null) {
        throw new IllegalStateException("ranks must be set");
      }
      List<Integer> list = new ArrayList<>();
      for (int r : ranks) {
        list.add(r);
      }
      return new RankSelection(new RankSelectionSettings(list, holdoutFraction, repeats,
          seedValue(), template.settings(), threadCount()), template, this);
    }

    /**
     * Shorthand for {@code build().fit(v)}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link RankSelection#fit} does
     * @throws java.util.concurrent.CancellationException as {@link RankSelection#fit} does
     */
    public RankSelectionResult fit(Matrix v) {
      return build().fit(v);
    }
  }
}

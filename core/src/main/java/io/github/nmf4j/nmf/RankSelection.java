package io.github.nmf4j.nmf;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.linalg.access.SparseAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

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
 * held out. A held-out entry whose row or column keeps no other observed entry cannot be
 * predicted (its row of W or column of H is fitted to nothing): every rank predicts it as about
 * 0, and it is scored all the same, adding about the same error to every rank; a repeat that
 * holds out only such entries (as any does of a {@code 1 x p} or {@code n x 1} V, or with a
 * holdout fraction near 1) is refused. Cost: {@code repeats x ranks} fits of masked NMF (see <a
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
   *     to hold out at least one and keep one, if a repeat holds out no entry whose row and
   *     column keep an observed entry (none the fits can predict; checked before any fit), or
   *     if a rank does not suit it (as {@link Nmf#fit})
   * @throws java.util.concurrent.CancellationException if the listener cancelled or the calling
   *     thread was interrupted (the interrupt flag stays set)
   */
  public RankSelectionResult fit(Matrix v) {
    return Parallel.using(executor().orElse(null), () -> {
      int[] observed = observedEntries(v);
      double[] data = MatrixAccess.data(v);
      int p = v.cols();
      double largest = 0;
      for (int e : observed) {
        largest = Math.max(largest, data[e]);
      }
      return crossValidate(observed, v.rows(), p, v.shape(), largest, e -> e / p, e -> e % p,
          hidden -> {
        double[] masked = data.clone();
        for (int e : hidden) {
          masked[e] = Double.NaN;
        }
        Matrix train = Matrix.wrap(v.rows(), p, masked);
        int[] rows = new int[hidden.length];
        int[] cols = new int[hidden.length];
        double[] values = new double[hidden.length];
        for (int t = 0; t < hidden.length; t++) {
          rows[t] = hidden[t] / p;
          cols[t] = hidden[t] % p;
          values[t] = data[hidden[t]];
        }
        return new Fold(nmf -> nmf.fit(train), rows, cols, values);
      });
    });
  }

  /**
   * Computes the held-out error of every rank on a sparse {@code v} whose unstored entries are
   * unknown rather than zero, such as a matrix of ratings: the observed entries are the stored
   * ones (a stored zero included), as {@link Nmf#fit(SparseMatrix)} reads V with {@link
   * MissingValues#IGNORE}. Each repeat holds out a share of the stored entries, fits the rest as
   * a sparse matrix (never densely), and scores the prediction at the held-out entries. The
   * {@link Builder#nmf template} must say {@code missingValues(MissingValues.IGNORE)}, to
   * confirm that reading; a sparse V whose unstored entries are zeros (counts, a TF-IDF matrix)
   * is {@code fit(v.toDense())}, which holds out zeros too, or {@link Consensus#fit(SparseMatrix)}.
   *
   * @throws IllegalArgumentException if {@code v} is null or empty or stores a negative value
   *     (the message names its row, column and value), if the template's missing values are not
   *     {@link MissingValues#IGNORE}, if v stores too few entries to hold out at least one and
   *     keep one, if a repeat holds out no entry whose row and column keep a stored entry (as
   *     {@link #fit(Matrix)}), or if a rank does not suit it (as {@link Nmf#fit(SparseMatrix)})
   * @throws java.util.concurrent.CancellationException as {@link #fit(Matrix)}
   */
  public RankSelectionResult fit(SparseMatrix v) {
    return Parallel.using(executor().orElse(null), () -> {
      SparseData.of(v, "v", Parallel.serial()); // Nmf.fit's checks, before any draw
      if (template.settings().missingValues() != MissingValues.IGNORE) {
        throw new IllegalArgumentException("v is sparse: cross-validation holds out stored "
            + "entries and takes the unstored ones as unknown (ratings), which the nmf "
            + "template must confirm with missingValues(MissingValues.IGNORE); if they are "
            + "zeros (counts, TF-IDF), pass v.toDense(), or use Consensus");
      }
      int[] pointers = SparseAccess.rowPointers(v);
      int[] columns = SparseAccess.columnIndices(v);
      double[] values = SparseAccess.values(v);
      int[] stored = new int[values.length];
      int[] rowOf = new int[values.length];
      for (int i = 0; i < v.rows(); i++) {
        for (int q = pointers[i]; q < pointers[i + 1]; q++) {
          stored[q] = q;
          rowOf[q] = i;
        }
      }
      double largest = 0;
      for (double x : values) {
        largest = Math.max(largest, x);
      }
      return crossValidate(stored, v.rows(), v.cols(), v.shape() + " sparse", largest,
          q -> rowOf[q], q -> columns[q], hidden -> {
        int kept = values.length - hidden.length;
        int[] trainPointers = new int[v.rows() + 1];
        int[] trainColumns = new int[kept];
        double[] trainValues = new double[kept];
        int[] rows = new int[hidden.length];
        int[] cols = new int[hidden.length];
        double[] heldValues = new double[hidden.length];
        int next = 0; // the next hidden position (hidden is ascending)
        int out = 0;
        for (int q = 0; q < values.length; q++) {
          if (next < hidden.length && hidden[next] == q) {
            rows[next] = rowOf[q];
            cols[next] = columns[q];
            heldValues[next++] = values[q];
          } else {
            trainColumns[out] = columns[q];
            trainValues[out++] = values[q];
            trainPointers[rowOf[q] + 1] = out;
          }
        }
        for (int i = 0; i < v.rows(); i++) {
          trainPointers[i + 1] = Math.max(trainPointers[i + 1], trainPointers[i]);
        }
        SparseMatrix train = SparseMatrix.wrapCsr(v.rows(), v.cols(), trainPointers,
            trainColumns, trainValues);
        return new Fold(nmf -> nmf.fit(train), rows, cols, heldValues);
      });
    });
  }

  /**
   * One repeat's split: the fit of a rank's NMF to the kept entries, and the hidden entries
   * (row, column, value), in ascending order of their position.
   */
  private record Fold(Function<Nmf, NmfModel> fit, int[] rows, int[] cols, double[] values) {}

  /**
   * The held-out errors of every rank and repeat of the {@code n x p} v: each repeat hides
   * {@code heldOut} of the {@code observed} positions (drawn from the seed) and {@code split}
   * makes its fold. {@code rowOf} and {@code colOf} give the row and column of a position.
   * The errors are computed in the scaled units of V's {@code largest} observed value ({@link
   * HeldOutErrors}), and the ranks compared on them.
   */
  private RankSelectionResult crossValidate(int[] observed, int n, int p, String shape,
      double largest, IntUnaryOperator rowOf, IntUnaryOperator colOf,
      Function<int[], Fold> split) {
    RankSelectionSettings s = settings();
    int[] ranks = s.ranks().stream().mapToInt(Integer::intValue).toArray();
    // before the first fit, the largest rank as a fit would check it (else the smaller ranks
    // were fitted, and their work lost, before the error)
    Initializer.requireRankSuits(Arrays.stream(ranks).max().orElse(1),
        template.settings().initialization().orElse(Initialization.RANDOM), n, p,
        " (the largest of ranks)");
    int held = (int) s.heldOut(observed.length);
    if (held < 1 || held >= observed.length) {
      throw new IllegalArgumentException("holdoutFraction " + s.holdoutFraction() + " of the "
          + observed.length + " observed entries of v (" + shape + ") holds out " + held
          + " entries; it must hold out at least one and keep at least one");
    }
    requirePredictable(observed, held, n, p, shape, rowOf, colOf);
    double[][] errors = new double[s.repeats()][ranks.length];
    Monitor monitor = Monitor.of("rank selection", listener(), s.repeats());
    SplittableRandom random = new SplittableRandom(s.seed());
    boolean kl = s.nmf().loss() == Loss.KULLBACK_LEIBLER;
    int halfExponent = HeldOutErrors.halfExponent(largest);
    int exponent = HeldOutErrors.exponent(halfExponent, kl);
    for (int r = 0; r < s.repeats(); r++) {
      SplittableRandom repeat = random.split();
      Fold fold = split.apply(sample(observed, held, repeat));
      long fitSeed = repeat.nextLong();
      for (int i = 0; i < ranks.length; i++) {
        NmfModel model = fold.fit().apply(template.with(ranks[i], fitSeed,
            MissingValues.IGNORE, s.threads(), executor().orElse(null)));
        errors[r][i] = HeldOutErrors.mean(model, fold.rows(), fold.cols(), fold.values(), kl,
            halfExponent);
        monitor.report(r, i + 1, ranks.length, Math.scalb(errors[r][i], exponent), Double.NaN);
      }
    }
    return new RankSelectionResult(s, ranks, errors, exponent);
  }

  /**
   * Checks, before any fit, that every repeat holds out at least one entry that the fits can
   * predict: one whose row and column each keep an observed entry to fit. The fits know nothing
   * of any other held-out entry (its row of W or column of H is fitted to no data), so every
   * rank predicts it as about 0; a repeat of such entries only would score every rank alike and
   * make the lowest rank the best by its tie. The held-out sets are drawn as {@link
   * #crossValidate} draws them, from a generator of their own: the fits' draws do not change.
   *
   * @throws IllegalArgumentException naming v's shape and the holdout fraction if a repeat
   *     holds out no predictable entry
   */
  private void requirePredictable(int[] observed, int held, int n, int p, String shape,
      IntUnaryOperator rowOf, IntUnaryOperator colOf) {
    RankSelectionSettings s = settings();
    int[] rowCounts = new int[n];
    int[] colCounts = new int[p];
    for (int e : observed) {
      rowCounts[rowOf.applyAsInt(e)]++;
      colCounts[colOf.applyAsInt(e)]++;
    }
    SplittableRandom random = new SplittableRandom(s.seed());
    for (int r = 0; r < s.repeats(); r++) {
      int[] hidden = sample(observed, held, random.split());
      if (!anyPredictable(hidden, rowCounts, colCounts, rowOf, colOf)) {
        // in words the command line shares: it passes this message on
        throw new IllegalArgumentException("a holdout fraction of " + s.holdoutFraction()
            + " holds out " + held + " of the " + observed.length + " observed entries of the "
            + shape + " matrix, and in repeat " + (r + 1) + " of " + s.repeats() + " each of "
            + "them lies in a row or a column with no other observed entry left to fit: every "
            + "rank predicts them as about 0 and scores the same, so the ranks cannot be "
            + "compared; use a lower holdout fraction, or a matrix with more rows and columns");
      }
    }
  }

  /**
   * Whether one of the {@code hidden} positions keeps an observed entry in its row and in its
   * column once all of them are hidden; {@code rowCounts} and {@code colCounts} count the
   * observed entries of every row and column.
   */
  private static boolean anyPredictable(int[] hidden, int[] rowCounts, int[] colCounts,
      IntUnaryOperator rowOf, IntUnaryOperator colOf) {
    int[] rowsKept = rowCounts.clone();
    int[] colsKept = colCounts.clone();
    for (int e : hidden) {
      rowsKept[rowOf.applyAsInt(e)]--;
      colsKept[colOf.applyAsInt(e)]--;
    }
    for (int e : hidden) {
      if (rowsKept[rowOf.applyAsInt(e)] > 0 && colsKept[colOf.applyAsInt(e)] > 0) {
        return true;
      }
    }
    return false;
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
     * @throws IllegalArgumentException if {@code from < 1}, {@code to < from}, or {@code to} is
     *     larger than any fit accepts (46,340: the {@code k x k} products must fit in a Java
     *     array)
     */
    public Builder rankRange(int from, int to) {
      Arguments.requireAtLeast(from, 1, "from");
      if (to < from) {
        throw new IllegalArgumentException("to must be >= from (" + from + "), was " + to);
      }
      long largest = Initializer.maxRank(1);
      if (to > largest) {
        throw new IllegalArgumentException("to must be <= " + largest + " (no fit takes a "
            + "larger rank: its k x k products would not fit in a Java array), was " + to);
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
     * rank, seed, threads, executor and listener are replaced, and every fit treats the hidden
     * entries as missing ({@link MissingValues#IGNORE}); a sparse V also needs the template's
     * {@code missingValues(MissingValues.IGNORE)} ({@link RankSelection#fit(SparseMatrix)}).
     * The builder is copied now; later changes to it have no effect.
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

    /**
     * Shorthand for {@code build().fit(v)}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link RankSelection#fit(SparseMatrix)} does
     * @throws java.util.concurrent.CancellationException as {@link
     *     RankSelection#fit(SparseMatrix)} does
     */
    public RankSelectionResult fit(SparseMatrix v) {
      return build().fit(v);
    }
  }
}

package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A mini-batch NMF fed one batch at a time, scikit-learn 1.2's {@code MiniBatchNMF.partial_fit}:
 * for rows that arrive in pieces or do not fit in memory together (stream them from a file and
 * call {@link #partialFit} on each batch). Made by {@link MiniBatchNmf.Builder#start(int)}.
 *
 * <pre>{@code
 * OnlineNmf online = MiniBatchNmf.builder().rank(20).start(784);
 * for (Matrix batch : batches) {
 *   Matrix w = online.partialFit(batch);   // the batch's W; H updated
 * }
 * Matrix h = online.components();
 * }</pre>
 *
 * <p>The first batch starts H (with the builder's initialization on that batch, or its initial
 * H). Each batch then takes one step of {@link MiniBatchNmf}'s algorithm with a fresh restart:
 * its W is solved with H fixed (at most {@link MiniBatchNmf.Builder#freshRestartsMaxIterations}
 * updates), then H is updated from the running sums, weighted by {@code rho =
 * forgetFactor^(min(batchSize, b1) / b1)} for a first batch of {@code b1} rows (so {@code
 * forgetFactor} itself for batches no larger than {@code batchSize}), as scikit-learn. A stream of
 * the batches of {@link MiniBatchNmf#fit} with fresh restarts, the same start and that fit's
 * {@code rho} as forget factor gives that fit's H exactly.
 *
 * <p>Huge or tiny values are handled as by {@link MiniBatchNmf#fit}: when the first batch's
 * largest value is beyond what the arithmetic survives, every batch is taken as a copy scaled by
 * the first batch's power of four, and W and H are returned in the caller's units. The units are
 * fixed by the first batch (H and the running sums are kept in them), so later batches whose
 * values lie some {@code 2^400} (about 1e120) or more away from the first batch's still overflow.
 *
 * <p>Not thread-safe: feed it from one thread. Its results do not depend on the thread count.
 */
public final class OnlineNmf {

  private final MiniBatchNmf config;
  private final MiniBatchNmfSettings settings;
  private final NmfSettings nmf;
  private final int features;
  private double[] h;
  private double[] a;
  private double[] b;
  private double rho;
  /** The units of H and the running sums, fixed by the first batch ({@link MiniBatchScale}). */
  private MiniBatchScale scale;
  private MiniBatchSolver solver;
  /** The most rows {@link #solver} was made for. */
  private int solverRows;
  private long steps;

  OnlineNmf(MiniBatchNmf config, int features) {
    this.config = config;
    this.settings = config.settings();
    this.nmf = settings.asNmfSettings();
    this.features = features;
    settings.initialH().ifPresent(h0 -> {
      if (h0.cols() != features) {
        throw new IllegalArgumentException("initial H (" + h0.shape() + ") must have "
            + Phrases.count(features, "column") + ", the features of this online fit");
      }
    });
  }

  /**
   * Updates H from {@code batch} ({@code b x features}, non-negative, read and never modified)
   * and returns the batch's W ({@code b x rank}), solved for H before the update. A call that
   * throws leaves this online fit as it was: H, the running sums and {@link #steps()} (after a
   * first batch that throws, there is still no batch).
   *
   * @throws IllegalArgumentException if {@code batch} is null or empty, has another number of
   *     columns, or holds a negative, NaN or infinite value, or a zero with a beta {@code <= 0}
   *     (the message names its row and column in the batch); or if it is the first batch and the
   *     builder's NNDSVD initialization needs {@code rank <= min(b, features)}
   * @throws java.util.concurrent.CancellationException if the calling thread was interrupted
   */
  public Matrix partialFit(Matrix batch) {
    return partialFit(par -> ScaledData.of(batch, "batch", par));
  }

  /**
   * As {@link #partialFit(Matrix)} for a sparse batch, read from its stored entries (never made
   * dense): the same W and H as the dense batch.
   *
   * @throws IllegalArgumentException as {@link #partialFit(Matrix)}
   * @throws java.util.concurrent.CancellationException if the calling thread was interrupted
   */
  public Matrix partialFit(SparseMatrix batch) {
    return partialFit(par -> ScaledData.of(batch, "batch", par));
  }

  private Matrix partialFit(Function<Parallel, ScaledData> read) {
    return Parallel.using(config.executor().orElse(null), () -> {
      Parallel par = Parallel.of(settings.threads());
      ScaledData data = read.apply(par);
      if (data.p != features) {
        throw new IllegalArgumentException("batch has " + Phrases.count(data.p, "column")
            + " (" + data.n + "x" + data.p + "), expected " + features);
      }
      return step(data, par);
    });
  }

  private Matrix step(ScaledData data, Parallel par) {
    BetaMu.requirePositiveIfNeeded(nmf, data, "batch");
    int k = settings.rank();
    if (h == null) {
      scale = MiniBatchScale.of(data, settings.beta());
    }
    // the batch in the units of H and the running sums, fixed by the first batch
    ScaledData stored = scale.data(data, par);
    double[] w = new double[data.n * k];
    if (h == null) {
      try {
        start(stored, par);
        step(stored, w);
      } catch (RuntimeException | Error e) {
        // a first batch that failed or was cancelled leaves no start: the next one starts H
        h = null;
        throw e;
      }
    } else {
      if (data.n > solverRows) {
        solver = new MiniBatchSolver(features, k, settings.beta(), settings.alphaW(),
            settings.alphaH(), settings.l1Ratio(), scale, data.n, par);
        solverRows = data.n;
      }
      // a later step that fails or is cancelled leaves H and the running sums as they were:
      // the solver updates them last, after its parallel work
      step(stored, w);
    }
    steps++;
    scale.toCaller(w);
    return Matrix.wrap(data.n, k, w);
  }

  /** The solver's step on the whole batch {@code data}: its W in {@code w}, H updated. */
  private void step(ScaledData data, double[] w) {
    solver.step(MiniBatchRows.of(data), 0, data.n, w, 0, h, true,
        settings.freshRestartsMaxIterations(), settings.tolerance(), a, b, rho);
  }

  /** Starts H from the first batch, {@code data} in {@link #scale}'s units. */
  private void start(ScaledData data, Parallel par) {
    int k = settings.rank();
    if (settings.initialH().isPresent()) {
      h = settings.initialH().get().toRowMajorArray();
      scale.toStored(h);
    } else {
      MiniBatchNmfSettings s = settings;
      h = MiniBatchFitter.start(new MiniBatchNmfSettings(s.rank(), s.loss(), s.beta(),
          s.batchSize(), s.forgetFactor(), s.maxIterations(), s.tolerance(),
          s.maxNoImprovement(), s.freshRestarts(), s.freshRestartsMaxIterations(),
          s.transformMaxIterations(), s.alphaW(), s.alphaH(), s.l1Ratio(),
          s.initialization(), Optional.empty(), Optional.empty(), s.seed(), s.threads()),
          nmf, data, scale, par)[1];
    }
    a = h.clone();
    b = new double[h.length];
    Arrays.fill(b, 1);
    int first = Math.min(settings.batchSize(), data.n);
    rho = Math.pow(settings.forgetFactor(), first / (double) data.n);
    solver = new MiniBatchSolver(features, k, settings.beta(), settings.alphaW(),
        settings.alphaH(), settings.l1Ratio(), scale, data.n, par);
    solverRows = data.n;
  }

  /** H ({@code rank x features}) after the batches so far: a copy. */
  public Matrix components() {
    if (h == null) {
      throw new IllegalStateException("no batch yet: call partialFit first");
    }
    double[] copy = h.clone();
    scale.toCaller(copy);
    return Matrix.wrap(settings.rank(), features, copy);
  }

  /** The number of batches taken so far. */
  public long steps() {
    return steps;
  }

  /** The settings of the mini-batch fit this online fit follows. */
  public MiniBatchNmfSettings settings() {
    return settings;
  }

  /**
   * The model of the batches so far: H, and W for {@code v} with H fixed (scikit-learn's {@code
   * transform}), as {@link NmfModel#transform} computes it.
   *
   * @throws IllegalStateException if no batch was taken yet
   * @throws IllegalArgumentException as {@link NmfModel#transform}
   */
  public Matrix transform(Matrix v) {
    return new NmfModel(nmf, null, null, components(), 0, 0, 0,
        false, new double[0], 0, RowSolver.MINI_BATCH).transform(v, config.executor().orElse(null));
  }
}

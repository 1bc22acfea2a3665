package io.github.nmf4j.cli;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.estimator.IterativeBuilder;
import java.util.Locale;

/**
 * The options every fitting command shares, declared and read in one place: {@code --max-iter},
 * {@code --tol}, {@code --seed}, {@code --restarts} and {@code --threads}, with the same names,
 * checks and messages everywhere. Each command gives its defaults, once for its help and once
 * for {@link #read}, and says in the help what an iteration, the tolerance and a restart are
 * for it.
 */
final class FitOptions {

  static final String THREADS = "threads (default: all processors)";

  private FitOptions() {}

  /** The help of {@code --max-iter}, {@code --tol} and {@code --restarts}, defaults included. */
  record Help(String maxIterations, String tolerance, String restarts) {}

  /** The values of the options, each checked: see {@link #read}. */
  record Values(int maxIterations, double tolerance, long seed, int restarts, int threads) {

    /** Sets the iteration limit, tolerance, seed and threads of {@code builder}. */
    <B extends IterativeBuilder<B>> B applyTo(B builder) {
      return builder.maxIterations(maxIterations).tolerance(tolerance).seed(seed)
          .threads(threads);
    }
  }

  /**
   * Adds {@code --max-iter}, {@code --tol}, {@code --seed}, {@code --restarts}, {@code --threads}.
   */
  static Options add(Options o, Help help) {
    return o.option("max-iter", "N", help.maxIterations())
        .option("tol", "T", help.tolerance())
        .option("seed", "S", "random seed (default 0)")
        .option("restarts", "R", help.restarts())
        .option("threads", "T", THREADS);
  }

  /**
   * The options {@link #add} declares, with these defaults when absent: {@code --max-iter} at
   * least 1, {@code --tol} finite and at least 0, {@code --restarts} at least 1, {@code --seed}
   * 0, {@code --threads} as {@link Preflight#threads}.
   *
   * @throws UsageException for a value that is not a number or out of range
   */
  static Values read(Args args, int maxIterations, double tolerance, int restarts) {
    return new Values(args.integer("max-iter", maxIterations, 1),
        args.number("tol", tolerance, 0), args.longValue("seed", 0),
        args.integer("restarts", restarts, 1), Preflight.threads(args));
  }

  /**
   * The k-means of {@code cluster} and {@code compress}: {@code k} clusters, the options' values,
   * and the progress bar showing each restart's iterations and inertia.
   */
  static KMeans.Builder kMeans(int k, Values values, ProgressBar bar) {
    return values.applyTo(KMeans.builder().k(k).restarts(values.restarts()))
        .listener(p -> bar.update(p.iteration(), values.maxIterations(), String.format(
            Locale.ROOT, "run %d/%d  inertia %.6g", p.restart() + 1, p.restarts(),
            p.loss().getAsDouble())));
  }
}

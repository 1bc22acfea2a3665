package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.estimator.ProgressListener;
import java.util.concurrent.Executor;

/**
 * The NMF configuration that {@link RankSelection} and {@link Consensus} apply to every fit they
 * run: a copy of the user's {@link Nmf.Builder} taken when it is handed over (so later changes to
 * that builder do not leak in), with the rank, the seed, the threads and the executor set per
 * fit.
 */
final class NmfTemplate {

  /** The default template: {@code Nmf.builder()}'s defaults. */
  static final NmfTemplate DEFAULT = new NmfTemplate(Nmf.builder().buildWithRank(1));

  private final Nmf nmf;

  private NmfTemplate(Nmf nmf) {
    this.nmf = nmf;
  }

  /**
   * A copy of {@code template}'s configuration.
   *
   * @throws IllegalArgumentException if {@code template} is null, does not build, or holds
   *     initial factors (which fix one rank and one start)
   */
  static NmfTemplate of(Nmf.Builder template) {
    Arguments.requireNonNull(template, "nmf template");
    // Checked before building: initial factors fix the rank, so building at the placeholder
    // rank would fail first, with a message about a rank 1 the caller never set.
    if (template.initialWValue().isPresent()) {
      throw new IllegalArgumentException("nmf template must not hold initial factors: every "
          + "fit starts from its own rank and seed (choose an initialization instead)");
    }
    try {
      return new NmfTemplate(template.buildWithRank(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nmf template: " + e.getMessage(), e);
    }
  }

  /** This template with {@link Initialization#RANDOM} starts. */
  NmfTemplate withRandomStart() {
    return new NmfTemplate(nmf.toBuilder().initialization(Initialization.RANDOM).build());
  }

  /** The template's settings (its rank is a placeholder). */
  NmfSettings settings() {
    return nmf.settings();
  }

  /** The NMF of one fit. */
  Nmf with(int rank, long seed, MissingValues missingValues, int threads, Executor executor) {
    return nmf.toBuilder().rank(rank).seed(seed).missingValues(missingValues).threads(threads)
        .executor(executor).listener(ProgressListener.NONE).build();
  }
}

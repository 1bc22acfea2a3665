package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.KMeansSettings;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import org.junit.jupiter.api.Test;

/**
 * {@link FitOptions}: the options every fitting command declares and reads the same way, with
 * each command's defaults.
 */
class FitOptionsTest {

  private static final FitOptions.Help HELP = new FitOptions.Help("iterations (default 9)",
      "tolerance (default 0.5)", "restarts (default 2)");

  private static Args parse(String... args) {
    return FitOptions.add(new Options(), HELP).parse("test", args, 0);
  }

  @Test
  void absentOptionsTakeTheCommandsDefaults() {
    FitOptions.Values v = FitOptions.read(parse(), 9, 0.5, 2);
    assertThat(v.maxIterations()).isEqualTo(9);
    assertThat(v.tolerance()).isEqualTo(0.5);
    assertThat(v.restarts()).isEqualTo(2);
    assertThat(v.seed()).isZero();
    assertThat(v.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void givenOptionsReachTheBuilder() {
    FitOptions.Values v = FitOptions.read(parse("--max-iter", "7", "--tol", "0.25", "--seed",
        " -3 ", "--restarts", "4", "--threads", "1"), 9, 0.5, 2);
    KMeansSettings s = FitOptions.kMeans(3, v, new ProgressBar(null, "test")).build().settings();
    assertThat(s.k()).isEqualTo(3);
    assertThat(s.maxIterations()).isEqualTo(7);
    assertThat(s.tolerance()).isEqualTo(0.25);
    assertThat(s.seed()).isEqualTo(-3);
    assertThat(s.restarts()).isEqualTo(4);
    assertThat(s.threads()).isEqualTo(1);
    assertThat(v.applyTo(MiniBatchKMeans.builder()).build().settings().maxIterations())
        .isEqualTo(7);
  }

  @Test
  void everyValueIsCheckedWithItsName() {
    assertThatThrownBy(() -> FitOptions.read(parse("--max-iter", "0"), 9, 0.5, 2))
        .hasMessage("--max-iter must be >= 1, was 0");
    assertThatThrownBy(() -> FitOptions.read(parse("--tol", "-1"), 9, 0.5, 2))
        .hasMessage("--tol must be a finite number >= 0.0, was -1");
    assertThatThrownBy(() -> FitOptions.read(parse("--seed", "x"), 9, 0.5, 2))
        .hasMessage("--seed must be an integer, was 'x'");
    assertThatThrownBy(() -> FitOptions.read(parse("--restarts", "0"), 9, 0.5, 2))
        .hasMessage("--restarts must be >= 1, was 0");
    assertThatThrownBy(() -> FitOptions.read(parse("--threads", "100000"), 9, 0.5, 2))
        .hasMessageStartingWith("--threads must be between 1 and");
  }

  @Test
  void theHelpShowsEachCommandsText() {
    assertThat(FitOptions.add(new Options(), HELP).help("test", "Tests."))
        .contains("--max-iter N", "iterations (default 9)", "--tol T", "tolerance (default 0.5)",
            "--seed S", "random seed (default 0)", "--restarts R", "restarts (default 2)",
            "--threads T", "threads (default: all processors)");
  }
}

package io.github.nmf4j.api;

import static io.github.nmf4j.api.ContractCases.build;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.api.ContractCases.Case;
import io.github.nmf4j.api.ContractCases.RunAs;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.estimator.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first contract of every estimator: {@code toBuilder().build()} is an estimator equal in
 * every setting to the original, with the same executor and listener, and a copy derived from it
 * is independent of the original (and of the builder it came from, once built).
 */
class ToBuilderContractTest {

  static Stream<Case> cases() {
    return ContractCases.cases().stream();
  }

  /**
   * Catches a {@code toBuilder()} that drops a setting or resets it to its default (the copy's
   * settings record differs), that forgets the executor or the listener, or that gives another
   * type of estimator.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void toBuilderBuildsAnEqualEstimator(Case c) {
    Executor executor = Runnable::run;
    ProgressListener listener = p -> { };
    Estimator<?> original = c.estimator(new RunAs(3, executor, listener));
    Estimator<?> copy = build(original.toBuilder());
    assertThat(copy).isNotSameAs(original).isExactlyInstanceOf(original.getClass());
    assertThat(copy.settings()).isEqualTo(original.settings());
    assertThat(copy.settings().toString()).isEqualTo(original.settings().toString());
    assertThat(copy.executor()).containsSame(executor);
    assertThat(copy.listener()).isSameAs(listener);
    Estimator<?> twice = build(copy.toBuilder());
    assertThat(twice.settings()).isEqualTo(original.settings());
    assertThat(twice.executor()).containsSame(executor);
    assertThat(twice.listener()).isSameAs(listener);
  }

  /**
   * Catches a {@code toBuilder()} that shares mutable state with its estimator (or with the
   * builders' shared defaults), so that changing the copy changes the original or estimators
   * built later; and a builder whose later changes reach an estimator it has already built.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void changingACopyLeavesTheOriginalAlone(Case c) {
    Estimator<?> original = c.estimator(RunAs.threads(2));
    Record pristine = c.estimator(RunAs.threads(2)).settings();

    Estimator<?> changed = c.changed().apply(original);
    assertThat(changed.settings()).as("the changed copy").isNotEqualTo(pristine);

    EstimatorBuilder<?> builder = original.toBuilder();
    builder.threads(5).executor(Runnable::run).listener(p -> { });
    Estimator<?> derived = build(builder);
    Record derivedSettings = derived.settings();
    builder.threads(7).executor(null).listener(ProgressListener.NONE);
    c.changed().apply(build(builder));

    assertThat(derived.settings()).as("built before the builder changed")
        .isEqualTo(derivedSettings);
    assertThat(derived.executor()).isPresent();
    assertThat(derived.listener()).isNotSameAs(ProgressListener.NONE);
    assertThat(original.settings()).isEqualTo(pristine);
    assertThat(original.settings().toString()).isEqualTo(pristine.toString());
    assertThat(original.executor()).isEmpty();
    assertThat(original.listener()).isSameAs(ProgressListener.NONE);
    assertThat(c.estimator(RunAs.threads(2)).settings()).as("an estimator built afterwards")
        .isEqualTo(pristine);
  }

  /**
   * Catches a new estimator that the contract tests do not run: every concrete subclass of
   * {@link Estimator} in the library must have a case in {@link ContractCases}.
   */
  @Test
  void everyEstimatorIsCovered() throws IOException, URISyntaxException {
    Path root = Path.of(Estimator.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Set<String> estimators = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = load(name);
        if (Estimator.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
          estimators.add(type.getName());
        }
      }
    }
    Set<String> covered = ContractCases.cases().stream()
        .map(c -> c.estimator(RunAs.threads(1)).getClass().getName())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(estimators).hasSizeGreaterThanOrEqualTo(10);
    assertThat(covered).isEqualTo(estimators);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Estimator.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}

package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Degenerate and extreme inputs, and cancellation. */
class NmfRobustnessTest {

  private static void assertFiniteFit(Matrix v, Loss loss, Initialization init) {
    NmfModel model = assertFiniteFactors(v, loss, init);
    assertThat(model.reconstructionError()).isFinite();
  }

  /**
   * Finite factors and relative error; the reconstruction error itself is in the units of V and
   * may exceed the double range when V's values come close to {@link Double#MAX_VALUE}.
   */
  private static NmfModel assertFiniteFactors(Matrix v, Loss loss, Initialization init) {
    NmfModel model = Nmf.builder().rank(3).loss(loss).initialization(init).maxIterations(30)
        .fit(v);
    assertThat(TestMatrices.allFiniteNonNegative(model.w())).as("W, %s %s", loss, init)
        .isTrue();
    assertThat(TestMatrices.allFiniteNonNegative(model.h())).as("H, %s %s", loss, init)
        .isTrue();
    assertThat(model.relativeError()).isFinite();
    // Losses are in V's units: a poor start (NNDSVDA's fill of mean(V), far from sqrt(V) when V
    // is near 1e300) can have a loss beyond the double range, but never NaN.
    for (double loss2 : model.lossHistory()) {
      assertThat(loss2).isNotNaN();
    }
    Matrix w = model.transform(v);
    assertThat(TestMatrices.allFiniteNonNegative(w)).isTrue();
    return model;
  }

  @ParameterizedTest
  @EnumSource(Initialization.class)
  void valuesFrom1e300To1eMinus300GiveFiniteFactors(Initialization init) {
    SplittableRandom r = new SplittableRandom(5);
    int n = 30;
    int p = 20;
    double[] values = new double[n * p];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.pow(10, -300 + 600 * r.nextDouble());
    }
    values[7] = 1e300;
    values[8] = 1e-300;
    Matrix v = Matrix.wrap(n, p, values);
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      assertFiniteFit(v, loss, init);
      assertFiniteFit(v.scale(1e-300), loss, init);
      assertFiniteFit(TestMatrices.uniform(n, p, 1, 6).scale(1e300), loss, init);
      assertFiniteFit(TestMatrices.uniform(n, p, 1, 7).scale(1e-300), loss, init);
      assertFiniteFactors(TestMatrices.uniform(n, p, 1, 7).scale(Double.MIN_VALUE), loss, init);
      assertFiniteFactors(TestMatrices.uniform(n, p, 1, 7).scale(Double.MAX_VALUE), loss, init);
    }
  }

  @ParameterizedTest
  @EnumSource(Initialization.class)
  void zeroMatricesRowsAndColumnsGiveFiniteFactors(Initialization init) {
    Matrix zero = Matrix.zeros(12, 9);
    double[][] zeroRow = TestMatrices.uniform(12, 9, 2, 8).toArray();
    zeroRow[4] = new double[9];
    double[][] zeroColumn = TestMatrices.uniform(12, 9, 2, 9).toArray();
    for (double[] row : zeroColumn) {
      row[2] = 0;
    }
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      assertFiniteFit(zero, loss, init);
      assertFiniteFit(Matrix.of(zeroRow), loss, init);
      assertFiniteFit(Matrix.of(zeroColumn), loss, init);
    }
    NmfModel model = Nmf.builder().rank(2).initialization(init).fit(zero);
    assertThat(model.reconstructionError()).isZero();
    assertThat(model.relativeError()).isZero();
    NmfModel rows = Nmf.builder().rank(2).initialization(init).fit(Matrix.of(zeroRow));
    assertThat(rows.w().row(4)).containsOnly(0.0);
  }

  @Test
  void theListenerCanCancel() {
    AtomicInteger calls = new AtomicInteger();
    Nmf nmf = Nmf.builder().rank(2).maxIterations(100)
        .listener(p -> {
          calls.incrementAndGet();
          if (p.iteration() == 5) {
            p.cancel();
          }
        })
        .build();
    assertThatThrownBy(() -> nmf.fit(TestMatrices.uniform(20, 10, 1, 10)))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("cancelled by its listener");
    assertThat(calls).hasValue(5);
  }

  @ParameterizedTest
  @EnumSource(value = Loss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
  void anInterruptCancelsPromptlyAndKeepsTheFlag(Loss loss) {
    AtomicInteger calls = new AtomicInteger();
    Nmf nmf = Nmf.builder().rank(2).loss(loss).maxIterations(100).threads(2)
        .listener(p -> {
          if (calls.incrementAndGet() == 3) {
            Thread.currentThread().interrupt();
          }
        })
        .build();
    try {
      assertThatThrownBy(() -> nmf.fit(TestMatrices.uniform(600, 30, 1, 11)))
          .isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(calls).hasValue(3);
    } finally {
      Thread.interrupted();
    }
  }

  /** A fit on another thread, interrupted from outside while it runs on two threads. */
  @Test
  void anInterruptFromAnotherThreadEndsTheFit() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Nmf nmf = Nmf.builder().rank(5).loss(Loss.KULLBACK_LEIBLER).maxIterations(1_000_000)
        .tolerance(0).threads(2).listener(p -> running.countDown()).build();
    Matrix v = TestMatrices.uniform(3000, 50, 1, 12);
    Thread fitter = new Thread(() -> {
      try {
        nmf.fit(v);
      } catch (Throwable t) {
        outcome.set(t);
      }
    });
    fitter.start();
    assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
    fitter.interrupt();
    fitter.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(fitter.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(CancellationException.class);
  }
}

package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad input is rejected with a message that names it; inputs are never modified. */
class NmfValidationTest {

  private static final Matrix V = TestMatrices.uniform(6, 8, 1, 1);

  private static Matrix withValue(double value, int row, int col) {
    double[][] a = V.toArray();
    a[row][col] = value;
    return Matrix.of(a);
  }

  @Test
  void negativeEntryNamesRowColumnAndValue() {
    assertThatThrownBy(() -> Nmf.builder().rank(2).fit(withValue(-0.5, 3, 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative value -0.5 at row 3, column 7");
  }

  @Test
  void nanAndInfinityAreRejected() {
    assertThatThrownBy(() -> Nmf.builder().rank(2).fit(withValue(Double.NaN, 2, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN at row 2, column 1");
    assertThatThrownBy(
            () -> Nmf.builder().rank(2).fit(withValue(Double.POSITIVE_INFINITY, 0, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("infinite value Infinity at row 0, column 5");
  }

  @Test
  void firstBadValueInRowMajorOrderIsReported() {
    double[][] a = V.toArray();
    a[4][2] = -1;
    a[1][6] = Double.NaN;
    assertThatThrownBy(() -> Nmf.builder().rank(2).fit(Matrix.of(a)))
        .hasMessageContaining("NaN at row 1, column 6");
  }

  @Test
  void emptyAndNullMatricesAreRejected() {
    assertThatThrownBy(() -> Nmf.builder().rank(1).fit(Matrix.zeros(0, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v must not be empty, was 0x5");
    assertThatThrownBy(() -> Nmf.builder().rank(1).fit(Matrix.zeros(4, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 4x0");
    assertThatThrownBy(() -> Nmf.builder().rank(1).fit((Matrix) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v must not be null");
  }

  @Test
  void builderSettingsAreCheckedAtOnce() {
    assertThatThrownBy(() -> Nmf.builder().rank(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rank must be >= 1, was 0");
    assertThatThrownBy(() -> Nmf.builder().tolerance(-1e-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be finite and >= 0, was -0.001");
    assertThatThrownBy(() -> Nmf.builder().tolerance(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Nmf.builder().maxIterations(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxIterations must be >= 1, was 0");
    assertThatThrownBy(() -> Nmf.builder().restarts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("restarts must be >= 1, was 0");
    assertThatThrownBy(() -> Nmf.builder().checkEvery(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkEvery must be >= 1, was 0");
    assertThatThrownBy(() -> Nmf.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be >= 1, was 0");
    assertThatThrownBy(() -> Nmf.builder().loss(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("loss must not be null");
    assertThatThrownBy(() -> Nmf.builder().listener(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("listener must not be null");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1e-10, Double.NaN, Double.POSITIVE_INFINITY})
  void epsilonMustBePositiveAndFinite(double epsilon) {
    assertThatThrownBy(() -> Nmf.builder().epsilon(epsilon))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("epsilon must be finite and > 0, was " + epsilon);
  }

  @Test
  void rankIsRequired() {
    assertThatThrownBy(() -> Nmf.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rank must be set");
  }

  @ParameterizedTest
  @EnumSource(value = Initialization.class, names = {"NNDSVD", "NNDSVDA", "NNDSVDAR"})
  void nndsvdNeedsRankAtMostMinOfTheShape(Initialization init) {
    assertThatThrownBy(() -> Nmf.builder().rank(7).initialization(init).fit(V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(init + " needs rank <= min(n, p) = 6 for a 6x8 matrix, was 7");
  }

  @Test
  void aRankWhoseFactorsCannotBeArraysIsRefused() {
    // 6x8: W is 6 x k, H k x 8 and H H' k x k; k x k fits up to k = 46,340
    assertThatThrownBy(() -> Nmf.builder().rank(1_000_000_000).fit(V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rank must be <= 46340 for a 6x8 matrix (W, H and their k x k products "
            + "must each fit in a Java array), was 1000000000");
    assertThatThrownBy(() -> MiniBatchNmf.builder().rank(46_341).fit(V))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 46341");
  }

  @Test
  void randomInitializationAllowsAnyRank() {
    NmfModel model = Nmf.builder().rank(9).initialization(Initialization.RANDOM)
        .maxIterations(5).fit(V);
    assertThat(model.rank()).isEqualTo(9);
  }

  @Test
  void customFactorsOfTheWrongShapeAreRejected() {
    Nmf nmf = Nmf.builder()
        .initialFactors(TestMatrices.uniform(5, 2, 1, 2), TestMatrices.uniform(2, 8, 1, 3))
        .build();
    assertThatThrownBy(() -> nmf.fit(V))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initial factors must be 6x2 and 2x8 for a 6x8 matrix at rank 2, were 5x2"
            + " and 2x8");
    assertThatThrownBy(() -> Nmf.builder()
            .initialFactors(TestMatrices.uniform(6, 2, 1, 2), TestMatrices.uniform(3, 8, 1, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial W (6x2) has 2 columns but initial H (3x8) has 3 rows");
    assertThatThrownBy(() -> Nmf.builder().rank(3)
            .initialFactors(TestMatrices.uniform(6, 2, 1, 2), TestMatrices.uniform(2, 8, 1, 3))
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank 3 differs from the rank 2 of the initial factors");
  }

  @Test
  void customFactorsWithNegativeEntriesAreRejected() {
    double[][] h = TestMatrices.uniform(2, 8, 1, 3).toArray();
    h[1][4] = -2;
    assertThatThrownBy(
            () -> Nmf.builder().initialFactors(TestMatrices.uniform(6, 2, 1, 2), Matrix.of(h)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative value -2.0 at row 1, column 4 of initial H");
  }

  @Test
  void transformNeedsTheFittedColumnCount() {
    NmfModel model = Nmf.builder().rank(2).maxIterations(5).fit(V);
    assertThatThrownBy(() -> model.transform(TestMatrices.uniform(3, 7, 1, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x must have 8 columns (as the data the model was fitted on), was 3x7");
    assertThatThrownBy(() -> model.transform(withValue(-3, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative value -3.0 at row 0, column 0 of x");
    assertThatThrownBy(() -> model.inverseTransform(TestMatrices.uniform(3, 3, 1, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("w must have 2 columns (the rank), was 3x3");
  }

  @Test
  void inputsAreNeverModified() {
    Matrix v = TestMatrices.uniform(30, 20, 5, 8);
    Matrix w0 = TestMatrices.uniform(30, 3, 1, 9);
    Matrix h0 = TestMatrices.uniform(3, 20, 1, 10);
    double[] vBefore = v.toRowMajorArray();
    double[] wBefore = w0.toRowMajorArray();
    double[] hBefore = h0.toRowMajorArray();
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      NmfModel model = Nmf.builder().loss(loss).initialFactors(w0, h0).maxIterations(20).fit(v);
      model.transform(v);
    }
    assertThat(v.toRowMajorArray()).isEqualTo(vBefore);
    assertThat(w0.toRowMajorArray()).isEqualTo(wBefore);
    assertThat(h0.toRowMajorArray()).isEqualTo(hBefore);
  }
}

package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.api.ContractCases.Fit;
import io.github.nmf4j.api.ContractData.Input;
import io.github.nmf4j.api.ContractCases.RunAs;
import io.github.nmf4j.cluster.Distance;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fourth contract: a fit never modifies its input. Each input is wrapped around arrays the
 * test keeps ({@code Matrix.wrap}, {@code SparseMatrix.wrapCsr}, an image of wrapped channels),
 * so that a fit writing to its input's storage shows as a changed array.
 */
class InputContractTest {

  static Stream<Fit> fits() {
    return ContractCases.fits();
  }

  /**
   * Catches a fit that centres, scales, normalizes, clips, sorts or fills in missing values in
   * place, in the storage of the caller's matrix (dense or sparse) or image.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void aFitLeavesItsInputAlone(Fit fit) {
    Input input = fit.path().input();
    fit.path().fit().apply(fit.estimator().estimator(RunAs.threads(3)), input.value());
    assertThat(input.unchanged()).as("the input's arrays are unchanged").isTrue();
  }

  /**
   * Catches a k-means fit that starts Lloyd's iterations in the storage of the initial centroids
   * it was given (or scales them there to unit length for the cosine distance).
   */
  @Test
  void kMeansLeavesItsInitialCentroidsAlone() {
    double[] digits = ContractData.digits(300);
    for (Distance distance : Distance.values()) {
      Input centroids = Input.dense(5, 64, ContractData.digits(5));
      KMeans.builder().initialCentroids((Matrix) centroids.value()).distance(distance)
          .maxIterations(20).threads(2).fit(Matrix.wrap(300, 64, digits));
      assertThat(centroids.unchanged()).as("%s: the initial centroids", distance).isTrue();
    }
  }

  /**
   * Catches an NMF fit that updates W and H in the storage of the initial factors it was given,
   * or scales them there to the data's units.
   */
  @Test
  void nmfLeavesItsInitialFactorsAlone() {
    Matrix v = Matrix.wrap(300, 64, ContractData.digits(300));
    for (Solver solver : Solver.values()) {
      Input w0 = Input.dense(300, 3, filled(300 * 3, 0.5));
      Input h0 = Input.dense(3, 64, filled(3 * 64, 1.5));
      Nmf.builder().initialFactors((Matrix) w0.value(), (Matrix) h0.value()).solver(solver)
          .maxIterations(10).threads(2).fit(v);
      assertThat(w0.unchanged() && h0.unchanged()).as("%s: the initial factors", solver).isTrue();
    }
    Input w0 = Input.dense(300, 3, filled(300 * 3, 0.5));
    Input h0 = Input.dense(3, 64, filled(3 * 64, 1.5));
    MiniBatchNmf.builder().initialFactors((Matrix) w0.value(), (Matrix) h0.value())
        .batchSize(64).maxIterations(2).threads(2).fit(v);
    assertThat(w0.unchanged() && h0.unchanged()).as("mini-batch: the initial factors").isTrue();
  }

  /**
   * Catches a model's {@code transform}, {@code inverseTransform}, {@code predict} or {@code
   * impute} that writes to the storage of the matrix it is given (scales, centres or fills it in
   * place), dense or sparse.
   */
  @Test
  void theModelsLeaveWhatTheyTransformAlone() {
    int n = 300;
    Matrix points = Matrix.wrap(n, 64, ContractData.digits(n));
    List<Input> inputs = new ArrayList<>();
    IntFunction<Input> dense = k -> add(inputs, Input.dense(n, k, scaled(n * k)));
    IntFunction<Input> sparse = k -> add(inputs, Input.sparse(n, 64, ContractData.digits(n)));

    KMeansModel kMeans = KMeans.builder().k(4).threads(2).fit(points);
    kMeans.predict((Matrix) dense.apply(64).value());
    kMeans.transform((Matrix) dense.apply(64).value());
    kMeans.predict((SparseMatrix) sparse.apply(64).value());
    kMeans.transform((SparseMatrix) sparse.apply(64).value());

    NmfModel nmf = Nmf.builder().rank(3).maxIterations(5).threads(2).fit(points);
    nmf.transform((Matrix) dense.apply(64).value());
    nmf.transform((SparseMatrix) sparse.apply(64).value());
    nmf.inverseTransform((Matrix) dense.apply(3).value());
    double[] missing = scaled(n * 64);
    missing[5] = Double.NaN;
    nmf.impute((Matrix) add(inputs, Input.dense(n, 64, missing)).value());

    PcaModel pca = Pca.builder().components(3).threads(2).fit(points);
    pca.transform((Matrix) dense.apply(64).value());
    pca.inverseTransform((Matrix) dense.apply(3).value());

    for (int i = 0; i < inputs.size(); i++) {
      assertThat(inputs.get(i).unchanged()).as("input %d", i).isTrue();
    }
  }

  private static Input add(List<Input> inputs, Input input) {
    inputs.add(input);
    return input;
  }

  /** {@code size} values in [0, 16), none zero. */
  private static double[] scaled(int size) {
    double[] a = new double[size];
    for (int i = 0; i < size; i++) {
      a[i] = 0.25 + (i * 7 % 61) / 4.0;
    }
    return a;
  }

  private static double[] filled(int size, double start) {
    double[] a = new double[size];
    for (int i = 0; i < size; i++) {
      a[i] = start + (i % 7) * 0.125;
    }
    return a;
  }
}

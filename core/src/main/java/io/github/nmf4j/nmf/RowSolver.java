package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;

/**
 * How an {@link NmfModel} solves W for new rows with its H fixed ({@link NmfModel#transform}),
 * chosen by the estimator that made the model: scikit-learn's {@code NMF.transform} for {@link
 * Nmf} and {@code MiniBatchNMF.transform} for {@link MiniBatchNmf} differ in their update and
 * their stopping test.
 */
enum RowSolver {

  /**
   * {@link Nmf}'s: the fit's update rule on W alone from {@code sqrt(mean(x) / k)}, stopped by
   * the fit's loss test every {@code checkEvery} iterations ({@link Fitter#transform}).
   */
  FIT {
    @Override
    Matrix solve(NmfModel model, Matrix x) {
      return Fitter.transform(model, x);
    }

    @Override
    Matrix solve(NmfModel model, SparseMatrix x) {
      return Fitter.transform(model, x);
    }
  },

  /**
   * {@link MiniBatchNmf}'s, scikit-learn's {@code _solve_W}: the mini-batch arithmetic's W
   * update from {@code sqrt(mean(x) / k)}, stopped when W's relative change is at most the
   * tolerance, checked after every update ({@link MiniBatchFitter#transform}).
   */
  MINI_BATCH {
    @Override
    Matrix solve(NmfModel model, Matrix x) {
      Arguments.requireNonNull(x, "x");
      Parallel par = Parallel.of(model.settings().threads());
      return MiniBatchFitter.transform(model, ScaledData.of(x, "x", par), par);
    }

    @Override
    Matrix solve(NmfModel model, SparseMatrix x) {
      Arguments.requireNonNull(x, "x");
      Parallel par = Parallel.of(model.settings().threads());
      return MiniBatchFitter.transform(model, ScaledData.of(x, "x", par), par);
    }
  };

  /** W ({@code x.rows() x k}) for the rows of the dense {@code x}. */
  abstract Matrix solve(NmfModel model, Matrix x);

  /** W ({@code x.rows() x k}) for the rows of the sparse {@code x}, never densified. */
  abstract Matrix solve(NmfModel model, SparseMatrix x);
}

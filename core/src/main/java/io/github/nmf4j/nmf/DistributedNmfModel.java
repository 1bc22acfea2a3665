package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;

/**
 * The result of a {@link DistributedNmf} fit: H, how well WH reconstructs V and how the fit went.
 * W stays with the blocks that hold V. Immutable; the constructor copies the loss history and
 * {@link #lossHistory()} returns a copy, so a model is equal only to itself.
 *
 * @param settings the settings of the fit (seed included; no executor or listener)
 * @param components H, {@code k x p}: the components, as {@link NmfModel#h()}
 * @param rows the number of rows of V
 * @param reconstructionError as {@link NmfModel#reconstructionError()}: computed exactly from
 *     the final factors
 * @param relativeError as {@link NmfModel#relativeError()}: {@code ||V - WH||_F / ||V||_F}
 * @param iterations the iterations run
 * @param converged whether the convergence test was met before the iteration limit
 * @param lossHistory as {@link NmfModel#lossHistory()}: the initial loss, then every {@code
 *     checkEvery}
 */
public record DistributedNmfModel(NmfSettings settings, Matrix components, long rows,
    double reconstructionError, double relativeError, int iterations, boolean converged,
    double[] lossHistory) {

  /**
   * Checks that the parts agree and copies {@code lossHistory}.
   *
   * @throws IllegalArgumentException if a part is null, {@code components} does not have {@code
   *     settings.rank()} rows, or {@code rows} or {@code iterations} is negative
   */
  public DistributedNmfModel {
    Arguments.requireNonNull(settings, "settings");
    Arguments.requireNonNull(components, "components");
    lossHistory = Arguments.requireNonNull(lossHistory, "lossHistory").clone();
    if (components.rows() != settings.rank()) {
      throw new IllegalArgumentException("components must have "
          + Phrases.count(settings.rank(), "row") + " (settings.rank()), was "
          + components.shape());
    }
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
    Arguments.requireAtLeast(iterations, 0, "iterations");
  }

  /**
   * As {@link NmfModel#lossHistory()}: the initial loss, then every {@code checkEvery} (a copy).
   */
  @Override
  public double[] lossHistory() {
    return lossHistory.clone();
  }

  /**
   * {@link DistributedNmf#transformRows}: W for each row of {@code x} alone, with H fixed.
   *
   * @throws IllegalArgumentException as {@link DistributedNmf#transformRows}
   */
  public Matrix transformRows(Matrix x) {
    return DistributedNmf.transformRows(settings, components, x);
  }

  @Override
  public String toString() {
    return "DistributedNmfModel[" + rows + "x" + components.cols() + ", rank "
        + components.rows() + ", " + settings.loss() + ", reconstructionError "
        + reconstructionError + ", iterations " + iterations + (converged ? ", converged" : "")
        + "]";
  }
}

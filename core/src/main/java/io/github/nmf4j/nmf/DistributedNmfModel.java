package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;

/**
 * The result of a {@link DistributedNmf} fit: H, how well WH reconstructs V and how the fit went.
 * W stays with the blocks that hold V. Immutable; arrays returned are copies.
 */
public final class DistributedNmfModel {

  private final NmfSettings settings;
  private final Matrix components;
  private final long rows;
  private final double reconstructionError;
  private final double relativeError;
  private final int iterations;
  private final boolean converged;
  private final double[] lossHistory;

  DistributedNmfModel(NmfSettings settings, Matrix components, long rows, double reconstructionError,
      double relativeError, int iterations, boolean converged, double[] lossHistory) {
    this.settings = settings;
    this.components = components;
    this.rows = rows;
    this.reconstructionError = reconstructionError;
    this.relativeError = relativeError;
    this.iterations = iterations;
    this.converged = converged;
    this.lossHistory = lossHistory;
  }

  /** The settings of the fit (seed included; no executor or listener). */
  public NmfSettings settings() {
    return settings;
  }

  /** H, {@code k x p}: the components, as {@link NmfModel#h()}. */
  public Matrix components() {
    return components;
  }

  /** The number of rows of V. */
  public long rows() {
    return rows;
  }

  /** As {@link NmfModel#reconstructionError()}: computed exactly from the final factors. */
  public double reconstructionError() {
    return reconstructionError;
  }

  /** As {@link NmfModel#relativeError()}: {@code ||V - WH||_F / ||V||_F}. */
  public double relativeError() {
    return relativeError;
  }

  /** The iterations run. */
  public int iterations() {
    return iterations;
  }

  /** Whether the convergence test was met before the iteration limit. */
  public boolean converged() {
    return converged;
  }

  /** As {@link NmfModel#lossHistory()}: the initial loss, then every {@code checkEvery}. */
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

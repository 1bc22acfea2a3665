package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.Matrix;

/**
 * A fitted spectral clustering: the labels, the spectral embedding they came from, the
 * eigenvalues of the normalized Laplacian, and the {@link SpectralSettings} of the fit.
 *
 * <p>Immutable and safe to share between threads; the constructor copies the arrays and
 * accessors return copies, so a model is equal only to itself.
 *
 * @param settings the settings this model was fitted with (no executor or listener)
 * @param labels the cluster of every point, in {@code [0, clusters)}
 * @param embedding the spectral embedding, {@code n x clusters}: column {@code j} is {@code
 *     D^-1/2 u_j} for the eigenvector {@code u_j} of the {@code j}-th smallest eigenvalue of the
 *     normalized Laplacian, signed so that its entry of largest magnitude is positive
 *     (scikit-learn's {@code spectral_embedding} with {@code drop_first=False}). Immutable.
 * @param eigenvalues the {@code clusters} smallest eigenvalues of the normalized Laplacian,
 *     ascending
 * @param eigenIterations the eigensolver's iterations
 * @param converged whether the eigensolver reached its tolerance before its iteration limit
 */
public record SpectralModel(SpectralSettings settings, int[] labels, Matrix embedding,
    double[] eigenvalues, int eigenIterations, boolean converged) {

  /** Copies {@code labels} and {@code eigenvalues}. */
  public SpectralModel {
    labels = labels.clone();
    eigenvalues = eigenvalues.clone();
  }

  /** The affinity graph the fit used. */
  public Affinity affinity() {
    return settings.affinity();
  }

  /** The number of clusters. */
  public int clusters() {
    return settings.clusters();
  }

  /** The cluster of every point, in {@code [0, clusters)} (a copy). */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** The {@code clusters} smallest eigenvalues of the normalized Laplacian, ascending (a copy). */
  @Override
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  @Override
  public String toString() {
    return "SpectralModel[points=" + labels.length + ", clusters=" + clusters() + ", affinity="
        + affinity() + ", eigenIterations=" + eigenIterations + ", converged=" + converged + "]";
  }
}

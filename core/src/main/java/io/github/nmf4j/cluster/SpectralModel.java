package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Arguments;
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

  /**
   * Checks that the parts agree and copies {@code labels} and {@code eigenvalues}.
   *
   * @throws IllegalArgumentException if a part is null, {@code embedding} is not {@code n x
   *     settings.clusters()} for the {@code n} labels, {@code eigenvalues} does not have {@code
   *     settings.clusters()} entries, a label is outside {@code [0, settings.clusters())}, or
   *     {@code eigenIterations} is negative
   */
  public SpectralModel {
    Arguments.requireNonNull(settings, "settings");
    Arguments.requireNonNull(embedding, "embedding");
    labels = Arguments.requireNonNull(labels, "labels").clone();
    eigenvalues = Arguments.requireNonNull(eigenvalues, "eigenvalues").clone();
    int clusters = settings.clusters();
    if (embedding.rows() != labels.length || embedding.cols() != clusters) {
      throw new IllegalArgumentException("embedding must be " + labels.length + "x" + clusters
          + " (one row per label, one column per cluster), was " + embedding.shape());
    }
    if (eigenvalues.length != clusters) {
      throw new IllegalArgumentException("eigenvalues must have " + clusters
          + " entries (one per cluster), had " + eigenvalues.length);
    }
    Checks.labelsInRange(labels, clusters);
    Arguments.requireAtLeast(eigenIterations, 0, "eigenIterations");
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

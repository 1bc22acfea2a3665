package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.Matrix;

/**
 * A fitted spectral clustering: the labels, the spectral embedding they came from, the
 * eigenvalues of the normalized Laplacian, and the {@link SpectralSettings} of the fit.
 *
 * <p>Immutable and safe to share between threads; accessors return copies.
 */
public final class SpectralModel {

  private final SpectralSettings settings;
  private final int[] labels;
  private final Matrix embedding;
  private final double[] eigenvalues;
  private final int eigenIterations;
  private final boolean converged;

  SpectralModel(SpectralSettings settings, int[] labels, Matrix embedding,
      double[] eigenvalues, int eigenIterations, boolean converged) {
    this.settings = settings;
    this.labels = labels;
    this.embedding = embedding;
    this.eigenvalues = eigenvalues;
    this.eigenIterations = eigenIterations;
    this.converged = converged;
  }

  /** The settings this model was fitted with (no executor or listener). */
  public SpectralSettings settings() {
    return settings;
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
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The spectral embedding, {@code n x clusters}: column {@code j} is {@code D^-1/2 u_j} for the
   * eigenvector {@code u_j} of the {@code j}-th smallest eigenvalue of the normalized Laplacian,
   * signed so that its entry of largest magnitude is positive (scikit-learn's {@code
   * spectral_embedding} with {@code drop_first=False}). Immutable.
   */
  public Matrix embedding() {
    return embedding;
  }

  /** The {@code clusters} smallest eigenvalues of the normalized Laplacian, ascending (a copy). */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** The eigensolver's iterations. */
  public int eigenIterations() {
    return eigenIterations;
  }

  /** Whether the eigensolver reached its tolerance before its iteration limit. */
  public boolean converged() {
    return converged;
  }

  @Override
  public String toString() {
    return "SpectralModel[points=" + labels.length + ", clusters=" + clusters() + ", affinity="
        + affinity() + ", eigenIterations=" + eigenIterations + ", converged=" + converged + "]";
  }
}

package io.github.nmf4j.image;

import io.github.nmf4j.linalg.Matrix;

/**
 * The synthetic "swimmer" images of Donoho and Stodden (When does non-negative matrix
 * factorization give a correct decomposition into parts? NIPS 2003), a test of whether a
 * factorization finds the parts an image is made of.
 *
 * <p>Each 32 x 32 image shows a torso (a vertical bar, in every image) and four limbs (two
 * arms, two legs), each in one of four positions: {@code 4^4 = 256} images built from 17 parts
 * that share no pixel. Image {@code n} has limb {@code l} in position {@code (n >> 2l) & 3}.
 * Limb pixels are 1, background 0.
 *
 * <p>The torso's brightness varies from image to image ({@link #torsoBrightness}). A torso
 * identical in every image could not be told apart from the limbs by any factorization: a
 * quarter of it can be added to each position of any one limb, since every image shows exactly
 * one of them, and the images stay the same. Donoho and Stodden's own swimmer has this
 * ambiguity; with the brightness varying, all 17 parts are identifiable.
 */
public final class Swimmer {

  /** The side of each image in pixels. */
  public static final int SIZE = 32;
  /** The number of images, {@code 4^4}. */
  public static final int IMAGES = 256;
  /** The number of parts: the torso and four positions of each of four limbs. */
  public static final int PARTS = 17;

  /** Shoulder and hip rows; torso columns 15 and 16. */
  private static final int SHOULDER = 9;
  private static final int HIP = 22;
  /** Limbs start this far from their joint and are this long, in pixels. */
  private static final double GAP = 2;
  private static final double LENGTH = 7;
  /** Joint (row, column) and the four angles in degrees (counter-clockwise from east). */
  private static final double[][] JOINTS = {{SHOULDER, 14}, {SHOULDER, 17}, {HIP, 14}, {HIP, 17}};
  private static final double[][] ANGLES = {
      {90, 135, 180, 225}, {90, 45, 0, -45}, {180, 210, 240, 270}, {0, -30, -60, -90}};

  private Swimmer() {}

  /**
   * The 17 parts as rows of a {@code 17 x 1024} matrix (each a 32 x 32 image in row-major
   * order): row 0 is the torso, row {@code 1 + 4 l + p} limb {@code l} (left arm, right arm,
   * left leg, right leg) in position {@code p}.
   */
  public static Matrix parts() {
    double[] a = new double[PARTS * SIZE * SIZE];
    for (int r = SHOULDER; r <= HIP; r++) {
      a[r * SIZE + 15] = 1;
      a[r * SIZE + 16] = 1;
    }
    for (int limb = 0; limb < 4; limb++) {
      for (int p = 0; p < 4; p++) {
        int offset = (1 + 4 * limb + p) * SIZE * SIZE;
        double theta = Math.toRadians(ANGLES[limb][p]);
        for (double t = GAP; t <= GAP + LENGTH; t += 0.25) {
          int row = (int) Math.round(JOINTS[limb][0] - t * Math.sin(theta));
          int col = (int) Math.round(JOINTS[limb][1] + t * Math.cos(theta));
          a[offset + row * SIZE + col] = 1;
        }
      }
    }
    return Matrix.wrap(PARTS, SIZE * SIZE, a);
  }

  /**
   * The brightness of the torso in image {@code n}: {@code 1 - 0.15 (n mod 5)}, one of 1, 0.85,
   * 0.7, 0.55 and 0.4.
   *
   * @throws IllegalArgumentException if {@code n} is not in [0, 256)
   */
  public static double torsoBrightness(int n) {
    if (n < 0 || n >= IMAGES) {
      throw new IllegalArgumentException("image must be in [0, " + IMAGES + "), was " + n);
    }
    return 1 - 0.15 * (n % 5);
  }

  /**
   * The 256 images as rows of a {@code 256 x 1024} matrix: image {@code n} is the torso times
   * {@link #torsoBrightness(int) torsoBrightness(n)} plus, for each limb {@code l}, the part of
   * position {@code (n >> 2l) & 3}.
   */
  public static Matrix images() {
    Matrix parts = parts();
    int pixels = SIZE * SIZE;
    double[] a = new double[IMAGES * pixels];
    for (int n = 0; n < IMAGES; n++) {
      for (int k = 0; k < PARTS; k++) {
        if (k == 0 || ((n >> (2 * ((k - 1) / 4))) & 3) == (k - 1) % 4) {
          double scale = k == 0 ? torsoBrightness(n) : 1;
          for (int j = 0; j < pixels; j++) {
            a[n * pixels + j] += scale * parts.get(k, j);
          }
        }
      }
    }
    return Matrix.wrap(IMAGES, pixels, a);
  }

  /**
   * How well a basis recovers the parts: for each of the 17 {@link #parts()}, the highest
   * Pearson correlation between it and a row of {@code basis} (for example the H of an NMF of
   * {@link #images()}). 1 means the part appears exactly, up to scale.
   *
   * @throws IllegalArgumentException if {@code basis} is null or has not 1024 columns
   */
  public static double[] bestCorrelations(Matrix basis) {
    if (basis == null || basis.cols() != SIZE * SIZE) {
      throw new IllegalArgumentException("basis must have " + SIZE * SIZE + " columns, was "
          + (basis == null ? "null" : basis.shape()));
    }
    Matrix parts = parts();
    double[] best = new double[PARTS];
    for (int p = 0; p < PARTS; p++) {
      best[p] = -1;
      double[] part = parts.row(p);
      for (int k = 0; k < basis.rows(); k++) {
        best[p] = Math.max(best[p], correlation(part, basis.row(k)));
      }
    }
    return best;
  }

  /** Pearson's correlation; 0 when either vector is constant. */
  static double correlation(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) * (a[i] - ma);
      bb += (b[i] - mb) * (b[i] - mb);
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }

  /**
   * Row {@code i} of {@code rows} as a {@code 32 x 32} image (for {@link #images()}, {@link
   * #parts()} or the rows of an NMF's H).
   *
   * @throws IllegalArgumentException if {@code rows} has not 1024 columns or {@code i} is out of
   *     range
   */
  public static Matrix image(Matrix rows, int i) {
    if (rows.cols() != SIZE * SIZE) {
      throw new IllegalArgumentException(
          "rows must have " + SIZE * SIZE + " columns, was " + rows.shape());
    }
    if (i < 0 || i >= rows.rows()) {
      throw new IllegalArgumentException("row must be in [0, " + rows.rows() + "), was " + i);
    }
    return Matrix.wrap(SIZE, SIZE, rows.row(i));
  }
}

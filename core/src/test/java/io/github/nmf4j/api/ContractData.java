package io.github.nmf4j.api;

import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.testing.Datasets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The data of the contract tests ({@link ContractCases}): scikit-learn's digits (non-negative,
 * 64 features, half of the pixels zero, so also a fair sparse matrix), the digits shifted by a
 * pixel where more rows are needed, the synthetic faces as wide data, and images, distances and
 * missing values made from them. Every input is wrapped around arrays the tests keep ({@link
 * Input}), so that a fit writing to its input's storage shows.
 */
final class ContractData {

  private ContractData() {}

  /**
   * An input of a fit and the arrays it is backed by (wrapped without a copy, so that a fit
   * writing to its input's storage changes them), with a copy of each taken when it was made.
   */
  record Input(Object value, List<Object> arrays, List<Object> copies) {
    static Input of(Object value, Object... arrays) {
      List<Object> copies = new ArrayList<>();
      for (Object a : arrays) {
        copies.add(a instanceof double[] d ? d.clone() : ((int[]) a).clone());
      }
      return new Input(value, List.of(arrays), copies);
    }

    static Input dense(int rows, int cols, double[] values) {
      double[] a = values.clone();
      return of(Matrix.wrap(rows, cols, a), a);
    }

    static Input sparse(int rows, int cols, double[] values) {
      int[] pointers = new int[rows + 1];
      int stored = 0;
      for (double v : values) {
        stored += v != 0 ? 1 : 0;
      }
      int[] columns = new int[stored];
      double[] kept = new double[stored];
      int q = 0;
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double v = values[i * cols + j];
          if (v != 0) {
            columns[q] = j;
            kept[q++] = v;
          }
        }
        pointers[i + 1] = q;
      }
      return of(SparseMatrix.wrapCsr(rows, cols, pointers, columns, kept), pointers, columns,
          kept);
    }

    /** Whether every array still holds what it held when the input was made (bit for bit). */
    boolean unchanged() {
      for (int i = 0; i < arrays.size(); i++) {
        if (!Objects.deepEquals(arrays.get(i), copies.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final int P = 64;
  private static final double[] DIGITS = Datasets.digits(1797).toRowMajorArray();
  private static final double[] SHIFTED = shiftedDigits();

  private static final double[] FACES = Datasets.facesLike().toRowMajorArray();
  private static final int FACE = 625;

  /** The first {@code n} of the 200 synthetic 25 x 25 faces, {@code n x 625}: wide data. */
  static Input faces(int n) {
    return Input.dense(n, FACE, Arrays.copyOf(FACES, n * FACE));
  }

  static Input facesSparse(int n) {
    return Input.sparse(n, FACE, Arrays.copyOf(FACES, n * FACE));
  }

  /** The first {@code n} digits, {@code n x 64}, pixels 0..16. */
  static double[] digits(int n) {
    return Arrays.copyOf(DIGITS, n * P);
  }

  /**
   * The 1,797 digits and each moved by one pixel right and down (the classic augmentation),
   * 5,391 x 64: more rows than one block of the k-means sums (4,096).
   */
  private static double[] shiftedDigits() {
    int n = DIGITS.length / P;
    int[][] moves = {{0, 0}, {0, 1}, {1, 0}};
    double[] out = new double[moves.length * n * P];
    for (int m = 0; m < moves.length; m++) {
      for (int i = 0; i < n; i++) {
        int o = (m * n + i) * P;
        for (int r = 0; r < 8; r++) {
          for (int c = 0; c < 8; c++) {
            int sr = r - moves[m][0];
            int sc = c - moves[m][1];
            out[o + r * 8 + c] = sr < 0 || sr > 7 || sc < 0 || sc > 7 ? 0
                : DIGITS[i * P + sr * 8 + sc];
          }
        }
      }
    }
    return out;
  }

  /** The first {@code n} of the 5,391 shifted digits. */
  static Input shifted(int n) {
    return Input.dense(n, P, Arrays.copyOf(SHIFTED, n * P));
  }

  static Input shiftedSparse(int n) {
    return Input.sparse(n, P, Arrays.copyOf(SHIFTED, n * P));
  }

  /**
   * The ink of {@code bands} horizontal bands of the first {@code n} shifted digits, {@code n x
   * bands}: few features, so k-means ranks centroids by direct distances rather than products
   * (three features: as pixels are).
   */
  static Input bands(int n, int bands) {
    double[] q = new double[n * bands];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < P; f++) {
        q[i * bands + (f / 8) * bands / 8] += SHIFTED[i * P + f];
      }
    }
    return Input.dense(n, bands, q);
  }

  static Input dense(int n) {
    return Input.dense(n, P, digits(n));
  }

  static Input sparse(int n) {
    return Input.sparse(n, P, digits(n));
  }

  /** The first {@code n} digits with every 7th pixel missing (NaN). */
  static Input withMissing(int n) {
    double[] a = digits(n);
    for (int i = 0; i < a.length; i += 7) {
      a[i] = Double.NaN;
    }
    return Input.dense(n, P, a);
  }

  /**
   * The first {@code n} digits, sparse, with an explicit zero stored in every row (a stored
   * entry that is zero, which some fits drop from a copy).
   */
  static Input sparseWithExplicitZeros(int n) {
    double[] a = digits(n);
    Input plain = Input.sparse(n, P, a);
    SparseMatrix m = (SparseMatrix) plain.value();
    int[] pointers = new int[n + 1];
    int[] columns = new int[m.nonZeros() + n];
    double[] values = new double[columns.length];
    int q = 0;
    for (int i = 0; i < n; i++) {
      boolean added = false;
      for (int j = 0; j < P; j++) {
        double v = a[i * P + j];
        if (v != 0 || !added) {
          added |= v == 0;
          columns[q] = j;
          values[q++] = v;
        }
      }
      pointers[i + 1] = q;
    }
    columns = Arrays.copyOf(columns, q);
    values = Arrays.copyOf(values, q);
    return Input.of(SparseMatrix.wrapCsr(n, P, pointers, columns, values), pointers, columns,
        values);
  }

  /** The Euclidean distances between the first {@code n} digits, {@code n x n}. */
  static Input distances(int n) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int f = 0; f < P; f++) {
          double t = DIGITS[i * P + f] - DIGITS[j * P + f];
          s += t * t;
        }
        d[i * n + j] = Math.sqrt(s);
      }
    }
    return Input.dense(n, n, d);
  }

  /**
   * A {@code side x side} colour image made of the first digits (their pixels / 16: the red
   * channel from the first third, green the second, blue the last).
   */
  static Input image(int side) {
    int size = side * side;
    double[] all = digits((3 * size + P - 1) / P);
    double[][] ch = new double[3][];
    for (int c = 0; c < 3; c++) {
      ch[c] = new double[size];
      for (int q = 0; q < size; q++) {
        ch[c][q] = all[c * size + q] / 16;
      }
    }
    return Input.of(new RgbImage(Matrix.wrap(side, side, ch[0]),
        Matrix.wrap(side, side, ch[1]), Matrix.wrap(side, side, ch[2])), ch[0], ch[1], ch[2]);
  }

}

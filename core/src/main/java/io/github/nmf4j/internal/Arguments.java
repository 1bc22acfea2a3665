package io.github.nmf4j.internal;

/**
 * The argument checks every builder makes, with one wording across the library: the message
 * names the argument and the value it had ({@code "rank must be >= 1, was 0"}).
 */
public final class Arguments {

  private Arguments() {}

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @throws IllegalArgumentException {@code "<name> must be >= <min>, was <value>"} otherwise
   */
  public static int requireAtLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
    return value;
  }

  /**
   * Checks that the row-major array {@code x} with {@code cols} columns holds only finite values.
   *
   * @throws IllegalArgumentException {@code "<name> has NaN at row 3, column 1; values must be
   *     finite"} for the first value that is NaN or infinite
   */
  public static void requireFinite(double[] x, int cols, String name) {
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw notFinite(name, x[i], i / cols, i % cols);
      }
    }
  }

  /** The exception {@link #requireFinite} throws, for checks that find the value themselves. */
  public static IllegalArgumentException notFinite(String name, double value, int row, int col) {
    return new IllegalArgumentException(
        name + " has " + value + " at row " + row + ", column " + col + "; values must be finite");
  }

  /**
   * Returns {@code value} if it is finite and {@code >= 0}.
   *
   * @throws IllegalArgumentException naming {@code name} and the value otherwise (NaN too)
   */
  public static double requireFiniteNonNegative(double value, String name) {
    if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite and {@code > 0}.
   *
   * @throws IllegalArgumentException naming {@code name} and the value otherwise (NaN too)
   */
  public static double requireFinitePositive(double value, String name) {
    if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is not null.
   *
   * @throws IllegalArgumentException {@code "<name> must not be null"} otherwise
   */
  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }
}

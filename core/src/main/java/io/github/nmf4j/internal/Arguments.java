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

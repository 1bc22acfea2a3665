package io.github.nmf4j.internal;

/** Counts and sizes in messages, written one way by every package that reports them. */
public final class Phrases {

  private Phrases() {}

  /**
   * {@code n} and a noun that takes an s in the plural, singular for 1: {@code "1 value"},
   * {@code "3 values"}, {@code "0 values"}.
   */
  public static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  /** {@code n} and the singular for 1, else the plural: {@code "1 entry"}, {@code "2 entries"}. */
  public static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /**
   * An image's size, height first as the rows and columns of its matrices, with the order
   * named so that nobody reads it as width x height: {@code "30 x 40 pixels (height x width)"}.
   */
  public static String imageSize(long height, long width) {
    return height + " x " + width + " pixels (height x width)";
  }
}

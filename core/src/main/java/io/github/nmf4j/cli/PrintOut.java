package io.github.nmf4j.cli;

import io.github.nmf4j.internal.Phrases;
import java.util.Locale;

/** Locale-independent formatted printing to a command's standard output. */
final class PrintOut {

  private PrintOut() {}

  static void printf(Context context, String format, Object... args) {
    context.out().print(String.format(Locale.ROOT, format, args));
  }

  /**
   * {@code n} and a noun, singular for 1: {@code "1 run"}, {@code "3 runs"} (for the nouns of
   * the commands' output, whose plural adds an s).
   */
  static String count(long n, String noun) {
    return Phrases.count(n, noun);
  }

  /**
   * An image's size as the summaries and errors print it, height first as the rows of its
   * matrices: {@code "30 x 40 pixels, height x width"}.
   */
  static String imageSize(long height, long width) {
    return height + " x " + width + " pixels, height x width";
  }
}

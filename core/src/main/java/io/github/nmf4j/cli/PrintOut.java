package io.github.nmf4j.cli;

import java.util.Locale;

/** Locale-independent formatted printing to a command's standard output. */
final class PrintOut {

  private PrintOut() {}

  static void printf(Context context, String format, Object... args) {
    context.out().print(String.format(Locale.ROOT, format, args));
  }
}

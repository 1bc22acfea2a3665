package io.github.nmf4j.internal;

import java.util.Locale;

/** Byte counts in messages, written one way for the readers of every file format. */
public final class ByteCounts {

  private ByteCounts() {}

  /**
   * A byte count for people: below 10,000 the whole number of bytes, rounded up ("148 bytes"),
   * above it three significant figures in decimal units ("20.0 kB", "3.2 GB", "148 MB").
   */
  public static String of(double n) {
    if (n < 10_000) {
      return Phrases.count((long) Math.ceil(n), "byte");
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double v = n;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }
}

package io.github.nmf4j.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks at "nice" values (1, 2 or 5 times a power of ten) covering a data range; on a
 * logarithmic axis the values are base-10 exponents.
 */
record Ticks(double lo, double hi, List<Double> values, boolean log, double step) {

  /** About five ticks at multiples of a nice step, the range widened to whole steps. */
  static Ticks linear(double min, double max) {
    if (max <= min) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * magnitude;
    double lo = Math.floor(min / step + 1e-9) * step;
    double hi = Math.ceil(max / step - 1e-9) * step;
    List<Double> v = new ArrayList<>();
    for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
      v.add(lo + i * step);
    }
    return new Ticks(lo, hi, v, false, step);
  }

  /** Ticks at whole decades of a range of base-10 exponents. */
  static Ticks logarithmic(double minExp, double maxExp) {
    double lo = Math.floor(minExp);
    double hi = Math.ceil(maxExp);
    if (hi == lo) {
      hi = lo + 1;
    }
    int stride = (int) Math.max(1, Math.ceil((hi - lo) / 6));
    List<Double> v = new ArrayList<>();
    for (double e = lo; e <= hi; e += stride) {
      v.add(e);
    }
    return new Ticks(lo, hi, v, true, stride);
  }

  /** The text of a tick. */
  String label(double t) {
    if (log) {
      double v = Math.pow(10, t);
      return t >= -3 && t <= 4 ? trim(v) : String.format(Locale.ROOT, "1e%d", (long) t);
    }
    if (Math.abs(t) < step * 1e-6) {
      return "0";
    }
    if (Math.abs(t) >= 1e5 || Math.abs(t) < 1e-3) {
      return String.format(Locale.ROOT, "%.1e", t);
    }
    return trim(t);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}

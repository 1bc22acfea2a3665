package io.github.nmf4j.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks at "nice" values (1, 2 or 5 times a power of ten) covering a data range; on a
 * logarithmic axis the values are base-10 exponents, at whole decades ({@code decades}) or, for
 * a narrow range, at nice values of the data's own range ({@code step} apart before the
 * logarithm).
 */
record Ticks(double lo, double hi, List<Double> values, boolean log, double step,
    boolean decades) {

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
    return new Ticks(lo, hi, v, false, step, false);
  }

  /**
   * Ticks for a range of base-10 exponents: at whole decades, unless the data fill less than a
   * third of the decades around them (held-out errors from 9.96 to 11.3 drew a flat line across
   * 1 to 100); then at nice values of the data's own range, on the logarithmic scale.
   */
  static Ticks logarithmic(double minExp, double maxExp) {
    double lo = Math.floor(minExp);
    double hi = Math.ceil(maxExp);
    if (hi == lo) {
      hi = lo + 1;
    }
    if (hi - lo > 3 * (maxExp - minExp)) {
      Ticks narrow = withinRange(minExp, maxExp);
      if (narrow != null) {
        return narrow;
      }
    }
    int stride = (int) Math.max(1, Math.ceil((hi - lo) / 6));
    List<Double> v = new ArrayList<>();
    for (double e = lo; e <= hi; e += stride) {
      v.add(e);
    }
    return new Ticks(lo, hi, v, true, stride, true);
  }

  /**
   * The positive ticks of {@link #linear} over {@code [10^minExp, 10^maxExp]} as exponents, the
   * axis from the lower of the first tick and the data to the last tick; null when fewer than two
   * ticks are positive or a value is beyond the double range.
   */
  private static Ticks withinRange(double minExp, double maxExp) {
    double min = Math.pow(10, minExp);
    double max = Math.pow(10, maxExp);
    if (!(min > 0) || !(max < Double.POSITIVE_INFINITY)) {
      return null;
    }
    Ticks t = linear(min, max);
    List<Double> v = new ArrayList<>();
    for (double x : t.values()) {
      if (x > 0) {
        v.add(Math.log10(x));
      }
    }
    if (v.size() < 2 || !(t.hi() > 0)) {
      return null;
    }
    return new Ticks(Math.min(v.get(0), minExp), Math.log10(t.hi()), v, true, t.step(), false);
  }

  /** The text of a tick. */
  String label(double t) {
    if (log && decades) {
      double v = Math.pow(10, t);
      return t >= -3 && t <= 4 ? trim(v) : String.format(Locale.ROOT, "1e%d", (long) t);
    }
    if (log) {
      // a nice value of the data's range: as many digits as its step needs
      double v = Math.pow(10, t);
      if (v >= 1e5 || v < 1e-3) {
        int digits = (int) Math.max(1, Math.floor(Math.log10(v)) - Math.floor(Math.log10(step)));
        return String.format(Locale.ROOT, "%." + digits + "e", v);
      }
      return trim(v);
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

package io.github.nmf4j.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parsed arguments of one command, with typed, validated access to the option values. */
final class Args {

  /** A decimal number, or NaN or Infinity (refused later, as not finite, with a clear message). */
  private static final Pattern DECIMAL = Pattern.compile(
      "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|Infinity)");

  private final Map<String, String> values;
  private final List<String> positionals;

  Args(Map<String, String> values, List<String> positionals) {
    this.values = Map.copyOf(values);
    this.positionals = List.copyOf(positionals);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String positional(int i) {
    return positionals.get(i);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name, String what) {
    String v = values.get(name);
    if (v == null) {
      throw new UsageException("--" + name + " " + what + " is required");
    }
    return v;
  }

  /**
   * The path of option {@code name}, or null when the option is absent.
   *
   * @throws UsageException for an empty value ({@code --out-w ""}, often a shell variable that
   *     was not set), which Java reads as the working directory
   */
  Path path(String name) {
    String v = values.get(name);
    if (v != null && v.isEmpty()) {
      throw new UsageException("--" + name + " must be a path, was ''");
    }
    return v == null ? null : Path.of(v);
  }

  /** The path of a required option: {@link #required} read as {@link #path}. */
  Path requiredPath(String name, String what) {
    required(name, what);
    return path(name);
  }

  /** A decimal integer in ASCII digits (Java's own parsing takes any script's digits). */
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  /**
   * {@link Integer#parseInt} of a decimal integer in ASCII digits, as in a data file: {@code
   * "\u0663"} (Arabic-Indic 3) and full-width digits are refused, as they are in numbers.
   *
   * @throws NumberFormatException for anything else
   */
  static int parseInt(String s) {
    if (!INTEGER.matcher(s).matches()) {
      throw new NumberFormatException(s);
    }
    return Integer.parseInt(s);
  }

  /** True for a decimal integer in ASCII digits of any size, in or out of the int range. */
  static boolean isInteger(String s) {
    return INTEGER.matcher(s).matches();
  }

  /** True for an {@link #isInteger} integer from {@code Integer.MIN_VALUE} to {@code MAX_VALUE}. */
  static boolean fitsInt(String s) {
    return new BigInteger(s).bitLength() < Integer.SIZE;
  }

  private static BigInteger parseWhole(String s) {
    if (!INTEGER.matcher(s).matches()) {
      throw new NumberFormatException(s);
    }
    return new BigInteger(s);
  }

  /** An integer option, at least {@code min}. */
  int integer(String name, int fallback, int min) {
    return (int) whole(name, fallback, min, Integer.MAX_VALUE, "");
  }

  /**
   * An integer option from {@code min} to {@code max}, refused above it as "must be between
   * {@code min} and {@code max}{@code why}".
   */
  int integer(String name, int fallback, int min, int max, String why) {
    return (int) whole(name, fallback, min, max, why);
  }

  long longValue(String name, long fallback) {
    return whole(name, fallback, Long.MIN_VALUE, Long.MAX_VALUE, "");
  }

  /**
   * An integer option from {@code min} to {@code max}. A number too large for its type is an
   * integer all the same, so it is refused as too large ({@code --rank 99999999999: must be <=
   * 2147483647}), not as "not an integer".
   *
   * @param why said after the bounds when {@code max} is the option's own limit, or ""
   */
  private long whole(String name, long fallback, long min, long max, String why) {
    BigInteger n = parsed(name, Args::parseWhole, "an integer");
    if (n == null) {
      return fallback;
    }
    boolean own = !why.isEmpty();
    if (n.compareTo(BigInteger.valueOf(min)) < 0) {
      throw new UsageException("--" + name + " must be " + (own ? "between " + min + " and "
          + max + why : ">= " + min) + ", was " + n);
    }
    if (n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new UsageException("--" + name + " must be " + (own ? "between " + min + " and "
          + max + why : "<= " + max) + ", was " + n);
    }
    return n.longValueExact();
  }

  /**
   * A finite number option, at least {@code min}: decimal, as in a data file (Java's
   * hexadecimal {@code 0x1p-3} and type suffixes {@code 1d} are refused), and not so close to 0
   * that it would be read as 0 ({@code --tol 1e-400}: a tolerance of 0 means another thing).
   */
  double number(String name, double fallback, double min) {
    return number(name, fallback, min, "a number");
  }

  /**
   * As {@link #number(String, double, double)}, the message for a value that is no number
   * saying that it must be {@code what} ("a number or one of frobenius, ...").
   */
  double number(String name, double fallback, double min, String what) {
    Double d = parsed(name, Args::decimal, what);
    if (d == null) {
      return fallback;
    }
    if (d == 0 && values.get(name).split("[eE]")[0].matches(".*[1-9].*")) {
      throw new UsageException("--" + name + " " + values.get(name).strip() + " is too close"
          + " to 0 for a double: it would be read as 0");
    }
    if (!Double.isFinite(d) || d < min) {
      throw new UsageException("--" + name + " must be a finite number"
          + (min == Double.NEGATIVE_INFINITY ? "" : " >= " + min) + ", was " + values.get(name));
    }
    return d;
  }

  /** {@link Double#valueOf} of a {@link #DECIMAL} number; anything else is refused. */
  private static Double decimal(String s) {
    if (!DECIMAL.matcher(s).matches()) {
      throw new NumberFormatException(s);
    }
    return Double.valueOf(s);
  }

  /**
   * The value of option {@code name} read by {@code parse} (after stripping white space), or
   * null when the option is absent.
   *
   * @throws UsageException if {@code parse} rejects it, saying that it must be {@code what}
   */
  private <T> T parsed(String name, Function<String, T> parse, String what) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      return parse.apply(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be " + what + ", was '" + v + "'");
    }
  }

  /** One of the keys of {@code choices} (case-insensitive), mapped to its value. */
  <T> T choice(String name, Map<String, T> choices, T fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    T t = choices.get(v.strip().toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new UsageException("--" + name + " must be one of " + String.join(", ",
          new java.util.TreeSet<>(choices.keySet())) + ", was '" + v + "'");
    }
    return t;
  }
}

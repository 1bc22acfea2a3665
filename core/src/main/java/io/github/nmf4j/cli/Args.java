package io.github.nmf4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsed arguments of one command, with typed, validated access to the option values. */
final class Args {

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

  Path path(String name) {
    String v = values.get(name);
    return v == null ? null : Path.of(v);
  }

  /** An integer option, at least {@code min}. */
  int integer(String name, int fallback, int min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, was '" + v + "'");
    }
    if (n < min) {
      throw new UsageException("--" + name + " must be >= " + min + ", was " + n);
    }
    return n;
  }

  long longValue(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, was '" + v + "'");
    }
  }

  /** A finite number option, at least {@code min}. */
  double number(String name, double fallback, double min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, was '" + v + "'");
    }
    if (!Double.isFinite(d) || d < min) {
      throw new UsageException("--" + name + " must be a finite number >= " + min + ", was " + v);
    }
    return d;
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

package io.github.nmf4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-line JSON object (RFC 8259) built field by field in insertion order: strings escaped,
 * numbers as JSON numbers (a non-finite double becomes {@code null}), booleans, and lists of
 * numbers.
 */
final class Json {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  Json put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, e.getKey());
      sb.append(':');
      value(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static void value(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      sb.append(Double.isFinite(d) ? number(d) : "null");
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        value(sb, list.get(i));
      }
      sb.append(']');
    } else if (v instanceof Json j) {
      sb.append(j);
    } else {
      quote(sb, v.toString());
    }
  }

  /** A double as a JSON number: integral values without a fraction, others round-trip exact. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}

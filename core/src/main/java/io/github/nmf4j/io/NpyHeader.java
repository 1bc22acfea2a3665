package io.github.nmf4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file: a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}, parsed as NumPy parses it
 * ({@code ast.literal_eval} in {@code numpy.lib.format}): the whole header must be one dict
 * followed only by white space (the padding) and, as the format specifies, a line break; its
 * keys must be exactly
 * {@code descr}, {@code fortran_order} and {@code shape}, and a repeated key takes its last
 * value. A header length field that lies shows up here: the dict is cut short, or data bytes
 * follow it.
 *
 * @param descr the dtype string, such as {@code "<f8"}
 * @param fortran whether the data is in column-major order
 * @param shape the dimensions
 */
record NpyHeader(String descr, boolean fortran, long[] shape) {

  /** Parses {@code text}, the header of the file {@code name}, for messages. */
  static NpyHeader parse(String text, String name) throws FileFormatException {
    Parser p = new Parser(text, name);
    p.skipSpace();
    Object value = p.value();
    p.skipSpace();
    if (p.at < text.length()) {
      throw p.error("the header dict ends at character " + p.at + " of the " + text.length()
          + " that the header length field gives, and other bytes follow it: the length field is"
          + " wrong or the file is damaged");
    }
    if (!text.endsWith("\n")) {
      throw p.error("the header does not end with a line break, as the format requires: the"
          + " header length field is wrong or the file is damaged");
    }
    if (!(value instanceof Map<?, ?> dict)) {
      throw p.error("the header is not a dict");
    }
    if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
      throw p.error("the header must have the keys 'descr', 'fortran_order' and 'shape'"
          + " (as numpy requires), found " + dict.keySet());
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new FileFormatException(name + ": unsupported dtype " + show(dict.get("descr"))
          + " (structured arrays are not supported)");
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw p.error("'fortran_order' must be True or False, was "
          + show(dict.get("fortran_order")));
    }
    if (!(dict.get("shape") instanceof List<?> dims)) {
      throw p.error("'shape' must be a tuple of integers, was " + show(dict.get("shape")));
    }
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(dims.get(i) instanceof Long d) || d < 0) {
        throw p.error("'shape' must be a tuple of integers >= 0, was " + show(dims));
      }
      shape[i] = d;
    }
    return new NpyHeader(descr, fortran, shape);
  }

  /** The shape as Python prints it: {@code (3, 4)}, {@code (5,)}, {@code ()}. */
  String shapeText() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private static String show(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(show(l.get(i)));
      }
      return sb.append(')').toString();
    }
    return String.valueOf(value);
  }

  /** A recursive-descent parser for the literals a header holds. */
  private static final class Parser {
    private static final int MAX_DEPTH = 32;
    private static final Object NONE = new Object() {
      @Override
      public String toString() {
        return "None";
      }
    };
    private final String text;
    private final String name;
    private int at;
    private int depth;

    Parser(String text, String name) {
      this.text = text;
      this.name = name;
    }

    FileFormatException error(String what) {
      return new FileFormatException(name + ": bad .npy header: " + what);
    }

    void skipSpace() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t'
          || text.charAt(at) == '\n' || text.charAt(at) == '\r' || text.charAt(at) == '\f')) {
        at++;
      }
    }

    /** A dict, tuple, list, string, integer, True, False or None. */
    Object value() throws FileFormatException {
      skipSpace();
      if (at >= text.length()) {
        throw error("the header ends at character " + at + " before its dict is complete: the"
            + " header length field is wrong or the file is truncated");
      }
      if (++depth > MAX_DEPTH) {
        throw error("nested more than " + MAX_DEPTH + " levels deep");
      }
      char c = text.charAt(at);
      Object v;
      if (c == '{') {
        v = dict();
      } else if (c == '(' || c == '[') {
        v = sequence(c == '(' ? ')' : ']');
      } else if (c == '\'' || c == '"') {
        v = string(c);
      } else if (c == '-' || c == '+' || Character.isDigit(c)) {
        v = integer();
      } else {
        v = word();
      }
      depth--;
      return v;
    }

    private Map<Object, Object> dict() throws FileFormatException {
      at++;
      Map<Object, Object> m = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (peek('}')) {
          return m;
        }
        Object key = value();
        skipSpace();
        expect(':');
        Object v = value();
        m.remove(key); // a repeated key takes its last value, as in Python
        m.put(key, v);
        skipSpace();
        if (!peek(',')) {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> sequence(char close) throws FileFormatException {
      at++;
      List<Object> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek(close)) {
          return items;
        }
        items.add(value());
        skipSpace();
        if (!peek(',')) {
          expect(close);
          return items;
        }
      }
    }

    private String string(char quote) throws FileFormatException {
      int start = ++at;
      StringBuilder sb = new StringBuilder();
      while (at < text.length() && text.charAt(at) != quote) {
        char c = text.charAt(at++);
        if (c == '\\' && at < text.length()) {
          c = text.charAt(at++);
        } else if (c == '\n') {
          break;
        }
        sb.append(c);
      }
      if (at >= text.length() || text.charAt(at) != quote) {
        throw error("unterminated string starting at character " + (start - 1));
      }
      at++;
      return sb.toString();
    }

    private Long integer() throws FileFormatException {
      int start = at;
      if (text.charAt(at) == '-' || text.charAt(at) == '+') {
        at++;
      }
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      String digits = text.substring(start, at);
      if (at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
        at++; // Python 2 wrote long integers with a suffix
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw error("bad integer '" + digits + "' at character " + start);
      }
    }

    private Object word() throws FileFormatException {
      int start = at;
      while (at < text.length() && Character.isLetter(text.charAt(at))) {
        at++;
      }
      String w = text.substring(start, at);
      return switch (w) {
        case "True" -> Boolean.TRUE;
        case "False" -> Boolean.FALSE;
        case "None" -> NONE;
        default -> throw error("unexpected " + (w.isEmpty()
            ? "character '" + printable(text.charAt(start)) + "'" : "'" + w + "'")
            + " at character " + start);
      };
    }

    private boolean peek(char c) {
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) throws FileFormatException {
      if (at >= text.length()) {
        throw error("the header ends at character " + at + " before its dict is complete: the"
            + " header length field is wrong or the file is truncated");
      }
      if (!peek(c)) {
        throw error("expected '" + c + "' at character " + at + ", found '"
            + printable(text.charAt(at)) + "'");
      }
    }

    private static String printable(char c) {
      return c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
  }
}

package io.github.nmf4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) parser for tests: objects become maps, arrays lists, numbers
 * doubles. Anything that is not valid JSON throws {@link IllegalArgumentException}.
 */
final class JsonParser {

  private final String s;
  private int i;

  private JsonParser(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    JsonParser p = new JsonParser(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object: " + text);
    }
    return (Map<String, Object>) v;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i + " in " + s);
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private Object value() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    if (c == '{') {
      return object();
    } else if (c == '[') {
      return array();
    } else if (c == '"') {
      return string();
    } else if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    } else if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    } else if (s.startsWith("null", i)) {
      i += 4;
      return null;
    }
    return number();
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    ws();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      ws();
      expect(':');
      ws();
      if (m.containsKey(key)) {
        throw error("duplicate key " + key);
      }
      m.put(key, value());
      ws();
      if (peek() == ',') {
        i++;
      } else {
        expect('}');
        return m;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    i++;
    ws();
    if (peek() == ']') {
      i++;
      return list;
    }
    while (true) {
      ws();
      list.add(value());
      ws();
      if (peek() == ',') {
        i++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("raw control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Double number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (Character.isDigit(peek())) {
      while (Character.isDigit(peek())) {
        i++;
      }
    } else {
      throw error("bad value");
    }
    if (peek() == '.') {
      i++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    return Double.parseDouble(s.substring(start, i));
  }

  private void digits() {
    if (!Character.isDigit(peek())) {
      throw error("expected a digit");
    }
    while (Character.isDigit(peek())) {
      i++;
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }
}

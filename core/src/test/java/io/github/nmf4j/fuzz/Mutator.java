package io.github.nmf4j.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random mutations of a file's bytes, of the kinds that break readers: flipped bits,
 * bytes set to boundary values, 32-bit fields set to huge or negative sizes, cuts, deletions,
 * duplicated ranges, and in text huge or out-of-range numbers.
 */
final class Mutator {

  private static final int[] BYTES = {0x00, 0x01, 0x7f, 0x80, 0xff, '9', '-', '.', 'e', ' ', ',',
      '\n', '%', '#', '"', '(', ')', '\''};
  private static final int[] INTS = {0x7fffffff, 0xffffffff, 0x80000000, 0x00010000, 46000,
      65535, 0x0fffffff, 2_000_000_000, 8191, 0};
  private static final String[] NUMBERS = {"99999999999", "1e400", "-1e400", "20000",
      "2147483647", "2147483648", "-1", "0", "nan", "1e-400", "9".repeat(30), "4000000",
      "50000", "46341", "1000000000"};

  private final SplittableRandom rnd;

  Mutator(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  /**
   * One to three mutations of {@code in}; returns the new bytes and what was done. With
   * {@code digits}, numbers written in the file (the text of a .npy header, a Matrix Market size
   * line, a CSV value) may be replaced by hostile ones.
   */
  Result mutate(Seeds.Seed seed, boolean digits) {
    byte[] b = seed.bytes().clone();
    StringBuilder what = new StringBuilder();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n && b.length > 0; i++) {
      int kind = rnd.nextInt(digits ? 11 : 9);
      int at = rnd.nextInt(b.length);
      switch (kind) {
        case 0 -> {
          b[at] ^= (byte) (1 << rnd.nextInt(8));
          what.append("flip@").append(at);
        }
        case 1 -> {
          b[at] = (byte) BYTES[rnd.nextInt(BYTES.length)];
          what.append("byte@").append(at);
        }
        case 2 -> {
          int v = INTS[rnd.nextInt(INTS.length)];
          boolean big = rnd.nextBoolean();
          for (int k = 0; k < 4 && at + k < b.length; k++) {
            b[at + k] = (byte) (big ? v >>> (24 - 8 * k) : v >>> (8 * k));
          }
          what.append("int@").append(at);
        }
        case 3 -> {
          b = Arrays.copyOf(b, at);
          what.append("cut@").append(at);
        }
        case 4 -> {
          int len = 1 + rnd.nextInt(Math.min(64, b.length - at));
          byte[] c = new byte[b.length - len];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + len, c, at, b.length - at - len);
          b = c;
          what.append("delete@").append(at).append('+').append(len);
        }
        case 5, 6 -> {
          int len = 1 + rnd.nextInt(Math.min(128, b.length - at));
          int to = rnd.nextInt(b.length + 1);
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, to);
          System.arraycopy(b, at, c, to, len);
          System.arraycopy(b, to, c, to + len, b.length - to);
          b = c;
          what.append("copy@").append(at).append('+').append(len).append("->").append(to);
        }
        case 7, 8 -> {
          b = hostileSize(b, seed);
          what.append("size");
        }
        default -> {
          b = replaceNumber(b, at);
          what.append("number@").append(at);
        }
      }
      what.append(' ');
    }
    return new Result(b, what.toString().strip());
  }

  /**
   * Writes a hostile size where the file keeps one: a PNG's or JPEG's dimension field, or a
   * .npy header's shape (rewritten with the padding adjusted so that the header length field
   * still tells the truth, as a crafted file would). Other files get a random 32-bit field.
   */
  private byte[] hostileSize(byte[] b, Seeds.Seed seed) {
    int[] fields = seed.sizeFields();
    if (fields.length > 0) {
      int at = fields[rnd.nextInt(fields.length)];
      int v = INTS[rnd.nextInt(INTS.length)];
      for (int k = 0; k < seed.fieldBytes() && at + k < b.length; k++) {
        b[at + k] = (byte) (v >>> (8 * (seed.fieldBytes() - 1 - k)));
      }
      return b;
    }
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int open = s.indexOf("'shape': (");
    int close = open < 0 ? -1 : s.indexOf(')', open);
    int end = close < 0 ? -1 : s.indexOf('\n', close);
    if (end < 0) {
      return replaceNumber(b, rnd.nextInt(b.length));
    }
    String[] dims = {"20000", "2000000000", "46341", "0", "4000000", "3", "1000000"};
    StringBuilder shape = new StringBuilder();
    int n = rnd.nextInt(3);
    for (int i = 0; i <= n; i++) {
      shape.append(i > 0 ? ", " : "").append(dims[rnd.nextInt(dims.length)]);
    }
    String header = s.substring(0, open + 10) + shape + (n == 0 ? ",)" : ")");
    String rest = s.substring(close + 1, end);
    int pad = (end - open) - (header.length() - open) - rest.strip().length();
    if (pad < 0) {
      return b;
    }
    String rewritten = header + rest.strip() + " ".repeat(pad);
    return (rewritten + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Replaces the run of digits at or after {@code at} with a hostile number. */
  private byte[] replaceNumber(byte[] b, int at) {
    int start = at;
    while (start < b.length && !Character.isDigit(b[start])) {
      start++;
    }
    int end = start;
    while (end < b.length && (Character.isDigit(b[end]) || b[end] == '.')) {
      end++;
    }
    byte[] number = NUMBERS[rnd.nextInt(NUMBERS.length)].getBytes(StandardCharsets.US_ASCII);
    byte[] c = new byte[b.length - (end - start) + number.length];
    System.arraycopy(b, 0, c, 0, start);
    System.arraycopy(number, 0, c, start, number.length);
    System.arraycopy(b, end, c, start + number.length, b.length - end);
    return c;
  }

  /** Mutated bytes and a description of the mutations, for a failure message. */
  record Result(byte[] bytes, String what) {}
}

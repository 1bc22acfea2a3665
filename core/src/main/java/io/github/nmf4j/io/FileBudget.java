package io.github.nmf4j.io;

import io.github.nmf4j.internal.ByteCounts;
import io.github.nmf4j.internal.Phrases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes a file holds, against which every size its header claims is checked before anything
 * is allocated for it. Every reader of the {@code io} package goes through here, so that a small
 * file can never make it allocate much more than its own length (the one exception, a sparse
 * Matrix Market file read densely, is checked against the heap instead).
 *
 * <p>Three checks, each with a message that names the file, says what was claimed and what
 * the file holds:
 * <ul>
 *   <li>{@link #requireBinary}: {@code count} values of {@code size} bytes must fit in the bytes
 *       that follow the header;</li>
 *   <li>{@link #requireText}: {@code count} values of a text format, each at least a digit and a
 *       separator, must fit in the characters not yet read;</li>
 *   <li>{@link #elements} and {@link #requireHeap}: a shape must fit a Java array, and its doubles
 *       the heap the JVM may use.</li>
 * </ul>
 * A reader of a container format (an archive entry, a compressed stream) makes one
 * {@code FileBudget} per entry, from the entry's length once that length has itself been
 * checked.
 */
final class FileBudget {

  /** The most elements a Java array can have on common JVMs. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final String name;
  private final long length;

  /**
   * A budget of {@code length} bytes for the file or entry called {@code name} in messages.
   *
   * @throws IllegalArgumentException if {@code length} is negative
   */
  FileBudget(String name, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + length);
    }
    this.name = name;
    this.length = length;
  }

  /**
   * The budget of the file at {@code path}: its size on disk. A path that is not a regular file
   * (a named pipe, a device) has no known size: its claims are then checked against the heap
   * only, and a short stream is found when it ends.
   *
   * @throws IOException naming the path if it is a directory (whose read would fail with only
   *     "Is a directory"), or if its size cannot be read
   */
  static FileBudget of(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException(path + " is a directory, not a matrix file");
    }
    long size = Files.size(path);
    return new FileBudget(path.toString(), Files.isRegularFile(path) ? size : Long.MAX_VALUE);
  }

  /** The name used in messages: the path as the user gave it. */
  String name() {
    return name;
  }

  /** The file's length in bytes. */
  long length() {
    return length;
  }

  /**
   * Checks that {@code count} values of {@code size} bytes each are in the file after its first
   * {@code offset} bytes (the header).
   *
   * @param claim what the header claims, for the message, such as "shape (3, 4) of float64"
   * @throws FileFormatException if the file is shorter; the message says how many values the
   *     bytes after the header hold
   */
  void requireBinary(long count, int size, long offset, String claim)
      throws FileFormatException {
    long available = Math.max(0, length - offset);
    if (count > available / size) {
      throw new FileFormatException(name + ": file is truncated: the header claims " + claim
          + ", " + Phrases.count(count, "value") + " of " + Phrases.count(size, "byte") + " ("
          + bytes(saturatedProduct(count, size)) + "), but the data ends after "
          + Phrases.count(available / size, "value") + " (" + Phrases.count(available, "byte")
          + " after the " + offset
          + "-byte header)");
    }
  }

  /**
   * Checks that {@code count} values of a text format can be in the rest of the file, where the
   * first {@code consumed} characters have been read: each value needs at least
   * {@code minChars} characters (a digit and a separator: 2), the last one minus its separator.
   * A character takes at least one byte in any encoding, so this never rejects a valid file.
   *
   * @param claim what the file claims, for the message, such as "a 20000x20000 array"
   * @throws FileFormatException if the rest of the file is too short
   */
  void requireText(long count, int minChars, long consumed, String claim)
      throws FileFormatException {
    long available = Math.max(0, length - consumed);
    long need = count == 0 ? 0 : saturatedProduct(count, minChars) - 1;
    if (need > available) {
      throw new FileFormatException(name + ": " + claim + ", which needs at least "
          + bytes(need) + ", but only " + bytes(available) + " follow");
    }
  }

  /**
   * The number of elements of a {@code rows x cols} matrix, checked to fit a Java array.
   *
   * @throws FileFormatException if a dimension is negative or the product is too large
   */
  int elements(long rows, long cols, String claim) throws FileFormatException {
    if (rows < 0 || cols < 0) {
      throw new FileFormatException(name + ": " + claim + " has a negative dimension");
    }
    if (cols != 0 && rows > MAX_ARRAY / cols) {
      throw new FileFormatException(name + ": " + claim + " has " + rows + " x " + cols + " = "
          + saturatedProduct(rows, cols) + " elements; a Java array holds at most " + MAX_ARRAY);
    }
    return (int) (rows * cols);
  }

  /**
   * Checks that {@code doubles} values of 8 bytes can be allocated within the heap the JVM may
   * use ({@code -Xmx}), so that a file whose data is legitimately much smaller than the matrix
   * it describes (a sparse file read densely) fails with a message instead of running out of
   * memory.
   *
   * @throws IOException if the heap is too small; the message says how much is needed
   */
  void requireHeap(long doubles, String claim) throws IOException {
    long need = saturatedProduct(doubles, Double.BYTES);
    long max = Runtime.getRuntime().maxMemory();
    if (need > max / 10 * 9) {
      throw new IOException(name + ": " + claim + " needs " + bytes(need) + " as a dense"
          + " matrix, but Java may use at most " + bytes(max) + " of memory; give it more"
          + " with -Xmx (for example java -Xmx16g)");
    }
  }

  /**
   * Checks that the {@code rows + 1} row pointers of a sparse matrix of {@code rows} rows (4
   * bytes each) can be allocated within the heap the JVM may use: the one array of a sparse
   * matrix whose size comes from a header's shape alone, not from the entries in the file, so
   * that a tiny file claiming two billion rows fails with a message instead of an {@link
   * OutOfMemoryError}.
   *
   * @throws IOException if the heap is too small; the message says how much is needed
   */
  void requireRowPointers(long rows, String claim) throws IOException {
    long need = saturatedProduct(rows + 1, Integer.BYTES);
    long max = Runtime.getRuntime().maxMemory();
    if (need > max / 10 * 9) {
      throw new IOException(name + ": " + claim + "; its " + (rows + 1) + " row pointers need "
          + bytes(need) + ", but Java may use at most " + bytes(max) + " of memory; give it"
          + " more with -Xmx (for example java -Xmx16g)");
    }
  }

  static long saturatedProduct(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  /** A byte count for people: "148 bytes", "3.2 GB". */
  static String bytes(long n) {
    if (n == Long.MAX_VALUE) {
      return "more than 9 EB";
    }
    return ByteCounts.of(n);
  }
}

package io.github.nmf4j.fuzz;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The fuzzing run {@link ReaderFuzzTest} forks with a small heap: every seed file of
 * {@link Seeds} is mutated {@code cases} times by {@link Mutator} (seeded) and read with
 * {@code MatrixIo.read} or {@code Images.readRgb}. A case passes when the reader returns a
 * result or throws an {@link IllegalArgumentException} or an {@link IOException} (which
 * includes {@code FileFormatException}), allocates at most {@link #allowance} bytes, and takes
 * less than {@link #MAX_MILLIS} ms. Prints one {@code FAIL} line per failing case and a
 * {@code DONE} summary; exits with 1 if any case failed.
 *
 * <p>Arguments: seed, cases per seed file, scratch directory.
 */
public final class ReaderFuzz {

  /** The most time one case may take. */
  static final long MAX_MILLIS = 1000;
  /** Allocation allowed whatever the file: buffers of the readers and of javax.imageio. */
  static final long BASE_BYTES = 4L << 20;
  /** Allocation allowed per byte of the file: parsing text makes strings and lists. */
  static final long PER_FILE_BYTE = 64;
  /**
   * Allocation allowed per value of a clean result: the matrix (8 bytes), a transposed copy
   * (Fortran order, 8), and for an image its three channels (24) and the decoded raster.
   */
  static final long PER_VALUE = 64;

  private ReaderFuzz() {}

  public static void main(String[] args) throws Exception {
    long seed = Long.parseLong(args[0]);
    int cases = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    Allocation threads = new Allocation();
    List<Seeds.Seed> seeds = Seeds.all(dir);
    for (Seeds.Seed s : seeds) { // warm up: class loading and JIT are not the readers' cost
      read(write(dir, s.extension(), s.bytes()), s.extension());
    }
    int total = 0;
    int failures = 0;
    int clean = 0;
    long worstMillis = 0;
    double worstRatio = 0;
    for (int si = 0; si < seeds.size(); si++) {
      Seeds.Seed s = seeds.get(si);
      boolean digits = !isImage(s.extension());
      Mutator mutator = new Mutator(seed * 1_000_003 + si);
      for (int c = 0; c < cases; c++) {
        Mutator.Result m = mutator.mutate(s, digits);
        Path file = write(dir, s.extension(), m.bytes());
        String where = "seed file " + si + " (" + s.name() + "), case " + c + " [" + m.what()
            + "], " + m.bytes().length + " bytes";
        long allocated = threads.bytes();
        long start = System.nanoTime();
        long values = 0;
        String problem = null;
        try {
          values = read(file, s.extension());
          clean++;
        } catch (IllegalArgumentException | IOException expected) {
          // a clear refusal
        } catch (Throwable t) {
          problem = "threw " + t;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        allocated = threads.bytes() - allocated;
        long allowed = allowance(m.bytes().length, values);
        worstMillis = Math.max(worstMillis, millis);
        worstRatio = Math.max(worstRatio, (double) allocated / allowed);
        if (problem == null && allocated > allowed) {
          problem = "allocated " + allocated + " bytes, more than the " + allowed + " allowed";
        }
        if (problem == null && millis >= MAX_MILLIS) {
          problem = "took " + millis + " ms";
        }
        if (problem != null) {
          failures++;
          System.out.println("FAIL " + where + ": " + problem);
        }
        total++;
      }
    }
    System.out.printf(Locale.ROOT, "DONE cases=%d clean=%d failures=%d worstMillis=%d"
        + " worstAllocationShare=%.3f%n", total, clean, failures, worstMillis, worstRatio);
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * The bytes this thread has allocated, from {@code com.sun.management.ThreadMXBean} (HotSpot),
   * reached by reflection since the test sources compile inside the library's module, which
   * does not read {@code java.management}; the fork runs on the class path, where it is there.
   */
  private static final class Allocation {
    private final Object bean;
    private final Method current;

    Allocation() throws ReflectiveOperationException {
      bean = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      current = Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
    }

    long bytes() throws ReflectiveOperationException {
      return (Long) current.invoke(bean);
    }
  }

  /** The bytes a case may allocate: {@link #BASE_BYTES} and the per-byte and per-value parts. */
  static long allowance(long fileBytes, long values) {
    return BASE_BYTES + PER_FILE_BYTE * fileBytes + PER_VALUE * values;
  }

  private static boolean isImage(String ext) {
    return ext.equals("png") || ext.equals("jpg");
  }

  private static Path write(Path dir, String ext, byte[] bytes) throws IOException {
    Path p = dir.resolve("case." + ext);
    Files.write(p, bytes);
    return p;
  }

  /** Reads the file; returns the number of values (or pixels) of the result. */
  private static long read(Path file, String ext) throws IOException {
    if (isImage(ext)) {
      RgbImage img = Images.readRgb(file);
      return img.pixels();
    }
    Matrix m = MatrixIo.read(file);
    return m.size();
  }
}

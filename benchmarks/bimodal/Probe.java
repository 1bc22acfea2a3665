package scratch; // scratch tool: javac -d /tmp/bm/classes -cp benchmarks/target/benchmarks.jar Phases.java Probe.java

import io.github.nmf4j.benchmarks.nmf.HalsData;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Rounds of one 1000-iteration fit: CPU ms/iteration, and what the rest of the machine did meanwhile. */
public final class Probe {
  static long[] stat() throws Exception {
    // per cpu: busy (user+nice+system+irq+softirq), steal ; jiffies
    long[] r = new long[8];
    int c = 0;
    for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
      if (line.startsWith("cpu") && !line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
            + Long.parseLong(f[6]) + Long.parseLong(f[7]);
        r[2 * c] = busy;
        r[2 * c + 1] = Long.parseLong(f[8]);
        c++;
      }
    }
    return r;
  }

  static double sink;
  static double[] small = new double[256];
  static double[] mid = new double[128 * 1024];      // 1 MB
  static double[] l3 = new double[1024 * 1024];  // 8 MB
  static double[] big = new double[16 * 1024 * 1024];  // 128 MB

  /** CPU ns of: a dependent FMA chain; an L1-resident axpy; a 1 MB axpy; a 32 MB sum. */
  static final sun.misc.Unsafe U;
  static {
    try {
      java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      U = (sun.misc.Unsafe) f.get(null);
    } catch (Exception e) { throw new RuntimeException(e); }
  }
  /** Address of element 0 of a (needs -XX:-UseCompressedOops). */
  static long addr(Object a) {
    Object[] holder = {a};
    return U.getLong(holder, (long) sun.misc.Unsafe.ARRAY_OBJECT_BASE_OFFSET) + sun.misc.Unsafe.ARRAY_DOUBLE_BASE_OFFSET;
  }

  static long[] refs(ThreadMXBean bean) {
    long[] t = new long[6];
    t[5] = addr(small);
    long c0 = bean.getCurrentThreadCpuTime();
    double x = 1;
    for (int i = 0; i < 20_000_000; i++) x = Math.fma(x, 0.9999999, 1e-9);
    long c1 = bean.getCurrentThreadCpuTime();
    for (int r = 0; r < 100_000; r++) for (int i = 0; i < 256; i++) small[i] = Math.fma(0.999, small[i], 1e-9);
    long c2 = bean.getCurrentThreadCpuTime();
    for (int r = 0; r < 200; r++) for (int i = 0; i < mid.length; i++) mid[i] = Math.fma(0.999, mid[i], 1e-9);
    long c3 = bean.getCurrentThreadCpuTime();
    for (int r = 0; r < 25; r++) for (int i = 0; i < l3.length; i++) l3[i] = Math.fma(0.999, l3[i], 1e-9);
    long c35 = bean.getCurrentThreadCpuTime();
    double s = 0;
    for (int r = 0; r < 1; r++) for (int i = 0; i < big.length; i++) s += big[i];
    long c4 = bean.getCurrentThreadCpuTime();
    sink += x + s + small[3] + mid[5];
    t[0] = c1 - c0; t[1] = c2 - c1; t[2] = c3 - c2; t[3] = c35 - c3; t[4] = c4 - c35;
    return t;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int k = 16;
    SplittableRandom random = new SplittableRandom(42);
    Matrix v = HalsData.faces(Path.of("."));
    int n = v.rows(), p = v.cols();
    double scale = Math.sqrt(v.sum() / v.size() / k);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) w[i] = scale * (1 - random.nextDouble());
    for (int i = 0; i < h.length; i++) h[i] = scale * (1 - random.nextDouble());
    Nmf base = Nmf.builder().rank(k).solver(Solver.HALS).threads(1).tolerance(0)
        .initialFactors(Matrix.wrap(n, k, w), Matrix.wrap(k, p, h)).maxIterations(1000).build();
    for (int i = 0; i < 10; i++) { base.fit(v); refs(ManagementFactory.getThreadMXBean()); }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rounds; r++) {
      long[] s0 = stat();
      long w0 = System.nanoTime();
      long c0 = bean.getCurrentThreadCpuTime();
      base.fit(v);
      long c1 = bean.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      long[] s1 = stat();
      double wall = (w1 - w0) / 1e7; // in jiffies (10 ms)
      double busy = 0, steal = 0;
      for (int c = 0; c < 4; c++) { busy += s1[2 * c] - s0[2 * c]; steal += s1[2 * c + 1] - s0[2 * c + 1]; }
      double mine = (c1 - c0) / 1e7;
      // others' busy as a fraction of one cpu over the round; steal likewise
      long[] ref = refs(bean);
      System.out.printf(Locale.ROOT, "ref fma %.1f l1 %.1f l2 %.1f l3 %.1f mem %.1f | ", ref[0] / 1e6, ref[1] / 1e6, ref[2] / 1e6, ref[3] / 1e6, ref[4] / 1e6);
      System.out.printf(Locale.ROOT, "%d %.4f others=%.2f steal=%.2f wall/cpu=%.2f%n", ManagementFactory.getRuntimeMXBean().getUptime(), (c1 - c0) / 1e6 / 1000,
          (busy - mine) / wall, steal / wall, (w1 - w0) / (double) (c1 - c0));
    }
  }
}

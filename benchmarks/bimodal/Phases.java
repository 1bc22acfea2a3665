package scratch; // scratch tool: javac -d /tmp/bm/classes -cp benchmarks/target/benchmarks.jar Phases.java Probe.java

import io.github.nmf4j.benchmarks.nmf.HalsData;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** Per-JVM phases: main thread, after full GCs, in a fresh thread. CPU ms per iteration. */
public final class Phases {
  static Matrix v;
  static Nmf shortFit, longFit;
  static int a = 5, b = 1005;

  static double measure(int rounds) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[] per = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = bean.getCurrentThreadCpuTime();
      shortFit.fit(v);
      long c1 = bean.getCurrentThreadCpuTime();
      longFit.fit(v);
      long c2 = bean.getCurrentThreadCpuTime();
      per[r] = ((c2 - c1) - (c1 - c0)) / 1e6 / (b - a);
    }
    Arrays.sort(per);
    return per[rounds / 2];
  }

  static long[] irq() throws Exception {
    long[] r = new long[6];
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/interrupts"))) {
      String[] f = line.trim().split("\\s+");
      int at = f[0].equals("CAL:") ? 0 : f[0].equals("LOC:") ? 2 : f[0].equals("RES:") ? 4 : -1;
      if (at >= 0) { r[at] = Long.parseLong(f[1]); r[at + 1] = Long.parseLong(f[2]); }
    }
    return r;
  }

  static double inThread(int rounds) throws Exception {
    double[] out = new double[1];
    Thread t = new Thread(() -> out[0] = measure(rounds));
    t.start();
    t.join();
    return out[0];
  }

  public static void main(String[] args) throws Exception {
    int k = 16;
    SplittableRandom random = new SplittableRandom(42);
    v = HalsData.faces(Path.of("."));
    int n = v.rows(), p = v.cols();
    double scale = Math.sqrt(v.sum() / v.size() / k);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) w[i] = scale * (1 - random.nextDouble());
    for (int i = 0; i < h.length; i++) h[i] = scale * (1 - random.nextDouble());
    Nmf base = Nmf.builder().rank(k).solver(Solver.HALS).threads(1).tolerance(0)
        .initialFactors(Matrix.wrap(n, k, w), Matrix.wrap(k, p, h)).maxIterations(a).build();
    shortFit = base;
    longFit = base.toBuilder().maxIterations(b).build();
    if (args[0].equals("pingpong")) {
      String me = args[1], other = args[2];
      int turns = Integer.parseInt(args[3]);
      java.nio.file.Path turn = Path.of("/tmp/bm/turn");
      for (int t = 0; t <= turns; t++) {
        while (true) {
          String cur = "";
          try { cur = java.nio.file.Files.readString(turn).trim(); } catch (Exception e) { }
          if (cur.equals(me)) break;
          Thread.sleep(20);
        }
        if (t == 0) {
          for (int i = 0; i < 10; i++) { longFit.fit(v); Probe.refs(ManagementFactory.getThreadMXBean()); }
        } else {
          long[] i0 = irq();
          long p0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
          long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          double m = measure(1);
          long t1 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          long p1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
          long[] i1 = irq();
          String extra = String.format(Locale.ROOT, " bgcpu=%.0fms cal=%d/%d loc=%d/%d res=%d/%d", ((p1 - p0) - (t1 - t0)) / 1e6,
              i1[0] - i0[0], i1[1] - i0[1], i1[2] - i0[2], i1[3] - i0[3], i1[4] - i0[4], i1[5] - i0[5]);
          long[] ref = Probe.refs(ManagementFactory.getThreadMXBean());
          System.out.printf(Locale.ROOT, "%s %d %d %.4f l1=%.2f fma=%.1f small%%64=%d%s%n", me, t, System.currentTimeMillis() % 1000000, m, ref[1] / 1e6, ref[0] / 1e6, ref[5] % 64, extra);
          System.out.flush();
        }
        java.nio.file.Files.writeString(Path.of("/tmp/bm/turn.tmp"), other);
        java.nio.file.Files.move(Path.of("/tmp/bm/turn.tmp"), turn,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return;
    }
    for (int i = 0; i < 10; i++) longFit.fit(v);
    StringBuilder sb = new StringBuilder();
    for (String phase : args) {
      double m;
      switch (phase) {
        case "main": m = measure(4); break;
        case "gc": System.gc(); System.gc(); m = measure(4); break;
        case "thread": m = inThread(4); break;
        case "copyv": v = Matrix.wrap(n, p, v.toRowMajorArray()); m = measure(4); break;
        case "pause":
          System.out.println("phases" + sb + " READY");
          System.out.flush();
          Thread.sleep(600_000);
          m = 0; break;
        default: throw new IllegalArgumentException(phase);
      }
      sb.append(String.format(Locale.ROOT, " %s=%.4f", phase, m));
    }
    System.out.println("phases" + sb);
  }
}

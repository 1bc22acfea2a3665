package io.github.nmf4j.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The textbook O(n^3) agglomerative algorithm, straight from the linkage definitions: at each
 * step merge the pair of clusters at the smallest distance. A test reference only.
 */
final class NaiveAgglomerative {

  private final double[] x;
  private final int d;
  private final Linkage linkage;
  private final List<List<Integer>> clusters = new ArrayList<>();

  NaiveAgglomerative(double[] x, int n, int d, Linkage linkage) {
    this.x = x;
    this.d = d;
    this.linkage = linkage;
    for (int i = 0; i < n; i++) {
      List<Integer> c = new ArrayList<>();
      c.add(i);
      clusters.add(c);
    }
  }

  /** The current partition as labels (the index of each point's cluster in the list). */
  int[] labels() {
    int n = x.length / d;
    int[] labels = new int[n];
    for (int c = 0; c < clusters.size(); c++) {
      for (int p : clusters.get(c)) {
        labels[p] = c;
      }
    }
    return labels;
  }

  /** Merges the closest pair and returns its linkage distance. */
  double mergeNext() {
    double best = Double.POSITIVE_INFINITY;
    int bi = -1;
    int bj = -1;
    for (int i = 0; i < clusters.size(); i++) {
      for (int j = i + 1; j < clusters.size(); j++) {
        double v = distance(clusters.get(i), clusters.get(j));
        if (v < best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    clusters.get(bi).addAll(clusters.remove(bj));
    return best;
  }

  private double distance(List<Integer> a, List<Integer> b) {
    if (linkage == Linkage.WARD) {
      double s = 0;
      for (int f = 0; f < d; f++) {
        double t = mean(a, f) - mean(b, f);
        s += t * t;
      }
      return Math.sqrt(2.0 * a.size() * b.size() / (a.size() + b.size()) * s);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    double sum = 0;
    for (int p : a) {
      for (int q : b) {
        double s = 0;
        for (int f = 0; f < d; f++) {
          double t = x[p * d + f] - x[q * d + f];
          s += t * t;
        }
        double v = Math.sqrt(s);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
    }
    switch (linkage) {
      case SINGLE:
        return min;
      case COMPLETE:
        return max;
      default:
        return sum / (a.size() * b.size());
    }
  }

  private double mean(List<Integer> c, int f) {
    double s = 0;
    for (int p : c) {
      s += x[p * d + f];
    }
    return s / c.size();
  }
}

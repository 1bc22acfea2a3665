package io.github.nmf4j.api;

import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.MergeTree;
import io.github.nmf4j.cluster.SpectralModel;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.image.SegmentationResult;
import io.github.nmf4j.nmf.ConsensusResult;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.RankSelectionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the contract tests read from a fit's result (a model of any estimator). */
final class Fingerprints {

  private Fingerprints() {}


  /**
   * The values of a fit's result that the seed and the data determine, by name: every label,
   * factor, centroid, component, error and count the result exposes.
   */
  static Map<String, Object> fingerprint(Object result) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (result instanceof KMeansModel m) {
      f.put("labels", m.labels());
      f.put("centroids", m.centroids());
      f.put("inertia", m.inertia());
      f.put("iterations", m.iterations());
      f.put("converged", m.converged());
    } else if (result instanceof NmfModel m) {
      f.put("w", m.w());
      f.put("h", m.h());
      f.put("reconstructionError", m.reconstructionError());
      f.put("relativeError", m.relativeError());
      f.put("iterations", m.iterations());
      f.put("converged", m.converged());
      f.put("lossHistory", m.lossHistory());
      f.put("restart", m.restart());
    } else if (result instanceof ContractCases.Transformed t) {
      f.putAll(fingerprint(t.model()));
      f.put("transform", t.w());
    } else if (result instanceof PcaModel m) {
      f.put("components", m.components());
      f.put("singularValues", m.singularValues());
      f.put("mean", m.mean());
      f.put("explainedVariance", m.explainedVariance());
      f.put("explainedVarianceRatio", m.explainedVarianceRatio());
      f.put("noiseVariance", m.noiseVariance());
    } else if (result instanceof SpectralModel m) {
      f.put("labels", m.labels());
      f.put("embedding", m.embedding());
      f.put("eigenvalues", m.eigenvalues());
      f.put("eigenIterations", m.eigenIterations());
      f.put("converged", m.converged());
    } else if (result instanceof AgglomerativeModel m) {
      f.put("labels", m.labels());
      MergeTree t = m.mergeTree();
      int[][] merges = new int[t.merges()][];
      for (int i = 0; i < merges.length; i++) {
        merges[i] = new int[] {t.left(i), t.right(i), t.size(i)};
      }
      f.put("merges", merges);
      f.put("heights", t.heights());
    } else if (result instanceof ConsensusResult r) {
      f.put("consensusMatrix", r.consensusMatrix());
      f.put("copheneticCorrelation", r.copheneticCorrelation());
      f.put("dispersion", r.dispersion());
      f.put("labels", r.labels());
    } else if (result instanceof RankSelectionResult r) {
      f.put("ranks", r.ranks());
      f.put("repeatErrors", r.repeatErrors());
      f.put("testErrors", r.testErrors());
      f.put("standardErrors", r.standardErrors());
    } else if (result instanceof SegmentationResult r) {
      f.put("windowLabels", r.windowLabels());
      f.put("pixelLabels", r.pixelLabels());
      f.put("colors", r.colors());
    } else {
      throw new AssertionError("no fingerprint for " + result.getClass());
    }
    return f;
  }

  /** The names whose values differ between two fingerprints, compared bit for bit. */
  static List<String> differences(Map<String, Object> a, Map<String, Object> b) {
    List<String> names = new ArrayList<>();
    for (String name : a.keySet()) {
      if (!Objects.deepEquals(a.get(name), b.get(name))) {
        names.add(name);
      }
    }
    return names;
  }

  /** The settings record of a fit's result. */
  static Record settingsOf(Object result) {
    try {
      return (Record) result.getClass().getMethod("settings").invoke(result);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(result.getClass() + " has no settings()", e);
    }
  }
}

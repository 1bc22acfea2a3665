package io.github.nmf4j.spark;

import io.github.nmf4j.nmf.BlockStep;
import java.io.Serializable;

/**
 * Runs one step of a fit on one partition's block: {@link BlockStep#apply} by default. A seam
 * for the failure-recovery test, which wraps it to fail a task once.
 */
interface StepRunner extends Serializable {

  /** The default: the step itself. */
  StepRunner DIRECT = (step, index, block, w) -> block.apply(step, w);

  /**
   * The result of {@code step}, the fit's step number {@code index} (0 is the start), on
   * {@code block} with its rows of W from the previous step ({@code null} before the start).
   */
  BlockStep.Result run(BlockStep step, int index, RowBlock block, double[] w);
}

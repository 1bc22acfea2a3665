package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;

/**
 * The settings {@link FactorizationBuilder} and its bases hold, as {@link NmfSettings} and
 * {@link MiniBatchNmfSettings} both record them: the rank, the loss, the start, the penalties,
 * the iteration limit, the tolerance, the seed and the threads. Through it {@code toBuilder()}
 * copies them in one place ({@link FactorizationBuilder#copyFactorization}).
 */
interface FactorizationSettings {

  int rank();

  Loss loss();

  double beta();

  Optional<Initialization> initialization();

  Optional<Matrix> initialW();

  Optional<Matrix> initialH();

  double alphaW();

  double alphaH();

  double l1Ratio();

  int maxIterations();

  double tolerance();

  long seed();

  int threads();
}

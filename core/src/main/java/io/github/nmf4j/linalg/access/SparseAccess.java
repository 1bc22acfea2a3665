package io.github.nmf4j.linalg.access;

import io.github.nmf4j.linalg.SparseMatrix;
import java.lang.invoke.MethodHandle;

/**
 * Lets the module's other packages read a {@link SparseMatrix}'s CSR arrays without a copy, as
 * {@link MatrixAccess} does for a dense matrix's storage (same mechanism: getters from a private
 * lookup in {@code SparseMatrix}, which does not know this class). A fit that reads its input
 * this way holds the matrix once instead of twice. Callers must treat the arrays as read-only:
 * a {@code SparseMatrix} is immutable to the outside world.
 */
public final class SparseAccess {

  private static final MethodHandle POINTERS =
      Getters.of(SparseMatrix.class, "rowPointers", int[].class);
  private static final MethodHandle COLUMNS =
      Getters.of(SparseMatrix.class, "columnIndices", int[].class);
  private static final MethodHandle VALUES =
      Getters.of(SparseMatrix.class, "values", double[].class);

  private SparseAccess() {}

  /**
   * The live row pointers of {@code m} ({@code rows + 1}; no copy). Never write to them.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static int[] rowPointers(SparseMatrix m) {
    return (int[]) Getters.get(POINTERS, m);
  }

  /**
   * The live column indices of {@code m}'s stored entries (no copy). Never write to them.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static int[] columnIndices(SparseMatrix m) {
    return (int[]) Getters.get(COLUMNS, m);
  }

  /**
   * The live stored values of {@code m} (no copy). Never write to them.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static double[] values(SparseMatrix m) {
    return (double[]) Getters.get(VALUES, m);
  }
}

package io.github.nmf4j.linalg.access;

import io.github.nmf4j.linalg.SparseMatrix;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Lets the module's other packages read a {@link SparseMatrix}'s CSR arrays without a copy, as
 * {@link MatrixAccess} does for a dense matrix's storage (same mechanism: getters from a private
 * lookup in {@code SparseMatrix}, which does not know this class). A fit that reads its input
 * this way holds the matrix once instead of twice. Callers must treat the arrays as read-only:
 * a {@code SparseMatrix} is immutable to the outside world.
 */
public final class SparseAccess {

  private static final MethodHandle POINTERS = getter("rowPointers", int[].class);
  private static final MethodHandle COLUMNS = getter("columnIndices", int[].class);
  private static final MethodHandle VALUES = getter("values", double[].class);

  private SparseAccess() {}

  /**
   * The live row pointers of {@code m} ({@code rows + 1}; no copy). Never write to them.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static int[] rowPointers(SparseMatrix m) {
    Objects.requireNonNull(m, "matrix");
    try {
      return (int[]) POINTERS.invokeExact(m);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError("a field getter threw a checked exception", e);
    }
  }

  /**
   * The live column indices of {@code m}'s stored entries (no copy). Never write to them.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static int[] columnIndices(SparseMatrix m) {
    Objects.requireNonNull(m, "matrix");
    try {
      return (int[]) COLUMNS.invokeExact(m);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError("a field getter threw a checked exception", e);
    }
  }

  /**
   * The live stored values of {@code m} (no copy). Never write to them.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static double[] values(SparseMatrix m) {
    Objects.requireNonNull(m, "matrix");
    try {
      return (double[]) VALUES.invokeExact(m);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError("a field getter threw a checked exception", e);
    }
  }

  private static MethodHandle getter(String field, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(SparseMatrix.class, MethodHandles.lookup())
          .findGetter(SparseMatrix.class, field, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}

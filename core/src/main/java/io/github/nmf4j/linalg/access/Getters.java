package io.github.nmf4j.linalg.access;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * The mechanism of {@link MatrixAccess} and {@link SparseAccess}: a getter of a private field
 * from a {@link MethodHandles#privateLookupIn private lookup} in its class (granted because both
 * are in the same module), and its call on a matrix.
 */
final class Getters {

  private Getters() {}

  /** The getter of {@code owner}'s field {@code field} of type {@code type}. */
  static MethodHandle of(Class<?> owner, String field, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findGetter(owner, field, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The field {@code getter} reads, of {@code matrix}.
   *
   * @throws NullPointerException if {@code matrix} is null
   */
  static Object get(MethodHandle getter, Object matrix) {
    Objects.requireNonNull(matrix, "matrix");
    try {
      return getter.invoke(matrix);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError("a field getter threw a checked exception", e);
    }
  }
}

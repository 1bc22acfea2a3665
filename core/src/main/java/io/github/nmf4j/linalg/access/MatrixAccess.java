package io.github.nmf4j.linalg.access;

import io.github.nmf4j.linalg.Matrix;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * Lets the module's other packages read a {@link Matrix}'s row-major storage without a copy.
 * Callers must treat the array as read-only: a {@code Matrix} is immutable to the outside world.
 *
 * <p>The storage is reached through a {@link MethodHandles#privateLookupIn private lookup} in
 * {@code Matrix}, which the JDK grants because both classes are in the same module (and on the
 * class path, in the same unnamed module): {@code Matrix} does not know this class, so the
 * dependency points one way (this package -> {@code linalg}), and the handle, a constant, is
 * inlined by the JIT like a field read. Classes of {@code linalg} itself use {@code Matrix}'s
 * package-private accessor instead.
 */
public final class MatrixAccess {

  private static final MethodHandle DATA = Getters.of(Matrix.class, "data", double[].class);

  private MatrixAccess() {}

  /**
   * The live row-major storage of {@code m} (no copy). Never write to it.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static double[] data(Matrix m) {
    return (double[]) Getters.get(DATA, m);
  }

  /**
   * The flat (row-major) indices of the entries of {@code m} that are not NaN, in order: the
   * observed entries of a matrix whose NaN entries are missing.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static int[] notNaN(Matrix m) {
    double[] data = data(m);
    int[] indices = new int[data.length];
    int count = 0;
    for (int i = 0; i < data.length; i++) {
      if (!Double.isNaN(data[i])) {
        indices[count++] = i;
      }
    }
    return Arrays.copyOf(indices, count);
  }
}

package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.linalg.Matrix;
import java.util.Objects;

/**
 * Lets the module's own packages read a {@link Matrix}'s row-major storage without a copy (the
 * "shared secrets" idiom: {@code Matrix} registers the accessor when its class initializes).
 * Callers must treat the array as read-only: a {@code Matrix} is immutable to the outside world.
 */
public final class MatrixAccess {

  /** Implemented by {@link Matrix}. */
  public interface Accessor {
    /** The live row-major storage of {@code m}. */
    double[] data(Matrix m);
  }

  private static volatile Accessor accessor;

  private MatrixAccess() {}

  /**
   * Registers the accessor; called once by {@code Matrix}'s static initializer.
   *
   * @throws IllegalStateException if an accessor is already registered
   */
  public static synchronized void register(Accessor a) {
    if (accessor != null) {
      throw new IllegalStateException("accessor already registered");
    }
    accessor = Objects.requireNonNull(a);
  }

  /**
   * The live row-major storage of {@code m} (no copy). Never write to it.
   *
   * @throws NullPointerException if {@code m} is null
   */
  public static double[] data(Matrix m) {
    Objects.requireNonNull(m, "matrix");
    // Having an instance means Matrix's class, and so the registration, is initialized.
    return accessor.data(m);
  }
}

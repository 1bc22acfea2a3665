package io.github.nmf4j.linalg.kernel;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Which {@link GemmTask} this JVM uses, decided once, the way Apache Lucene offers its Vector API
 * code: when the JVM was started with {@code --add-modules jdk.incubator.vector}, the module is
 * in the boot layer, and this module is made to read it and loads {@code VectorGemmTask};
 * otherwise (plain Java 17, or the system property {@code nmf4j.vector=false}) the scalar task.
 * The choice is logged once through {@link System#getLogger} (INFO when the Vector API is used,
 * DEBUG otherwise).
 */
public final class KernelChoice {

  /** The incubator module that holds the Vector API. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";
  /** Set to {@code false} to keep the scalar kernels although the Vector API is there. */
  static final String PROPERTY = "nmf4j.vector";

  private static final GemmTask SCALAR = new ScalarGemmTask();
  private static final Optional<GemmTask> VECTOR = loadVector();
  private static final boolean USE_VECTOR =
      VECTOR.isPresent() && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
  private static final String DESCRIPTION = describe();

  static {
    System.getLogger("io.github.nmf4j")
        .log(USE_VECTOR ? Level.INFO : Level.DEBUG, "nmf4j kernels: " + DESCRIPTION);
  }

  private KernelChoice() {}

  /** Whether the products run on the Vector API. */
  public static boolean vectorized() {
    return USE_VECTOR;
  }

  /** One line saying which kernels run and why. */
  public static String description() {
    return DESCRIPTION;
  }

  /** The task the products use. */
  static GemmTask gemm() {
    return USE_VECTOR ? VECTOR.get() : SCALAR;
  }

  /** The Vector API task when the JVM has the module, whatever the property says. */
  static Optional<GemmTask> vectorGemm() {
    return VECTOR;
  }

  private static Optional<GemmTask> loadVector() {
    Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
    if (vector.isEmpty()) {
      return Optional.empty();
    }
    Module own = KernelChoice.class.getModule();
    if (own.isNamed()) {
      own.addReads(vector.get());
    }
    try {
      Class<? extends GemmTask> type = Class
          .forName(KernelChoice.class.getPackageName() + ".VectorGemmTask")
          .asSubclass(GemmTask.class);
      return Optional.of(type.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      System.getLogger("io.github.nmf4j").log(Level.WARNING,
          "nmf4j: " + VECTOR_MODULE + " is present but its kernels did not load: " + e);
      return Optional.empty();
    }
  }

  private static String describe() {
    if (USE_VECTOR) {
      return VECTOR.get().describe();
    }
    if (VECTOR.isPresent()) {
      return "scalar loops vectorized by the JIT (" + PROPERTY + "=false)";
    }
    return "scalar loops vectorized by the JIT (start the JVM with --add-modules "
        + VECTOR_MODULE + " for the Vector API kernels)";
  }
}

package io.github.nmf4j.linalg.kernel;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Which {@link GemmTask}, {@link ElementKernels} and {@link KMeansKernels} this JVM uses, decided
 * once, the way Apache Lucene offers its Vector API code: when the JVM was started with {@code
 * --add-modules jdk.incubator.vector}, the module is in the boot layer, and this module is made to
 * read it and loads {@code VectorGemmTask}, {@code VectorElementKernels} and {@code
 * VectorKMeansKernels}; otherwise (plain Java 17, or the system property {@code
 * nmf4j.vector=false}) the scalar versions; all change together. The
 * choice is logged once through {@link System#getLogger} (INFO when the Vector API is used, DEBUG
 * otherwise).
 */
public final class KernelChoice {

  /** The incubator module that holds the Vector API. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";
  /** Set to {@code false} to keep the scalar kernels although the Vector API is there. */
  static final String PROPERTY = "nmf4j.vector";

  private static final GemmTask SCALAR = new ScalarGemmTask();
  private static final Optional<GemmTask> VECTOR = loadVector("VectorGemmTask", GemmTask.class);
  private static final ElementKernels SCALAR_ELEMENTS = new ElementKernels();
  private static final Optional<ElementKernels> VECTOR_ELEMENTS = VECTOR.isPresent()
      ? loadVector("VectorElementKernels", ElementKernels.class) : Optional.empty();
  private static final KMeansKernels SCALAR_KMEANS = new KMeansKernels();
  private static final Optional<KMeansKernels> VECTOR_KMEANS = VECTOR.isPresent()
      ? loadVector("VectorKMeansKernels", KMeansKernels.class) : Optional.empty();
  private static final boolean USE_VECTOR = VECTOR.isPresent() && VECTOR_ELEMENTS.isPresent()
      && VECTOR_KMEANS.isPresent() && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
  private static final String DESCRIPTION = describe();

  static {
    System.getLogger("io.github.nmf4j")
        .log(USE_VECTOR ? Level.INFO : Level.DEBUG, "nmf4j kernels: " + DESCRIPTION);
  }

  private KernelChoice() {}

  /** Whether the products, the element-wise loops and the k-means scans run on the Vector API. */
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

  /** The element-wise loops of the multiplicative updates. */
  public static ElementKernels elements() {
    return USE_VECTOR ? VECTOR_ELEMENTS.get() : SCALAR_ELEMENTS;
  }

  /** The scalar element-wise loops, whatever the choice (for tests). */
  static ElementKernels scalarElements() {
    return SCALAR_ELEMENTS;
  }

  /** The Vector API element-wise loops when the JVM has the module, whatever the property says. */
  static Optional<ElementKernels> vectorElements() {
    return VECTOR_ELEMENTS;
  }

  /** The three-feature distance scans of k-means. */
  public static KMeansKernels kMeans() {
    return USE_VECTOR ? VECTOR_KMEANS.get() : SCALAR_KMEANS;
  }

  /** The scalar k-means scans, whatever the choice (for tests). */
  static KMeansKernels scalarKMeans() {
    return SCALAR_KMEANS;
  }

  /** The Vector API k-means scans when the JVM has the module, whatever the property says. */
  static Optional<KMeansKernels> vectorKMeans() {
    return VECTOR_KMEANS;
  }

  /** An instance of the class {@code name} of this package, compiled against the Vector API. */
  private static <T> Optional<T> loadVector(String name, Class<T> type) {
    Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
    if (vector.isEmpty()) {
      return Optional.empty();
    }
    Module own = KernelChoice.class.getModule();
    if (own.isNamed()) {
      own.addReads(vector.get());
    }
    try {
      Class<? extends T> loaded = Class
          .forName(KernelChoice.class.getPackageName() + "." + name)
          .asSubclass(type);
      return Optional.of(loaded.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      System.getLogger("io.github.nmf4j").log(Level.WARNING,
          "nmf4j: " + VECTOR_MODULE + " is present but its kernels did not load: " + e);
      return Optional.empty();
    }
  }

  private static String describe() {
    if (USE_VECTOR) {
      return VECTOR.get().describe() + "; " + VECTOR_ELEMENTS.get().describe() + "; "
          + VECTOR_KMEANS.get().describe();
    }
    if (VECTOR.isPresent()) {
      return "scalar loops vectorized by the JIT (" + PROPERTY + "=false)";
    }
    return "scalar loops vectorized by the JIT (start the JVM with --add-modules "
        + VECTOR_MODULE + " for the Vector API kernels)";
  }
}

package io.github.nmf4j.api;

import static io.github.nmf4j.api.Fingerprints.settingsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.api.ContractCases.Fit;
import io.github.nmf4j.api.ContractCases.RunAs;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fifth contract: the model (or result) of every fit is immutable and records its settings.
 * What its accessors return, arrays included, cannot change it; every field it reaches is final;
 * it reaches no listener, executor, estimator or builder; and its {@code settings()} is the
 * estimator's record (for the mini-batch estimators, whose models are those of k-means and NMF,
 * the values their class comments say it keeps).
 */
class ModelContractTest {

  private static final Executor EXECUTOR = Runnable::run;
  private static final ProgressListener LISTENER = p -> { };
  /** The models of the fits, by the fit's name: one fit serves the three tests. */
  private static final Map<String, Object> MODELS = new ConcurrentHashMap<>();

  static Stream<Fit> fits() {
    return ContractCases.fits();
  }

  /** The model of a small fit of {@code fit}, run with {@link #EXECUTOR} and {@link #LISTENER}. */
  private static Object model(Fit fit) {
    return MODELS.computeIfAbsent(fit.toString(),
        name -> fit.runSmall(estimator(fit)));
  }

  private static Estimator<?> estimator(Fit fit) {
    return fit.estimator().estimator(new RunAs(2, EXECUTOR, LISTENER));
  }

  /**
   * Catches an accessor that hands out the model's own array (or a nested array of it), so that
   * a caller writing to what it got changes the model.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void mutatingWhatAnAccessorReturnsLeavesTheModelAlone(Fit fit) throws Exception {
    Object model = model(fit);
    assertAccessorsReturnCopies(model, model.getClass().getSimpleName(), 0);
  }

  /**
   * Catches a model that keeps the listener or the executor of the fit (or the estimator or a
   * builder, which hold them) and so keeps them alive, and a model with a field that is not
   * final, which could change after the fit.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void theModelReachesNoListenerNorExecutorAndAllItsFieldsAreFinal(Fit fit) throws Exception {
    Object model = model(fit);
    List<String> problems = new ArrayList<>();
    Map<Object, String> seen = new IdentityHashMap<>();
    Deque<Object> todo = new ArrayDeque<>();
    seen.put(model, model.getClass().getSimpleName());
    todo.add(model);
    while (!todo.isEmpty()) {
      Object o = todo.poll();
      String where = seen.get(o);
      if (o == EXECUTOR || o == LISTENER || o instanceof Executor
          || o instanceof ProgressListener || o instanceof Estimator
          || o instanceof EstimatorBuilder) {
        problems.add(where + " holds " + o.getClass().getName());
        continue;
      }
      for (Map.Entry<String, Object> e : children(o, problems, where).entrySet()) {
        Object child = e.getValue();
        if (child != null && !seen.containsKey(child)) {
          seen.put(child, e.getKey());
          todo.add(child);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Catches a model whose {@code settings()} is not the record of the estimator that fitted it
   * (a default, another fit's, or a record missing a value that determined the result).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void theModelRecordsTheEstimatorsSettings(Fit fit) throws Exception {
    Estimator<?> estimator = estimator(fit);
    Record recorded = settingsOf(model(fit));
    Set<String> shared = fit.estimator().recorded();
    if (shared == null) {
      assertThat(recorded).isEqualTo(estimator.settings());
      return;
    }
    for (String name : shared) {
      assertThat(component(recorded, name)).as(name)
          .isEqualTo(component(estimator.settings(), name));
    }
  }

  private static Object component(Record r, String name) throws ReflectiveOperationException {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getAccessor().invoke(r);
      }
    }
    throw new AssertionError(r.getClass().getSimpleName() + " has no component " + name);
  }

  // ---- accessors ----

  /**
   * Calls every public no-argument accessor of {@code o}; scrambles every array it returns and
   * checks that a second call returns what the first returned; descends into the library's
   * objects it returns (a merge tree, a settings record), {@code depth} levels deep.
   */
  private static void assertAccessorsReturnCopies(Object o, String where, int depth)
      throws Exception {
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class || m.getDeclaringClass() == Record.class) {
        continue;
      }
      Class<?> type = m.getReturnType();
      String name = where + "." + m.getName() + "()";
      if (type.isArray()) {
        Object first = invoke(m, o);
        Object copy = deepCopy(first);
        scramble(first);
        Object again = invoke(m, o);
        assertThat(again).as(name + " after scrambling what it returned").isNotSameAs(first);
        assertThat(Objects.deepEquals(again, copy))
            .as(name + " returns the same values after a caller wrote to what it returned")
            .isTrue();
      } else if (depth < 2 && type.getName().startsWith("io.github.nmf4j.")
          && !Enum.class.isAssignableFrom(type) && type != Matrix.class
          && type != SparseMatrix.class
          && !m.getName().equals("toBuilder")) {
        Object child = invoke(m, o);
        if (child != null) {
          assertAccessorsReturnCopies(child, name, depth + 1);
        }
      }
    }
  }

  private static Object invoke(Method m, Object o) throws Exception {
    try {
      return m.invoke(o);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private static Object deepCopy(Object array) {
    int n = Array.getLength(array);
    Object copy = Array.newInstance(array.getClass().getComponentType(), n);
    for (int i = 0; i < n; i++) {
      Object x = Array.get(array, i);
      Array.set(copy, i, x != null && x.getClass().isArray() ? deepCopy(x) : x);
    }
    return copy;
  }

  /** Writes other values into every element of {@code array} and its nested arrays. */
  private static void scramble(Object array) {
    for (int i = 0; i < Array.getLength(array); i++) {
      Object x = Array.get(array, i);
      if (x != null && x.getClass().isArray()) {
        scramble(x);
      } else if (array instanceof double[] d) {
        d[i] = -12345.5 - d[i];
      } else if (array instanceof int[] a) {
        a[i] = -12345 - a[i];
      } else if (array instanceof long[] a) {
        a[i] = -12345 - a[i];
      } else if (array instanceof boolean[] a) {
        a[i] = !a[i];
      } else if (!array.getClass().getComponentType().isPrimitive()) {
        Array.set(array, i, null);
      }
    }
  }

  // ---- the object graph ----

  /**
   * The objects {@code o} refers to, each with where it was found: the fields of the library's
   * objects (each of which must be final), the elements of arrays and collections, the value
   * of an {@link Optional}. The JDK's other objects (strings, boxed numbers) are leaves.
   */
  private static Map<String, Object> children(Object o, List<String> problems, String where)
      throws IllegalAccessException {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    Class<?> type = o.getClass();
    if (type.isArray()) {
      if (!type.getComponentType().isPrimitive()) {
        for (int i = 0; i < Array.getLength(o); i++) {
          out.put(where + "[" + i + "]", Array.get(o, i));
        }
      }
    } else if (o instanceof Optional<?> optional) {
      out.put(where + ".get()", optional.orElse(null));
    } else if (o instanceof Collection<?> collection) {
      int i = 0;
      for (Object x : collection) {
        out.put(where + "[" + i++ + "]", x);
      }
    } else if (o instanceof Map<?, ?> map) {
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(where + ".key" + i, e.getKey());
        out.put(where + ".value" + i++, e.getValue());
      }
    } else if (o instanceof Enum<?>) {
      return out;
    } else if (type.getName().startsWith("io.github.nmf4j.")) {
      for (Class<?> c = type; c != null && c != Object.class && c != Record.class;
          c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          String name = where + "." + f.getName();
          if (!Modifier.isFinal(f.getModifiers())) {
            problems.add(name + " is not final");
          }
          if (!f.getType().isPrimitive()) {
            f.setAccessible(true);
            out.put(name, f.get(o));
          }
        }
      }
    } else if (!type.getName().startsWith("java.")) {
      problems.add(where + " is a " + type.getName() + ", which this test cannot look into");
    }
    return out;
  }
}

package io.github.nmf4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.nmf4j.linalg.Matrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs every {@code ```java} block of {@code docs/*.md} and of the README.
 *
 * <p>The convention (COMMON.md): a block is a sequence of Java statements that becomes the body
 * of {@code static void run(java.nio.file.Path dir) throws Exception}, with imports of every
 * package the module exports plus {@code java.util.*}, {@code java.nio.file.*} and {@code
 * java.io.*}. Blocks are compiled against the module {@code io.github.nmf4j} on the module path,
 * so a sample that touches a non-exported package fails to compile. Each block runs with its own
 * temporary directory as {@code dir}; what it prints is discarded (shown with {@code
 * DOCS_SAMPLES_PRINT=1} in the environment). A sample that names a file of {@code
 * docs/figures/input/} (the real data sets, such as {@code "lfw-subset.npy"}) finds a copy of
 * it in {@code dir}.
 */
class DocSamplesTest {

  @TempDir Path work;

  /** One Java block: where it comes from and its code. */
  record Sample(Path file, int line, String code, String className) {
    String where() {
      return file.getFileName() + ":" + line;
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("README.md"))
          && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root with docs/ above " + Path.of("")
        .toAbsolutePath());
  }

  /** The pages whose samples are tested: README.md and docs/**.md. */
  static List<Path> pages() throws IOException {
    Path root = repositoryRoot();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The ```java blocks of a Markdown page, with the line of their first statement. */
  static List<Sample> samples(Path page, int firstIndex) throws IOException {
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int start = i + 1;
      StringBuilder code = new StringBuilder();
      i++;
      while (i < lines.size() && !lines.get(i).strip().equals("```")) {
        code.append(lines.get(i)).append('\n');
        i++;
      }
      if (i == lines.size()) {
        throw new IllegalStateException(page + ":" + start + ": unterminated ```java block");
      }
      samples.add(new Sample(page, start + 1, code.toString(),
          "DocSample" + (firstIndex + samples.size())));
    }
    return samples;
  }

  /** The imports every sample gets. */
  static String imports() {
    ModuleDescriptor d = Matrix.class.getModule().getDescriptor();
    String exported = d == null ? "" : d.exports().stream()
        .filter(e -> !e.isQualified())
        .map(e -> "import " + e.source() + ".*;")
        .sorted()
        .collect(Collectors.joining(" "));
    return exported
        + " import java.util.*; import java.util.concurrent.*; import java.nio.file.*;"
        + " import java.io.*;";
  }

  static String source(Sample s) {
    // Everything before the block sits on the first line, so compiler line numbers are the
    // page's line numbers minus (s.line - 2).
    return imports() + " public class " + s.className()
        + " { public static void run(java.nio.file.Path dir) throws Exception {\n" + s.code()
        + "\n}}\n";
  }

  @TestFactory
  Stream<DynamicTest> everyJavaSampleInTheGuideCompilesAndRuns() throws Exception {
    List<Sample> all = new ArrayList<>();
    for (Path page : pages()) {
      all.addAll(samples(page, all.size()));
    }
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    if (!all.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none",
          "-Xlint:none", "--module-path", modulePath(), "--add-modules", "io.github.nmf4j"));
      for (Sample s : all) {
        Path file = src.resolve(s.className() + ".java");
        Files.writeString(file, source(s));
        args.add(file.toString());
      }
      String errors = compile(args);
      if (errors != null) {
        fail("the guide's Java samples do not compile:\n" + explain(errors, all));
      }
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        DocSamplesTest.class.getClassLoader());
    return all.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> run(loader, s)));
  }

  private void run(ClassLoader loader, Sample s) throws Exception {
    Method run = loader.loadClass(s.className()).getMethod("run", Path.class);
    Path dir = Files.createDirectories(work.resolve("run").resolve(s.className()));
    copyNamedInputs(s.code(), dir);
    PrintStream savedOut = System.out;
    // DOCS_SAMPLES_PRINT=1 in the environment shows what the samples print (to check claims).
    if (System.getenv("DOCS_SAMPLES_PRINT") != null) {
      savedOut.println("=== " + s.where());
    } else {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }
    try {
      run.invoke(null, dir);
    } catch (InvocationTargetException e) {
      throw new AssertionError("sample " + s.where() + " failed: " + e.getCause(), e.getCause());
    } finally {
      System.setOut(savedOut);
    }
    assertThat(dir).as("the sample's directory").exists();
  }

  /** Copies each file of docs/figures/input whose name the code quotes into {@code dir}. */
  private static void copyNamedInputs(String code, Path dir) throws IOException {
    Path input = repositoryRoot().resolve("docs/figures/input");
    if (!Files.isDirectory(input)) {
      return;
    }
    try (Stream<Path> files = Files.list(input)) {
      for (Path f : files.toList()) {
        if (code.contains("\"" + f.getFileName() + "\"")) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
    }
  }

  /** Where the module io.github.nmf4j was loaded from (target/classes). */
  private static String modulePath() throws Exception {
    return Path.of(Matrix.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  /**
   * Runs javac through {@code javax.tools.ToolProvider}. Reflection, because the tests run inside
   * the module io.github.nmf4j, which does not read java.compiler (and must not require it).
   *
   * @return null on success, otherwise the compiler's messages
   */
  private static String compile(List<String> args) throws Exception {
    Class<?> provider = Class.forName("javax.tools.ToolProvider");
    Object compiler = provider.getMethod("getSystemJavaCompiler").invoke(null);
    if (compiler == null) {
      throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
    }
    Method run = Class.forName("javax.tools.Tool").getMethod("run", InputStream.class,
        OutputStream.class, OutputStream.class, String[].class);
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int code = (int) run.invoke(compiler, null, messages, messages,
        (Object) args.toArray(new String[0]));
    return code == 0 ? null : messages.toString(StandardCharsets.UTF_8);
  }

  /** Rewrites "DocSampleN.java:L" in compiler messages as "page.md:line". */
  private static String explain(String errors, List<Sample> samples) {
    String out = errors;
    for (Sample s : samples) {
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("\\S*" + s.className() + "\\.java:(\\d+)").matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        int line = Integer.parseInt(m.group(1)) + s.line() - 2;
        m.appendReplacement(sb, s.file().getFileName() + ":" + line);
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }
}

package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code example in the Javadoc of Vigil's API ({@code <pre>{@code ...}</pre>} in the main sources
 * of core, policy and lucene-matchers, but for the internal package) compiles against the API as it is:
 * each becomes the body of a method (or, when it declares a class, a member) of a class that declares
 * the few variables examples take as given ({@code text}, {@code content}, {@code slurs}, ...).
 */
class JavadocExamplesTest {
  static final List<String> MODULES = List.of("core", "policy", "lucene-matchers");
  private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* \\}</pre>",
      Pattern.DOTALL);

  /** What examples take as given, declared once around each of them. */
  private static final String GIVEN = String.join("\n",
      "  String text = \"\";",
      "  Content content = Content.of(\"\");",
      "  Classifier slurs, links, newScamTerms;",
      "  Collection<Term> slurTerms, scamTerms;",
      "  Object lists, reloadedLists;",
      "  Policy buildPolicy(Object lists) { return null; }",
      "  static final class ReputationClassifier implements Classifier {",
      "    ReputationClassifier(String name, String endpoint) {}",
      "    public String name() { return \"\"; }",
      "    public Signal classify(Content c) { return Signal.notMatched(); }",
      "  }");
  private static final String IMPORTS = String.join("\n",
      "import dev.vigil.*;", "import dev.vigil.behavior.*;", "import dev.vigil.contact.*;",
      "import dev.vigil.eval.*;",
      "import dev.vigil.links.*;", "import dev.vigil.lucene.*;", "import dev.vigil.policy.*;",
      "import dev.vigil.spi.*;", "import dev.vigil.spi.Parameter.Type;", "import dev.vigil.text.*;",
      "import java.nio.file.*;", "import java.time.*;", "import java.util.*;");

  record Example(Path file, int line, String code) {}

  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    for (String module : MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")
            && !p.toString().contains("internal")).sorted().toList()) {
          String s = Files.readString(f, StandardCharsets.UTF_8);
          Matcher m = BLOCK.matcher(s);
          while (m.find()) {
            StringBuilder code = new StringBuilder();
            for (String l : m.group(1).split("\n")) {
              code.append(l.startsWith(" * ") ? l.substring(3) : l.replaceFirst("^ \\*", "")).append('\n');
            }
            int line = s.substring(0, m.start()).split("\n", -1).length;
            out.add(new Example(f, line, code.toString()));
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyApiExampleCompiles(@TempDir Path out) throws IOException {
    List<Example> examples = examples();
    assertTrue(examples.size() >= 9, "examples found: " + examples.size());
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      String trimmed = e.code().strip();
      boolean declaresClass =
          trimmed.matches("(?s)(public |final |static |abstract )*(class|record|interface|enum) .*");
      String body = declaresClass ? e.code()
          : "  void example() throws Exception {\n" + e.code() + "  }\n";
      String source = IMPORTS + "\n\nclass Example" + i + " {\n" + GIVEN + "\n" + body + "}\n";
      String name = "Example" + i;
      sources.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      });
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, fm, diagnostics, List.of("-d", out.toString(), "-classpath",
          System.getProperty("java.class.path"), "-proc:none"), null, sources).call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          int index = Integer.parseInt(d.getSource().getName().replaceAll("\\D", ""));
          Example e = examples.get(index);
          errors.add(e.file() + " (example at line " + e.line() + "): " + d.getMessage(Locale.ROOT));
        }
      }
      assertEquals(List.of(), errors);
      assertTrue(ok);
    }
  }
}

package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, read from the main sources of every module: packages depend on each other
 * without cycles, only core uses {@code dev.vigil.internal}, and that package holds only what several
 * packages share. A change that breaks one of these fails here, naming the packages or classes.
 */
class ArchitectureTest {
  static final List<String> MODULES = List.of("core", "lucene-matchers", "policy", "examples",
      "benchmarks");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.vigil((?:\\.[a-z][a-z0-9]*)*)\\.([A-Z]\\w*)");
  private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.vigil[\\w.]*);", Pattern.MULTILINE);

  /** A main source file: its module, package, class and the types of Vigil it refers to. */
  record Source(String module, String pkg, String name, Set<String> references) {}

  static List<Source> sources() {
    List<Source> out = new ArrayList<>();
    for (String module : MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String code = strip(Files.readString(f, StandardCharsets.UTF_8));
          Matcher pm = PACKAGE.matcher(code);
          if (!pm.find()) {
            continue;
          }
          Set<String> refs = new TreeSet<>();
          Matcher m = REFERENCE.matcher(code.substring(pm.end()));
          while (m.find()) {
            refs.add("dev.vigil" + m.group(1) + "." + m.group(2));
          }
          String name = f.getFileName().toString().replace(".java", "");
          out.add(new Source(module, pm.group(1), name, refs));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The code without comments and string or char literals, which name types without using them. */
  static String strip(String code) {
    StringBuilder sb = new StringBuilder(code.length());
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
        while (i < code.length() && code.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
        int end = code.indexOf("*/", i + 2);
        i = end < 0 ? code.length() : end + 2;
      } else if (c == '"' || c == '\'') {
        if (c == '"' && code.startsWith("\"\"\"", i)) {
          int end = code.indexOf("\"\"\"", i + 3);
          i = end < 0 ? code.length() : end + 3;
          continue;
        }
        i++;
        while (i < code.length() && code.charAt(i) != c) {
          i += code.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  private static String packageOf(String type) {
    return type.substring(0, type.lastIndexOf('.'));
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Source s : sources()) {
      Set<String> to = graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
      for (String r : s.references()) {
        String p = packageOf(r);
        if (!p.equals(s.pkg())) {
          to.add(p);
        }
      }
    }
    List<List<String>> cycles = stronglyConnected(graph);
    assertEquals(List.of(), cycles, "packages that depend on each other in a cycle (each list is one)");
    assertTrue(graph.size() >= 10, graph.keySet().toString());
  }

  @Test
  void onlyCoreUsesItsInternalPackage() {
    for (Source s : sources()) {
      if (!s.module().equals("core")) {
        for (String r : s.references()) {
          assertTrue(!r.startsWith("dev.vigil.internal."), s.module() + " " + s.pkg() + "." + s.name()
              + " uses " + r + ": only core's own packages may");
        }
      }
    }
  }

  @Test
  void internalHoldsOnlyWhatSeveralPackagesShare() {
    Map<String, Set<String>> users = new HashMap<>();
    List<Source> all = sources();
    for (Source s : all) {
      if (s.pkg().equals("dev.vigil.internal")) {
        users.put(s.name(), new TreeSet<>());
      }
    }
    for (Source s : all) {
      for (String r : s.references()) {
        if (packageOf(r).equals("dev.vigil.internal") && !s.pkg().equals("dev.vigil.internal")) {
          users.computeIfAbsent(r.substring(r.lastIndexOf('.') + 1), k -> new TreeSet<>()).add(s.pkg());
        }
      }
    }
    users.remove("package-info");
    users.forEach((cls, pkgs) -> assertTrue(pkgs.size() >= 2, "dev.vigil.internal." + cls + " is used by "
        + pkgs + " only: move it into that package, package-private"));
  }

  /** Tarjan's strongly connected components with more than one package, each sorted. */
  static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        visit(v, graph, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        visit(w, graph, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        out.add(component);
      }
    }
  }

  @Test
  void theCycleCheckFindsACycle() {
    Map<String, Set<String>> g = new TreeMap<>();
    g.put("a", Set.of("b"));
    g.put("b", Set.of("c"));
    g.put("c", Set.of("a", "d"));
    g.put("d", Set.of());
    assertEquals(List.of(List.of("a", "b", "c")), stronglyConnected(g));
    assertEquals("int x = ; ", strip("int x = \"dev.vigil.internal.Hosts\"; // dev.vigil.A\n/* dev.vigil.B */")
        .replace("\n", ""));
  }
}

package dev.vigil.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benchmark inputs: the peers' published corpora from {@code ../shared/data/bench-corpora} when present
 * (override with {@code -Dvigil.benchData=DIR}), otherwise text and dictionaries generated from a fixed
 * seed, so every benchmark also runs on a fresh clone.
 */
final class BenchData {
  private BenchData() {}

  static Path dir() {
    String p = System.getProperty("vigil.benchData");
    if (p != null) {
      return Path.of(p);
    }
    for (Path c : new Path[] {Path.of("..", "shared", "data", "bench-corpora"),
        Path.of("..", "..", "shared", "data", "bench-corpora")}) {
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return Path.of("..", "shared", "data", "bench-corpora");
  }

  static boolean has(String file) {
    return Files.isRegularFile(dir().resolve(file));
  }

  static List<String> lines(String file) {
    try {
      List<String> out = new ArrayList<>();
      for (String l : Files.readAllLines(dir().resolve(file), StandardCharsets.UTF_8)) {
        if (!l.isBlank()) {
          out.add(l.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code count} distinct entries of {@code from}, drawn with a fixed seed, in the order drawn. */
  static List<String> sample(List<String> from, int count, long seed) {
    List<String> shuffled = new ArrayList<>(new java.util.LinkedHashSet<>(from));
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    return new ArrayList<>(shuffled.subList(0, Math.min(count, shuffled.size())));
  }

  /**
   * {@code count} distinct two-word phrases of lower-case letters that occur in {@code lines}, drawn
   * with a fixed seed at random places of the text, so that their first words are as frequent as the
   * text makes them.
   */
  static List<String> phrases(List<String> lines, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (int tries = 0; seen.size() < count && tries < 1000 * count; tries++) {
      String[] words = lines.get(r.nextInt(lines.size())).toLowerCase(java.util.Locale.ROOT)
          .split(" ");
      if (words.length < 2) {
        continue;
      }
      int at = r.nextInt(words.length - 1);
      if (words[at].matches("[a-z]+") && words[at + 1].matches("[a-z]+")) {
        seen.add(words[at] + " " + words[at + 1]);
      }
    }
    return new ArrayList<>(seen);
  }

  /** Random lower-case words of 4 to 10 letters. */
  static List<String> randomWords(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> words = new ArrayList<>(count);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (words.size() < count) {
      int len = 4 + r.nextInt(7);
      StringBuilder sb = new StringBuilder(len);
      for (int i = 0; i < len; i++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      if (seen.add(sb.toString())) {
        words.add(sb.toString());
      }
    }
    return words;
  }

  /** Text of exactly {@code chars} chars: lines of the given source, or generated words, repeated. */
  static String text(List<String> lines, int chars) {
    StringBuilder sb = new StringBuilder(chars + 256);
    int i = 0;
    while (sb.length() < chars) {
      sb.append(lines.get(i++ % lines.size())).append(' ');
    }
    return sb.substring(0, chars);
  }

  /** Generated sentences: mostly filler words, with a share of dictionary words, some capitalized. */
  static List<String> generatedLines(List<String> dictionary, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> filler = randomWords(2000, seed + 1);
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder();
      int words = 3 + r.nextInt(6);
      for (int w = 0; w < words; w++) {
        String word = r.nextInt(50) == 0 ? dictionary.get(r.nextInt(dictionary.size()))
            : filler.get(r.nextInt(filler.size()));
        if (r.nextInt(10) == 0) {
          word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        sb.append(w == 0 ? "" : " ").append(word);
      }
      lines.add(sb.append('.').toString());
    }
    return lines;
  }
}

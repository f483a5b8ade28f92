package dev.vigil.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Unicode's confusables.txt: the single-code-point mappings to a Latin letter or digit (public for
 * the look-alike coverage tests of other modules).
 */
public final class Confusables {
  private Confusables() {}

  /** One mapping: a code point and the Latin letter or digit it can be confused with. */
  public record Pair(int source, int target) {}

  public static List<Pair> toLatinLettersAndDigits(Path file) throws IOException {
    List<Pair> pairs = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      line = line.replace("\ufeff", "");
      int hash = line.indexOf('#');
      String body = hash >= 0 ? line.substring(0, hash) : line;
      if (body.isBlank()) {
        continue;
      }
      String[] f = body.split(";");
      String[] src = f[0].strip().split(" ");
      String[] tgt = f[1].strip().split(" ");
      if (src.length != 1 || tgt.length != 1) {
        continue;
      }
      int t = Integer.parseInt(tgt[0], 16);
      if (t >= 'a' && t <= 'z' || t >= 'A' && t <= 'Z' || t >= '0' && t <= '9') {
        pairs.add(new Pair(Integer.parseInt(src[0], 16), t));
      }
    }
    return pairs;
  }
}

package dev.vigil.examples.cli;

import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import dev.vigil.text.TermList;
import dev.vigil.text.TermMatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds a term matcher from the {@code --terms}, {@code --preset}, {@code --mode}, {@code --allow} options. */
final class TermOptions {
  private TermOptions() {}

  /** The matcher, or null after printing why the options or files are bad. */
  static @Nullable TermMatcher matcher(Map<String, String> options, PrintStream err) {
    Normalizer normalizer;
    MatchMode mode;
    try {
      normalizer = Normalizer.preset(options.getOrDefault("--preset", "standard"));
      String m = options.getOrDefault("--mode", "word");
      mode = MatchMode.valueOf(m.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + (e.getMessage().startsWith("preset") ? e.getMessage()
          : "--mode must be word, prefix, suffix or anywhere but was '" + options.get("--mode")
              + "'"));
      return null;
    }
    String terms = options.get("--terms");
    try {
      TermList list = TermList.loader().normalizer(normalizer).mode(mode).load(Path.of(terms));
      if (list.terms().isEmpty()) {
        err.println("vigil: " + terms + ": no terms");
        return null;
      }
      TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer).addAll(list.terms());
      String allow = options.get("--allow");
      if (allow != null) {
        int number = 0;
        for (String line : Files.readAllLines(Path.of(allow))) {
          number++;
          String entry = line.strip();
          if (entry.isEmpty() || entry.startsWith("#")) {
            continue;
          }
          if (normalizer.units(entry).isEmpty()) {
            err.println("vigil: " + allow + ":" + number + ": entry normalizes to nothing");
            return null;
          }
          b.allow(entry);
        }
      }
      return b.build();
    } catch (NoSuchFileException e) {
      err.println("vigil: " + e.getFile() + ": no such file");
    } catch (TermList.TermListException e) {
      err.println("vigil: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage());
    }
    return null;
  }

  /**
   * The content hash of a policy with the {@code --terms} list (and {@code --allow} list) added: SHA-256
   * over the policy's hash, the options and both files' bytes, so that it still names the exact rules.
   */
  static String hashWith(String policyHash, Map<String, String> options) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(("vigil-policy-with-terms/1\n" + policyHash + "\n" + options.getOrDefault("--preset", "standard")
          + "\n" + options.getOrDefault("--mode", "word") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (String key : new String[] {"--terms", "--allow"}) {
        String file = options.get(key);
        if (file != null) {
          sha.update((key + "\n" + Path.of(file).getFileName() + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          sha.update(Files.readAllBytes(Path.of(file)));
        }
      }
      StringBuilder hex = new StringBuilder();
      for (byte b : sha.digest()) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("cannot hash the --terms list: " + e.getMessage(), e);
    }
  }
}

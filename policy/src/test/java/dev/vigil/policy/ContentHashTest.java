package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vigil.Decision;
import dev.vigil.Decision.SignalReport;
import dev.vigil.Policy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content hash names the decisions: the same files (wherever they are) give the same hash and the
 * same decisions; a change of any byte the policy reads gives another hash.
 */
class ContentHashTest {
  @TempDir Path dir;

  static final String POLICY = "policy: h\ncategories: {abuse: {cap: 1}, spam: }\n"
      + "lists:\n  words: {type: terms, file: words.txt, preset: aggressive}\n"
      + "  brands: {type: domains, file: brands.txt}\n"
      + "signals:\n  w: {kind: terms, lists: words, category: abuse, weight: 0.6}\n"
      + "  l: {kind: links.lookalikes, brands: brands, category: spam}\n"
      + "rules: ['remove when total >= 1.0', 'review when total >= 0.5']\n";
  static final List<String> TEXTS = List.of("you idiot", "you 1d10t and m0r0n", "log in at pаypal.com",
      "nothing", "idiot at paypa1.com", "MORON");

  private Folder folder(String name, String words) {
    Folder f = new Folder(dir.resolve(name));
    f.write("policy.yaml", POLICY);
    f.write("words.txt", words);
    f.write("brands.txt", "paypal.com\n");
    return f;
  }

  static String fingerprint(Decision d) {
    StringBuilder sb = new StringBuilder(d.action() + " " + d.total() + " " + d.policyHash());
    for (SignalReport s : d.signals()) {
      sb.append('|').append(s.name()).append(' ').append(s.signal()).append(s.signal().evidence());
    }
    return sb.toString();
  }

  @Test
  void theSameFilesInAnotherFolderGiveTheSameHashAndDecisions() {
    PolicyFile a = folder("a", "idiot\nmoron\t\t0.5\n").load("policy.yaml");
    PolicyFile b = folder("deeper/b", "idiot\nmoron\t\t0.5\n").load("policy.yaml");
    assertEquals(a.contentHash(), b.contentHash());
    for (String t : TEXTS) {
      assertEquals(fingerprint(a.policy().evaluate(t)), fingerprint(b.policy().evaluate(t)), t);
    }
  }

  @Test
  void anyByteOfAnyFileChangesTheHash() throws Exception {
    Folder f = folder("c", "idiot\nmoron\t\t0.5\n");
    Set<String> hashes = new HashSet<>();
    hashes.add(f.load("policy.yaml").contentHash());
    f.write("words.txt", "idiot\nmoron\t\t0.6\n");
    hashes.add(f.load("policy.yaml").contentHash());
    f.write("brands.txt", "paypal.com\n\n");
    hashes.add(f.load("policy.yaml").contentHash());
    f.write("policy.yaml", POLICY.replace("weight: 0.6", "weight: 0.60"));
    hashes.add(f.load("policy.yaml").contentHash());
    assertEquals(4, hashes.size());
  }

  @Test
  void sameHashSameDecisionsAcrossManyVariants() {
    // Variants of the word list; loads of equal bytes in different folders must agree on everything,
    // and the hash tells the variants apart exactly when their bytes differ.
    String[] variants = {"idiot\n", "idiot\nmoron\n", "moron\nidiot\n", "idiot\n", "idiot\t\t0.5\n",
        "idiot\nmoron\n"};
    Map<String, String> decisionsByHash = new HashMap<>();
    Map<String, String> hashByBytes = new HashMap<>();
    for (int i = 0; i < variants.length; i++) {
      PolicyFile p = folder("v" + i, variants[i]).load("policy.yaml");
      StringBuilder all = new StringBuilder();
      Policy policy = p.policy();
      for (String t : TEXTS) {
        all.append(fingerprint(policy.evaluate(t))).append('\n');
      }
      String previous = decisionsByHash.putIfAbsent(p.contentHash(), all.toString());
      if (previous != null) {
        assertEquals(previous, all.toString(), "same hash, other decisions: variant " + i);
      }
      String knownHash = hashByBytes.putIfAbsent(variants[i], p.contentHash());
      if (knownHash != null) {
        assertEquals(knownHash, p.contentHash());
      }
    }
    assertEquals(4, decisionsByHash.size());
  }

  @Test
  void hashIsSha256OverNamesLengthsAndBytesInReadOrder() throws Exception {
    Folder f = folder("d", "idiot\n");
    PolicyFile p = f.load("policy.yaml");
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update("vigil-policy/1\n".getBytes(StandardCharsets.UTF_8));
    for (String name : List.of("policy.yaml", "words.txt", "brands.txt")) {
      byte[] bytes = Files.readAllBytes(f.dir.resolve(name));
      sha.update((name + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
      sha.update(bytes);
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : sha.digest()) {
      hex.append(String.format("%02x", b));
    }
    assertEquals(hex.toString(), p.contentHash());
    assertNotEquals(p.contentHash(), folder("e", "idiot \n").load("policy.yaml").contentHash());
  }
}

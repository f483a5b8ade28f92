package dev.vigil.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy file and every file it reads (term lists, rule files, hash banks), by name, as one value of a
 * control topic: {@code {"policy": "dm.yaml", "files": {"dm.yaml": "<base64>", "scam-terms.txt":
 * "<base64>"}}}. Bytes travel exactly (base64), so the policy loaded from a bundle has the content hash
 * the same files on disk give. Immutable.
 */
public final class PolicyBundle {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String policy;
  private final Map<String, byte[]> files;

  private PolicyBundle(String policy, Map<String, byte[]> files) {
    this.policy = policy;
    this.files = files;
  }

  /**
   * The bundle of the policy file {@code file}: it is loaded with {@code loader} (so a broken policy is
   * refused here, before it reaches the topic), and every file it read is taken by its path relative to
   * the policy's folder.
   *
   * @throws PolicyException if the policy does not load
   */
  public static PolicyBundle of(Path file, PolicyLoader loader) {
    PolicyFile loaded = loader.load(file);
    Path folder = file.toAbsolutePath().normalize().getParent();
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      for (Path p : loaded.files()) {
        Path abs = p.toAbsolutePath().normalize();
        files.put(folder.relativize(abs).toString().replace('\\', '/'), Files.readAllBytes(abs));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the files of policy " + file, e);
    }
    return new PolicyBundle(folder.relativize(file.toAbsolutePath().normalize()).toString(),
        Collections.unmodifiableMap(files));
  }

  /** A bundle of files held in memory; {@code policy} names the policy file among them. */
  public static PolicyBundle of(String policy, Map<String, byte[]> files) {
    requireNonNull(policy, "policy");
    Map<String, byte[]> copy = new LinkedHashMap<>();
    files.forEach((name, bytes) -> copy.put(requireNonNull(name, "name"), bytes.clone()));
    if (!copy.containsKey(policy)) {
      throw new IllegalArgumentException("the bundle's files " + copy.keySet() + " do not hold its policy '"
          + policy + "'");
    }
    return new PolicyBundle(policy, Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a bundle from a control record's value.
   *
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  public static PolicyBundle fromBytes(byte[] value) {
    JsonNode node;
    try {
      node = JSON.readTree(new String(requireNonNull(value, "value"), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a policy bundle is JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject() || !node.path("policy").isTextual() || !node.path("files").isObject()) {
      throw new IllegalArgumentException("a policy bundle is {\"policy\": NAME, \"files\": {NAME: BASE64,"
          + " ...}}");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : node.get("files").properties()) {
      if (!f.getValue().isTextual()) {
        throw new IllegalArgumentException("file '" + f.getKey() + "' of the bundle must be base64 text");
      }
      try {
        files.put(f.getKey(), Base64.getDecoder().decode(f.getValue().textValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("file '" + f.getKey() + "' of the bundle is not base64: "
            + e.getMessage());
      }
    }
    return of(node.get("policy").textValue(), files);
  }

  /** The control record's value. */
  public byte[] toBytes() {
    ObjectNode root = JSON.createObjectNode();
    root.put("policy", policy);
    ObjectNode f = root.putObject("files");
    files.forEach((name, bytes) -> f.put(name, Base64.getEncoder().encodeToString(bytes)));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Loads the policy with {@code loader}: every problem at once in a {@link PolicyException}. */
  public PolicyFile load(PolicyLoader loader) {
    return loader.load(policy, files);
  }

  /** The policy file's name among the files. */
  public String policy() {
    return policy;
  }

  /** The files by name, the policy's among them. */
  public Map<String, byte[]> files() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    files.forEach((name, bytes) -> copy.put(name, bytes.clone()));
    return copy;
  }

  @Override
  public String toString() {
    return "PolicyBundle[" + policy + ", " + files.size() + " files]";
  }
}

package dev.vigil.policy;

import dev.vigil.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A policy loaded from a file: the {@link Policy} itself, what the file says about it (name, version,
 * description), the content hash every decision carries, the files it was read from, and its inline
 * tests. Immutable and safe to share between threads.
 */
public final class PolicyFile {
  private final Policy policy;
  private final @Nullable String description;
  private final String contentHash;
  private final String source;
  private final @Nullable Path path;
  private final List<Sources.Digest> files;
  private final List<InlineTest> tests;
  private final Interpreter.Model model;
  private final Sources sources;

  PolicyFile(Policy policy, @Nullable String description, String contentHash, String source,
      @Nullable Path path, List<Sources.Read> files, List<InlineTest> tests, Interpreter.Model model, Sources sources) {
    this.policy = policy;
    this.description = description;
    this.contentHash = contentHash;
    this.source = source;
    this.path = path;
    List<Sources.Digest> digests = new ArrayList<>(files.size());
    for (Sources.Read r : files) {
      digests.add(r.digest());
    }
    this.files = List.copyOf(digests);
    this.tests = List.copyOf(tests);
    this.model = model;
    this.sources = sources;
  }

  /** The policy, ready to evaluate. */
  public Policy policy() {
    return policy;
  }

  /** The policy's name ({@code policy:}). */
  public String name() {
    return policy.name();
  }

  /** The policy's version ({@code version:}, {@code "1"} when left out). */
  public String version() {
    return policy.version();
  }

  /** The file's {@code description}, or null. */
  public @Nullable String description() {
    return description;
  }

  /**
   * The SHA-256, in hex, of the policy file and every file it read (lists, rule files), with their names
   * as written: the same hash means the same decisions, under the same version of Vigil and of the
   * kinds' jars. Every decision of {@link #policy()} carries it ({@link dev.vigil.Decision#policyHash()}).
   */
  public String contentHash() {
    return contentHash;
  }

  /** The policy file as messages name it: its path as given, or its resource name. */
  public String source() {
    return source;
  }

  /** The policy file's path, or null for a policy loaded from the class path. */
  public @Nullable Path path() {
    return path;
  }

  /** Every file on disk the policy was read from, the policy file first: what a watcher watches. */
  public List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (Sources.Digest r : files) {
      if (r.path() != null) {
        out.add(r.path());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Reads the policy file's bytes again, from where it was loaded (a folder, a class path or memory):
   * what a tool that writes a derived policy ({@code vigil learn}) starts from. The bytes may differ
   * from those loaded if the file changed since; compare {@link #contentHash()} to know.
   *
   * @throws IOException if it cannot be read
   */
  public byte[] readPolicy() throws IOException {
    return sources.reread("", true);
  }

  /**
   * Reads again every other file the policy read (term lists, rules files), by the name the policy
   * wrote (relative to its folder), in the order they were first read.
   *
   * @throws IOException if one cannot be read
   */
  public Map<String, byte[]> readFiles() throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 1; i < files.size(); i++) {
      out.put(files.get(i).name(), sources.reread(files.get(i).name(), false));
    }
    return out;
  }

  /** The file's inline tests, in file order. */
  public List<InlineTest> tests() {
    return tests;
  }

  /** Runs every inline test against {@link #policy()}, in order. */
  public List<InlineTest.Result> runTests() {
    List<InlineTest.Result> out = new ArrayList<>(tests.size());
    for (InlineTest t : tests) {
      out.add(t.run(policy));
    }
    return out;
  }

  /** Each file read, with the hash of the bytes read: a watcher compares them with the disk. */
  List<Sources.Digest> digests() {
    return files;
  }

  Interpreter.Model model() {
    return model;
  }

  @Override
  public String toString() {
    return "PolicyFile{" + source + ": " + policy.name() + " v" + policy.version() + ", "
        + contentHash.substring(0, 12) + "}";
  }
}

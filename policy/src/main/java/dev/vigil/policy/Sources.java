package dev.vigil.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the files of one load come from (a folder on disk, or a class path), how a path written in the
 * policy resolves, and every file read, in order, for the content hash and the watcher.
 *
 * <p><b>Paths.</b> A path in a policy file is relative to the policy file's folder. An absolute path,
 * and a path that leaves the folder ({@code ../x}, {@code a/../../x}), are refused unless the loader
 * allows them; the check is on the path as written, normalized, without following links.
 *
 * <p><b>The content hash</b> is SHA-256 over a version tag and, for each file read in order (the policy
 * file first), its name as written, its length and its bytes: the same hash means the same bytes were
 * read under the same names, so the same policy.
 */
abstract class Sources {
  /** One file read: its name as the policy wrote it, its path on disk (null on a class path). */
  record Read(String name, String display, @Nullable Path path, byte[] bytes) {
    /** What a loaded policy keeps of the file: not its bytes, their hash. */
    Digest digest() {
      return new Digest(name, display, path, sha256(bytes));
    }
  }

  /** A file a policy was read from, and the SHA-256 of the bytes read. */
  record Digest(String name, String display, @Nullable Path path, String sha256) {}

  static String sha256(byte[] bytes) {
    MessageDigest sha = sha256();
    sha.update(bytes);
    return hex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String hex(byte[] digest) {
    StringBuilder hex = new StringBuilder(64);
    for (byte b : digest) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  private final boolean allowAbsolute;
  private final boolean allowParent;
  final PolicyLimits limits;
  private final Map<String, Read> read = new LinkedHashMap<>();

  Sources(boolean allowAbsolute, boolean allowParent, PolicyLimits limits) {
    this.allowAbsolute = allowAbsolute;
    this.allowParent = allowParent;
    this.limits = limits;
  }

  /** Files in a folder on disk, relative to {@code policyFile}. */
  static Sources directory(Path policyFile, boolean allowAbsolute, boolean allowParent,
      PolicyLimits limits) {
    return new Directory(policyFile, allowAbsolute, allowParent, limits);
  }

  /** Files held in memory, by name; {@code policy} is the policy file's name among them. */
  static Sources memory(String policy, Map<String, byte[]> files, PolicyLimits limits) {
    return new Memory(policy, files, limits);
  }

  /** Resources on a class path, relative to the resource {@code policy}. */
  static Sources classpath(ClassLoader loader, String policy, PolicyLimits limits) {
    return new Classpath(loader, policy, limits);
  }

  /** The policy file's name in messages. */
  abstract String policyDisplay();

  /** The policy file's path on disk, or null on a class path. */
  abstract @Nullable Path policyPath();

  /** Reads the policy file itself (first). */
  final byte[] readPolicy() throws IOException {
    byte[] bytes = load(policyName(), limits.maxPolicyBytes(), "policy file");
    read.put("", new Read(policyName(), policyDisplay(), policyPath(), bytes));
    return bytes;
  }

  abstract String policyName();

  /**
   * Reads the file at {@code written} (a path as the policy file wrote it, at node {@code at}),
   * reporting a problem and returning null when the path is refused or the file cannot be read.
   */
  final @Nullable Read read(String written, Yaml.Node at, Problems problems) {
    String name = check(written, at, problems);
    if (name == null) {
      return null;
    }
    Read r = read.get(name);
    if (r != null) {
      return r;
    }
    try {
      r = new Read(name, display(name), pathOf(name), load(name, limits.maxListBytes(), "file"));
    } catch (NoSuchFileException e) {
      problems.error(at, "cannot read '" + written + "': no such file (" + display(name) + ")");
      return null;
    } catch (AccessDeniedException e) {
      problems.error(at, "cannot read '" + written + "': permission denied");
      return null;
    } catch (TooLarge e) {
      problems.error(at, "'" + written + "' is " + e.size + " bytes, over the limit of " + e.limit
          + " bytes for a file a policy reads");
      return null;
    } catch (IOException e) {
      problems.error(at, "cannot read '" + written + "': " + e.getMessage());
      return null;
    }
    read.put(name, r);
    return r;
  }

  /** The normalized name of a written path, or null after reporting why it is refused. */
  private @Nullable String check(String written, Yaml.Node at, Problems problems) {
    if (written.isBlank()) {
      problems.error(at, "a file path must not be empty");
      return null;
    }
    if (written.indexOf('\0') >= 0 || written.indexOf('\\') >= 0) {
      problems.error(at, "file path '" + Interpreter.shorten(written) + "' has a NUL or a backslash;"
          + " write paths with '/'");
      return null;
    }
    boolean absolute = written.startsWith("/") || written.matches("^[A-Za-z]:.*");
    if (absolute && !allowAbsolute) {
      problems.error(at, "absolute path '" + written + "' is refused: paths are relative to the"
          + " policy file's folder (the loader can allow absolute paths)");
      return null;
    }
    List<String> parts = new ArrayList<>();
    boolean escapes = false;
    for (String part : written.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty() || parts.get(parts.size() - 1).equals("..")) {
          escapes = true;
          parts.add(part);
        } else {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(part);
      }
    }
    if (escapes && !absolute && !allowParent) {
      problems.error(at, "path '" + written + "' leaves the policy file's folder and is refused"
          + " (the loader can allow it)");
      return null;
    }
    if (parts.isEmpty()) {
      problems.error(at, "path '" + written + "' names the policy file's folder, not a file");
      return null;
    }
    String name = String.join("/", parts);
    return absolute ? (written.startsWith("/") ? "/" + name : name) : name;
  }

  abstract String display(String name);

  abstract @Nullable Path pathOf(String name);

  /** Reads at most {@code limit} bytes of {@code name}, throwing {@link TooLarge} beyond. */
  abstract byte[] load(String name, long limit, String what) throws IOException;

  /** Drops the bytes read so far (what a loaded policy keeps is their hashes). */
  final void forget() {
    read.clear();
  }

  /** Reads {@code name} (a name as {@link Read#name} holds it) again, under the same size limits. */
  final byte[] reread(String name, boolean policy) throws IOException {
    return policy ? load(policyName(), limits.maxPolicyBytes(), "policy file")
        : load(name, limits.maxListBytes(), "file");
  }

  /** Every file read, the policy file first. */
  final List<Read> files() {
    return List.copyOf(read.values());
  }

  /** The content hash over every file read so far; see the class comment. */
  final String hash() {
    MessageDigest sha = sha256();
    sha.update("vigil-policy/1\n".getBytes(StandardCharsets.UTF_8));
    for (Read r : read.values()) {
      sha.update(r.name().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Integer.toString(r.bytes().length).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(r.bytes());
    }
    return hex(sha.digest());
  }

  /** A file over its size limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final long size;
    final long limit;

    TooLarge(long size, long limit) {
      super("over the limit of " + limit + " bytes");
      this.size = size;
      this.limit = limit;
    }
  }

  static byte[] readLimited(InputStream in, long limit) throws IOException {
    int cap = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
    byte[] bytes = in.readNBytes(cap);
    if (bytes.length > limit) {
      throw new TooLarge(bytes.length, limit);
    }
    return bytes;
  }

  private static final class Directory extends Sources {
    private final Path policyFile;
    private final Path folder;

    Directory(Path policyFile, boolean allowAbsolute, boolean allowParent, PolicyLimits limits) {
      super(allowAbsolute, allowParent, limits);
      this.policyFile = policyFile;
      Path parent = policyFile.getParent();
      this.folder = parent == null ? Path.of("") : parent;
    }

    @Override
    String policyDisplay() {
      return policyFile.toString();
    }

    @Override
    String policyName() {
      Path f = policyFile.getFileName();
      return f == null ? policyFile.toString() : f.toString();
    }

    @Override
    @Nullable Path policyPath() {
      return policyFile;
    }

    @Override
    String display(String name) {
      if (name.equals(policyName())) {
        return policyDisplay();
      }
      Path p = pathOf(name);
      return p == null ? name : p.toString();
    }

    @Override
    @Nullable Path pathOf(String name) {
      try {
        return name.startsWith("/") || name.matches("^[A-Za-z]:.*") ? Path.of(name)
            : folder.resolve(name).normalize();
      } catch (InvalidPathException e) {
        return null;
      }
    }

    @Override
    byte[] load(String name, long limit, String what) throws IOException {
      Path p = name.equals(policyName()) && what.equals("policy file") ? policyFile : pathOf(name);
      if (p == null) {
        throw new NoSuchFileException(name);
      }
      if (Files.isDirectory(p)) {
        throw new IOException("it is a folder, not a file");
      }
      long size = Files.size(p);
      if (size > limit) {
        throw new TooLarge(size, limit);
      }
      try (InputStream in = Files.newInputStream(p)) {
        return readLimited(in, limit);
      }
    }
  }

  private static final class Classpath extends Sources {
    private final ClassLoader loader;
    private final String policy;
    private final String folder;

    Classpath(ClassLoader loader, String policy, PolicyLimits limits) {
      super(false, false, limits);
      this.loader = loader;
      this.policy = policy.startsWith("/") ? policy.substring(1) : policy;
      int slash = this.policy.lastIndexOf('/');
      this.folder = slash < 0 ? "" : this.policy.substring(0, slash + 1);
    }

    @Override
    String policyDisplay() {
      return policy;
    }

    @Override
    String policyName() {
      return policy.substring(folder.length());
    }

    @Override
    @Nullable Path policyPath() {
      return null;
    }

    @Override
    String display(String name) {
      return folder + name;
    }

    @Override
    @Nullable Path pathOf(String name) {
      return null;
    }

    @Override
    byte[] load(String name, long limit, String what) throws IOException {
      try (InputStream in = loader.getResourceAsStream(folder + name)) {
        if (in == null) {
          throw new NoSuchFileException(folder + name);
        }
        return readLimited(in, limit);
      }
    }
  }

  private static final class Memory extends Sources {
    private final String policy;
    private final Map<String, byte[]> files;

    Memory(String policy, Map<String, byte[]> files, PolicyLimits limits) {
      super(false, false, limits);
      this.policy = policy;
      this.files = files;
    }

    @Override
    String policyDisplay() {
      return policy;
    }

    @Override
    String policyName() {
      return policy;
    }

    @Override
    @Nullable Path policyPath() {
      return null;
    }

    @Override
    String display(String name) {
      return name;
    }

    @Override
    @Nullable Path pathOf(String name) {
      return null;
    }

    @Override
    byte[] load(String name, long limit, String what) throws IOException {
      byte[] bytes = files.get(name);
      if (bytes == null) {
        throw new NoSuchFileException(name);
      }
      if (bytes.length > limit) {
        throw new TooLarge(bytes.length, limit);
      }
      return bytes.clone();
    }
  }
}

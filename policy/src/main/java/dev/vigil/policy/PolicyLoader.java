package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import dev.vigil.behavior.BehaviorState;
import dev.vigil.behavior.MemoryState;
import dev.vigil.spi.SignalKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Loads policy files. One loader holds the signal kinds a file may name (Vigil's core kinds, those
 * registered through {@link ServiceLoader} and those given to the builder), whether paths may be
 * absolute or leave the policy file's folder, and the {@link PolicyLimits}.
 *
 * <pre>{@code
 * PolicyFile file = PolicyLoader.defaults().load(Path.of("policies/forum.yaml"));
 * Decision d = file.policy().evaluate(Content.of(text));
 * }</pre>
 *
 * <p><b>What a file cannot do.</b> It names kinds, never classes: nothing in a file makes the loader
 * instantiate a class that was not registered as a {@link SignalKind}. It reads only files under its own
 * folder (unless allowed), each within the size limit, and never writes anything.
 *
 * <p><b>Errors.</b> {@link #load} reports every problem of the file and of the lists it reads at once,
 * each with file, line and column, in a {@link PolicyException}; nothing is half-built.
 *
 * <p>Immutable and thread safe; loading allocates per call and shares nothing.
 */
public final class PolicyLoader {
  private final Map<String, SignalKind> kinds;
  private final boolean allowAbsolute;
  private final boolean allowParent;
  private final PolicyLimits limits;
  private final BehaviorState state;

  private PolicyLoader(Builder b, BehaviorState state) {
    this.kinds = Collections.unmodifiableMap(new LinkedHashMap<>(b.kinds));
    this.allowAbsolute = b.allowAbsolute;
    this.allowParent = b.allowParent;
    this.limits = b.limits;
    this.state = state;
  }

  /**
   * A loader with Vigil's core kinds and every kind registered on the class path (through the context
   * class loader, or this class's), default limits, and paths confined to the policy file's folder.
   */
  public static PolicyLoader defaults() {
    return builder().build();
  }

  /** A builder that starts as {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the policy file at {@code file} and every file it names (relative to its folder).
   *
   * @throws PolicyException listing every problem, when the file or a file it reads is wrong
   */
  public PolicyFile load(Path file) {
    requireNonNull(file, "file");
    return Interpreter.load(Sources.directory(file, allowAbsolute, allowParent, limits), kinds, limits);
  }

  /**
   * Loads a policy bundled as a resource ({@code dev/vigil/examples/policies/sample.yaml}), the files
   * it names being resources beside it. Absolute paths and paths out of its folder are refused.
   *
   * @throws PolicyException listing every problem
   */
  public PolicyFile loadResource(ClassLoader loader, String resource) {
    requireNonNull(loader, "loader");
    requireNonNull(resource, "resource");
    return Interpreter.load(Sources.classpath(loader, resource, limits), kinds, limits);
  }

  /**
   * Loads a policy whose files are held in memory, by name: a policy delivered over a control topic or
   * kept in a database. {@code policy} names the policy file among {@code files}; the paths it names are
   * looked up in the same map, after the same checks as on disk (relative, inside the policy's folder),
   * and the content hash is the one the same files on disk would give.
   *
   * @throws PolicyException listing every problem
   */
  public PolicyFile load(String policy, Map<String, byte[]> files) {
    requireNonNull(policy, "policy");
    requireNonNull(files, "files");
    return Interpreter.load(Sources.memory(policy, Map.copyOf(files), limits), kinds, limits);
  }

  /** The kinds a file may name, by name, core's first. */
  public Map<String, SignalKind> kinds() {
    return kinds;
  }

  /** The limits. */
  public PolicyLimits limits() {
    return limits;
  }

  /** Whether absolute paths are allowed. */
  public boolean allowsAbsolutePaths() {
    return allowAbsolute;
  }

  /** Whether paths may leave the policy file's folder. */
  public boolean allowsPathsOutsideFolder() {
    return allowParent;
  }

  /**
   * Where the policies this loader builds keep the records of their behaviour signals
   * ({@code behavior.*} kinds): shared by every policy it loads, so that a reload keeps the counts.
   */
  public BehaviorState behaviorState() {
    return state;
  }

  @Override
  public String toString() {
    return "PolicyLoader{" + kinds.size() + " kinds" + (allowAbsolute ? ", absolute paths" : "")
        + (allowParent ? ", paths outside the folder" : "") + "}";
  }

  /**
   * Builds a {@link PolicyLoader}. Each option may be set once. Not thread safe; {@link #build()} leaves
   * the builder unchanged.
   */
  public static final class Builder {
    /** The records of the default behaviour state. */
    public static final int DEFAULT_STATE_CAPACITY = 1_000_000;

    private final Map<String, SignalKind> kinds = new LinkedHashMap<>();
    private boolean discovered;
    private @Nullable ClassLoader discoverFrom;
    private boolean discover = true;
    private boolean allowAbsolute;
    private boolean allowParent;
    private PolicyLimits limits = PolicyLimits.defaults();
    private boolean limitsSet;
    private @Nullable BehaviorState state;

    private Builder() {
      for (SignalKind k : CoreKinds.all()) {
        kinds.put(k.name(), k);
      }
    }

    /**
     * Adds a kind.
     *
     * @throws IllegalArgumentException if its name is malformed or taken
     */
    public Builder kind(SignalKind kind) {
      requireNonNull(kind, "kind");
      add(kind, "given to the builder");
      return this;
    }

    private void add(SignalKind kind, String how) {
      String name = requireNonNull(kind.name(), "kind.name()");
      if (!SignalKind.NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("kind name '" + name + "' of " + kind.getClass().getName()
            + " must be lower-case words joined by '-' and '.'");
      }
      SignalKind other = kinds.get(name);
      if (other != null) {
        throw new IllegalArgumentException("two kinds are named '" + name + "': "
            + other.getClass().getName() + " and " + kind.getClass().getName() + " (" + how + ")");
      }
      kinds.put(name, kind);
    }

    /** Where {@link ServiceLoader} looks for kinds; the context class loader (or this class's) unless set. */
    public Builder discoverKindsFrom(ClassLoader loader) {
      this.discoverFrom = requireNonNull(loader, "loader");
      return this;
    }

    /** Turns discovery off: only core's kinds and those given with {@link #kind} are known. */
    public Builder withoutDiscovery() {
      this.discover = false;
      return this;
    }

    /** Allows absolute paths to list files. Off by default. */
    public Builder allowAbsolutePaths() {
      this.allowAbsolute = true;
      return this;
    }

    /** Allows paths that leave the policy file's folder ({@code ../shared/list.txt}). Off by default. */
    public Builder allowPathsOutsideFolder() {
      this.allowParent = true;
      return this;
    }

    /**
     * The limits against hostile files.
     *
     * @throws IllegalStateException if limits were already set
     */
    public Builder limits(PolicyLimits limits) {
      requireNonNull(limits, "limits");
      if (limitsSet) {
        throw new IllegalStateException("limits were already set to " + this.limits);
      }
      this.limits = limits;
      this.limitsSet = true;
      return this;
    }

    /**
     * Where behaviour signals keep their records: a {@link MemoryState} of
     * {@value #DEFAULT_STATE_CAPACITY} records unless set (one per loader, shared by the policies it
     * loads), or, say, a stream processor's state stores.
     */
    public Builder behaviorState(BehaviorState state) {
      this.state = requireNonNull(state, "state");
      return this;
    }

    /**
     * The loader.
     *
     * @throws IllegalArgumentException if two kinds share a name
     * @throws ServiceConfigurationError if a registered kind cannot be instantiated
     */
    public PolicyLoader build() {
      BehaviorState st = state != null ? state : MemoryState.withCapacity(DEFAULT_STATE_CAPACITY);
      Builder withState = copy();
      for (SignalKind k : BehaviorKinds.all(st)) {
        withState.add(k, "Vigil's behaviour kinds");
      }
      return withState.buildWith(st);
    }

    private PolicyLoader buildWith(BehaviorState st) {
      if (discover && !discovered) {
        ClassLoader cl = discoverFrom;
        if (cl == null) {
          cl = Thread.currentThread().getContextClassLoader();
        }
        if (cl == null) {
          cl = PolicyLoader.class.getClassLoader();
        }
        List<SignalKind> found = new ArrayList<>();
        for (SignalKind k : ServiceLoader.load(SignalKind.class, cl)) {
          found.add(k);
        }
        Builder copy = copy();
        for (SignalKind k : found) {
          if (copy.kinds.get(k.name()) != null
              && copy.kinds.get(k.name()).getClass().equals(k.getClass())) {
            continue; // the same kind given to the builder and registered
          }
          copy.add(k, "registered in META-INF/services/" + SignalKind.class.getName());
        }
        copy.discovered = true;
        return new PolicyLoader(copy, st);
      }
      return new PolicyLoader(this, st);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.kinds.clear();
      b.kinds.putAll(kinds);
      b.discovered = discovered;
      b.discoverFrom = discoverFrom;
      b.discover = discover;
      b.allowAbsolute = allowAbsolute;
      b.allowParent = allowParent;
      b.limits = limits;
      b.limitsSet = limitsSet;
      b.state = state;
      return b;
    }
  }
}

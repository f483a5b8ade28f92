package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import dev.vigil.Holder;
import dev.vigil.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Holder} of a policy current as its file, or any file it reads, changes: analysts edit
 * a list or a threshold and the service picks it up without a restart.
 *
 * <pre>{@code
 * try (PolicyWatcher watcher = PolicyWatcher.start(Path.of("policies/forum.yaml"))) {
 *   Holder<Policy> policy = watcher.policy();
 *   Decision d = policy.get().evaluate(content); // on every request
 * }
 * }</pre>
 *
 * <h2>How a change goes live</h2>
 * <ol>
 *   <li>A thread of the watcher's own notices changes through the file system's watch service (and by
 *       comparing modification times and sizes every {@link Builder#pollInterval poll interval}, for file
 *       systems whose events are late or missing), in every folder the policy reads from.
 *   <li>It waits until the files have been quiet for the {@link Builder#debounce debounce} time, so an
 *       editor's burst of writes loads once.
 *   <li>It loads the policy completely. A broken edit (any problem, in any file) never goes live: the
 *       last good policy keeps serving, and the error is reported to the {@link Listener} and logged
 *       through SLF4J with its location only, never with the file's text (lists may hold personal data
 *       such as phone numbers).
 *   <li>It reads every file again and compares it with what it loaded; when one changed meanwhile, the
 *       load is thrown away and the watcher waits for quiet again. So a policy file written before the
 *       list it names does not go live with the old list.
 *   <li>Only then does it swap the holder, when the content hash differs from the current one.
 * </ol>
 * Read the holder once per evaluation: an evaluation then uses one complete policy version, and its
 * decision names that version and its content hash.
 *
 * <p>To change several files together without a moment in between, write the new list under a new name
 * first and then the policy file that names it (or replace the whole folder by renaming, as Kubernetes
 * does with config maps): every state the folder passes through is then a complete policy.
 *
 * <p>Thread safe. {@link #close()} stops the thread; the holder keeps its last policy.
 */
public final class PolicyWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyWatcher.class);

  /** Told about every reload and every broken edit, on the watcher's thread. */
  public interface Listener {
    /** A new version went live. */
    default void reloaded(PolicyFile previous, PolicyFile next) {}

    /** An edit did not load; {@code current} keeps serving. */
    default void failed(PolicyException problems, PolicyFile current) {}
  }

  private final Path file;
  private final PolicyLoader loader;
  private final Listener listener;
  private final Duration debounce;
  private final Duration poll;
  private final Holder<Policy> holder;
  private final AtomicReference<PolicyFile> current;
  private final WatchService watchService;
  private final Thread thread;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<Path, WatchKey> keys = new HashMap<>();
  private volatile boolean closed;

  private PolicyWatcher(Builder b, PolicyFile first) throws IOException {
    this.file = b.file;
    this.loader = b.loader;
    this.listener = b.listener;
    this.debounce = b.debounce;
    this.poll = b.poll;
    this.holder = Holder.of(first.policy());
    this.current = new AtomicReference<>(first);
    this.watchService = FileSystems.getDefault().newWatchService();
    this.thread = new Thread(this::run, "vigil-policy-watcher-" + file.getFileName());
    this.thread.setDaemon(true);
  }

  /** Loads {@code file} with {@link PolicyLoader#defaults()} and watches it with default settings. */
  public static PolicyWatcher start(Path file) {
    return builder(file).start();
  }

  /** A builder for a watcher of {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /** The holder of the current policy; read it once per evaluation. */
  public Holder<Policy> policy() {
    return holder;
  }

  /** The current policy file (name, version, content hash, files). */
  public PolicyFile current() {
    return current.get();
  }

  /** How many times a new version went live. */
  public long reloads() {
    return reloads.get();
  }

  /** How many edits failed to load. */
  public long failures() {
    return failures.get();
  }

  /** Stops watching and waits for the watcher's thread to end. The holder keeps its policy. */
  @Override
  public void close() {
    closed = true;
    try {
      watchService.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
    thread.interrupt();
    try {
      stopped.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    PolicyFile f = current.get();
    return "PolicyWatcher{" + file + ": " + f.name() + " v" + f.version() + " "
        + f.contentHash().substring(0, 12) + ", " + reloads.get() + " reloads}";
  }

  private void run() {
    // Registered before start() returned; a file that changed since it was loaded is reloaded at once.
    Map<Path, Stamp> stamps = stamps(current.get());
    long quietSince = stable(current.get()) ? -1 : System.nanoTime();
    try {
      while (!closed) {
        register(current.get());
        long now = System.nanoTime();
        long wait = quietSince < 0 ? poll.toNanos()
            : Math.max(1, debounce.toNanos() - (now - quietSince));
        WatchKey key = watchService.poll(Math.min(wait, poll.toNanos()), TimeUnit.NANOSECONDS);
        boolean changed = false;
        if (key != null) {
          key.pollEvents();
          key.reset();
          changed = true;
          // Drain what else is queued: one burst, one reload.
          WatchKey more;
          while ((more = watchService.poll()) != null) {
            more.pollEvents();
            more.reset();
          }
        }
        Map<Path, Stamp> now2 = stamps(current.get());
        if (!now2.equals(stamps)) {
          stamps = now2;
          changed = true;
        }
        if (changed) {
          quietSince = System.nanoTime();
          continue;
        }
        if (quietSince >= 0 && System.nanoTime() - quietSince >= debounce.toNanos()) {
          quietSince = reload() ? -1 : System.nanoTime();
          stamps = stamps(current.get());
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    } catch (RuntimeException | Error e) {
      LOG.error("policy watcher of {} stopped on an unexpected {}; the last policy keeps serving", file,
          e.getClass().getName(), e);
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Loads the policy and swaps it in when it is complete, stable and new. Returns false when the files
   * changed while it loaded (so the caller waits for quiet again).
   */
  private boolean reload() {
    PolicyFile before = current.get();
    PolicyFile next;
    try {
      next = loader.load(file);
    } catch (PolicyException e) {
      failures.incrementAndGet();
      Problem first = e.problems().isEmpty() ? null : e.problems().get(0);
      LOG.warn("policy {} did not reload: {} problem(s), the first at {}:{}:{}; still serving {} v{} ({})",
          file, e.problems().size(), first == null ? file : first.file(), first == null ? 0 : first.line(),
          first == null ? 0 : first.column(), before.name(), before.version(),
          before.contentHash().substring(0, 12));
      notifyFailed(e, before);
      return true;
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn("policy {} did not reload: {}; still serving v{}", file, e.getClass().getName(),
          before.version());
      notifyFailed(new PolicyException(List.of(new Problem(Problem.Severity.ERROR, file.toString(), 0, 0,
          "the loader failed: " + e.getClass().getName()))), before);
      return true;
    }
    if (!stable(next)) {
      return false;
    }
    if (next.contentHash().equals(before.contentHash())) {
      return true;
    }
    current.set(next);
    holder.set(next.policy());
    reloads.incrementAndGet();
    LOG.info("policy {} reloaded: {} v{} ({}), was v{} ({})", file, next.name(), next.version(),
        next.contentHash().substring(0, 12), before.version(), before.contentHash().substring(0, 12));
    try {
      listener.reloaded(before, next);
    } catch (RuntimeException e) {
      LOG.warn("policy watcher listener failed with {}", e.getClass().getName());
    }
    return true;
  }

  private void notifyFailed(PolicyException e, PolicyFile still) {
    try {
      listener.failed(e, still);
    } catch (RuntimeException ex) {
      LOG.warn("policy watcher listener failed with {}", ex.getClass().getName());
    }
  }

  /** Whether every file still holds the bytes the load read. */
  private boolean stable(PolicyFile loaded) {
    for (Sources.Digest d : loaded.digests()) {
      if (d.path() == null) {
        continue;
      }
      try (InputStream in = Files.newInputStream(d.path())) {
        byte[] bytes = Sources.readLimited(in, Long.MAX_VALUE - 1);
        if (!Sources.sha256(bytes).equals(d.sha256())) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private void register(PolicyFile f) {
    Set<Path> folders = new LinkedHashSet<>();
    for (Path p : f.files()) {
      Path parent = p.toAbsolutePath().getParent();
      if (parent != null) {
        folders.add(parent);
      }
    }
    for (Path folder : folders) {
      if (!keys.containsKey(folder)) {
        try {
          keys.put(folder, folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        } catch (IOException e) {
          LOG.debug("cannot watch {}; polling it instead", folder, e);
          keys.put(folder, null);
        }
      }
    }
  }

  /** A file's modification time and size, or its absence. */
  private record Stamp(@Nullable FileTime modified, long size) {}

  private static Map<Path, Stamp> stamps(PolicyFile f) {
    Map<Path, Stamp> out = new HashMap<>();
    for (Path p : f.files()) {
      try {
        out.put(p, new Stamp(Files.getLastModifiedTime(p), Files.size(p)));
      } catch (IOException e) {
        out.put(p, new Stamp(null, -1));
      }
    }
    return out;
  }

  /** Builds and starts a {@link PolicyWatcher}. */
  public static final class Builder {
    private final Path file;
    private PolicyLoader loader = PolicyLoader.defaults();
    private Listener listener = new Listener() {};
    private Duration debounce = Duration.ofMillis(200);
    private Duration poll = Duration.ofSeconds(2);

    private Builder(Path file) {
      this.file = requireNonNull(file, "file");
    }

    /** The loader; {@link PolicyLoader#defaults()} unless set. */
    public Builder loader(PolicyLoader loader) {
      this.loader = requireNonNull(loader, "loader");
      return this;
    }

    /** Told about reloads and broken edits. */
    public Builder listener(Listener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** How long the files must be quiet before a reload; 200 ms unless set. */
    public Builder debounce(Duration debounce) {
      this.debounce = positive(debounce, "debounce");
      return this;
    }

    /** How often modification times are compared, besides the watch service's events; 2 s unless set. */
    public Builder pollInterval(Duration interval) {
      this.poll = positive(interval, "poll interval");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive but was " + d);
      }
      return d;
    }

    /**
     * Loads the policy and starts watching.
     *
     * @throws PolicyException when the policy does not load: a watcher starts only from a good policy
     * @throws java.io.UncheckedIOException when the file system offers no watch service
     */
    public PolicyWatcher start() {
      PolicyFile first = loader.load(file);
      PolicyWatcher w;
      try {
        w = new PolicyWatcher(this, first);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot watch " + file, e);
      }
      // Watch before the caller can change anything, so that no edit after start() goes unseen.
      w.register(first);
      w.thread.start();
      return w;
    }
  }
}

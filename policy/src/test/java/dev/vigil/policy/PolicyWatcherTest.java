package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.CapturedLogs;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Evidence;
import dev.vigil.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload under load: a writer edits the policy file and its lists 1,000 times (new versions, list
 * edits in place, broken edits of either) while 8 threads score. Every decision must come from exactly one
 * complete state the writer created: its content hash names a state, and its version and evidence are that
 * state's. Broken states never go live, and after a broken edit the last good version keeps serving.
 */
class PolicyWatcherTest {
  private static final int EDITS = 1000;
  private static final int THREADS = 8;

  @TempDir Path dir;

  /** What one good state of the files decides: the version, its list's term, the shared list's term. */
  record State(int version, int shared) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  static String policyText(int version, boolean broken) {
    return "policy: watched\nversion: \"" + version + "\"\n"
        + "categories: {x: }\n"
        + "lists:\n"
        + "  versioned: {type: terms, file: terms-" + version + ".txt}\n"
        + "  shared: {type: terms, file: shared.txt}\n"
        + "signals:\n"
        + "  v: {kind: terms, lists: versioned, category: x}\n"
        + "  s: {kind: terms, lists: shared, category: x}\n"
        + "  r: {kind: " + (broken ? "regx" : "regex") + ", pattern: '\\br" + version + "\\b', category: x}\n"
        + "rules: ['review when total >= 1']\n";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The content hash of these files, as the loader computes it (ContentHashTest checks the formula). */
  static String hash(byte[] policy, int version, byte[] versioned, byte[] shared) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(utf8("vigil-policy/1\n"));
    Object[][] files = {{"policy.yaml", policy}, {"terms-" + version + ".txt", versioned},
        {"shared.txt", shared}};
    for (Object[] f : files) {
      byte[] bytes = (byte[]) f[1];
      sha.update(utf8(f[0] + "\0" + bytes.length + "\0"));
      sha.update(bytes);
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : sha.digest()) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private void atomicWrite(String name, byte[] bytes) {
    try {
      Path tmp = Files.createTempFile(dir, ".edit", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void inPlaceWrite(String name, byte[] bytes) {
    try {
      Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(2);
    }
  }

  @Test
  void everyDecisionComesFromOneCompleteVersion() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i <= EDITS; i++) {
      text.append('t').append(i).append(" s").append(i).append(" r").append(i).append(' ');
    }
    Content content = Content.of(text.toString());

    int version = 0;
    int shared = 0;
    byte[] policy = utf8(policyText(0, false));
    byte[] versioned = utf8("t0\n");
    byte[] sharedBytes = utf8("s0\n");
    states.put(hash(policy, 0, versioned, sharedBytes), new State(0, 0));
    atomicWrite("terms-0.txt", versioned);
    inPlaceWrite("shared.txt", sharedBytes);
    atomicWrite("policy.yaml", policy);

    AtomicLong failed = new AtomicLong();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong decisions = new AtomicLong();
    try (PolicyWatcher watcher = PolicyWatcher.builder(dir.resolve("policy.yaml"))
        .loader(PolicyLoader.builder().withoutDiscovery().build())
        .debounce(Duration.ofMillis(15)).pollInterval(Duration.ofMillis(50))
        .listener(new PolicyWatcher.Listener() {
          @Override
          public void failed(PolicyException problems, PolicyFile current) {
            failed.incrementAndGet();
          }
        }).start()) {
      List<Thread> scorers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread th = new Thread(() -> {
          while (!done.get()) {
            Policy p = watcher.policy().get();
            check(p.evaluate(content), violations);
            decisions.incrementAndGet();
          }
        });
        th.start();
        scorers.add(th);
      }

      SplittableRandom random = new SplittableRandom(42);
      int broken = 0;
      int checkedKeepServing = 0;
      for (int edit = 1; edit <= EDITS; edit++) {
        int kind = random.nextInt(20);
        if (kind < 9) { // a new version: its list under a new name first, then the policy that names it
          version = edit;
          versioned = utf8("t" + version + "\n");
          policy = utf8(policyText(version, false));
          states.put(hash(policy, version, versioned, sharedBytes), new State(version, shared));
          atomicWrite("terms-" + version + ".txt", versioned);
          atomicWrite("policy.yaml", policy);
        } else if (kind < 18) { // the shared list edited in place
          shared = edit;
          sharedBytes = utf8("s" + shared + "\n");
          states.put(hash(policy, version, versioned, sharedBytes), new State(version, shared));
          inPlaceWrite("shared.txt", sharedBytes);
        } else { // a broken edit of the policy or of the shared list, then the good file back
          broken++;
          boolean slow = broken % 10 == 1;
          String good = hash(policy, version, versioned, sharedBytes);
          if (slow) {
            await(() -> watcher.current().contentHash().equals(good), "the last good state is live");
          }
          long failures = failed.get();
          if (random.nextBoolean()) {
            atomicWrite("policy.yaml", utf8(policyText(version, true)));
          } else {
            inPlaceWrite("shared.txt", utf8("s" + edit + "\tx\t7\n"));
          }
          if (slow) {
            await(() -> failed.get() > failures, "the broken edit is reported");
            assertEquals(good, watcher.policy().get().contentHash(), "the last good version serves");
            checkedKeepServing++;
          }
          atomicWrite("policy.yaml", policy);
          inPlaceWrite("shared.txt", sharedBytes);
        }
        Thread.sleep(random.nextInt(20) == 0 ? 30 : random.nextInt(3));
      }
      String last = hash(policy, version, versioned, sharedBytes);
      await(() -> watcher.current().contentHash().equals(last), "the last state is live");
      done.set(true);
      for (Thread th : scorers) {
        th.join();
      }
      assertEquals(List.of(), violations.subList(0, Math.min(10, violations.size())));
      assertTrue(watcher.reloads() >= 20, "only " + watcher.reloads() + " reloads");
      assertTrue(checkedKeepServing >= 3, "checked " + checkedKeepServing);
      assertTrue(failed.get() >= checkedKeepServing);
      System.out.printf("%d edits (%d broken), %d reloads, %d failed loads, %d decisions checked%n",
          EDITS, broken, watcher.reloads(), failed.get(), decisions.get());
    }
  }

  private void check(Decision d, List<String> violations) {
    State s = states.get(d.policyHash());
    if (s == null) {
      violations.add("a decision from a state the writer never made: " + d.policyHash());
      return;
    }
    String expect = "version " + s.version() + ": t" + s.version() + ", s" + s.shared() + ", r" + s.version();
    String got = "version " + d.policyVersion() + ": " + rules(d, "v") + ", " + rules(d, "s") + ", "
        + texts(d, "r");
    if (!expect.equals(got)) {
      violations.add("expected " + expect + " but got " + got);
    }
  }

  private static String rules(Decision d, String signal) {
    List<String> out = new ArrayList<>();
    for (Evidence e : d.signal(signal).signal().evidence()) {
      out.add(e.rule());
    }
    return String.join("+", out);
  }

  private static String texts(Decision d, String signal) {
    List<String> out = new ArrayList<>();
    for (Evidence e : d.signal(signal).signal().evidence()) {
      out.add(e.text());
    }
    return String.join("+", out);
  }

  @Test
  void aBrokenEditIsReportedWithoutContentAndTheLastGoodPolicyServes() throws Exception {
    Folder f = new Folder(dir);
    f.write("words.txt", "secret-term\n");
    f.write("domains.txt", "evil.example\n");
    f.write("policy.yaml", "policy: p\ncategories: {x: }\n"
        + "lists: {w: {type: terms, file: words.txt}, d: {type: domains, file: domains.txt}}\n"
        + "signals: {w: {kind: terms, lists: w, category: x}, b: {kind: links.blocked, domains: d,"
        + " category: x}}\nrules: ['review when total >= 1']\n");
    CapturedLogs.clear();
    List<PolicyException> failures = new CopyOnWriteArrayList<>();
    List<String> reloads = new CopyOnWriteArrayList<>();
    try (PolicyWatcher w = PolicyWatcher.builder(dir.resolve("policy.yaml"))
        .debounce(Duration.ofMillis(10)).pollInterval(Duration.ofMillis(30))
        .listener(new PolicyWatcher.Listener() {
          @Override
          public void reloaded(PolicyFile previous, PolicyFile next) {
            reloads.add(previous.contentHash() + "->" + next.contentHash());
          }

          @Override
          public void failed(PolicyException problems, PolicyFile current) {
            failures.add(problems);
          }
        }).start()) {
      String first = w.current().contentHash();
      f.write("domains.txt", "evil.example\nthe private number 555 0100\n");
      await(() -> !failures.isEmpty(), "the broken list is reported");
      Problem p = failures.get(0).problems().get(0);
      assertEquals("domains.txt", Path.of(p.file()).getFileName().toString());
      assertEquals(2, p.line());
      // The listener gets the whole message; the log only where it is.
      assertTrue(p.message().contains("private number"), p.message());
      List<String> logged = CapturedLogs.lines();
      assertTrue(logged.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("did not reload")
          && l.contains("domains.txt:2:1")), logged.toString());
      assertTrue(logged.stream().noneMatch(l -> l.contains("private number")), logged.toString());
      f.write("domains.txt", "evil.example\n");
      assertEquals(first, w.policy().get().contentHash());
      assertEquals("review", w.policy().get().evaluate("a secret-term").action().name());
      f.write("words.txt", "other-term\n");
      await(() -> !reloads.isEmpty(), "the fixed list is loaded");
      assertEquals("allow", w.policy().get().evaluate("a secret-term").action().name());
      assertEquals("review", w.policy().get().evaluate("an other-term").action().name());
      assertEquals(1, w.reloads());
      assertEquals(1, w.failures());
    }
  }
}

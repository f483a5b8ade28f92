package dev.vigil;

import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One policy shared by many threads, and lists and policies swapped while evaluations run. */
class ConcurrencyTest {
  private static final String[] WORDS = {"hello", "alpha", "beta", "free", "money", "idiot", "the",
      "ﬁne", "ѕhit", "caf\u00e9", "\ud83d\ude00", "https://example.com/x", "A$$", "a.s.s", "nice"};

  private static TermClassifier terms(String name, String... words) {
    TermMatcher.Builder b = TermMatcher.builder().normalizer(Normalizer.aggressive());
    for (String w : words) {
      b.add(Term.of(w, "abuse"));
    }
    return TermClassifier.of(name, b.build());
  }

  private static Policy policy(String version, Classifier list) {
    return Policy.builder("concurrency").version(version)
        .signal(list, "abuse")
        .signal(RegexClassifier.of("links", "spam", "https?://\\S+"), "spam")
        .signal(RegexClassifier.of("money", "scam", "(?i)free money").and(
            RegexClassifier.of("links2", "spam", "https?://\\S+")).named("scam-link"), "scam")
        .removeWhen(total().atLeast(1.5))
        .reviewWhen(total().atLeast(0.5))
        .build();
  }

  private static List<Content> items(int n) {
    SplittableRandom r = new SplittableRandom(2026);
    List<Content> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int words = 1 + r.nextInt(8);
      for (int w = 0; w < words; w++) {
        sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      items.add(Content.of(sb.toString()));
    }
    return items;
  }

  @Test
  void thirtyTwoThreadsGiveExactlyTheResultsOfOneByOne() throws Exception {
    Policy policy = policy("1", terms("list", "idiot", "shit", "ass", "money"));
    List<Content> items = items(100_000);
    String[] expected = new String[items.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = policy.evaluate(items.get(i)).explain();
    }
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      ConcurrentLinkedQueue<Integer> mismatches = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = first; i < expected.length; i += threads) {
            if (!policy.evaluate(items.get(i)).explain().equals(expected[i])) {
              mismatches.add(i);
            }
          }
          return null;
        }));
      }
      start.countDown();
      assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
        for (Future<?> f : futures) {
          f.get();
        }
      });
      assertEquals(List.of(), new ArrayList<>(mismatches));
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void swappingAWholePolicyNeverMixesVersions() throws Exception {
    Holder<Policy> holder = Holder.of(policy("1", terms("list", "alpha")));
    Policy v1 = holder.get();
    Policy v2 = policy("2", terms("list", "beta"));
    runWhileSwapping(() -> holder.set(holder.get() == v1 ? v2 : v1), () -> {
      Decision d = holder.get().evaluate("alpha beta alpha");
      List<String> texts = new ArrayList<>();
      d.signal("list").signal().evidence().forEach(e -> texts.add(e.text()));
      String want = d.policyVersion().equals("1") ? "alpha" : "beta";
      return texts.size() == (want.equals("alpha") ? 2 : 1) && texts.stream().allMatch(want::equals);
    });
  }

  @Test
  void swappingATermListInsideAPolicyNeverMixesLists() throws Exception {
    Classifier alpha = terms("list", "alpha");
    Classifier beta = terms("list", "beta");
    Holder<Classifier> list = Holder.of(alpha);
    Policy policy = policy("1", Classifiers.live("list", list));
    assertEquals("live(list)", policy.signals().get(0).classifier().toString());
    runWhileSwapping(() -> list.update(c -> c == alpha ? beta : alpha), () -> {
      List<Evidence> evidence = policy.evaluate("alpha beta alpha").signal("list").signal()
          .evidence();
      boolean allAlpha = evidence.size() == 2 && evidence.stream()
          .allMatch(e -> e.text().equals("alpha"));
      boolean allBeta = evidence.size() == 1 && evidence.get(0).text().equals("beta");
      return allAlpha || allBeta;
    });
  }

  /** Runs readers while one writer swaps; every reader check must hold and nothing may fail. */
  private static void runWhileSwapping(Runnable swap, java.util.concurrent.Callable<Boolean> check)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(9);
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    try {
      Future<?> writer = pool.submit(() -> {
        int swaps = 0;
        while (!stop.get()) {
          swap.run();
          swaps++;
        }
        return swaps;
      });
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        readers.add(pool.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            try {
              if (!check.call()) {
                problems.add("mixed result at " + i);
              }
            } catch (Exception | AssertionError e) {
              problems.add(e.toString());
            }
          }
          return null;
        }));
      }
      assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
        for (Future<?> f : readers) {
          f.get();
        }
      });
      stop.set(true);
      assertTrue((Integer) writer.get(1, TimeUnit.MINUTES) > 0, "the writer never swapped");
      assertEquals(List.of(), new ArrayList<>(problems).subList(0, Math.min(5, problems.size())));
    } finally {
      stop.set(true);
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}

package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Holder;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Rule sets are swapped while evaluations run: every evaluation sees one whole snapshot (its rule ids
 * all come from one generation), never a mix, never an error, and retired snapshots are released.
 */
class QueryRulesSwapTest {

  /** Generation g has rules g-alpha and g-beta, both matching the text below. */
  private static QueryRules generation(int g) {
    return QueryRules.builder("english")
        .add(new QueryRule(g + "-alpha", "x", 0.5, "alpha"))
        .add(new QueryRule(g + "-beta", "x", 0.5, "\"beta gamma\"~1"))
        .build();
  }

  @Test
  void readersSeeOneWholeSnapshotWhileAWriterSwaps() throws Exception {
    Holder<QueryRules> holder = Holder.of(generation(0));
    QueryRuleClassifier classifier = QueryRuleClassifier.of("q", holder);
    Content content = Content.of("alpha and beta gamma");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger evaluations = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(4);
    for (int t = 0; t < 4; t++) {
      Thread reader = new Thread(() -> {
        started.countDown();
        try {
          while (!stop.get()) {
            Signal s = classifier.classify(content);
            Set<String> generations = new TreeSet<>();
            for (Evidence e : s.evidence()) {
              generations.add(e.rule().substring(0, e.rule().indexOf('-')));
            }
            if (s.evidence().size() != 2 || generations.size() != 1) {
              throw new AssertionError("mixed or partial snapshot: " + s.evidence());
            }
            evaluations.incrementAndGet();
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      readers.add(reader);
      reader.start();
    }
    started.await();
    List<QueryRules> retired = new ArrayList<>();
    for (int g = 1; g <= 200; g++) {
      QueryRules previous = holder.get();
      QueryRules.replace(holder, generation(g));
      retired.add(previous);
    }
    stop.set(true);
    for (Thread r : readers) {
      r.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(evaluations.get() > 0);
    for (QueryRules r : retired) {
      assertTrue(!r.acquire(), "a retired snapshot is released once nobody uses it");
    }
    assertEquals("200-alpha", classifier.classify(content).evidence().get(0).rule());
    holder.get().close();
  }
}

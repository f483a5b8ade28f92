package dev.vigil.behavior;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Content;
import dev.vigil.Holder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The classifier laws for every behaviour signal, on content with random text, times (some missing),
 * authors and attributes. Each {@code classifier()} has a fresh state, so that "deterministic" means:
 * the same item from the same state gives the same signal.
 */
class BehaviorContracts {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  interface WithTimes extends ClassifierContract {
    @Override
    default List<String> samples() {
      return List.of("see https://parcel-fee.example.com/pay now", "Your parcel is waiting, confirm the"
          + " delivery fee at the link below today", "");
    }

    @Override
    @Provide
    default Arbitrary<Content> contents() {
      Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(40);
      Arbitrary<String> text = Combinators.combine(noise, Arbitraries.of(samples()), noise)
          .as((a, s, b) -> a + s + b);
      return Combinators.combine(text, Arbitraries.of("a", "b", "", "\u0000"),
          Arbitraries.longs().between(-5, 5_000_000_000_000L).injectNull(0.1),
          Arbitraries.of("0000000000000000", "ffffffffffffff00", "xyz", ""))
          .as((body, author, millis, hash) -> {
            Content.Builder b = Content.builder().body(body).attribute("ip", author + "-ip")
                .attribute("hash", hash);
            if (!author.isEmpty()) {
              b.author(author);
            }
            if (millis != null) {
              b.time(Instant.ofEpochMilli(millis));
            }
            return b.build();
          });
    }
  }

  @Group
  class Rate implements WithTimes {
    @Override
    public Classifier classifier() {
      return Behaviors.rate("rate", MemoryState.withCapacity(100), Key.author(), Duration.ofMinutes(1), 0, 2);
    }
  }

  @Group
  class NewKey implements WithTimes {
    @Override
    public Classifier classifier() {
      return Behaviors.newKey("new", MemoryState.withCapacity(100), Key.linkDomain(), Duration.ofHours(1),
          Duration.ofDays(1));
    }
  }

  @Group
  class Distinct implements WithTimes {
    @Override
    public Classifier classifier() {
      return Behaviors.distinct("distinct", MemoryState.withCapacity(100), Key.attribute("ip"),
          Key.author(), Duration.ofMinutes(5), 0, 3);
    }
  }

  @Group
  class Wave implements WithTimes {
    @Override
    public Classifier classifier() {
      return Behaviors.wave("wave", MemoryState.withCapacity(100), Key.author(), Duration.ofMinutes(10), 0,
          3);
    }
  }

  @Group
  class Bank implements WithTimes {
    @Override
    public Classifier classifier() {
      return Behaviors.bank("bank", Holder.of(HashBank.parse("b", "0000000000000001 one\n")),
          Key.attribute("hash"), 8);
    }

    @Override
    @Property(tries = 300)
    public void neverFailsOnAnyText(@ForAll("contents") Content content) {
      // A malformed hash attribute fails this signal by design (bad input the caller must see), so the
      // law holds for text only: content whose hash is well formed never fails.
      if (content.attributes().get("hash").length() == 16) {
        WithTimes.super.neverFailsOnAnyText(content);
      }
    }
  }
}

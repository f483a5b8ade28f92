package dev.vigil.benchmarks;

import dev.vigil.eval.LabeledItem;
import dev.vigil.learn.LearnedPolicy;
import dev.vigil.learn.PolicyLearner;
import dev.vigil.learn.TermMiner;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times {@code vigil learn}'s work on many labeled items: mining candidate terms, and learning a
 * policy's weights with mined terms (five-fold cross-validation over five regularizations, then the
 * final fit), on synthetic messages of our own making (a Zipf vocabulary of made-up words; a fifth of
 * the items harmful, holding planted phrases, numbers and links; 2% of labels flipped). A main class,
 * not a JMH benchmark: one learning run takes tens of seconds, and what a user wants to know is
 * whether it fits in a daily job.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.LearnTiming 50000
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.LearnTiming 50000 --word-pieces-and-counter-evidence
 * </pre>
 *
 * <p>The second form mines and fits as {@code vigil learn --word-pieces 1-4 --harmless-terms} does.
 */
public final class LearnTiming {
  private LearnTiming() {}

  static final String POLICY = String.join("\n",
      "policy: timing",
      "categories: {spam: {cap: 1.5}}",
      "lists:",
      "  phrases:",
      "    type: terms",
      "    preset: standard",
      "    entries: [{term: claim now, category: spam, weight: 0.5}, {term: free entry, category: spam,"
          + " weight: 0.6}, {term: act fast, category: spam, weight: 0.4}]",
      "signals:",
      "  wording: {kind: terms, lists: phrases, category: spam, weight: 0.7}",
      "  money: {kind: regex, pattern: '[$]\\d+', category: spam, weight: 0.3}",
      "  phone: {kind: contacts.phone-numbers, category: spam, weight: 0.4}",
      "  links: {kind: links.count, between: [0, 1], category: spam, weight: 0.3}",
      "  digits: {kind: text.digit-share, category: spam, weight: 0.2}",
      "rules:",
      "  - remove when total >= 1.0",
      "  - review when total >= 0.6",
      "");

  /** Synthetic labeled messages; the same seed gives the same items. */
  static List<LabeledItem> items(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] vocab = new String[5_000];
    String[] syllables = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "vu", "ga", "zo", "he",
        "bi", "fa", "ju"};
    for (int i = 0; i < vocab.length; i++) {
      StringBuilder w = new StringBuilder();
      int len = 1 + r.nextInt(3);
      for (int k = 0; k < len; k++) {
        w.append(syllables[r.nextInt(syllables.length)]);
      }
      vocab[i] = w.append(i % 97).toString().replaceAll("[0-9]", "");
    }
    String[][] phrases = new String[300][];
    for (int i = 0; i < phrases.length; i++) {
      phrases[i] = new String[] {vocab[r.nextInt(2_000)], vocab[r.nextInt(vocab.length)]};
    }
    List<LabeledItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean harmful = r.nextDouble() < 0.2;
      StringBuilder t = new StringBuilder();
      int words = 5 + r.nextInt(20);
      for (int k = 0; k < words; k++) {
        // Zipf-like: the square of a uniform picks small indices more often.
        double u = r.nextDouble();
        t.append(k == 0 ? "" : " ").append(vocab[(int) (u * u * vocab.length)]);
        if (harmful && r.nextDouble() < 0.12) {
          String[] p = phrases[r.nextInt(phrases.length)];
          t.append(' ').append(p[0]).append(' ').append(p[1]);
        }
      }
      if (harmful && r.nextDouble() < 0.3) {
        t.append(" call 0").append(7_000_000_000L + r.nextInt(999_999_999));
      }
      if (harmful && r.nextDouble() < 0.3) {
        t.append(" https://").append(vocab[r.nextInt(vocab.length)]).append(".example/x");
      }
      if (r.nextDouble() < 0.1) {
        t.append(" $").append(r.nextInt(1000));
      }
      boolean label = r.nextDouble() < 0.02 ? !harmful : harmful;
      out.add(LabeledItem.of("i" + i, t.toString() + " #" + i, label));
    }
    return out;
  }

  /**
   * Times mining and learning on the number of items given as the first argument (default 50,000);
   * {@code --word-pieces-and-counter-evidence} second mines word pieces and fits counter-evidence too.
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    boolean more = args.length > 1 && args[1].equals("--word-pieces-and-counter-evidence");
    List<LabeledItem> items = items(n, 42);
    PolicyFile file = PolicyLoader.defaults().load("timing.yaml",
        Map.of("timing.yaml", POLICY.getBytes(StandardCharsets.UTF_8)));
    TermMiner miner = TermMiner.builder().maxHarmlessShare(1).wordPieces(more ? 1 : 0, more ? 4 : 0)
        .build(); // as vigil learn mines
    long t0 = System.nanoTime();
    int mined = miner.mine(items).size();
    long t1 = System.nanoTime();
    LearnedPolicy learned = PolicyLearner.of(file.policy()).minedTerms(miner).harmlessTerms(more)
        .learn(items);
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "%d items (%d harmful): mine %.1f s (%d candidates); learn %.1f s"
        + " (regularization %s by cross-validation, %d terms kept, %d harmless, thresholds %s)%n", n,
        items.stream().filter(LabeledItem::harmful).count(), (t1 - t0) / 1e9, mined, (t2 - t1) / 1e9,
        learned.regularization(), learned.terms().size(), learned.harmlessTerms().size(),
        learned.thresholds());
  }
}

package dev.vigil.eval;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A deterministic, de-duplicated train/test split, so nobody evaluates on what they tuned on.
 *
 * <p>Items are first de-duplicated by a key (by default their text, whitespace collapsed and lower-cased:
 * the SMS Spam Collection repeats hundreds of messages, and a repeat in both halves leaks); the first
 * occurrence stays. Each remaining item goes to the test half when a 64-bit hash of the seed and its
 * key, read as a fraction, is below the test share. The assignment depends only on the seed and the
 * item's own key, not on the order or the other items: the same item stays on the same side when the
 * data set grows, and the same seed gives the same split on every machine.
 *
 * @param train the items to tune on, in input order
 * @param test the items to measure on, in input order
 * @param duplicates how many items were dropped as repeats of an earlier key
 * @param <T> the item type
 */
public record Split<T>(List<T> train, List<T> test, int duplicates) {

  /** Copies the lists. */
  public Split {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }

  /** Splits labeled items by their text (see the class comment). */
  public static Split<LabeledItem> of(List<LabeledItem> items, double testShare, long seed) {
    return of(items, Split::textKey, testShare, seed);
  }

  /**
   * Splits items by the given key.
   *
   * @throws IllegalArgumentException unless {@code 0 <= testShare <= 1}
   */
  public static <T> Split<T> of(List<T> items, Function<? super T, String> key, double testShare,
      long seed) {
    requireNonNull(items, "items");
    requireNonNull(key, "key");
    if (!(testShare >= 0 && testShare <= 1)) {
      throw new IllegalArgumentException("testShare must be in [0, 1] but was " + testShare);
    }
    Set<String> seen = new HashSet<>();
    List<T> train = new ArrayList<>();
    List<T> test = new ArrayList<>();
    int duplicates = 0;
    for (T item : items) {
      String k = requireNonNull(key.apply(item), "key");
      if (!seen.add(k)) {
        duplicates++;
        continue;
      }
      if (fraction(seed, k) < testShare) {
        test.add(item);
      } else {
        train.add(item);
      }
    }
    return new Split<>(train, test, duplicates);
  }

  /** The default key: the item's field texts, whitespace runs as one space, lower case. */
  public static String textKey(LabeledItem item) {
    StringBuilder b = new StringBuilder();
    for (int f = 0; f < item.content().fieldCount(); f++) {
      if (f > 0) {
        b.append('\u0000');
      }
      b.append(item.content().fieldText(f).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** A uniform fraction in [0, 1) from the seed and the key: FNV-1a, then SplitMix64's finalizer. */
  static double fraction(long seed, String key) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h += 0x9e3779b97f4a7c15L;
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h = h ^ (h >>> 31);
    return (h >>> 11) * 0x1.0p-53;
  }
}

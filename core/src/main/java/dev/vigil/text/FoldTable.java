package dev.vigil.text;

import dev.vigil.internal.Invisibles;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context-free part of normalization, precomputed for every code point of planes 0 and 1: what a
 * code point becomes under the chosen stages (compatibility forms, case folding, diacritics,
 * look-alikes), and which code points are invisible. Built once per combination of stages and shared.
 *
 *
 * <p>Encoding of {@link #fold(int)}: a value {@code >= 0} is the single code point the input becomes;
 * {@link #DROP} means it becomes nothing; a value {@code <= -2} indexes {@link #expansion(int)}.
 */
final class FoldTable {
  /** The code point becomes nothing. */
  public static final int DROP = -1;

  /** Stage flags. */
  public static final int COMPATIBILITY = 1;
  /** Stage flag. */
  public static final int CASE_FOLDING = 2;
  /** Stage flag. */
  public static final int DIACRITICS = 4;
  /** Stage flag. */
  public static final int LOOKALIKES = 8;
  /** Stage flag. */
  public static final int INVISIBLES = 16;

  private static final int TABLE_SIZE = 0x20000;
  private static final ConcurrentHashMap<Integer, FoldTable> CACHE = new ConcurrentHashMap<>();

  private final int stages;
  private final int[] table;
  private final int[][] expansions;

  private FoldTable(int stages) {
    this.stages = stages;
    this.table = new int[TABLE_SIZE];
    List<int[]> multi = new ArrayList<>();
    for (int cp = 0; cp < TABLE_SIZE; cp++) {
      int[] f = compute(cp, stages);
      if (f.length == 0) {
        table[cp] = DROP;
      } else if (f.length == 1) {
        table[cp] = f[0];
      } else {
        table[cp] = -2 - multi.size();
        multi.add(f);
      }
    }
    this.expansions = multi.toArray(new int[0][]);
  }

  /** The shared table for a combination of stage flags. */
  public static FoldTable of(int stages) {
    return CACHE.computeIfAbsent(stages, FoldTable::new);
  }

  /** The encoded fold of {@code cp}; see the class comment. */
  public int fold(int cp) {
    if (cp < TABLE_SIZE) {
      return table[cp];
    }
    if ((stages & INVISIBLES) != 0 && isInvisible(cp)) {
      return DROP;
    }
    return cp;
  }

  /** The code points of expansion {@code code} (a value {@code <= -2} from {@link #fold}). */
  public int[] expansion(int code) {
    return expansions[-2 - code];
  }

  /**
   * What {@code cp} becomes under the stages, computed from first principles (slow; used to build the
   * table). Order: look-alikes, compatibility decomposition, look-alikes again (decomposition can
   * reveal one, still in its original case), case folding, removal of nonspacing marks, and look-alikes
   * a last time.
   */
  static int[] compute(int cp, int stages) {
    if ((stages & INVISIBLES) != 0 && isInvisible(cp)) {
      return new int[0];
    }
    if (Character.getType(cp) == Character.SURROGATE || !Character.isDefined(cp)) {
      return new int[] {cp};
    }
    boolean lookalikes = (stages & LOOKALIKES) != 0;
    String s;
    int t = lookalikes ? Lookalikes.target(cp) : -1;
    s = t >= 0 ? Character.toString(t) : Character.toString(cp);
    if ((stages & COMPATIBILITY) != 0) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKD);
      if (lookalikes) {
        // Before case folding: a mathematical capital Mu is a capital Mu, which imitates M, not u.
        s = mapLookalikes(s);
      }
    }
    if ((stages & CASE_FOLDING) != 0) {
      s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
    if ((stages & DIACRITICS) != 0) {
      s = Normalizer.normalize(s, (stages & COMPATIBILITY) != 0 ? Normalizer.Form.NFKD
          : Normalizer.Form.NFD);
      StringBuilder sb = new StringBuilder(s.length());
      s.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK
          && Character.getType(c) != Character.ENCLOSING_MARK).forEach(sb::appendCodePoint);
      s = sb.toString();
    } else if ((stages & COMPATIBILITY) != 0) {
      // Recompose so that compatibility alone keeps "é" one code point.
      s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
    int[] out = s.codePoints().toArray();
    if (lookalikes) {
      for (int i = 0; i < out.length; i++) {
        int l = Lookalikes.target(out[i]);
        if (l >= 0) {
          out[i] = l;
        }
      }
    }
    if ((stages & INVISIBLES) != 0) {
      int n = 0;
      for (int c : out) {
        if (!isInvisible(c)) {
          out[n++] = c;
        }
      }
      out = java.util.Arrays.copyOf(out, n);
    }
    return out;
  }

  private static String mapLookalikes(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      int t = Lookalikes.target(c);
      sb.appendCodePoint(t >= 0 ? t : c);
    });
    return sb.toString();
  }

  /**
   * Whether {@code cp} is invisible: zero-width characters, joiners, soft hyphen, bidi controls,
   * variation selectors, tags and other default-ignorable code points.
   */
  public static boolean isInvisible(int cp) {
    return Invisibles.isInvisible(cp);
  }
}

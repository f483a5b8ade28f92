package dev.vigil.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reference for {@link TermMatcher}: normalizes text into a list of units with simple list code
 * written from the definitions in {@link Normalizer}'s and {@code NormalizingCursor}'s documentation,
 * then tests every term at every position. Slow and obvious on purpose; shares no tables with the
 * matcher (only the look-alike data, which is input, not machinery).
 */
final class NaiveTermMatcher {

  /** A normalized unit. */
  record U(int cp, int count, int start, int end) {}

  /** A hit: the index of the kept term, and its span. */
  record Hit(int term, int start, int end) implements Comparable<Hit> {
    @Override
    public int compareTo(Hit o) {
      int c = Integer.compare(start, o.start);
      c = c != 0 ? c : Integer.compare(end, o.end);
      return c != 0 ? c : Integer.compare(term, o.term);
    }
  }

  private final Set<Normalizer.Stage> stages;
  private final Map<Character, Character> leet;
  private final List<List<U>> patterns = new ArrayList<>();
  private final List<MatchMode> modes = new ArrayList<>();
  private final List<Integer> owners = new ArrayList<>(); // kept term index, or -1 for allow

  NaiveTermMatcher(Normalizer normalizer, List<Term> terms, List<String> allow) {
    this(normalizer, terms, allow, MatchMode.ANYWHERE);
  }

  /** With the allow-list entries matched in {@code allowMode}. */
  NaiveTermMatcher(Normalizer normalizer, List<Term> terms, List<String> allow,
      MatchMode allowMode) {
    this.stages = normalizer.stages();
    this.leet = normalizer.leetMap();
    Set<String> seen = new HashSet<>();
    int kept = 0;
    for (int e = 0; e < terms.size() + allow.size(); e++) {
      boolean isAllow = e >= terms.size();
      String text = isAllow ? allow.get(e - terms.size()) : terms.get(e).text();
      MatchMode mode = isAllow ? allowMode : terms.get(e).mode();
      List<U> units = units(text);
      if (units.isEmpty()) {
        throw new IllegalArgumentException("normalizes to nothing: " + text);
      }
      StringBuilder key = new StringBuilder(isAllow ? "A" : "B").append(mode);
      for (U u : units) {
        key.append(',').append(u.cp()).append('x').append(u.count());
      }
      if (!seen.add(key.toString())) {
        continue;
      }
      patterns.add(units);
      modes.add(mode);
      owners.add(isAllow ? -1 : kept++);
    }
  }

  List<Hit> find(String text) {
    List<U> t = units(text);
    List<Hit> block = new ArrayList<>();
    List<int[]> allowSpans = new ArrayList<>();
    for (int p = 0; p < patterns.size(); p++) {
      List<U> pat = patterns.get(p);
      MatchMode mode = modes.get(p);
      for (int i = 0; i + pat.size() <= t.size(); i++) {
        boolean ok = true;
        for (int j = 0; j < pat.size() && ok; j++) {
          U a = t.get(i + j);
          U b = pat.get(j);
          ok = a.cp() == b.cp() && a.count() >= b.count();
        }
        if (!ok) {
          continue;
        }
        boolean startEdge = mode == MatchMode.WORD || mode == MatchMode.PREFIX;
        boolean endEdge = mode == MatchMode.WORD || mode == MatchMode.SUFFIX;
        if (startEdge && isWord(pat.get(0).cp()) && i > 0 && isWord(t.get(i - 1).cp())) {
          continue;
        }
        int last = i + pat.size() - 1;
        if (endEdge && isWord(pat.get(pat.size() - 1).cp()) && last + 1 < t.size()
            && isWord(t.get(last + 1).cp())) {
          continue;
        }
        int start = t.get(i).start();
        int end = t.get(last).end();
        if (owners.get(p) < 0) {
          allowSpans.add(new int[] {start, end});
        } else {
          block.add(new Hit(owners.get(p), start, end));
        }
      }
    }
    List<Hit> result = new ArrayList<>();
    for (Hit h : block) {
      boolean allowed = false;
      for (int[] a : allowSpans) {
        allowed |= a[0] <= h.start() && h.end() <= a[1];
      }
      if (!allowed) {
        result.add(h);
      }
    }
    result.sort(null);
    return result;
  }

  /** The terms whose text normalizes to at least one unit (a matcher refuses the others). */
  List<Term> withUnits(List<Term> terms) {
    List<Term> usable = new ArrayList<>();
    for (Term t : terms) {
      if (!units(t.text()).isEmpty()) {
        usable.add(t);
      }
    }
    return usable;
  }

  /** The allow-list entries that are not empty and normalize to at least one unit. */
  List<String> allowsWithUnits(List<String> allow) {
    List<String> usable = new ArrayList<>();
    for (String a : allow) {
      if (!a.isEmpty() && !units(a).isEmpty()) {
        usable.add(a);
      }
    }
    return usable;
  }

  // ---- normalization, stage by stage, on lists ----

  List<U> units(String text) {
    List<U> a = fold(text);
    if (stages.contains(Normalizer.Stage.LEETSPEAK)) {
      a = leet(a);
    }
    if (stages.contains(Normalizer.Stage.SEPARATORS)) {
      a = separators(a);
    }
    if (stages.contains(Normalizer.Stage.REPEATS)) {
      a = repeats(a);
    }
    if (stages.contains(Normalizer.Stage.WHITESPACE)) {
      List<U> out = new ArrayList<>();
      for (U u : a) {
        boolean space = Character.isWhitespace(u.cp());
        if (space && !out.isEmpty() && out.get(out.size() - 1).cp() == ' '
            && out.get(out.size() - 1).count() == 0) {
          U last = out.get(out.size() - 1);
          out.set(out.size() - 1, new U(' ', 0, last.start(), u.end()));
        } else {
          out.add(space ? new U(' ', 0, u.start(), u.end()) : u);
        }
      }
      // count 0 marked runs that came from whitespace; they are ordinary units of count 1.
      a = new ArrayList<>();
      for (U u : out) {
        a.add(u.count() == 0 ? new U(' ', 1, u.start(), u.end()) : u);
      }
    }
    return a;
  }

  private List<U> fold(String text) {
    List<U> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int s = i;
      i += Character.charCount(cp);
      int[] f = foldCodePoint(cp);
      if (f.length == 0) {
        continue;
      }
      // Stripped combining marks right after a unit belong to it.
      while (i < text.length()) {
        int m = text.codePointAt(i);
        int type = Character.getType(m);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
        if (mark && foldCodePoint(m).length == 0) {
          i += Character.charCount(m);
        } else {
          break;
        }
      }
      for (int c : f) {
        out.add(new U(c, 1, s, i));
      }
    }
    return out;
  }

  private int[] foldCodePoint(int cp) {
    boolean invisibles = stages.contains(Normalizer.Stage.INVISIBLES);
    if (invisibles && invisible(cp)) {
      return new int[0];
    }
    if (Character.getType(cp) == Character.SURROGATE || !Character.isDefined(cp)) {
      return new int[] {cp};
    }
    boolean lookalikes = stages.contains(Normalizer.Stage.LOOKALIKES);
    boolean compat = stages.contains(Normalizer.Stage.COMPATIBILITY);
    int l = lookalikes ? Lookalikes.target(cp) : -1;
    String s = new String(Character.toChars(l >= 0 ? l : cp));
    if (compat) {
      s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKD);
      if (lookalikes) {
        StringBuilder sb = new StringBuilder();
        for (int c : s.codePoints().toArray()) {
          int m = Lookalikes.target(c);
          sb.appendCodePoint(m >= 0 ? m : c);
        }
        s = sb.toString();
      }
    }
    if (stages.contains(Normalizer.Stage.CASE_FOLDING)) {
      s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
    if (stages.contains(Normalizer.Stage.DIACRITICS)) {
      s = java.text.Normalizer.normalize(s,
          compat ? java.text.Normalizer.Form.NFKD : java.text.Normalizer.Form.NFD);
      StringBuilder sb = new StringBuilder();
      for (int c : s.codePoints().toArray()) {
        int type = Character.getType(c);
        if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
          sb.appendCodePoint(c);
        }
      }
      s = sb.toString();
    } else if (compat) {
      s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC);
    }
    List<Integer> out = new ArrayList<>();
    for (int c : s.codePoints().toArray()) {
      int m = lookalikes ? Lookalikes.target(c) : -1;
      int v = m >= 0 ? m : c;
      if (!(invisibles && invisible(v))) {
        out.add(v);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The invisible characters, as Normalizer's documentation lists them. */
  private static boolean invisible(int cp) {
    int[][] ranges = {{0xAD, 0xAD}, {0x34F, 0x34F}, {0x61C, 0x61C}, {0x115F, 0x1160},
        {0x17B4, 0x17B5}, {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F},
        {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8},
        {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};
    for (int[] r : ranges) {
      if (cp >= r[0] && cp <= r[1]) {
        return true;
      }
    }
    return false;
  }

  private List<U> leet(List<U> a) {
    List<U> out = new ArrayList<>(a.size());
    for (int j = 0; j < a.size(); j++) {
      U u = a.get(j);
      int c = u.cp();
      if (c < 128 && leet.containsKey((char) c)) {
        boolean prev = j > 0 && Character.isLetter(out.get(j - 1).cp());
        boolean next = j + 1 < a.size() && Character.isLetter(a.get(j + 1).cp());
        boolean inner = c == '!' || c == '|' || c == '+';
        if (Character.isLetter(c) || (inner ? prev && next : prev || next)) {
          c = leet.get((char) c);
        }
      }
      out.add(new U(c, 1, u.start(), u.end()));
    }
    return out;
  }

  private static boolean separator(int c) {
    return !Character.isLetterOrDigit(c) && c != '\n' && c != '\r';
  }

  private List<U> separators(List<U> a) {
    int n = a.size();
    boolean[] single = new boolean[n];
    for (int j = 0; j < n; j++) {
      single[j] = Character.isLetter(a.get(j).cp())
          && (j == 0 || !Character.isLetterOrDigit(a.get(j - 1).cp()))
          && (j == n - 1 || !Character.isLetterOrDigit(a.get(j + 1).cp()));
    }
    boolean[] drop = new boolean[n];
    int j = 0;
    boolean shared = false; // whether letter j ended the previous chain
    while (j < n) {
      if (!single[j]) {
        j++;
        shared = false;
        continue;
      }
      List<Integer> chain = new ArrayList<>(List.of(j));
      int k = j;
      int kind = -1;
      boolean kindChanged = false;
      while (true) {
        int r = 0;
        boolean space = false;
        while (k + 1 + r < n && r < 4 && separator(a.get(k + 1 + r).cp())) {
          space |= Character.isWhitespace(a.get(k + 1 + r).cp());
          r++;
        }
        int runKind = space ? r : 0;
        if (r >= 1 && r <= 3 && k + 1 + r < n && single[k + 1 + r]
            && kind >= 0 && kind != runKind) {
          kindChanged = true; // the last letter starts the next chain
          break;
        }
        if (r >= 1 && r <= 3 && k + 1 + r < n && single[k + 1 + r]) {
          kind = runKind;
          k = k + 1 + r;
          chain.add(k);
        } else {
          break;
        }
      }
      if (chain.size() - (shared ? 1 : 0) >= 3) {
        for (int x = chain.get(0); x <= chain.get(chain.size() - 1); x++) {
          if (!single[x]) {
            drop[x] = true;
          }
        }
      }
      boolean joined = chain.size() - (shared ? 1 : 0) >= 3;
      j = kindChanged ? k : k + 1;
      shared = kindChanged && joined;
    }
    List<U> out = new ArrayList<>();
    for (int x = 0; x < n; x++) {
      if (!drop[x]) {
        out.add(a.get(x));
      }
    }
    return out;
  }

  private static List<U> repeats(List<U> a) {
    List<U> out = new ArrayList<>();
    for (U u : a) {
      if (!out.isEmpty()) {
        U last = out.get(out.size() - 1);
        if (Character.isLetter(u.cp()) && last.cp() == u.cp()) {
          out.set(out.size() - 1, new U(u.cp(), last.count() + 1, last.start(), u.end()));
          continue;
        }
      }
      out.add(u);
    }
    return out;
  }

  /** Word characters for boundaries, as MatchMode documents them. */
  static boolean isWord(int cp) {
    int type = Character.getType(cp);
    boolean word = Character.isLetter(cp) || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.CONNECTOR_PUNCTUATION;
    if (!word) {
      return false;
    }
    if (!Character.isLetter(cp) && type != Character.NON_SPACING_MARK
        && type != Character.COMBINING_SPACING_MARK) {
      return true;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return !Arrays.asList(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
        Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI, Character.UnicodeScript.LAO,
        Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR,
        Character.UnicodeScript.TIBETAN).contains(s);
  }
}

package dev.vigil.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * Selects the rules worth running on a document from the document's terms, requiring every term of a
 * conjunction. Not API.
 *
 * <p>Each rule's query is reduced, when built, to alternatives: sets of terms one of which the document
 * must contain entirely for the rule to be able to match (a phrase needs all its words; {@code a AND b}
 * needs both; {@code a OR b} either). Each alternative is indexed under its rarest term among the rules.
 * For a document, the analyzed terms of each field are gathered into a set; every alternative indexed
 * under one of them is checked against the whole set. Queries it cannot reduce (fuzzy, wildcard,
 * regular expressions, ranges) are always candidates; {@code MUST_NOT} clauses are ignored and a query
 * of only negative clauses, which Lucene never matches, is never a candidate. Each reduction is a
 * necessary condition, so candidates are a superset of the matches; the rules then run for real.
 */
final class RulePresearcher {
  private static final int MAX_ALTERNATIVES = 64;

  /** Alternatives indexed by their anchor term ({@code field \0 text}): {rule, alternative}. */
  private final Map<String, List<int[]>> byAnchor = new HashMap<>();
  private final List<String[][]> alternatives = new ArrayList<>();
  private final BitSet always = new BitSet();
  private final int rules;
  /**
   * For rules that are a phrase of two terms: {term a, term b}, and {offset of b, slop}. A
   * document can match only if some positions of a and b satisfy |(pb - pa) - offset| <= slop, which
   * is checked before the rule runs (common words co-occur far more often than they form the phrase).
   */
  private final String[][] pairTerms;
  private final int[][] pairShape;
  /** For rules that are a single term query: its key; such rules are decided from the term's occurrences. */
  private final String[] singleTerm;

  RulePresearcher(List<Query> queries) {
    this.rules = queries.size();
    this.pairTerms = new String[queries.size()][];
    this.pairShape = new int[queries.size()][];
    this.singleTerm = new String[queries.size()];
    for (int r = 0; r < queries.size(); r++) {
      Query q = queries.get(r);
      while (q instanceof BoostQuery) {
        q = ((BoostQuery) q).getQuery();
      }
      if (q instanceof TermQuery) {
        // A single term (a phrase whose other words were stop words is one): every occurrence is a hit.
        Term t = ((TermQuery) q).getTerm();
        singleTerm[r] = key(t.field(), t.text());
      } else if (q instanceof PhraseQuery) {
        PhraseQuery p = (PhraseQuery) q;
        Term[] t = p.getTerms();
        int[] pos = p.getPositions();
        if (t.length == 2) {
          pairTerms[r] = new String[] {key(t[0].field(), t[0].text()), key(t[1].field(), t[1].text())};
          pairShape[r] = new int[] {pos[1] - pos[0], p.getSlop()};
        }
      }
    }
    List<List<Set<String>>> reduced = new ArrayList<>();
    Map<String, Integer> frequency = new HashMap<>();
    for (Query q : queries) {
      List<Set<String>> alts = reduce(q);
      reduced.add(alts);
      if (alts != null) {
        for (Set<String> alt : alts) {
          for (String t : alt) {
            frequency.merge(t, 1, Integer::sum);
          }
        }
      }
    }
    for (int r = 0; r < queries.size(); r++) {
      List<Set<String>> alts = reduced.get(r);
      if (alts == null) {
        always.set(r);
        alternatives.add(new String[0][]);
        continue;
      }
      String[][] arr = new String[alts.size()][];
      for (int a = 0; a < alts.size(); a++) {
        Set<String> alt = alts.get(a);
        arr[a] = alt.toArray(new String[0]);
        String anchor = null;
        for (String t : alt) {
          if (anchor == null || frequency.get(t) < frequency.get(anchor)) {
            anchor = t;
          }
        }
        byAnchor.computeIfAbsent(anchor, k -> new ArrayList<>()).add(new int[] {r, a});
      }
      alternatives.add(arr);
    }
  }

  static String key(String field, String text) {
    return field + '\u0000' + text;
  }

  /** The alternatives of {@code q}; null when any document may match; empty when none can. */
  static @Nullable List<Set<String>> reduce(Query q) {
    if (q instanceof BoostQuery) {
      return reduce(((BoostQuery) q).getQuery());
    }
    if (q instanceof ConstantScoreQuery) {
      return reduce(((ConstantScoreQuery) q).getQuery());
    }
    if (q instanceof TermQuery) {
      Term t = ((TermQuery) q).getTerm();
      return List.of(Set.of(key(t.field(), t.text())));
    }
    if (q instanceof PhraseQuery) {
      Set<String> all = new HashSet<>();
      for (Term t : ((PhraseQuery) q).getTerms()) {
        all.add(key(t.field(), t.text()));
      }
      return all.isEmpty() ? null : List.of(all);
    }
    if (q instanceof BooleanQuery) {
      BooleanQuery b = (BooleanQuery) q;
      List<List<Set<String>>> required = new ArrayList<>();
      List<List<Set<String>>> optional = new ArrayList<>();
      boolean anyPositive = false;
      boolean requiredUnknown = false;
      boolean optionalUnknown = false;
      for (BooleanClause c : b.clauses()) {
        if (c.getOccur() == BooleanClause.Occur.MUST_NOT) {
          continue;
        }
        anyPositive = true;
        List<Set<String>> alts = reduce(c.getQuery());
        if (c.getOccur() == BooleanClause.Occur.SHOULD) {
          if (alts == null) {
            optionalUnknown = true;
          } else {
            optional.add(alts);
          }
        } else if (alts == null) {
          requiredUnknown = true;
        } else {
          required.add(alts);
        }
      }
      if (!anyPositive) {
        return List.of(); // only negative clauses: Lucene matches nothing
      }
      if (!required.isEmpty() || requiredUnknown) {
        // Required clauses: all must hold; the product of their alternatives, or the smallest alone.
        List<Set<String>> product = List.of(Set.of());
        for (List<Set<String>> alts : required) {
          List<Set<String>> next = new ArrayList<>();
          for (Set<String> left : product) {
            for (Set<String> right : alts) {
              Set<String> both = new HashSet<>(left);
              both.addAll(right);
              next.add(both);
            }
          }
          if (next.size() > MAX_ALTERNATIVES) {
            List<Set<String>> smallest = null;
            for (List<Set<String>> a : required) {
              if (smallest == null || a.size() < smallest.size()) {
                smallest = a;
              }
            }
            return smallest;
          }
          product = next;
        }
        return required.isEmpty() ? null : product;
      }
      if (optionalUnknown || b.getMinimumNumberShouldMatch() > 1) {
        // minimumShouldMatch above one: any one clause's alternatives are still necessary only if all
        // clauses are known; keep it simple and let the rule always run.
        return optionalUnknown ? null : union(optional);
      }
      return union(optional);
    }
    return null;
  }

  private static @Nullable List<Set<String>> union(List<List<Set<String>>> parts) {
    List<Set<String>> all = new ArrayList<>();
    for (List<Set<String>> p : parts) {
      all.addAll(p);
    }
    return all.size() > MAX_ALTERNATIVES ? null : all;
  }

  /**
   * The analyzed terms of a document's fields, as {@link #key} strings, each with its occurrences:
   * {@code [count, position1, start1, end1, position2, start2, end2, ...]} (offsets into the text).
   */
  static Map<String, int[]> terms(Analyzer analyzer, String[] fields, String text) {
    Map<String, int[]> out = new HashMap<>();
    for (String field : fields) {
      try (TokenStream ts = analyzer.tokenStream(field, text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        int position = -1;
        while (ts.incrementToken()) {
          position += increment.getPositionIncrement();
          String k = key(field, term.toString());
          int[] occ = out.computeIfAbsent(k, x -> new int[7]);
          if (1 + 3 * (occ[0] + 1) > occ.length) {
            occ = java.util.Arrays.copyOf(occ, occ.length * 2 + 1);
            out.put(k, occ);
          }
          int at = 1 + 3 * occ[0];
          occ[at] = position;
          occ[at + 1] = offset.startOffset();
          occ[at + 2] = offset.endOffset();
          occ[0]++;
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The rules that may match a document with these terms. */
  BitSet candidates(Map<String, int[]> terms) {
    BitSet out = (BitSet) always.clone();
    for (String t : terms.keySet()) {
      List<int[]> anchored = byAnchor.get(t);
      if (anchored == null) {
        continue;
      }
      for (int[] ra : anchored) {
        if (out.get(ra[0])) {
          continue;
        }
        boolean all = true;
        for (String needed : alternatives.get(ra[0])[ra[1]]) {
          if (!terms.containsKey(needed)) {
            all = false;
            break;
          }
        }
        if (all && (pairTerms[ra[0]] == null || pairFits(ra[0], terms))) {
          out.set(ra[0]);
        }
      }
    }
    return out;
  }

  /**
   * Whether rule {@code r} is decided here without running it: a phrase of two distinct terms, or a
   * single term.
   */
  boolean isPair(int r) {
    return pairTerms[r] != null || singleTerm[r] != null;
  }

  private boolean pairFits(int rule, Map<String, int[]> terms) {
    int[] a = terms.get(pairTerms[rule][0]);
    int[] b = terms.get(pairTerms[rule][1]);
    int offset = pairShape[rule][0];
    int slop = pairShape[rule][1];
    for (int i = 0; i < a[0]; i++) {
      int target = a[1 + 3 * i] + offset;
      // Positions are ascending: only b's occurrences within target +- slop can pair with this one.
      for (int j = firstAtLeast(b, target - slop); j < b[0] && b[1 + 3 * j] <= target + slop; j++) {
        // A repeated word ("very very") needs two different occurrences.
        if (a != b || i != j) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first occurrence index in {@code occ} whose position is at least {@code position}. */
  private static int firstAtLeast(int[] occ, int position) {
    int lo = 0;
    int hi = occ[0];
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (occ[1 + 3 * mid] < position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The hits of a rule decided from positions, passed to the sink: every occurrence of a single term;
   * for a two-term phrase, each pair of occurrences within the slop (for two terms, Lucene's exact and
   * sloppy phrase matching come down to |(pb - pa) - offset| <= slop, with different occurrences for a
   * repeated word), spanning from the first word's start to the last word's end. Linear in the
   * occurrences times the slop, however often a word repeats.
   */
  void pairSpans(int rule, Map<String, int[]> terms, int field, QueryRules.MatchSink sink) {
    if (singleTerm[rule] != null) {
      int[] occ = terms.get(singleTerm[rule]);
      for (int i = 0; occ != null && i < occ[0]; i++) {
        sink.onMatch(field, rule, occ[2 + 3 * i], occ[3 + 3 * i]);
      }
      return;
    }
    int[] a = terms.get(pairTerms[rule][0]);
    int[] b = terms.get(pairTerms[rule][1]);
    int offset = pairShape[rule][0];
    int slop = pairShape[rule][1];
    for (int i = 0; i < a[0]; i++) {
      int target = a[1 + 3 * i] + offset;
      for (int j = firstAtLeast(b, target - slop); j < b[0] && b[1 + 3 * j] <= target + slop; j++) {
        if (a != b || i != j) {
          sink.onMatch(field, rule, Math.min(a[2 + 3 * i], b[2 + 3 * j]),
              Math.max(a[3 + 3 * i], b[3 + 3 * j]));
        }
      }
    }
  }

  int size() {
    return rules;
  }
}

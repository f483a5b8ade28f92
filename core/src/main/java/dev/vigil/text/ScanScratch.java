package dev.vigil.text;

import dev.vigil.internal.IntBuffer;
import dev.vigil.internal.PerThread;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TermMatcher}'s per-thread buffers ({@link PerThread}): the hits held back for the
 * allow-list, the chunk buffers of long texts, the state of a scan while it handles a run of special
 * chars, the word scan's words of a chunk, and the contextual scan's ring of units. Grown to the
 * largest text seen, so that scanning allocates nothing once warm. Not thread safe.
 */
final class ScanScratch extends PerThread.Reusable {
  /** The contextual scan's ring; null for the other plans. */
  final @Nullable ContextualRing ring;

  // Block hits (term, start, end) held back until the scan's end, when there is an allow-list, or
  // the second half's hits of a dual scan; allow hits (start, end).
  private final IntBuffer block = new IntBuffer(48);
  private final IntBuffer allow = new IntBuffer(16);

  // A per-code-point scan's state while SpecialRuns handles a run of special chars: the state's code,
  // whether it has outputs to report, and the last unit (its start, end and index in its code point's
  // expansion; whether it was whitespace).
  int code;
  boolean pending;
  int lastStart;
  int lastEnd;
  int lastIndex;
  boolean lastWasSpace;

  /** The chunk buffers of long texts; the second for the dual scan's second half. */
  final char[] chars;
  final char[] chars2;
  /** The dual scan's handler for its second half: the hits wait in the block hits (no allow-list). */
  final HitHandler holdBack = this::addBlock;

  // The word scan's words of a chunk: packed symbols, and end << 32 | length.
  final long[] wordKeys;
  final long[] wordSpans;
  long touched; // what WordIndex.touch read, kept so that its reads are not dropped

  ScanScratch(@Nullable ContextualRing ring, int chunk, int words) {
    this.ring = ring;
    this.chars = new char[chunk];
    this.chars2 = new char[chunk];
    this.wordKeys = new long[words];
    this.wordSpans = new long[words];
  }

  /** Forgets the hits held back by an earlier scan. */
  void clearHits() {
    block.clear();
    allow.clear();
  }

  /**
   * Hands a hit to {@code handler}; or, with an allow-list, holds it back for {@link #flushFiltered}
   * ({@code term} below zero marks an allow-list hit). {@code s} may be null only without one.
   */
  static void report(boolean hasAllow, int term, int start, int end, @Nullable ScanScratch s,
      HitHandler handler) {
    if (!hasAllow) {
      handler.onHit(term, start, end);
    } else if (term >= 0) {
      s.addBlock(term, start, end);
    } else {
      s.allow.add(start, end);
    }
  }

  /** Holds a block hit back. */
  void addBlock(int term, int start, int end) {
    block.add(term, start, end);
  }

  /** Hands the block hits to {@code handler}, in the order they came, and forgets them. */
  void replayBlocks(HitHandler handler) {
    int n = block.size();
    block.clear();
    for (int h = 0; h < n; h += 3) {
      handler.onHit(block.get(h), block.get(h + 1), block.get(h + 2));
    }
  }

  /** Hands {@code handler} the block hits that no allow hit contains, in the order they came. */
  void flushFiltered(HitHandler handler) {
    for (int h = 0; h < block.size(); h += 3) {
      int start = block.get(h + 1);
      int end = block.get(h + 2);
      boolean allowed = false;
      for (int a = 0; a < allow.size() && !allowed; a += 2) {
        allowed = allow.get(a) <= start && end <= allow.get(a + 1);
      }
      if (!allowed) {
        handler.onHit(block.get(h), start, end);
      }
    }
  }
}

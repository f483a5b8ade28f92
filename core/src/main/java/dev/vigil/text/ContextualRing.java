package dev.vigil.text;

import dev.vigil.internal.IntBuffer;

/**
 * The per-thread part of a {@link ContextualScan}: the cursor, a ring of the last units, the hits
 * waiting for a checkpoint, and where the last checkpoint is. Not thread-safe: each thread scans
 * with its own (through {@link ScanScratch}).
 */
final class ContextualRing {
  final NormalizingCursor cursor;
  final int[] start;
  final int[] end;
  final int[] count;
  final boolean[] word;
  final IntBuffer waiting = new IntBuffer(12);
  // The last units before a place, walked back from it (index 0 the last): see
  // ContextualScan.collect.
  final int[] backStart;
  final int[] backCount;
  final boolean[] backWord;
  // The last checkpoint: where, the automaton's state there, and the index of the unit there.
  int checkpoint;
  int checkpointCode; // the state's code (see ContextualRows.code)
  int checkpointUnit;
  /**
   * The first unit of the text in the ring's numbering. Units are numbered by the chars the plain
   * mode reads (a repeat or a whitespace run, one unit, counts as many), so that the plain mode
   * need not count them, and consecutively from there: the ring always holds its units without
   * gaps.
   */
  int floor;

  private ContextualRing(NormalizingCursor cursor, int size, int back) {
    this.cursor = cursor;
    this.backStart = new int[back];
    this.backCount = new int[back];
    this.backWord = new boolean[back];
    this.start = new int[size];
    this.end = new int[size];
    this.count = new int[size];
    this.word = new boolean[size];
  }

  /** A ring for {@code normalizer}'s cursor, long enough for the longest term and its boundary. */
  static ContextualRing of(Normalizer normalizer, int maxLength) {
    return new ContextualRing(normalizer.cursor(), ringSize(maxLength), maxLength + 1);
  }

  private static int ringSize(int maxLength) {
    return Integer.highestOneBit(Math.max(4, maxLength + 2) * 2 - 1);
  }
}

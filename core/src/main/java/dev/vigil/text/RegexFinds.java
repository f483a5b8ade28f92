package dev.vigil.text;

import dev.vigil.internal.IntBuffer;

/**
 * What the prefilter's scan found in a field: whether anything, and the windows around the finds (the
 * chars a match holding the find can span, and one more on each side for the boundary tests, as start
 * and end pairs). One per thread ({@link RegexClassifier}), so that skipping a field allocates nothing.
 */
final class RegexFinds implements HitHandler {
  boolean found;
  int pad = -1; // -1: only whether anything was found
  int length;
  /** The windows: (from, to) pairs. */
  final IntBuffer windows = new IntBuffer(32);
  /** The literal scan's buffer. */
  final char[] chars = new char[1024];
  final byte[] bytes = new byte[chars.length + 8];

  /**
   * The latest place each find may start a match's required part (a literal's start; for a run of
   * digits, its end minus the digits every match holds), sorted once the scan is done: after a match,
   * the window needs another search only while one of these lies ahead.
   */
  final IntBuffer starts = new IntBuffer(32);

  /** The window of the runs of digits so far that {@link #addRun} has not added yet, or -1. */
  int runFrom = -1;
  int runTo = -1;

  void reset(int pad, int length) {
    this.found = false;
    this.runFrom = -1;
    this.pad = pad;
    this.length = length;
    windows.clear();
    starts.clear();
  }

  /**
   * Adds the window of a run of digits {@code [start, end)} holding at least {@code k}, the digits in a
   * row every match holds: a match lies between the run's start plus k minus the longest match and
   * its end minus k plus the longest match. Runs come in text order: a window that overlaps the last
   * extends it, and {@link #closeRuns} adds the last.
   */
  void addRun(int start, int end, int k) {
    int from = Math.max(0, start + k - pad);
    if (runFrom >= 0 && from > runTo) {
      add(runFrom, runTo);
      runFrom = -1;
    }
    if (runFrom < 0) {
      runFrom = from;
    }
    runTo = (int) Math.min(length, (long) end - k + pad);
    starts.add(end - k);
  }

  void closeRuns() {
    if (runFrom >= 0) {
      add(runFrom, runTo);
      found = true;
      runFrom = -1;
    }
  }

  @Override
  public void onHit(int term, int start, int end) {
    found = true;
    // A match holding this find starts at most pad - 1 chars before its end and ends at most pad - 1
    // chars after its start; a find longer than a match can be is in none.
    if (pad >= 0 && end - start < pad) {
      add(Math.max(0, end - pad), (int) Math.min(length, (long) start + pad));
      starts.add(start);
    }
  }

  /** Adds a window (overlapping ones are merged by {@link #merge}). */
  void add(int from, int to) {
    windows.add(from, to);
  }

  /** The number of windows. */
  int count() {
    return windows.size() / 2;
  }

  /** Sorts the windows by start and merges those that overlap or touch; sorts the starts. */
  void merge() {
    starts.sort();
    IntBuffer w = windows;
    int count = count();
    for (int k = 1; k < count; k++) { // insertion sort: few windows, nearly in order
      int from = w.get(2 * k);
      int to = w.get(2 * k + 1);
      int j = k - 1;
      while (j >= 0 && w.get(2 * j) > from) {
        w.set(2 * j + 2, w.get(2 * j));
        w.set(2 * j + 3, w.get(2 * j + 1));
        j--;
      }
      w.set(2 * j + 2, from);
      w.set(2 * j + 3, to);
    }
    int out = 0;
    for (int k = 0; k < count; k++) {
      int from = w.get(2 * k);
      int to = w.get(2 * k + 1);
      if (out > 0 && from <= w.get(2 * out - 1)) {
        w.set(2 * out - 1, Math.max(w.get(2 * out - 1), to));
      } else {
        w.set(2 * out, from);
        w.set(2 * out + 1, to);
        out++;
      }
    }
    w.truncate(2 * out);
  }

  /**
   * The finds of a pattern whose only requirement is a run of digits: the runs of at least {@code k}
   * ASCII digits in {@code text} (see {@link #addRun}); whether there is any. With {@link #pad} below zero
   * (no longest match known), only whether there is such a run.
   *
   * <p>The text's low bytes are tested eight at a time for a byte that may be a digit (every ASCII
   * digit's low byte is one; a char outside Latin-1 with such a low byte is turned down by the exact
   * test); only those eight chars, and the eight after an open run, are read one by one. Most posts hold
   * few digits: this pass costs a third of a char-by-char one.
   */
  boolean digitRuns(String text, int k) {
    int n = text.length();
    int runStart = -1;
    int chunk = chars.length;
    for (int base = 0; base < n; base += chunk) {
      int len = Math.min(chunk, n - base);
      AsciiLiteralScan.lowBytes(text, base, base + len, bytes);
      for (int p = 0; p < len; p += 8) {
        if (runStart < 0 && !AsciiLiteralScan.mayHoldDigit(bytes, p)) {
          continue;
        }
        for (int i = base + p, end = base + Math.min(p + 8, len); i < end; i++) {
          // One unsigned test: two would branch unpredictably on letters.
          if ((char) (text.charAt(i) - '0') <= 9) {
            if (runStart < 0) {
              runStart = i;
            }
            continue;
          }
          if (runStart >= 0 && i - runStart >= k) {
            if (pad < 0) {
              return true;
            }
            addRun(runStart, i, k);
          }
          runStart = -1;
        }
      }
    }
    if (runStart >= 0 && n - runStart >= k) { // a run at the end of the text
      if (pad < 0) {
        return true;
      }
      addRun(runStart, n, k);
    }
    closeRuns();
    return found;
  }

  /** Whether {@code text} holds {@code k} ASCII digits in a row. */
  static boolean hasDigitRun(String text, int k) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = (char) (text.charAt(i) - '0') <= 9 ? run + 1 : 0;
      if (run >= k) {
        return true;
      }
    }
    return false;
  }
}

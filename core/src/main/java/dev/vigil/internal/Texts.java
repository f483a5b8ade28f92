package dev.vigil.internal;

/** Small helpers on UTF-16 text. Not API. */
public final class Texts {
  private Texts() {}

  /** Whether {@code index} falls between the two halves of a surrogate pair in {@code text}. */
  public static boolean splitsSurrogatePair(CharSequence text, int index) {
    return index > 0 && index < text.length()
        && Character.isHighSurrogate(text.charAt(index - 1))
        && Character.isLowSurrogate(text.charAt(index));
  }

  /**
   * The largest cut point at most {@code limit} that does not split a surrogate pair: {@code limit}
   * itself, or {@code limit - 1} when {@code limit} falls inside a pair.
   */
  public static int safeCut(CharSequence text, int limit) {
    return splitsSurrogatePair(text, limit) ? limit - 1 : limit;
  }
}

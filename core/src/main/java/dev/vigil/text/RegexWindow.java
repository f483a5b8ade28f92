package dev.vigil.text;

/** A window of a field, as RE2/J's input ({@link RegexClassifier}); reset for each window. */
final class RegexWindow implements CharSequence {
  private final CharSequence text;
  private int from;
  private int to;

  RegexWindow(CharSequence text) {
    this.text = text;
  }

  void set(int from, int to) {
    this.from = from;
    this.to = to;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    return text.charAt(from + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(from + start, from + end);
  }

  @Override
  public String toString() {
    return text.subSequence(from, to).toString();
  }
}

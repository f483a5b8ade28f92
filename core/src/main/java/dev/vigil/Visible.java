package dev.vigil;

import java.util.Locale;

/**
 * Text as a reviewer should see it in an explanation: characters that print as nothing or as a plain
 * space (zero-width and other format characters, controls, spaces other than U+0020) become
 * {@code ⟨U+200B⟩}, and a letter from another script than the rest of its word (a Cyrillic {@code і} in
 * "gіft") is followed by its script, {@code ⟨Cyrillic⟩}, since it looks like the letter it imitates.
 * {@link #walk} gives the same reading to renderers of other formats (the HTML report marks them up).
 *
 * <p>Stateless and thread safe.
 */
public final class Visible {
  private Visible() {}

  /** What {@link #walk} finds in a text, in text order. */
  public interface Sink {
    /** Chars {@code [from, to)} of the text read as they are. */
    void plain(int from, int to);

    /** An invisible character (or a space other than U+0020) at {@code [from, to)}. */
    void invisible(int codePoint, int from, int to);

    /**
     * A letter at {@code [from, to)} of another script than the rest of its word; {@code script} is
     * the script's name ({@code Cyrillic}).
     */
    void otherScript(int codePoint, int from, int to, String script);
  }

  /** {@code text} with its invisible characters and other-script letters shown (see the class comment). */
  public static String of(String text) {
    StringBuilder[] sb = {null};
    walk(text, new Sink() {
      @Override
      public void plain(int from, int to) {
        if (sb[0] != null) {
          sb[0].append(text, from, to);
        }
      }

      @Override
      public void invisible(int codePoint, int from, int to) {
        sb[0] = started(sb[0], text, from);
        sb[0].append("⟨U+").append(String.format(Locale.ROOT, "%04X", codePoint)).append('⟩');
      }

      @Override
      public void otherScript(int codePoint, int from, int to, String script) {
        sb[0] = started(sb[0], text, from);
        sb[0].appendCodePoint(codePoint).append('⟨').append(script).append('⟩');
      }
    });
    return sb[0] == null ? text : sb[0].toString();
  }

  /** Reads {@code text} into {@code sink}: plain runs, invisible characters and other-script letters. */
  public static void walk(String text, Sink sink) {
    int n = text.length();
    int i = 0;
    int plainFrom = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      if (Character.isLetter(cp)) {
        int end = i;
        while (end < n && Character.isLetter(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
        Character.UnicodeScript main = mainScript(text, i, end);
        for (int j = i; j < end; ) {
          int c = text.codePointAt(j);
          int cl = Character.charCount(c);
          Character.UnicodeScript s = Character.UnicodeScript.of(c);
          if (main != null && s != main && isProper(s)) {
            if (plainFrom < j) {
              sink.plain(plainFrom, j);
            }
            sink.otherScript(c, j, j + cl, name(s));
            plainFrom = j + cl;
          }
          j += cl;
        }
        i = end;
        continue;
      }
      if (isInvisible(cp)) {
        if (plainFrom < i) {
          sink.plain(plainFrom, i);
        }
        sink.invisible(cp, i, i + len);
        plainFrom = i + len;
      }
      i += len;
    }
    if (plainFrom < n) {
      sink.plain(plainFrom, n);
    }
  }

  /** A builder holding {@code text} up to {@code upTo}, once something in it must change. */
  private static StringBuilder started(StringBuilder sb, String text, int upTo) {
    return sb != null ? sb : new StringBuilder(text.length() + 16).append(text, 0, upTo);
  }

  /** The script most letters of {@code text[from, to)} are in (the first one's on a tie), or null. */
  private static Character.UnicodeScript mainScript(String text, int from, int to) {
    Character.UnicodeScript first = null;
    int firstCount = 0;
    Character.UnicodeScript other = null;
    int otherCount = 0;
    boolean mixed = false;
    for (int j = from; j < to; ) {
      int c = text.codePointAt(j);
      Character.UnicodeScript s = Character.UnicodeScript.of(c);
      if (isProper(s)) {
        if (first == null || s == first) {
          first = s;
          firstCount++;
        } else {
          mixed = true;
          if (other == null || s == other) {
            other = s;
            otherCount++;
          }
        }
      }
      j += Character.charCount(c);
    }
    if (!mixed) {
      return null;
    }
    return otherCount > firstCount ? other : first;
  }

  private static boolean isProper(Character.UnicodeScript s) {
    return s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED
        && s != Character.UnicodeScript.UNKNOWN;
  }

  private static boolean isInvisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.FORMAT || type == Character.CONTROL
        || (cp != ' ' && (type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR));
  }

  private static String name(Character.UnicodeScript s) {
    String n = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}

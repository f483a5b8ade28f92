package dev.vigil;

import java.util.Locale;

/**
 * Text as a reviewer should see it in an explanation: characters that print as nothing or as a plain
 * space (zero-width and other format characters, controls, spaces other than U+0020) become
 * {@code ⟨U+200B⟩}, and a letter from another script than the rest of its word (a Cyrillic {@code і} in
 * "gіft") is followed by its script, {@code ⟨Cyrillic⟩}, since it looks like the letter it imitates.
 */
final class Visible {
  private Visible() {}

  static String of(String text) {
    StringBuilder sb = null;
    int n = text.length();
    int i = 0;
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
          Character.UnicodeScript s = Character.UnicodeScript.of(c);
          if (main != null && s != main && isProper(s)) {
            sb = started(sb, text, j);
            sb.appendCodePoint(c).append('⟨').append(name(s)).append('⟩');
          } else if (sb != null) {
            sb.appendCodePoint(c);
          }
          j += Character.charCount(c);
        }
        i = end;
        continue;
      }
      if (isInvisible(cp)) {
        sb = started(sb, text, i);
        sb.append("⟨U+").append(String.format(Locale.ROOT, "%04X", cp)).append('⟩');
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i += len;
    }
    return sb == null ? text : sb.toString();
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

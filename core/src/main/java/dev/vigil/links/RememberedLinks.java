package dev.vigil.links;

import dev.vigil.internal.Invisibles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The links of the last few texts each thread scanned. Not API: {@link Links#find} and the link signals
 * go through it, so that a field is scanned once per evaluation however many of them ask.
 */
final class RememberedLinks {
  private RememberedLinks() {}

  /** Texts up to this long have their links remembered per thread (see {@link #of}). */
  static final int MAX_REMEMBERED_CHARS = 16_384;

  /**
   * The links of {@code text}, unmodifiable, in text order. A policy asks for the links of one field
   * several times (one link signal after another, a behaviour signal counting by link domain), so each
   * thread remembers the links of the last few texts it scanned, by identity, and scans each once. Only
   * texts up to {@link #MAX_REMEMBERED_CHARS} are remembered, so that a thread never holds on to a large
   * text; links are immutable, so sharing them is safe.
   */
  static List<Link> of(String text) {
    Remembered r = REMEMBERED.get();
    for (int i = 0; i < r.texts.length; i++) {
      if (r.texts[i] == text) {
        return r.links[i];
      }
    }
    List<Link> found = new ArrayList<>(4);
    Invisibles.Stripped stripped = Invisibles.strip(text);
    if (stripped == null) {
      LinkScanner.scan(text, found::add);
    } else {
      // "paypal\u200B.com" is paypal.com to a reader: scan what the reader sees; spans point at the
      // original, and a link with invisible characters inside is obfuscated.
      LinkScanner.scan(stripped.text(), link -> found.add(inOriginal(link, stripped)));
    }
    List<Link> links = Collections.unmodifiableList(found);
    if (text.length() <= MAX_REMEMBERED_CHARS) {
      int i = r.next;
      r.texts[i] = text;
      r.links[i] = links;
      r.next = (i + 1) % r.texts.length;
    }
    return links;
  }

  private static Link inOriginal(Link l, Invisibles.Stripped s) {
    return new Link(s.start(l.start()), s.end(l.end()), s.originalText(l.start(), l.end()), l.host(),
        l.asciiHost(), l.registrableDomain(), l.explicitScheme(),
        l.obfuscated() || s.removedWithin(l.start(), l.end()), l.ipAddress());
  }

  /** The last texts a thread scanned through {@link #of} and their links; oldest replaced first. */
  private static final class Remembered {
    final String[] texts = new String[4];
    @SuppressWarnings("unchecked")
    final List<Link>[] links = new List[4];
    int next;
  }

  private static final ThreadLocal<Remembered> REMEMBERED = ThreadLocal.withInitial(Remembered::new);
}

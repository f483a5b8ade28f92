package dev.vigil.links;

import dev.vigil.internal.Hosts;
import dev.vigil.internal.IntBuffer;
import dev.vigil.internal.PerThread;
import java.net.IDN;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds links in one pass over the text. Not API: use {@link Links#find(String)}.
 *
 * <p>The scan visits each word start once. At a word start it reads an optional scheme and a chain of
 * labels joined by dot tokens (plain, fullwidth and ideographic dots, and the defanged forms
 * {@code [.]}, {@code (.)}, {@code {.}}, {@code [dot]}, {@code " dot "}); a failed chain is skipped
 * whole, so no character is read more than a few times and the scan is linear even on
 * {@code a.a.a.a...} megabytes long.
 *
 * <p>Without a scheme, a chain is a link only when its top-level domain is one where people register
 * names ({@link Hosts#COMMON_TLDS}, a list of ours) or when {@code www.}, a port or a path makes the intent
 * plain: "so.it" and "ok.now" in a chat are words that lost their space, not links.
 */
final class LinkScanner {
  private LinkScanner() {}

  /** Receives links as they are found; returns false to stop the scan. */
  interface Sink {
    boolean accept(Link link);
  }

  /** How obfuscated e-mail addresses write their at sign; a host next to one is an address's part. */
  private static final String[] BRACKETED_ATS = {"[at]", "(at)", "{at}"};

  /** DNS allows 127 labels; a longer chain is not a host. */
  private static final int MAX_LABELS = 127;
  private static final int MAX_LABEL_CHARS = 63;

  /** Scans {@code text}, passing each link to {@code sink} in text order. */
  static void scan(String text, Sink sink) {
    Scan scan = SCANS.acquire(); // a sink that scans again gets a state of its own
    try {
      scan.reset(text);
      scan.run(sink);
    } finally {
      scan.reset("");
      SCANS.release(scan);
    }
  }

  /** Scan state reused per thread: the label arrays would otherwise be allocated per text. */
  private static final PerThread<Scan> SCANS = new PerThread<>(Scan::new);

  /** The state of one scan; label boundaries are reused across candidates. */
  static final class Scan extends PerThread.Reusable {
    String s = "";
    int n;
    /** Per label of the chain read last: its start, its end, and 1 when the dot after it is obfuscated. */
    final IntBuffer label = new IntBuffer(24);
    /** The scan's window on the text. */
    final char[] buffer = new char[512];
    /** Where tokens may start in the buffered chunk (see run). */
    final int[] marks = new int[buffer.length];

    void reset(String text) {
      this.s = text;
      this.n = text.length();
      label.clear();
    }

    /**
     * Visits the words a link may start at. A link needs a dot token or a scheme separator right after
     * its first label ({@link #at} reads nothing else before deciding), and those open with one of a few
     * chars ({@link #TRIGGER}); so the loop looks for those chars, which are rare and make the branch
     * easy to predict, and reads back to the start of the word before each, instead of walking word by
     * word. The words visited, and in the same order, are those a word-by-word walk would pass to
     * {@code at}: {@code floor} keeps the walk after what a candidate consumed.
     */
    void run(Sink sink) {
      // Locals, not the fields: after the call per chunk the JIT would reload fields in the loop.
      String s = this.s;
      int n = this.n;
      char[] buf = buffer;
      int[] found = marks;
      int floor = 0;
      // The last four chars read, each lower-cased to a byte: " dot " is found without a branch on every d.
      int window = 0;
      // The text is read through a buffer a chunk at a time: String.charAt tests the string's coder and
      // bounds at every char, which cost as much as the rest of this loop. Each chunk is read in two
      // loops: the first, which makes no calls (with the parser inlined into it, the JIT compiled it
      // half as fast), notes where a token may start; the second passes those to the parser, in order,
      // skipping what an earlier candidate consumed.
      for (int base = 0; base < n; base += buf.length) {
        int len = Math.min(buf.length, n - base);
        s.getChars(base, base + len, buf, 0);
        int count = 0;
        for (int i = 0; i < len; i++) {
          char c = buf[i];
          window = window << 8 | (c | 0x20) & 0xFF;
          int t = base + i;
          if (c < 0x80 ? !TRIGGER[c] : c != '\u3002' && c != '\uFF0E' && c != '\uFF61') {
            if (window == DOT_SPACE && t >= 4 && s.charAt(t - 4) == ' ') {
              found[count++] = t - 4; // " dot "
            }
          } else if (c == '.') {
            // The common case, a sentence's end, decided here: at() reads one label unless another
            // starts after the dot. The next char comes from the buffer: String.charAt here (seven
            // dots in a 280-char chat post) made the loop a third slower.
            if (t + 1 < n) {
              char d = i + 1 < len ? buf[i + 1] : s.charAt(t + 1);
              if (d >= 0x80 || ASCII_LABEL[d] && d != '-') { // the rest in mayFollowWord
                found[count++] = t;
              }
            }
          } else if (c == '[' || c == '(' || c == '{') {
            found[count++] = t | AFTER_SPACE; // " [.] " or "[.]": decided with the floor
          } else {
            found[count++] = t;
          }
        }
        floor = visit(found, count, floor, sink);
        if (floor < 0) {
          return;
        }
      }
    }

    /**
     * Passes the marked places to the parser, in order, skipping what an earlier candidate consumed;
     * returns the new floor, or -1 when the sink stops the scan.
     */
    int visit(int[] found, int count, int floor, Sink sink) {
      for (int k = 0; k < count; k++) {
        int q = found[k] & Integer.MAX_VALUE;
        if (q <= floor) {
          continue;
        }
        if (found[k] < 0 && s.charAt(q - 1) == ' ') {
          q--; // the token starts at the space
          if (q == floor) {
            continue;
          }
        }
        if (!mayFollowWord(q)) {
          continue;
        }
        int next = candidate(q, floor, sink);
        if (next < 0) {
          return -1;
        }
        floor = Math.max(floor, next);
      }
      return floor;
    }

    /**
     * Passes the word ending at {@code q} (after {@code floor}) to {@link #at}, and its link to the
     * sink; returns where the walk goes on (the floor), or -1 when the sink stops the scan. Out of the
     * loop in {@link #run} so that the loop stays small.
     */
    int candidate(int q, int floor, Sink sink) {
      int w = q;
      while (w > floor) {
        char ch = s.charAt(w - 1);
        if (ch < 0x80) {
          if (!ASCII_LABEL[ch]) {
            break;
          }
          w--;
        } else {
          int cp = s.codePointBefore(w);
          if (!Hosts.isLabelChar(cp)) {
            break;
          }
          w -= Character.charCount(cp);
        }
      }
      while (w < q && s.charAt(w) == '-') {
        w++; // a word starts at its first label char that is not a hyphen
      }
      if (w == q) {
        return floor;
      }
      int first = Character.charCount(s.codePointAt(w));
      int resume = at(w, sink);
      if (resume < 0) {
        return -1;
      }
      int i = Math.max(resume, w + first);
      // Continue after the word the candidate ended in, so a failed chain is not re-read label by label.
      while (i < n) {
        int cp = s.codePointAt(i);
        if (!Hosts.isLabelChar(cp)) {
          break;
        }
        i += Character.charCount(cp);
      }
      return i;
    }

    /**
     * Whether a word ending at {@code q} may start a link: a dot token followed by the start of another
     * label, or a scheme separator, starts at {@code q}. A cheap test of the char there (and after a
     * space, of the next one) comes before {@link Hosts#dotToken} and {@link #schemeSeparator}.
     */
    boolean mayFollowWord(int q) {
      if (q >= n) {
        return false;
      }
      char c = s.charAt(q);
      if (c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61') {
        // A one-char dot (Hosts.dotToken): at() reads one label unless another starts after it, so
        // "end. Next" is no link.
        return q + 1 < n && isLabelStart(s, q + 1);
      }
      if (c == ':') {
        return schemeSeparator(q) != 0;
      }
      if (c == ' ') {
        if (q + 1 >= n) {
          return false;
        }
        char d = s.charAt(q + 1);
        if (d != '[' && d != '(' && d != '{' && (d | 0x20) != 'd') {
          return false;
        }
      } else if (c != '[' && c != '(' && c != '{') {
        return false;
      }
      int dot = Math.abs(Hosts.dotToken(s, q));
      return dot != 0 && q + dot < n && isLabelStart(s, q + dot) || schemeSeparator(q) != 0;
    }

    /** The end of the run of label chars from {@code q}. */
    int labelEnd(int q) {
      while (q < n) {
        char c = s.charAt(q);
        if (c < 0x80) {
          if (!ASCII_LABEL[c]) {
            break;
          }
          q++;
        } else {
          int cp = s.codePointAt(q);
          if (!Hosts.isLabelChar(cp)) {
            break;
          }
          q += Character.charCount(cp);
        }
      }
      return q;
    }

    /**
     * Hands the link starting at word start {@code p}, if there is one, to {@code sink}; returns where
     * the walk goes on (past what the candidate consumed), or -1 when the sink stops the scan.
     */
    int at(int p, Sink sink) {
      int schemeEnd = p;
      while (schemeEnd < n && schemeEnd - p <= 6 && isAsciiLetter(s.charAt(schemeEnd))) {
        schemeEnd++;
      }
      int separator = schemeSeparator(schemeEnd);
      if (separator > 0 && schemeEnd > p) {
        String scheme = s.substring(p, schemeEnd).toLowerCase(Locale.ROOT);
        if (isScheme(scheme)) {
          boolean defanged = scheme.indexOf('x') >= 0 || !scheme.startsWith("h") && !scheme.startsWith("f")
              || separator != 3;
          return withScheme(p, schemeEnd + separator, defanged, sink);
        }
      }
      if (atSignBefore(p)) {
        // The domain of an e-mail address, not a link (plain, or written "name [at] example [dot] com").
        return chain(p);
      }
      int end = chain(p);
      if (labels() < 2 || atSignAfter(end)) {
        // One word, or the local part of an e-mail address ("first.last@", "first.last [at] ").
        return end;
      }
      boolean www = labelEquals(0, "www");
      boolean numeric = allNumeric();
      for (int k = labels() - 1; k >= 1; k--) {
        boolean last = k == labels() - 1;
        int hostEnd = endOf(k);
        int after = last ? portAndPath(hostEnd) : hostEnd;
        boolean qualified = www || after > hostEnd;
        if (numeric) {
          if (last && labels() == 4 && qualified && isIpv4()) {
            return deliver(link(p, p, hostEnd, after, false, true, false), Math.max(end, after), sink);
          }
          return end;
        }
        String tld = label(k);
        boolean common = Hosts.COMMON_TLDS.contains(tld) && !sentenceJoin(k);
        if (!common && !(qualified && Hosts.isPublicSuffix(tld))) {
          continue;
        }
        Link link = link(p, p, hostEnd, after, obfuscatedUpTo(k), false, false);
        return link == null ? end : deliver(link, Math.max(end, after), sink);
      }
      return end;
    }

    /**
     * Whether an e-mail address's at sign ends just before {@code p}: {@code @} or a fullwidth one, or, after
     * a space or not, a spaced {@code " @ "} or a bracketed at ({@code [at]}, {@code (at)}, {@code {at}}):
     * the forms the e-mail scanner reads as obfuscated addresses.
     */
    private boolean atSignBefore(int p) {
      if (p > 0 && (s.charAt(p - 1) == '@' || s.charAt(p - 1) == '\uFF20')) {
        return true;
      }
      int q = p > 0 && s.charAt(p - 1) == ' ' ? p - 1 : p;
      if (q >= 2 && s.charAt(q - 1) == '@' && s.charAt(q - 2) == ' ') {
        return true;
      }
      return bracketedAtEndingAt(q);
    }

    /** Whether an at sign of an e-mail address starts at {@code end} (after a space or not). */
    private boolean atSignAfter(int end) {
      if (end < n && (s.charAt(end) == '@' || s.charAt(end) == '\uFF20')) {
        return true;
      }
      int q = end < n && s.charAt(end) == ' ' ? end + 1 : end;
      if (q + 1 < n && s.charAt(q) == '@' && s.charAt(q + 1) == ' ' && q > end) {
        return true;
      }
      return bracketedAtStartingAt(q);
    }

    private boolean bracketedAtEndingAt(int q) {
      for (String at : BRACKETED_ATS) {
        if (q >= at.length() && s.regionMatches(true, q - at.length(), at, 0, at.length())) {
          return true;
        }
      }
      return false;
    }

    private boolean bracketedAtStartingAt(int q) {
      for (String at : BRACKETED_ATS) {
        if (s.regionMatches(true, q, at, 0, at.length())) {
          return true;
        }
      }
      return false;
    }

    /** Hands {@code link}, if any, to the sink; returns {@code resume}, or -1 when the sink says stop. */
    private static int deliver(@Nullable Link link, int resume, Sink sink) {
      return link == null || sink.accept(link) ? resume : -1;
    }

    /** {@link #at} for a link with a scheme whose authority starts at {@code a}. */
    int withScheme(int start, int a, boolean defanged, Sink sink) {
      // user:password@host: the host is after the last '@' (http://paypal.com@evil.net goes to evil.net).
      int authorityEnd = a;
      int at = -1;
      while (authorityEnd < n) {
        char c = s.charAt(authorityEnd);
        if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '<' || c == '>'
            || c == '"') {
          break;
        }
        if (c == '@') {
          at = authorityEnd;
        }
        authorityEnd++;
      }
      int h = at >= 0 ? at + 1 : a;
      int resume = Math.max(a, authorityEnd);
      if (h < n && s.charAt(h) == '[') {
        int close = s.indexOf(']', h);
        if (close < 0 || close > authorityEnd || close - h < 3) {
          return resume;
        }
        for (int i = h + 1; i < close; i++) {
          char c = s.charAt(i);
          if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return resume;
          }
        }
        String host = s.substring(h, close + 1).toLowerCase(Locale.ROOT);
        int end = portAndPath(close + 1);
        return deliver(new Link(start, end, s.substring(start, end), host, host, null, true, defanged,
            true), Math.max(resume, end), sink);
      }
      if (h >= n || !Hosts.isLabelChar(s.codePointAt(h))) {
        return resume;
      }
      chain(h);
      if (labels() == 0) {
        return resume;
      }
      int hostEnd = endOf(labels() - 1);
      int end = portAndPath(hostEnd);
      boolean ip = allNumeric() && (labels() == 1 && isNumberHost() || labels() == 4 && isIpv4());
      Link link = link(start, h, hostEnd, end, defanged || obfuscatedUpTo(labels() - 1), ip, true);
      return link == null ? resume : deliver(link, Math.max(resume, end), sink);
    }

    /** Builds the link of labels up to the one ending at {@code hostEnd}; null if IDNA refuses it. */
    @Nullable Link link(int start, int hostStart, int hostEnd, int end, boolean obfuscated, boolean ip,
        boolean scheme) {
      StringBuilder raw = new StringBuilder(hostEnd - hostStart);
      boolean ascii = true;
      for (int k = 0; k < labels() && endOf(k) <= hostEnd; k++) {
        if (k > 0) {
          raw.append('.');
        }
        for (int i = startOf(k); i < endOf(k); i++) {
          char c = s.charAt(i);
          ascii &= c < 0x80;
          raw.append(c);
        }
      }
      String asciiHost;
      String host;
      try {
        if (ascii) {
          asciiHost = raw.toString().toLowerCase(Locale.ROOT);
        } else {
          asciiHost = IDN.toASCII(raw.toString(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        }
        host = asciiHost.contains("xn--") ? IDN.toUnicode(asciiHost, IDN.ALLOW_UNASSIGNED)
            .toLowerCase(Locale.ROOT) : asciiHost;
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (asciiHost.isEmpty() || asciiHost.length() > 253) {
        return null;
      }
      String registrable = ip ? null : Hosts.registrableDomain(asciiHost);
      if (!ip && !scheme && registrable == null && !Hosts.isPublicSuffix(asciiHost)) {
        return null;
      }
      return new Link(start, end, s.substring(start, end), host, asciiHost, registrable, scheme,
          obfuscated, ip);
    }

    /** Reads labels joined by dot tokens from {@code p}; returns the end of the last label read. */
    int chain(int p) {
      label.clear();
      int q = p;
      while (true) {
        int ls = q;
        q = labelEnd(q);
        if (q == ls) {
          return q;
        }
        if (labels() == MAX_LABELS || q - ls > MAX_LABEL_CHARS) {
          label.clear();
          return skipChain(q);
        }
        add(ls, q);
        int dot = Hosts.dotToken(s, q);
        if (dot == 0 || q + Math.abs(dot) >= n || !isLabelStart(s, q + Math.abs(dot))) {
          return q;
        }
        label.set(label.size() - 1, dot < 0 ? 1 : 0);
        q += Math.abs(dot);
      }
    }

    /** Past a chain too long to be a host, without building anything. */
    int skipChain(int q) {
      while (q < n) {
        int cp = s.codePointAt(q);
        if (Hosts.isLabelChar(cp)) {
          q += Character.charCount(cp);
          continue;
        }
        int dot = Hosts.dotToken(s, q);
        if (dot == 0 || q + Math.abs(dot) >= n || !isLabelStart(s, q + Math.abs(dot))) {
          return q;
        }
        q += Math.abs(dot);
      }
      return q;
    }

    void add(int start, int end) {
      label.add(start, end, 0);
    }

    /** The number of labels of the chain read last. */
    int labels() {
      return label.size() / 3;
    }

    int startOf(int k) {
      return label.get(3 * k);
    }

    int endOf(int k) {
      return label.get(3 * k + 1);
    }

    /** Whether the dot token after label {@code k} is obfuscated. */
    boolean obfuscatedAfter(int k) {
      return label.get(3 * k + 2) != 0;
    }

    /** The end of an optional {@code :port} and path after a host ending at {@code q}. */
    int portAndPath(int q) {
      int r = q;
      if (r + 1 < n && s.charAt(r) == ':' && isAsciiDigit(s.charAt(r + 1))) {
        int d = r + 1;
        while (d < n && d - r <= 5 && isAsciiDigit(s.charAt(d))) {
          d++;
        }
        if (d < n && Hosts.isLabelChar(s.codePointAt(d))) {
          return q;
        }
        r = d;
      }
      if (r < n && (s.charAt(r) == '/' || s.charAt(r) == '?' || s.charAt(r) == '#')) {
        int open = 0;
        int e = r;
        while (e < n) {
          char c = s.charAt(e);
          if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '<' || c == '>'
              || c == '"' || c == '`' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^'
              || c < 0x20) {
            break;
          }
          e++;
        }
        r = trimTrailing(r, e);
        // One unbalanced ')' at the end belongs to the sentence: "(see example.com/a)".
        for (int i = q; i < r; i++) {
          char c = s.charAt(i);
          open += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        while (r > q && open < 0 && s.charAt(r - 1) == ')') {
          r = trimTrailing(q, r - 1);
          open++;
        }
      }
      return r;
    }

    int trimTrailing(int from, int to) {
      while (to > from) {
        char c = s.charAt(to - 1);
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\''
            || c == '*' || c == ']' || c == '\u2019' || c == '\u201D' || c == '\u00BB') {
          to--;
        } else {
          break;
        }
      }
      return to;
    }

    /** Length of a scheme separator at {@code q}: {@code ://}, {@code [:]//}, {@code [://]}. */
    int schemeSeparator(int q) {
      if (q >= n || s.charAt(q) != ':' && s.charAt(q) != '[') {
        return 0;
      }
      if (s.startsWith("://", q)) {
        return 3;
      }
      if (s.startsWith("[:]//", q)) {
        return 5;
      }
      if (s.startsWith("[://]", q)) {
        return 5;
      }
      return 0;
    }

    /**
     * Whether label {@code k} reads as the next sentence after a missing space: "news.By the grace" (a
     * capital, then lower case, after a lower-case letter).
     */
    boolean sentenceJoin(int k) {
      int first = startOf(k);
      int len = endOf(k) - first;
      return len >= 2 && Character.isUpperCase(s.charAt(first))
          && Character.isLowerCase(s.charAt(first + 1))
          && Character.isLowerCase(s.charAt(endOf(k - 1) - 1));
    }

    boolean labelEquals(int k, String word) {
      return endOf(k) - startOf(k) == word.length()
          && s.regionMatches(true, startOf(k), word, 0, word.length());
    }

    String label(int k) {
      String label = s.substring(startOf(k), endOf(k));
      for (int i = 0; i < label.length(); i++) {
        if (label.charAt(i) >= 0x80) {
          // Fullwidth and other compatibility forms: ｃｏｍ is com to a browser.
          label = java.text.Normalizer.normalize(label, java.text.Normalizer.Form.NFKC);
          break;
        }
      }
      return label.toLowerCase(Locale.ROOT);
    }

    boolean obfuscatedUpTo(int k) {
      for (int i = 0; i < k; i++) {
        if (obfuscatedAfter(i)) {
          return true;
        }
      }
      return false;
    }

    boolean allNumeric() {
      for (int k = 0; k < labels(); k++) {
        for (int i = startOf(k); i < endOf(k); i++) {
          if (!isAsciiDigit(s.charAt(i))) {
            return false;
          }
        }
      }
      return true;
    }

    boolean isIpv4() {
      for (int k = 0; k < 4; k++) {
        int len = endOf(k) - startOf(k);
        if (len > 3 || Integer.parseInt(s, startOf(k), endOf(k), 10) > 255) {
          return false;
        }
      }
      return true;
    }

    /** A host written as one number (http://3232235777/), which browsers read as an IPv4 address. */
    boolean isNumberHost() {
      int len = endOf(0) - startOf(0);
      return len >= 8 && len <= 10 && Long.parseLong(s, startOf(0), endOf(0), 10) <= 0xFFFFFFFFL;
    }
  }

  static boolean isScheme(String scheme) {
    switch (scheme) {
      case "http":
      case "https":
      case "ftp":
      case "hxxp":
      case "hxxps":
      case "hxtp":
      case "hxtps":
      case "htxp":
      case "htxps":
      case "ttp":
      case "ttps":
      case "fxp":
        return true;
      default:
        return false;
    }
  }

  /** {@link Hosts#isLabelChar} for ASCII chars. */
  private static final boolean[] ASCII_LABEL = new boolean[0x80];

  static {
    for (int c = 0; c < 0x80; c++) {
      ASCII_LABEL[c] = Hosts.isLabelChar(c);
    }
  }

  /**
   * The ASCII chars a dot token or scheme separator opens with, or (the brackets) that follow the space
   * opening one; " dot " is found by {@link #DOT_SPACE}.
   */
  private static final boolean[] TRIGGER = new boolean[0x80];
  /** A mark of a bracket: its token may start at the space before it. */
  private static final int AFTER_SPACE = Integer.MIN_VALUE;
  /** "dot " as four bytes, each char or-ed with 0x20 (D and d alike). */
  private static final int DOT_SPACE = 'd' << 24 | 'o' << 16 | 't' << 8 | ' ';

  static {
    for (char c : ".:[({".toCharArray()) {
      TRIGGER[c] = true;
    }
  }

  static boolean isLabelStart(String s, int q) {
    char c = s.charAt(q);
    if (c < 0x80) {
      return ASCII_LABEL[c] && c != '-';
    }
    return Hosts.isLabelChar(s.codePointAt(q));
  }

  static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

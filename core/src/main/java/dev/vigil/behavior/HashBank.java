package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A bank of known hashes with labels (perceptual hashes of images such as PDQ's 256 bits, or text
 * fingerprints), searched for the entries within a Hamming distance of a query.
 *
 * <p><b>File format.</b> One entry per line: the hash in hexadecimal, then whitespace or a comma, then
 * its label (the rest of the line). Blank lines and lines starting with {@code #} are skipped. Every hash
 * of a bank has the same length, from 64 to 256 bits (16 to 64 hex digits).
 *
 * <pre>
 * # known scam images, PDQ
 * f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22  scam-giftcard-2026-03
 * </pre>
 *
 * <p><b>Search.</b> Multi-index hashing (Norouzi, Punjani and Fleet, 2012) with a second filter: the hash
 * is cut into {@code m} blocks of at most 32 bits (8 for 256 bits, 2 for 64), and each block into two
 * halves of at most 16 bits that index the entries by their value. Two hashes within distance {@code r}
 * agree within {@code R = r / m} bits on some block, and so within {@code R / 2} bits on one of its
 * halves (pigeonhole, twice). A search looks up, for every half, the values within {@code R / 2} bits of
 * the query's; each entry found there carries the value of the other half, so the whole block's distance
 * is checked ({@code <= R}) before the entry's hash is read. Only the few entries that pass are compared
 * in full. When the look-ups would outnumber the entries (a radius near half the bits), it scans the bank
 * instead. Either way the result is exact: every entry within the distance, none beyond it.
 *
 * <p><b>Memory.</b> The hashes themselves plus, per half block, 6 bytes per entry (its number and the
 * other half's value) and at most 256 KiB of bucket offsets: about 130 bytes per 256-bit entry, labels
 * aside (see {@code benchmarks/README.md}).
 *
 * <p>Immutable and thread safe; building indexes the entries (done once, never while scoring). Swap a
 * bank while running through a {@link dev.vigil.Holder}.
 */
public final class HashBank {
  /** The widest block: two halves of 16 bits. */
  private static final int BLOCK = 32;
  /** The most flips per half a search enumerates before it scans instead. */
  private static final int MAX_HALF_RADIUS = 3;

  private final String name;
  private final int bits;
  private final int words;
  private final long[] codes;
  private final String[] labels;
  private final int blocks;
  /** Per half block (2 per block, in order): its first bit and its width, at most 16. */
  private final int[] halfFrom;
  private final int[] halfWidth;
  /** Per half block: the start of each value's entries in {@link #ids}, 2^width + 1 offsets. */
  private final int[][] starts;
  /** Per half block: entry numbers sorted by the half's value. */
  private final int[][] ids;
  /** Per half block, beside {@link #ids}: the value of the entry's other half of the block. */
  private final char[][] others;

  private HashBank(String name, int bits, long[] codes, String[] labels) {
    this.name = name;
    this.bits = bits;
    this.words = (bits + 63) / 64;
    this.codes = codes;
    this.labels = labels;
    this.blocks = (bits + BLOCK - 1) / BLOCK;
    this.halfFrom = new int[2 * blocks];
    this.halfWidth = new int[2 * blocks];
    int from = 0;
    for (int b = 0; b < blocks; b++) {
      int width = bits / blocks + (b < bits % blocks ? 1 : 0);
      halfFrom[2 * b] = from;
      halfWidth[2 * b] = width / 2;
      halfFrom[2 * b + 1] = from + width / 2;
      halfWidth[2 * b + 1] = width - width / 2;
      from += width;
    }
    int n = labels.length;
    this.starts = new int[2 * blocks][];
    this.ids = new int[2 * blocks][];
    this.others = new char[2 * blocks][];
    for (int h = 0; h < 2 * blocks; h++) {
      int values = 1 << halfWidth[h];
      int[] count = new int[values + 1];
      for (int e = 0; e < n; e++) {
        count[half(codes, e * words, h) + 1]++;
      }
      for (int v = 0; v < values; v++) {
        count[v + 1] += count[v];
      }
      int[] order = new int[n];
      char[] other = new char[n];
      int[] next = Arrays.copyOf(count, values);
      for (int e = 0; e < n; e++) {
        int at = next[half(codes, e * words, h)]++;
        order[at] = e;
        other[at] = (char) half(codes, e * words, h ^ 1);
      }
      starts[h] = count;
      ids[h] = order;
      others[h] = other;
    }
  }

  /** A line of a bank file that is not an entry: {@link #line()} says where, the message what. */
  public static final class BadEntryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String problem;

    BadEntryException(String bank, int line, String problem) {
      super("hash bank '" + bank + "' line " + line + " " + problem);
      this.line = line;
      this.problem = problem;
    }

    /** The line, from 1. */
    public int line() {
      return line;
    }

    /** What is wrong with it, without the bank's name and the line number. */
    public String problem() {
      return problem;
    }
  }

  /** One entry of a bank found by a search. */
  public record Match(String label, int distance, String hash) {}

  /**
   * Reads a bank from {@code text} in the file format above.
   *
   * @param name the bank's name, used in errors and notes
   * @throws BadEntryException naming the bank and line of the first bad entry: a hash that is not
   *     hexadecimal, of the wrong length, without a label, or of a length unlike the first's
   * @throws IllegalArgumentException if the bank has no entries
   */
  public static HashBank parse(String name, String text) {
    return read(name, new StringReader(requireNonNull(text, "text")));
  }

  /** Reads a bank from {@code reader} (closed by the caller). */
  public static HashBank read(String name, Reader reader) {
    requireNonNull(name, "name");
    requireNonNull(reader, "reader");
    List<String> hashes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    int bits = -1;
    try {
      BufferedReader in = new BufferedReader(reader);
      int lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int sep = 0;
        while (sep < l.length() && !Character.isWhitespace(l.charAt(sep)) && l.charAt(sep) != ',') {
          sep++;
        }
        String hex = l.substring(0, sep);
        String label = sep < l.length() ? l.substring(sep + 1).strip() : "";
        String problem = checkHex(hex);
        if (problem == null && label.isEmpty()) {
          problem = "has no label after the hash";
        }
        if (problem == null && bits != -1 && hex.length() * 4 != bits) {
          problem = "has a " + hex.length() * 4 + "-bit hash but the bank's first has " + bits + " bits";
        }
        if (problem != null) {
          throw new BadEntryException(name, lineNo, problem + ": '"
              + (l.length() > 80 ? l.substring(0, 80) + "..." : l) + "'");
        }
        bits = hex.length() * 4;
        hashes.add(hex);
        labels.add(label);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading hash bank '" + name + "'", e);
    }
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("hash bank '" + name + "' has no entries");
    }
    int words = (bits + 63) / 64;
    long[] codes = new long[hashes.size() * words];
    for (int e = 0; e < hashes.size(); e++) {
      parseInto(hashes.get(e), codes, e * words);
    }
    return new HashBank(name, bits, codes, labels.toArray(new String[0]));
  }

  /** A bank of {@code hashes} (hex, all of one length) labeled by {@code labels}, in order. */
  public static HashBank of(String name, List<String> hashes, List<String> labels) {
    if (hashes.size() != labels.size()) {
      throw new IllegalArgumentException("hash bank '" + name + "' has " + hashes.size() + " hashes but "
          + labels.size() + " labels");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hashes.size(); i++) {
      String label = labels.get(i).strip();
      if (label.contains("\n") || label.contains("\r")) {
        throw new IllegalArgumentException("hash bank '" + name + "' label " + i + " spans lines");
      }
      sb.append(hashes.get(i)).append(' ').append(label).append('\n');
    }
    return parse(name, sb.toString());
  }

  private static String checkHex(String hex) {
    if (hex.length() < 16 || hex.length() > 64) {
      return "has a hash of " + hex.length() + " hex digits (a bank's hashes have 16 to 64)";
    }
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return "has '" + hex.charAt(i) + "' in its hash, which is not a hex digit";
      }
    }
    return null;
  }

  /** Parses {@code hex} (most significant digit first) into words {@code at..}, first word highest. */
  private static void parseInto(String hex, long[] out, int at) {
    int bits = hex.length() * 4;
    for (int i = 0; i < hex.length(); i++) {
      int bit = bits - 4 - 4 * i; // position of this digit's lowest bit, counted from the end
      int word = (bits + 63) / 64 - 1 - bit / 64;
      out[at + word] |= (long) Character.digit(hex.charAt(i), 16) << (bit % 64);
    }
  }

  /** The value of half block {@code h} of the code at {@code at}. */
  private int half(long[] code, int at, int h) {
    return bitsAt(code, at, halfFrom[h], halfWidth[h]);
  }

  /**
   * {@code width} (at most 32) bits of the code at {@code at}, from bit {@code from}, counting from the
   * least significant end of the whole code (word {@code at} is the most significant).
   */
  private int bitsAt(long[] code, int at, int from, int width) {
    int word = words - 1 - from / 64;
    int shift = from % 64;
    long v = code[at + word] >>> shift;
    if (shift + width > 64 && word > 0) {
      v |= code[at + word - 1] << (64 - shift);
    }
    return (int) (v & ((1L << width) - 1));
  }

  /** The bank's name. */
  public String name() {
    return name;
  }

  /** The number of bits of each hash. */
  public int bits() {
    return bits;
  }

  /** The number of entries. */
  public int size() {
    return labels.length;
  }

  /**
   * The entries within Hamming distance {@code maxDistance} of {@code hash} (hex, as long as the bank's),
   * nearest first, then in file order.
   *
   * @throws IllegalArgumentException if {@code hash} is not hex of the bank's length, or
   *     {@code maxDistance} is negative
   */
  public List<Match> search(String hash, int maxDistance) {
    long[] q = parseQuery(hash);
    if (maxDistance < 0) {
      throw new IllegalArgumentException("hash bank '" + name + "': maxDistance must be at least 0 but was "
          + maxDistance);
    }
    int perBlock = maxDistance / blocks;
    int perHalf = perBlock / 2;
    int[] found;
    if (perHalf > MAX_HALF_RADIUS || 2L * blocks * probes(perHalf) > labels.length / 4) {
      found = scan(q, maxDistance);
    } else {
      found = indexed(q, maxDistance, perBlock, perHalf);
    }
    return matches(q, found);
  }

  /** The same result as {@link #search} by comparing every entry (for tests and benchmarks). */
  public List<Match> searchByScan(String hash, int maxDistance) {
    long[] q = parseQuery(hash);
    return matches(q, scan(q, Math.max(0, maxDistance)));
  }

  /** Whether some entry lies within {@code maxDistance} of {@code hash}: {@link #search} without the list. */
  public boolean contains(String hash, int maxDistance) {
    return !search(hash, maxDistance).isEmpty();
  }

  private long[] parseQuery(String hash) {
    requireNonNull(hash, "hash");
    String h = hash.strip();
    String problem = checkHex(h);
    if (problem == null && h.length() * 4 != bits) {
      problem = "is " + h.length() * 4 + " bits but the bank's hashes are " + bits;
    }
    if (problem != null) {
      throw new IllegalArgumentException("hash bank '" + name + "': query '" + (h.length() > 80
          ? h.substring(0, 80) + "..." : h) + "' " + problem);
    }
    long[] q = new long[words];
    parseInto(h, q, 0);
    return q;
  }

  /** The values within {@code radius} bits of a 16-bit value (the most a half has). */
  private static long probes(int radius) {
    long p = 0;
    long c = 1;
    for (int k = 0; k <= radius; k++) {
      p += c;
      c = c * (16 - k) / (k + 1);
    }
    return p;
  }

  private int distance(long[] q, int entry) {
    int d = 0;
    int at = entry * words;
    for (int w = 0; w < words; w++) {
      d += Long.bitCount(q[w] ^ codes[at + w]);
    }
    return d;
  }

  private int[] scan(long[] q, int maxDistance) {
    int[] out = new int[8];
    int n = 0;
    for (int e = 0; e < labels.length; e++) {
      if (distance(q, e) <= maxDistance) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = e;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** What a search carries through its probes. */
  private static final class Probe {
    final long[] q;
    final int[] qHalves;
    final int maxDistance;
    final int perBlock;
    final int perHalf;
    int[] out = new int[8];
    int n;

    Probe(long[] q, int[] qHalves, int maxDistance, int perBlock, int perHalf) {
      this.q = q;
      this.qHalves = qHalves;
      this.maxDistance = maxDistance;
      this.perBlock = perBlock;
      this.perHalf = perHalf;
    }
  }

  private int[] indexed(long[] q, int maxDistance, int perBlock, int perHalf) {
    int[] qHalves = new int[2 * blocks];
    for (int h = 0; h < 2 * blocks; h++) {
      qHalves[h] = half(q, 0, h);
    }
    Probe p = new Probe(q, qHalves, maxDistance, perBlock, perHalf);
    for (int h = 0; h < 2 * blocks; h++) {
      visit(p, h, qHalves[h], 0, perHalf, 0);
    }
    return Arrays.copyOf(p.out, p.n);
  }

  /** Visits {@code value} ({@code flips} bits from the query's half) and the values within more flips. */
  private void visit(Probe p, int h, int value, int flips, int left, int lowest) {
    bucket(p, h, value, flips);
    if (left == 0) {
      return;
    }
    for (int bit = lowest; bit < halfWidth[h]; bit++) {
      visit(p, h, value ^ (1 << bit), flips + 1, left - 1, bit + 1);
    }
  }

  private void bucket(Probe p, int h, int value, int flips) {
    int[] s = starts[h];
    int[] order = ids[h];
    char[] other = others[h];
    int qOther = p.qHalves[h ^ 1];
    int budget = p.perBlock - flips;
    for (int i = s[value], end = s[value + 1]; i < end; i++) {
      // The whole block's distance from the other half stored beside the entry: most entries stop here,
      // before their hash is read.
      if (Integer.bitCount(other[i] ^ qOther) > budget) {
        continue;
      }
      int e = order[i];
      if (distance(p.q, e) > p.maxDistance || foundEarlier(p, e, h)) {
        continue;
      }
      if (p.n == p.out.length) {
        p.out = Arrays.copyOf(p.out, p.n * 2);
      }
      p.out[p.n++] = e;
    }
  }

  /** Whether entry {@code e} was already reported from a half block before {@code h}. */
  private boolean foundEarlier(Probe p, int e, int h) {
    for (int j = 0; j < h; j++) {
      int dj = Integer.bitCount(half(codes, e * words, j) ^ p.qHalves[j]);
      int dOther = Integer.bitCount(half(codes, e * words, j ^ 1) ^ p.qHalves[j ^ 1]);
      if (dj <= p.perHalf && dj + dOther <= p.perBlock) {
        return true;
      }
    }
    return false;
  }

  private List<Match> matches(long[] q, int[] found) {
    List<Match> out = new ArrayList<>(found.length);
    Arrays.sort(found);
    int[] dist = new int[found.length];
    for (int i = 0; i < found.length; i++) {
      dist[i] = distance(q, found[i]);
    }
    Integer[] order = new Integer[found.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, c) -> dist[a] != dist[c] ? Integer.compare(dist[a], dist[c])
        : Integer.compare(found[a], found[c]));
    for (int i : order) {
      out.add(new Match(labels[found[i]], dist[i], hex(found[i])));
    }
    return out;
  }

  private String hex(int entry) {
    StringBuilder sb = new StringBuilder(bits / 4);
    for (int w = 0; w < words; w++) {
      int digits = w == 0 ? (bits - 64 * (words - 1)) / 4 : 16;
      String s = Long.toHexString(codes[entry * words + w]);
      for (int pad = s.length(); pad < digits; pad++) {
        sb.append('0');
      }
      sb.append(s);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "HashBank[" + name + ", " + labels.length + " entries of " + bits + " bits]";
  }
}

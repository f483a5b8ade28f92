package dev.vigil.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.vigil.Decision;
import dev.vigil.Decision.CategoryScore;
import dev.vigil.Decision.NearMiss;
import dev.vigil.Decision.SignalReport;
import dev.vigil.Decision.Truncation;
import dev.vigil.Evidence;
import dev.vigil.FailureMode;
import dev.vigil.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reference for {@link DecisionJson}: decisions written through Jackson's generator, field by field,
 * as {@code DecisionJson} wrote them before it wrote bytes itself (kept here, in the tests, unchanged).
 */
final class JacksonDecisions {
  /**
   * Doubles are written with Jackson's Schubfach writer: a decision has some forty of them (every
   * signal's score, weight and contribution), and {@code Double.toString} was a large share of its
   * encoding. It gives the shortest text that reads back as the same double.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  // Field names encoded once (Jackson writes a SerializedString's cached bytes as they are).
  private static final SerializedString N_ACTION = new SerializedString("action");
  private static final SerializedString N_CAP = new SerializedString("cap");
  private static final SerializedString N_CAPS = new SerializedString("caps");
  private static final SerializedString N_CATEGORIES = new SerializedString("categories");
  private static final SerializedString N_CATEGORY = new SerializedString("category");
  private static final SerializedString N_CONTRIBUTION = new SerializedString("contribution");
  private static final SerializedString N_CONTRIBUTIONS = new SerializedString("contributions");
  private static final SerializedString N_END = new SerializedString("end");
  private static final SerializedString N_ERROR = new SerializedString("error");
  private static final SerializedString N_EVIDENCE = new SerializedString("evidence");
  private static final SerializedString N_EVIDENCE_COUNT = new SerializedString("evidence_count");
  private static final SerializedString N_EXPRESSION = new SerializedString("expression");
  private static final SerializedString N_FAILURES = new SerializedString("failures");
  private static final SerializedString N_FIELD = new SerializedString("field");
  private static final SerializedString N_HASH = new SerializedString("hash");
  private static final SerializedString N_ID = new SerializedString("id");
  private static final SerializedString N_LENGTH = new SerializedString("length");
  private static final SerializedString N_MODE = new SerializedString("mode");
  private static final SerializedString N_NAME = new SerializedString("name");
  private static final SerializedString N_NEAR_MISSES = new SerializedString("near_misses");
  private static final SerializedString N_NOTES = new SerializedString("notes");
  private static final SerializedString N_OUTCOME = new SerializedString("outcome");
  private static final SerializedString N_POLICY = new SerializedString("policy");
  private static final SerializedString N_REASON = new SerializedString("reason");
  private static final SerializedString N_RULE = new SerializedString("rule");
  private static final SerializedString N_SCANNED = new SerializedString("scanned");
  private static final SerializedString N_SCORE = new SerializedString("score");
  private static final SerializedString N_PROBABILITY = new SerializedString("probability");
  private static final SerializedString N_SEVERITY = new SerializedString("severity");
  private static final SerializedString N_SHADOW = new SerializedString("shadow");
  private static final SerializedString N_SIGNAL = new SerializedString("signal");
  private static final SerializedString N_SIGNALS = new SerializedString("signals");
  private static final SerializedString N_START = new SerializedString("start");
  private static final SerializedString N_SUBJECT = new SerializedString("subject");
  private static final SerializedString N_TEXT = new SerializedString("text");
  private static final SerializedString N_THRESHOLD = new SerializedString("threshold");
  private static final SerializedString N_TRUNCATED = new SerializedString("truncated");
  private static final SerializedString N_UNCAPPED = new SerializedString("uncapped");
  private static final SerializedString N_VALUE = new SerializedString("value");
  private static final SerializedString N_VERSION = new SerializedString("version");
  private static final SerializedString N_WEIGHT = new SerializedString("weight");

  private JacksonDecisions() {}

  /** One decision as one line of JSON, with the item's id first (left out when null). */
  public static String toJson(@Nullable Object id, Decision d) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, id, d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** One decision as UTF-8 JSON bytes, as {@link #toJson} but without the string in between. */
  public static byte[] toBytes(@Nullable Object id, Decision d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      write(g, id, d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes one decision as a JSON object, with the item's id first (left out when null). */
  public static void write(JsonGenerator g, @Nullable Object id, Decision d) throws IOException {
    g.writeStartObject();
    if (id != null) {
      writeId(g, id);
    }
    field(g, N_ACTION, d.action().name());
    field(g, N_SEVERITY, d.action().severity());
    field(g, N_SCORE, d.total());
    if (d.probability().isPresent()) {
      // Only policies with a calibration have one; the field is absent otherwise, never null.
      g.writeFieldName(N_PROBABILITY);
      writeDouble(g, d.probability().getAsDouble());
    }
    g.writeFieldName(N_CATEGORIES);
    g.writeStartObject();
    for (CategoryScore c : d.categories()) {
      g.writeFieldName(POLICY_TEXT.of(c.category()));
      writeDouble(g, c.score());
    }
    g.writeEndObject();
    g.writeFieldName(N_POLICY);
    g.writeStartObject();
    field(g, N_NAME, d.policyName());
    field(g, N_VERSION, d.policyVersion());
    if (d.policyHash() != null) {
      field(g, N_HASH, d.policyHash());
    } else {
      g.writeFieldName(N_HASH);
      g.writeNull();
    }
    g.writeEndObject();
    if (d.rule() != null) {
      field(g, N_RULE, d.rule().toString());
    } else {
      g.writeFieldName(N_RULE);
      g.writeNull();
    }
    field(g, N_REASON, d.reason());
    g.writeFieldName(N_SIGNALS);
    g.writeStartArray();
    for (SignalReport s : d.signals()) {
      writeSignal(g, s);
    }
    g.writeEndArray();
    g.writeFieldName(N_CAPS);
    g.writeStartArray();
    for (CategoryScore c : d.categories()) {
      if (c.capped()) {
        g.writeStartObject();
        field(g, N_CATEGORY, c.category());
        field(g, N_CAP, c.cap());
        field(g, N_UNCAPPED, c.uncapped());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeFieldName(N_NEAR_MISSES);
    g.writeStartArray();
    for (NearMiss m : d.nearMisses()) {
      g.writeStartObject();
      field(g, N_RULE, m.rule().toString());
      field(g, N_ACTION, m.rule().action().name());
      field(g, N_SUBJECT, m.rule().condition().subjectText());
      field(g, N_THRESHOLD, m.rule().condition().threshold());
      field(g, N_VALUE, m.value());
      field(g, N_TEXT, m.toString());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName(N_FAILURES);
    g.writeStartArray();
    for (SignalReport s : d.failures()) {
      g.writeStartObject();
      field(g, N_SIGNAL, s.name());
      field(g, N_MODE, mode(s.failureMode()));
      field(g, N_SHADOW, s.shadow());
      field(g, N_ERROR, s.signal().failureMessage());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName(N_TRUNCATED);
    g.writeStartArray();
    for (Truncation t : d.truncations()) {
      g.writeStartObject();
      field(g, N_FIELD, t.field());
      field(g, N_LENGTH, t.length());
      field(g, N_SCANNED, t.scanned());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeSignal(JsonGenerator g, SignalReport s) throws IOException {
    g.writeStartObject();
    g.writeFieldName(N_NAME);
    g.writeString(POLICY_TEXT.of(s.name()));
    g.writeFieldName(N_EXPRESSION);
    g.writeString(POLICY_TEXT.of(s.expression()));
    g.writeFieldName(N_CATEGORY);
    g.writeString(POLICY_TEXT.of(s.category()));
    field(g, N_OUTCOME, outcome(s.outcome()));
    field(g, N_SCORE, s.score());
    field(g, N_WEIGHT, s.weight());
    field(g, N_CONTRIBUTION, s.contribution());
    if (s.isSplit()) {
      // Split by evidence: what each category got; absent when it all went to the signal's category.
      g.writeFieldName(N_CONTRIBUTIONS);
      g.writeStartObject();
      for (Map.Entry<String, Double> c : s.contributions().entrySet()) {
        g.writeFieldName(POLICY_TEXT.of(c.getKey()));
        g.writeNumber(c.getValue());
      }
      g.writeEndObject();
    }
    field(g, N_SHADOW, s.shadow());
    g.writeFieldName(N_EVIDENCE);
    g.writeStartArray();
    for (Evidence e : s.signal().evidence()) {
      writeEvidence(g, e);
    }
    g.writeEndArray();
    field(g, N_EVIDENCE_COUNT, s.signal().evidenceCount());
    if (!s.signal().notes().isEmpty()) {
      g.writeFieldName(N_NOTES);
      g.writeStartArray();
      for (String n : s.signal().notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
    }
    if (s.outcome() == Outcome.FAILED) {
      field(g, N_ERROR, s.signal().failureMessage());
    }
    g.writeEndObject();
  }

  /** The item id: a number for plain-text line numbers and numeric ids, else a string. */
  public static void writeId(JsonGenerator g, Object id) throws IOException {
    if (id instanceof Number) {
      field(g, N_ID, ((Number) id).longValue());
    } else {
      field(g, N_ID, id.toString());
    }
  }

  /** The evidence object shared by every command: field, rule, category, start, end, text. */
  public static void writeEvidence(JsonGenerator g, Evidence e) throws IOException {
    g.writeStartObject();
    writeEvidenceFields(g, e);
    g.writeEndObject();
  }

  /** The evidence fields, into an object the caller opened. */
  public static void writeEvidenceFields(JsonGenerator g, Evidence e) throws IOException {
    field(g, N_FIELD, e.field());
    field(g, N_RULE, e.rule());
    field(g, N_CATEGORY, e.category());
    field(g, N_START, e.start());
    field(g, N_END, e.end());
    field(g, N_TEXT, e.text());
  }

  private static void field(JsonGenerator g, SerializedString name, @Nullable String value)
      throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void field(JsonGenerator g, SerializedString name, long value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  private static void field(JsonGenerator g, SerializedString name, double value) throws IOException {
    g.writeFieldName(name);
    writeDouble(g, value);
  }

  /**
   * Writes {@code value} as the fast writer would (the shortest decimal that reads back as it), with a
   * shortcut for the values most decisions are made of: zero and weights, scores and contributions with
   * at most four decimals ({@code 0.3}, {@code 0.25}, {@code 1.0}).
   */
  static void writeDouble(JsonGenerator g, double value) throws IOException {
    char[] text = shortDecimal(value);
    if (text != null) {
      g.writeNumber(text, 0, text.length);
    } else {
      g.writeNumber(value);
    }
  }

  /**
   * The text of {@code value} when it is zero or the double nearest to {@code k / 10^4} for a whole
   * {@code k}, in [0.001, 10^7) (where Java and Jackson write doubles without an exponent); otherwise null.
   * Such a double's shortest decimal is {@code k / 10^4} itself: a shorter one would be another
   * {@code k' / 10^4}, and in this range distinct ones are distinct doubles.
   */
  static char @Nullable [] shortDecimal(double value) {
    if (value == 0.0) {
      return Double.doubleToRawLongBits(value) == 0L ? ZERO.clone() : null;
    }
    if (!(value >= 1e-3 && value < 1e7)) {
      return null;
    }
    double scaled = Math.rint(value * 10_000.0);
    if (scaled / 10_000.0 != value) {
      return null;
    }
    long k = (long) scaled;
    long whole = k / 10_000;
    int fraction = (int) (k % 10_000);
    int digits = 4;
    while (digits > 1 && fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    String w = Long.toString(whole);
    char[] out = new char[w.length() + 1 + digits];
    w.getChars(0, w.length(), out, 0);
    out[w.length()] = '.';
    for (int i = out.length - 1; i > w.length(); i--) {
      out[i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
    return out;
  }

  private static final char[] ZERO = {'0', '.', '0'};

  /**
   * The JSON text of strings that come from the policy, not from content (signal names, expressions,
   * categories), quoted and encoded once: every decision repeats them, and an expression can be long. Only
   * policy text is kept, never content; at most {@link #MAX} strings, then it starts over (policies
   * reloaded many times bring new expressions). Thread safe.
   */
  static final class PolicyText {
    static final int MAX = 4096;
    private final java.util.concurrent.ConcurrentHashMap<String, SerializedString> encoded =
        new java.util.concurrent.ConcurrentHashMap<>();

    SerializedString of(String text) {
      SerializedString s = encoded.get(text);
      if (s == null) {
        if (encoded.size() >= MAX) {
          encoded.clear();
        }
        s = new SerializedString(text);
        encoded.put(text, s);
      }
      return s;
    }
  }

  private static final PolicyText POLICY_TEXT = new PolicyText();

  private static void field(JsonGenerator g, SerializedString name, boolean value) throws IOException {
    g.writeFieldName(name);
    g.writeBoolean(value);
  }

  /** An outcome as the JSON names it: {@code matched}, {@code not-matched}, ... */
  public static String outcome(Outcome o) {
    return OUTCOMES[o.ordinal()];
  }

  private static final String[] OUTCOMES = new String[Outcome.values().length];

  static {
    for (Outcome o : Outcome.values()) {
      OUTCOMES[o.ordinal()] = o.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** A failure mode as the JSON names it: {@code fail-open} or {@code fail-closed}. */
  public static String mode(FailureMode m) {
    return m == FailureMode.FAIL_CLOSED ? "fail-closed" : "fail-open";
  }
}

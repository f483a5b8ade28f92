package dev.vigil.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.vigil.Decision;
import dev.vigil.Decision.CategoryScore;
import dev.vigil.Decision.NearMiss;
import dev.vigil.Decision.SignalReport;
import dev.vigil.Decision.Truncation;
import dev.vigil.Evidence;
import dev.vigil.FailureMode;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes decisions and evidence as JSON, in the shape {@code vigil score} prints and the README documents
 * (a contract: fields are added compatibly, never removed or renamed within a major version). Thread
 * safe; the methods are static.
 *
 * <p>Strings are written as UTF-8, escaped as Jackson escapes them ({@code "}, {@code \} and control
 * characters); a lone surrogate, which has no UTF-8, as its <code>&#92;uXXXX</code> escape. Doubles are the
 * shortest decimal that reads back as the same double, NaN and the infinities as strings.
 */
public final class DecisionJson {
  private DecisionJson() {}

  /** One decision as one line of JSON, with the item's id first (left out when null). */
  public static String toJson(@Nullable Object id, Decision d) {
    return new String(toBytes(id, d), StandardCharsets.UTF_8);
  }

  /**
   * One decision as UTF-8 JSON bytes, as {@link #toJson}. The stream encodes every decision, so this
   * writes the bytes itself rather than through a generator: a decision is mostly the policy's own text
   * (signal names, expressions, categories), encoded once and copied, and about forty short doubles;
   * through Jackson's generator the encoding took about as long as the policy's evaluation.
   */
  public static byte[] toBytes(@Nullable Object id, Decision d) {
    JsonBytes out = SCRATCH.get().reset();
    if (id == null) {
      out.raw(ACTION_FIRST);
    } else {
      out.raw(ID_FIRST);
      if (id instanceof Number) {
        out.number(((Number) id).longValue());
      } else {
        out.string(id.toString());
      }
      out.raw(ACTION);
    }
    out.string(d.action().name()).raw(SEVERITY).number(d.action().severity())
        .raw(SCORE).number(d.total());
    if (d.probability().isPresent()) {
      // Only policies with a calibration have one; the field is absent otherwise, never null.
      out.raw(PROBABILITY).number(d.probability().getAsDouble());
    }
    out.raw(CATEGORIES).raw('{');
    List<CategoryScore> categories = d.categories();
    for (int i = 0; i < categories.size(); i++) {
      CategoryScore c = categories.get(i);
      comma(out, i).raw(POLICY_TEXT.of(c.category())).raw(':').number(c.score());
    }
    out.raw('}');
    out.raw(POLICY_NAME).string(d.policyName()).raw(VERSION).string(d.policyVersion())
        .raw(HASH).string(d.policyHash()).raw(POLICY_END_RULE);
    out.string(d.rule() == null ? null : d.rule().toString());
    out.raw(REASON).string(d.reason()).raw(SIGNALS).raw('[');
    List<SignalReport> signals = d.signals();
    for (int i = 0; i < signals.size(); i++) {
      writeSignal(comma(out, i), signals.get(i));
    }
    out.raw(']').raw(CAPS).raw('[');
    int capped = 0;
    for (CategoryScore c : categories) {
      if (c.capped()) {
        comma(out, capped++).raw(CAP_CATEGORY).raw(POLICY_TEXT.of(c.category()))
            .raw(CAP).number(c.cap()).raw(UNCAPPED).number(c.uncapped()).raw('}');
      }
    }
    out.raw(']').raw(NEAR_MISSES).raw('[');
    List<NearMiss> nearMisses = d.nearMisses();
    for (int i = 0; i < nearMisses.size(); i++) {
      NearMiss m = nearMisses.get(i);
      comma(out, i).raw(MISS_RULE).string(m.rule().toString())
          .raw(ACTION).string(m.rule().action().name())
          .raw(SUBJECT).string(m.rule().condition().subjectText())
          .raw(THRESHOLD).number(m.rule().condition().threshold())
          .raw(VALUE).number(m.value()).raw(TEXT).string(m.toString()).raw('}');
    }
    out.raw(']').raw(FAILURES).raw('[');
    List<SignalReport> failures = d.failures();
    for (int i = 0; i < failures.size(); i++) {
      SignalReport s = failures.get(i);
      comma(out, i).raw(FAILURE_SIGNAL).string(s.name())
          .raw(MODE).string(mode(s.failureMode())).raw(SHADOW).bool(s.shadow())
          .raw(ERROR).string(s.signal().failureMessage()).raw('}');
    }
    out.raw(']').raw(TRUNCATED).raw('[');
    List<Truncation> truncations = d.truncations();
    for (int i = 0; i < truncations.size(); i++) {
      Truncation t = truncations.get(i);
      comma(out, i).raw(TRUNCATION_FIELD).string(t.field())
          .raw(LENGTH).number(t.length()).raw(SCANNED).number(t.scanned()).raw('}');
    }
    out.raw(']').raw('}');
    return out.toByteArray();
  }

  /**
   * Writes one decision as a JSON object, with the item's id first (left out when null): the bytes of
   * {@link #toBytes}, as one raw value of {@code g} (so a pretty printer leaves the decision on one line).
   */
  public static void write(JsonGenerator g, @Nullable Object id, Decision d) throws IOException {
    g.writeRawValue(toJson(id, d));
  }

  /** The comma before every element but the first ({@code i} = 0) of an array or object. */
  private static JsonBytes comma(JsonBytes out, int i) {
    return i == 0 ? out : out.raw(',');
  }

  private static void writeSignal(JsonBytes out, SignalReport s) {
    SignalText text = SIGNAL_TEXT.of(s);
    Signal signal = s.signal();
    if (s.outcome() == Outcome.NOT_MATCHED && Double.doubleToRawLongBits(s.score()) == 0L
        && Double.doubleToRawLongBits(s.contribution()) == 0L && !s.isSplit()
        && signal.evidence().isEmpty() && signal.notes().isEmpty()) {
      // Most signals of most decisions: nothing but the policy's own text and zeros.
      out.raw(text.quiet);
      return;
    }
    out.raw(text.head).raw(OUTCOME_TEXT[s.outcome().ordinal()]).raw(SCORE).number(s.score())
        .raw(text.weight).number(s.contribution());
    if (s.isSplit()) {
      // Split by evidence: what each category got; absent when it all went to the signal's category.
      out.raw(CONTRIBUTIONS).raw('{');
      int i = 0;
      for (Map.Entry<String, Double> c : s.contributions().entrySet()) {
        comma(out, i++).raw(POLICY_TEXT.of(c.getKey())).raw(':').number(c.getValue());
      }
      out.raw('}');
    }
    out.raw(SHADOW).bool(s.shadow()).raw(EVIDENCE).raw('[');
    List<Evidence> evidence = s.signal().evidence();
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      comma(out, i).raw(EVIDENCE_FIELD).string(e.field())
          .raw(RULE).string(e.rule()).raw(CATEGORY).string(e.category())
          .raw(START).number(e.start()).raw(END).number(e.end()).raw(TEXT).string(e.text()).raw('}');
    }
    out.raw(']').raw(EVIDENCE_COUNT).number(s.signal().evidenceCount());
    List<String> notes = s.signal().notes();
    if (!notes.isEmpty()) {
      out.raw(NOTES).raw('[');
      for (int i = 0; i < notes.size(); i++) {
        comma(out, i).string(notes.get(i));
      }
      out.raw(']');
    }
    if (s.outcome() == Outcome.FAILED) {
      out.raw(ERROR).string(s.signal().failureMessage());
    }
    out.raw('}');
  }

  /**
   * Each thread's buffer, reused: a decision is written into it and copied out, so that encoding
   * allocates only the result. One that grew past {@link JsonBytes#KEEP} bytes is dropped on reset.
   */
  private static final ThreadLocal<JsonBytes> SCRATCH = ThreadLocal.withInitial(() -> new JsonBytes(4096));

  // The constant text between values, punctuation included, as bytes (names are ASCII, never escaped).
  private static final byte[] ID_FIRST = ascii("{\"id\":");
  private static final byte[] ACTION_FIRST = ascii("{\"action\":");
  private static final byte[] ACTION = ascii(",\"action\":");
  private static final byte[] SEVERITY = ascii(",\"severity\":");
  private static final byte[] SCORE = ascii(",\"score\":");
  private static final byte[] PROBABILITY = ascii(",\"probability\":");
  private static final byte[] CATEGORIES = ascii(",\"categories\":");
  private static final byte[] POLICY_NAME = ascii(",\"policy\":{\"name\":");
  private static final byte[] VERSION = ascii(",\"version\":");
  private static final byte[] HASH = ascii(",\"hash\":");
  private static final byte[] POLICY_END_RULE = ascii("},\"rule\":");
  private static final byte[] RULE = ascii(",\"rule\":");
  private static final byte[] REASON = ascii(",\"reason\":");
  private static final byte[] SIGNALS = ascii(",\"signals\":");
  private static final byte[] CAPS = ascii(",\"caps\":");
  private static final byte[] CAP_CATEGORY = ascii("{\"category\":");
  private static final byte[] CAP = ascii(",\"cap\":");
  private static final byte[] UNCAPPED = ascii(",\"uncapped\":");
  private static final byte[] NEAR_MISSES = ascii(",\"near_misses\":");
  private static final byte[] MISS_RULE = ascii("{\"rule\":");
  private static final byte[] SUBJECT = ascii(",\"subject\":");
  private static final byte[] THRESHOLD = ascii(",\"threshold\":");
  private static final byte[] VALUE = ascii(",\"value\":");
  private static final byte[] TEXT = ascii(",\"text\":");
  private static final byte[] FAILURES = ascii(",\"failures\":");
  private static final byte[] FAILURE_SIGNAL = ascii("{\"signal\":");
  private static final byte[] MODE = ascii(",\"mode\":");
  private static final byte[] SHADOW = ascii(",\"shadow\":");
  private static final byte[] ERROR = ascii(",\"error\":");
  private static final byte[] TRUNCATED = ascii(",\"truncated\":");
  private static final byte[] TRUNCATION_FIELD = ascii("{\"field\":");
  private static final byte[] LENGTH = ascii(",\"length\":");
  private static final byte[] SCANNED = ascii(",\"scanned\":");
  private static final byte[] SIGNAL_NAME = ascii("{\"name\":");
  private static final byte[] EXPRESSION = ascii(",\"expression\":");
  private static final byte[] CATEGORY = ascii(",\"category\":");
  private static final byte[] OUTCOME = ascii(",\"outcome\":");
  private static final byte[] WEIGHT = ascii(",\"weight\":");
  private static final byte[] CONTRIBUTION = ascii(",\"contribution\":");
  private static final byte[] CONTRIBUTIONS = ascii(",\"contributions\":");
  private static final byte[] EVIDENCE = ascii(",\"evidence\":");
  private static final byte[] EVIDENCE_FIELD = ascii("{\"field\":");
  private static final byte[] START = ascii(",\"start\":");
  private static final byte[] END = ascii(",\"end\":");
  private static final byte[] EVIDENCE_COUNT = ascii(",\"evidence_count\":");
  private static final byte[] NOTES = ascii(",\"notes\":");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The item id: a number for plain-text line numbers and numeric ids, else a string. */
  public static void writeId(JsonGenerator g, Object id) throws IOException {
    g.writeFieldName(N_ID);
    if (id instanceof Number) {
      g.writeNumber(((Number) id).longValue());
    } else {
      g.writeString(id.toString());
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
    g.writeFieldName(N_FIELD);
    g.writeString(e.field());
    g.writeFieldName(N_RULE);
    g.writeString(e.rule());
    g.writeFieldName(N_CATEGORY);
    g.writeString(e.category());
    g.writeFieldName(N_START);
    g.writeNumber(e.start());
    g.writeFieldName(N_END);
    g.writeNumber(e.end());
    g.writeFieldName(N_TEXT);
    g.writeString(e.text());
  }

  private static final SerializedString N_ID = new SerializedString("id");
  private static final SerializedString N_FIELD = new SerializedString("field");
  private static final SerializedString N_RULE = new SerializedString("rule");
  private static final SerializedString N_CATEGORY = new SerializedString("category");
  private static final SerializedString N_START = new SerializedString("start");
  private static final SerializedString N_END = new SerializedString("end");
  private static final SerializedString N_TEXT = new SerializedString("text");

  /**
   * The JSON text of strings that come from the policy, not from content (signal names, expressions,
   * categories), quoted and encoded once: every decision repeats them, and an expression can be long. Only
   * policy text is kept, never content; at most {@link #MAX} strings, then it starts over (policies
   * reloaded many times bring new expressions). Thread safe.
   */
  static final class PolicyText {
    static final int MAX = 4096;
    private final ConcurrentHashMap<String, byte[]> encoded = new ConcurrentHashMap<>();

    byte[] of(String text) {
      byte[] s = encoded.get(text);
      if (s == null) {
        if (encoded.size() >= MAX) {
          encoded.clear();
        }
        s = JsonBytes.quoted(text);
        encoded.put(text, s);
      }
      return s;
    }
  }

  private static final PolicyText POLICY_TEXT = new PolicyText();

  /**
   * A signal's JSON up to its outcome ({@code {"name":...,"expression":...,"category":...,"outcome":}),
   * its weight with the names around it ({@code ,"weight":0.3,"contribution":}), and the whole report of
   * the signal when it did not match and says nothing (no evidence, no notes, zero score): the policy's
   * part of every report of that signal, encoded once.
   */
  private static final class SignalText {
    final String expression;
    final String category;
    final double weightValue;
    final boolean shadow;
    final byte[] head;
    final byte[] weight;
    final byte[] quiet;

    SignalText(SignalReport s) {
      expression = s.expression();
      category = s.category();
      weightValue = s.weight();
      shadow = s.shadow();
      head = new JsonBytes(64).raw(SIGNAL_NAME).string(s.name()).raw(EXPRESSION).string(expression)
          .raw(CATEGORY).string(category).raw(OUTCOME).toByteArray();
      weight = new JsonBytes(32).raw(WEIGHT).number(weightValue).raw(CONTRIBUTION).toByteArray();
      quiet = new JsonBytes(head.length + 128).raw(head).raw(OUTCOME_TEXT[Outcome.NOT_MATCHED.ordinal()])
          .raw(SCORE).number(0.0).raw(weight).number(0.0).raw(SHADOW).bool(shadow).raw(EVIDENCE)
          .raw('[').raw(']').raw(EVIDENCE_COUNT).number(0).raw('}').toByteArray();
    }

    boolean fits(SignalReport s) {
      return (expression == s.expression() || expression.equals(s.expression()))
          && (category == s.category() || category.equals(s.category()))
          && Double.doubleToLongBits(weightValue) == Double.doubleToLongBits(s.weight())
          && shadow == s.shadow();
    }
  }

  /**
   * Each signal's {@link SignalText} by its name, replaced when a report of that name no longer fits
   * (a reloaded policy changed the signal). Like {@link PolicyText}, policy text only, at most
   * {@link PolicyText#MAX} signals before it starts over. Thread safe.
   */
  private static final class SignalTexts {
    private final ConcurrentHashMap<String, SignalText> encoded = new ConcurrentHashMap<>();

    SignalText of(SignalReport s) {
      SignalText t = encoded.get(s.name());
      if (t == null || !t.fits(s)) {
        if (encoded.size() >= PolicyText.MAX) {
          encoded.clear();
        }
        t = new SignalText(s);
        encoded.put(s.name(), t);
      }
      return t;
    }
  }

  private static final SignalTexts SIGNAL_TEXT = new SignalTexts();

  /** An outcome as the JSON names it: {@code matched}, {@code not-matched}, ... */
  public static String outcome(Outcome o) {
    return OUTCOMES[o.ordinal()];
  }

  private static final String[] OUTCOMES = new String[Outcome.values().length];
  private static final byte[][] OUTCOME_TEXT = new byte[Outcome.values().length][];

  static {
    for (Outcome o : Outcome.values()) {
      OUTCOMES[o.ordinal()] = o.name().toLowerCase(Locale.ROOT).replace('_', '-');
      OUTCOME_TEXT[o.ordinal()] = JsonBytes.quoted(OUTCOMES[o.ordinal()]);
    }
  }

  /** A failure mode as the JSON names it: {@code fail-open} or {@code fail-closed}. */
  public static String mode(FailureMode m) {
    return m == FailureMode.FAIL_CLOSED ? "fail-closed" : "fail-open";
  }
}

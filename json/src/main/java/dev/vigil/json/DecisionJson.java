package dev.vigil.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import org.jspecify.annotations.Nullable;

/**
 * Writes decisions and evidence as JSON, in the shape {@code vigil score} prints and the README documents
 * (a contract: fields are added compatibly, never removed or renamed within a major version). Thread
 * safe; the methods are static.
 */
public final class DecisionJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private DecisionJson() {}

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
    g.writeStringField("action", d.action().name());
    g.writeNumberField("severity", d.action().severity());
    g.writeNumberField("score", d.total());
    g.writeObjectFieldStart("categories");
    for (CategoryScore c : d.categories()) {
      g.writeNumberField(c.category(), c.score());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("policy");
    g.writeStringField("name", d.policyName());
    g.writeStringField("version", d.policyVersion());
    if (d.policyHash() != null) {
      g.writeStringField("hash", d.policyHash());
    } else {
      g.writeNullField("hash");
    }
    g.writeEndObject();
    if (d.rule() != null) {
      g.writeStringField("rule", d.rule().toString());
    } else {
      g.writeNullField("rule");
    }
    g.writeStringField("reason", d.reason());
    g.writeArrayFieldStart("signals");
    for (SignalReport s : d.signals()) {
      writeSignal(g, s);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("caps");
    for (CategoryScore c : d.categories()) {
      if (c.capped()) {
        g.writeStartObject();
        g.writeStringField("category", c.category());
        g.writeNumberField("cap", c.cap());
        g.writeNumberField("uncapped", c.uncapped());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("near_misses");
    for (NearMiss m : d.nearMisses()) {
      g.writeStartObject();
      g.writeStringField("rule", m.rule().toString());
      g.writeStringField("action", m.rule().action().name());
      g.writeStringField("subject", m.rule().condition().subjectText());
      g.writeNumberField("threshold", m.rule().condition().threshold());
      g.writeNumberField("value", m.value());
      g.writeStringField("text", m.toString());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("failures");
    for (SignalReport s : d.failures()) {
      g.writeStartObject();
      g.writeStringField("signal", s.name());
      g.writeStringField("mode", mode(s.failureMode()));
      g.writeBooleanField("shadow", s.shadow());
      g.writeStringField("error", s.signal().failureMessage());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("truncated");
    for (Truncation t : d.truncations()) {
      g.writeStartObject();
      g.writeStringField("field", t.field());
      g.writeNumberField("length", t.length());
      g.writeNumberField("scanned", t.scanned());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeSignal(JsonGenerator g, SignalReport s) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name());
    g.writeStringField("expression", s.expression());
    g.writeStringField("category", s.category());
    g.writeStringField("outcome", outcome(s.outcome()));
    g.writeNumberField("score", s.score());
    g.writeNumberField("weight", s.weight());
    g.writeNumberField("contribution", s.contribution());
    g.writeBooleanField("shadow", s.shadow());
    g.writeArrayFieldStart("evidence");
    for (Evidence e : s.signal().evidence()) {
      writeEvidence(g, e);
    }
    g.writeEndArray();
    g.writeNumberField("evidence_count", s.signal().evidenceCount());
    if (!s.signal().notes().isEmpty()) {
      g.writeArrayFieldStart("notes");
      for (String n : s.signal().notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
    }
    if (s.outcome() == Outcome.FAILED) {
      g.writeStringField("error", s.signal().failureMessage());
    }
    g.writeEndObject();
  }

  /** The item id: a number for plain-text line numbers and numeric ids, else a string. */
  public static void writeId(JsonGenerator g, Object id) throws IOException {
    if (id instanceof Number) {
      g.writeNumberField("id", ((Number) id).longValue());
    } else {
      g.writeStringField("id", id.toString());
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
    g.writeStringField("field", e.field());
    g.writeStringField("rule", e.rule());
    g.writeStringField("category", e.category());
    g.writeNumberField("start", e.start());
    g.writeNumberField("end", e.end());
    g.writeStringField("text", e.text());
  }

  /** An outcome as the JSON names it: {@code matched}, {@code not-matched}, ... */
  public static String outcome(Outcome o) {
    return o.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A failure mode as the JSON names it: {@code fail-open} or {@code fail-closed}. */
  public static String mode(FailureMode m) {
    return m == FailureMode.FAIL_CLOSED ? "fail-closed" : "fail-open";
  }
}

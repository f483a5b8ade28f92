package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.contact.Contacts;
import dev.vigil.links.Links;
import dev.vigil.text.TextFeatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How often each built-in signal fires on the ham and on the spam of the SMS Spam Collection: a signal
 * that fires on as much ham as spam is noise. Writes {@code target/vigil-reports/sms-signal-rates.txt}.
 */
class SmsSignalRatesTest {

  /** The signals whose spam rate must be well above their ham rate, and those reported only. */
  private static final Map<Classifier, Boolean> SIGNALS = new LinkedHashMap<>();

  static {
    SIGNALS.put(Links.count(), true);
    SIGNALS.put(Links.shorteners(), false);
    SIGNALS.put(Links.ipHosts(), false);
    SIGNALS.put(Links.obfuscated(), false);
    SIGNALS.put(Contacts.phoneNumbers(), true);
    SIGNALS.put(Contacts.emailAddresses(), true);
    SIGNALS.put(Contacts.cryptoAddresses(), false);
    SIGNALS.put(Contacts.paymentHandles(), false);
    // Measured: SMS ham is written in capitals about as often as spam; reported, not required.
    SIGNALS.put(TextFeatures.shouting(), false);
    SIGNALS.put(TextFeatures.repeatedCharacters(), false);
    SIGNALS.put(TextFeatures.emojiDensity(), false);
    SIGNALS.put(TextFeatures.mixedScripts(), false);
    SIGNALS.put(TextFeatures.invisibles(), false);
    SIGNALS.put(TextFeatures.digitShare(), true);
  }

  /** Distinct messages by label; the collection repeats some texts. */
  static Map<String, List<String>> messages(Path file) throws IOException {
    String all = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    Map<String, Set<String>> byLabel = new LinkedHashMap<>();
    for (String line : all.split("\r?\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        byLabel.computeIfAbsent(line.substring(0, tab), k -> new LinkedHashSet<>())
            .add(line.substring(tab + 1));
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    byLabel.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }

  @Test
  void signalRatesOnHamAndSpam() throws IOException {
    Map<String, List<String>> messages =
        messages(SharedData.require("sms-spam-collection/SMSSpamCollection"));
    List<String> ham = messages.get("ham");
    List<String> spam = messages.get("spam");
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "SMS Spam Collection, distinct texts: %d ham, %d spam%n%n%-22s %8s %8s %8s  %s%n",
        ham.size(), spam.size(), "signal", "ham", "spam", "ratio", "verdict"));
    List<String> weak = new ArrayList<>();
    for (Map.Entry<Classifier, Boolean> e : SIGNALS.entrySet()) {
      Classifier c = e.getKey();
      double hamRate = rate(c, ham);
      double spamRate = rate(c, spam);
      double ratio = hamRate == 0 ? Double.POSITIVE_INFINITY : spamRate / hamRate;
      String verdict = spamRate == 0 && hamRate == 0 ? "never fires here"
          : ratio >= 5 ? "separates spam from ham"
          : ratio >= 2 ? "weak on its own: combine it"
          : "noise on SMS: fires on ham as much as on spam";
      report.append(String.format(Locale.ROOT, "%-22s %7.2f%% %7.2f%% %8s  %s%n", c.name(),
          100 * hamRate, 100 * spamRate,
          Double.isInfinite(ratio) ? (spamRate == 0 ? "-" : "inf") : String.format(Locale.ROOT, "%.1f", ratio),
          verdict));
      if (e.getValue() && !(ratio >= 5 && spamRate >= 0.005)) {
        weak.add(c.name() + " (ham " + hamRate + ", spam " + spamRate + ")");
      }
    }
    SharedData.report("sms-signal-rates", report.toString());
    assertTrue(weak.isEmpty(), "signals expected to separate SMS spam from ham did not: " + weak);
  }

  private static double rate(Classifier c, List<String> texts) {
    int fired = 0;
    for (String t : texts) {
      fired += c.classify(Content.of(t)).score() > 0 ? 1 : 0;
    }
    return (double) fired / texts.size();
  }
}

package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Action;
import dev.vigil.Content;
import dev.vigil.eval.LabeledItem;
import dev.vigil.learn.LearnedPolicy;
import dev.vigil.learn.PolicyLearner;
import dev.vigil.learn.TermMiner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learned policy written back into its file: comments kept, weights set, caps gone, rules replaced. */
class LearnedPolicyFileTest {
  static final String POLICY = String.join("\n",
      "# Our toy policy: this comment stays.",
      "policy: toy",
      "version: \"7\"",
      "categories:",
      "  spam: {cap: 1.5, description: unsolicited}",
      "  scam:",
      "    cap: 2",
      "lists:",
      "  prizes: {type: terms, file: prizes.txt, preset: standard, category: spam}",
      "signals:",
      "  prize-words: {kind: terms, lists: prizes, category: spam}",
      "  money:",
      "    # a comment inside a signal",
      "    kind: regex",
      "    pattern: '\\$\\d+'",
      "    category: scam",
      "    weight: 0.3",
      "  links: {kind: links.count, category: spam, weight: 0.2, shadow: true}",
      "rules:",
      "  - forced remove when category(scam) >= 0.29",
      "  - remove when total >= 1.0",
      "",
      "# The tests below say what we expect.",
      "tests:",
      "  - name: a prize",
      "    text: you won a prize",
      "    expect: remove",
      "");

  static List<LabeledItem> data() {
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(LabeledItem.of("s" + i, "you won a prize worth $" + (100 + i) + ", reply win now", true));
      items.add(LabeledItem.of("h" + i, "lunch at " + i + "? it costs $" + i, false));
      items.add(LabeledItem.of("g" + i, "the game starts at " + i, false));
    }
    return items;
  }

  @Test
  void theLearnedFileKeepsTheTextAndLoadsAsTheLearnedPolicy(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("toy.yaml"), POLICY);
    Files.writeString(dir.resolve("prizes.txt"), "prize\nwinner\n");
    PolicyFile original = PolicyLoader.defaults().load(dir.resolve("toy.yaml"));
    LearnedPolicy learned = PolicyLearner.of(original.policy())
        .minedTerms(TermMiner.builder().build()).learn(data());
    Path out = dir.resolve("out/toy-learned.yaml");
    List<Content> check = new ArrayList<>();
    data().forEach(i -> check.add(i.content()));
    check.add(Content.of("a prize, reply win now"));
    LearnedPolicyFile.Written w = LearnedPolicyFile.write(original, learned, out, check);
    assertEquals(out, w.files().get(0));
    String text = Files.readString(out);
    assertTrue(text.contains("# Our toy policy: this comment stays."), text);
    assertTrue(text.contains("    # a comment inside a signal"), text);
    assertTrue(text.contains("# The tests below say what we expect."), text);
    assertTrue(text.contains("version: \"7-learned\""), text);
    assertTrue(text.contains("calibration: {slope: " + LearnedPolicyFile.number(
        learned.calibration().slope())), text);
    assertFalse(text.contains("cap:"), text);
    assertTrue(text.contains("spam: {description: unsolicited}"), text);
    assertTrue(text.contains("scam: {}"), text);
    assertTrue(text.contains("prize-words: {weight: " + LearnedPolicyFile.number(
        learned.weights().get("prize-words")) + ", kind: terms"), text);
    assertTrue(text.contains("    weight: " + LearnedPolicyFile.number(learned.weights().get("money"))),
        text);
    assertTrue(text.contains("weight: 0.2, shadow: true"), "a shadow keeps its weight: " + text);
    assertFalse(text.contains("  - forced remove"), text);
    assertTrue(text.contains("# Note: dropped the rule 'forced remove"), text);
    assertTrue(text.contains("  - remove when total >= "
        + LearnedPolicyFile.number(learned.thresholds().get(Action.REMOVE))), text);
    assertTrue(Files.exists(dir.resolve("out/prizes.txt")), "the original's list is copied beside it");
    assertTrue(Files.readString(dir.resolve("out/toy-learned-terms.txt")).contains("\tspam\t"));
    // The written file loads on its own and decides as the learned policy.
    PolicyFile reloaded = PolicyLoader.defaults().load(out);
    for (Content c : check) {
      assertEquals(learned.policy().evaluate(c).action(), reloaded.policy().evaluate(c).action());
      assertEquals(learned.policy().evaluate(c).total(), reloaded.policy().evaluate(c).total());
      assertEquals(learned.policy().evaluate(c).probability(),
          reloaded.policy().evaluate(c).probability());
    }
  }

  @Test
  void aListBesideTheOutputWithOtherContentIsNotOverwritten(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("toy.yaml"), POLICY);
    Files.writeString(dir.resolve("prizes.txt"), "prize\n");
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/prizes.txt"), "something else\n");
    PolicyFile original = PolicyLoader.defaults().load(dir.resolve("toy.yaml"));
    LearnedPolicy learned = PolicyLearner.of(original.policy()).learn(data());
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> LearnedPolicyFile.write(original, learned, dir.resolve("out/l.yaml"), List.of()));
    assertTrue(e.getMessage().contains("other content"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("out/l.yaml")), "nothing is written");
    assertEquals("something else\n", Files.readString(dir.resolve("out/prizes.txt")));
  }

  @Test
  void sectionsInFlowStyleTakeTheMinedListAndSignalInside() {
    String flow = String.join("\n",
        "policy: flow",
        "categories: {spam: {}}",
        "lists: {prizes: {type: terms, entries: [prize, winner], category: spam}}",
        "signals: {prize-words: {kind: terms, lists: prizes, category: spam}}",
        "rules: [remove when total >= 1.0]",
        "");
    PolicyFile original = PolicyLoader.defaults().load("flow.yaml",
        Map.of("flow.yaml", flow.getBytes(StandardCharsets.UTF_8)));
    LearnedPolicy learned = PolicyLearner.of(original.policy())
        .minedTerms(TermMiner.builder().build()).learn(data());
    Map<String, String> files = LearnedPolicyFile.render(flow, learned, "l.yaml", "l-terms.txt");
    String text = files.get("l.yaml");
    assertTrue(text.contains("lists: {learned-terms: {type: terms, file: l-terms.txt, preset: standard},"
        + " prizes:"), text);
    assertTrue(text.contains("signals: {learned-terms: {kind: terms"), text);
    assertTrue(text.contains("policy: flow\nversion: \"1-learned\"\n"), text);
    Map<String, byte[]> bytes = new java.util.HashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    PolicyFile reloaded = PolicyLoader.defaults().load("l.yaml", bytes);
    for (LabeledItem item : data()) {
      assertEquals(learned.policy().evaluate(item.content()).action(),
          reloaded.policy().evaluate(item.content()).action());
    }
  }

  @Test
  void counterEvidenceAndWordPiecesAreWrittenAndLoadAsLearned(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("toy.yaml"), POLICY);
    Files.writeString(dir.resolve("prizes.txt"), "prize\nwinner\n");
    PolicyFile original = PolicyLoader.defaults().load(dir.resolve("toy.yaml"));
    List<LabeledItem> items = new ArrayList<>(data());
    for (int i = 0; i < 30; i++) {
      // Only "mum", on the harmless side, tells these apart from the harmful items' wording.
      items.add(LabeledItem.of("m" + i, "mum: you won a prize, reply win now " + i, false));
      items.add(LabeledItem.of("r" + i, "ringtones for you, reply win now " + i, true));
    }
    LearnedPolicy learned = PolicyLearner.of(original.policy())
        .minedTerms(TermMiner.builder().maxHarmlessShare(1).wordPieces(2, 3).build())
        .harmlessTerms(true).learn(items);
    double w = learned.weights().get(PolicyLearner.HARMLESS_TERMS_SIGNAL);
    assertTrue(w < 0, learned.weights().toString());
    Path out = dir.resolve("out/toy-learned.yaml");
    List<Content> check = new ArrayList<>();
    items.forEach(i -> check.add(i.content()));
    check.add(Content.of("mum says ringtones"));
    LearnedPolicyFile.write(original, learned, out, check);
    String text = Files.readString(out);
    assertTrue(text.contains("learned-harmless-terms: {kind: terms, lists: learned-harmless-terms,"
        + " category: spam, weight: " + LearnedPolicyFile.number(w) + "}"), text);
    assertTrue(text.contains("# Note: counter-evidence: 'learned-harmless-terms'"), text);
    String harmless = Files.readString(dir.resolve("out/toy-learned-harmless-terms.txt"));
    assertTrue(harmless.startsWith("# Terms that mark HARMLESS items"), harmless);
    assertTrue(harmless.contains("\nmum\tspam\t"), harmless);
    String terms = Files.readString(dir.resolve("out/toy-learned-terms.txt"));
    assertTrue(terms.contains("\tprefix\n") || terms.contains("\tsuffix\n"),
        "word pieces are written with their mode: " + terms);
    PolicyFile reloaded = PolicyLoader.defaults().load(out);
    for (Content c : check) {
      assertEquals(learned.policy().evaluate(c).total(), reloaded.policy().evaluate(c).total(),
          c.fieldText(0));
    }
    assertTrue(reloaded.policy().evaluate("mum: you won a prize, reply win now").total()
        < reloaded.policy().evaluate("you won a prize, reply win now").total());
  }

  /** Both mined lists go into one section, whether the original has it in flow style or not at all. */
  @Test
  void bothMinedListsLoadWhateverStyleTheSectionsHave() {
    List<LabeledItem> items = new ArrayList<>(data());
    for (int i = 0; i < 30; i++) {
      items.add(LabeledItem.of("m" + i, "mum: you won a prize, reply win now " + i, false));
    }
    String noLists = String.join("\n",
        "policy: nolists",
        "categories: {spam: {}}",
        "signals:",
        "  money: {kind: regex, pattern: '\\$\\d+', category: spam}",
        "rules: [remove when total >= 1.0]",
        "");
    String flow = String.join("\n",
        "policy: flow",
        "categories: {spam: {}}",
        "lists: {}",
        "signals: {money: {kind: regex, pattern: '\\$\\d+', category: spam}}",
        "rules: [remove when total >= 1.0]",
        "");
    for (String original : List.of(noLists, flow)) {
      PolicyFile file = PolicyLoader.defaults().load("p.yaml",
          Map.of("p.yaml", original.getBytes(StandardCharsets.UTF_8)));
      LearnedPolicy learned = PolicyLearner.of(file.policy())
          .minedTerms(TermMiner.builder().maxHarmlessShare(1).build()).harmlessTerms(true).learn(items);
      assertFalse(learned.terms().isEmpty() || learned.harmlessTerms().isEmpty(), learned.notes().toString());
      Map<String, String> files = LearnedPolicyFile.render(original, learned, "l.yaml", "l-terms.txt");
      assertEquals(List.of("l.yaml", "l-terms.txt", "l-harmless-terms.txt"), List.copyOf(files.keySet()));
      Map<String, byte[]> bytes = new java.util.HashMap<>();
      files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
      PolicyFile reloaded = PolicyLoader.defaults().load("l.yaml", bytes);
      for (LabeledItem item : items) {
        assertEquals(learned.policy().evaluate(item.content()).total(),
            reloaded.policy().evaluate(item.content()).total(), files.get("l.yaml"));
      }
    }
  }

  @Test
  void renderingWithoutMinedTermsAddsNoList() {
    PolicyFile original = PolicyLoader.defaults().load("toy.yaml", Map.of(
        "toy.yaml", POLICY.getBytes(StandardCharsets.UTF_8),
        "prizes.txt", "prize\n".getBytes(StandardCharsets.UTF_8)));
    LearnedPolicy learned = PolicyLearner.of(original.policy()).learn(data());
    Map<String, String> files = LearnedPolicyFile.render(POLICY, learned, "l.yaml", "l-terms.txt");
    assertEquals(List.of("l.yaml"), List.copyOf(files.keySet()));
    assertFalse(files.get("l.yaml").contains("learned-terms"));
  }
}

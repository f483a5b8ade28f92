package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.SharedData;
import dev.vigil.eval.Evaluation;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.Split;
import dev.vigil.learn.LearnedPolicy;
import dev.vigil.learn.PolicyLearner;
import dev.vigil.learn.TermMiner;
import dev.vigil.policy.PolicyFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Learning on the shared labeled data, trained on the training part and measured on the held-out part
 * (30%, seed 42) against the hand-written policy: the figures README's "Learning from labels" gives.
 * Skips, saying so, without the data.
 */
class LearnOnSharedDataTest {

  static List<LabeledItem> read(Path data, LabeledInput reader) throws Exception {
    try (InputStream in = Files.newInputStream(data)) {
      return reader.read(data.toString(), in).items();
    }
  }

  static EvaluationReport[] learnAndMeasure(String policy, List<LabeledItem> items) {
    PolicyFile file = Policies.load(policy, System.err);
    Split<LabeledItem> split = Split.of(items, 0.3, 42);
    // As vigil learn does by default: words and phrases, whatever their share of harmless items.
    LearnedPolicy learned = PolicyLearner.of(file.policy())
        .minedTerms(TermMiner.builder().maxHarmlessShare(1).build()).learn(split.train());
    EvaluationReport before = Evaluation.of(file.policy()).run(split.test());
    EvaluationReport after = Evaluation.of(learned.policy()).run(split.test());
    System.out.printf(Locale.ROOT, "%s: held out, hand-written P %.3f R %.3f F1 %.3f AP %.3f; learned"
        + " P %.3f R %.3f F1 %.3f AP %.3f (%d terms, thresholds %s)%n", policy,
        before.confusion().precision(), before.confusion().recall(), before.confusion().f1(),
        before.curve().averagePrecision(), after.confusion().precision(), after.confusion().recall(),
        after.confusion().f1(), after.curve().averagePrecision(), learned.terms().size(),
        learned.thresholds());
    return new EvaluationReport[] {before, after};
  }

  @Test
  void smsSpam() throws Exception {
    Path data = SharedData.require("sms-spam-collection/SMSSpamCollection");
    EvaluationReport[] r = learnAndMeasure("sms-spam", read(data, new LabeledInput("tsv", "text", "label",
        null, List.of("label", "text"), Set.of("spam"))));
    assertTrue(r[1].curve().averagePrecision() > r[0].curve().averagePrecision() + 0.04,
        "AP " + r[1].curve().averagePrecision());
    assertTrue(r[1].confusion().f1() > r[0].confusion().f1() + 0.1, "F1 " + r[1].confusion().f1());
    // The default review target is recall 0.90 on the cross-validated predictions of the training
    // part; on the 198 held-out spam messages it lands within a few items of it (0.894 to 0.909 as
    // the folds and penalties changed).
    assertTrue(r[1].confusion().recall() >= 0.88, "recall " + r[1].confusion().recall());
  }

  /**
   * Issue 19's target: recall at least 0.90 at precision at least 0.98 on the held-out part, from the
   * learned policy's own decision (remove), with the options that reach it: word pieces, counter-evidence
   * and the target precision 0.98 (`vigil learn ... --word-pieces 1-4 --harmless-terms --target
   * remove:precision=0.98`).
   */
  @Test
  void smsSpamRemovesNineInTenAtPrecision98WithWordPiecesAndCounterEvidence() throws Exception {
    Path data = SharedData.require("sms-spam-collection/SMSSpamCollection");
    List<LabeledItem> items = read(data, new LabeledInput("tsv", "text", "label", null,
        List.of("label", "text"), Set.of("spam")));
    Split<LabeledItem> split = Split.of(items, 0.3, 42);
    LearnedPolicy learned = PolicyLearner.of(Policies.load("sms-spam", System.err).policy())
        .minedTerms(TermMiner.builder().maxHarmlessShare(1).wordPieces(1, 4).build())
        .harmlessTerms(true)
        .targets(java.util.Map.of(dev.vigil.Action.REMOVE, PolicyLearner.Target.precision(0.98)))
        .learn(split.train());
    EvaluationReport r = Evaluation.of(learned.policy()).flagging("remove").run(split.test());
    System.out.printf(Locale.ROOT, "sms-spam, remove only, word pieces and counter-evidence: held out"
        + " tp %d fp %d fn %d, P %.3f R %.3f AP %.3f (%d terms, %d harmless, weights %s)%n",
        r.confusion().tp(), r.confusion().fp(), r.confusion().fn(),
        r.confusion().precision(), r.confusion().recall(), r.curve().averagePrecision(),
        learned.terms().size(), learned.harmlessTerms().size(), learned.weights());
    assertTrue(r.confusion().precision() >= 0.98, "precision " + r.confusion().precision());
    assertTrue(r.confusion().recall() >= 0.90, "recall " + r.confusion().recall());
  }

  @Test
  void davidsonHateAloneAveragePrecisionAtLeastDoubles() throws Exception {
    Path data = SharedData.require("davidson-hate-offensive/data/labeled_data.csv");
    EvaluationReport[] r = learnAndMeasure("abuse", read(data, new LabeledInput("csv", "tweet", "class",
        null, null, Set.of("0"))));
    assertEquals(0.125, r[0].curve().averagePrecision(), 0.001);
    assertTrue(r[1].curve().averagePrecision() >= 2 * r[0].curve().averagePrecision(),
        "AP " + r[1].curve().averagePrecision());
  }
}

package dev.vigil;

import static dev.vigil.Condition.total;
import static dev.vigil.TestClassifiers.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 21: explanations listed every signal that did not match (about 19 lines per SMS item), printed a
 * zero-width character in evidence as nothing and a Cyrillic look-alike as the Latin letter it imitates.
 */
class ReviewerExplanationTest {

  private static Policy policy() {
    Policy.Builder b = Policy.builder("dm").version("1")
        .signal(finds("gift-cards", "gift\u200Bcards", 1.0), SignalOptions.in("scam").weight(0.6))
        .signal(finds("homoglyph-gift", "g\u0456ft", 1.0), SignalOptions.in("scam").weight(0.6))
        .signal(TestClassifiers.constant("nothing", 0.0), "scam")
        .signal(finds("title-only", "x", 1.0).onField("title"), "scam");
    for (int i = 0; i < 14; i++) {
      b.signal(finds("quiet-" + i, "never-there", 1.0), "spam");
    }
    return b.removeWhen(total().atLeast(1.2)).reviewWhen(total().atLeast(0.5)).build();
  }

  @Test
  void whatDidNotFireIsOneLine() {
    String e = policy().evaluate("pay me with gift\u200Bcards").explain();
    assertTrue(e.contains("because: review when total >= 0.5 held: total was 0.6"), e);
    assertTrue(e.contains("[scam] gift-cards: score 1.0 x weight 0.6 = 0.6"), e);
    assertTrue(e.contains("    did not fire (17): not matched: homoglyph-gift, nothing, quiet-0, quiet-1,"
        + " quiet-2, quiet-3, quiet-4, quiet-5, quiet-6, quiet-7, quiet-8, quiet-9 and 4 more;"
        + " not applicable: onField(title, title-only)\n"), e);
    assertFalse(e.contains("quiet-0: not matched"), e);
    assertEquals(7, e.split("\n").length, e);
  }

  @Test
  void evidenceShowsInvisibleCharactersAndLettersFromAnotherScript() {
    String zeroWidth = policy().evaluate("pay me with gift\u200Bcards").explain();
    assertTrue(zeroWidth.contains("body[12, 22) \"gift⟨U+200B⟩cards\" rule gift-cards"), zeroWidth);
    String cyrillic = policy().evaluate("send a g\u0456ft card").explain();
    assertTrue(cyrillic.contains("\"g\u0456⟨Cyrillic⟩ft\""), cyrillic);
  }

  @Test
  void visibleTextLeavesPlainTextAlone() {
    String plain = "an ordinary message, with punctuation: 100%!";
    assertSame(plain, Visible.of(plain));
    assertSame("Привет мир", Visible.of("Привет мир"));
    assertEquals("a⟨U+00A0⟩b⟨U+000A⟩c⟨U+00AD⟩d", Visible.of("a\u00A0b\nc\u00ADd"));
    // The odd one out is marked, whichever script the word is mostly in.
    assertEquals("p\u0430⟨Cyrillic⟩ypal", Visible.of("p\u0430ypal"));
    assertEquals("\u043f\u0440\u0438\u0432e⟨Latin⟩\u0442", Visible.of("\u043f\u0440\u0438\u0432e\u0442")); // a Latin e among Cyrillic letters
    // Emoji and digits are in no script of their own.
    assertSame("gift 🎁 2024", Visible.of("gift 🎁 2024"));
  }
}

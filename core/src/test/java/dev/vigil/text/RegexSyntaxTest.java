package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one reader of RE2 syntax behind the size estimate and the literal analysis. */
class RegexSyntaxTest {

  private static RegexSyntax.Node only(String pattern) {
    RegexSyntax.Pattern p = RegexSyntax.read(pattern);
    assertEquals(1, p.parts().size(), pattern);
    List<RegexSyntax.Sequence> alternatives = p.parts().get(0).alternatives();
    assertEquals(1, alternatives.size(), pattern);
    assertEquals(1, alternatives.get(0).items().size(), pattern);
    return alternatives.get(0).items().get(0);
  }

  @Example
  void readsTheStructureRe2Reads() {
    RegexSyntax.Pattern p = RegexSyntax.read("(?i)ab|c");
    assertEquals("i", p.leadingFlags());
    assertEquals(2, p.parts().get(0).alternatives().size());

    RegexSyntax.Repeat r = assertInstanceOf(RegexSyntax.Repeat.class, only("a{2,3}?"));
    assertEquals('{', r.op());
    assertEquals(2, r.min());
    assertEquals(3, r.max());
    assertTrue(r.lazy());
    assertEquals(-1, assertInstanceOf(RegexSyntax.Repeat.class, only("a{2,}")).max());

    RegexSyntax.CharClass c = assertInstanceOf(RegexSyntax.CharClass.class, only("[^a-c\\d]"));
    assertTrue(c.negated() && c.closed() && !c.unsupported());
    assertEquals("d", c.perls());
    assertEquals(1, c.ranges().size());
    assertEquals('a', c.ranges().get(0)[0]);
    assertEquals('c', c.ranges().get(0)[1]);
    // A leading ']' is a member; a POSIX class is named.
    assertTrue(assertInstanceOf(RegexSyntax.CharClass.class, only("[]a[:digit:]]")).named());

    RegexSyntax.Group g = assertInstanceOf(RegexSyntax.Group.class, only("(?P<name>x)"));
    assertEquals("?P<name>", g.prefix());
    assertEquals(new RegexSyntax.Perl('p', true), only("\\p{Greek}"));
    assertEquals(new RegexSyntax.Literal('.'), only("\\."));
    assertEquals(new RegexSyntax.Assertion('b'), only("\\b"));
  }

  @Example
  void marksWhatTheAnalysesDoNotModel() {
    assertInstanceOf(RegexSyntax.Unsupported.class, only("\\x{41}"));
    assertInstanceOf(RegexSyntax.Unsupported.class, only("\\Qa.b\\E"));
    assertInstanceOf(RegexSyntax.Unsupported.class, only("*"));
    assertTrue(assertInstanceOf(RegexSyntax.CharClass.class, only("[a-\\d]")).unsupported());
    assertTrue(!assertInstanceOf(RegexSyntax.CharClass.class, only("[abc")).closed());
    assertTrue(!assertInstanceOf(RegexSyntax.Group.class, only("(abc")).closed());
    assertEquals(new RegexSyntax.Perl('p', false), only("\\p{Greek"));
    // A brace that is no repetition: RE2 reads a literal, the reader an unsupported node.
    List<RegexSyntax.Node> items = RegexSyntax.read("a{x").parts().get(0).alternatives().get(0).items();
    assertEquals(3, items.size());
    assertInstanceOf(RegexSyntax.Unsupported.class, items.get(1));
    assertEquals(2, RegexSyntax.read("a)b").parts().size());
  }

  @Example
  void bothAnalysesReadTheSameTree() {
    // \pL is one escape, its letter included, for both: the literal analysis requires "abc" before
    // it (not "abcL"), and the estimate counts it as it counts \p{L}.
    assertEquals(List.of("abc"), RegexLiterals.analyze("abc\\pL", false).strings());
    assertEquals(RegexSize.estimate("abc\\p{L}"), RegexSize.estimate("abc\\pL"));
  }

  @Example
  void countedRepetitionsMultiply() {
    assertTrue(RegexSize.estimate("((a{100}){100}){100}") >= 1_000_000);
    assertEquals(RegexSyntax.SATURATED, RegexSize.estimate("a{9999999999999999}{9999999999999}"));
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.strings().withChars("()[]{}|*+?^$.\\-:,<>=!PpQExdbwsDi0123456789aZ\u00e9\ud83d\ude00")
        .ofMaxLength(40);
  }

  @Property(tries = 5000)
  void readsEveryStringAndTheAnalysesNeverThrow(@ForAll("anything") String pattern,
      @ForAll boolean caseInsensitive) {
    RegexSyntax.read(pattern);
    assertTrue(RegexSize.estimate(pattern) >= 0);
    RegexLiterals.analyze(pattern, caseInsensitive);
  }
}

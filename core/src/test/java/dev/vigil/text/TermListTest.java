package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermListTest {

  @Test
  void parsesColumnsCommentsAndDefaults() {
    TermList list = TermList.loader().category("spam").parse(new StringReader(String.join("\n",
        "# a comment", "", "free money", "  double your bitcoin\tscam\t0.9",
        "giveaway\tscam\t0.4\tgiveaway-1\tprefix", "free money")), "test.tsv");
    assertEquals(List.of(
        new Term("free money", "free money", "spam", 1.0, MatchMode.WORD),
        new Term("double your bitcoin", "double your bitcoin", "scam", 0.9, MatchMode.WORD),
        new Term("giveaway-1", "giveaway", "scam", 0.4, MatchMode.PREFIX)), list.terms());
    assertEquals(1, list.duplicates());
  }

  @Test
  void everyBadLineIsReportedAndNothingIsLoaded() {
    TermList.TermListException e = assertThrows(TermList.TermListException.class,
        () -> TermList.loader().parse(new StringReader(String.join("\n",
            "ok", "bad\tc\t1.5", "bad\tc\tx", "bad\tc\t1\tid\tsomewhere", "\u200b", "a\tb\tc\td\te\tf",
            "\tcat")), "list.txt"));
    assertEquals(List.of(
        "line 2: weight must be in [0, 1] but was 1.5",
        "line 3: weight must be a number in [0, 1] but was 'x'",
        "line 4: mode must be word, prefix, suffix or anywhere but was 'somewhere'",
        "line 5: term '\u200b' normalizes to nothing under the standard normalizer",
        "line 6: expected at most 5 tab-separated columns (term, category, weight, id, mode) but"
            + " found 6",
        "line 7: the term column is empty"), e.problems());
    assertEquals(true, e.getMessage().startsWith("list.txt: 6 bad line(s): line 2"));
  }

  @Test
  void invalidUtf8IsABadLine() {
    byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xC3, (byte) 0x28, '\n'};
    TermList.TermListException e = assertThrows(TermList.TermListException.class,
        () -> TermList.loader().load(new ByteArrayInputStream(bytes), "bytes"));
    assertEquals(List.of("line 2: invalid UTF-8"), e.problems());
  }
}

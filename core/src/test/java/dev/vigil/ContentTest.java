package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ContentTest {

  @Test
  void singleFieldContentUsesBody() {
    Content c = Content.of("hello");
    assertEquals(1, c.fieldCount());
    assertEquals("body", c.fieldName(0));
    assertEquals("hello", c.field("body"));
    assertNull(c.field("title"));
  }

  @Test
  void builderKeepsFieldOrderAndMetadata() {
    Content c = Content.builder().field("title", "T").body("B").author("u1").locale(Locale.GERMAN)
        .surface("dm").attribute("country", "DE").build();
    assertEquals(List.of("title", "body"), List.copyOf(c.fields().keySet()));
    assertEquals("u1", c.author());
    assertEquals(Locale.GERMAN, c.locale());
    assertEquals("dm", c.surface());
    assertEquals("DE", c.attributes().get("country"));
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void duplicateOrBlankFieldNamesAreRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Content.builder().body("a").body("b"));
    assertEquals("field 'body' was already set", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Content.builder().field(" ", "x"));
    assertThrows(NullPointerException.class, () -> Content.of(null));
  }

  @Test
  void toStringNeverPrintsTheText() {
    Content c = Content.builder().field("title", "secret title").body("my private message").build();
    assertFalse(c.toString().contains("secret"));
    assertFalse(c.toString().contains("private"));
    assertTrue(c.toString().contains("body(18 chars)"));
  }

  @Test
  void onlyFieldKeepsMetadataAndAbsentFieldIsNull() {
    Content c = Content.builder().field("title", "T").body("B").author("u1").build();
    Content t = c.onlyField("title");
    assertEquals(1, t.fieldCount());
    assertEquals("u1", t.author());
    assertNull(c.onlyField("missing"));
    Content single = Content.of("x");
    assertSame(single, single.onlyField("body"));
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String text = "ab\ud83d\ude00cd"; // the emoji occupies chars 2 and 3
    Content c = Content.of(text).truncated(new int[] {3});
    assertEquals("ab", c.field("body"));
    assertEquals("ab\ud83d\ude00", Content.of(text).truncated(new int[] {4}).field("body"));
    Content same = Content.of(text);
    assertSame(same, same.truncated(new int[] {100}));
  }
}

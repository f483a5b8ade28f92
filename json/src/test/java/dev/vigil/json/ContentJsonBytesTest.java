package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records read from bytes are read as UTF-8, whatever another encoding the bytes could pass for. */
class ContentJsonBytesTest {
  @Test
  void recordsInUtf16AreNotGuessed() {
    // Jackson's byte parser would detect UTF-16 from the zero bytes and read this record.
    byte[] utf16 = "{\"text\": \"a\"}".getBytes(StandardCharsets.UTF_16LE);
    ContentJsonException e = assertThrows(ContentJsonException.class, () -> ContentJson.read(utf16));
    assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
  }

  @Test
  void invalidUtf8BecomesTheReplacementCharacter() {
    byte[] json = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xFF, 'b', '"', '}'};
    assertEquals("a\uFFFDb", ContentJson.read(json).content().fieldText(0));
  }

  @Test
  void plainAsciiAndUtf8ReadAlike() {
    String json = "{\"id\": 7, \"text\": \"caf\\u00e9 \u00e9\", \"author\": \"u1\"}";
    ContentRecord r = ContentJson.read(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(7L, r.id());
    assertEquals("caf\u00e9 \u00e9", r.content().fieldText(0));
    assertEquals("u1", r.content().author());
  }
}

package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Our allocation-free SipHash-2-4 equals Guava's on the same bytes, and its 128 bits differ by key. */
class SipHashTest {
  @Property(tries = 500)
  void theSixtyFourBitHashIsGuavasSipHash24OverTheSameBytes(@ForAll String space, @ForAll String key,
      @ForAll long k0, @ForAll long k1) {
    ByteBuffer b = ByteBuffer.allocate(4 + 2 * (space.length() + key.length())).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(space.length());
    for (char c : space.toCharArray()) {
      b.putChar(c);
    }
    for (char c : key.toCharArray()) {
      b.putChar(c);
    }
    assertEquals(Hashing.sipHash24(k0, k1).hashBytes(b.array()).asLong(), new SipHash(k0, k1).hash64(space, key));
  }

  @Property(tries = 200)
  void spaceAndKeyAreSeparated(@ForAll String a, @ForAll String b) {
    // ("ab", "c") and ("a", "bc") are different records.
    SipHash h = new SipHash(1, 2);
    if (!a.isEmpty() && !b.isEmpty()) {
      SipHash.State x = h.hash128(a + b, "");
      SipHash.State y = h.hash128(a, b);
      assertNotEquals(x.first + "/" + x.second, y.first + "/" + y.second);
    }
  }
}

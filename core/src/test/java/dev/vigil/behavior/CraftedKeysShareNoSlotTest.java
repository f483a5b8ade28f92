package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash keys of {@link MemoryState} are in its source: keys chosen so that their hashes agree in the
 * bits that choose the shard and in the low ten of the slot's half would, placed by that hash alone,
 * share one home slot in a table of 1,024 slots or fewer, and every lookup of them would walk all of
 * them under the shard's lock. A secret per state places them apart.
 */
class CraftedKeysShareNoSlotTest {

  @Test
  void keysCraftedToShareASlotDoNotPileUp() {
    List<String> crafted = new ArrayList<>();
    for (long i = 0; crafted.size() < 300; i++) {
      String key = "d" + i + ".example";
      SipHash.State h = new SipHash.State();
      MemoryState.KEYS.hash128(key, h);
      if (h.first >>> 58 == 0 && (h.second >>> 32 & 1023) == 0) {
        crafted.add(key);
      }
    }
    MemoryState state = MemoryState.withCapacity(64 * 1024);
    for (String key : crafted) {
      state.update("link-domains", key, r -> r == null ? new long[] {1} : new long[] {r[0] + 1});
    }
    assertEquals(300, state.size());
    assertTrue(state.longestRun() < 50, () -> "a run of " + state.longestRun() + " records");
  }
}

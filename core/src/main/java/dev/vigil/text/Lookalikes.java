package dev.vigil.text;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Vigil's own table of letters from other scripts that imitate Latin letters and digits, written by
 * hand from the glyphs (not copied from Unicode's confusables data; the tests measure its coverage
 * against that data).
 *
 * <p>Targets are lower-case Latin letters or digits. Upper- and lower-case forms are listed separately
 * because they imitate different letters: Greek capital eta looks like H, small eta like n.
 * Compatibility variants (fullwidth, mathematical, circled letters) are not listed: Unicode's
 * compatibility decomposition already takes them to Latin.
 */
final class Lookalikes {
  private Lookalikes() {}

  // Each entry: the target, a colon, then every character that imitates it.
  private static final String[] TABLE = {
    // Cyrillic
    "a:\u0410\u0430\u04d0\u04d1\u04d2\u04d3",
    "b:\u0412\u0432\u042c\u044c\u0411\u0184\u0185",
    "c:\u0421\u0441\u04aa\u04ab\u03f9\u03f2\u2ca4\u2ca5\u0188",
    "d:\u0500\u0501",
    "e:\u0415\u0435\u0400\u0450\u0401\u0451\u04bc\u04bd\u0511\u0510",
    "g:\u050c\u050d",
    "h:\u041d\u043d\u04ba\u04bb\u04a2\u04a3",
    "i:\u0406\u0456\u0407\u0457",
    "j:\u0408\u0458\u037f\u03f3",
    "k:\u041a\u043a\u049a\u049b\u049c\u049d\u04c3\u04c4",
    "m:\u041c\u043c\u04cd\u04ce",
    "n:\u043f\u041f",
    "o:\u041e\u043e\u04e6\u04e7\u04e8\u04e9\u0472\u0473",
    "p:\u0420\u0440\u048e\u048f",
    "q:\u051a\u051b",
    "r:\u0433\u0413",
    "s:\u0405\u0455",
    "t:\u0422\u0442\u04ac\u04ad",
    "u:\u0446",
    "w:\u051c\u051d\u0428\u0448\u0429\u0449\u0461\u0460",
    "x:\u0425\u0445\u04b2\u04b3\u04fc\u04fd",
    "y:\u0423\u0443\u040e\u045e\u04ae\u04af\u04b0\u04b1",
    "3:\u0417\u0437\u04e0\u04e1",
    "6:\u0431",
    "2:\ua644\ua645",
    "v:\u0474\u0475",
    "i:\ua646\ua647",
    "l:\u04c0\u04cf",
    // Greek
    "a:\u0391\u03b1",
    "b:\u0392\u03b2\u03d0",
    "e:\u0395\u03b5\u03f5",
    "h:\u0397",
    "i:\u0399\u03b9\u037a",
    "k:\u039a\u03ba\u03f0",
    "m:\u039c",
    "n:\u039d\u03b7",
    "o:\u039f\u03bf\u03c3\u03f4",
    "p:\u03a1\u03c1\u03f1",
    "t:\u03a4\u03c4",
    "u:\u03c5\u03bc",
    "v:\u03bd",
    "w:\u03c9",
    "x:\u03a7\u03c7",
    "y:\u03a5\u03b3\u03d2",
    "z:\u0396",
    "f:\u03dc\u03dd",
    "m:\u03fa\u03fb",
    "p:\u03f8\u03f7",
    // Armenian
    "d:\u0501\u0564",
    "g:\u0581",
    "h:\u0570",
    "n:\u0578\u057c",
    "o:\u0585\u0555",
    "q:\u0566",
    "s:\u054f",
    "u:\u057d\u054d",
    "2:\u0579",
    "3:\u0545\u0575",
    "8:\u0538",
    "f:\u0584",
    "i:\u0582",
    "q:\u0563",
    "w:\u0561",
    // Cherokee (capitals; their small forms fold to them)
    "a:\u13aa",
    "b:\u13f4\u13fc",
    "c:\u13df",
    "d:\u13a0",
    "e:\u13ac",
    "g:\u13c0",
    "h:\u13bb",
    "i:\u13a5",
    "j:\u13ab",
    "k:\u13e6",
    "l:\u13de",
    "m:\u13b7",
    "p:\u13e2",
    "r:\u13a1\u13d2",
    "s:\u13da\u13d5",
    "t:\u13a2",
    "v:\u13d9",
    "w:\u13b3\u13c7",
    "z:\u13c3",
    "4:\u13ce",
    "6:\u13ee",
    "b:\u13cf",
    "d:\u13e7",
    "g:\u13f3",
    "h:\u13c2",
    "r:\u13d1",
    "w:\u13d4",
    "y:\u13a9\u13bd",
    "r:\u13b1",
    // Coptic
    "a:\u2c80\u2c81",
    "b:\u2c82\u2c83",
    "e:\u2c88\u2c89",
    "h:\u2c8e",
    "i:\u2c92\u2c93",
    "k:\u2c94\u2c95",
    "m:\u2c98",
    "n:\u2c9a",
    "o:\u2c9e\u2c9f",
    "p:\u2ca2\u2ca3",
    "t:\u2ca6",
    "x:\u2cac\u2cad",
    "y:\u2ca8",
    // Latin letters that imitate other Latin letters
    "a:\u0251\u0250\u1d00",
    "b:\u0299",
    "c:\u1d04",
    "d:\u0257\u1d05",
    "e:\u1d07\u0258",
    "g:\u0261\u0262",
    "h:\u029c\u04bb",
    "i:\u0131\u0269\u026a\u1fbe\u2139",
    "j:\u0237\u1d0a",
    "k:\u1d0b",
    "l:\u0196\u01c0\u2113\u217c",
    "m:\u1d0d",
    "n:\u0274",
    "o:\u1d0f\u0275\u00f8",
    "p:\u1d18",
    "r:\u0280\u1d26",
    "s:\u01bd\u1d24",
    "t:\u1d1b",
    "u:\u1d1c\u028b",
    "v:\u1d20\u028c",
    "w:\u1d21\u026f",
    "y:\u028f\u0263",
    "z:\u1d22",
    // Others: Lisu, Latin-like letters of Canadian syllabics and Tifinagh
    "a:\ua4ee",
    "b:\ua4d0",
    "c:\ua4da",
    "d:\ua4d3",
    "e:\ua4f0",
    "f:\ua4dd",
    "g:\ua4d6",
    "h:\ua4e7",
    "i:\ua4f2",
    "j:\ua4d9",
    "k:\ua4d7",
    "l:\ua4e1",
    "m:\ua4df",
    "n:\ua4e0",
    "o:\ua4f3\u2d54",
    "p:\ua4d1",
    "r:\ua4e3",
    "s:\ua4e2",
    "t:\ua4d4",
    "u:\ua4f4",
    "v:\ua4e6\u142f",
    "w:\ua4ea",
    "x:\ua4eb\u166e\u2d5d",
    "y:\ua4ec",
    "z:\ua4dc",
    "0:\u2d54",
  };

  private static final Map<Integer, Integer> MAP = build();

  private static Map<Integer, Integer> build() {
    Map<Integer, Integer> m = new HashMap<>();
    for (String entry : TABLE) {
      int target = entry.charAt(0);
      String sources = entry.substring(2);
      for (int i = 0; i < sources.length(); ) {
        int cp = sources.codePointAt(i);
        m.putIfAbsent(cp, target);
        // Cherokee small letters are small capitals of the capitals: they imitate the same letter.
        if (cp >= 0x13A0 && cp <= 0x13F5 && Character.toLowerCase(cp) != cp) {
          m.putIfAbsent(Character.toLowerCase(cp), target);
        }
        i += Character.charCount(cp);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The Latin letter or digit {@code cp} imitates, or -1. */
  public static int target(int cp) {
    Integer t = MAP.get(cp);
    return t == null ? -1 : t;
  }

  /** Every entry: imitating code point to its Latin target. */
  public static Map<Integer, Integer> all() {
    return MAP;
  }
}

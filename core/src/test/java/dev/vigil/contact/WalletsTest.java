package dev.vigil.contact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checksum validators against the published test vectors of BIP-173, BIP-350 and EIP-55. */
class WalletsTest {

  @Test
  void keccakPermutationAgreesWithTheJdkSha3() throws Exception {
    // SHA3-256 is the same sponge with padding byte 0x06: agreement on random inputs of every length
    // around the rate (136 bytes) checks the permutation, the absorbing and the padding.
    SplittableRandom random = new SplittableRandom(7);
    MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
    for (int length = 0; length < 300; length++) {
      byte[] input = new byte[length];
      for (int i = 0; i < length; i++) {
        input[i] = (byte) random.nextInt(256);
      }
      assertArrayEquals(sha3.digest(input), Keccak.sponge(input, (byte) 0x06), "length " + length);
    }
  }

  @Test
  void keccak256KnownDigests() {
    assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        HexFormat.of().formatHex(Keccak.keccak256(new byte[0])));
    assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        HexFormat.of().formatHex(Keccak.keccak256("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  /** EIP-55's own examples: all caps, all lower, and the normal mixed case. */
  @ParameterizedTest
  @ValueSource(strings = {
      "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
      "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
  void eip55Examples(String address) {
    assertTrue(Wallets.isEthereumAddress(address), address);
  }

  @Test
  void eip55RejectsAWrongCaseAndWrongShapes() {
    // One letter's case flipped in an EIP-55 example.
    assertFalse(Wallets.isEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    assertFalse(Wallets.isEthereumAddress("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    assertFalse(Wallets.isEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"));
    assertFalse(Wallets.isEthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd"));
    assertFalse(Wallets.isEthereumAddress("0xgaAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    assertTrue(Wallets.hasEip55Checksum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    assertFalse(Wallets.hasEip55Checksum("0xde709f2102306220921060314715629080e2fb77"));
  }

  /** BIP-173 valid Bech32 strings (checksum only; not all are addresses). */
  @ParameterizedTest
  @ValueSource(strings = {"A12UEL5L", "a12uel5l",
      "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
      "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
      "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
      "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"})
  void bip173ValidChecksums(String s) {
    int[] decoded = Wallets.bech32Decode(s);
    assertNotNull(decoded, s);
    assertEquals(1, decoded[0], "Bech32 constant for " + s);
  }

  /** BIP-173 invalid strings: no separator, empty HRP, bad characters, short checksum, bad checksum. */
  @ParameterizedTest
  @ValueSource(strings = {" 1nwldj5", "\u007f1axkwrx", "\u00801eym55h",
      "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
      "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "de1lg7wt\u00ff", "A1G7SGD8",
      "10a06t8", "1qzzfhee"})
  void bip173InvalidStrings(String s) {
    assertNull(Wallets.bech32Decode(s), s);
  }

  /** BIP-350's valid SegWit addresses (v0 in Bech32, v1 to v16 in Bech32m). */
  @ParameterizedTest
  @ValueSource(strings = {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
      "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
      "BC1SW50QGDZ25J", "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
      "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
      "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"})
  void bip350ValidAddresses(String address) {
    assertTrue(Wallets.isSegwitAddress(address), address);
  }

  /** BIP-350's invalid addresses, and BIP-173's v0 ones. */
  @ParameterizedTest
  @ValueSource(strings = {
      "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
      "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
      "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
      "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
      "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
      "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
      "bc1pw5dgrnzv",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
      "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
      "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
      "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
      "bc1gmk9yu",
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
      "bc1rw5uspcuh"})
  void bip350InvalidAddresses(String address) {
    assertFalse(Wallets.isSegwitAddress(address), address);
  }

  @Test
  void base58CheckAddresses() {
    // The genesis block's address, BIP-13's P2SH example, and a testnet address.
    assertEquals("bitcoin", Wallets.base58Coin("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    assertEquals("bitcoin", Wallets.base58Coin("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
    assertEquals("bitcoin", Wallets.base58Coin("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"));
    assertEquals("bitcoin-testnet", Wallets.base58Coin("mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r"));
    // One character changed, a character outside the alphabet (0), wrong lengths.
    assertNull(Wallets.base58Coin("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"));
    assertNull(Wallets.base58Coin("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a"));
    assertNull(Wallets.base58Coin("1A1zP1eP5QGefi2DMPTfTL5SLmv7Div"));
    assertNull(Wallets.base58Coin("1111111111111111111111111111111111111"));
  }

  @Test
  void randomStringsOfTheRightShapeAreNotWallets() {
    SplittableRandom random = new SplittableRandom(11);
    String base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    int accepted = 0;
    for (int i = 0; i < 10_000; i++) {
      StringBuilder b = new StringBuilder("1");
      for (int j = 0; j < 33; j++) {
        b.append(base58.charAt(random.nextInt(base58.length())));
      }
      accepted += Wallets.base58Coin(b.toString()) != null ? 1 : 0;
    }
    // A 32-bit checksum: a random string passes about once in four billion tries.
    assertEquals(0, accepted);
  }
}

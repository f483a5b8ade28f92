package dev.vigil.contact;

/**
 * Finds cryptocurrency wallet addresses (Ethereum with its EIP-55 checksum, Bitcoin's base58 and
 * segwit forms; see {@link Wallets}) as whole tokens of the text. Not API; used by {@link Contacts}.
 */
final class WalletScanner {
  private WalletScanner() {}

  static void scan(String s, ContactSink sink) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (!Contacts.isAsciiAlnum(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Contacts.isAsciiAlnum(s.charAt(i))) {
        i++;
      }
      int length = i - start;
      boolean bounded = (start == 0 || !Character.isLetterOrDigit(s.codePointBefore(start)))
          && (i == n || !Character.isLetterOrDigit(s.codePointAt(i)));
      if (!bounded || length < 14 || length > 90) {
        continue;
      }
      String token = s.substring(start, i);
      String coin = null;
      double confidence = 1.0;
      if (length == 42 && token.charAt(0) == '0' && (token.charAt(1) == 'x' || token.charAt(1) == 'X')) {
        if (Wallets.isEthereumAddress(token)) {
          coin = "ethereum";
          // One case carries no checksum: any 40 hex digits pass.
          confidence = Wallets.hasEip55Checksum(token) ? 1.0 : 0.7;
        }
      } else if (startsWithSegwitPrefix(token)) {
        if (Wallets.isSegwitAddress(token)) {
          coin = token.regionMatches(true, 0, "ltc", 0, 3) ? "litecoin" : "bitcoin";
        }
      } else if (length >= 26 && length <= 35) {
        coin = Wallets.base58Coin(token);
      }
      if (coin != null && !sink.accept(new Contact(Contact.Kind.WALLET, start, i, token, token, coin,
          false, confidence))) {
        return;
      }
    }
  }

  private static boolean startsWithSegwitPrefix(String t) {
    return t.regionMatches(true, 0, "bc1", 0, 3) || t.regionMatches(true, 0, "tb1", 0, 3)
        || t.regionMatches(true, 0, "ltc1", 0, 4);
  }
}

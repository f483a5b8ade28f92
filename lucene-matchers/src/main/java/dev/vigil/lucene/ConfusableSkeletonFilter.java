package dev.vigil.lucene;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.jspecify.annotations.Nullable;

/**
 * Replaces each token by its confusable skeleton as Unicode Technical Standard #39 defines it (section
 * 4, "Confusable Detection"), computed by ICU4J's {@link SpoofChecker} from Unicode's own confusables
 * data, and folded: two words that look alike (a Latin "paypal" and one with a Cyrillic "а", a "1" for
 * an "l", "rn" for "m") become the same token. Offsets are left as they are, so a hit still points at the
 * original text.
 *
 * <p>A skeleton is case sensitive: a capital "I" is the prototype "l", a small "i" stays "i"; a
 * Cyrillic capital "В" is a "B" while its small "в" looks like no Latin letter. Folding case first loses
 * the first kind of look-alike, folding it after breaks case-insensitive matching ("IRON" would become
 * "lron", no longer "iron"). So the filter emits both forms, the second at the same position (as a
 * synonym) when they differ: the skeleton of the folded token, and the skeleton of the folded skeleton
 * of the token, each folded again (ICU's folding: case, accents, compatibility forms, default
 * ignorables). A query analyzed the same way matches either.
 *
 * <p>This is the full Unicode table (as of the ICU4J release on the class path), against core's stage of
 * look-alike letters, which is ours and covers the letters most used to evade; the README compares the
 * two on {@code confusables.txt}.
 *
 * <p>Thread safety: a filter belongs to one token stream, as every Lucene filter; the checker and the
 * normalizer behind it are immutable and shared.
 */
public final class ConfusableSkeletonFilter extends TokenFilter {
  // ICU documents a built SpoofChecker's test functions, getSkeleton among them, as safe to call from
  // several threads at once.
  private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
  private static final Normalizer2 FOLD = ICUFoldingFilter.NORMALIZER;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
  private @Nullable String pending; // the second form of the last token, still to emit
  private @Nullable State pendingState;

  /** Skeletons the tokens of {@code input}. */
  public ConfusableSkeletonFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (pending != null) {
      restoreState(pendingState);
      term.setEmpty().append(pending);
      position.setPositionIncrement(0);
      pending = null;
      pendingState = null;
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    List<String> forms = skeletons(term.toString());
    term.setEmpty().append(forms.get(0));
    if (forms.size() > 1) {
      pending = forms.get(1);
      pendingState = captureState();
    }
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = null;
    pendingState = null;
  }

  /** The forms of {@code word} this filter emits: one, or two when they differ. */
  public static List<String> skeletons(String word) {
    String folded = FOLD.normalize(CHECKER.getSkeleton(FOLD.normalize(word)));
    String caseLater = FOLD.normalize(CHECKER.getSkeleton(FOLD.normalize(CHECKER.getSkeleton(word))));
    return folded.equals(caseLater) ? List.of(folded) : List.of(folded, caseLater);
  }
}
